"""The госзадание volume table as the report form of ПП РФ № 640 has it (раздел «Сведения о фактическом
достижении показателей, характеризующих объём государственной услуги»).

The plan lives in the settings table, one row per year (`state_assignment_<year>`): lines of
(measure, form of service, volume approved for the year, allowed deviation in per cent, reason for a
deviation, the unique number of the registry entry, the content of the service). A line measures
either recipients (distinct persons, a family served as a whole counting once; unit «человек», ОКЕИ
792) or services (quantities; unit «единица», ОКЕИ 642), in one form of social service or in all.

Rules of the table:

* **Исполнено на отчётную дату** counts from 1 January of the period's year to the period's last day.
* **Отклонение** is measured against the volume approved for the year: (done − approved) / approved.
  There is no pro-rata "plan to date": recipients are distinct persons over the whole year and do not
  add up from quarters, so a centre that has met its annual plan in September is not "ahead".
* **Отклонение, превышающее допустимое**: an excess over the annual plan beyond the allowed per cent
  counts on any date (done only grows); a shortfall counts only on the year's last day, when the year
  is done. Otherwise it is zero.
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
# measure -> (name of the volume measure, unit by ОКЕИ, ОКЕИ code)
MEASURES = {RECIPIENTS: ("Численность получателей социальных услуг", "человек", "792"),
            SERVICES: ("Количество предоставленных социальных услуг", "единица", "642")}
ALL_FORMS_NAME = "все формы"
MAX_TEXT = 500
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
    registry_number: str = ""  # «Уникальный номер реестровой записи» of the service in the госзадание
    content: str = ""  # «Показатель, характеризующий содержание государственной услуги»


@dataclass(frozen=True)
class YearPlan:
    year: int
    lines: tuple[PlanLine, ...]


@dataclass(frozen=True)
class PlanRow:
    """A row of the volume table in a report (the columns of the ПП № 640 form)."""

    registry_number: str
    content: str
    conditions: str  # the form of service («все формы» for a line over all of them)
    name: str
    unit: str
    okei: str
    planned: int
    done: int
    deviation_pct: float | None  # against the annual plan; None when nothing is approved
    allowed_pct: float
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
                                  float(item.get("allowed_pct", 0)), str(item.get("reason", "")),
                                  str(item.get("registry_number", "")), str(item.get("content", ""))))
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
        for field, label, text in (("registry", "Уникальный номер реестровой записи", line.registry_number),
                                   ("content", "Содержание услуги", line.content), ("reason", "Причина отклонения",
                                                                                      line.reason)):
            if len(text.strip()) > MAX_TEXT:
                check.fail(f"line{number}.{field}", f"{where}, поле «{label}»: не длиннее {MAX_TEXT} знаков.")
        if (line.measure, line.form_code) in seen:
            check.fail(f"line{number}.measure", f"{where}: такой показатель для этой формы уже есть в плане.")
        seen.add((line.measure, line.form_code))
    check.done()
    value = {"lines": [{"measure": line.measure, "form_code": line.form_code, "planned": line.planned,
                        "allowed_pct": line.allowed_pct, "reason": line.reason.strip(),
                        "registry_number": line.registry_number.strip(), "content": line.content.strip()}
                       for line in plan.lines]}
    session.merge(Setting(key=_key(plan.year), value=value))
    audit.record(session, actor, "update", "setting", _key(plan.year), ["lines"])
    return frozenset({SETTINGS})


def plan_rows(plan: YearPlan, to_date: date, done: dict[tuple[str, str], int],
              form_names: dict[str, str]) -> PlanSection:
    """Compare each plan line with `done[(measure, form_code)]` as of `to_date` (see the module's rules)."""
    year_done = to_date == date(to_date.year, 12, 31)
    rows = []
    for line in plan.lines:
        title, unit, okei = MEASURES[line.measure]
        form = form_names.get(line.form_code, line.form_code) if line.form_code else ALL_FORMS_NAME
        actual = done.get((line.measure, line.form_code), 0)
        deviation = (actual - line.planned) / line.planned * 100 if line.planned else None
        beyond = 0.0
        if deviation is not None and (deviation > 0 or year_done):
            beyond = max(0.0, abs(deviation) - line.allowed_pct)
        rows.append(PlanRow(line.registry_number, line.content, form, title, unit, okei, line.planned, actual,
                            deviation, line.allowed_pct, round(beyond, 1), line.reason))
    return PlanSection(plan.year, to_date, tuple(rows))


def done_volumes(services: Any) -> dict[tuple[str, str], int]:
    """Recipients and services by form and in all, from a `ServicesSection` computed for the year to date."""
    done = {(RECIPIENTS, ALL_FORMS): services.recipients, (SERVICES, ALL_FORMS): services.services}
    for cell in services.by_form:
        done[(RECIPIENTS, cell.form_code)] = cell.recipients
        done[(SERVICES, cell.form_code)] = cell.services
    return done
