"""The PostgreSQL adapter applies a changeset in runs of one table's changes (one query for a run's local rows, one
executemany for its new rows). A package of many changes of several tables — inserts, updates, conflicts,
duplicates, link rows deleted, a personal record's deletion refused, composite keys — must leave the centre exactly
as applying it one change at a time does (runs of one change: the old path's round trips)."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from app.core.actor import COORDINATOR, Actor
from app.exchange import jobs, packages, pg_adapter
from app.exchange.tables import TRAVELLING
from db.models import AuditEntry, Family
from db.models.exchange import ExchangeConflict, ExchangeIdentity, ExchangePackage, ExchangePartner
from db.session import Database
from tests.app.exchange.exchange_setup import Node, office_of_postgres_centre, postgres_database, send

PG_URL = os.environ.get("OPORA_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL tests need OPORA_TEST_PG_URL")
ACTOR = Actor(None, "coord", COORDINATOR)
STAMP = "2026-12-01 10:00:00.000000"


def _register_twin(database: Database, office: Node, centre: Node) -> None:
    """A second centre database with the same identity and the same office key, so one package loads into both."""
    key = office.sql("SELECT key FROM exchange_partners")[0][0]
    with database.write() as session:
        session.add(ExchangeIdentity(id=centre.id, role="centre", code="ЦЕНТР", name="Центр"))
        session.add(ExchangePartner(id=office.id, role="office", code="ОТД-1", name="Отделение 1", key=key))


def _load(database: Database, path: Path, batch: int, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    monkeypatch.setattr(pg_adapter, "BATCH", batch)
    result = packages.import_package(database, ACTOR, path, path.with_name(f"{path.stem}-ack-{batch}.opx"))
    return result.state, result.conflicts, result.applied, result.message


def _state(database: Database) -> dict[str, Any]:
    """Every travelling row, the queued conflicts, the audit of the packages and the ledger's words."""
    state: dict[str, Any] = {}
    with database.read() as session:
        for table in TRAVELLING:
            rows = session.execute(text(f'SELECT * FROM "{table}"')).all()
            state[table] = sorted((tuple(row) for row in rows), key=repr)
        state["conflicts"] = sorted((c.table_name, c.row_key, c.column_name, c.base_value, c.local_value,
                                     c.incoming_value, c.state) for c in session.execute(
            select(ExchangeConflict)).scalars())
        state["audit"] = [(a.entity, a.entity_id, a.fields) for a in session.execute(  # in the changeset's order
            select(AuditEntry).where(AuditEntry.action == "exchange").order_by(AuditEntry.id)).scalars()]
        state["ledger"] = sorted((p.sequence, p.state, p.conflicts, p.message) for p in session.execute(
            select(ExchangePackage).where(ExchangePackage.direction == "in")).scalars())
    return state


def _many_changes(office: Node) -> None:
    """The second package: 40 sessions and 80 participants new, every family's phone changed, a case with five
    grounds (a composite key) of which two are deleted, participants deleted, a session deleted outright."""
    office.sql("UPDATE families SET phone = '8-900-' || substr(id, 1, 4), updated_at = ?", (STAMP,))
    case = office.sql("SELECT id FROM support_cases ORDER BY id LIMIT 1")[0][0]
    office.sql("DELETE FROM case_grounds WHERE case_id = ? AND ground_id IN "
               "(SELECT ground_id FROM case_grounds WHERE case_id = ? ORDER BY ground_id LIMIT 2)", (case, case))
    office.sql("DELETE FROM session_participants WHERE id IN (SELECT id FROM session_participants ORDER BY id "
               "LIMIT 3)")
    office.sql("DELETE FROM rehab_sessions WHERE id NOT IN (SELECT session_id FROM session_participants) AND "
               "id = (SELECT min(id) FROM rehab_sessions WHERE id NOT IN (SELECT session_id FROM "
               "session_participants))")
    _sessions(office, 40, "2026-11-")


def _sessions(office: Node, count: int, month: str) -> None:
    staff = office.sql("SELECT id FROM staff ORDER BY id LIMIT 1")[0][0]
    service = office.sql("SELECT id FROM services ORDER BY id LIMIT 1")[0][0]
    mode = office.sql("SELECT id FROM dictionary_items ORDER BY id LIMIT 1")[0][0]
    persons = [row[0] for row in office.sql("SELECT id FROM persons ORDER BY id LIMIT 2")]
    for number in range(count):
        session_id = uuid.uuid4().hex
        office.sql("INSERT INTO rehab_sessions (id, starts_at, duration_min, staff_id, service_id, delivery_mode_id, "
                   "is_group, cancelled, topic, created_at, updated_at) VALUES (?, ?, 45, ?, ?, ?, 1, 0, ?, ?, ?)",
                   (session_id, f"{month}{number % 28 + 1:02d} 10:00:00.000000", staff, service, mode,
                    f"Занятие {number}", STAMP, STAMP))
        for person in persons[:2 if number % 3 else 1]:  # some sessions have no participant to delete later
            if number % 3 == 0 and number % 2:
                break
            office.sql("INSERT INTO session_participants (id, session_id, person_id, attended) VALUES (?, ?, ?, 1)",
                       (uuid.uuid4().hex, session_id, person))


def _first_content(office: Node) -> None:
    family = office.sql("SELECT id FROM families ORDER BY id LIMIT 1")[0][0]
    kind, *grounds = [row[0] for row in office.sql("SELECT id FROM dictionary_items ORDER BY id LIMIT 6")]
    case = uuid.uuid4().hex
    office.sql("INSERT INTO support_cases (id, family_id, kind_id, opened_on, created_at, updated_at) VALUES "
               "(?, ?, ?, '2026-10-01', ?, ?)", (case, family, kind, STAMP, STAMP))
    for ground in grounds:
        office.sql("INSERT INTO case_grounds (case_id, ground_id) VALUES (?, ?)", (case, ground))
    _sessions(office, 12, "2026-10-")


def test_a_package_in_runs_leaves_the_centre_as_one_change_at_a_time(exchange_template, tmp_path, monkeypatch):
    with postgres_database(PG_URL, "opora_runs") as runs, postgres_database(PG_URL, "opora_single") as single:
        office, centre = office_of_postgres_centre(runs, exchange_template, tmp_path)
        _register_twin(single, office, centre)
        _first_content(office)
        first = send(office, centre, tmp_path)
        assert _load(runs, first, 7, monkeypatch) == _load(single, first, 1, monkeypatch)
        assert _state(runs) == _state(single)
        # The office takes the acknowledgement: the second package carries only what changed since.
        assert jobs.import_package(office.target, first.with_name(f"{first.stem}-ack-7.opx"), None).state == \
            "acknowledged"

        # The centre's own edits, the same in both: a field changed on both sides (a conflict) and a change the
        # office also made (a duplicate).
        families = [row[0] for row in office.sql("SELECT id FROM families ORDER BY id")]
        for database in (runs, single):  # by SQL: the same values in both (the ORM would stamp the time)
            with database.write() as session:
                for family, phone in ((families[0], "222"), (families[1], "8-900-" + families[1][:4])):
                    session.execute(text("UPDATE families SET phone = :phone WHERE id = :id"),
                                    {"phone": phone, "id": uuid.UUID(hex=family)})
        _many_changes(office)
        second = send(office, centre, tmp_path)
        outcome = _load(runs, second, 7, monkeypatch)
        assert outcome == _load(single, second, 1, monkeypatch)
        assert outcome[:2] == ("applied", 1)
        state = _state(runs)
        assert state["ledger"][-1][3] == "не принято удалений личных записей: 1"
        assert state == _state(single)
        assert [json.loads(c[1]) for c in state["conflicts"]] == [[families[0]]]
        assert len(state["case_grounds"]) == 3 and len(state["rehab_sessions"]) == 52  # the deletion refused
        assert len(state["session_participants"]) == office.sql("SELECT count(*) FROM session_participants")[0][0]
        with runs.read() as session:
            phones = dict(session.execute(select(Family.id, Family.phone)).all())
        assert phones[uuid.UUID(hex=families[0])] == "222"
        assert all(phone == "8-900-" + key.hex[:4] for key, phone in phones.items() if key.hex != families[0])
