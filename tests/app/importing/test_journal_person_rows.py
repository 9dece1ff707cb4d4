"""#12: a journal's person-level caseload rows (`caseload_persons`) are filled once, after its sessions, by the
database in key order; an import stopped before or during that fill is resumed by importing the file again and
ends with the rows equal to what the links say, and rows that were there already are not inserted twice."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.core import caseload
from app.core.errors import Cancelled
from app.importing import outcome, sessions_bulk
from app.importing.runner import ImportRequest, ImportStopped, open_source, propose_mapping, run_import
from db.models import CaseloadPerson, Family, FamilyMember, Person, RehabSession, Service
from tests.app.importing.samples import snils, write_xlsx

FAMILIES = 12
FILL_LABEL = "Запись списков людей для поиска специалистов"


def _request(database, path, kind):
    source = open_source(path, kind)
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    return ImportRequest(source, mapping)


def _import(database, actor, path, kind, progress=None):
    options = {} if progress is None else {"progress": progress}
    return run_import(database, actor, _request(database, path, kind), before_write=lambda: None, **options)


def _child_snils(number: int) -> str:
    return snils(f"{400_000_000 + number:09d}")


def _registry(database, world, tmp_path):
    rows = [["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"]]
    for number in range(1, FAMILIES + 1):
        surname = "Тест" + "абвгдежзиклмнопрст"[number]
        rows.append([number, f"{surname}ова Мария Ивановна", "01.02.1985", None, "Центральный"])
        rows.append([number, f"{surname}ов Иван Петрович", "03.04.2015", _child_snils(number), None])
    summary, _preview = _import(database, world.coordinator, write_xlsx(tmp_path / "registry.xlsx", rows), "families")
    assert summary.created == 2 * FAMILIES


def _journal(database, tmp_path):
    """Each child: a session with each of the two specialists, on days of their own (no group is formed)."""
    with database.read() as session:
        service = session.execute(select(Service.name).where(Service.code == "psy_correction")).scalar_one()
    rows = [["Дата", "Время", "ФИО ребёнка", "Дата рождения", "СНИЛС", "Специалист", "Услуга", "Групповое", "Явка",
             "Причина отсутствия"]]
    for number in range(1, FAMILIES + 1):
        for hour, who in ((10, "Смирнова О.И."), (11, "Кузнецова А.П.")):
            rows.append([datetime(2025, 3, number, hour), f"{hour}:00", None, None, _child_snils(number), who, service,
                         "нет", "+", None])
    return write_xlsx(tmp_path / "sessions.xlsx", rows)


def _differences(database):
    with database.read() as session:
        return caseload.differences(session)


def _count(database, model):
    with database.read() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(outcome, "CHECKPOINT_SECONDS", 0.0)  # a commit at every checkpoint
    monkeypatch.setattr(outcome, "YIELD_SECONDS", 0.0)
    monkeypatch.setattr(sessions_bulk, "CHUNK", 4)
    monkeypatch.setattr(caseload, "FILL_CHUNK", 3)


def test_a_journal_fills_the_person_rows_of_its_links(database, world, tmp_path, small_chunks):
    _registry(database, world, tmp_path)
    summary, _preview = _import(database, world.coordinator, _journal(database, tmp_path), "sessions")
    assert summary.created == 2 * FAMILIES
    found = _differences(database)
    assert found.ok, found.describe()
    # Every member (mother and child) of every family, once for each of the two specialists.
    assert _count(database, CaseloadPerson) == 2 * 2 * FAMILIES


def test_a_journal_stopped_while_writing_sessions_ends_right_when_imported_again(sqlite_database, sqlite_world,
                                                                                tmp_path, small_chunks):
    _registry(sqlite_database, sqlite_world, tmp_path)
    path = _journal(sqlite_database, tmp_path)

    def stop_half_way(done, total, label):
        if label.startswith("Запись занятий") and done >= FAMILIES:
            raise Cancelled()

    with pytest.raises(ImportStopped):
        _import(sqlite_database, sqlite_world.coordinator, path, "sessions", stop_half_way)
    written = _count(sqlite_database, RehabSession)
    assert 0 < written < 2 * FAMILIES
    # The committed sessions' links are there; their search rows come at the end of the import.
    stopped = _differences(sqlite_database)
    assert (stopped.missing, stopped.extra, stopped.persons_extra) == (0, 0, 0)
    assert stopped.persons_missing > 0
    summary, _preview = _import(sqlite_database, sqlite_world.coordinator, path, "sessions")
    assert (summary.created, summary.skipped) == (2 * FAMILIES - written, written)
    assert _count(sqlite_database, RehabSession) == 2 * FAMILIES
    found = _differences(sqlite_database)
    assert found.ok, found.describe()


def test_a_journal_stopped_while_filling_person_rows_ends_right_when_imported_again(sqlite_database, sqlite_world,
                                                                                   tmp_path, small_chunks):
    _registry(sqlite_database, sqlite_world, tmp_path)
    path = _journal(sqlite_database, tmp_path)
    calls = []

    def stop_in_the_fill(done, total, label):
        if label == FILL_LABEL:
            calls.append((done, total))
            if done > 3:  # the first chunk of three families is committed, the second is not
                raise Cancelled()

    with pytest.raises(ImportStopped):
        _import(sqlite_database, sqlite_world.coordinator, path, "sessions", stop_in_the_fill)
    assert calls == [(0, FAMILIES), (3, FAMILIES), (6, FAMILIES)]  # the fill reports each chunk of families
    assert _count(sqlite_database, RehabSession) == 2 * FAMILIES
    stopped = _differences(sqlite_database)
    assert 0 < stopped.persons_missing < 2 * 2 * FAMILIES and stopped.persons_extra == 0
    # Every session is written: the file imported again writes nothing new and fills the rest of the rows.
    summary, _preview = _import(sqlite_database, sqlite_world.coordinator, path, "sessions")
    assert (summary.created, summary.skipped) == (0, 2 * FAMILIES)
    found = _differences(sqlite_database)
    assert found.ok, found.describe()


def test_person_rows_already_there_or_derived_twice_are_inserted_once(database, world, tmp_path, small_chunks):
    """A child who also was a member of another family: the journal links each specialist to both families, so
    the child's row derives from two links (one row), and a row another save made before the import stays."""
    _registry(database, world, tmp_path)
    with database.write() as session:
        families = session.execute(select(Family.id).order_by(Family.created_at, Family.id)).scalars().all()
        child = session.execute(select(Person.id).where(Person.snils == _child_snils(1).replace("-", "")
                                                        .replace(" ", ""))).scalar_one()
        role = session.execute(select(FamilyMember.role_id).where(FamilyMember.person_id == child)).scalar_one()
        other = next(family for family in families
                     if family not in set(session.execute(select(FamilyMember.family_id)
                                                          .where(FamilyMember.person_id == child)).scalars()))
        session.add(FamilyMember(family_id=other, person_id=child, role_id=role, left_on=date(2024, 1, 1)))
        session.flush()
        caseload.refresh(session, [other])  # the membership: the derived rows follow (no link yet)
        caseload.link(session, [(world.psychologist_id, other)])  # another user's save: rows of `other` are in
    before = _count(database, CaseloadPerson)
    assert before == 3  # the psychologist → the other family's mother and child and the moved child
    summary, _preview = _import(database, world.coordinator, _journal(database, tmp_path), "sessions")
    assert summary.created == 2 * FAMILIES
    found = _differences(database)
    assert found.ok, found.describe()
    with database.read() as session:
        rows = session.execute(select(CaseloadPerson.staff_id).where(CaseloadPerson.person_id == child)).scalars()
        assert sorted(map(str, rows)) == sorted(map(str, (world.psychologist_id, world.speech_therapist_id)))


def test_fill_person_rows_adds_only_what_is_missing(database, world, tmp_path):
    _registry(database, world, tmp_path)
    with database.write() as session:
        family = session.execute(select(Family.id).limit(1)).scalar_one()
        members = session.execute(select(FamilyMember.person_id).where(FamilyMember.family_id == family)
                                  ).scalars().all()
        caseload.link(session, [(world.psychologist_id, family)])  # its two members' rows come with the link
        rows = set(session.execute(select(*caseload.PERSON_ROW)))
        assert {row[4] for row in rows} == set(members)
        caseload.fill_person_rows(session, [family])  # nothing missing: nothing added, nothing refused
        assert set(session.execute(select(*caseload.PERSON_ROW))) == rows
        session.execute(CaseloadPerson.__table__.delete().where(CaseloadPerson.person_id == members[0]))
        caseload.fill_person_rows(session, [family, family])
        caseload.fill_person_rows(session, [])
        assert set(session.execute(select(*caseload.PERSON_ROW))) == rows
    found = _differences(database)  # the link itself derives from nothing here: only the person rows are compared
    assert (found.persons_missing, found.persons_extra) == (0, 0), found.describe()
