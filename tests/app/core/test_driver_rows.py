"""#12: `driver_rows.insert_rows` stores exactly what SQLAlchemy's own executemany stores (same columns, same
converted values: UUIDs, naive and UTC timestamps, flags, NULLs, Cyrillic text), read back raw and through the
ORM, on SQLite and PostgreSQL; rows lacking a column with a Python-side default are refused."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import cast

import pytest
from sqlalchemy import Table, insert, select, text

from app.core.driver_rows import insert_rows
from db.models import AuditEntry, DictionaryItem, Person, RehabSession, Service, SessionParticipant

SESSIONS = cast(Table, RehabSession.__table__)
PARTICIPANTS = cast(Table, SessionParticipant.__table__)


def _rows(session, world, count: int) -> tuple[list[dict], list[dict]]:
    service = session.execute(select(Service.id).limit(1)).scalar_one()
    mode = world.code(session, "delivery_mode", "centre")
    reason = session.execute(select(DictionaryItem.id).where(DictionaryItem.kind == "absence_reason")
                             .limit(1)).scalar_one()
    people = [Person(last_name=last, first_name="Анна", last_name_key=last.lower(), first_name_key="анна", sex="F")
              for last in ("Иванова", "Петрова")]
    session.add_all(people)
    session.flush()
    people = [person.id for person in people]
    now = datetime(2026, 3, 4, 5, 6, 7, 891011, tzinfo=timezone(timedelta(hours=3)))  # stored as UTC
    stamp = {"created_by": world.coordinator.user_id, "updated_by": None, "created_at": now,
             "updated_at": now.astimezone(UTC)}
    sessions, participants = [], []
    for index in range(count):
        session_id = uuid.uuid4()
        sessions.append(stamp | {
            "id": session_id, "starts_at": datetime(2025, 1, 2 + index, 9, 30), "duration_min": 40 + index,
            "staff_id": world.psychologist_id, "service_id": service, "delivery_mode_id": mode, "case_id": None,
            "is_group": index % 2 == 1, "place": "каб. №5 «Ёлка»" if index else None, "topic": None,
            "notes": "строка\nвторая", "series_id": None, "cancelled": False})
        for position, person in enumerate(people[:1 + index % 2]):
            attended = None if index == 2 else position == 0
            participants.append({"id": uuid.uuid4(), "session_id": session_id, "person_id": person,
                                 "attended": attended, "absence_reason_id": reason if attended is False else None})
    return sessions, participants


def _stored(session, table: Table, ids: list[uuid.UUID]) -> list[tuple]:
    """Every column but the id, as the database holds it (no result processing), in the rows' order."""
    columns = [c for c in table.columns if c.name != "id"]
    found = {row[0]: row[1:] for row in session.execute(
        select(table.c.id, *(text(c.name) for c in columns)).select_from(table).where(table.c.id.in_(ids)))}
    return [found[row_id] for row_id in ids]


@pytest.mark.parametrize("count", [1, 4])
def test_the_same_values_as_sqlalchemys_executemany(database, world, count):
    with database.write() as session:
        ours, ours_participants = _rows(session, world, count)
        theirs = [row | {"id": uuid.uuid4()} for row in ours]
        renamed = {old["id"]: new["id"] for old, new in zip(ours, theirs, strict=True)}
        theirs_participants = [row | {"id": uuid.uuid4(), "session_id": renamed[row["session_id"]]}
                               for row in ours_participants]
        insert_rows(session, SESSIONS, ours)
        insert_rows(session, PARTICIPANTS, ours_participants)
        session.execute(insert(SESSIONS), theirs)
        session.execute(insert(PARTICIPANTS), theirs_participants)
    with database.read() as session:
        assert _stored(session, SESSIONS, [r["id"] for r in ours]) == \
            _stored(session, SESSIONS, [r["id"] for r in theirs])
        mine = _stored(session, PARTICIPANTS, [r["id"] for r in ours_participants])
        other = _stored(session, PARTICIPANTS, [r["id"] for r in theirs_participants])
        # The session ids differ by design; everything else is the same.
        session_column = [c.name for c in PARTICIPANTS.columns if c.name != "id"].index("session_id")
        assert [row[:session_column] + row[session_column + 1:] for row in mine] == \
            [row[:session_column] + row[session_column + 1:] for row in other]
        for row in ours:  # and the ORM reads back what was meant
            record = session.get(RehabSession, row["id"])
            assert record is not None
            for name, value in row.items():
                assert getattr(record, name) == value, name
            assert record.created_at.tzinfo is not None and record.deleted_at is None and record.trip_id is None
        for row in ours_participants:
            part = session.get(SessionParticipant, row["id"])
            assert part is not None
            assert (part.session_id, part.person_id, part.attended, part.absence_reason_id) == \
                (row["session_id"], row["person_id"], row["attended"], row["absence_reason_id"])


def test_rows_must_name_the_columns_with_python_defaults(database, world):
    with database.write() as session:
        sessions, _participants = _rows(session, world, 1)
        del sessions[0]["is_group"]  # `default=False` in the model: SQLAlchemy would fill it, the driver cannot
        with pytest.raises(ValueError, match="is_group"):
            insert_rows(session, SESSIONS, sessions)
        insert_rows(session, SESSIONS, [])  # nothing to do


def test_audit_rows_through_the_driver_keep_the_chain(database, world):
    from app.core import audit

    with database.write() as session:
        before = audit.chain_head(session)
        ids = [uuid.uuid4() for _ in range(1500)]  # more than one batch of 1,000
        written = audit.record_many(session, world.coordinator, "create",
                                    [("rehab_session", row_id, ["starts_at", "notes"]) for row_id in ids])
    assert written == 1500
    with database.read() as session:
        assert audit.verify_chain(session).ok
        rows = session.execute(select(AuditEntry).where(AuditEntry.id > before.last_id)
                               .order_by(AuditEntry.id)).scalars().all()
        assert [row.entity_id for row in rows] == [str(row_id) for row_id in ids]
        assert all(row.at.tzinfo is not None and row.user_id == world.coordinator.user_id for row in rows)
        assert audit.chain_head(session).last_id == before.last_id + 1500

