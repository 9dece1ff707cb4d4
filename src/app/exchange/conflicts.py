"""The conflict queue and its review: both values side by side, a person chooses field by field.

A choice sets the field here and writes a decision (`exchange_resolutions`) that travels in the next packages, so
every other database applies the same value and closes its own copy of the conflict. Time stamps are shown to the
person; they never choose by themselves.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select, text, update
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import COORDINATOR, Actor
from app.core.changes import EXCHANGE, FAMILIES, PERSONS, Saved
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.exchange.engine import dump_value, load_value
from app.exchange.tables import TRAVELLING, title
from app.exchange.values import from_raw
from db.base import Base, utc_now
from db.models import User
from db.models.exchange import ExchangeConflict, ExchangePartner, ExchangeResolution

LOCAL = "local"
INCOMING = "incoming"

COLUMN_TITLES = {"phone": "Телефон", "email": "Эл. почта", "street": "Улица", "house": "Дом", "apartment": "Квартира",
                 "building": "Корпус", "notes": "Примечание", "last_name": "Фамилия", "first_name": "Имя",
                 "middle_name": "Отчество", "birth_date": "Дата рождения", "snils": "СНИЛС", "name": "Название",
                 "title": "Название", "office_id": "Отделение", "settlement_id": "Населённый пункт",
                 "district_id": "Район", "deleted_at": "Удалено", "attended": "Присутствие",
                 "responsible_staff_id": "Ответственный специалист"}


@dataclass(frozen=True)
class ConflictRow:
    id: uuid.UUID
    table: str
    table_title: str
    record: str
    column: str
    column_title: str
    local_text: str
    incoming_text: str
    base_text: str
    local_by: str
    local_at: datetime | None
    incoming_by: str
    incoming_at: datetime | None
    partner_code: str
    detected_at: datetime
    state: str


def _shown(value_text: str | None) -> str:
    value = load_value(value_text)
    if value is None:
        return "(пусто)"
    if isinstance(value, bytes):
        return f"(двоичные данные, {len(value)} байт)"
    text_value = str(value)
    if len(text_value) == 10 and text_value[4] == "-" and text_value[7] == "-":
        return f"{text_value[8:10]}.{text_value[5:7]}.{text_value[:4]}"  # dates as dd.mm.yyyy
    return text_value


def _record_label(session: Session, table: str, row_key: str) -> str:
    key = json.loads(row_key)
    if table == "families":
        found = session.execute(text("SELECT title FROM families WHERE id = :id"), {"id": key[0]}).scalar()
        return f"Семья {found}" if found else "Семья"
    if table == "persons":
        found_row = session.execute(text("SELECT last_name, first_name FROM persons WHERE id = :id"),
                                    {"id": key[0]}).first()
        return f"{found_row[0]} {found_row[1]}" if found_row else "Человек"
    return f"{title(table)}, запись {str(key[0])[:8]}"


def _who(session: Session, user_id: uuid.UUID | None, logins: dict[uuid.UUID, str]) -> str:
    if user_id is None:
        return ""
    return logins.get(user_id, "пользователь другого отделения")


def can_review(actor: Actor) -> bool:
    """The values in conflict are personal data: a coordinator reviews them (an administrator only with the
    coordinator's working role), as everywhere else in Opora."""
    return actor.user_id is None or actor.case_role == COORDINATOR


def require_review(actor: Actor) -> None:
    if not can_review(actor):
        raise PermissionDenied("Расхождения разбирает координатор: в них личные данные семей.")


def list_conflicts(session: Session, actor: Actor, state: str = "open") -> list[ConflictRow]:
    require_review(actor)
    logins = dict(session.execute(select(User.id, User.login)).all())
    partners = dict(session.execute(select(ExchangePartner.id, ExchangePartner.code)).all())
    rows = session.execute(select(ExchangeConflict).where(ExchangeConflict.state == state)
                           .order_by(ExchangeConflict.detected_at, ExchangeConflict.table_name)).scalars().all()
    return [ConflictRow(row.id, row.table_name, title(row.table_name), _record_label(session, row.table_name,
                                                                                      row.row_key),
                        row.column_name, COLUMN_TITLES.get(row.column_name, row.column_name),
                        _shown(row.local_value), _shown(row.incoming_value), _shown(row.base_value),
                        _who(session, row.local_changed_by, logins), row.local_changed_at,
                        _who(session, row.incoming_changed_by, logins), row.incoming_changed_at,
                        partners.get(row.partner_id, "") if row.partner_id else "", row.detected_at, row.state)
            for row in rows]


def resolve_conflict(session: Session, actor: Actor, conflict_id: uuid.UUID, choice: str) -> Saved:
    """Keep the value here (`local`) or take the partner's (`incoming`) for one field; the decision travels."""
    require_review(actor)
    if choice not in (LOCAL, INCOMING):
        raise ValidationError({"choice": "Выберите значение: «оставить наше» или «принять значение партнёра»."})
    conflict = session.get(ExchangeConflict, conflict_id)
    if conflict is None or conflict.state != "open":
        raise NotFound("Расхождение уже разобрано (возможно, решение пришло от центра) — обновите список.")
    table = Base.metadata.tables.get(conflict.table_name)
    if table is None or conflict.table_name not in TRAVELLING or conflict.column_name not in table.c:
        raise NotFound("Таблица или поле этого расхождения больше не существует.")
    chosen_text = conflict.local_value if choice == LOCAL else conflict.incoming_value
    value = load_value(chosen_text)
    key = json.loads(conflict.row_key)
    key_columns = list(table.primary_key.columns)
    # The queue keeps values as SQLite stores them (as the changeset carried them); the column's processors turn
    # them back into the column's values, so the same code writes on SQLite and on a PostgreSQL centre.
    where = and_(*(column == from_raw(column, item) for column, item in zip(key_columns, key, strict=True)))
    column = table.c[conflict.column_name]
    session.execute(update(table).where(where).values({column.name: from_raw(column, value)}))
    decided_at = utc_now()
    resolution = ExchangeResolution(
        table_name=conflict.table_name, row_key=conflict.row_key, column_name=conflict.column_name,
        value=dump_value(value),
        candidates=json.dumps([conflict.local_value, conflict.incoming_value], ensure_ascii=False),
        decided_by_name=(actor.display_name or actor.login)[:200], decided_at=decided_at,
        created_by=actor.user_id, updated_by=actor.user_id)
    session.add(resolution)
    session.flush()
    others = session.execute(select(ExchangeConflict).where(
        ExchangeConflict.table_name == conflict.table_name, ExchangeConflict.row_key == conflict.row_key,
        ExchangeConflict.column_name == conflict.column_name, ExchangeConflict.state == "open")).scalars()
    for item in others:
        item.state = "resolved"
        item.resolution_id = resolution.id
    audit.record(session, actor, "exchange_resolve", conflict.table_name, str(key[0])[:36], [conflict.column_name])
    areas = {EXCHANGE, FAMILIES} | ({PERSONS} if conflict.table_name == "persons" else set())
    return Saved(conflict.id, frozenset(areas))
