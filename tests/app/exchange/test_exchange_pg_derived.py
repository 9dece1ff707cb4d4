"""A PostgreSQL centre applies a package with the derived tables' row triggers switched off inside its transaction
(app.exchange.pg_derived) and its runs written with COPY (app.exchange.pg_runs). After packages that insert, move,
cancel and delete sessions, change places and attendance, and add, withdraw and move consents, the summaries equal
their rebuild, the mirror equals a whole copy, the centre holds the office's values, and the triggers are on again
(a write at the centre afterwards still keeps the summaries). A failure in the middle of an apply leaves the
triggers enabled and nothing written."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.core.actor import COORDINATOR, Actor
from app.exchange import engine, jobs, packages, pg_adapter, pg_derived, pg_mirror, pg_runs
from app.exchange.envelope import PackageRefused
from app.exchange.tables import TRAVELLING
from app.reports.service_summary import check_service_summary
from app.reports.session_summary import check_summary
from app.worklist.consent_states import check_consent_states
from app.worklist.contact_days import check_contact_days
from db.models import RehabSession
from db.models.exchange import ExchangePackage
from db.session import Database
from tests.app.exchange.exchange_setup import Node, office_of_postgres_centre, postgres_database, send

PG_URL = os.environ.get("OPORA_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL tests need OPORA_TEST_PG_URL")
ACTOR = Actor(None, "coord", COORDINATOR)
STAMP = "2026-12-01 10:00:00.000000"
DERIVED_TRIGGERS = {trigger for group in pg_derived.GROUPS for _, trigger in group.triggers}


@pytest.fixture
def pg_centre():
    with postgres_database(PG_URL, "opora_derived") as database:
        yield database


def _deliver(database: Database, office: Node, centre: Node, folder: Path) -> None:
    result = packages.import_package(database, ACTOR, send(office, centre, folder))
    assert result.state == "applied", result
    assert jobs.import_package(office.target, Path(result.ack_path), None).state == "acknowledged"


def _assert_exact(database: Database) -> None:
    with database.read() as session:
        for check in (check_contact_days, check_summary, check_consent_states, check_service_summary):
            found = check(session)
            assert found.ok, found.message


def _disabled_triggers(database: Database) -> list[str]:
    with database.read() as session:
        return list(session.execute(text(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'")).scalars())


def _assert_centre_holds_the_office(database: Database, office: Node, folder: Path) -> None:
    """Every travelling row of PostgreSQL, in the form SQLite stores it, equals the office's own."""
    copy = folder / f"whole-{uuid.uuid4().hex[:6]}.db"
    pg_mirror.build(database, copy)
    whole = engine.connect(copy, None)
    here = office.connect()
    try:
        columns = {name: engine.columns_of(whole, name) for name in TRAVELLING}
        for name in TRAVELLING:
            listed = ", ".join(f'"{column}"' for column in columns[name])
            expected = sorted((tuple(row) for row in here.execute(f'SELECT {listed} FROM "{name}"')), key=repr)
            found = sorted((tuple(row) for row in whole.execute(f'SELECT {listed} FROM "{name}"')), key=repr)
            assert found == expected, name
    finally:
        whole.close()
        here.close()


def _session(office: Node, starts_at: str, persons: list[str], cancelled: int = 0) -> str:
    staff, service, mode = office.sql("SELECT (SELECT id FROM staff ORDER BY id LIMIT 1), (SELECT id FROM services "
                                      "ORDER BY id LIMIT 1), (SELECT id FROM dictionary_items ORDER BY id LIMIT 1)")[0]
    session_id = uuid.uuid4().hex
    office.sql("INSERT INTO rehab_sessions (id, starts_at, duration_min, staff_id, service_id, delivery_mode_id, "
               "is_group, cancelled, topic, created_at, updated_at) VALUES (?, ?, 45, ?, ?, ?, 1, ?, 'Занятие', ?, ?)",
               (session_id, starts_at, staff, service, mode, cancelled, STAMP, STAMP))
    for number, person in enumerate(persons):
        office.sql("INSERT INTO session_participants (id, session_id, person_id, attended) VALUES (?, ?, ?, ?)",
                   (uuid.uuid4().hex, session_id, person, None if number == 2 else number % 2))
    return session_id


def _consent(office: Node, person: str, valid_until: str | None, withdrawn_on: str | None = None) -> str:
    consent = uuid.uuid4().hex
    office.sql("INSERT INTO consents (id, person_id, signer_name, signed_on, valid_until, withdrawn_on, scope, "
               "includes_health, created_at, updated_at) VALUES (?, ?, 'Подписант', '2026-01-10', ?, ?, 'обработка', "
               "1, ?, ?)", (consent, person, valid_until, withdrawn_on, STAMP, STAMP))
    return consent


def _visit(office: Node, family: str, day: str, services: list[tuple[str | None, int]]) -> str:
    """A visit to `family` with services (person or None for the family as a whole, quantity)."""
    visit = uuid.uuid4().hex
    office.sql("INSERT INTO home_visits (id, family_id, visit_date, purpose, created_at, updated_at) VALUES "
               "(?, ?, ?, 'патронаж', ?, ?)", (visit, family, day, STAMP, STAMP))
    service = office.sql("SELECT id FROM services ORDER BY id DESC LIMIT 1")[0][0]
    for person, quantity in services:
        office.sql("INSERT INTO visit_services (id, visit_id, service_id, person_id, quantity) VALUES (?, ?, ?, ?, ?)",
                   (uuid.uuid4().hex, visit, service, person, quantity))
    return visit


def _office_seed(office: Node) -> None:
    """Sessions over four months with one to three places (attended, absent, not marked), one cancelled; consents
    with an end, without one, withdrawn."""
    persons = [row[0] for row in office.sql("SELECT id FROM persons ORDER BY id")]
    assert len(persons) >= 4
    for number in range(10):
        _session(office, f"2026-{6 + number % 4:02d}-{number + 3:02d} 10:00:00.000000",
                 persons[number % 3:number % 3 + 1 + number % 3], cancelled=int(number == 9))
    _consent(office, persons[0], "2026-12-31")
    _consent(office, persons[1], None)
    _consent(office, persons[2], "2027-03-01", "2026-10-01")
    _consent(office, persons[3], "2026-09-30")
    families = [row[0] for row in office.sql("SELECT family_id FROM family_members ORDER BY family_id, person_id")]
    for number, family in enumerate(dict.fromkeys(families)):
        person = office.sql("SELECT person_id FROM family_members WHERE family_id = ? ORDER BY person_id LIMIT 1",
                            (family,))[0][0]
        _visit(office, family, f"2026-{7 + number % 2:02d}-1{number}", [(person, 1), (None, 2)])


def _office_edits(office: Node) -> None:
    """Sessions moved to another month, to another specialist, cancelled, deleted; places deleted, moved to
    another session and marked; sessions and places new; consents withdrawn, moved to another person, deleted
    (softly) and new; a new person with a consent."""
    sessions = [row[0] for row in office.sql(
        "SELECT id FROM rehab_sessions WHERE NOT cancelled AND id IN (SELECT session_id FROM session_participants) "
        "ORDER BY id")]
    assert len(sessions) >= 6
    staff = office.sql("SELECT id FROM staff ORDER BY id DESC LIMIT 1")[0][0]
    office.sql("UPDATE rehab_sessions SET starts_at = '2026-05-15 09:00:00.000000', updated_at = ? WHERE id = ?",
               (STAMP, sessions[0]))
    office.sql("UPDATE rehab_sessions SET staff_id = ?, updated_at = ? WHERE id = ?", (staff, STAMP, sessions[1]))
    office.sql("UPDATE rehab_sessions SET cancelled = 1, updated_at = ? WHERE id = ?", (STAMP, sessions[2]))
    office.sql("UPDATE rehab_sessions SET deleted_at = ?, updated_at = ? WHERE id = ?", (STAMP, STAMP, sessions[3]))
    office.sql("UPDATE session_participants SET attended = CASE WHEN attended THEN 0 ELSE 1 END WHERE session_id = ?",
               (sessions[4],))
    office.sql("DELETE FROM session_participants WHERE id = (SELECT min(id) FROM session_participants "
               "WHERE session_id = ?)", (sessions[5],))
    persons = [row[0] for row in office.sql("SELECT id FROM persons ORDER BY id")]
    moved = office.sql("SELECT id FROM session_participants WHERE session_id = ? AND person_id NOT IN (SELECT "
                       "person_id FROM session_participants WHERE session_id = ?) ORDER BY id LIMIT 1",
                       (sessions[4], sessions[0]))
    if moved:
        office.sql("UPDATE session_participants SET session_id = ? WHERE id = ?", (sessions[0], moved[0][0]))
    for number in range(25):
        _session(office, f"2026-{8 + number % 3:02d}-{number % 28 + 1:02d} 11:00:00.000000",
                 persons[4:4 + number % 4], cancelled=int(number % 7 == 0))
    consents = [row[0] for row in office.sql("SELECT id FROM consents ORDER BY person_id")]
    office.sql("UPDATE consents SET withdrawn_on = '2026-11-01', updated_at = ? WHERE id = ?", (STAMP, consents[0]))
    office.sql("UPDATE consents SET person_id = ?, updated_at = ? WHERE id = ?", (persons[5], STAMP, consents[1]))
    office.sql("UPDATE consents SET deleted_at = ?, updated_at = ? WHERE id = ?", (STAMP, STAMP, consents[3]))
    person = uuid.uuid4().hex
    office.sql("INSERT INTO persons (id, last_name, first_name, last_name_key, first_name_key, middle_name_key, sex, "
               "created_at, updated_at) VALUES (?, 'Новикова', 'Вера', 'новикова', 'вера', '', 'F', ?, ?)",
               (person, STAMP, STAMP))
    _consent(office, person, "2027-06-30")
    visits = [row[0] for row in office.sql("SELECT id FROM home_visits ORDER BY id")]
    office.sql("UPDATE visit_services SET quantity = quantity + 3 WHERE visit_id = ?", (visits[0],))
    office.sql("UPDATE home_visits SET visit_date = '2025-12-30', updated_at = ? WHERE id = ?", (STAMP, visits[1]))
    office.sql("UPDATE home_visits SET deleted_at = ?, updated_at = ? WHERE id = ?", (STAMP, STAMP, visits[2]))
    office.sql("DELETE FROM visit_services WHERE id = (SELECT min(id) FROM visit_services WHERE visit_id = ?)",
               (visits[3],))
    family = office.sql("SELECT family_id FROM home_visits WHERE id = ?", (visits[0],))[0][0]
    _visit(office, family, "2026-09-01", [(None, 4)])
    offices = [row[0] for row in office.sql("SELECT id FROM offices ORDER BY id")]
    office.sql("UPDATE families SET office_id = ?, phone = '8-900-000', updated_at = ? WHERE id = ?",
               (offices[-1], STAMP, family))
    office.sql("UPDATE families SET phone = '8-900-111', updated_at = ? WHERE id <> ?", (STAMP, family))
    attended = office.sql("SELECT id FROM session_participants WHERE attended ORDER BY id LIMIT 1")[0][0]
    office.sql("UPDATE session_participants SET attended = 0 WHERE id = ?", (attended,))
    _family_contact_edits(office, persons)


def _event(office: Node, day: str, families: list[str]) -> str:
    event = uuid.uuid4().hex
    office_id, kind = office.sql("SELECT (SELECT id FROM offices ORDER BY id LIMIT 1), "
                                 "(SELECT id FROM dictionary_items ORDER BY id LIMIT 1)")[0]
    office.sql("INSERT INTO events (id, office_id, type_id, title, starts_on, ends_on, format_id, specialists_count, "
               "parents_count, children_count, others_count, in_person_count, online_count, districts_count, "
               "regions_count, created_at, updated_at) VALUES (?, ?, ?, 'Клуб', ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?, ?)",
               (event, office_id, kind, day, day, kind, STAMP, STAMP))
    for family in families:
        office.sql("INSERT INTO event_families (id, event_id, family_id) VALUES (?, ?, ?)",
                   (uuid.uuid4().hex, event, family))
    return event


def _family_contact_edits(office: Node, persons: list[str]) -> None:
    """What the families' contact days read besides the sessions and visits: a membership moved to another person
    and to another family, one deleted, one new; events new, moved and deleted, a family's row removed."""
    members = office.sql("SELECT id, family_id FROM family_members WHERE person_id IN (SELECT p.person_id FROM "
                         "session_participants p JOIN rehab_sessions r ON r.id = p.session_id WHERE NOT r.cancelled "
                         "AND r.deleted_at IS NULL) ORDER BY id")  # members whose days a change moves
    families = sorted({family for _member, family in members})
    assert len(members) >= 3 and len(families) >= 2
    office.sql("UPDATE family_members SET person_id = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM family_members "
               "WHERE family_id = ? AND person_id = ?)", (persons[5], members[0][0], members[0][1], persons[5]))
    office.sql("DELETE FROM family_members WHERE id = ?", (members[1][0],))
    role = office.sql("SELECT role_id FROM family_members ORDER BY id LIMIT 1")[0][0]
    office.sql("INSERT INTO family_members (id, family_id, person_id, role_id, is_legal_representative) "
               "SELECT ?, ?, ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM family_members WHERE family_id = ? AND "
               "person_id = ?)", (uuid.uuid4().hex, families[1], persons[4], role, families[1], persons[4]))
    stays = _event(office, "2026-08-20", families[:2])
    moved = _event(office, "2026-07-02", families[:1])
    gone = _event(office, "2026-09-09", families[1:2])
    office.sql("UPDATE events SET starts_on = '2026-10-05', updated_at = ? WHERE id = ?", (STAMP, moved))
    office.sql("UPDATE events SET deleted_at = ?, updated_at = ? WHERE id = ?", (STAMP, STAMP, gone))
    office.sql("DELETE FROM event_families WHERE event_id = ? AND family_id = ?", (stays, families[1]))


def test_summaries_mirror_and_values_equal_their_rebuild_after_packages(pg_centre, exchange_template, tmp_path,
                                                                         monkeypatch):
    office, centre = office_of_postgres_centre(pg_centre, exchange_template, tmp_path)
    pg_mirror.refresh(pg_centre)  # a mirror exists, so the centre's writes are logged for it
    paused: list[list[str]] = []
    finish = pg_derived.Pause.finish

    def spy(self: pg_derived.Pause) -> None:
        paused.append(list(self.session.execute(text(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'")).scalars()))
        # Every list of touched keys analysed, the empty ones too: one never analysed is costed as pages of rows,
        # and with hash joins off the planner walked a million sessions to probe an empty list.
        never = self.session.execute(text(
            "SELECT relname FROM pg_class WHERE relname = ANY(:names) AND relpersistence = 't' AND reltuples < 0"),
            {"names": list(pg_derived.KEY_TABLES.values())}).scalars().all()
        assert never == [], never
        finish(self)

    monkeypatch.setattr(pg_derived.Pause, "finish", spy)
    monkeypatch.setattr(pg_adapter, "BATCH", 7)
    _office_seed(office)
    _deliver(pg_centre, office, centre, tmp_path)  # everything the office has, as inserts
    _assert_exact(pg_centre)
    _assert_centre_holds_the_office(pg_centre, office, tmp_path)
    _office_edits(office)
    _deliver(pg_centre, office, centre, tmp_path)
    _assert_exact(pg_centre)
    _assert_centre_holds_the_office(pg_centre, office, tmp_path)
    # The triggers were off while the packages were applied, and are on again for everyone else.
    assert paused and all(set(names) == DERIVED_TRIGGERS for names in paused), paused
    assert _disabled_triggers(pg_centre) == []
    refreshed = pg_mirror.refresh(pg_centre)
    assert not refreshed.rebuilt and refreshed.keys > 0
    whole = tmp_path / "whole.db"
    pg_mirror.build(pg_centre, whole)
    copy, mirror = engine.connect(whole, None), engine.connect(refreshed.path, None)
    try:
        assert pg_mirror.rows_of(mirror, TRAVELLING) == pg_mirror.rows_of(copy, TRAVELLING)
    finally:
        copy.close()
        mirror.close()
    # A session written at the centre after the apply is kept by the triggers again.
    with pg_centre.write() as session:
        source = session.execute(select(RehabSession).limit(1)).scalar_one()
        source.starts_at = source.starts_at.replace(year=2025)
        source.cancelled = not source.cancelled
    _assert_exact(pg_centre)


@pytest.mark.parametrize("where", ["write", "finish"])
def test_a_failure_mid_apply_leaves_the_triggers_enabled_and_nothing_written(pg_centre, exchange_template, tmp_path,
                                                                             monkeypatch, where):
    office, centre = office_of_postgres_centre(pg_centre, exchange_template, tmp_path)
    _office_seed(office)
    _deliver(pg_centre, office, centre, tmp_path)
    monkeypatch.setattr(pg_adapter, "BATCH", 7)
    _office_edits(office)
    package = send(office, centre, tmp_path)
    with pg_centre.read() as session:
        before = {name: session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
                  for name in (*TRAVELLING, "contact_session_days", "report_place_months", "consent_states",
                               "exchange_mirror_log")}
        ledger = session.execute(select(func.count()).select_from(ExchangePackage)).scalar_one()
    seen: list[int] = []
    insert, finish = pg_runs.RunWriter.insert, pg_derived.Pause.finish

    def failing_insert(self, table, names, rows):  # the second run of new rows fails (a lost connection, a bug)
        seen.append(1)
        if len(seen) == 2:
            raise PackageRefused("сбой посреди загрузки")
        insert(self, table, names, rows)

    def failing_finish(self):
        assert self.groups, "the derived triggers were not paused"
        self.session.execute(text("SELECT 1"))
        raise PackageRefused("сбой посреди загрузки")

    if where == "write":
        monkeypatch.setattr(pg_runs.RunWriter, "insert", failing_insert)
    else:
        monkeypatch.setattr(pg_derived.Pause, "finish", failing_finish)
    with pytest.raises(PackageRefused, match="сбой посреди загрузки"):
        packages.import_package(pg_centre, ACTOR, package)
    assert _disabled_triggers(pg_centre) == []
    with pg_centre.read() as session:
        after = {name: session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one() for name in before}
        assert session.execute(select(func.count()).select_from(ExchangePackage)).scalar_one() == ledger
    assert after == before
    _assert_exact(pg_centre)
    # Loaded again without the fault, it applies in full.
    monkeypatch.setattr(pg_runs.RunWriter, "insert", insert)
    monkeypatch.setattr(pg_derived.Pause, "finish", finish)
    assert packages.import_package(pg_centre, ACTOR, package).state == "applied"
    _assert_exact(pg_centre)
    _assert_centre_holds_the_office(pg_centre, office, tmp_path)
