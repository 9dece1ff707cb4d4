"""The demo's assessments (#17): every case closed with «цели достигнуты» has its closing assessment (the closing
rule holds in the demo data), values lie on their scales, and the effectiveness report of a year is filled with
every kind of dynamics and its control relations holding."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.effectiveness.assessments import has_closing_assessment
from app.reports.effectiveness import compute_effectiveness
from app.reports.periods import parse_period
from db.models import DictionaryItem, SupportCase
from db.models.effectiveness import Assessment, AssessmentCriterion, AssessmentValue
from tests.demo.test_generator import TODAY, medium  # noqa: F401


def test_demo_assessments_keep_the_rules_and_fill_the_report(medium) -> None:  # noqa: F811
    database, _summary = medium
    reason = aliased(DictionaryItem)
    with database.read() as session:
        goals = session.execute(select(SupportCase.id).join(reason, reason.id == SupportCase.closing_reason_id)
                                .where(reason.code == "goals_achieved")).scalars().all()
        assert goals and all(has_closing_assessment(session, case_id) for case_id in goals)
        assert session.execute(select(func.count()).select_from(Assessment)).scalar_one() > len(goals)
        outside = session.execute(
            select(func.count()).select_from(AssessmentValue)
            .join(AssessmentCriterion, AssessmentCriterion.id == AssessmentValue.criterion_id)
            .where((AssessmentValue.value < AssessmentCriterion.scale_min)
                   | (AssessmentValue.value > AssessmentCriterion.scale_max))).scalar_one()
        assert outside == 0
        report = compute_effectiveness(session, parse_period(str(TODAY.year - 1)))
    total = report.total
    assert total.closed > 0 and total.positive > 0 and total.none + total.negative > 0
    for row in (total, *report.by_area, *report.by_category, *report.by_mode, *report.by_level):
        assert row.positive + row.none + row.negative == row.assessed <= row.closed
    assert sum(row.closed for row in report.by_mode) == total.closed
    # The demo's family-support cases have levels, the programmes and courses none: both kinds of row appear.
    assert sum(row.closed for row in report.by_level) == total.closed and len(report.by_level) > 1
