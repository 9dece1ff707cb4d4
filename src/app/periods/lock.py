"""Submitting a quarter's report and reopening it (#17 item 5).

A coordinator marks the quarterly report of their offices as submitted: the figures are computed again inside the
same transaction and kept as JSON with the submission, and from then `app.core.period_guard` refuses every write
dated in that quarter in those offices. An administrator reopens a submission with a reason (audited; the row stays
as history). `compare_submission` puts the figures as submitted beside the figures now and lists the dated records
changed since the submission, from the audit log.

Services take (session, actor, ...) first and never commit.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import ADMIN, COORDINATOR, Actor
from app.core.changes import PERIODS, Saved
from app.core.checks import Checker
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.core.period_guard import AUDITED_ENTITIES, RULES, Lock, active_locks, find_lock, lock_message
from app.core.text import format_date
from app.reports.periods import quarter
from app.reports.quarterly import compute_quarterly
from db.base import utc_now
from db.models import AuditEntry, Office, PeriodSubmission, PeriodSubmissionOffice, User

PERIOD_AREAS = frozenset({PERIODS})
MIN_REASON = 10


@dataclass(frozen=True)
class SubmissionRow:
    id: uuid.UUID
    year: int
    quarter: int
    title: str
    starts_on: date
    ends_on: date
    office_ids: tuple[uuid.UUID, ...]
    office_names: tuple[str, ...]
    submitted_at: datetime
    submitted_login: str
    reopened_at: datetime | None
    reopened_login: str | None
    reopen_reason: str | None
    # Who, as people know them: the user's name when this installation has that user, else the login (a
    # submission made at another office travels, its users do not).
    submitted_by: str = ""
    reopened_by: str | None = None

    @property
    def locked(self) -> bool:
        return self.reopened_at is None

    @property
    def state_text(self) -> str:
        offices = ", ".join(self.office_names)
        if self.locked:
            return (f"{self.title} сдан {format_date(self.submitted_at.date())} ({self.submitted_by}; {offices}) — "
                    "записи периода только для чтения.")
        return (f"{self.title} сдан {format_date(self.submitted_at.date())} ({offices}), открыт "
                f"{format_date(self.reopened_at.date() if self.reopened_at else None)} ({self.reopened_by}): "
                f"{self.reopen_reason}.")


@dataclass(frozen=True)
class FigureChange:
    label: str
    submitted: float
    now: float


@dataclass(frozen=True)
class ChangedRecord:
    at: datetime
    login: str
    action: str
    what: str
    day: date | None


@dataclass(frozen=True)
class Comparison:
    submission: SubmissionRow
    figures: tuple[FigureChange, ...]
    records: tuple[ChangedRecord, ...]

    @property
    def differs(self) -> bool:
        return bool(self.figures)


def _check_quarter(year: int | None, number: int | None) -> tuple[int, int]:
    check = Checker()
    check.number_range("year", year, "Год", 2000, 2100)
    check.number_range("quarter", number, "Квартал", 1, 4)
    if year is None:
        check.fail("year", "Поле «Год»: укажите год.")
    if number is None:
        check.fail("quarter", "Поле «Квартал»: укажите квартал (1–4).")
    check.done()
    assert year is not None and number is not None
    return year, number


def _submitter_offices(session: Session, actor: Actor, office_ids: Collection[uuid.UUID]) -> list[uuid.UUID]:
    if actor.role != COORDINATOR and actor.user_id is not None:
        raise PermissionDenied("Отметить отчёт как сданный может только координатор.")
    chosen = set(office_ids) or set(actor.office_ids)
    if actor.user_id is not None:
        if not actor.office_ids:
            raise PermissionDenied("У координатора нет отделений: администратор назначает их в разделе "
                                   "«Администрирование» → «Пользователи».")
        if not chosen <= actor.office_ids:
            raise PermissionDenied("Координатор отмечает сданными только отчёты своих отделений.")
    known = set(session.execute(select(Office.id).where(Office.id.in_(list(chosen)))).scalars())
    if not chosen or known != chosen:
        raise ValidationError({"office_ids": "Поле «Отделения»: укажите существующие отделения."})
    return sorted(chosen)


def submit_quarter(session: Session, actor: Actor, year: int | None, number: int | None,
                   office_ids: Collection[uuid.UUID] = ()) -> Saved:
    """Mark the quarter's report of `office_ids` (none: all the coordinator's offices) as submitted, keeping the
    figures computed now; refused when one of the offices has the quarter submitted already."""
    year, number = _check_quarter(year, number)
    offices = _submitter_offices(session, actor, office_ids)
    period = quarter(year, number)
    if period.end >= date.today() and actor.user_id is not None:
        raise ValidationError({"quarter": f"Поле «Квартал»: {period.title} ещё не закончился — отметить отчёт "
                                          "сданным можно после последнего дня квартала."})
    locks = active_locks(session)
    for office in offices:
        found = find_lock(locks, office, period.start)
        if found is not None:
            name = _office_name(session, office)
            raise ValidationError({"quarter": f"Поле «Квартал»: {found.title} по отделению «{name}» уже сдан "
                                              f"{format_date(found.submitted_at.date())}."})
    report = compute_quarterly(session, period, office_ids=offices)
    submission = PeriodSubmission(
        year=year, quarter=number, starts_on=period.start, ends_on=period.end,
        figures=json.dumps(report.to_json_dict(), ensure_ascii=False, sort_keys=True),
        submitted_at=utc_now(), submitted_by=actor.user_id, submitted_login=actor.login)
    session.add(submission)
    session.flush()
    session.add_all(PeriodSubmissionOffice(submission_id=submission.id, office_id=office) for office in offices)
    session.flush()
    audit.record(session, actor, "submit", "period_submission", submission.id, ["year", "quarter", "office_ids"])
    return Saved(submission.id, PERIOD_AREAS)


def reopen_submission(session: Session, actor: Actor, submission_id: uuid.UUID, reason: str | None) -> Saved:
    """An administrator opens a submitted period again; the reason is kept with the submission and audited."""
    if actor.role != ADMIN and actor.user_id is not None:
        raise PermissionDenied("Открыть сданный период может только администратор.")
    submission = session.get(PeriodSubmission, submission_id)
    if submission is None:
        raise NotFound("Сданный период не найден.")
    check = Checker()
    cleaned = check.text("reason", reason, "Причина", required=True, max_length=2000)
    if cleaned is not None and len(cleaned) < MIN_REASON:
        check.fail("reason", f"Поле «Причина»: опишите причину подробнее (не короче {MIN_REASON} знаков).")
    if submission.reopened_at is not None:
        check.fail("reason", f"Период уже открыт {format_date(submission.reopened_at.date())}.")
    check.done()
    submission.reopened_at = utc_now()
    submission.reopened_by = actor.user_id
    submission.reopened_login = actor.login
    submission.reopen_reason = cleaned
    session.flush()
    audit.record(session, actor, "reopen", "period_submission", submission.id, ["reopened_at", "reopen_reason"])
    return Saved(submission.id, PERIOD_AREAS)


def _office_name(session: Session, office_id: uuid.UUID) -> str:
    return session.execute(select(Office.name).where(Office.id == office_id)).scalar() or "?"


def _visible(actor: Actor, office_ids: Collection[uuid.UUID]) -> bool:
    return actor.role != COORDINATOR or bool(set(office_ids) & actor.office_ids)


def list_submissions(session: Session, actor: Actor, year: int | None = None) -> list[SubmissionRow]:
    """Submissions (newest first) touching the user's offices (a coordinator) or all (an administrator)."""
    if actor.role not in (ADMIN, COORDINATOR) and actor.user_id is not None:
        raise PermissionDenied("Сданные периоды видят координаторы и администраторы.")
    query = select(PeriodSubmission).order_by(PeriodSubmission.starts_on.desc(), PeriodSubmission.submitted_at.desc())
    if year is not None:
        query = query.where(PeriodSubmission.year == year)
    submissions = list(session.execute(query).scalars())
    offices: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = {}
    for submission_id, office_id, name in session.execute(
            select(PeriodSubmissionOffice.submission_id, Office.id, Office.name)
            .join(Office, Office.id == PeriodSubmissionOffice.office_id).order_by(Office.name)):
        offices.setdefault(submission_id, []).append((office_id, name))
    names = _user_names(session, {s.submitted_login for s in submissions} | {s.reopened_login for s in submissions
                                                                             if s.reopened_login})
    rows = []
    for s in submissions:
        own = offices.get(s.id, [])
        if not _visible(actor, [office for office, _name in own]):
            continue
        title = quarter(s.year, s.quarter).title
        rows.append(SubmissionRow(s.id, s.year, s.quarter, title, s.starts_on, s.ends_on,
                                  tuple(o for o, _n in own), tuple(n for _o, n in own), s.submitted_at,
                                  s.submitted_login, s.reopened_at, s.reopened_login, s.reopen_reason,
                                  names.get(s.submitted_login, s.submitted_login),
                                  names.get(s.reopened_login, s.reopened_login) if s.reopened_login else None))
    return rows


def _user_names(session: Session, logins: set[str]) -> dict[str, str]:
    """Login → the user's display name, for the users of this installation that have one."""
    if not logins:
        return {}
    return {login: name for login, name in session.execute(
        select(User.login, User.display_name).where(User.login.in_(sorted(logins)))) if name}


def submissions_of(session: Session, actor: Actor, year: int, number: int,
                   office_ids: Collection[uuid.UUID] | None = None) -> list[SubmissionRow]:
    """The submissions of one quarter the user sees, limited to those covering one of `office_ids` if given."""
    rows = [row for row in list_submissions(session, actor, year) if row.quarter == number]
    if office_ids:
        rows = [row for row in rows if set(row.office_ids) & set(office_ids)]
    return rows


# --- figures as submitted against now -----------------------------------------------------------------------------

_SECTIONS = {"support": "Семьи на сопровождении", "children": "Дети", "services": "Услуги",
             "visits": "Визиты и выезды", "sessions": "Занятия", "events": "Мероприятия", "plan": "Госзадание"}
_FIELDS = {
    "at_start": "на начало периода", "at_end": "на конец периода", "taken_on": "принято", "removed": "снято",
    "returned": "возвращено", "count": "", "served": "детей получили услуги", "disabled": "дети-инвалиды",
    "ovz": "дети с ОВЗ", "services": "услуг", "recipients": "получателей", "home_visits": "визитов на дом",
    "visits_on_trips": "визитов на выездах", "trips_done": "выездов", "settlements": "населённых пунктов",
    "remote_settlements": "отдалённых населённых пунктов", "sessions_on_trips": "занятий на выездах",
    "sessions": "занятий", "planned": "запланировано", "attended": "посетили", "absent": "не пришли",
    "events": "мероприятий", "participants": "участников", "in_person": "очно", "online": "дистанционно",
    "removed_by_reason": "снято по причинам", "by_category": "по категориям", "by_district": "по районам",
    "kinds": "", "by_form": "по формам", "forms": "", "rows": "", "total": "итого",
}
_SKIPPED = {"rate", "remote_km", "period"}
_ITEM_NAMES = ("name", "kind_name", "form_name", "type_name", "position", "service_name", "label", "indicator")


def _item_label(item: dict[str, Any], index: int) -> str:
    parts = [str(item[key]) for key in _ITEM_NAMES if isinstance(item.get(key), str) and item.get(key)]
    if isinstance(item.get("mode"), str) and item["mode"]:
        parts.append(str(item["mode"]))
    return ", ".join(parts) or f"№ {index + 1}"


def _item_key(item: dict[str, Any], index: int) -> str:
    codes = [str(value) for key, value in sorted(item.items()) if key.endswith("code") and value is not None]
    return "/".join(codes) or str(index)


def flatten_figures(value: Any, path: str = "", label: str = "") -> dict[str, tuple[str, float]]:
    """Every number of a report's JSON as path -> (a Russian label, the value)."""
    found: dict[str, tuple[str, float]] = {}
    if isinstance(value, bool) or value is None:
        return found
    if isinstance(value, int | float):
        found[path] = (label, float(value))
        return found
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in _SKIPPED or key.endswith("code") or isinstance(inner, str):
                continue
            name = _SECTIONS.get(key) if not path else _FIELDS.get(key, key)
            joined = " · ".join(part for part in (label, name) if part)
            found.update(flatten_figures(inner, f"{path}.{key}", joined))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                joined = " · ".join(part for part in (label, _item_label(item, index)) if part)
                found.update(flatten_figures(item, f"{path}[{_item_key(item, index)}]", joined))
    return found


def _differences(submitted: dict[str, Any], now: dict[str, Any]) -> list[FigureChange]:
    before, after = flatten_figures(submitted), flatten_figures(now)
    changes = []
    for path in list(before) + [p for p in after if p not in before]:
        label, old = before.get(path, (after.get(path, ("", 0.0))[0], 0.0))
        new = after.get(path, (label, 0.0))[1]
        if old != new:
            changes.append(FigureChange(label, old, new))
    return changes


_ENTITY_TITLES = {"rehab_session": "Занятие", "home_visit": "Визит", "brigade_trip": "Выезд",
                  "event": "Мероприятие", "support_case": "Сопровождение", "plan_item": "Строка плана",
                  "assessment": "Оценка эффективности"}
_ACTIONS = {"create": "добавлено", "update": "изменено", "delete": "удалено"}


def _changed_records(session: Session, row: SubmissionRow) -> list[ChangedRecord]:
    entries = session.execute(
        select(AuditEntry).where(AuditEntry.at > row.submitted_at, AuditEntry.entity.in_(list(AUDITED_ENTITIES)))
        .order_by(AuditEntry.id)).scalars().all()
    locks = [Lock(office, row.starts_on, row.ends_on, row.year, row.quarter, row.submitted_at)
             for office in row.office_ids]
    found = []
    for entry in entries:
        model = AUDITED_ENTITIES[entry.entity]
        record = session.get(model, uuid.UUID(entry.entity_id)) if entry.entity_id else None
        if record is None:
            continue
        rule = RULES[model]
        office = rule.office(session, partial(getattr, record))
        days = [getattr(record, name) for name in rule.fields]
        days = [d.date() if isinstance(d, datetime) else d for d in days if d is not None]
        inside = [d for d in days if find_lock(locks, office, d) is not None]
        if not inside:
            continue
        found.append(ChangedRecord(entry.at, entry.login, _ACTIONS.get(entry.action, entry.action),
                                   _ENTITY_TITLES.get(entry.entity, entry.entity), inside[0]))
    return found


def compare_submission(session: Session, actor: Actor, submission_id: uuid.UUID) -> Comparison:
    """The figures as submitted against the same report computed now, and the dated records of the period changed
    since it was submitted (from the audit log)."""
    rows = [row for row in list_submissions(session, actor) if row.id == submission_id]
    if not rows:
        raise NotFound("Сданный период не найден.")
    row = rows[0]
    submission = session.get(PeriodSubmission, submission_id)
    assert submission is not None
    now = compute_quarterly(session, quarter(row.year, row.quarter), office_ids=list(row.office_ids))
    submitted = json.loads(submission.figures)
    current = json.loads(json.dumps(now.to_json_dict(), ensure_ascii=False))
    return Comparison(row, tuple(_differences(submitted, current)), tuple(_changed_records(session, row)))


def lock_text(lock: Lock) -> str:
    return lock_message(lock)
