"""МКБ-10 proposals from the diagnoses already entered: by code (also typed on the Russian layout or with
look-alike letters) and by words of the wording; the most used wording per code; only for those who enter
diagnoses."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.errors import PermissionDenied
from app.registry.children import DiagnosisData, add_diagnosis, delete_diagnosis, list_diagnoses
from app.registry.icd_lookup import code_readings, icd_suggestions
from tests.app.registry.test_children import _family


@pytest.fixture
def entered(database, world):
    """Three children's diagnoses: F84.0 twice (two wordings), F80.1, H90.3; one deleted G80.1."""
    children = [_family(database, world).child_id for _ in range(3)]
    with database.write() as session:
        add = lambda child, code, title: add_diagnosis(session, world.specialist, child,  # noqa: E731
                                                       DiagnosisData(code, title, False, date(2025, 3, 1)))
        add(children[0], "F84.0", "Детский аутизм")
        add(children[1], "F84.0", "Детский аутизм")
        add(children[2], "f84,0", "РАС")
        add(children[0], "F80.1", "Расстройство экспрессивной речи")
        add(children[1], "Н90.3", "Нейросенсорная потеря слуха двусторонняя")
        gone = add(children[2], "G80.1", "Спастическая диплегия")
        delete_diagnosis(session, world.specialist, gone.id)
    return children


def _codes(database, actor, text):
    with database.read() as session:
        return [(s.code, s.title, s.uses) for s in icd_suggestions(session, actor, text)]


def test_by_code_prefix_the_most_used_first_with_its_most_used_wording(database, world, entered):
    assert _codes(database, world.specialist, "F8") == [
        ("F84.0", "Детский аутизм", 3), ("F80.1", "Расстройство экспрессивной речи", 1)]
    assert _codes(database, world.specialist, "f80") == [("F80.1", "Расстройство экспрессивной речи", 1)]


def test_a_code_typed_on_the_russian_layout_or_with_look_alikes(database, world, entered):
    assert [c for c, _t, _u in _codes(database, world.specialist, "А84")] == ["F84.0"]  # the F key
    assert [c for c, _t, _u in _codes(database, world.specialist, "Н90")] == ["H90.3"]  # looks like H
    assert code_readings("а84,0") == {"A84.0", "F84.0"}


def test_by_words_of_the_wording_in_any_case(database, world, entered):
    assert [c for c, _t, _u in _codes(database, world.specialist, "потеря СЛУХА")] == ["H90.3"]
    assert [c for c, _t, _u in _codes(database, world.specialist, "речи")] == ["F80.1"]


def test_deleted_diagnoses_and_blank_text_propose_nothing(database, world, entered):
    assert _codes(database, world.specialist, "G80") == []
    assert _codes(database, world.specialist, "  ") == []
    assert _codes(database, world.specialist, "диплегия") == []


def test_only_who_enters_diagnoses_may_ask(database, world, entered):
    with database.read() as session, pytest.raises(PermissionDenied):
        icd_suggestions(session, world.admin, "F8")
    with database.read() as session:
        assert len(list_diagnoses(session, world.specialist, entered[0])) == 2
