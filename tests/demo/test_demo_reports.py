"""What the demo ships for the report sections (#13 item 8): «комплекс мер» indicators and the year's госзадание
plan, so a new user sees those sections filled; and no early-help programme (ИПРП) for a child aged 3 or more."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.core.dates import age_on
from app.reports.indicators import compute_indicators, list_indicators
from app.reports.periods import parse_period
from app.reports.quarterly import compute_quarterly
from app.reports.state_assignment import read_plan
from db.models import DictionaryItem, Person, SupportCase
from tests.demo.test_generator import TODAY, medium  # noqa: F401


def test_no_early_help_programme_for_a_child_of_three_or_more(medium) -> None:  # noqa: F811
    database, _summary = medium
    kind, reason = aliased(DictionaryItem), aliased(DictionaryItem)
    with database.read() as session:
        rows = session.execute(
            select(Person.birth_date, SupportCase.opened_on, SupportCase.closed_on, reason.code)
            .join(kind, kind.id == SupportCase.kind_id)
            .join(Person, Person.id == SupportCase.child_person_id)
            .outerjoin(reason, reason.id == SupportCase.closing_reason_id)
            .where(kind.code == "iprp")).all()
    assert len(rows) >= 3  # the demo still has early help
    assert all(age_on(born, opened) < 3 for born, opened, _closed, _reason in rows)
    # Still open only while the child is under three; closed for the age limit on the third birthday.
    for born, _opened, closed, code in rows:
        if closed is None:
            assert age_on(born, TODAY) < 3
        elif code == "age_limit":
            assert age_on(born, closed) == 3 and age_on(born, date.fromordinal(closed.toordinal() - 1)) == 2


def test_indicators_and_state_assignment_plan_fill_their_sections(medium) -> None:  # noqa: F811
    database, _summary = medium
    period = parse_period(f"{TODAY.year}-Q1")
    with database.read() as session:
        indicators = list_indicators(session, active_only=True)
        plan = read_plan(session, TODAY.year)
        report = compute_indicators(session, period)
        quarterly = compute_quarterly(session, period)
    assert len(indicators) >= 4 and {i.source for i in indicators} >= {"families_at_end", "category:sop"}
    assert [line.measure for line in plan.lines] == ["recipients", "services"]
    assert all(line.planned > 0 and line.registry_number for line in plan.lines)
    assert all(line.actual is not None for line in report.lines)
    assert quarterly.plan is not None and [row.okei for row in quarterly.plan.rows] == ["792", "642"]


def test_every_programme_has_its_decision_and_contract_and_a_termination_refers_to_one(medium) -> None:  # noqa: F811
    from db.models import SocialPaper

    database, _summary = medium
    kind, reason = aliased(DictionaryItem), aliased(DictionaryItem)
    with database.read() as session:
        cases = session.execute(
            select(SupportCase.id, kind.code, SupportCase.opened_on, SupportCase.closed_on, reason.code)
            .join(kind, kind.id == SupportCase.kind_id)
            .outerjoin(reason, reason.id == SupportCase.closing_reason_id)).all()
        papers = session.execute(select(SocialPaper.case_id, SocialPaper.kind, SocialPaper.issued_on,
                                        SocialPaper.applied_on, SocialPaper.terminated_on)).all()
    by_case: dict = {}
    for case_id, paper_kind, issued, applied, terminated in papers:
        by_case.setdefault(case_id, {})[paper_kind] = (issued, applied, terminated)
    programmes = [row for row in cases if row[1] == "ippsu"]
    assert programmes and {row[0] for row in programmes} == set(by_case)
    for case_id, _kind, opened, closed, code in programmes:
        decision, contract = by_case[case_id]["need_decision"], by_case[case_id]["contract"]
        assert decision[1] < decision[0] < opened == contract[0]  # application, decision, programme and contract
        assert contract[2] == (closed if code == "contract_terminated" else None)
    assert all(row[1] == "ippsu" for row in cases if row[4] == "contract_terminated")
    assert any(row[4] == "contract_terminated" for row in programmes)
