"""The госзадание plan: entered and checked in settings, compared with the year to date in the report."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.errors import PermissionDenied, ValidationError
from app.reports.periods import parse_period
from app.reports.quarterly import compute_quarterly
from app.reports.state_assignment import (
    RECIPIENTS,
    SERVICES,
    PlanLine,
    YearPlan,
    elapsed_share,
    read_plan,
    save_plan,
)
from db.models import Setting
from tests.app.reports.test_quarterly import build

FORMS = {"home", "semi_stationary", "stationary"}
PLAN_2025 = YearPlan(2025, (PlanLine(RECIPIENTS, "", 20, 10.0, "Семьи отказываются от услуг"),
                            PlanLine(SERVICES, "home", 10, 5.0)))


def test_plan_is_saved_and_read_back(database, world) -> None:
    with database.write() as session:
        assert read_plan(session, 2025) == YearPlan(2025, ())
        save_plan(session, world.coordinator, PLAN_2025, FORMS)
    with database.read() as session:
        assert read_plan(session, 2025) == PLAN_2025
        assert read_plan(session, 2026).lines == ()


def test_plan_is_checked(database, world) -> None:
    bad = YearPlan(2025, (PlanLine(RECIPIENTS, "", -1, 10.0), PlanLine("people", "", 5, 0.0),
                          PlanLine(SERVICES, "nowhere", 5, 150.0), PlanLine(RECIPIENTS, "", 3, 0.0)))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        save_plan(session, world.coordinator, bad, FORMS)
    errors = caught.value.errors
    assert "Утверждено на год" in errors["line1.planned"]
    assert "Показатель" in errors["line2.measure"]
    assert "Форма обслуживания" in errors["line3.form"]
    assert "Допустимое отклонение" in errors["line3.allowed"]
    assert "уже есть" in errors["line4.measure"]
    with database.write() as session, pytest.raises(PermissionDenied):
        save_plan(session, world.specialist, PLAN_2025, FORMS)


def test_damaged_setting_reads_as_an_empty_plan(database, world) -> None:
    with database.write() as session:
        session.add(Setting(key="state_assignment_2025", value={"lines": [{"measure": "recipients"}, "x"]}))
    with database.read() as session:
        assert read_plan(session, 2025).lines == ()


def test_elapsed_share() -> None:
    assert elapsed_share(date(2025, 12, 31)) == 1
    assert elapsed_share(date(2025, 9, 30)) == 273 / 365
    assert elapsed_share(date(2024, 12, 31)) == 1  # a leap year


def test_report_compares_the_year_to_date(database, world) -> None:
    build(database, world)
    with database.write() as session:
        save_plan(session, world.coordinator, PLAN_2025, FORMS)
    with database.read() as session:
        report = compute_quarterly(session, parse_period("2025-Q3"))
        year = compute_quarterly(session, parse_period("2025"))
    plan = report.plan
    assert plan is not None and plan.year == 2025 and plan.to_date == date(2025, 9, 30)
    recipients, home = plan.rows
    # Since 1 January: the seven recipients of the quarter (Алла and the Антоновы were served in June too).
    assert (recipients.planned, recipients.expected, recipients.done) == (20, 15, 7)
    assert recipients.deviation_pct == pytest.approx(-53.333, abs=0.001)
    assert recipients.beyond_pct == 43.3
    assert recipients.reason == "Семьи отказываются от услуг"
    assert recipients.name == "Численность получателей социальных услуг (все формы)"
    # Home services: 7 in the quarter + 5 at the June visit; 7 expected by 30.09.
    assert (home.planned, home.expected, home.done, home.allowed_pct) == (10, 7, 12, 5.0)
    assert home.beyond_pct == 66.4
    assert home.unit == "единиц"
    assert year.plan is not None and year.plan.rows[0].expected == 20  # the whole plan at the year's end
    assert year.plan.rows[1].done == 12  # nothing after September in the data
