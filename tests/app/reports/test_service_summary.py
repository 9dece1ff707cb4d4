"""The services' yearly summary (#16, report_service_years) stays equal to its sources whoever writes, and the
region's report read from it equals the reports computed without it.

Write paths: the services (sessions moved, cancelled, deleted, attendance changed; visits created, edited, deleted;
a family deleted), plain SQL on all seven tables the summary is keyed from (sessions and their places, visits and
their services, a specialist moved to another office, a service given another kind and form, a family moved to
another office), hard deletes, bulk inserts, and an exchange package applied at the centre. After each, the check
finds no difference, and the region with its office lines (`compute_region_and_offices`, which reads the summary
for the services and the госзадание's year to date) equals `compute_quarterly` of the region and of each office.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, insert, select, text, update

from app.registry.families import delete_family
from app.rehab.sessions import AttendanceMark, cancel_session, delete_session, mark_attendance
from app.reports.office_lines import compute_region_and_offices, compute_region_and_offices_at_once
from app.reports.periods import Period, parse_period
from app.reports.quarterly import compute_quarterly
from app.reports.report_summaries import check_summaries, repair_summaries_as_admin
from app.reports.service_summary import check_service_summary, rebuild_service_summary, year_months
from app.reports.state_assignment import save_plan
from app.system.bootstrap import open_database
from app.visits.visits import GivenService, delete_visit, load_visit, update_visit
from db.models import (
    AuditEntry,
    DictionaryItem,
    Family,
    FamilyMember,
    HomeVisit,
    Office,
    RehabSession,
    Service,
    ServiceYear,
    SessionParticipant,
    Staff,
    VisitService,
)
from tests.app.exchange.test_exchange_consolidated import _own_office
from tests.app.reports.test_quarterly import PERIOD, _family, _service, _session, _visit, build
from tests.app.reports.test_state_assignment import FORMS, PLAN_2025
from tests.migration_files import migration_module

DELETED = datetime(2025, 12, 1, tzinfo=UTC)
NAMES = ("Аня", "Боря", "Вера", "Гоша", "Даша", "Егор")
PERIODS = (PERIOD, parse_period("2025"), parse_period("2025-Q4"))


def _assert_exact(database, periods: tuple[Period, ...] = PERIODS) -> None:
    with database.read() as session:
        found = check_service_summary(session)
        assert found.ok, found.message
        offices = session.execute(select(Office.id)).scalars().all()
        for period in periods:
            region, lines = compute_region_and_offices(session, period, offices)
            assert region.to_json_dict() == compute_quarterly(session, period).to_json_dict(), period.title
            for office in offices:
                assert lines[office].to_json_dict() == compute_quarterly(
                    session, period, office_ids=[office]).to_json_dict(), period.title
            # the same pass split on two connections (the consolidated report's way)
            assert compute_region_and_offices_at_once(database, period, offices) == (region, lines), period.title


def test_year_months():
    assert year_months((202507, 202509)) == (2025, 7, 9)
    assert year_months((202501, 202512)) == (2025, 1, 12)
    assert year_months((202412, 202502)) is None  # across a new year: the monthly summary is read instead
    assert year_months(None) is None


def test_service_edits_keep_the_summary(database, world):
    build(database, world)
    other = _own_office(database, "Второе отделение")
    actor = other.coordinator  # both offices
    with database.write() as session:
        save_plan(session, actor, PLAN_2025, FORMS)  # the госзадание's year to date is read too
        family_id, kids = _family(session, world, "Сводкина", {"Аня": date(2016, 1, 1), "Боря": date(2017, 2, 2)},
                                  district_id=world.district_id)
        first = _session(session, other, datetime(2025, 8, 5, 10), {kids["Аня"]: True, kids["Боря"]: False},
                         staff_id=other.psychologist_id)
        visit = _visit(session, world, family_id, date(2025, 9, 3),
                       [GivenService(_service(session, "psy_correction"), kids["Аня"], 2),
                        GivenService(_service(session, "psy_correction"), None, 1)])
    _assert_exact(database)
    with database.write() as session:  # attendance changed: Боря now served, Аня's place absent
        rows = dict(session.execute(select(SessionParticipant.person_id, SessionParticipant.id)
                                    .where(SessionParticipant.session_id == first)).all())
        illness = world.code(session, "absence_reason", "illness")
        mark_attendance(session, actor, [AttendanceMark(rows[kids["Аня"]], False, illness),
                                                     AttendanceMark(rows[kids["Боря"]], True)])
    _assert_exact(database)
    with database.write() as session:  # the visit moved to October, its services changed
        data = load_visit(session, actor, visit)
        moved = replace(data, visit_date=date(2025, 10, 2),
                        services=[GivenService(_service(session, "psy_correction"), kids["Боря"], 3)])
        update_visit(session, actor, visit, moved)
    _assert_exact(database)
    with database.write() as session:
        cancel_session(session, actor, first)
        delete_visit(session, actor, visit)
    _assert_exact(database)
    with database.write() as session:
        second = _session(session, world, datetime(2025, 7, 1, 0, 0), {kids["Аня"]: True, kids["Боря"]: True})
        _visit(session, world, family_id, date(2025, 7, 31),
               [GivenService(_service(session, "psy_correction"), kids["Боря"], 1)])
    _assert_exact(database)
    with database.write() as session:
        delete_session(session, actor, second)
        delete_family(session, actor, family_id)  # its visits no longer count
    _assert_exact(database)
    with database.read() as session:  # nothing at zero is kept
        counts = sum((getattr(ServiceYear, f"n{month:02d}") for month in range(1, 13)), start=0)
        assert session.execute(select(func.count()).select_from(ServiceYear).where(counts == 0)).scalar_one() == 0


def _codes(session, kind: str) -> list[uuid.UUID]:
    return session.execute(select(DictionaryItem.id).where(DictionaryItem.kind == kind)).scalars().all()


def _children_first(session) -> bool:
    """On SQLite, foreign keys checked at commit (as SQLite's changeset apply does): rows may come in any order."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    session.execute(text("PRAGMA defer_foreign_keys = ON"))
    return True


def test_random_writes_on_every_source_table(database, world):
    """Rows written and edited with Core (as the importer, the demo generator, an SQL tool or a changeset do) on
    all seven tables the summary's key is read from, at random; the summary and the report stay exact."""
    rng = random.Random(20)
    build(database, world)
    other = _own_office(database, "Второе отделение")
    with database.write() as session:
        save_plan(session, world.coordinator, PLAN_2025, FORMS)
        born = {name: date(2012 + i, 1 + i, 1) for i, name in enumerate(NAMES)}
        _, kids = _family(session, world, "Случайнова", born, district_id=world.district_id)
        children = list(kids.values())
        families = session.execute(select(Family.id)).scalars().all()
        services = session.execute(select(Service.id)).scalars().all()[:6]
        staff = [world.psychologist_id, world.speech_therapist_id, other.psychologist_id, other.speech_therapist_id]
        offices = [world.office_id, other.office_id]
        kinds, forms = _codes(session, "service_kind"), _codes(session, "service_form")
        modes = _codes(session, "delivery_mode")
        sessions, places, visits, given = [], [], [], []
        for _ in range(120):
            session_id = uuid.uuid4()
            sessions.append({"id": session_id, "starts_at": datetime(2024, 12, 1) + timedelta(
                days=rng.randrange(420), hours=rng.randrange(24)), "duration_min": 40, "staff_id": rng.choice(staff),
                "service_id": rng.choice(services), "delivery_mode_id": rng.choice(modes),
                "cancelled": rng.random() < 0.1, "is_group": True,
                "deleted_at": DELETED if rng.random() < 0.05 else None})
            for person in rng.sample(children, rng.randint(0, 3)):
                places.append({"id": uuid.uuid4(), "session_id": session_id, "person_id": person,
                               "attended": rng.choice((True, False, None))})
        for _ in range(40):
            visit_id = uuid.uuid4()
            visits.append({"id": visit_id, "family_id": rng.choice(families), "visit_date": date(2024, 12, 1)
                           + timedelta(days=rng.randrange(420)), "purpose": "Патронаж",
                           "deleted_at": DELETED if rng.random() < 0.1 else None})
            for _ in range(rng.randint(0, 3)):
                given.append({"id": uuid.uuid4(), "visit_id": visit_id, "service_id": rng.choice(services),
                              "person_id": rng.choice([None, *children]), "quantity": rng.randint(0, 3)})
        if _children_first(session):  # places before their sessions, as SQLite's changesets may apply them
            session.execute(insert(SessionParticipant), places)
            session.execute(insert(RehabSession), sessions)
            session.execute(insert(VisitService), given)
            session.execute(insert(HomeVisit), visits)
        else:
            session.execute(insert(RehabSession), sessions)
            session.execute(insert(SessionParticipant), places)
            session.execute(insert(HomeVisit), visits)
            session.execute(insert(VisitService), given)
    _assert_exact(database)
    for _round in range(3):
        with database.write() as session:
            for row in rng.sample(sessions, 25):
                change = rng.choice(("starts_at", "staff_id", "service_id", "cancelled", "deleted_at"))
                value = {"starts_at": row["starts_at"] + timedelta(days=rng.randint(-60, 60)),
                         "staff_id": rng.choice(staff), "service_id": rng.choice(services),
                         "cancelled": rng.random() < 0.5, "deleted_at": rng.choice((None, DELETED))}[change]
                session.execute(update(RehabSession).where(RehabSession.id == row["id"]).values({change: value}))
            for place in rng.sample(places, 20):
                session.execute(update(SessionParticipant).where(SessionParticipant.id == place["id"])
                                .values(attended=rng.choice((True, False, None))))
            for row in rng.sample(visits, 8):
                change = rng.choice(("visit_date", "family_id", "deleted_at"))
                value = {"visit_date": row["visit_date"] + timedelta(days=rng.randint(-60, 60)),
                         "family_id": rng.choice(families), "deleted_at": rng.choice((None, DELETED))}[change]
                session.execute(update(HomeVisit).where(HomeVisit.id == row["id"]).values({change: value}))
            for row in rng.sample(given, min(8, len(given))):
                change = rng.choice(("service_id", "person_id", "quantity", "visit_id"))
                value = {"service_id": rng.choice(services), "person_id": rng.choice([None, *children]),
                         "quantity": rng.randint(0, 4), "visit_id": rng.choice(visits)["id"]}[change]
                session.execute(update(VisitService).where(VisitService.id == row["id"]).values({change: value}))
            session.execute(update(Staff).where(Staff.id == rng.choice(staff)).values(office_id=rng.choice(offices)))
            session.execute(update(Service).where(Service.id == rng.choice(services))
                            .values(kind_id=rng.choice(kinds), form_id=rng.choice(forms)))
            moved = rng.choice(families)
            session.execute(update(Family).where(Family.id == moved).values(
                office_id=rng.choice(offices), deleted_at=rng.choice((None, None, DELETED))))
            for place in rng.sample(places, 5):  # hard deletes
                places.remove(place)
                session.execute(delete(SessionParticipant).where(SessionParticipant.id == place["id"]))
            for row in rng.sample(given, min(3, len(given))):
                given.remove(row)
                session.execute(delete(VisitService).where(VisitService.id == row["id"]))
            gone = rng.choice(sessions)
            sessions.remove(gone)
            if _children_first(session):  # the session deleted before its places
                session.execute(delete(RehabSession).where(RehabSession.id == gone["id"]))
                session.execute(delete(SessionParticipant).where(SessionParticipant.session_id == gone["id"]))
            else:
                session.execute(delete(SessionParticipant).where(SessionParticipant.session_id == gone["id"]))
                session.execute(delete(RehabSession).where(RehabSession.id == gone["id"]))
            places = [place for place in places if place["session_id"] != gone["id"]]
        _assert_exact(database)
    with database.read() as session:  # the figures are not all zero: the test compares something
        assert session.execute(select(func.count()).select_from(ServiceYear)).scalar_one() > 20
        assert session.execute(select(func.count()).select_from(FamilyMember)).scalar_one() > 0


def test_check_finds_and_repair_rebuilds(database, world):
    build(database, world)
    with database.write() as session:
        session.execute(delete(ServiceYear).where(ServiceYear.recipient_id.in_(
            select(ServiceYear.recipient_id).limit(1).scalar_subquery())))
        session.execute(update(ServiceYear).values(q07=ServiceYear.q07 + 1))
    with database.read() as session:
        found = check_service_summary(session)
        both = check_summaries(session)
    assert not found.ok and found.missing > 0 and found.extra > 0 and "расходится" in found.message
    assert not both.found.ok and "Сводка занятий" in both.message and "расходится" in both.message
    with database.write() as session:
        result = repair_summaries_as_admin(session, world.admin)
        assert "перестроена" in result.message and result.found is not None
        assert session.execute(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.entity == "report_service_years")).scalar_one() == 1
        assert session.execute(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.entity == "report_summary")).scalar_one() == 0
    _assert_exact(database)
    with database.read() as session:
        assert check_summaries(session).found.ok


def test_the_migration_fill_equals_the_rebuild(database, world):
    build(database, world)
    migration = migration_module("0020_region_summaries.py")
    with database.write() as session:
        dialect = session.get_bind().dialect.name
        for statement in migration.fill_statements(dialect):
            session.execute(text(statement))
        assert check_service_summary(session).ok
        assert rebuild_service_summary(session) > 0
        assert check_service_summary(session).ok


def test_a_journal_import_keeps_the_summary(database, world, tmp_path):
    from tests.app.importing.test_journals_import import test_sessions_journal_group_and_individual_with_attendance

    test_sessions_journal_group_and_individual_with_attendance(database, world, tmp_path)
    _assert_exact(database, (parse_period("2025-Q1"),))


def test_the_centre_keeps_the_summary_from_packages(sqlite_template: Path, tmp_path: Path):
    from tests.app.exchange.exchange_setup import exchange, make_network

    net = make_network(sqlite_template, tmp_path)
    for office in ("o1", "o2"):
        exchange(net[office], net["centre"], tmp_path)
        exchange(net["centre"], net[office], tmp_path)
    for index, name in enumerate(("o1", "o2")):
        database = open_database(str(net[name].path))
        world = _own_office(database, f"Отделение {index + 1}")
        build(database, world)
        database.dispose()
        exchange(net[name], net["centre"], tmp_path)
        if index:  # edits after the first package travel as updates: a visit moved, a session cancelled
            database = open_database(str(net[name].path))
            with database.write() as session:
                session.execute(update(HomeVisit).values(visit_date=date(2025, 10, 15)))
                session.execute(update(RehabSession).where(RehabSession.id == session.execute(
                    select(RehabSession.id).where(RehabSession.cancelled.is_(False))).scalars().first())
                    .values(cancelled=True))
            _assert_exact(database)
            database.dispose()
            exchange(net[name], net["centre"], tmp_path)
    centre = open_database(str(net["centre"].path))
    try:
        _assert_exact(centre)
    finally:
        centre.dispose()
