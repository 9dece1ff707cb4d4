"""Events (мероприятия): seminars, parent clubs, conferences … with participant counts and files.

Participant counts feed the reports, so their arithmetic is checked: the in-person and online
counts, when both are given, must add up to the participants by category.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import delete, event, func, select
from sqlalchemy.orm import Session, aliased

from app.core import audit, period_guard
from app.core.access import event_scope, require_event, require_office
from app.core.actor import Actor
from app.core.changes import EVENTS, Saved, assign
from app.core.checks import Checker
from app.core.errors import NotFound
from app.core.lookups import check_dictionary, check_reference, get_live
from app.core.permissions import EDIT_RECORDS, VIEW_RECORDS, require
from app.core.records import audit_changes, soft_delete
from app.events.attachment_types import attach_refusal
from db.models import DictionaryItem, Event, EventFamily, EventFile, Family, FamilyMember, Office

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_COUNT = 100_000
MAX_DISTRICTS = 1000
MAX_REGIONS = 89  # subjects of the Russian Federation
PLANNING_HORIZON_DAYS = 2 * 366
_WHAT = "Запись о мероприятии"
_SAFE_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")
PARTICIPANT_COUNTS = {
    "specialists_count": "Специалисты",
    "parents_count": "Родители",
    "children_count": "Дети",
    "others_count": "Другие участники",
}
COUNT_LABELS = PARTICIPANT_COUNTS | {"in_person_count": "Очно", "online_count": "Дистанционно"}


class EventParticipant(NamedTuple):
    """A registered family (optionally one member) taking part; `attended` None until known."""

    family_id: uuid.UUID | None
    person_id: uuid.UUID | None = None
    attended: bool | None = None


@dataclass(frozen=True)
class EventData:
    office_id: uuid.UUID | None
    type_id: uuid.UUID | None
    title: str | None
    starts_on: date | None
    ends_on: date | None = None
    place: str | None = None
    format_id: uuid.UUID | None = None
    organisers: str | None = None
    partners: str | None = None
    specialists_count: int | None = 0
    parents_count: int | None = 0
    children_count: int | None = 0
    others_count: int | None = 0
    in_person_count: int | None = 0
    online_count: int | None = 0
    districts_count: int | None = 0
    regions_count: int | None = 0
    materials: str | None = None
    resolution: str | None = None
    notes: str | None = None
    families: list[EventParticipant] = field(default_factory=list)


@dataclass(frozen=True)
class EventRow:
    id: uuid.UUID
    starts_on: date
    ends_on: date
    title: str
    type_name: str
    format_name: str
    place: str | None
    participants_total: int
    in_person_count: int
    online_count: int
    families_count: int
    files_count: int


@dataclass(frozen=True)
class EventFileRow:
    id: uuid.UUID
    original_name: str
    stored_name: str
    size_bytes: int
    note: str | None
    created_at: datetime


def _count(check: Checker, name: str, value: int | None, label: str, high: int) -> int:
    """A count of people or places; empty means none."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        check.fail(name, f"Поле «{label}»: целое число от 0 до {high}.")
        return 0
    return value


def _check_counts(check: Checker, data: EventData, format_code: str | None) -> dict[str, int]:
    counts = {name: _count(check, name, getattr(data, name), label, MAX_COUNT)
              for name, label in COUNT_LABELS.items()}
    counts["districts_count"] = _count(check, "districts_count", data.districts_count, "Число районов",
                                       MAX_DISTRICTS)
    counts["regions_count"] = _count(check, "regions_count", data.regions_count, "Число субъектов РФ",
                                     MAX_REGIONS)
    total = sum(counts[name] for name in PARTICIPANT_COUNTS)
    in_person, online = counts["in_person_count"], counts["online_count"]
    if in_person and online and in_person + online != total:
        check.fail("in_person_count",
                   f"Поля «Очно» и «Дистанционно»: вместе {in_person + online}, а участников всего {total} "
                   "(специалисты + родители + дети + другие). Каждый участник был либо очно, либо "
                   "дистанционно — суммы должны совпадать.")
    if format_code == "in_person" and online:
        check.fail("online_count", "Поле «Дистанционно»: мероприятие проходит очно, дистанционных участников "
                                   "быть не может — укажите 0 или выберите смешанный формат.")
    if format_code == "remote" and in_person:
        check.fail("in_person_count", "Поле «Очно»: мероприятие проходит дистанционно, очных участников быть "
                                      "не может — укажите 0 или выберите смешанный формат.")
    return counts


def _check_families(check: Checker, session: Session, participants: list[EventParticipant]) -> None:
    family_ids = {p.family_id for p in participants if p.family_id is not None}
    live = set(session.execute(select(Family.id).where(Family.id.in_(family_ids),
                                                       Family.deleted_at.is_(None))).scalars())
    members = {tuple(row) for row in session.execute(select(FamilyMember.family_id, FamilyMember.person_id)
                                                     .where(FamilyMember.family_id.in_(family_ids)))}
    seen: set[tuple] = set()
    for index, participant in enumerate(participants):
        key = f"families.{index}."
        pair = (participant.family_id, participant.person_id)
        if participant.family_id not in live:
            check.fail(f"{key}family_id", "Поле «Семья»: семья не найдена или удалена, выберите другую.")
        elif participant.person_id is not None and pair not in members:
            check.fail(f"{key}person_id",
                       "Поле «Участник»: выберите члена этой семьи (или оставьте поле пустым).")
        elif pair in seen:
            check.fail(f"{key}family_id", "Поле «Семья»: эта семья (этот участник) уже есть в списке.")
        seen.add(pair)


def _validate_event(check: Checker, session: Session, data: EventData) -> dict:
    check_reference(check, session, Office, "office_id", data.office_id, "Отделение")
    check_dictionary(check, session, "type_id", data.type_id, "event_type", "Вид мероприятия")
    event_format = check_dictionary(check, session, "format_id", data.format_id, "event_format", "Формат")
    if data.starts_on is None:
        check.fail("starts_on", "Поле «Дата начала» обязательно: укажите дату в виде ДД.ММ.ГГГГ.")
    elif data.starts_on.year < 2000 or data.starts_on > date.today() + timedelta(days=PLANNING_HORIZON_DAYS):
        check.fail("starts_on", "Поле «Дата начала»: укажите дату не раньше 2000 года и не более чем на два "
                                "года вперёд.")
    ends_on = data.ends_on or data.starts_on
    check.date_order("ends_on", data.starts_on, ends_on, "Дата окончания", "Дата начала")
    counts = _check_counts(check, data, event_format.code if event_format else None)
    _check_families(check, session, _participants(data))
    return {
        "office_id": data.office_id,
        "type_id": data.type_id,
        "format_id": data.format_id,
        "title": check.text("title", data.title, "Название", required=True, max_length=400),
        "starts_on": data.starts_on,
        "ends_on": ends_on,
        "place": check.text("place", data.place, "Место проведения", max_length=300),
        "organisers": check.text("organisers", data.organisers, "Организаторы", max_length=4000),
        "partners": check.text("partners", data.partners, "Партнёры", max_length=4000),
        "materials": check.text("materials", data.materials, "Материалы", max_length=8000),
        "resolution": check.text("resolution", data.resolution, "Решение (резолюция)", max_length=8000),
        "notes": check.text("notes", data.notes, "Примечание", max_length=4000),
        **counts,
    }


def _participants(data: EventData) -> list[EventParticipant]:
    """The family participants; plain (family_id, person_id, attended) tuples are accepted too."""
    return [EventParticipant(*p) for p in data.families]


def _family_rows(data: EventData) -> set[tuple]:
    return {(p.family_id, p.person_id, p.attended) for p in _participants(data)}


def _write_families(session: Session, event_id: uuid.UUID, rows: set[tuple]) -> None:
    session.execute(delete(EventFamily).where(EventFamily.event_id == event_id))
    session.add_all(EventFamily(event_id=event_id, family_id=f, person_id=p, attended=a) for f, p, a in rows)


def create_event(session: Session, actor: Actor, data: EventData) -> Saved:
    require(actor, EDIT_RECORDS)
    require_office(actor, data.office_id)
    check = Checker()
    values = _validate_event(check, session, data)
    check.done()
    row = Event(**values, created_by=actor.user_id, updated_by=actor.user_id)
    session.add(row)
    session.flush()
    _write_families(session, row.id, _family_rows(data))
    session.flush()
    audit.record(session, actor, "create", "event", row.id, [*values, "families"])
    return Saved(row.id, frozenset({EVENTS}))


def update_event(session: Session, actor: Actor, event_id: uuid.UUID, data: EventData) -> Saved:
    """Edit an event; its family participants are replaced by those in `data`."""
    row = require_event(session, actor, event_id, edit=True)
    period_guard.refuse_changes(session, [row])  # the participants are written with Core below
    if data.office_id != row.office_id:
        require_office(actor, data.office_id)
    check = Checker()
    values = _validate_event(check, session, data)
    check.done()
    changed = assign(row, values)
    wanted = _family_rows(data)
    current = {tuple(r) for r in session.execute(
        select(EventFamily.family_id, EventFamily.person_id, EventFamily.attended)
        .where(EventFamily.event_id == row.id))}
    if current != wanted:
        _write_families(session, row.id, wanted)
        changed.append("families")
    return audit_changes(session, actor, row, "event", changed, frozenset({EVENTS}))


def delete_event(session: Session, actor: Actor, event_id: uuid.UUID) -> Saved:
    """Soft-delete an event; its files stay on disk with the record for restoring."""
    row = require_event(session, actor, event_id, edit=True)
    return soft_delete(session, actor, row, "event", frozenset({EVENTS}))


def list_events(session: Session, actor: Actor, date_from: date, date_to: date, type_id: uuid.UUID | None = None
                ) -> list[EventRow]:
    """Events overlapping the period, newest first, with family and file counts, in one query."""
    require(actor, VIEW_RECORDS)
    kind, form = aliased(DictionaryItem), aliased(DictionaryItem)
    families = select(func.count(EventFamily.id)).where(EventFamily.event_id == Event.id).scalar_subquery()
    files = select(func.count(EventFile.id)).where(EventFile.event_id == Event.id).scalar_subquery()
    total = Event.specialists_count + Event.parents_count + Event.children_count + Event.others_count
    query = (
        select(Event.id, Event.starts_on, Event.ends_on, Event.title, kind.name, form.name, Event.place,
               total, Event.in_person_count, Event.online_count, families, files)
        .join(kind, kind.id == Event.type_id)
        .join(form, form.id == Event.format_id)
        .where(Event.deleted_at.is_(None), event_scope(actor), Event.starts_on <= date_to,
               Event.ends_on >= date_from)
        .order_by(Event.starts_on.desc(), Event.title)
    )
    if type_id is not None:
        query = query.where(Event.type_id == type_id)
    return [EventRow(*row[:7], int(row[7]), row[8], row[9], int(row[10]), int(row[11]))
            for row in session.execute(query)]


def load_event(session: Session, actor: Actor, event_id: uuid.UUID) -> EventData:
    require_event(session, actor, event_id)
    return event_data(session, event_id)


def event_data(session: Session, event_id: uuid.UUID) -> EventData:
    """The event as the editor shows it; callers check access first (`load_event` does)."""
    row = get_live(session, Event, event_id, _WHAT)
    families = [EventParticipant(*r) for r in session.execute(
        select(EventFamily.family_id, EventFamily.person_id, EventFamily.attended)
        .join(Family, Family.id == EventFamily.family_id)
        .where(EventFamily.event_id == row.id).order_by(Family.title_key, EventFamily.id))]
    names = ("office_id", "type_id", "title", "starts_on", "ends_on", "place", "format_id", "organisers",
             "partners", *COUNT_LABELS, "districts_count", "regions_count", "materials", "resolution",
             "notes")
    return EventData(**{name: getattr(row, name) for name in names}, families=families)


def event_files(session: Session, event_id: uuid.UUID) -> list[EventFileRow]:
    return [EventFileRow(*row) for row in session.execute(
        select(EventFile.id, EventFile.original_name, EventFile.stored_name, EventFile.size_bytes,
               EventFile.note, EventFile.created_at)
        .where(EventFile.event_id == event_id).order_by(EventFile.created_at, EventFile.original_name))]


def _when_transaction_ends(session: Session, *, committed: Callable[[], None] | None = None,
                           rolled_back: Callable[[], None] | None = None) -> None:
    """Run file work once the caller's transaction ends, so the disk follows the database.

    Services never commit; a copied file must vanish if the action is rolled back, and a removed
    file may only be deleted once its row is gone for good.
    """
    state = {"open": True}

    def finish(action: Callable[[], None] | None) -> None:
        if state["open"]:
            state["open"] = False
            if action is not None:
                action()

    event.listen(session, "after_commit", lambda _session: finish(committed))
    event.listen(session, "after_rollback", lambda _session: finish(rolled_back))


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " МБ"


def attach_file(session: Session, actor: Actor, event_id: uuid.UUID, source_path: str | Path,
                storage_dir: str | Path, note: str | None = None) -> Saved:
    """Copy a file (at most 50 MB) into `storage_dir` under a new uuid-based name and record it.

    The copy is removed again if the caller's transaction rolls back.
    """
    require_event(session, actor, event_id, edit=True)
    source = Path(source_path)
    check = Checker()
    size = source.stat().st_size if source.is_file() else None
    if size is None:
        check.fail("file", f"Файл «{source.name}» не найден — выберите файл заново.")
    elif size == 0:
        check.fail("file", f"Файл «{source.name}» пустой — прикреплять нечего.")
    elif (refusal := attach_refusal(source)) is not None:
        check.fail("file", refusal)
    elif size > MAX_FILE_BYTES:
        check.fail("file", f"Файл «{source.name}» занимает {_size_text(size)}, а прикрепить можно файл "
                           "не больше 50 МБ. Уменьшите файл или укажите, где он хранится, "
                           "в поле «Материалы».")
    clean_note = check.text("note", note, "Примечание к файлу", max_length=1000)
    check.done()
    suffix = source.suffix.lower() if _SAFE_SUFFIX.match(source.suffix) else ""
    stored_name = f"{uuid.uuid4().hex}{suffix}"
    target = Path(storage_dir) / stored_name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    _when_transaction_ends(session, rolled_back=lambda: target.unlink(missing_ok=True))
    row = EventFile(event_id=event_id, stored_name=stored_name, original_name=source.name[:300],
                    size_bytes=size, note=clean_note, created_by=actor.user_id, updated_by=actor.user_id)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "event_file", row.id, ["original_name", "size_bytes", "note"])
    return Saved(row.id, frozenset({EVENTS}))


def remove_file(session: Session, actor: Actor, file_id: uuid.UUID, storage_dir: str | Path) -> Saved:
    """Remove an attachment; the stored copy is deleted from disk once the transaction commits."""
    require(actor, EDIT_RECORDS)
    row = session.get(EventFile, file_id)
    if row is None:
        raise NotFound("Прикреплённый файл не найден или уже удалён.")
    require_event(session, actor, row.event_id, edit=True)
    target = Path(storage_dir) / row.stored_name
    session.delete(row)
    session.flush()
    audit.record(session, actor, "delete", "event_file", file_id)
    _when_transaction_ends(session, committed=lambda: target.unlink(missing_ok=True))
    return Saved(file_id, frozenset({EVENTS}))
