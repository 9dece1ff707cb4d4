"""Identity documents (passport, birth certificate) through the services: patterns, dates, duplicates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.core.actor import system_actor
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.registry.identity_papers import DocumentData, add_document, delete_document, list_documents, update_document
from db.models import IdentityDocument
from tests.app.family_setup import TODAY, audit_entries, mother_father_child


def _documents(database, person_id):
    with database.read() as session:
        return list_documents(session, system_actor("test"), person_id)


def _document(session, world, kind: str, number: str, series: str | None = None, **extra) -> DocumentData:
    return DocumentData(world.code(session, "document_kind", kind), number, series, **extra)


def test_passport_series_and_number_with_spaces_are_normalised(database, world):
    family = mother_father_child(database, world)
    with database.write() as session:
        saved = add_document(session, world.specialist, family.mother_id,
                             _document(session, world, "passport", "123 456", " 45 10 ",
                                       issued_on=date(2010, 3, 4), issued_by="ОУФМС России"))
    assert saved.changes == frozenset({"persons"})
    [row] = _documents(database, family.mother_id)
    assert (row.id, row.series, row.number, row.issued_on, row.issued_by) == (
        saved.id, "4510", "123456", date(2010, 3, 4), "ОУФМС России")
    assert row.title == "Паспорт 4510 № 123456"
    assert audit_entries(database, "identity_document") == [("create", "issued_by,issued_on,kind_id,number,series")]


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
    family = mother_father_child(database, world)
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
    family = mother_father_child(database, world)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_document(session, world.specialist, family.child_id, _document(session, world, kind, number, series))
    assert fragment in caught.value.errors[field]
    assert _documents(database, family.child_id) == []


def test_kind_without_pattern_takes_any_series_and_number(database, world):
    family = mother_father_child(database, world)
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
    family = mother_father_child(database, world)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_document(session, world.specialist, family.mother_id,
                     _document(session, world, "passport", "123456", "4510", **overrides))
    assert fragment in caught.value.errors[field]
    assert _documents(database, family.mother_id) == []


def test_document_kind_must_come_from_the_document_dictionary(database, world):
    family = mother_father_child(database, world)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_document(session, world.specialist, family.mother_id,
                     DocumentData(world.code(session, "member_role", "mother"), "123456", "4510"))
    assert "«Вид документа»" in caught.value.errors["kind_id"]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_document(session, world.specialist, family.mother_id, DocumentData(None, "123456"))
    assert "«Вид документа» обязательно" in caught.value.errors["kind_id"]


def test_the_same_document_twice_is_refused(database, world):
    family = mother_father_child(database, world)
    with database.write() as session:
        add_document(session, world.specialist, family.mother_id, _document(session, world, "passport", "123456",
                                                                            "4510"))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_document(session, world.specialist, family.mother_id, _document(session, world, "passport",
                                                                            "123 456", "45 10"))
    assert "уже внесён" in caught.value.errors["number"]
    assert len(_documents(database, family.mother_id)) == 1


def test_update_and_delete_document(database, world):
    family = mother_father_child(database, world)
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
    assert audit_entries(database, "identity_document")[1:] == [("update", "issued_on,number"), ("delete", "")]


def test_administrator_cannot_edit_documents(database, world):
    family = mother_father_child(database, world)
    with database.write() as session, pytest.raises(PermissionDenied):
        add_document(session, world.admin, family.mother_id, _document(session, world, "passport", "123456", "4510"))
    assert _documents(database, family.mother_id) == []
