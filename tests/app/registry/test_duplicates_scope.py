"""The «add member» duplicate check reveals nothing outside the user's scope (#15 item 2): a specialist or a
coordinator of another office learns only that such a person is registered in another office and whom to ask."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from app.accounts.users import NewUser, create_user
from app.core.actor import COORDINATOR, SPECIALIST, Actor, system_actor
from app.registry.duplicates import check_duplicates
from app.registry.families import CategoryData, FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from app.system.bootstrap import log_in
from db.models import Office, Organization

MOTHER = PersonData("Королёва", "Мария", "Петровна", "F", date(1988, 3, 4), snils="112-233-445 95")


def _second_office_with_family(database, world) -> tuple[uuid.UUID, Actor]:
    """A family in «Второе отделение», whose coordinator is Петрова А.А.; returns the office and its specialist."""
    with database.write() as session:
        organization = session.execute(select(Organization.id)).scalar_one()
        office = Office(organization_id=organization, name="Второе отделение")
        session.add(office)
        session.flush()
        create_user(session, world.admin, NewUser("petrova", "Ласточка-17", COORDINATOR, "Петрова А.А.",
                                                  office_ids=(office.id,)))
        create_user(session, world.admin, NewUser("sidorov", "Ласточка-17", COORDINATOR, "Сидоров В.В.",
                                                  office_ids=(world.office_id,)))
        family = FamilyData(office_id=office.id, registered_on=date(2025, 1, 15))
        register_family(session, system_actor("import"), NewFamily(family, [
            MemberData(world.code(session, "member_role", "mother"), True, person=MOTHER)],
            [CategoryData(world.code(session, "family_category", "large"), date(2025, 1, 15))]))
    return office.id, Actor(uuid.uuid4(), "spec2", SPECIALIST, staff_id=world.psychologist_id,
                            office_ids=frozenset({office.id}))


def _says_nothing_personal(check) -> None:
    text = check.elsewhere_message
    for secret in ("Королёва", "Королева", "Мария", "04.03.1988", "1988", "112-233-445 95", "11223344595"):
        assert secret not in text, secret


def test_a_person_in_another_office_is_named_by_office_and_coordinator_only(database, world):
    _second_office_with_family(database, world)
    with database.read() as session:
        # By СНИЛС alone, as in the report: a different name, no birth date.
        by_snils = check_duplicates(session, world.specialist,
                                    PersonData("Иванова", "Анна", None, "F", None, snils="11223344595"))
        by_name = check_duplicates(session, world.coordinator,
                                   PersonData("королева", "МАРИЯ", "петровна", "F", date(1988, 3, 4)))
    for check in (by_snils, by_name):
        assert check.found and check.visible == []
        assert "другом отделении" in check.elsewhere_message
        assert "«Второе отделение»" in check.elsewhere_message and "Петрова А.А." in check.elsewhere_message
        assert "Сидоров" not in check.elsewhere_message  # the coordinator of the user's own office is not the one
        _says_nothing_personal(check)


def test_in_scope_the_person_is_shown_to_use_the_existing_card(database, world):
    _second_office_with_family(database, world)
    petrova = log_in(database, "petrova", "Ласточка-17").actor
    with database.read() as session:
        check = check_duplicates(session, petrova, PersonData("Иванова", "Анна", None, "F", None,
                                                              snils="11223344595"))
    assert [row.full_name for row in check.visible] == ["Королёва Мария Петровна"]
    assert check.elsewhere == []


def test_no_match_says_nothing(database, world):
    with database.read() as session:
        check = check_duplicates(session, world.specialist, MOTHER)
    assert not check.found and check.elsewhere_message == ""
