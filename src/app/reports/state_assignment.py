"""The госзадание volume table: the year's plan as entered, against what the data shows done to date.

The plan lives in the settings table, one row per year (`state_assignment_<year>`): lines of
(measure, form of service, planned volume, allowed deviation in per cent, reason for a deviation).
A line measures either recipients (distinct persons, a family served as a whole counting once) or
services (quantities), in one form of social service or in all of them.

"Done to date" counts from 1 January of the period's year to the period's last day. Before the year
ends, the plan is compared pro rata: the volume expected by the period's end is the year's plan times
the share of the year's days elapsed; a deviation beyond the allowed one is how far the done volume
lies from the expected volume, in per cent of it, past the allowed per cent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.changes import SETTINGS
from app.core.checks import Checker
from app.core.permissions import RUN_REPORTS, require
from db.models import Setting

RECIPIENTS = "recipients"
SERVICES = "services"
MEASURES = {RECIPIENTS: ("Численность получателей социальных услуг", "человек"),
            SERVICES: ("Количество предоставленных социальных услуг", "единиц")}
ALL_FORMS = ""
MAX_ALLOWED_PCT = 100.0
MAX_PLANNED = 10_000_000


@dataclass(frozen=True)
class PlanLine:
    measure: str
    form_code: str
    planned: int
    allowed_pct: float
    reason: str = ""


@dataclass(frozen=True)
class YearPlan:
    year: int
    lines: tuple[PlanLine, ...]


@dataclass(frozen=True)
class PlanRow:
    """A row of the volume table in a report."""

    name: str
    unit: str
    planned: int
    expected: int
    done: int
    allowed_pct: float
    deviation_pct: float | None
    beyond_pct: float
    reason: str


@dataclass(frozen=True)
class PlanSection:
    year: int
    to_date: date
    rows: tuple[PlanRow, ...]


def _key(year: int) -> str:
    return f"state_assignment_{year}"


def read_plan(session: Session, year: int) -> YearPlan:
    """The year's plan; a missing or damaged setting reads as an empty plan."""
    row = session.get(Setting, _key(year))
    lines: list[PlanLine] = []
    raw = row.value.get("lines", []) if row is not None and isinstance(row.value, dict) else []
    for item in raw if isinstance(raw, list) else []:
        try:
            lines.append(PlanLine(str(item["measure"]), str(item.get("form_code", "")), int(item["planned"]),
                                  float(item.get("allowed_pct", 0)), str(item.get("reason", ""))))
        except (KeyError, TypeError, ValueError):
            continue
    return YearPlan(year, tuple(line for line in lines if line.measure in MEASURES))


def save_plan(session: Session, actor: Actor, plan: YearPlan, form_codes: set[str]) -> frozenset[str]:
    """Check and store the year's plan (coordinators and administrators)."""
    require(actor, RUN_REPORTS)
    check = Checker()
    if not 2000 <= plan.year <= 2100:
        check.fail("year", "Поле «Год»: укажите год от 2000 до 2100.")
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(plan.lines, start=1):
        where = f"Строка {number}"
        if line.measure not in MEASURES:
            check.fail(f"line{number}.measure", f"{where}, поле «Показатель»: выберите численность получателей "
                       "или количество услуг.")
        if line.form_code != ALL_FORMS and line.form_code not in form_codes:
            check.fail(f"line{number}.form", f"{where}, поле «Форма обслуживания»: выберите форму из справочника "
                       "или «все формы».")
        if not 0 <= line.planned <= MAX_PLANNED:
            check.fail(f"line{number}.planned", f"{where}, поле «Утверждено на год»: укажите целое число "
                       "от 0 до 10 000 000.")
        if not 0 <= line.allowed_pct <= MAX_ALLOWED_PCT:
            check.fail(f"line{number}.allowed", f"{where}, поле «Допустимое отклонение, %»: укажите число "
                       "от 0 до 100.")
        if (line.measure, line.form_code) in seen:
            check.fail(f"line{number}.measure", f"{where}: такой показатель для этой формы уже есть в плане.")
        seen.add((line.measure, line.form_code))
    check.done()
    value = {"lines": [{"measure": line.measure, "form_code": line.form_code, "planned": line.planned,
                        "allowed_pct": line.allowed_pct, "reason": line.reason.strip()} for line in plan.lines]}
    session.merge(Setting(key=_key(plan.year), value=value))
    audit.record(session, actor, "update", "setting", _key(plan.year), ["lines"])
    return frozenset({SETTINGS})


def elapsed_share(to_date: date) -> float:
    """The share of the year's days from 1 January to `to_date` inclusive."""
    first = date(to_date.year, 1, 1)
    days = (date(to_date.year + 1, 1, 1) - first).days
    return ((to_date - first).days + 1) / days


def plan_rows(plan: YearPlan, to_date: date, done: dict[tuple[str, str], int],
              form_names: dict[str, str]) -> PlanSection:
    """Compare each plan line with `done[(measure, form_code)]` as of `to_date` (see the module's rules)."""
    share = elapsed_share(to_date)
    rows = []
    for line in plan.lines:
        title, unit = MEASURES[line.measure]
        form = form_names.get(line.form_code, line.form_code) if line.form_code else "все формы"
        expected = round(line.planned * share)
        actual = done.get((line.measure, line.form_code), 0)
        deviation = (actual - expected) / expected * 100 if expected else None
        beyond = max(0.0, abs(deviation) - line.allowed_pct) if deviation is not None else 0.0
        rows.append(PlanRow(f"{title} ({form.lower()})", unit, line.planned, expected, actual, line.allowed_pct,
                            deviation, round(beyond, 1), line.reason))
    return PlanSection(plan.year, to_date, tuple(rows))


def done_volumes(services: Any) -> dict[tuple[str, str], int]:
    """Recipients and services by form and in all, from a `ServicesSection` computed for the year to date."""
    done = {(RECIPIENTS, ALL_FORMS): services.recipients, (SERVICES, ALL_FORMS): services.services}
    for cell in services.by_form:
        done[(RECIPIENTS, cell.form_code)] = cell.recipients
        done[(SERVICES, cell.form_code)] = cell.services
    return done
