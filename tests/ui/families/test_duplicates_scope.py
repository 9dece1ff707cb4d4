"""«Add member» with the СНИЛС of a person in another office's family (#15 item 2): the dialog says where and whom
to ask, shows no name, birth date or СНИЛС, and offers no «open existing»."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.accounts.users import NewUser, create_user
from app.core.actor import COORDINATOR, system_actor
from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from db.models import Office, Organization
from tests.ui.families.test_family_card import (  # noqa: F401  (fixtures)
    MOTHER_SNILS,
    WAIT,
    _dialog,
    _fill_member,
    _mother,
    open_card,
)


def _family_in_another_office(database, world) -> None:
    with database.write() as session:
        organization = session.execute(select(Organization.id)).scalar_one()
        office = Office(organization_id=organization, name="Второе отделение")
        session.add(office)
        session.flush()
        create_user(session, world.admin, NewUser("petrova", "Ласточка-17", COORDINATOR, "Петрова А.А.",
                                                  office_ids=(office.id,)))
        register_family(session, system_actor("import"), NewFamily(
            FamilyData(office.id, date(2025, 1, 15)),
            [MemberData(world.code(session, "member_role", "mother"), True, person=_mother())], []))


def test_a_duplicate_outside_the_scope_is_not_shown(qtbot, open_card, sqlite_database, sqlite_world):  # noqa: F811
    _family_in_another_office(sqlite_database, sqlite_world)
    card = open_card()
    dialog = _dialog(qtbot, card.members_tab, card.members_tab.add_button)
    _fill_member(dialog, "Сидорова", "Анна", "", "женский", "01.01.1990", MOTHER_SNILS, "Мать", legal=True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.duplicates_dialog is not None and dialog.duplicates_dialog.isVisible(),
                    timeout=WAIT)
    duplicates = dialog.duplicates_dialog
    assert duplicates.model.rows == [] and not duplicates.table.isVisible()
    assert not duplicates.open_button.isVisible()
    note = duplicates.elsewhere.text()
    assert duplicates.elsewhere.isVisible() and "«Второе отделение»" in note and "Петрова А.А." in note
    for secret in ("Иванова", "Мария", "14.03.1988", MOTHER_SNILS):
        assert secret not in note
    duplicates.create_button.click()  # the user may still go on, having been told whom to ask
    qtbot.waitUntil(lambda: len(card.members_tab.pending) == 1, timeout=WAIT)
    member, _display = card.members_tab.pending[0]
    assert member.person_id is None and member.person.last_name == "Сидорова"
