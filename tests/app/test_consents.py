"""A person's legal papers through the services: consents to personal-data processing (152-ФЗ)
and identity documents (passport, birth certificate)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from app.consents import (
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
from app.documents import DocumentData, add_document, delete_document, list_documents, update_document
from app.errors import NotFound, PermissionDenied, ValidationError
from app.families import FamilyData, MemberData, NewFamily, register_family
from app.persons import PersonData
from db.models import AuditEntry, FamilyMember, IdentityDocument, Person

TODAY = date.today()
SIGNED = date(TODAY.year - 1, 9, 1)


@dataclass(frozen=True)
class Family:
    id: object
    mother_id: object
    father_id: object
    child_id: object


def _family(database, world, last_name: str = "Белова") -> Family:
    """Mother (legal representative), father (not marked as one) and a child of 6."""
    with database.write() as session:
        def role(code: str) -> object:
            return world.code(session, "member_role", code)

        male = last_name[:-1]
        data = NewFamily(FamilyData(office_id=world.office_id, registered_on=date(2024, 1, 10)), [
            MemberData(role("mother"), True, person=PersonData(last_name, "Ирина", "Сергеевна", "F",
                                                               date(1990, 2, 3))),
            MemberData(role("father"), False, person=PersonData(male, "Павел", "Андреевич", "M",
                                                                date(1988, 7, 9))),
            MemberData(role("child"), False, person=PersonData(last_name, "Дарья", "Павловна", "F",
                                                               date(TODAY.year - 6, 1, 15))),
        ])
        family_id = register_family(session, world.specialist, data).id
        ids = dict(session.execute(
            select(Person.first_name, Person.id).join(FamilyMember, FamilyMember.person_id == Person.id)
            .where(FamilyMember.family_id == family_id)).all())
    return Family(family_id, ids["Ирина"], ids["Павел"], ids["Дарья"])


def _audit(database, entity: str) -> list[tuple[str, str]]:
    with database.read() as session:
        return [tuple(row) for row in session.execute(
            select(AuditEntry.action, AuditEntry.fields).where(AuditEntry.entity == entity)
            .order_by(AuditEntry.id))]


def _consents(database, person_id):
    with database.read() as session:
        return list_consents(session, person_id)


def _add(database, world, person_id, data: ConsentData):
    with database.write() as session:
        return add_consent(session, world.specialist, person_id, data).id


def _refused(database, world, person_id, data: ConsentData) -> dict[str, str]:
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_consent(session, world.specialist, person_id, data)
    assert _consents(database, person_id) == []
    return caught.value.errors


# --- consents ----------------------------------------------------------------------------------

def test_adult_signs_her_own_consent(database, world):
    family = _family(database, world)
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
    [(action, fields)] = _audit(database, "consent")
    assert action == "create" and "signer_name" in fields.split(",") and "Белова" not in fields


def test_child_consent_by_legal_representative_takes_her_name(database, world):
    family = _family(database, world)
    _add(database, world, family.child_id, ConsentData(SIGNED, signer_person_id=family.mother_id))
    [row] = _consents(database, family.child_id)
    assert row.signer_person_id == family.mother_id
    assert row.signer_name == "Белова Ирина Сергеевна"


def test_child_consent_signed_by_a_parent_not_marked_legal_representative_is_refused(database, world):
    family = _family(database, world)
    errors = _refused(database, world, family.child_id, ConsentData(SIGNED, signer_person_id=family.father_id))
    assert set(errors) == {"signer_person_id"}
    assert "законный представитель" in errors["signer_person_id"]


def test_child_consent_without_a_signer_person_is_refused(database, world):
    family = _family(database, world)
    errors = _refused(database, world, family.child_id, ConsentData(SIGNED, signer_name="Белова И.С."))
    assert "законный представитель" in errors["signer_person_id"]


def test_child_cannot_sign_for_herself(database, world):
    family = _family(database, world)
    errors = _refused(database, world, family.child_id, ConsentData(SIGNED, signer_person_id=family.child_id))
    assert "законный представитель" in errors["signer_person_id"]


def test_legal_representative_of_another_family_cannot_sign(database, world):
    family = _family(database, world)
    other = _family(database, world, "Зайцева")
    errors = _refused(database, world, family.child_id, ConsentData(SIGNED, signer_person_id=other.mother_id))
    assert "законный представитель" in errors["signer_person_id"]


def test_legal_representative_who_left_the_family_cannot_sign(database, world):
    family = _family(database, world)
    from app.families import remove_member

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
    family = _family(database, world)
    errors = _refused(database, world, family.mother_id, data)
    assert fragment in errors[field]


def test_update_consent_audits_changed_names(database, world):
    family = _family(database, world)
    consent_id = _add(database, world, family.mother_id, ConsentData(SIGNED, signer_name="Белова И.С."))
    with database.write() as session:
        saved = update_consent(session, world.coordinator, consent_id,
                               ConsentData(SIGNED, signer_name="Белова И.С.", scope="Социальное обслуживание",
                                           includes_health=False))
    assert saved.changes == frozenset({"persons"})
    [row] = _consents(database, family.mother_id)
    assert (row.scope, row.includes_health) == ("Социальное обслуживание", False)
    assert _audit(database, "consent")[-1] == ("update", "includes_health,scope")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_consent(session, world.specialist, consent_id, ConsentData(SIGNED, signer_name=None))
    assert "signer_name" in caught.value.errors
    assert _consents(database, family.mother_id)[0].signer_name == "Белова И.С."


def test_withdraw_consent(database, world):
    family = _family(database, world)
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
    assert _audit(database, "consent")[-1] == ("update", "withdrawn_on")


def test_deleted_consent_is_not_listed_nor_counted(database, world):
    family = _family(database, world)
    consent_id = _add(database, world, family.mother_id, ConsentData(SIGNED, signer_name="Белова И.С."))
    with database.write() as session:
        delete_consent(session, world.specialist, consent_id)
    assert _consents(database, family.mother_id) == []
    with database.read() as session:
        assert consent_status(session, [family.mother_id], TODAY) == {family.mother_id: ConsentState.MISSING}
    with database.write() as session, pytest.raises(NotFound):
        withdraw_consent(session, world.specialist, consent_id, TODAY)


def test_consents_are_listed_latest_first(database, world):
    family = _family(database, world)
    for signed in (date(2023, 2, 1), date(2025, 3, 1), date(2024, 4, 1)):
        _add(database, world, family.mother_id, ConsentData(signed, signer_name="Белова И.С."))
    assert [row.signed_on for row in _consents(database, family.mother_id)] == [
        date(2025, 3, 1), date(2024, 4, 1), date(2023, 2, 1)]


def test_administrator_cannot_edit_consents(database, world):
    family = _family(database, world)
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
    family = _family(database, world)
    other = _family(database, world, "Зайцева")
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
    family = _family(database, world)
    _add(database, world, family.mother_id, ConsentData(date(2021, 1, 1), signer_name="Белова И.С.",
                                                        withdrawn_on=date(2021, 5, 1)))
    _add(database, world, family.mother_id, ConsentData(date(2022, 1, 1), signer_name="Белова И.С.",
                                                        valid_until=date(2023, 1, 1)))
    with database.read() as session:
        assert consent_status(session, [family.mother_id], date(2024, 1, 1)) == {
            family.mother_id: ConsentState.EXPIRED}
        assert consent_status(session, [family.mother_id], date(2021, 12, 1)) == {
            family.mother_id: ConsentState.WITHDRAWN}


# --- identity documents ------------------------------------------------------------------------

def _documents(database, person_id):
    with database.read() as session:
        return list_documents(session, person_id)


def _document(session, world, kind: str, number: str, series: str | None = None, **extra) -> DocumentData:
    return DocumentData(world.code(session, "document_kind", kind), number, series, **extra)


def test_passport_series_and_number_with_spaces_are_normalised(database, world):
    family = _family(database, world)
    with database.write() as session:
        saved = add_document(session, world.specialist, family.mother_id,
                             _document(session, world, "passport", "123 456", " 45 10 ",
                                       issued_on=date(2010, 3, 4), issued_by="ОУФМС России"))
    assert saved.changes == frozenset({"persons"})
    [row] = _documents(database, family.mother_id)
    assert (row.id, row.series, row.number, row.issued_on, row.issued_by) == (
        saved.id, "4510", "123456", date(2010, 3, 4), "ОУФМС России")
    assert row.title == "Паспорт 4510 № 123456"
    assert _audit(database, "identity_document") == [("create", "issued_by,issued_on,kind_id,number,series")]


@pytest.mark.parametrize(("typed", "stored"), [
    ("IV-АИ", "IV-АИ"),
    ("iv-аи", "IV-АИ"),
    ("ІV-АИ", "IV-АИ"),       # Cyrillic І (Ukrainian layout) for the Roman I
    ("ХІІ-СЛ", "XII-СЛ"),     # Cyrillic Х and І before the hyphen; С and Л after it stay Cyrillic
    ("СLХ – ав", "CLX-АВ"),    # a dash with spaces, lower-case letters
    ("Л-МЮ", "L-МЮ"),
    ("II-AB", "II-АВ"),       # Latin look-alikes typed in the Cyrillic part
])
def test_birth_certificate_series_accepts_look_alikes(database, world, typed, stored):
    family = _family(database, world)
    with database.write() as session:
        add_document(session, world.specialist, family.child_id,
                     _document(session, world, "birth_certificate", "654321", typed))
    [row] = _documents(database, family.child_id)
    assert row.series == stored
    assert row.series.split("-")[0].isascii()


@pytest.mark.parametrize(("kind", "series", "number", "field", "fragment"), [
    ("passport", "451", "123456", "series", "«4510»"),
    ("passport", "45АБ", "123456", "series", "«Серия»"),
    ("passport", None, "123456", "series", "«Серия» обязательно"),
    ("passport", "4510", "12345", "number", "«123456»"),
    ("passport", "4510", None, "number", "«Номер» обязательно"),
    ("birth_certificate", "IV-12", "123456", "series", "«IV-АИ»"),
    ("birth_certificate", "IV АИ", "123456", "series", "«IV-АИ»"),
    ("birth_certificate", "IV-АИ", "12-3456", "number", "«Номер»"),
])
def test_document_pattern_rules(database, world, kind, series, number, field, fragment):
    family = _family(database, world)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_document(session, world.specialist, family.child_id, _document(session, world, kind, number, series))
    assert fragment in caught.value.errors[field]
    assert _documents(database, family.child_id) == []


def test_kind_without_pattern_takes_any_series_and_number(database, world):
    family = _family(database, world)
    with database.write() as session:
        add_document(session, world.specialist, family.mother_id, _document(session, world, "other", "АБ-17/3"))
        add_document(session, world.specialist, family.mother_id,
                     _document(session, world, "foreign_passport", "FX 1234567", "ab"))
    assert sorted((row.number, row.series) for row in _documents(database, family.mother_id)) == [
        ("FX 1234567", "AB"), ("АБ-17/3", None)]


@pytest.mark.parametrize(("overrides", "field", "fragment"), [
    ({"issued_on": TODAY + timedelta(days=1)}, "issued_on", "в будущем"),
    ({"issued_on": date(1989, 1, 1)}, "issued_on", "раньше, чем «Дата рождения»"),
    ({"issued_by": "х" * 301}, "issued_by", "«Кем выдан»: не длиннее 300"),
])
def test_document_dates_and_lengths(database, world, overrides, field, fragment):
    family = _family(database, world)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_document(session, world.specialist, family.mother_id,
                     _document(session, world, "passport", "123456", "4510", **overrides))
    assert fragment in caught.value.errors[field]
    assert _documents(database, family.mother_id) == []


def test_document_kind_must_come_from_the_document_dictionary(database, world):
    family = _family(database, world)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_document(session, world.specialist, family.mother_id,
                     DocumentData(world.code(session, "member_role", "mother"), "123456", "4510"))
    assert "«Вид документа»" in caught.value.errors["kind_id"]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_document(session, world.specialist, family.mother_id, DocumentData(None, "123456"))
    assert "«Вид документа» обязательно" in caught.value.errors["kind_id"]


def test_the_same_document_twice_is_refused(database, world):
    family = _family(database, world)
    with database.write() as session:
        add_document(session, world.specialist, family.mother_id, _document(session, world, "passport", "123456",
                                                                            "4510"))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_document(session, world.specialist, family.mother_id, _document(session, world, "passport",
                                                                            "123 456", "45 10"))
    assert "уже внесён" in caught.value.errors["number"]
    assert len(_documents(database, family.mother_id)) == 1


def test_update_and_delete_document(database, world):
    family = _family(database, world)
    with database.write() as session:
        document_id = add_document(session, world.specialist, family.mother_id,
                                   _document(session, world, "passport", "123456", "4510")).id
    with database.write() as session:
        saved = update_document(session, world.specialist, document_id,
                                _document(session, world, "passport", "654321", "4510", issued_on=date(2015, 1, 2)))
    assert saved.changes == frozenset({"persons"})
    with database.write() as session:
        unchanged = update_document(session, world.specialist, document_id,
                                    _document(session, world, "passport", "654 321", "45 10",
                                              issued_on=date(2015, 1, 2)))
    assert unchanged.changes == frozenset()
    [row] = _documents(database, family.mother_id)
    assert (row.number, row.issued_on) == ("654321", date(2015, 1, 2))
    with database.write() as session, pytest.raises(ValidationError):
        update_document(session, world.specialist, document_id, _document(session, world, "passport", "1", "4510"))
    assert _documents(database, family.mother_id)[0].number == "654321"
    with database.write() as session:
        delete_document(session, world.specialist, document_id)
    assert _documents(database, family.mother_id) == []
    with database.read() as session:
        assert session.get(IdentityDocument, document_id).deleted_at is not None
    with database.write() as session, pytest.raises(NotFound):
        delete_document(session, world.specialist, document_id)
    assert _audit(database, "identity_document")[1:] == [("update", "issued_on,number"), ("delete", "")]


def test_administrator_cannot_edit_documents(database, world):
    family = _family(database, world)
    with database.write() as session, pytest.raises(PermissionDenied):
        add_document(session, world.admin, family.mother_id, _document(session, world, "passport", "123456", "4510"))
    assert _documents(database, family.mother_id) == []
