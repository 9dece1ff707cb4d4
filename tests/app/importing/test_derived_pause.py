"""#12: a bulk journal import pauses the derived tables' triggers (contact days, the report's summary, consent states)
and rebuilds those tables once; whatever happens — success, Cancel, a second writer meanwhile, a kill -9 — the tables
end equal to their rebuild and the triggers come back exactly as they were."""

from __future__ import annotations

import signal
import subprocess
import sys
import unittest.mock
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update

from app.core import derived_pause as core_pause
from app.core.errors import Cancelled
from app.importing import derived_pause, outcome, runner, sessions_bulk
from app.importing.runner import ImportRequest, ImportStopped, open_source, propose_mapping, run_import
from app.rehab.sessions import SessionData, create_session
from app.reports.session_summary import check_summary
from app.system.bootstrap import open_database
from app.system.derived_tables import PAUSABLE
from app.system.startup import prepare_database
from app.worklist.consent_states import check_consent_states
from app.worklist.contact_days import check_contact_days
from db.models import ContactSessionDay, PausedTrigger, Person, RehabSession, Service, SessionMonth
from db.session import Database
from tests.app.importing.samples import snils, write_xlsx

ROOT = Path(__file__).resolve().parents[3]
FAMILIES = 10
SESSIONS_LABEL = "Запись занятий"


def _import(database, actor, path, kind, progress=None):
    source = open_source(path, kind)
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    options = {} if progress is None else {"progress": progress}
    return run_import(database, actor, ImportRequest(source, mapping), before_write=lambda: None, **options)


def _child_snils(number: int) -> str:
    return snils(f"{410_000_000 + number:09d}")


def _registry(database, world, tmp_path):
    rows = [["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"]]
    for number in range(1, FAMILIES + 1):
        surname = "Пауз" + "абвгдежзиклмнопрст"[number]
        rows.append([number, f"{surname}ова Мария Ивановна", "01.02.1985", None, "Центральный"])
        rows.append([number, f"{surname}ов Иван Петрович", "03.04.2015", _child_snils(number), None])
    summary, _preview = _import(database, world.coordinator, write_xlsx(tmp_path / "registry.xlsx", rows), "families")
    assert summary.created == 2 * FAMILIES


def _journal(database, tmp_path, name="sessions.xlsx", month=3):
    """Individual sessions on two days each, a group session of two children, one absence, one cancelled day:
    several rows of each derived table, and days and months shared by several sessions."""
    with database.read() as session:
        service = session.execute(select(Service.name).where(Service.code == "psy_correction")).scalar_one()
    rows = [["Дата", "Время", "ФИО ребёнка", "Дата рождения", "СНИЛС", "Специалист", "Услуга", "Групповое", "Явка",
             "Причина отсутствия"]]
    for number in range(1, FAMILIES + 1):
        for day, hour, who in ((number, 10, "Смирнова О.И."), (number, 11, "Кузнецова А.П."),
                               (number + 10, 10, "Смирнова О.И.")):
            present = number != 3 or hour != 11
            rows.append([datetime(2025, month, day, hour), f"{hour}:00", None, None, _child_snils(number), who,
                         service, "нет", "+" if present else "н", None if present else "болезнь"])
    for number in (1, 2):  # a group session of two children
        rows.append([datetime(2025, month, 25, 15), "15:00", None, None, _child_snils(number), "Смирнова О.И.",
                     service, "да", "+", None])
    return write_xlsx(tmp_path / name, rows)


def _journal_sessions() -> int:
    return 3 * FAMILIES + 1


def _triggers(database) -> dict[str, str]:
    with database.read() as session:
        return {t.name: t.create_sql for p in PAUSABLE for t in core_pause.triggers(session, p.prefix)}


def _records(database) -> int:
    with database.read() as session:
        return session.execute(select(func.count()).select_from(PausedTrigger)).scalar_one()


def _assert_derived_exact(database) -> None:
    with database.read() as session:
        for check in (check_contact_days, check_summary, check_consent_states):
            found = check(session)
            assert found.ok, found.message
        # Not trivially equal: the journal's sessions are in them.
        assert session.execute(select(func.count()).select_from(ContactSessionDay)).scalar_one() > 0
        assert session.execute(select(func.count()).select_from(SessionMonth)).scalar_one() > 0


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(outcome, "CHECKPOINT_SECONDS", 0.0)  # a commit at every checkpoint
    monkeypatch.setattr(outcome, "YIELD_SECONDS", 0.0)
    monkeypatch.setattr(sessions_bulk, "CHUNK", 4)


@pytest.fixture
def pause_always(monkeypatch):
    """Any import is «bulk»: the pause is used for the tests' small files."""
    monkeypatch.setattr(derived_pause, "PAUSE_FROM_ROWS", 1)
    monkeypatch.setattr(derived_pause, "REBUILD_SHARE", 1_000_000)


def test_a_bulk_journal_pauses_the_triggers_and_the_tables_equal_their_rebuild(database, world, tmp_path,
                                                                              small_chunks, pause_always):
    _registry(database, world, tmp_path)
    before = _triggers(database)
    assert {name[:len(p.prefix)] for name in before for p in PAUSABLE if name.startswith(p.prefix)} == \
        {p.prefix for p in PAUSABLE}
    seen = []

    def watch(done, total, label):
        if label.startswith(SESSIONS_LABEL) and done:
            seen.append((set(_triggers(database)), _records(database)))

    summary, _preview = _import(database, world.coordinator, _journal(database, tmp_path), "sessions", watch)
    assert summary.created == 3 * FAMILIES + 2
    # While writing: the session tables' triggers (contact days, summary) dropped and recorded; consent states'
    # triggers are on persons and consents, which a journal does not write, so they stayed.
    assert seen and all(not any(n.startswith(("trg_contact_", "trg_rsum_")) for n in names) for names, _ in seen)
    assert all(any(n.startswith("trg_consent_") for n in names) for names, _ in seen)
    assert all(records > 0 for _, records in seen)
    assert _triggers(database) == before  # the same triggers, created by the same statements
    assert _records(database) == 0
    _assert_derived_exact(database)
    # And the triggers work again: a session written after the import is counted at once.
    with database.write() as session:
        first = session.execute(select(RehabSession.id).limit(1)).scalar_one()
        session.execute(update(RehabSession).where(RehabSession.id == first).values(cancelled=True))
    _assert_derived_exact(database)


def test_a_bulk_registry_pauses_the_consent_triggers(database, world, tmp_path, small_chunks, pause_always):
    before = _triggers(database)
    seen = []
    original = runner.pause_for_bulk

    def pausing(session, plan):
        paused = original(session, plan)
        seen.append(set(_triggers(database)))
        return paused

    with unittest.mock.patch.object(runner, "pause_for_bulk", pausing):
        _registry(database, world, tmp_path)
    assert seen and not any(n.startswith("trg_consent_") for n in seen[0])
    assert any(n.startswith("trg_contact_") for n in seen[0])  # sessions are not written: their triggers stay
    assert _triggers(database) == before and _records(database) == 0
    with database.read() as session:
        found = check_consent_states(session)
        assert found.ok, found.message
        assert session.execute(select(func.count()).select_from(Person)).scalar_one() >= 2 * FAMILIES


def test_a_small_import_keeps_the_triggers(database, world, tmp_path, small_chunks):
    _registry(database, world, tmp_path)
    before = _triggers(database)
    seen = []

    def watch(done, total, label):
        if label.startswith(SESSIONS_LABEL):
            seen.append(set(_triggers(database)))

    _import(database, world.coordinator, _journal(database, tmp_path), "sessions", watch)
    assert seen and all(names == set(before) for names in seen)
    _assert_derived_exact(database)


def test_cancel_half_way_restores_the_triggers_and_the_tables(database, world, tmp_path, small_chunks,
                                                              pause_always):
    _registry(database, world, tmp_path)
    before = _triggers(database)

    def stop_half_way(done, total, label):
        if label.startswith(SESSIONS_LABEL) and done >= FAMILIES:
            raise Cancelled()

    with pytest.raises(ImportStopped):
        _import(database, world.coordinator, _journal(database, tmp_path), "sessions", stop_half_way)
    with database.read() as session:
        written = session.execute(select(func.count()).select_from(RehabSession)).scalar_one()
    assert 0 < written < _journal_sessions()
    assert _triggers(database) == before and _records(database) == 0
    _assert_derived_exact(database)


def test_a_second_writers_sessions_during_the_pause_are_in_the_summaries(database, world, tmp_path, small_chunks,
                                                                         pause_always, monkeypatch):
    _registry(database, world, tmp_path)
    with database.read() as session:
        child = session.execute(select(Person.id).where(Person.last_name == "Паузбов")).scalar_one()
        service = session.execute(select(Service.id).where(Service.code == "psy_correction")).scalar_one()
        centre = world.code(session, "delivery_mode", "centre")
    original = runner.pause_for_bulk
    written = []

    def pause_then_another_user_saves(session, plan):
        paused = original(session, plan)  # committed: the triggers are gone from here on
        with database.write() as other:  # another user's session, in a month the journal does not touch
            written.append(create_session(other, world.coordinator, SessionData(
                datetime(2025, 7, 1, 9), 30, world.psychologist_id, service, centre, [child]),
                allow_conflicts=True).id)
        return paused

    monkeypatch.setattr(runner, "pause_for_bulk", pause_then_another_user_saves)
    _import(database, world.coordinator, _journal(database, tmp_path), "sessions")
    assert written
    _assert_derived_exact(database)
    with database.read() as session:
        days = session.execute(select(ContactSessionDay.day).where(ContactSessionDay.person_id == child)).scalars()
        assert datetime(2025, 7, 1).date() in set(days)
        assert session.execute(select(SessionMonth.sessions).where(SessionMonth.month == 202507)).scalar_one() == 1


def test_a_failed_restore_leaves_the_records_for_the_next_start(sqlite_database, sqlite_world, tmp_path,
                                                                small_chunks, pause_always, monkeypatch):
    database, world = sqlite_database, sqlite_world
    _registry(database, world, tmp_path)
    before = _triggers(database)

    def broken(session):
        raise OSError("disk went away")

    monkeypatch.setattr(derived_pause, "PAUSABLE", (core_pause.Pausable("trg_contact_", broken), *PAUSABLE[1:]))
    with pytest.raises(OSError):
        _import(database, world.coordinator, _journal(database, tmp_path), "sessions")
    # Nothing of the last transaction stayed, and the failed restore after it left the records.
    assert _records(database) > 0
    assert not any(name.startswith("trg_contact_") for name in _triggers(database))
    monkeypatch.undo()
    path = database.sqlite_path
    database.dispose()
    reopened = open_database(str(path))  # the next start restores
    try:
        assert _triggers(reopened) == before and _records(reopened) == 0
        _assert_derived_exact(reopened)
    finally:
        reopened.dispose()


def test_pause_twice_and_a_trigger_recreated_meanwhile_are_harmless(sqlite_database):
    database = sqlite_database
    before = _triggers(database)
    tables = {"rehab_sessions", "session_participants"}
    with database.read() as session:  # every registered table kept by a trigger on the sessions or their places
        on_sessions = [p.prefix for p in PAUSABLE if any(t.table in tables
                                                         for t in core_pause.triggers(session, p.prefix))]
    assert {"trg_contact_", "trg_rsum_"} <= set(on_sessions) and "trg_consent_" not in on_sessions
    with database.write() as session:
        assert core_pause.pause(session, PAUSABLE, tables) == on_sessions
    with database.write() as session:  # a second bulk import while the first one's records are there
        assert core_pause.pause(session, PAUSABLE, tables) == on_sessions
        # A migration recreating one of them meanwhile: resume keeps it and recreates the rest.
        session.execute(text(before["trg_rsum_session_insert"]))
    with database.write() as session:
        assert core_pause.resume(session, PAUSABLE) == len([n for n in before if n.startswith(tuple(on_sessions))])
    assert _triggers(database) == before and _records(database) == 0
    with database.write() as session:
        assert core_pause.resume(session, PAUSABLE) == 0


# --- a kill -9 during the import ------------------------------------------------------------------------------------


def _start_and_kill(path: Path, journal: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "tests.app.importing.pause_writer", str(path), str(journal)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if line != "written":
        process.kill()
        raise AssertionError(f"the import said {line!r}: {process.communicate(timeout=30)[1]}")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize("next_step", ["start", "gui start", "import"])
def test_a_killed_import_is_finished_by_the_next_start_or_import(sqlite_database, sqlite_world, tmp_path,
                                                                 small_chunks, next_step):
    database, world = sqlite_database, sqlite_world
    _registry(database, world, tmp_path)
    before = _triggers(database)
    journal = _journal(database, tmp_path)
    path = database.sqlite_path
    database.dispose()
    _start_and_kill(path, journal)
    killed = Database.open(str(path))
    try:
        # Killed with the triggers dropped and one chunk written: the records say what to restore.
        assert _records(killed) > 0
        assert not any(name.startswith(("trg_contact_", "trg_rsum_")) for name in _triggers(killed))
        with killed.read() as session:
            assert 0 < session.execute(select(func.count()).select_from(RehabSession)).scalar_one() \
                < _journal_sessions()
            assert not check_contact_days(session).ok  # the sessions written are not in the summary yet
    finally:
        killed.dispose()
    if next_step == "start":  # the command line's (bootstrap.open_database)
        after = open_database(str(path))
    elif next_step == "gui start":  # the GUI's, on its worker thread (startup.prepare_database)
        after = Database.open(str(path))
        assert prepare_database(after).initialized
    else:
        # Another, small journal (below the bulk size: it pauses nothing itself) finishes the job at its end.
        after = Database.open(str(path))
        other = _journal(after, tmp_path, "other.xlsx", month=5)
        summary, _preview = _import(after, world.coordinator, other, "sessions")
        assert summary.created == 3 * FAMILIES + 2
    try:
        assert _triggers(after) == before and _records(after) == 0
        _assert_derived_exact(after)
        # Importing the killed file again writes the rest, with the summaries kept exact.
        _import(after, world.coordinator, journal, "sessions")
        with after.read() as session:
            assert session.execute(select(func.count()).select_from(RehabSession)).scalar_one() >= _journal_sessions()
        assert _triggers(after) == before
        _assert_derived_exact(after)
    finally:
        after.dispose()
