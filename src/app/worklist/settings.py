"""The deadline kinds and the administrator's settings for each: switched on or off, and its number of days.

A kind's days mean «warn this many days before» for a date that is coming (an ИПРА ending, a child's birthday)
and «after this many days without» for a silence (no visit to a СОП family, no contact at all).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.changes import SETTINGS
from app.core.errors import ValidationError
from app.core.settings import NumberSetting, read_number, write_number
from db.models import Setting


@dataclass(frozen=True)
class DeadlineKind:
    code: str
    title: str  # Russian, as the lists and the workbook show it
    days_label: str  # what the number of days means for this kind
    default_days: int


KINDS: tuple[DeadlineKind, ...] = (
    DeadlineKind("ipra", "Срок ИПРА истекает или истёк", "дней до окончания ИПРА", 60),
    DeadlineKind("ippsu_review", "Пересмотр ИППСУ", "дней до срока пересмотра", 60),
    DeadlineKind("consent", "Согласие на обработку персональных данных", "дней до окончания срока согласия", 30),
    DeadlineKind("plan_overdue", "Просроченные мероприятия плана", "дней после срока", 0),
    DeadlineKind("sop_no_visit", "Семья в СОП без посещения", "дней без посещения", 30),
    DeadlineKind("kdn_review", "Рассмотрение в КДН и ЗП (СОП)", "дней до даты рассмотрения", 14),
    DeadlineKind("early_help_age", "Ребёнку исполняется 3 года (окончание ИПРП)", "дней до дня рождения", 60),
    DeadlineKind("adulthood", "Ребёнку исполняется 18 лет", "дней до дня рождения", 60),
    DeadlineKind("no_contact", "Семья на сопровождении без контакта", "дней без посещения, занятия, мероприятия",
                 90),
)
KIND_BY_CODE = {kind.code: kind for kind in KINDS}


def _days(kind: DeadlineKind) -> NumberSetting:
    return NumberSetting(f"deadline_{kind.code}_days", f"{kind.title}: {kind.days_label}", kind.default_days,
                         0, 3650)


def _enabled(kind: DeadlineKind) -> NumberSetting:
    return NumberSetting(f"deadline_{kind.code}_on", f"{kind.title}: включено", 1, 0, 1)


@dataclass(frozen=True)
class DeadlineSetting:
    kind: DeadlineKind
    enabled: bool
    days: int


def read_deadline_settings(session: Session) -> list[DeadlineSetting]:
    """Every kind with its switch and days (defaults until the administrator changes them)."""
    # The rows the administrator has written, in one query: `read_number` then finds them in the session instead
    # of asking for each of the 18 keys (the screen reads the settings once per deadline kind).
    numbers = [(kind, _enabled(kind), _days(kind)) for kind in KINDS]
    written = {row.key for row in session.scalars(select(Setting).where(
        Setting.key.in_([setting.key for _kind, *settings in numbers for setting in settings])))}

    def value(setting: NumberSetting) -> float:
        return read_number(session, setting) if setting.key in written else setting.default

    return [DeadlineSetting(kind, bool(value(enabled)), int(value(days))) for kind, enabled, days in numbers]


def write_deadline_setting(session: Session, actor: Actor, code: str, enabled: bool, days: int) -> frozenset[str]:
    """The administrator switches a kind on or off and sets its days (audited, checked)."""
    kind = KIND_BY_CODE.get(code)
    if kind is None:
        raise ValidationError({"kind": f"Поле «Вид срока»: неизвестный вид «{code}»."})
    write_number(session, actor, _enabled(kind), 1 if enabled else 0)
    write_number(session, actor, _days(kind), days)
    return frozenset({SETTINGS})
