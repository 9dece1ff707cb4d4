"""The person level of the caseload (#15 item 9, migration 0009): a specialist's name search walks their own
`caseload_persons` rows. The rows follow every change they derive from (a person created, renamed, added to a
family; a family's links; a family deleted) in the same unit of work, the check finds and rebuilds a tampered
table, the migration fills it the same way, and the fast search returns exactly what the scope rule allows."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import delete, insert, select, text

from app.core import caseload
from app.core.access import person_scope
from app.core.errors import PermissionDenied
from app.registry.families import FamilyData, MemberData, NewFamily, add_member, delete_family, register_family
from app.registry.persons import (
    PersonData,
    PersonRow,
    create_person,
    load_person,
    person_search_query,
    search_persons,
    update_person,
)
from app.rehab.sessions import create_session
from app.system.caseload_check import check_caseload, repair_caseload
from db.models import CaseloadPerson
from tests.app.core.test_access_matrix import _actors, _session_data, ids  # noqa: F401  (ids is a fixture)
from tests.migration_files import migration_module

MIGRATION = "0009_trust_search.py"


def _rows(database) -> set[tuple]:
    with database.read() as session:
        return {tuple(row) for row in session.execute(select(*caseload.PERSON_ROW))}


def _consistent(database) -> None:
    with database.read() as session:
        found = caseload.differences(session)
    assert found.ok, found.describe()


def _names(rows: list[PersonRow]) -> list[str]:
    return [f"{row.last_name} {row.first_name}" for row in rows]


def _by_rule(session, actor, query: str, limit: int = 50) -> list[PersonRow]:
    """The search as the scope rule states it (the correlated per-person condition), without the table."""
    rows = session.execute(person_search_query(query).where(person_scope(actor)).limit(limit))
    return [PersonRow(*row) for row in rows]


def _register(session, world, actor, people: list[tuple[str, str, str, str, date]], responsible=None) -> uuid.UUID:
    members = [MemberData(world.code(session, "member_role", "mother" if index == 0 else "child"), index == 0,
                          person=PersonData(last, first, middle, sex, born))
               for index, (last, first, middle, sex, born) in enumerate(people)]
    return register_family(session, actor, NewFamily(
        FamilyData(world.office_id, date(2025, 3, 1), settlement_id=world.near_settlement_id,
                   responsible_staff_id=responsible), members)).id


def test_a_specialist_finds_their_people_and_the_unattached_only(database, world, ids):  # noqa: F811
    """Real spellings (ё/е, lower case, «Фамилия И.»): the specialist's own people and people in no family, never
    the families of another specialist; the same rows, in the same order, as the scope rule gives."""
    therapist = _actors(world, ids.other_office)["unrelated"]
    with database.write() as session:
        _register(session, world, world.coordinator, [
            ("Фёдорова", "Алёна", "Игоревна", "F", date(1991, 3, 4)),
            ("Фёдоров", "Семён", "Ильич", "M", date(2017, 8, 9))], responsible=world.speech_therapist_id)
        _register(session, world, world.coordinator, [
            ("Федотова", "Елена", "Петровна", "F", date(1988, 1, 2))], responsible=world.psychologist_id)
        create_person(session, world.coordinator, PersonData("Федорчук", "Ольга", None, "F", date(2001, 5, 6),
                                                             snils="112-233-446 96"))
        create_person(session, world.coordinator, PersonData("Федорчук", "Анна", None, "F", date(2003, 5, 6)))
        mother = load_person(session, world.coordinator, ids.mother)
        update_person(session, world.coordinator, ids.mother, replace(mother, snils="112-233-445 95"))
    with database.read() as session:
        mine = search_persons(session, world.specialist, "фед")
        theirs = search_persons(session, therapist, "Фед")
        assert _names(mine) == ["Федорчук Анна", "Федорчук Ольга", "Федотова Елена"]
        assert _names(theirs) == ["Фёдоров Семён", "Фёдорова Алёна", "Федорчук Анна", "Федорчук Ольга"]
        # СНИЛС digits: the specialist's mother of the family and the unattached Ольга, in the order of the number
        assert _names(search_persons(session, world.specialist, "112-233")) == ["Белова Ирина", "Федорчук Ольга"]
        assert _names(search_persons(session, therapist, "11223344")) == ["Федорчук Ольга"]
        assert _names(search_persons(session, therapist, "федоров семен")) == ["Фёдоров Семён"]
        assert _names(search_persons(session, therapist, "Фёдорова А.")) == ["Фёдорова Алёна"]
        assert search_persons(session, world.specialist, "Фёдоров") == []
        assert _names(search_persons(session, world.specialist, "Белова")) == ["Белова Дарья", "Белова Ирина"]
        assert search_persons(session, therapist, "Белова") == []
        # the limit holds over both kinds of rows, in alphabetical order
        assert _names(search_persons(session, therapist, "ф", limit=2)) == ["Фёдоров Семён", "Фёдорова Алёна"]
        assert _names(search_persons(session, world.specialist, "ф", limit=2)) == ["Федорчук Анна", "Федорчук Ольга"]
        for actor in (world.specialist, therapist):
            for query in ("ф", "Ф", "б", "е", "ё", "Фё", "Федо", "Белова И", "Федорчук Ольга", "я", "1", "112-2",
                          "112 233 445 95", "9"):
                assert search_persons(session, actor, query) == _by_rule(session, actor, query), query
            assert search_persons(session, actor, "ф", limit=1) == _by_rule(session, actor, "ф", limit=1)


def test_the_rows_follow_a_person_through_creation_renaming_and_joining_a_family(database, world, ids):  # noqa: F811
    therapist = _actors(world, ids.other_office)["unrelated"]
    with database.write() as session:
        alone = create_person(session, world.coordinator, PersonData("Сёмина", "Вера", None, "F", date(1999, 9, 9))).id
    assert (caseload.NO_FAMILY, "семина", "вера", "", alone, "") in _rows(database)
    _consistent(database)
    with database.read() as session:  # half-registered: anyone working with families may find and finish it
        assert _names(search_persons(session, therapist, "семина")) == ["Сёмина Вера"]
    with database.write() as session:
        add_member(session, world.coordinator, ids.family, MemberData(
            world.code(session, "member_role", "guardian"), False, person_id=alone))
    assert {row[0] for row in _rows(database) if row[4] == alone} == {world.psychologist_id}
    _consistent(database)
    with database.read() as session:
        assert search_persons(session, therapist, "семина") == []
        assert _names(search_persons(session, world.specialist, "Семина В")) == ["Сёмина Вера"]
    with database.write() as session:  # married: the new surname is searched, the old one no more
        data = load_person(session, world.specialist, alone)
        update_person(session, world.specialist, alone, replace(data, last_name="Ёлкина"))
    _consistent(database)
    with database.read() as session:
        assert search_persons(session, world.specialist, "Семина") == []
        assert _names(search_persons(session, world.specialist, "елкина")) == ["Ёлкина Вера"]
    with database.write() as session:  # a phone changed: no name key, no row touched
        before = _rows(database)
        data = load_person(session, world.specialist, alone)
        update_person(session, world.specialist, alone, replace(data, phone="+7 914 000-00-02"))
    assert _rows(database) == before
    with database.write() as session:  # a СНИЛС written down: found by its digits, in any usual spelling
        data = load_person(session, world.specialist, alone)
        update_person(session, world.specialist, alone, replace(data, snils="900-100-200 93"))
    _consistent(database)
    with database.read() as session:
        for query in ("900", "900-100", "90010020093", "900-100-200 93"):
            assert _names(search_persons(session, world.specialist, query)) == ["Ёлкина Вера"], query
        assert search_persons(session, therapist, "900") == []


def test_a_session_brings_the_family_members_to_the_specialist(database, world, ids):  # noqa: F811
    """A therapist's session with the child links the whole family: the mother is found too; the family deleted
    takes every row of its members (but the people stay findable where they are members elsewhere)."""
    therapist = _actors(world, ids.other_office)["unrelated"]
    with database.write() as session:
        data = _session_data(world, session, [ids.child], hour=14)
        create_session(session, world.coordinator, replace(data, staff_id=world.speech_therapist_id))
    with database.read() as session:
        assert _names(search_persons(session, therapist, "Белова")) == ["Белова Дарья", "Белова Ирина"]
    _consistent(database)
    with database.write() as session:
        delete_family(session, world.coordinator, ids.family)
    assert not any(row[4] in (ids.child, ids.mother) for row in _rows(database))
    _consistent(database)
    with database.read() as session:
        assert search_persons(session, therapist, "Белова") == []
        assert search_persons(session, world.specialist, "Б") == []


def test_tampered_person_rows_are_found_and_rebuilt(database, world, ids):  # noqa: F811
    with database.write() as session:  # an SQL tool: the mother's row removed, a stranger put into the list
        session.execute(delete(CaseloadPerson).where(CaseloadPerson.person_id == ids.mother))
        session.execute(insert(CaseloadPerson).values(staff_id=world.speech_therapist_id, last_name_key="белова",
                                                      first_name_key="дарья", middle_name_key="павловна",
                                                      person_id=ids.child, snils=""))
    with database.read() as session:
        found = check_caseload(session)
        assert (found.missing, found.extra, found.persons_missing, found.persons_extra) == (0, 0, 1, 1)
        assert "в списке людей для поиска не хватает строк — 1, лишних — 1" in found.describe()
        assert "связей" not in found.describe()
    with database.write() as session:
        result = repair_caseload(session, world.admin)
    assert result.rebuilt_rows is not None and "перестроена" in result.message
    _consistent(database)
    with database.read() as session:
        assert _names(search_persons(session, world.specialist, "Белова И")) == ["Белова Ирина"]


def test_migration_0009_fills_the_table_as_the_services_keep_it(database, world, ids):  # noqa: F811
    """The migration's own SQL gives the same rows on a filled database (PostgreSQL and SQLite)."""
    module = migration_module(MIGRATION)
    with database.write() as session:
        create_person(session, world.coordinator, PersonData("Юдина", "Зоя", None, "F", date(2000, 1, 1)))
    kept = _rows(database)
    assert {row[0] for row in kept} == {world.psychologist_id, caseload.NO_FAMILY}
    with database.write() as session:
        session.execute(delete(CaseloadPerson))
        session.execute(text(module.fill_sql(session.get_bind().dialect.name)))
    assert _rows(database) == kept


@pytest.mark.parametrize("query", ["Б", "белова", "Белова Ирина С", "1"])
def test_an_administrator_and_a_coordinator_search_as_before(database, world, ids, query):  # noqa: F811
    """Only a specialist's name search takes the new path; the others' results equal the rule."""
    with database.read() as session:
        for actor in (world.coordinator, world.specialist):
            assert search_persons(session, actor, query) == _by_rule(session, actor, query)
        with pytest.raises(PermissionDenied):  # an administrator without a working role sees no family data
            search_persons(session, world.admin, query)
