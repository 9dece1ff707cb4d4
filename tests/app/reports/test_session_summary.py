"""The sessions' monthly summary (#16) stays equal to its sources whoever writes, and the quarterly report read from
it gives the very figures of the direct queries.

Every write path is exercised: the services (a session moved to another month and specialist, cancelled, deleted,
attendance changed, a participant removed), plain SQL (hard deletes, bulk inserts like the demo generator's and the
importer's writers), a journal import, an exchange changeset applied at the centre. After each, the check finds no
difference and the summary-based report equals the one computed without the summary.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, insert, select, text, update

from app.core.actor import Actor
from app.exchange.consolidated import compute_consolidated
from app.rehab.sessions import (
    AttendanceMark,
    SessionData,
    cancel_session,
    delete_session,
    mark_attendance,
    update_session,
)
from app.reports import quarterly
from app.reports.periods import Period, parse_period
from app.reports.session_summary import check_summary, rebuild_summary, repair_summary_as_admin, summary_months
from app.system.bootstrap import open_database
from db.models import AuditEntry, Office, PlaceMonth, RehabSession, SessionMonth, SessionParticipant, User
from tests.app.reports.test_quarterly import PERIOD, _family, _service, _session, build
from tests.migration_files import migration_module

NAMES = ("Аня", "Боря", "Вера", "Гоша", "Даша", "Егор", "Жанна", "Зоя", "Игорь", "Катя", "Лёва", "Маша")
DELETED = datetime(2025, 12, 1, tzinfo=UTC)


def _direct(monkeypatch: pytest.MonkeyPatch, session, period: Period, **filters):
    """The report computed without the summary (as for a period that is not whole months)."""
    with monkeypatch.context() as patch:
        patch.setattr(quarterly, "summary_months", lambda _period: None)
        return quarterly.compute_quarterly(session, period, **filters).to_json_dict()


def _assert_exact(monkeypatch, database, period: Period = PERIOD, **filters) -> dict:
    with database.read() as session:
        found = check_summary(session)
        assert found.ok, found.message
        report = quarterly.compute_quarterly(session, period, **filters).to_json_dict()
        assert report == _direct(monkeypatch, session, period, **filters)
    return report


def test_whole_months_only():
    assert summary_months(parse_period("2025-Q3")) == (202507, 202509)
    assert summary_months(parse_period("2025")) == (202501, 202512)
    assert summary_months(parse_period("2024-02-01..2024-02-29")) == (202402, 202402)
    assert summary_months(parse_period("2025-07-01..2025-09-29")) is None
    assert summary_months(parse_period("2025-07-02..2025-09-30")) is None


def test_service_edits_keep_the_summary(database, world, monkeypatch):
    with database.write() as session:
        _, kids = _family(session, world, "Сводкина", {"Аня": date(2016, 1, 1), "Боря": date(2017, 2, 2),
                                                       "Вера": date(2018, 3, 3)}, district_id=world.district_id)
        first = _session(session, world, datetime(2025, 8, 5, 10), {kids["Аня"]: True, kids["Боря"]: False,
                                                                     kids["Вера"]: None})
        second = _session(session, world, datetime(2025, 9, 30, 23, 30), {kids["Аня"]: True})
        _session(session, world, datetime(2025, 7, 1, 0, 0), {kids["Боря"]: True, kids["Вера"]: True})
    report = _assert_exact(monkeypatch, database)
    assert report["sessions"]["total"]["sessions"] == 3 and report["sessions"]["total"]["attended"] == 4

    def data(starts_at, people, staff_id=None, service="psy_correction", mode="centre"):
        with database.read() as session:
            return SessionData(starts_at=starts_at, duration_min=40, staff_id=staff_id or world.psychologist_id,
                               service_id=_service(session, service),
                               delivery_mode_id=world.code(session, "delivery_mode", mode), person_ids=people,
                               is_group=len(people) > 1)

    # moved to another month, specialist, service and mode, one child removed: marks of those who stay are kept
    with database.write() as session:
        update_session(session, world.coordinator, first,
                       data(datetime(2025, 9, 1, 9), [kids["Аня"], kids["Вера"]], world.speech_therapist_id,
                            "ped_correction" if _has(session, "ped_correction") else "psy_correction", "remote"),
                       allow_conflicts=True)
    _assert_exact(monkeypatch, database)
    # out of the quarter and back
    with database.write() as session:
        update_session(session, world.coordinator, second, data(datetime(2025, 10, 1, 0), [kids["Аня"]]),
                       allow_conflicts=True)
    report = _assert_exact(monkeypatch, database)
    assert report["sessions"]["total"]["sessions"] == 2
    # attendance changed, cleared and set
    with database.write() as session:
        rows = dict(session.execute(select(SessionParticipant.person_id, SessionParticipant.id)
                                    .where(SessionParticipant.session_id == first)).all())
        illness = world.code(session, "absence_reason", "illness")
        mark_attendance(session, world.coordinator, [AttendanceMark(rows[kids["Аня"]], False, illness),
                                                     AttendanceMark(rows[kids["Вера"]], True)])
    _assert_exact(monkeypatch, database)
    with database.write() as session:
        mark_attendance(session, world.coordinator, [AttendanceMark(rows[kids["Аня"]], None)])
    _assert_exact(monkeypatch, database)
    with database.write() as session:
        cancel_session(session, world.coordinator, first)
    report = _assert_exact(monkeypatch, database)
    assert report["sessions"]["total"]["sessions"] == 1
    with database.write() as session:  # an un-cancel (no service does it; an SQL tool or a changeset can)
        session.execute(update(RehabSession).where(RehabSession.id == first).values(cancelled=False))
    _assert_exact(monkeypatch, database)
    with database.write() as session:
        delete_session(session, world.coordinator, first)
    report = _assert_exact(monkeypatch, database)
    assert report["sessions"]["total"]["sessions"] == 1
    # hard deletes: a participant, then the session with its places
    with database.write() as session:
        third = session.execute(select(RehabSession.id).where(RehabSession.deleted_at.is_(None),
                                                              RehabSession.starts_at < datetime(2025, 7, 2))
                                ).scalar_one()
        session.execute(delete(SessionParticipant).where(SessionParticipant.session_id == third,
                                                         SessionParticipant.person_id == kids["Боря"]))
    _assert_exact(monkeypatch, database)
    with database.write() as session:
        session.execute(delete(SessionParticipant).where(SessionParticipant.session_id == third))
        session.execute(delete(RehabSession).where(RehabSession.id == third))
    report = _assert_exact(monkeypatch, database)
    assert report["sessions"]["total"]["sessions"] == 0
    with database.read() as session:  # nothing left at zero
        assert session.execute(select(func.count()).select_from(SessionMonth)
                               .where(SessionMonth.month.between(202507, 202509))).scalar_one() == 0
        assert session.execute(select(func.min(PlaceMonth.places))).scalar_one() in (None, 1, 2, 3)


def _has(session, code: str) -> bool:
    from db.models import Service

    return session.execute(select(Service.id).where(Service.code == code)).first() is not None


def test_the_full_quarterly_dataset_equals_the_direct_figures(database, world, monkeypatch):
    build(database, world)
    _assert_exact(monkeypatch, database)
    _assert_exact(monkeypatch, database, office_ids=[world.office_id])
    _assert_exact(monkeypatch, database, parse_period("2025"))


def test_random_bulk_writes_and_edits(sqlite_database, sqlite_world, monkeypatch):
    """Rows written with Core as the demo generator and the importer's bulk writer do, then edited at random."""
    database, world = sqlite_database, sqlite_world
    rng = random.Random(16)
    with database.write() as session:
        born = {name: date(2012 + i % 10, 1 + i % 12, 1) for i, name in enumerate(NAMES)}
        _, kids = _family(session, world, "Случайнова", born, district_id=world.district_id)
        children = list(kids.values())
        services = [_service(session, code) for code in ("psy_correction", "psy_diagnostics")
                    if _has(session, code)]
        modes = [world.code(session, "delivery_mode", code) for code in ("centre", "remote")]
        staff = [world.psychologist_id, world.speech_therapist_id]
        sessions, places = [], []
        for _ in range(300):
            session_id = uuid.uuid4()
            start = datetime(2025, 6, 1) + timedelta(days=rng.randrange(150), hours=rng.randrange(24))
            sessions.append({"id": session_id, "starts_at": start, "duration_min": 40, "staff_id": rng.choice(staff),
                             "service_id": rng.choice(services), "delivery_mode_id": rng.choice(modes),
                             "cancelled": rng.random() < 0.1, "is_group": True,
                             "deleted_at": DELETED if rng.random() < 0.05 else None})
            for person in rng.sample(children, rng.randint(0, 4)):
                places.append({"id": uuid.uuid4(), "session_id": session_id, "person_id": person,
                               "attended": rng.choice((True, False, None))})
        session.execute(insert(RehabSession), sessions)
        session.execute(insert(SessionParticipant), places)
    _assert_exact(monkeypatch, database)
    for _round in range(3):
        with database.write() as session:
            for row in rng.sample(sessions, 40):
                change = rng.choice(("starts_at", "staff_id", "service_id", "delivery_mode_id", "cancelled",
                                     "deleted_at"))
                value = {"starts_at": row["starts_at"] + timedelta(days=rng.randint(-40, 40)),
                         "staff_id": rng.choice(staff), "service_id": rng.choice(services),
                         "delivery_mode_id": rng.choice(modes), "cancelled": rng.random() < 0.5,
                         "deleted_at": rng.choice((None, DELETED))}[change]
                row[change] = value
                session.execute(update(RehabSession).where(RehabSession.id == row["id"]).values({change: value}))
            for place in rng.sample(places, 60):
                session.execute(update(SessionParticipant).where(SessionParticipant.id == place["id"])
                                .values(attended=rng.choice((True, False, None))))
            for place in rng.sample(places, 10):
                places.remove(place)
                session.execute(delete(SessionParticipant).where(SessionParticipant.id == place["id"]))
        _assert_exact(monkeypatch, database)
        _assert_exact(monkeypatch, database, parse_period("2025-Q4"))


def test_check_finds_and_repair_rebuilds(database, world, monkeypatch):
    build(database, world)
    with database.write() as session:
        session.execute(delete(PlaceMonth).where(PlaceMonth.person_id.in_(
            select(PlaceMonth.person_id).limit(1).scalar_subquery())))
        session.execute(update(SessionMonth).values(sessions=SessionMonth.sessions + 1))
    with database.read() as session:
        found = check_summary(session)
    assert not found.ok and found.missing > 0 and found.extra > 0
    assert "расходится" in found.message
    with database.write() as session:
        result = repair_summary_as_admin(session, world.admin)
        assert result.rebuilt_rows and "перестроена" in result.message
        assert session.execute(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.entity == "report_summary")).scalar_one() == 1
    _assert_exact(monkeypatch, database)
    with database.write() as session:
        assert repair_summary_as_admin(session, world.admin).rebuilt_rows is None


def test_the_migration_fill_equals_the_rebuild(database, world):
    build(database, world)
    migration = migration_module("0015_report_summary.py")
    with database.write() as session:
        dialect = session.get_bind().dialect.name
        for statement in migration.fill_statements(dialect):
            session.execute(text(statement))
        assert check_summary(session).ok
        rebuild_summary(session)
        assert check_summary(session).ok


def test_a_journal_import_keeps_the_summary(database, world, tmp_path, monkeypatch):
    from tests.app.importing.test_journals_import import test_sessions_journal_group_and_individual_with_attendance

    test_sessions_journal_group_and_individual_with_attendance(database, world, tmp_path)
    _assert_exact(monkeypatch, database, parse_period("2025-Q1"))


def test_the_centre_keeps_its_summary_from_packages_and_offices_add_up(sqlite_template: Path, tmp_path: Path,
                                                                         monkeypatch):
    from tests.app.exchange.exchange_setup import exchange, make_network
    from tests.app.exchange.test_exchange_consolidated import _own_office

    net = make_network(sqlite_template, tmp_path)
    for office in ("o1", "o2"):
        exchange(net[office], net["centre"], tmp_path)
        exchange(net["centre"], net[office], tmp_path)
    for index, name in enumerate(("o1", "o2")):
        database = open_database(str(net[name].path))
        world = _own_office(database, f"Отделение {index + 1}")
        build(database, world)
        if index:  # an edit after the first package travels as an update of the session
            database.dispose()
            exchange(net[name], net["centre"], tmp_path)
            database = open_database(str(net[name].path))
            with database.write() as session:
                moved = session.execute(select(RehabSession.id).where(RehabSession.staff_id.in_(
                    [world.psychologist_id, world.speech_therapist_id]))).scalars().first()
                session.execute(update(RehabSession).where(RehabSession.id == moved)
                                .values(starts_at=datetime(2025, 10, 15, 10)))
        _assert_exact(monkeypatch, database)
        database.dispose()
        exchange(net[name], net["centre"], tmp_path)
    centre = open_database(str(net["centre"].path))
    _assert_exact(monkeypatch, centre)
    with centre.read() as session:
        user = session.execute(select(User).where(User.login == "coord")).scalar_one()
        coordinator = Actor(user.id, user.login, user.role, office_ids=frozenset(session.execute(
            select(Office.id)).scalars()))
        report = compute_consolidated(session, coordinator, PERIOD)
        assert report.region.to_json_dict() == _direct(monkeypatch, session, PERIOD)
        for item in report.offices:
            assert item.report.to_json_dict() == _direct(monkeypatch, session, PERIOD, office_ids=[item.office_id])
    centre.dispose()
    for name, per_office, region in report.figures():
        assert region == sum(per_office), name
    assert report.region.sessions.total.sessions > 0


def test_office_lines_in_one_pass_equal_each_offices_report(database, world, monkeypatch):
    """Sessions count by the specialist's office, children and visits by the family's: a second office whose
    specialist holds sessions with the first office's children splits the figures across the two lines."""
    from app.reports.office_lines import compute_office_reports
    from app.reports.state_assignment import save_plan
    from tests.app.exchange.test_exchange_consolidated import _own_office
    from tests.app.reports.test_state_assignment import FORMS, PLAN_2025

    build(database, world)
    other = _own_office(database, "Второе отделение")
    with database.write() as session:
        save_plan(session, world.coordinator, PLAN_2025, FORMS)  # the госзадание table from the year to date
        kids = session.execute(select(SessionParticipant.person_id).distinct().limit(3)).scalars().all()
        _session(session, other, datetime(2025, 8, 12, 10), {kids[0]: True, kids[1]: False},
                 staff_id=other.psychologist_id)
        _session(session, other, datetime(2025, 9, 2, 11), {kids[2]: True}, staff_id=other.speech_therapist_id,
                 mode="remote")
        offices = session.execute(select(Office.id)).scalars().all()
    for period in (PERIOD, parse_period("2025"), parse_period("2025-07-03..2025-09-30")):
        with database.read() as session:
            lines = compute_office_reports(session, period, offices)
            region = quarterly.compute_quarterly(session, period).to_json_dict()
            for office in offices:
                assert lines[office].to_json_dict() == _direct(monkeypatch, session, period, office_ids=[office])
        assert {office: lines[office].sessions.total.sessions for office in offices}[other.office_id] == 2
        assert all(line.plan is not None for line in lines.values())
        assert sum(line.sessions.total.attended for line in lines.values()) == region["sessions"]["total"]["attended"]
        assert sum(line.services.services for line in lines.values()) == region["services"]["services"]
