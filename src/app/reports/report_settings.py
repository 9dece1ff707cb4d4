"""The settings behind the reports that a coordinator keeps: the госзадание plan and the remote distance."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.permissions import RUN_REPORTS, require
from app.core.settings import REMOTE_KM, read_number, write_number
from app.reports.state_assignment import YearPlan, read_plan, save_plan
from db.models import DictionaryItem


@dataclass(frozen=True)
class ReportSettings:
    plan: YearPlan
    forms: tuple[tuple[str, str], ...]  # (code, name) of the forms of social service
    remote_km: float


def _forms(session: Session) -> tuple[tuple[str, str], ...]:
    rows = session.execute(select(DictionaryItem.code, DictionaryItem.name, DictionaryItem.attrs)
                           .where(DictionaryItem.kind == "service_form", DictionaryItem.active.is_(True))).all()
    return tuple((code, name) for code, name, _ in sorted(rows, key=lambda row: int((row[2] or {}).get("order", 0))))


def load_report_settings(session: Session, actor: Actor, year: int) -> ReportSettings:
    require(actor, RUN_REPORTS)
    return ReportSettings(read_plan(session, year), _forms(session), read_number(session, REMOTE_KM))


def save_report_settings(session: Session, actor: Actor, plan: YearPlan, remote_km: float) -> frozenset[str]:
    """Both in one unit of work: a bad figure in either keeps both unsaved."""
    changed = save_plan(session, actor, plan, {code for code, _ in _forms(session)})
    return changed | write_number(session, actor, REMOTE_KM, remote_km)
