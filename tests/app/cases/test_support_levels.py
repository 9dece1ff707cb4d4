"""Levels of support and outcome codes of a closed case (#17, DOMAIN.md «Effectiveness»): two dictionaries seeded with
defaults and editable like the others; a case is opened with a level, closed with an outcome, the card's list shows
both, an entry of another dictionary is refused by name, and reopening the case takes the outcome off."""

from __future__ import annotations

from datetime import date

import pytest

from app.cases.cases import close_case, list_cases
from app.cases.reopening import reopen_case
from app.core.errors import ValidationError
from app.reference.choices import family_card_choices
from app.reference.dictionaries import DICTIONARY_KINDS
from tests.app.case_setup import open_new_case
from tests.app.family_setup import mother_and_child


def test_a_case_keeps_its_level_and_its_outcome(database, world):
    family = mother_and_child(database, world)
    with database.read() as session:
        choices = family_card_choices(session)
        intensive = world.code(session, "support_level", "intensive")
        improved = world.code(session, "case_outcome", "improved")
        moved = world.code(session, "case_closing_reason", "family_moved")
    assert [c.label for c in choices.support_levels] == ["Экстренный", "Интенсивный", "Поддерживающий"]
    assert "Положение семьи улучшилось" in [c.label for c in choices.case_outcomes]
    assert {"support_level", "case_outcome"} <= set(DICTIONARY_KINDS)
    case_id = open_new_case(database, world, family, support_level_id=intensive)
    [case] = list_cases_of(database, world, family)
    assert (case.support_level_id, case.support_level_name) == (intensive, "Интенсивный")
    assert case.outcome_id is None

    # A closing reason given as the outcome (another dictionary) is refused, naming the field.
    with pytest.raises(ValidationError) as error, database.write() as session:
        close_case(session, world.specialist, case_id, date(2024, 6, 1), moved, moved)
    assert "«Результат сопровождения»" in error.value.errors["outcome_id"]
    with database.write() as session:
        close_case(session, world.specialist, case_id, date(2024, 6, 1), moved, improved)
    [case] = list_cases_of(database, world, family)
    assert case.outcome_name == "Положение семьи улучшилось" and case.support_level_name == "Интенсивный"

    with database.write() as session:
        reopen_case(session, world.specialist, case_id, "Семья вернулась в район")
    [case] = list_cases_of(database, world, family)
    assert case.is_open and case.outcome_id is None and case.support_level_id == intensive


def test_a_level_of_another_dictionary_is_refused(database, world):
    family = mother_and_child(database, world)
    with database.read() as session:
        wrong = world.code(session, "case_outcome", "improved")
    with pytest.raises(ValidationError) as error:
        open_new_case(database, world, family, support_level_id=wrong)
    assert "«Уровень сопровождения»" in error.value.errors["support_level_id"]


def list_cases_of(database, world, family):
    with database.read() as session:
        return list_cases(session, world.coordinator, family.id)
