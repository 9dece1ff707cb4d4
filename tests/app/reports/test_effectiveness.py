"""«Отчёт об эффективности сопровождения» on a hand-built set: every figure, the control relations (positive +
none + negative = cases with dynamics; each breakdown row likewise; modes and levels sum to the closed cases),
agreement with the family card's dynamics, the files re-opened, and the CLI-facing catalog."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from app.cases.cases import close_case
from app.core.errors import PermissionDenied
from app.effectiveness.assessments import CLOSING, INTAKE, AssessmentData, family_assessments, record_assessment
from app.reports.catalog import EFFECTIVENESS, ReportRequest, build_report
from app.reports.effectiveness import NO_CATEGORY, NO_LEVEL, NO_SESSIONS, compute_effectiveness
from app.reports.export import export_report
from app.reports.periods import quarter
from db.models import FamilyCategory, RehabSession, Service, SupportCase
from db.models.effectiveness import AssessmentArea, AssessmentCriterion
from tests.app.assessment_setup import CHILD_INSTRUMENT, criteria, instrument_id
from tests.app.case_setup import open_new_case
from tests.app.family_setup import mother_and_child

PERIOD = quarter(2025, 3)


def _assess(session, world, family, case_id, kind, on, values, code="family_situation", person=None):
    return record_assessment(session, world.specialist, AssessmentData(
        family.id, instrument_id(session, code), kind, on, world.psychologist_id, case_id=case_id, person_id=person,
        values=values)).id


def _sessions(session, world, case_id, mode_code, count):
    service = session.execute(select(Service.id).limit(1)).scalar_one()
    for day in range(count):
        session.add(RehabSession(starts_at=datetime.combine(date(2025, 5, 5 + day), time(10)),
                                 staff_id=world.psychologist_id, service_id=service, case_id=case_id,
                                 delivery_mode_id=world.code(session, "delivery_mode", mode_code)))


def _close(session, world, case_id, on, reason):
    close_case(session, world.specialist, case_id, on, world.code(session, "case_closing_reason", reason))


@pytest.fixture
def built(database, world):
    return build_effectiveness(database, world)


def build_effectiveness(database, world):
    """Cases A (positive), B (none: an area fell two steps), C (negative, a child), D (one assessment), E (closed
    before the period)."""
    f1, f2, f3, f4 = (mother_and_child(database, world, name) for name in ("Белова", "Зайцева", "Власова", "Орлова"))
    a = open_new_case(database, world, f1, opened_on=date(2025, 1, 10))
    b = open_new_case(database, world, f2, opened_on=date(2025, 3, 1), child_person_id=f2.child_id)
    c = open_new_case(database, world, f3, opened_on=date(2025, 2, 1), child_person_id=f3.child_id)
    d = open_new_case(database, world, f4, opened_on=date(2025, 4, 1), child_person_id=f4.child_id)
    e = open_new_case(database, world, f1, opened_on=date(2025, 1, 20))
    with database.write() as session:
        family = criteria(session)
        child = criteria(session, CHILD_INSTRUMENT)
        # Levels of support: A intensive, C emergency, B and D without one.
        session.get(SupportCase, a).support_level_id = world.code(session, "support_level", "intensive")
        session.get(SupportCase, c).support_level_id = world.code(session, "support_level", "emergency")
        for fam, code, since in ((f1, "disabled_child", date(2025, 1, 1)), (f3, "disabled_child", date(2024, 1, 1)),
                                 (f3, "large", date(2024, 1, 1)), (f4, "tzhs", date(2025, 10, 1))):
            session.add(FamilyCategory(family_id=fam.id, category_id=world.code(session, "family_category", code),
                                       started_on=since))
        _assess(session, world, f1, a, INTAKE, date(2025, 1, 15), dict.fromkeys(family, 2))
        _assess(session, world, f1, a, CLOSING, date(2025, 7, 30), dict.fromkeys(family, 3))
        _close(session, world, a, date(2025, 8, 1), "goals_achieved")
        _sessions(session, world, a, "centre", 2)
        _sessions(session, world, a, "mobile", 1)
        _assess(session, world, f2, b, INTAKE, date(2025, 3, 2), dict.fromkeys(family, 3))
        _assess(session, world, f2, b, CLOSING, date(2025, 9, 10), {**dict.fromkeys(family, 4), family[0]: 1})
        _close(session, world, b, date(2025, 9, 15), "family_moved")
        _assess(session, world, f3, c, INTAKE, date(2025, 2, 3), {child[0]: 1, child[1]: 2}, CHILD_INSTRUMENT,
                f3.child_id)
        _assess(session, world, f3, c, CLOSING, date(2025, 8, 30), {child[0]: 3, child[1]: 2}, CHILD_INSTRUMENT,
                f3.child_id)
        _close(session, world, c, date(2025, 9, 1), "family_refusal")
        _sessions(session, world, c, "remote", 1)
        _assess(session, world, f4, d, INTAKE, date(2025, 4, 2), dict.fromkeys(family, 2))
        _close(session, world, d, date(2025, 7, 1), "family_moved")
        _assess(session, world, f1, e, INTAKE, date(2025, 1, 21), dict.fromkeys(family, 1))
        _assess(session, world, f1, e, CLOSING, date(2025, 6, 29), dict.fromkeys(family, 4))
        _close(session, world, e, date(2025, 6, 30), "goals_achieved")
    return {"a": a, "b": b, "c": c, "d": d, "families": (f1, f2, f3, f4)}


def _counts(row):
    return (row.name, row.closed, row.assessed, row.positive, row.none, row.negative, row.not_assessed)


def test_every_figure_and_the_control_relations(database, world, built):
    with database.read() as session:
        report = compute_effectiveness(session, PERIOD, office_ids=[world.office_id])
        first_area = session.execute(select(AssessmentArea.name).join(
            AssessmentCriterion, AssessmentCriterion.area_id == AssessmentArea.id).where(
            AssessmentCriterion.id == criteria(session)[0])).scalar_one()
    assert _counts(report.total) == ("Всего закрыто случаев сопровождения", 4, 3, 1, 1, 1, 1)
    assert [_counts(row) for row in report.by_category] == [
        ("Семья с ребёнком-инвалидом", 2, 2, 1, 0, 1, 0),
        ("Многодетная семья", 1, 1, 0, 0, 1, 0),
        (NO_CATEGORY, 2, 1, 0, 1, 0, 1),  # Орловы became «ТЖС» after their case closed
    ]
    assert [_counts(row) for row in report.by_mode] == [
        ("В центре", 1, 1, 1, 0, 0, 0), ("Дистанционно", 1, 1, 0, 0, 1, 0), (NO_SESSIONS, 2, 1, 0, 1, 0, 1)]
    assert [_counts(row) for row in report.by_level] == [
        ("Экстренный", 1, 1, 0, 0, 1, 0), ("Интенсивный", 1, 1, 1, 0, 0, 0), (NO_LEVEL, 2, 1, 0, 1, 0, 1)]
    # Areas: the family instrument's first area improved in A and fell two steps in B; the other nine improved
    # in both; the child's first activity worsened, the second did not change.
    areas = {row.name: (row.assessed, row.positive, row.none, row.negative) for row in report.by_area}
    assert areas[f"Оценка ситуации в семье: {first_area}"] == (2, 1, 0, 1)
    assert sum(1 for value in areas.values() if value == (2, 2, 0, 0)) == 9
    assert areas["Оценка функционирования ребёнка: Самообслуживание"] == (1, 0, 0, 1)
    assert areas["Оценка функционирования ребёнка: Передвижение"] == (1, 0, 1, 0)
    assert len(areas) == 12
    assert report.average_days == round(((date(2025, 8, 1) - date(2025, 1, 10)).days + (
        date(2025, 9, 15) - date(2025, 3, 1)).days + (date(2025, 9, 1) - date(2025, 2, 1)).days + (
        date(2025, 7, 1) - date(2025, 4, 1)).days) / 4, 1)
    assert [(row.unit, row.value) for row in report.indicators] == [
        ("%", 33.3), ("семей", 1.0), ("%", 25.0), ("%", 75.0), ("%", 0.0)]
    # Control relations.
    for row in (report.total, *report.by_category, *report.by_mode, *report.by_level, *report.by_area):
        assert row.positive + row.none + row.negative == row.assessed
    assert sum(row.closed for row in report.by_mode) == report.total.closed
    assert sum(row.assessed for row in report.by_mode) == report.total.assessed
    for breakdown in (report.by_mode, report.by_level):
        for figure in ("closed", "assessed", "positive", "none", "negative"):
            assert sum(getattr(row, figure) for row in breakdown) == getattr(report.total, figure), figure
    assert "ни одна область не ухудшилась на 2 шага" in report.rule


def test_the_report_agrees_with_the_card(database, world, built):
    with database.read() as session:
        verdicts = {}
        for family in built["families"]:
            verdicts.update({case: dyn.verdict for case, dyn in family_assessments(
                session, world.specialist, family.id).case_verdicts.items()})
    assert (verdicts[built["a"]], verdicts[built["b"]], verdicts[built["c"]]) == ("positive", "none", "negative")
    assert built["d"] not in verdicts


def test_the_files_carry_the_figures(database, world, built, tmp_path):
    with database.write() as session:
        exported = export_report(session, world.coordinator, ReportRequest(EFFECTIVENESS, PERIOD),
                                 ["xlsx", "docx", "pdf"], tmp_path)
    xlsx, docx, pdf = exported.files
    book = load_workbook(xlsx)
    sheet = book["Итоги"]
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    total = next(row for row in rows if row[0] == "Всего закрыто случаев сопровождения")
    assert total[1:4] == (4, 3, 1) and total[5] == 1 and total[7] == 1 and total[9] == 1
    assert any(row[0] and "ни одна область не ухудшилась" in str(row[0]) for row in rows)
    levels = [tuple(c.value for c in row) for row in book["По уровням"].iter_rows()]
    assert any(row[0] == "Интенсивный" and row[1:4] == (1, 1, 1) for row in levels)
    categories = [tuple(c.value for c in row) for row in book["По категориям"].iter_rows()]
    assert any(row[0] == NO_CATEGORY and row[1:3] == (2, 1) for row in categories)
    document = Document(str(docx))
    cells = [[cell.text.replace("\xa0", " ") for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Всего закрыто случаев сопровождения", "4", "3", "1", "33,3 %", "1", "33,3 %", "1", "33,3 %", "1"] in cells
    assert any("ни одна область не ухудшилась" in p.text for p in document.paragraphs)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


def test_a_specialist_cannot_build_it(database, world, built):
    with database.read() as session, pytest.raises(PermissionDenied):
        build_report(session, world.specialist, ReportRequest(EFFECTIVENESS, PERIOD))
    with database.read() as session:
        other_office = compute_effectiveness(session, PERIOD, office_ids=[uuid.uuid4()])
    assert other_office.total.closed == 0 and other_office.by_area == ()
