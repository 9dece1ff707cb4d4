"""Database-wide settings an administrator changes: thresholds, timeouts, limits.

Each setting has a key, a default and a range; reading one never fails (a missing or damaged
value reads as its default), writing one is checked, needs the administrator and is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.changes import SETTINGS
from app.core.errors import ValidationError
from app.core.permissions import MANAGE_DICTIONARIES, RUN_REPORTS, require
from db.models import Setting


@dataclass(frozen=True)
class NumberSetting:
    key: str
    label: str  # Russian, for messages naming the field
    default: float
    minimum: float
    maximum: float
    integer: bool = True
    permission: str = MANAGE_DICTIONARIES  # who may change it


# A report setting: coordinators, who make the reports, may change it too.
REMOTE_KM = NumberSetting("remote_km", "Удалённый населённый пункт, от (км)", 50, 1, 2000, integer=False,
                          permission=RUN_REPORTS)
AUTOLOCK_MINUTES = NumberSetting("autolock_minutes", "Блокировка при бездействии, минут", 10, 1, 240)
BACKUPS_DAILY_KEPT = NumberSetting("backups_daily_kept", "Хранить ежедневных копий", 14, 1, 365)
NUMBER_SETTINGS = (REMOTE_KM, AUTOLOCK_MINUTES, BACKUPS_DAILY_KEPT)


def read_number(session: Session, setting: NumberSetting) -> float:
    row = session.get(Setting, setting.key)
    value = row.value if row is not None else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return setting.default
    if not setting.minimum <= value <= setting.maximum:
        return setting.default
    return int(value) if setting.integer else float(value)


def write_number(session: Session, actor: Actor, setting: NumberSetting, value: float) -> frozenset[str]:
    require(actor, setting.permission)
    if not setting.minimum <= value <= setting.maximum or (setting.integer and value != int(value)):
        kind = "целое число" if setting.integer else "число"
        bounds = f"от {_plain(setting.minimum)} до {_plain(setting.maximum)}"
        raise ValidationError({setting.key: f"Поле «{setting.label}»: укажите {kind} {bounds}."})
    session.merge(Setting(key=setting.key, value=int(value) if setting.integer else float(value)))
    audit.record(session, actor, "update", "setting", setting.key, ["value"])
    return frozenset({SETTINGS})


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number).replace(".", ",")
