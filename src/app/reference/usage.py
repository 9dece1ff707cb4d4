"""Whether a reference record (dictionary entry, place, employee, service) is in use.

Places, staff, the catalogue and the dictionaries all follow one rule: an entry something refers
to is switched off, not deleted.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Column, Table, literal, select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.changes import DICTIONARIES, Saved
from app.core.errors import RECORD_FIELD, ValidationError
from db.base import Base

# How the lists that refer to a record are named in the "in use" message.
_TABLE_TITLES = {
    "families": "семьи",
    "family_members": "члены семей",
    "family_categories": "категории семей",
    "support_cases": "сопровождение",
    "case_grounds": "основания сопровождения",
    "plan_items": "планы сопровождения",
    "identity_documents": "документы",
    "home_visits": "посещения семей",
    "visit_services": "услуги при посещениях",
    "visit_staff": "посещения семей",
    "brigade_trips": "выезды мобильных бригад",
    "trip_stops": "маршруты выездов",
    "trip_members": "выезды мобильных бригад",
    "rehab_sessions": "занятия",
    "session_participants": "посещаемость занятий",
    "events": "мероприятия",
    "users": "пользователи",
    "user_offices": "пользователи",
    "staff": "сотрудники",
    "services": "каталог услуг",
    "settlements": "населённые пункты",
    "districts": "районы",
    "offices": "отделения",
}


def referencing_columns(target: Table) -> list[Column]:
    """Every column of every table on `Base.metadata` with a foreign key to `target`.

    Found from the metadata rather than listed by hand, so a table added later is covered too.
    """
    found = []
    for table in Base.metadata.sorted_tables:
        for foreign_key in table.foreign_keys:
            if foreign_key.column.table is target:
                found.append(foreign_key.parent)
    return sorted(found, key=lambda column: (column.table.name, column.name))


def uses_of(session: Session, target: Table, record_id: uuid.UUID) -> list[str]:
    """Russian titles of the lists whose rows refer to the record, without repeats.

    Soft-deleted rows count: their foreign key still holds, so the database would refuse the delete.
    One `LIMIT 1` probe per column: this runs on an administrator's delete, never in a list.
    """
    titles: list[str] = []
    for column in referencing_columns(target):
        probe = select(literal(1)).select_from(column.table).where(column == record_id).limit(1)
        if session.execute(probe).first() is not None:
            title = _TABLE_TITLES.get(column.table.name, column.table.name)
            if title not in titles:
                titles.append(title)
    return titles


def refuse_if_in_use(session: Session, target: Table, record_id: uuid.UUID, what: str) -> None:
    """Raise ValidationError (key `record`) when anything refers to the record; `what` names it."""
    titles = uses_of(session, target, record_id)
    if titles:
        raise ValidationError({RECORD_FIELD: (
            f"{what} уже используется ({', '.join(titles)}), поэтому удалить нельзя. Вместо удаления "
            f"запись можно отключить: она исчезнет из списков выбора, а сохранённые данные останутся."
        )})


def delete_unused(session: Session, actor: Actor, record: Any, entity: str, what: str) -> Saved:
    """Delete a reference record for real when nothing refers to it (ValidationError naming the lists
    that do otherwise, see `refuse_if_in_use`); `what` names the record in that message."""
    refuse_if_in_use(session, type(record).__table__, record.id, what)
    record_id = record.id
    audit.record(session, actor, "delete", entity, record_id)
    session.delete(record)
    session.flush()
    return Saved(record_id, frozenset({DICTIONARIES}))
