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
    plan_rows,
    read_plan,
    save_plan,
)
from db.models import Setting
from tests.app.reports.test_quarterly import build

FORMS = {"home", "semi_stationary", "stationary"}
REGISTRY = "870000О.99.0.АЭ25АА00000"
PLAN_2025 = YearPlan(2025, (PlanLine(RECIPIENTS, "", 20, 10.0, "Семьи отказываются от услуг", REGISTRY,
                                     "Предоставление социального обслуживания"),
                            PlanLine(SERVICES, "home", 10, 5.0)))


def test_plan_is_saved_and_read_back(database, world) -> None:
    with database.write() as session:
        assert read_plan(session, 2025) == YearPlan(2025, ())
        save_plan(session, world.coordinator, PLAN_2025, FORMS)
    with database.read() as session:
        assert read_plan(session, 2025) == PLAN_2025
        assert read_plan(session, 2026).lines == ()


def test_plan_is_checked(database, world) -> None:
    bad = YearPlan(2025, (PlanLine(RECIPIENTS, "", -1, 10.0, "", "№" * 501), PlanLine("people", "", 5, 0.0),
                          PlanLine(SERVICES, "nowhere", 5, 150.0), PlanLine(RECIPIENTS, "", 3, 0.0)))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        save_plan(session, world.coordinator, bad, FORMS)
    errors = caught.value.errors
    assert "Утверждено на год" in errors["line1.planned"]
    assert "Уникальный номер реестровой записи" in errors["line1.registry"]
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


def test_report_compares_the_year_to_date_with_the_annual_plan(database, world) -> None:
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
    assert (recipients.planned, recipients.done) == (20, 7)
    assert recipients.deviation_pct == pytest.approx(-65.0)  # against the year's 20, not a share of it
    assert recipients.beyond_pct == 0  # a shortfall before the year is over is not yet a deviation
    assert recipients.reason == "Семьи отказываются от услуг"
    assert (recipients.registry_number, recipients.content) == (REGISTRY, "Предоставление социального обслуживания")
    assert (recipients.name, recipients.conditions) == ("Численность получателей социальных услуг", "все формы")
    assert (recipients.unit, recipients.okei) == ("человек", "792")
    # Home services: 7 in the quarter + 5 at the June visit = 12 against 10 for the year: already beyond.
    assert (home.planned, home.done, home.allowed_pct) == (10, 12, 5.0)
    assert home.deviation_pct == pytest.approx(20.0)
    assert home.beyond_pct == 15.0
    assert (home.unit, home.okei, home.conditions) == ("единица", "642", "Форма социального обслуживания на дому")
    # At the year's end a shortfall beyond the allowed per cent counts.
    assert year.plan is not None and year.plan.rows[0].beyond_pct == 55.0
    assert year.plan.rows[1].done == 12  # nothing after September in the data


def test_a_centre_that_met_its_annual_plan_is_not_reported_beyond_it() -> None:
    """The defect of the review: 1 297 recipients by 30.09 against 1 300 for the year read «+29,7 % сверх»."""
    plan = YearPlan(2026, (PlanLine(RECIPIENTS, "", 1300, 5.0), PlanLine(SERVICES, "", 1000, 10.0)))
    section = plan_rows(plan, date(2026, 9, 30), {(RECIPIENTS, ""): 1320, (SERVICES, ""): 1150}, {})
    recipients, services = section.rows
    assert recipients.deviation_pct == pytest.approx(1.538, abs=0.001) and recipients.beyond_pct == 0
    assert services.deviation_pct == pytest.approx(15.0) and services.beyond_pct == 5.0
    nothing = plan_rows(YearPlan(2026, (PlanLine(RECIPIENTS, "", 0, 5.0),)), date(2026, 12, 31),
                        {(RECIPIENTS, ""): 3}, {})
    assert nothing.rows[0].deviation_pct is None and nothing.rows[0].beyond_pct == 0
