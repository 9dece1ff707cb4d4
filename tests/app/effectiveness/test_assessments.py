"""Assessments through the services: recorded and edited in the family's scope, signed by a specialist, the values
checked against the instrument's scales, audited; the closing rule; the instrument editor's service."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.cases.cases import close_case, update_case
from app.core.actor import SPECIALIST, Actor
from app.core.errors import PermissionDenied, ValidationError
from app.effectiveness.assessments import (
    CLOSING,
    INTAKE,
    REVIEW,
    AssessmentData,
    delete_assessment,
    family_assessments,
    record_assessment,
    update_assessment,
)
from app.effectiveness.instruments import (
    AreaData,
    CriterionData,
    InstrumentData,
    list_instruments,
    save_instrument,
    seed_instruments,
)
from db.models import SupportCase
from db.models.effectiveness import AssessmentCriterion, AssessmentInstrument
from tests.app.assessment_setup import CHILD_INSTRUMENT, criteria, instrument_id
from tests.app.case_setup import case_data, open_new_case
from tests.app.family_setup import TODAY, audit_entries, mother_and_child

OPENED = date(2025, 1, 10)


def _data(session, world, family, case_id, kind=INTAKE, on=date(2025, 1, 15), value=2, **overrides):
    values = {"family_id": family.id, "instrument_id": instrument_id(session), "kind": kind, "assessed_on": on,
              "staff_id": world.psychologist_id, "case_id": case_id, "values": dict.fromkeys(criteria(session), value)}
    return AssessmentData(**(values | overrides))


def test_the_defaults_are_seeded_once_with_their_scales(database):
    with database.write() as session:
        assert seed_instruments(session) == 0  # already there from the migration's seeding
        family, child = list_instruments(session)
    assert (family.code, family.subject, len(family.areas)) == ("family_situation", "family", 10)
    assert {(c.scale_min, c.scale_max, c.higher_is_better) for c in family.criteria()} == {(1, 4, True)}
    assert family.criteria()[0].label(1) == "1 — критическое"
    assert (child.code, child.subject, len(child.areas)) == (CHILD_INSTRUMENT, "child", 12)
    scales = [(c.scale_min, c.scale_max, c.higher_is_better) for c in child.criteria()]
    assert scales == [(0, 3, False)] * 7 + [(0, 4, False)] * 5


def test_record_edit_and_delete_an_assessment(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family, opened_on=OPENED)
    with database.write() as session:
        saved = record_assessment(session, world.specialist, _data(session, world, family, case_id))
        later = record_assessment(session, world.specialist, _data(session, world, family, case_id, REVIEW,
                                                                  date(2025, 4, 1), 3))
    assert saved.changes == frozenset({"cases"})
    with database.read() as session:
        result = family_assessments(session, world.specialist, family.id)
    assert [row.id for row in result.assessments] == [later.id, saved.id]
    assert result.case_verdicts[case_id].verdict == "positive"
    [subject] = result.subjects
    assert len(subject.series) == 10 and subject.series[0].points == ((date(2025, 1, 15), 2.0), (date(2025, 4, 1), 3.0))
    with database.write() as session:
        data = _data(session, world, family, case_id, REVIEW, date(2025, 4, 1), 1)
        update_assessment(session, world.specialist, later.id, data)
        assert update_assessment(session, world.specialist, later.id, data).changes == frozenset()
    with database.read() as session:
        assert family_assessments(session, world.specialist, family.id).case_verdicts[case_id].verdict == "negative"
    with database.write() as session:
        delete_assessment(session, world.specialist, later.id)
    with database.read() as session:
        result = family_assessments(session, world.specialist, family.id)
    assert [row.id for row in result.assessments] == [saved.id] and case_id not in result.case_verdicts
    assert [entry[0] for entry in audit_entries(database, "assessment")] == ["create", "create", "update", "delete"]
    assert audit_entries(database, "assessment")[2][1] == "values"


@pytest.mark.parametrize(("overrides", "field", "fragment"), [
    ({"kind": None}, "kind", "«Вид оценки»"),
    ({"assessed_on": None}, "assessed_on", "«Дата оценки» обязательно"),
    ({"assessed_on": TODAY + timedelta(days=1)}, "assessed_on", "в будущем"),
    ({"assessed_on": OPENED - timedelta(days=1)}, "assessed_on", "раньше начала сопровождения"),
    ({"staff_id": None}, "staff_id", "подписывает специалист"),
    ({"values": {}}, "values", "Оцените хотя бы один критерий"),
    ({"instrument_id": None}, "instrument_id", "«Методика»"),
    ({"case_id": uuid.uuid4()}, "case_id", "сопровождение этой семьи"),
])
def test_bad_input_is_named(database, world, overrides, field, fragment):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family, opened_on=OPENED)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        base = _data(session, world, family, case_id)
        record_assessment(session, world.specialist, AssessmentData(**(base.__dict__ | overrides)))
    assert fragment in caught.value.errors[field]


def test_values_outside_the_scale_and_a_child_instrument_without_a_child(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family, opened_on=OPENED)
    with database.write() as session:
        first = criteria(session)[0]
        with pytest.raises(ValidationError) as caught:
            record_assessment(session, world.specialist, _data(session, world, family, case_id,
                                                               values={first: 5}))
        assert "балл от 1 до 4" in caught.value.errors["values"]
        child = criteria(session, CHILD_INSTRUMENT)
        with pytest.raises(ValidationError) as caught:
            record_assessment(session, world.specialist, _data(
                session, world, family, case_id, instrument_id=instrument_id(session, CHILD_INSTRUMENT),
                values={child[0]: 1}))
        assert "выберите ребёнка" in caught.value.errors["person_id"]
        with pytest.raises(ValidationError) as caught:  # a criterion of the other instrument
            record_assessment(session, world.specialist, _data(session, world, family, case_id,
                                                               values={child[0]: 1}))
        assert "другой методики" in caught.value.errors["values"]


def test_a_specialist_outside_the_caseload_is_refused(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family, opened_on=OPENED)
    outsider = Actor(user_id=uuid.uuid4(), login="kuz", role=SPECIALIST, staff_id=world.speech_therapist_id,
                     office_ids=frozenset({world.office_id}))
    with database.write() as session:
        data = _data(session, world, family, case_id, staff_id=world.speech_therapist_id)
        with pytest.raises(PermissionDenied):
            record_assessment(session, outsider, data)
        saved = record_assessment(session, world.specialist, _data(session, world, family, case_id))
    with database.write() as session, pytest.raises(PermissionDenied):
        update_assessment(session, outsider, saved.id, data)
    with database.write() as session, pytest.raises(PermissionDenied):
        delete_assessment(session, outsider, saved.id)
    with database.read() as session, pytest.raises(PermissionDenied):
        family_assessments(session, outsider, family.id)
    # A specialist signs only as themselves; the coordinator may record for another.
    with database.write() as session, pytest.raises(ValidationError) as caught:
        record_assessment(session, world.specialist, data)
    assert "только свои оценки" in caught.value.errors["staff_id"]
    with database.write() as session:
        record_assessment(session, world.coordinator, data)


def test_goals_achieved_needs_a_closing_assessment(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family, opened_on=OPENED)
    with database.write() as session:
        goals = world.code(session, "case_closing_reason", "goals_achieved")
        record_assessment(session, world.specialist, _data(session, world, family, case_id))
        review = record_assessment(session, world.specialist, _data(session, world, family, case_id, REVIEW,
                                                                   date(2025, 3, 1), 3))
    for close in (lambda s: close_case(s, world.specialist, case_id, date(2025, 6, 1), goals),
                  lambda s: update_case(s, world.specialist, case_id, case_data(
                      s, world, family, opened_on=OPENED, closed_on=date(2025, 6, 1), closing_reason_id=goals))):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            close(session)
        assert "итоговую оценку" in caught.value.errors["closing_reason_id"]
    # Another reason needs none; a deleted closing assessment does not count.
    with database.write() as session:
        closing = record_assessment(session, world.specialist, _data(session, world, family, case_id, CLOSING,
                                                                    date(2025, 5, 30), 3))
        delete_assessment(session, world.specialist, closing.id)
    with database.write() as session, pytest.raises(ValidationError):
        close_case(session, world.specialist, case_id, date(2025, 6, 1), goals)
    with database.write() as session:
        data = _data(session, world, family, case_id, CLOSING, date(2025, 3, 1), 3)
        update_assessment(session, world.specialist, review.id, data)
        close_case(session, world.specialist, case_id, date(2025, 6, 1), goals)
        # Editing the closed case's notes later is not refused by the rule.
        update_case(session, world.specialist, case_id, case_data(
            session, world, family, opened_on=OPENED, closed_on=date(2025, 6, 1), closing_reason_id=goals,
            notes="Итог"))


def test_the_administrator_edits_an_instrument(database, world):
    with database.read() as session:
        [family, _child] = list_instruments(session)
    kept = [AreaData(area.name, tuple(CriterionData(c.name, c.scale_min, c.scale_max, c.labels, c.higher_is_better,
                                                    c.id) for c in area.criteria), area.id)
            for area in family.areas[:9]]
    leisure = AreaData("Досуг семьи", (CriterionData("Совместный досуг", 0, 2, ("нет", "иногда", "регулярно")),))
    data = InstrumentData("Оценка ситуации в семье (региональная)", "family", True, (*kept, leisure))
    with database.write() as session, pytest.raises(PermissionDenied):
        save_instrument(session, world.coordinator, family.id, data)
    with database.write() as session:
        save_instrument(session, world.admin, family.id, data)
    with database.read() as session:
        [edited, _child] = list_instruments(session)
    assert edited.name == "Оценка ситуации в семье (региональная)"
    assert [a.name for a in edited.areas][-1] == "Досуг семьи" and len(edited.areas) == 10
    assert edited.areas[-1].criteria[0].label(2) == "2 — регулярно"
    # A criterion already used keeps its values: the scale may not drop them, and removing it switches it off.
    family_ = mother_and_child(database, world)
    case_id = open_new_case(database, world, family_, opened_on=OPENED)
    with database.write() as session:
        used = edited.areas[0].criteria[0]
        record_assessment(session, world.specialist, _data(session, world, family_, case_id, values={used.id: 4}))
    narrowed = InstrumentData(data.name, "family", True, (
        AreaData(edited.areas[0].name, (CriterionData(used.name, 1, 3, (), True, used.id),), edited.areas[0].id),))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        save_instrument(session, world.admin, edited.id, narrowed)
    assert "шкала должна их включать" in caught.value.errors["criteria"]
    only_new = InstrumentData(data.name, "family", True, (AreaData("Новая", (CriterionData("Новый", 1, 2),)),))
    with database.write() as session:
        save_instrument(session, world.admin, edited.id, only_new)
        assert session.get(AssessmentCriterion, used.id).active is False
        assert session.execute(select(AssessmentCriterion).where(
            AssessmentCriterion.id == edited.areas[1].criteria[0].id)).first() is None  # unused: deleted
    with database.write() as session, pytest.raises(ValidationError) as caught:
        save_instrument(session, world.admin, None, InstrumentData(" ", "family", True, (
            AreaData("А", (CriterionData("К", 3, 3),)),)))
    assert "«Название» обязательно" in caught.value.errors["name"]
    assert "больше наименьшего" in caught.value.errors["criteria"]
    with database.write() as session:
        created = save_instrument(session, world.admin, None, InstrumentData("Своя", "child", True, (
            AreaData("А", (CriterionData("К", 0, 1, ("нет", "да"), False),)),)))
        assert session.get(AssessmentInstrument, created.id).code.startswith("custom_")


def test_a_case_entered_already_closed_is_history_not_a_closing(database, world):
    """An imported registry row (open_case with its closing date) keeps «цели достигнуты» without an assessment:
    the rule is about closing a case, which close_case and update_case do."""
    family = mother_and_child(database, world)
    with database.read() as session:
        goals = world.code(session, "case_closing_reason", "goals_achieved")
    case_id = open_new_case(database, world, family, opened_on=date(2024, 1, 10), closed_on=date(2024, 6, 1),
                            closing_reason_id=goals)
    with database.read() as session:
        assert session.get(SupportCase, case_id).closed_on == date(2024, 6, 1)
