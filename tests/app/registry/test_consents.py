"""Consents to personal-data processing (152-ФЗ) through the services: who signs, rules, states."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from app.core.actor import system_actor
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.registry.consents import (
    ConsentData,
    ConsentState,
    add_consent,
    consent_status,
    delete_consent,
    family_consent_status,
    list_consents,
    update_consent,
    withdraw_consent,
)
from db.models import FamilyMember
from tests.app.family_setup import TODAY, audit_entries, mother_father_child

SIGNED = date(TODAY.year - 1, 9, 1)


def _consents(database, person_id):
    with database.read() as session:
        return list_consents(session, system_actor("test"), person_id)


def _add(database, world, person_id, data: ConsentData):
    with database.write() as session:
        return add_consent(session, world.specialist, person_id, data).id


def _refused(database, world, person_id, data: ConsentData) -> dict[str, str]:
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_consent(session, world.specialist, person_id, data)
    assert _consents(database, person_id) == []
    return caught.value.errors


def test_adult_signs_her_own_consent(database, world):
    family = mother_father_child(database, world)
    with database.write() as session:
        saved = add_consent(session, world.specialist, family.mother_id,
                            ConsentData(SIGNED, signer_name="  Белова   Ирина Сергеевна ", scope="Учёт и отчётность",
                                        valid_until=date(TODAY.year + 2, 9, 1)))
    assert saved.changes == frozenset({"persons"})
    [row] = _consents(database, family.mother_id)
    assert (row.id, row.signer_name, row.signed_on, row.scope, row.includes_health, row.valid_until,
            row.withdrawn_on) == (saved.id, "Белова Ирина Сергеевна", SIGNED, "Учёт и отчётность", True,
                                  date(TODAY.year + 2, 9, 1), None)
    assert row.state(TODAY) is ConsentState.VALID
    [(action, fields)] = audit_entries(database, "consent")
    assert action == "create" and "signer_name" in fields.split(",") and "Белова" not in fields


def test_child_consent_by_legal_representative_takes_her_name(database, world):
    family = mother_father_child(database, world)
    _add(database, world, family.child_id, ConsentData(SIGNED, signer_person_id=family.mother_id))
    [row] = _consents(database, family.child_id)
    assert row.signer_person_id == family.mother_id
    assert row.signer_name == "Белова Ирина Сергеевна"


def test_child_consent_signed_by_a_parent_not_marked_legal_representative_is_refused(database, world):
    family = mother_father_child(database, world)
    errors = _refused(database, world, family.child_id, ConsentData(SIGNED, signer_person_id=family.father_id))
    assert set(errors) == {"signer_person_id"}
    assert "законный представитель" in errors["signer_person_id"]


def test_child_consent_without_a_signer_person_is_refused(database, world):
    family = mother_father_child(database, world)
    errors = _refused(database, world, family.child_id, ConsentData(SIGNED, signer_name="Белова И.С."))
    assert "законный представитель" in errors["signer_person_id"]


def test_child_cannot_sign_for_herself(database, world):
    family = mother_father_child(database, world)
    errors = _refused(database, world, family.child_id, ConsentData(SIGNED, signer_person_id=family.child_id))
    assert "законный представитель" in errors["signer_person_id"]


def test_legal_representative_of_another_family_cannot_sign(database, world):
    family = mother_father_child(database, world)
    other = mother_father_child(database, world, "Зайцева")
    errors = _refused(database, world, family.child_id, ConsentData(SIGNED, signer_person_id=other.mother_id))
    assert "законный представитель" in errors["signer_person_id"]


def test_legal_representative_who_left_the_family_cannot_sign(database, world):
    family = mother_father_child(database, world)
    from app.registry.families import remove_member

    with database.write() as session:
        link = session.execute(select(FamilyMember.id).where(FamilyMember.person_id == family.mother_id)).scalar()
        remove_member(session, world.specialist, link, TODAY - timedelta(days=10))
    errors = _refused(database, world, family.child_id, ConsentData(SIGNED, signer_person_id=family.mother_id))
    assert "законный представитель" in errors["signer_person_id"]


@pytest.mark.parametrize(("data", "field", "fragment"), [
    (ConsentData(SIGNED), "signer_name", "«ФИО подписанта» обязательно"),
    (ConsentData(None, signer_name="Белова И.С."), "signed_on", "«Дата подписания» обязательно"),
    (ConsentData(TODAY + timedelta(days=1), signer_name="Белова И.С."), "signed_on", "в будущем"),
    (ConsentData(date(1985, 1, 1), signer_name="Белова И.С."), "signed_on", "раньше, чем «Дата рождения»"),
    (ConsentData(SIGNED, signer_name="Белова И.С.", valid_until=SIGNED), "valid_until",
     "позже даты подписания"),
    (ConsentData(SIGNED, signer_name="Белова И.С.", valid_until=SIGNED - timedelta(days=1)), "valid_until",
     "позже даты подписания"),
    (ConsentData(SIGNED, signer_name="Белова И.С.", withdrawn_on=SIGNED - timedelta(days=1)), "withdrawn_on",
     "раньше, чем «Дата подписания»"),
    (ConsentData(SIGNED, signer_name="Белова И.С.", withdrawn_on=TODAY + timedelta(days=1)), "withdrawn_on",
     "в будущем"),
])
def test_consent_rules(database, world, data, field, fragment):
    family = mother_father_child(database, world)
    errors = _refused(database, world, family.mother_id, data)
    assert fragment in errors[field]


def test_update_consent_audits_changed_names(database, world):
    family = mother_father_child(database, world)
    consent_id = _add(database, world, family.mother_id, ConsentData(SIGNED, signer_name="Белова И.С."))
    with database.write() as session:
        saved = update_consent(session, world.coordinator, consent_id,
                               ConsentData(SIGNED, signer_name="Белова И.С.", scope="Социальное обслуживание",
                                           includes_health=False))
    assert saved.changes == frozenset({"persons"})
    [row] = _consents(database, family.mother_id)
    assert (row.scope, row.includes_health) == ("Социальное обслуживание", False)
    assert audit_entries(database, "consent")[-1] == ("update", "includes_health,scope")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_consent(session, world.specialist, consent_id, ConsentData(SIGNED, signer_name=None))
    assert "signer_name" in caught.value.errors
    assert _consents(database, family.mother_id)[0].signer_name == "Белова И.С."


def test_withdraw_consent(database, world):
    family = mother_father_child(database, world)
    consent_id = _add(database, world, family.mother_id, ConsentData(SIGNED, signer_name="Белова И.С."))
    for day, fragment in ((None, "обязательно"), (TODAY + timedelta(days=1), "в будущем"),
                          (SIGNED - timedelta(days=1), "раньше, чем «Дата подписания»")):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            withdraw_consent(session, world.specialist, consent_id, day)
        assert fragment in caught.value.errors["withdrawn_on"]
    assert _consents(database, family.mother_id)[0].withdrawn_on is None
    with database.write() as session:
        withdraw_consent(session, world.specialist, consent_id, TODAY - timedelta(days=2))
    [row] = _consents(database, family.mother_id)
    assert row.withdrawn_on == TODAY - timedelta(days=2)
    assert row.state(TODAY) is ConsentState.WITHDRAWN
    with database.write() as session, pytest.raises(ValidationError) as caught:
        withdraw_consent(session, world.specialist, consent_id, TODAY)
    assert "уже отозвано" in caught.value.errors["withdrawn_on"]
    assert audit_entries(database, "consent")[-1] == ("update", "withdrawn_on")


def test_deleted_consent_is_not_listed_nor_counted(database, world):
    family = mother_father_child(database, world)
    consent_id = _add(database, world, family.mother_id, ConsentData(SIGNED, signer_name="Белова И.С."))
    with database.write() as session:
        delete_consent(session, world.specialist, consent_id)
    assert _consents(database, family.mother_id) == []
    with database.read() as session:
        assert consent_status(session, [family.mother_id], TODAY) == {family.mother_id: ConsentState.MISSING}
    with database.write() as session, pytest.raises(NotFound):
        withdraw_consent(session, world.specialist, consent_id, TODAY)


def test_consents_are_listed_latest_first(database, world):
    family = mother_father_child(database, world)
    for signed in (date(2023, 2, 1), date(2025, 3, 1), date(2024, 4, 1)):
        _add(database, world, family.mother_id, ConsentData(signed, signer_name="Белова И.С."))
    assert [row.signed_on for row in _consents(database, family.mother_id)] == [
        date(2025, 3, 1), date(2024, 4, 1), date(2023, 2, 1)]


def test_administrator_cannot_edit_consents(database, world):
    family = mother_father_child(database, world)
    with database.write() as session, pytest.raises(PermissionDenied):
        add_consent(session, world.admin, family.mother_id, ConsentData(SIGNED, signer_name="Белова И.С."))
    consent_id = _add(database, world, family.mother_id, ConsentData(SIGNED, signer_name="Белова И.С."))
    with database.write() as session, pytest.raises(PermissionDenied):
        withdraw_consent(session, world.admin, consent_id, TODAY)
    assert _consents(database, family.mother_id)[0].withdrawn_on is None


# --- consent state -----------------------------------------------------------------------------

def _count_queries(database):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        # Transaction control (SQLite's explicit BEGIN) is not a query.
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    return statements, lambda: event.remove(database.engine, "before_cursor_execute", count)


def test_consent_states_of_a_family_in_one_query(database, world):
    family = mother_father_child(database, world)
    other = mother_father_child(database, world, "Зайцева")
    day = date(2025, 6, 10)
    # Mother: an old expired consent and a valid one — the valid one wins.
    _add(database, world, family.mother_id, ConsentData(date(2020, 1, 1), signer_name="Белова И.С.",
                                                        valid_until=date(2021, 1, 1)))
    _add(database, world, family.mother_id, ConsentData(date(2025, 1, 1), signer_name="Белова И.С.",
                                                        valid_until=day))
    # Father: withdrawn exactly on the day.
    _add(database, world, family.father_id, ConsentData(date(2024, 1, 1), signer_name="Белов П.А.",
                                                        withdrawn_on=day))
    # Child: signed by the mother, ran out the day before.
    _add(database, world, family.child_id, ConsentData(date(2024, 1, 1), signer_person_id=family.mother_id,
                                                       valid_until=day - timedelta(days=1)))
    # The other mother: her only consent is signed after the day asked about.
    _add(database, world, other.mother_id, ConsentData(day + timedelta(days=1), signer_name="Зайцева И.С."))
    ids = [family.mother_id, family.father_id, family.child_id, other.mother_id, other.father_id]
    with database.read() as session:
        statements, stop = _count_queries(database)
        try:
            states = consent_status(session, ids, day)
        finally:
            stop()
    assert len(statements) == 1
    assert states == {
        family.mother_id: ConsentState.VALID,
        family.father_id: ConsentState.WITHDRAWN,
        family.child_id: ConsentState.EXPIRED,
        other.mother_id: ConsentState.MISSING,
        other.father_id: ConsentState.MISSING,
    }
    with database.read() as session:
        statements, stop = _count_queries(database)
        try:
            by_family = family_consent_status(session, family.id, day)
        finally:
            stop()
        assert len(statements) == 1
        assert by_family == {key: states[key] for key in (family.mother_id, family.father_id, family.child_id)}
        assert consent_status(session, [family.father_id], day - timedelta(days=1)) == {
            family.father_id: ConsentState.VALID}
        assert consent_status(session, [other.mother_id], day + timedelta(days=1)) == {
            other.mother_id: ConsentState.VALID}
        assert consent_status(session, [], day) == {}


def test_latest_consent_decides_between_withdrawn_and_expired(database, world):
    family = mother_father_child(database, world)
    _add(database, world, family.mother_id, ConsentData(date(2021, 1, 1), signer_name="Белова И.С.",
                                                        withdrawn_on=date(2021, 5, 1)))
    _add(database, world, family.mother_id, ConsentData(date(2022, 1, 1), signer_name="Белова И.С.",
                                                        valid_until=date(2023, 1, 1)))
    with database.read() as session:
        assert consent_status(session, [family.mother_id], date(2024, 1, 1)) == {
            family.mother_id: ConsentState.EXPIRED}
        assert consent_status(session, [family.mother_id], date(2021, 12, 1)) == {
            family.mother_id: ConsentState.WITHDRAWN}
