"""The persons' session days (`contact_session_days`, #17) stay equal to their sources whoever writes, and
«без контакта» read from them finds exactly the families a slow reading of every session, visit and event finds.

Every write path is exercised: the services (a session created, moved to another day, its participants changed,
cancelled, deleted), plain SQL (an un-cancel, hard deletes, bulk inserts like the demo generator's and the
importer's writers, a participant moved to another session or person), a journal import, the demo generator, an
exchange changeset applied by SQLite's session extension at the centre and by the PostgreSQL adapter.
"""

from __future__ import annotations

import os
import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, insert, select, text, update

from app.core.actor import COORDINATOR, Actor
from app.rehab.sessions import cancel_session, delete_session, update_session
from app.visits.visits import VisitData, create_visit
from app.worklist.contact_days import check_contact_days, rebuild_contact_days, repair_contact_days_as_admin
from app.worklist.deadlines import COMPUTE, Deadline, Scope, compute_deadlines, deadline_scope
from db.models import (
    AuditEntry,
    Consent,
    ContactSessionDay,
    Event,
    EventFamily,
    Family,
    FamilyMember,
    HomeVisit,
    Office,
    Person,
    RehabSession,
    SessionParticipant,
    SupportCase,
    User,
)
from db.session import Database
from tests.app.rehab_setup import add_session, mother_with_children, session_data
from tests.app.worklist.test_deadlines import TODAY, _family, open_new_case
from tests.migration_files import migration_module

MIGRATION = "0014_contact_summaries.py"
DELETED = datetime(2025, 12, 1, tzinfo=UTC)


def _at(days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), time(hour))


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def slow_no_contact(session, today: date, days: int) -> dict[uuid.UUID, date]:
    """«Без контакта» by its definition, reading every row: families on support (not deleted) whose last visit,
    event or live session on or before today — or, without any, the opening of their first open case — lies
    `days` days or more back; family -> the due date."""
    since: dict[uuid.UUID, date] = {}
    for family_id, opened in session.execute(select(SupportCase.family_id, SupportCase.opened_on).where(
            SupportCase.closed_on.is_(None), SupportCase.deleted_at.is_(None))):
        since[family_id] = min(opened, since.get(family_id, opened))
    deleted = set(session.scalars(select(Family.id).where(Family.deleted_at.is_not(None))))
    last: dict[uuid.UUID, date] = {}

    def contact(family_id, day) -> None:
        if day <= today:
            last[family_id] = max(day, last.get(family_id, day))

    for family_id, day in session.execute(select(HomeVisit.family_id, HomeVisit.visit_date)
                                          .where(HomeVisit.deleted_at.is_(None))):
        contact(family_id, day)
    for family_id, day in session.execute(select(EventFamily.family_id, Event.starts_on)
                                          .join(Event, Event.id == EventFamily.event_id)
                                          .where(Event.deleted_at.is_(None))):
        contact(family_id, day)
    families_of: dict[uuid.UUID, list[uuid.UUID]] = {}
    for family_id, person_id in session.execute(select(FamilyMember.family_id, FamilyMember.person_id)):
        families_of.setdefault(person_id, []).append(family_id)
    for person_id, starts_at, cancelled, gone in session.execute(
            select(SessionParticipant.person_id, RehabSession.starts_at, RehabSession.cancelled,
                   RehabSession.deleted_at).join(RehabSession, RehabSession.id == SessionParticipant.session_id)):
        if not cancelled and gone is None:
            for family_id in families_of.get(person_id, []):
                contact(family_id, _as_date(starts_at))
    found = {}
    for family_id, opened in since.items():
        due = last.get(family_id, opened) + timedelta(days=days)
        if family_id not in deleted and due <= today:
            found[family_id] = due
    return found


def _fast_no_contact(session, actor, today: date) -> dict[uuid.UUID, Deadline]:
    return {uuid.UUID(d.family_id): d for d in compute_deadlines(session, actor, today, kinds=["no_contact"])}


def _assert_exact(database: Database, actor: Actor | None = None, days: tuple[date, ...] = (TODAY,)) -> None:
    with database.read() as session:
        found = check_contact_days(session)
        assert found.ok, found.message
        if actor is not None:
            for today in days:
                fast = _fast_no_contact(session, actor, today)
                assert {family: d.due_on for family, d in fast.items()} == slow_no_contact(session, today, 90), today


def _program() -> Actor:
    return Actor(None, "program", COORDINATOR)


def test_service_writes_keep_the_days(database, world):
    with database.write() as session:
        children, mother = mother_with_children(world, session, 3, "Днёва")
        first = add_session(world, session, _at(10), children[:2])
        second = add_session(world, session, _at(10, 14), children[:1])  # two sessions on one day: count 2
        third = add_session(world, session, _at(-5), children)  # planned: a day to come
    _assert_exact(database)
    with database.read() as session:
        assert session.execute(select(ContactSessionDay.sessions).where(
            ContactSessionDay.person_id == children[0],
            ContactSessionDay.day == TODAY - timedelta(days=10))).scalar_one() == 2
    with database.write() as session:  # moved two days on, one child out, another in
        update_session(session, world.coordinator, first,
                       session_data(world, session, _at(8), [children[1], children[2]]), allow_conflicts=True)
    _assert_exact(database)
    with database.write() as session:
        cancel_session(session, world.coordinator, second)
    _assert_exact(database)
    with database.write() as session:  # an un-cancel (no service does it; an SQL tool or a changeset can)
        session.execute(update(RehabSession).where(RehabSession.id == second).values(cancelled=False))
    _assert_exact(database)
    with database.write() as session:
        delete_session(session, world.coordinator, third)
    _assert_exact(database)
    with database.write() as session:  # a participant moved to another session, then to another person
        place = session.execute(select(SessionParticipant.id).where(SessionParticipant.session_id == first,
                                                                    SessionParticipant.person_id == children[2])
                                ).scalar_one()
        session.execute(update(SessionParticipant).where(SessionParticipant.id == place).values(session_id=second))
    _assert_exact(database)
    with database.write() as session:
        session.execute(update(SessionParticipant).where(SessionParticipant.id == place)
                        .values(person_id=mother))
    _assert_exact(database)
    with database.write() as session:  # hard deletes: a participant, then a session with its places
        session.execute(delete(SessionParticipant).where(SessionParticipant.id == place))
    _assert_exact(database)
    with database.write() as session:
        session.execute(delete(SessionParticipant).where(SessionParticipant.session_id == first))
        session.execute(delete(RehabSession).where(RehabSession.id == first))
    _assert_exact(database)
    with database.read() as session:  # nothing kept at zero
        assert session.execute(select(func.min(ContactSessionDay.sessions))).scalar_one() in (None, 1)


def test_no_contact_equals_the_slow_reading_after_edits(database, world):
    """Families silent or not by sessions, visits and events, a planned session that becomes a contact when its
    day comes (no write in between), a family with contact before its case opened; asked on several days."""
    families = {name: _family(database, world, name, date(2018, 4, 1)) for name in (
        "Аверина", "Быкова", "Воронина", "Гусева", "Данилова", "Ершова", "Жукова")}
    for name, family in families.items():
        open_new_case(database, world, family, opened_on=TODAY - timedelta(days=50 if name == "Жукова" else 200))
    with database.write() as session:
        add_session(world, session, _at(100), [families["Аверина"].child_id])
        add_session(world, session, _at(20), [families["Быкова"].child_id])
        add_session(world, session, _at(-20), [families["Воронина"].child_id])  # planned
        cancelled = add_session(world, session, _at(5), [families["Гусева"].child_id])
        cancel_session(session, world.coordinator, cancelled)
        create_visit(session, world.coordinator, VisitData(
            families["Данилова"].id, TODAY - timedelta(days=30), [world.psychologist_id], "Патронаж",
            world.code(session, "delivery_mode", "family_home")))
        add_session(world, session, _at(120), [families["Жукова"].child_id])  # before the case opened
    days = tuple(TODAY + timedelta(days=shift) for shift in (-30, 0, 11, 40, 95, 200))
    _assert_exact(database, world.coordinator, days)
    _assert_exact(database, _program(), days)
    with database.read() as session:
        found = _fast_no_contact(session, world.coordinator, TODAY)
    assert {families[n].id for n in ("Аверина", "Воронина", "Гусева", "Ершова", "Жукова")} <= set(found)
    assert not {families[n].id for n in ("Быкова", "Данилова")} & set(found)
    assert "последний контакт" in found[families["Жукова"].id].detail
    assert "контактов не было" in found[families["Ершова"].id].detail
    with database.read() as session:  # the planned session is a contact once its day has come
        later = _fast_no_contact(session, world.coordinator, TODAY + timedelta(days=25))
    assert families["Воронина"].id not in later


def test_random_bulk_writes_and_edits(database, world):
    """Rows written with Core as the demo generator and the importer's bulk writer do, then edited at random;
    «без контакта» is compared with the slow reading on several days after each round."""
    rng = random.Random(17)
    with database.write() as session:
        children: list[uuid.UUID] = []
        mothers: list[uuid.UUID] = []
        for name in ("Случайнов", "Нечаев", "Вероятнов", "Жребиев"):
            kids, mother = mother_with_children(world, session, 3, name)
            children += [*kids, mother]
            mothers.append(mother)
        services = session_data(world, session, _at(0), []).service_id
        mode = world.code(session, "delivery_mode", "centre")
        sessions, places = [], []
        for _ in range(200):
            session_id = uuid.uuid4()
            start = _at(rng.randrange(-30, 200), rng.randrange(24))
            sessions.append({"id": session_id, "starts_at": start, "duration_min": 40,
                             "staff_id": world.psychologist_id, "service_id": services, "delivery_mode_id": mode,
                             "cancelled": rng.random() < 0.1, "is_group": True,
                             "deleted_at": DELETED if rng.random() < 0.05 else None})
            for person in rng.sample(children, rng.randint(0, 3)):
                places.append({"id": uuid.uuid4(), "session_id": session_id, "person_id": person})
        session.execute(insert(RehabSession), sessions)
        session.execute(insert(SessionParticipant), places)
    with database.read() as session:
        families = list(session.scalars(select(FamilyMember.family_id).where(FamilyMember.person_id.in_(mothers))))
    for family_id in families:
        with database.write() as session:
            family = _Family(family_id, session)
        open_new_case(database, world, family, opened_on=TODAY - timedelta(days=rng.randrange(30, 300)))
    days = (TODAY - timedelta(days=60), TODAY, TODAY + timedelta(days=15))
    _assert_exact(database, _program(), days)
    for _round in range(3):
        with database.write() as session:
            for row in rng.sample(sessions, 40):
                change = rng.choice(("starts_at", "cancelled", "deleted_at"))
                value = {"starts_at": row["starts_at"] + timedelta(days=rng.randint(-60, 60)),
                         "cancelled": rng.random() < 0.5, "deleted_at": rng.choice((None, DELETED))}[change]
                row[change] = value
                session.execute(update(RehabSession).where(RehabSession.id == row["id"]).values({change: value}))
            for place in rng.sample(places, 10):
                places.remove(place)
                session.execute(delete(SessionParticipant).where(SessionParticipant.id == place["id"]))
        _assert_exact(database, _program(), days)


class _Family:
    """What `open_new_case` needs of a family built here: its id and its child (the case's child)."""

    def __init__(self, family_id: uuid.UUID, session) -> None:
        self.id = family_id
        self.child_id = session.execute(select(FamilyMember.person_id).where(
            FamilyMember.family_id == family_id, FamilyMember.is_legal_representative.is_(False)).limit(1)
        ).scalar_one()


def test_check_finds_and_repair_rebuilds(database, world):
    with database.write() as session:
        children, _mother = mother_with_children(world, session, 2, "Сверкина")
        add_session(world, session, _at(3), children)
        add_session(world, session, _at(40), children[:1])
    with database.write() as session:
        session.execute(delete(ContactSessionDay).where(ContactSessionDay.person_id == children[1]))
        session.execute(update(ContactSessionDay).values(sessions=ContactSessionDay.sessions + 1))
    with database.read() as session:
        found = check_contact_days(session)
    assert not found.ok and found.missing > 0 and found.extra > 0
    assert "расходится" in found.message
    with database.write() as session:
        result = repair_contact_days_as_admin(session, world.admin)
        # three persons' days and the family's two days (migration 0021's table is rebuilt with them)
        assert result.rebuilt_rows == 3 + 2 and "перестроена" in result.message
        assert session.execute(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.entity == "contact_session_days")).scalar_one() == 1
    _assert_exact(database)
    with database.write() as session:
        assert repair_contact_days_as_admin(session, world.admin).rebuilt_rows is None


def test_the_migration_fill_equals_the_rebuild(database, world):
    with database.write() as session:
        children, _mother = mother_with_children(world, session, 2, "Заливкина")
        add_session(world, session, _at(3), children)
        add_session(world, session, _at(3, 15), children)
        cancel_session(session, world.coordinator, add_session(world, session, _at(4), children))
    migration = migration_module(MIGRATION)
    with database.write() as session:
        for statement in migration.fill_statements(session.get_bind().dialect.name):
            session.execute(text(statement))
        assert check_contact_days(session).ok
        assert session.execute(select(func.sum(ContactSessionDay.sessions))).scalar_one() == 4
        assert rebuild_contact_days(session) == 2 + 1  # two persons' days, the family's one day
        assert check_contact_days(session).ok


def test_a_journal_import_keeps_the_days(database, world, tmp_path):
    from tests.app.importing.test_journals_import import test_sessions_journal_group_and_individual_with_attendance

    test_sessions_journal_group_and_individual_with_attendance(database, world, tmp_path)
    with database.read() as session:
        assert session.execute(select(func.count()).select_from(ContactSessionDay)).scalar_one() > 0
    _assert_exact(database, _program(), (date(2025, 3, 1), TODAY))


def test_the_demo_generator_keeps_the_days(tmp_path):
    from app.system.bootstrap import open_database
    from demo.generator import generate_demo

    database = open_database(str(tmp_path / "demo.db"))
    try:
        generate_demo(database, families=30, seed=7, today=TODAY)
        with database.read() as session:
            assert session.execute(select(func.count()).select_from(ContactSessionDay)).scalar_one() > 100
        _assert_exact(database, _program(), (TODAY - timedelta(days=45), TODAY, TODAY + timedelta(days=20)))
        with database.read() as session:
            actor = _program()
            wide = deadline_scope(session, actor)
            narrow = Scope(wide.driving, wide.row, wide=False)
            for today in (TODAY - timedelta(days=400), TODAY, TODAY + timedelta(days=200)):
                slow = slow_consents(session, today, 30)
                assert slow, today
                for scope in (wide, narrow):
                    found = {(uuid.UUID(d.person_id), d.due_on, d.detail)
                             for d in COMPUTE["consent"](session, scope, today, 30)}
                    assert found == slow, (today, scope.wide)
            # a coordinator of one office: probed member by member unless that office is half the region; both
            # forms give the same list
            offices = list(session.scalars(select(Office.id)))
            user = session.execute(select(User).where(User.role == COORDINATOR)).scalars().first()
            assert user is not None
            one = Actor(user.id, user.login, COORDINATOR, office_ids=frozenset(offices[:1]))
            scope = deadline_scope(session, one)
            assert scope.wide == (len(offices) <= 2)
            other = Scope(scope.driving, scope.row, wide=not scope.wide)
            lists = [sorted(COMPUTE["consent"](session, form, TODAY, 30), key=lambda d: (d.family_id, d.person_id,
                                                                                         d.detail))
                     for form in (scope, other)]
            assert lists[0] == lists[1] and lists[0]
    finally:
        database.dispose()


def slow_consents(session, today: date, days: int) -> set[tuple[uuid.UUID, date | None, str]]:
    """«Согласие» by its definition, reading every current member and every consent."""
    consents: dict[uuid.UUID, list[Consent]] = {}
    for consent in session.scalars(select(Consent).where(Consent.deleted_at.is_(None))):
        consents.setdefault(consent.person_id, []).append(consent)
    members = session.execute(select(FamilyMember.person_id).join(Family, Family.id == FamilyMember.family_id)
                              .join(Person, Person.id == FamilyMember.person_id)
                              .where(FamilyMember.left_on.is_(None), Family.deleted_at.is_(None),
                                     Person.deleted_at.is_(None))).scalars().all()
    found: set[tuple[uuid.UUID, date | None, str]] = set()
    for person_id in members:
        own = consents.get(person_id, [])
        live = [c for c in own if c.withdrawn_on is None and (c.valid_until is None or c.valid_until >= today)]
        if not live:
            withdrawn = any(c.withdrawn_on is not None for c in own)
            found.add((person_id, None, "согласие на обработку персональных данных отозвано" if withdrawn
                       else "нет действующего согласия на обработку персональных данных"))
        for consent in live:
            if consent.valid_until is not None and consent.valid_until <= today + timedelta(days=days):
                found.add((person_id, consent.valid_until,
                           f"согласие действует до {consent.valid_until:%d.%m.%Y}"))
    return found


def test_the_centre_keeps_its_days_from_packages(sqlite_template: Path, tmp_path: Path):
    """Sessions made in an office, then moved and cancelled there, arrive at the centre as changesets applied by
    SQLite's session extension: the centre's own table follows."""
    from app.system.bootstrap import open_database
    from tests.app.exchange.exchange_setup import exchange, make_network
    from tests.world import load_world

    net = make_network(sqlite_template, tmp_path, ("centre", "o1"))
    exchange(net["o1"], net["centre"], tmp_path)
    exchange(net["centre"], net["o1"], tmp_path)
    office = open_database(str(net["o1"].path))
    with office.read() as session:
        world = load_world(session)
    with office.write() as session:
        children, _mother = mother_with_children(world, session, 3, "Пакетова")
        moved = add_session(world, session, _at(12), children[:2])
        gone = add_session(world, session, _at(30), [children[2]])
        add_session(world, session, _at(-3), children)
    office.dispose()
    exchange(net["o1"], net["centre"], tmp_path)
    office = open_database(str(net["o1"].path))
    with office.write() as session:
        update_session(session, world.coordinator, moved,
                       session_data(world, session, _at(2), [children[1], children[2]]), allow_conflicts=True)
        cancel_session(session, world.coordinator, gone)
    _assert_exact(office)
    office.dispose()
    exchange(net["o1"], net["centre"], tmp_path)
    centre = open_database(str(net["centre"].path))
    try:
        _assert_exact(centre, _program(), (TODAY, TODAY + timedelta(days=40)))
        with centre.read() as session:
            rows = set(session.execute(select(ContactSessionDay.person_id, ContactSessionDay.day)))
        assert (children[2], TODAY - timedelta(days=2)) in rows and (children[2], TODAY - timedelta(days=30)) \
            not in rows and (children[0], TODAY - timedelta(days=12)) not in rows
    finally:
        centre.dispose()


PG_URL = os.environ.get("OPORA_TEST_PG_URL")


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL tests need OPORA_TEST_PG_URL")
def test_a_postgresql_centre_keeps_its_days_from_packages(sqlite_template: Path, tmp_path: Path):
    from app.system.bootstrap import open_database
    from tests.app.exchange.exchange_setup import (
        deliver_to_postgres_centre,
        office_of_postgres_centre,
        postgres_database,
    )
    from tests.world import load_world

    assert PG_URL
    with postgres_database(PG_URL, "opora_contacts") as pg:
        office, centre = office_of_postgres_centre(pg, sqlite_template, tmp_path)


        database = open_database(str(office.path))
        with database.read() as session:
            world = load_world(session)
        with database.write() as session:
            children, _mother = mother_with_children(world, session, 3, "Постгресова")
            moved = add_session(world, session, _at(12), children[:2])
            gone = add_session(world, session, _at(30), [children[2]])
        database.dispose()
        deliver_to_postgres_centre(pg, office, centre, tmp_path)
        _assert_exact(pg, _program())
        database = open_database(str(office.path))
        with database.write() as session:
            update_session(session, world.coordinator, moved,
                           session_data(world, session, _at(2), [children[1], children[2]]), allow_conflicts=True)
            cancel_session(session, world.coordinator, gone)
        database.dispose()
        deliver_to_postgres_centre(pg, office, centre, tmp_path)
        _assert_exact(pg, _program(), (TODAY, TODAY + timedelta(days=40)))
        with pg.read() as session:
            rows = set(session.execute(select(ContactSessionDay.person_id, ContactSessionDay.day)))
        assert rows == {(children[1], TODAY - timedelta(days=2)), (children[2], TODAY - timedelta(days=2))}


def test_the_command_line_check(database, world, monkeypatch, capsys):
    from cli.main import run
    from tests.world import PASSWORD

    with database.write() as session:
        children, _mother = mother_with_children(world, session, 2, "Командова")
        add_session(world, session, _at(3), children)
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    assert run(["deadlines", "--check-contacts", "--db", database.url, "--user", "admin"]) == 0
    assert "совпадает с данными" in capsys.readouterr().out
    with database.write() as session:
        session.execute(delete(ContactSessionDay).where(ContactSessionDay.person_id == children[0]))
    assert run(["deadlines", "--check-contacts", "--db", database.url, "--user", "admin"]) == 3
    assert "строк не хватает — 1, лишних — 0" in capsys.readouterr().out
    assert run(["deadlines", "--check-contacts", "--db", database.url, "--user", "coord"]) == 1
    assert "администратор" in capsys.readouterr().err
    assert run(["deadlines", "--repair", "--db", database.url, "--user", "admin"]) == 1
    assert "--check-contacts" in capsys.readouterr().err
    with database.read() as session:  # a refused or a plain check changes nothing
        assert not check_contact_days(session).ok
    assert run(["deadlines", "--check-contacts", "--repair", "--db", database.url, "--user", "admin"]) == 0
    assert "перестроена" in capsys.readouterr().out
    _assert_exact(database)
