"""A child's profile (disability, ИПРА, ОВЗ, health group, early help) and diagnoses through the services."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.core.actor import system_actor
from app.core.dates import add_years
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.registry.children import (
    LIMITATION_LABELS,
    ChildProfileData,
    DiagnosisData,
    add_diagnosis,
    delete_diagnosis,
    list_diagnoses,
    load_child_profile,
    save_child_profile,
    update_diagnosis,
)
from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from db.models import ChildProfile, Diagnosis, FamilyMember, Person
from tests.app.family_setup import audit_entries

TODAY = date.today()


@dataclass(frozen=True)
class Family:
    id: object
    mother_id: object
    child_id: object
    child_birth: date


def _birth(age: int) -> date:
    """A birth date giving `age` full years today, well away from the birthday."""
    return add_years(TODAY, -age) - timedelta(days=40)


def _family(database, world, child_birth: date | None = None, child_age: int = 5,
            child_role: str = "child") -> Family:
    birth = child_birth or _birth(child_age)
    with database.write() as session:
        role = {"mother": world.code(session, "member_role", "mother"),
                "child": world.code(session, "member_role", child_role)}
        data = NewFamily(FamilyData(office_id=world.office_id, registered_on=date(2024, 1, 10)), [
            MemberData(role["mother"], True, person=PersonData("Белова", "Ирина", "Сергеевна", "F",
                                                               date(1990, 2, 3))),
            MemberData(role["child"], False, person=PersonData("Белова", "Дарья", "Павловна", "F", birth)),
        ])
        family_id = register_family(session, world.specialist, data).id
        ids = dict(session.execute(
            select(Person.first_name, Person.id).join(FamilyMember, FamilyMember.person_id == Person.id)
            .where(FamilyMember.family_id == family_id)).all())
    return Family(family_id, ids["Ирина"], ids["Дарья"], birth)


def _disabled(**overrides) -> ChildProfileData:
    values = {
        "is_disabled": True,
        "disability_since": TODAY - timedelta(days=200),
        "ipra_number": "123.4.56/2025",
        "ipra_date": TODAY - timedelta(days=30),
        "ipra_term": "until_18",
        "mse_bureau": "Бюро МСЭ № 3",
        "lim_self_care": 1,
        "lim_mobility": 2,
        "lim_learning": 3,
        "lim_work": 0,
        "health_group": 4,
    }
    return ChildProfileData(**(values | overrides))


def _profiles(database, person_id) -> int:
    with database.read() as session:
        return session.execute(
            select(func.count()).select_from(ChildProfile).where(ChildProfile.person_id == person_id)).scalar()


def _refused(database, world, person_id, data: ChildProfileData) -> dict[str, str]:
    with database.write() as session, pytest.raises(ValidationError) as caught:
        save_child_profile(session, world.specialist, person_id, data)
    assert _profiles(database, person_id) == 0
    return caught.value.errors


# --- the profile -------------------------------------------------------------------------------

def test_disabled_child_profile_until_18_is_saved_and_loaded(database, world):
    family = _family(database, world)
    with database.write() as session:
        saved = save_child_profile(session, world.specialist, family.child_id, _disabled())
    assert saved.changes == frozenset({"persons"})
    with database.write() as session:
        loaded = load_child_profile(session, world.coordinator, family.child_id)
    assert loaded == _disabled(ipra_until=add_years(family.child_birth, 18))
    assert loaded.ipra_until == add_years(family.child_birth, 18)
    assert loaded.lim_mobility == 2 and loaded.lim_orientation is None and loaded.health_group == 4
    [(action, fields)] = audit_entries(database, "child_profile")
    assert action == "create"
    assert "ipra_until" in fields.split(",") and "lim_self_care" in fields.split(",")
    assert "Бюро" not in fields  # names only, never values


@pytest.mark.parametrize(("term", "years"), [("1y", 1), ("2y", 2)])
def test_ipra_until_follows_the_term(database, world, term, years):
    family = _family(database, world)
    ipra_date = date(TODAY.year - 1, 3, 15)
    with database.write() as session:
        save_child_profile(session, world.specialist, family.child_id, _disabled(ipra_term=term, ipra_date=ipra_date))
    with database.write() as session:
        assert load_child_profile(session, world.coordinator, family.child_id).ipra_until == \
            date(TODAY.year - 1 + years, 3, 15)


def test_explicit_ipra_until_is_kept(database, world):
    family = _family(database, world)
    until = TODAY + timedelta(days=100)
    with database.write() as session:
        save_child_profile(session, world.specialist, family.child_id, _disabled(ipra_term="1y", ipra_until=until))
    with database.write() as session:
        assert load_child_profile(session, world.coordinator, family.child_id).ipra_until == until


def test_second_save_updates_the_one_profile_and_audits_changed_names(database, world):
    family = _family(database, world)
    with database.write() as session:
        first = save_child_profile(session, world.specialist, family.child_id, _disabled())
    with database.write() as session:
        again = save_child_profile(session, world.coordinator, family.child_id,
                                   _disabled(health_group=2, lim_orientation=1))
    with database.write() as session:
        unchanged = save_child_profile(session, world.specialist, family.child_id,
                                       _disabled(health_group=2, lim_orientation=1))
    assert again.id == first.id == unchanged.id
    assert again.changes == frozenset({"persons"}) and unchanged.changes == frozenset()
    assert _profiles(database, family.child_id) == 1
    assert audit_entries(database, "child_profile")[1:] == [("update", "health_group,lim_orientation")]
    with database.read() as session:
        profile = session.execute(select(ChildProfile).where(ChildProfile.person_id == family.child_id)).scalar()
        assert profile.health_group == 2 and profile.updated_by == world.coordinator.user_id


def test_without_disability_the_disability_and_ipra_fields_are_not_kept(database, world):
    family = _family(database, world)
    with database.write() as session:
        save_child_profile(session, world.specialist, family.child_id, _disabled())
    with database.write() as session:
        save_child_profile(session, world.specialist, family.child_id,
                           _disabled(is_disabled=False, health_group=3, disability_since=TODAY + timedelta(days=5)))
    with database.write() as session:
        loaded = load_child_profile(session, world.coordinator, family.child_id)
    assert loaded == ChildProfileData(health_group=3)


def test_no_profile_loads_as_none(database, world):
    family = _family(database, world)
    with database.write() as session:
        assert load_child_profile(session, world.coordinator, family.child_id) is None


def test_adult_gets_no_child_profile(database, world):
    family = _family(database, world)
    errors = _refused(database, world, family.mother_id, ChildProfileData(health_group=1))
    assert "до 18 лет" in errors["person_id"]


def test_child_turning_18_today_is_an_adult(database, world):
    # The family role «ребёнок» itself refuses an adult, so the grown-up «child» is another relative.
    family = _family(database, world, child_birth=add_years(TODAY, -18), child_role="other_relative")
    errors = _refused(database, world, family.child_id, ChildProfileData())
    assert "до 18 лет" in errors["person_id"]


def test_a_day_before_18_is_still_a_child(database, world):
    family = _family(database, world, child_birth=add_years(TODAY, -18) + timedelta(days=1))
    with database.write() as session:
        save_child_profile(session, world.specialist, family.child_id, ChildProfileData(health_group=1))
    assert _profiles(database, family.child_id) == 1


def test_person_without_birth_date_is_refused(database, world):
    with database.write() as session:
        role = world.code(session, "member_role", "child")
        data = NewFamily(FamilyData(office_id=world.office_id, registered_on=date(2024, 1, 10)), [
            MemberData(role, False, person=PersonData("Белов", "Иван", None, "M", None))])
        family_id = register_family(session, world.specialist, data).id
        person_id = session.execute(select(FamilyMember.person_id).where(FamilyMember.family_id == family_id)).scalar()
    errors = _refused(database, world, person_id, ChildProfileData())
    assert "дата рождения" in errors["person_id"]


@pytest.mark.parametrize(("overrides", "field", "fragment"), [
    ({"disability_since": None}, "disability_since", "«Дата установления инвалидности» обязательно"),
    ({"disability_since": TODAY + timedelta(days=1)}, "disability_since", "в будущем"),
    ({"disability_since": date(2000, 1, 1)}, "disability_since", "раньше, чем «Дата рождения»"),
    ({"disability_until": TODAY - timedelta(days=300)}, "disability_until",
     "раньше, чем «Дата установления инвалидности»"),
    ({"disability_until": add_years(TODAY, 14)}, "disability_until", "не дольше чем до 18 лет"),
    ({"ipra_term": "3y"}, "ipra_term", "«Срок ИПРА»"),
    ({"ipra_term": None}, "ipra_term", "«Срок ИПРА» обязательно"),
    ({"ipra_date": TODAY + timedelta(days=1)}, "ipra_date", "в будущем"),
    ({"ipra_date": date(2001, 1, 1)}, "ipra_date", "раньше, чем «Дата рождения»"),
    ({"ipra_date": None}, "ipra_date", "«Дата ИПРА» обязательно"),
    ({"ipra_number": None}, "ipra_number", "«№ ИПРА» обязательно"),
    ({"ipra_until": TODAY - timedelta(days=31)}, "ipra_until", "«ИПРА действует до»"),
    ({"health_group": 0}, "health_group", "«Группа здоровья»: ожидается число от 1 до 5"),
    ({"health_group": 6}, "health_group", "«Группа здоровья»: ожидается число от 1 до 5"),
])
def test_disability_and_ipra_rules(database, world, overrides, field, fragment):
    family = _family(database, world)
    errors = _refused(database, world, family.child_id, _disabled(**overrides))
    assert field in errors
    assert fragment in errors[field]


@pytest.mark.parametrize("field", list(LIMITATION_LABELS))
@pytest.mark.parametrize("value", [-1, 4])
def test_limitation_degree_is_0_to_3(database, world, field, value):
    family = _family(database, world)
    errors = _refused(database, world, family.child_id, _disabled(**{field: value}))
    assert set(errors) == {field}
    assert f"«{LIMITATION_LABELS[field]}»: ожидается число от 0 до 3" in errors[field]


def test_limitation_labels_name_the_seven_life_activities():
    assert list(LIMITATION_LABELS.values()) == [
        "Самообслуживание", "Передвижение", "Ориентация", "Общение", "Контроль поведения", "Обучение",
        "Трудовая деятельность"]


def test_every_limitation_and_health_group_bound_is_accepted(database, world):
    family = _family(database, world)
    with database.write() as session:
        save_child_profile(session, world.specialist, family.child_id,
                           _disabled(**dict.fromkeys(LIMITATION_LABELS, 3), health_group=5))
    with database.write() as session:
        save_child_profile(session, world.specialist, family.child_id,
                           _disabled(**dict.fromkeys(LIMITATION_LABELS, 0), health_group=1))
    with database.write() as session:
        loaded = load_child_profile(session, world.coordinator, family.child_id)
    assert [getattr(loaded, name) for name in LIMITATION_LABELS] == [0] * 7 and loaded.health_group == 1


@pytest.mark.parametrize("age", [1, 5, 7])
def test_early_help_for_children_under_8(database, world, age):
    family = _family(database, world, child_age=age)
    with database.write() as session:
        save_child_profile(session, world.specialist, family.child_id, ChildProfileData(early_help_needed=True))
    with database.write() as session:
        assert load_child_profile(session, world.coordinator, family.child_id).early_help_needed is True


@pytest.mark.parametrize("age", [8, 12])
def test_early_help_refused_from_8_years(database, world, age):
    family = _family(database, world, child_age=age)
    errors = _refused(database, world, family.child_id, ChildProfileData(early_help_needed=True))
    assert set(errors) == {"early_help_needed"}
    assert "«Нуждается в ранней помощи»" in errors["early_help_needed"]


def test_ovz_needs_pmpk_number_and_date(database, world):
    family = _family(database, world)
    errors = _refused(database, world, family.child_id, ChildProfileData(has_ovz=True))
    assert set(errors) == {"pmpk_number", "pmpk_date"}
    assert "ПМПК" in errors["pmpk_number"] and "ПМПК" in errors["pmpk_date"]
    errors = _refused(database, world, family.child_id, ChildProfileData(has_ovz=True, pmpk_number="17"))
    assert set(errors) == {"pmpk_date"}


@pytest.mark.parametrize(("pmpk_date", "fragment"), [
    (TODAY + timedelta(days=1), "в будущем"), (date(2005, 1, 1), "раньше, чем «Дата рождения»")])
def test_pmpk_date_is_past_and_after_birth(database, world, pmpk_date, fragment):
    family = _family(database, world)
    errors = _refused(database, world, family.child_id,
                      ChildProfileData(has_ovz=True, pmpk_number="17", pmpk_date=pmpk_date))
    assert fragment in errors["pmpk_date"]


def test_ovz_with_pmpk_is_saved(database, world):
    family = _family(database, world)
    data = ChildProfileData(has_ovz=True, pmpk_number=" 17/2025 ", pmpk_date=TODAY - timedelta(days=3),
                            pmpk_conclusion="Обучение по АООП НОО для обучающихся с ТНР")
    with database.write() as session:
        save_child_profile(session, world.specialist, family.child_id, data)
    with database.write() as session:
        assert load_child_profile(session, world.coordinator, family.child_id) == replace(data, pmpk_number="17/2025")


def test_all_errors_are_reported_together(database, world):
    family = _family(database, world, child_age=10)
    data = _disabled(lim_work=7, health_group=9, early_help_needed=True, has_ovz=True,
                     disability_since=TODAY + timedelta(days=2))
    errors = _refused(database, world, family.child_id, data)
    assert {"lim_work", "health_group", "early_help_needed", "pmpk_number", "pmpk_date",
            "disability_since"} <= set(errors)


def test_administrator_cannot_edit_a_child_profile(database, world):
    family = _family(database, world)
    with database.write() as session, pytest.raises(PermissionDenied):
        save_child_profile(session, world.admin, family.child_id, _disabled())
    assert _profiles(database, family.child_id) == 0


def test_deleted_person_gets_no_profile(database, world):
    family = _family(database, world)
    from app.registry.persons import delete_person

    with database.write() as session:
        delete_person(session, world.specialist, family.child_id)
    with database.write() as session, pytest.raises(NotFound):
        save_child_profile(session, world.specialist, family.child_id, _disabled())


# --- diagnoses ---------------------------------------------------------------------------------

def _diagnoses(database, person_id):
    with database.write() as session:
        return list_diagnoses(session, system_actor("test"), person_id)


def test_add_diagnosis_normalises_the_icd10_code(database, world):
    family = _family(database, world)
    with database.write() as session:
        saved = add_diagnosis(session, world.specialist, family.child_id,
                              DiagnosisData(" f84,0 ", "Детский аутизм", True, date(TODAY.year - 1, 6, 1)))
    assert saved.changes == frozenset({"persons"})
    [row] = _diagnoses(database, family.child_id)
    assert (row.id, row.icd_code, row.title, row.is_main, row.diagnosed_on) == (
        saved.id, "F84.0", "Детский аутизм", True, date(TODAY.year - 1, 6, 1))
    assert audit_entries(database, "diagnosis") == [("create", "diagnosed_on,icd_code,is_main,title")]


def test_cyrillic_look_alike_letter_in_the_code_is_mapped(database, world):
    family = _family(database, world)
    with database.write() as session:
        add_diagnosis(session, world.specialist, family.child_id, DiagnosisData("Н90.3"))
    assert [row.icd_code for row in _diagnoses(database, family.child_id)] == ["H90.3"]


@pytest.mark.parametrize(("data", "field", "fragment"), [
    (DiagnosisData("84.0"), "icd_code", "«Код МКБ-10»: ожидается код вида F84.0"),
    (DiagnosisData(None), "icd_code", "«Код МКБ-10» обязательно"),
    (DiagnosisData("F84.0", diagnosed_on=TODAY + timedelta(days=1)), "diagnosed_on", "в будущем"),
    (DiagnosisData("F84.0", diagnosed_on=date(2003, 1, 1)), "diagnosed_on", "раньше, чем «Дата рождения»"),
    (DiagnosisData("F84.0", "х" * 301), "title", "«Диагноз»: не длиннее 300"),
])
def test_diagnosis_rules(database, world, data, field, fragment):
    family = _family(database, world)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_diagnosis(session, world.specialist, family.child_id, data)
    assert fragment in caught.value.errors[field]
    assert _diagnoses(database, family.child_id) == []


def test_only_one_main_diagnosis(database, world):
    family = _family(database, world)
    with database.write() as session:
        first = add_diagnosis(session, world.specialist, family.child_id,
                              DiagnosisData("F84.0", "Детский аутизм", True, date(2024, 1, 1))).id
        second = add_diagnosis(session, world.specialist, family.child_id,
                               DiagnosisData("G80.1", "Спастическая диплегия", True, date(2023, 1, 1))).id
        add_diagnosis(session, world.specialist, family.child_id, DiagnosisData("H52.1", "Миопия"))
    rows = _diagnoses(database, family.child_id)
    assert [(row.icd_code, row.is_main) for row in rows] == [("G80.1", True), ("F84.0", False), ("H52.1", False)]
    with database.write() as session:
        update_diagnosis(session, world.specialist, first, DiagnosisData("F84.0", "Детский аутизм", True,
                                                                         date(2024, 1, 1)))
    rows = _diagnoses(database, family.child_id)
    assert [(row.id, row.is_main) for row in rows[:2]] == [(first, True), (second, False)]
    assert sum(row.is_main for row in rows) == 1
    assert ("update", "is_main") in audit_entries(database, "diagnosis")


def test_update_and_delete_diagnosis(database, world):
    family = _family(database, world)
    with database.write() as session:
        diagnosis_id = add_diagnosis(session, world.specialist, family.child_id, DiagnosisData("F80.1")).id
    with database.write() as session:
        saved = update_diagnosis(session, world.specialist, diagnosis_id,
                                 DiagnosisData("F80.1", "Расстройство экспрессивной речи"))
    assert saved.changes == frozenset({"persons"})
    assert [row.title for row in _diagnoses(database, family.child_id)] == ["Расстройство экспрессивной речи"]
    with database.write() as session:
        delete_diagnosis(session, world.specialist, diagnosis_id)
    assert _diagnoses(database, family.child_id) == []
    with database.read() as session:
        assert session.get(Diagnosis, diagnosis_id).deleted_at is not None
    with database.write() as session, pytest.raises(NotFound):
        update_diagnosis(session, world.specialist, diagnosis_id, DiagnosisData("F80.1"))
    assert [action for action, _ in audit_entries(database, "diagnosis")] == ["create", "update", "delete"]


def test_bad_update_leaves_the_diagnosis_as_it_was(database, world):
    family = _family(database, world)
    with database.write() as session:
        diagnosis_id = add_diagnosis(session, world.specialist, family.child_id, DiagnosisData("F80.1", "Речь")).id
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_diagnosis(session, world.specialist, diagnosis_id, DiagnosisData("ZZZ", "Другое"))
    assert "icd_code" in caught.value.errors
    assert [(row.icd_code, row.title) for row in _diagnoses(database, family.child_id)] == [("F80.1", "Речь")]


def test_administrator_cannot_edit_diagnoses(database, world):
    family = _family(database, world)
    with database.write() as session, pytest.raises(PermissionDenied):
        add_diagnosis(session, world.admin, family.child_id, DiagnosisData("F84.0"))
    with database.write() as session:
        diagnosis_id = add_diagnosis(session, world.specialist, family.child_id, DiagnosisData("F84.0")).id
    with database.write() as session, pytest.raises(PermissionDenied):
        delete_diagnosis(session, world.admin, diagnosis_id)
    assert len(_diagnoses(database, family.child_id)) == 1
