"""Support cases (сопровождение, ИППСУ, …) through the services; their plan rows are in test_plan_items."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from app.cases.cases import close_case, delete_case, open_case, open_case_count, update_case
from app.cases.plan_items import PlanItemData
from app.core.errors import NotFound, PermissionDenied, ValidationError
from db.models import SupportCase, case_grounds
from tests.app.assessment_setup import add_closing_assessment
from tests.app.case_setup import OPENED, add_plan_row, case_data, family_cases, open_new_case, retire_staff
from tests.app.family_setup import TODAY, MotherAndChild, audit_entries, mother_and_child


def _refused(database, world, family: MotherAndChild, kind: str = "social_support", **overrides) -> dict[str, str]:
    with database.write() as session, pytest.raises(ValidationError) as caught:
        open_case(session, world.specialist, case_data(session, world, family, kind, **overrides))
    assert family_cases(database, family) == []
    with database.read() as session:
        assert session.execute(select(case_grounds)).all() == []
    return caught.value.errors


def test_open_case_and_list_it(database, world):
    family = mother_and_child(database, world)
    with database.write() as session:
        data = case_data(session, world, family)
        saved = open_case(session, world.specialist, data)
        adaptation, no_work = data.ground_ids
    assert saved.changes == frozenset({"cases", "families"})
    [row] = family_cases(database, family)
    assert (row.id, row.kind_code, row.kind_name, row.number, row.child_person_id, row.child_name) == (
        saved.id, "social_support", "Соц. сопровождение", "12/2024", family.child_id, "Белова Дарья Павловна")
    assert (row.opened_on, row.closed_on, row.responsible_staff_id, row.responsible_name) == (
        OPENED, None, world.psychologist_id, "Смирнова О.И.")
    assert row.review_due_on is None and row.notes == "Первичный приём" and row.is_open
    assert row.ground_ids == (adaptation, no_work) and row.plan == ()
    with database.read() as session:
        assert set(session.execute(select(case_grounds.c.ground_id)
                                   .where(case_grounds.c.case_id == saved.id)).scalars()) == {adaptation, no_work}
        assert open_case_count(session, family.id) == 1
        assert open_case_count(session) == 1
    [(action, fields)] = audit_entries(database, "support_case")
    assert action == "create" and {"ground_ids", "opened_on", "kind_id"} <= set(fields.split(","))


def test_ippsu_review_defaults_to_three_years(database, world):
    family = mother_and_child(database, world)
    open_new_case(database, world, family, "ippsu")
    assert family_cases(database, family)[0].review_due_on == date(2027, 3, 1)


def test_ippsu_review_may_be_earlier_but_not_later_than_three_years(database, world):
    family = mother_and_child(database, world)
    errors = _refused(database, world, family, "ippsu", review_due_on=date(2027, 3, 2))
    assert "не реже раза в 3 года" in errors["review_due_on"] and "01.03.2027" in errors["review_due_on"]
    errors = _refused(database, world, family, "ippsu", review_due_on=date(2024, 2, 1))
    assert "раньше, чем «Дата начала»" in errors["review_due_on"]
    open_new_case(database, world, family, "ippsu", review_due_on=date(2026, 3, 1))
    assert family_cases(database, family)[0].review_due_on == date(2026, 3, 1)


def test_other_kinds_get_no_review_date_by_default(database, world):
    family = mother_and_child(database, world)
    open_new_case(database, world, family, "rehab_course")
    assert family_cases(database, family)[0].review_due_on is None


@pytest.mark.parametrize(("overrides", "field", "fragment"), [
    ({"opened_on": None}, "opened_on", "«Дата начала» обязательно"),
    ({"opened_on": TODAY + timedelta(days=1)}, "opened_on", "в будущем"),
    ({"closed_on": OPENED - timedelta(days=1), "closing_reason_id": "goals_achieved"}, "closed_on",
     "раньше, чем «Дата начала»"),
    ({"closed_on": TODAY + timedelta(days=1), "closing_reason_id": "goals_achieved"}, "closed_on", "в будущем"),
    ({"closed_on": date(2024, 9, 1)}, "closing_reason_id", "«Причина закрытия» обязательно"),
    ({"closing_reason_id": "goals_achieved"}, "closed_on", "«Дата закрытия» обязательно"),
    ({"number": "№" * 41}, "number", "«Номер»: не длиннее 40"),
    ({"family_id": None}, "family_id", "«Семья» обязательно"),
])
def test_case_rules(database, world, overrides, field, fragment):
    family = mother_and_child(database, world)
    overrides = dict(overrides)  # the parameter is shared by both backends' runs
    with database.read() as session:
        if "closing_reason_id" in overrides:
            overrides["closing_reason_id"] = world.code(session, "case_closing_reason", overrides["closing_reason_id"])
    errors = _refused(database, world, family, **overrides)
    assert fragment in errors[field]


def test_kind_closing_reason_and_grounds_come_from_their_dictionaries(database, world):
    family = mother_and_child(database, world)
    with database.read() as session:
        wrong = world.code(session, "agency", "police")
    errors = _refused(database, world, family, kind_id=wrong, ground_ids=[wrong], closed_on=date(2024, 9, 1),
                      closing_reason_id=wrong)
    assert "«Вид сопровождения»" in errors["kind_id"]
    assert "«Основания нуждаемости»" in errors["ground_ids"]
    assert "«Причина закрытия»" in errors["closing_reason_id"]
    errors = _refused(database, world, family, kind_id=None)
    assert "«Вид сопровождения» обязательно" in errors["kind_id"]


def test_child_must_be_a_member_of_the_family(database, world):
    family = mother_and_child(database, world)
    other = mother_and_child(database, world, "Зайцева")
    errors = _refused(database, world, family, child_person_id=other.child_id)
    assert "«Ребёнок»: выберите члена этой семьи" in errors["child_person_id"]


def test_responsible_specialist_must_be_working(database, world):
    family = mother_and_child(database, world)
    retire_staff(database, world.speech_therapist_id)
    errors = _refused(database, world, family, responsible_staff_id=world.speech_therapist_id)
    assert "«Ответственный специалист»: сотрудник больше не работает" in errors["responsible_staff_id"]


def test_case_of_a_specialist_who_left_can_still_be_edited(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    retire_staff(database, world.psychologist_id)
    with database.write() as session:
        update_case(session, world.specialist, case_id, case_data(session, world, family, notes="Уточнено"))
    assert family_cases(database, family)[0].notes == "Уточнено"


def test_update_case_replaces_grounds_and_audits_names(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    with database.write() as session:
        conflict = world.code(session, "need_ground", "family_conflict")
        adaptation = world.code(session, "need_ground", "child_adaptation_difficulties")
        saved = update_case(session, world.coordinator, case_id, case_data(
            session, world, family, ground_ids=[conflict, adaptation, conflict], number="12/2024-А",
            responsible_staff_id=world.speech_therapist_id))
    assert saved.changes == frozenset({"cases", "families"})
    [row] = family_cases(database, family)
    assert set(row.ground_ids) == {conflict, adaptation} and len(row.ground_ids) == 2
    assert (row.number, row.responsible_staff_id) == ("12/2024-А", world.speech_therapist_id)
    assert audit_entries(database, "support_case")[-1] == ("update", "ground_ids,number,responsible_staff_id")
    with database.write() as session:
        unchanged = update_case(session, world.specialist, case_id, case_data(
            session, world, family, ground_ids=[adaptation, conflict], number="12/2024-А",
            responsible_staff_id=world.speech_therapist_id))
    assert unchanged.changes == frozenset()


def test_case_cannot_move_to_another_family(database, world):
    family = mother_and_child(database, world)
    other = mother_and_child(database, world, "Зайцева")
    case_id = open_new_case(database, world, family)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_case(session, world.specialist, case_id,
                    case_data(session, world, family, family_id=other.id, child_person_id=None))
    assert "другую семью" in caught.value.errors["family_id"]
    assert len(family_cases(database, family)) == 1 and family_cases(database, other) == []


def test_bad_update_changes_nothing(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    with database.write() as session, pytest.raises(ValidationError):
        update_case(session, world.specialist, case_id, case_data(
            session, world, family, notes="Новое", ground_ids=[world.code(session, "need_ground", "family_conflict")],
            opened_on=TODAY + timedelta(days=3)))
    [row] = family_cases(database, family)
    assert row.notes == "Первичный приём" and len(row.ground_ids) == 2


def test_close_case(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    with database.read() as session:
        reason = world.code(session, "case_closing_reason", "goals_achieved")
    for closed_on, reason_id, field, fragment in (
        (None, reason, "closed_on", "«Дата закрытия» обязательно"),
        (OPENED - timedelta(days=1), reason, "closed_on", "раньше, чем «Дата начала»"),
        (TODAY + timedelta(days=1), reason, "closed_on", "в будущем"),
        (date(2024, 12, 20), None, "closing_reason_id", "«Причина закрытия» обязательно"),
    ):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            close_case(session, world.specialist, case_id, closed_on, reason_id)
        assert fragment in caught.value.errors[field]
    assert family_cases(database, family)[0].is_open
    with database.write() as session, pytest.raises(ValidationError) as caught:
        close_case(session, world.specialist, case_id, date(2024, 12, 20), reason)
    assert "итоговую оценку" in caught.value.errors["closing_reason_id"]  # «цели достигнуты» must be measured (#17)
    with database.write() as session:
        add_closing_assessment(session, case_id, world.psychologist_id, date(2024, 12, 19))
        saved = close_case(session, world.specialist, case_id, date(2024, 12, 20), reason)
    assert saved.changes == frozenset({"cases", "families"})
    [row] = family_cases(database, family)
    assert (row.closed_on, row.closing_reason_id, row.is_open) == (date(2024, 12, 20), reason, False)
    assert row.closing_reason_name.startswith("Цели сопровождения достигнуты")
    with database.read() as session:
        assert open_case_count(session, family.id) == 0
    with database.write() as session, pytest.raises(ValidationError) as caught:
        close_case(session, world.specialist, case_id, date(2024, 12, 21), reason)
    assert "уже закрыто 20.12.2024" in caught.value.errors["closed_on"]
    assert audit_entries(database, "support_case")[-1] == ("update", "closed_on,closing_reason_id")


def test_reopen_by_update_without_closing_date(database, world):
    family = mother_and_child(database, world)
    with database.read() as session:
        reason = world.code(session, "case_closing_reason", "family_moved")
    case_id = open_new_case(database, world, family, closed_on=date(2024, 6, 1), closing_reason_id=reason)
    with database.write() as session:
        update_case(session, world.specialist, case_id, case_data(session, world, family))
    [row] = family_cases(database, family)
    assert row.is_open and row.closing_reason_id is None


def test_delete_case(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    with database.write() as session:
        delete_case(session, world.specialist, case_id)
    assert family_cases(database, family) == []
    with database.read() as session:
        assert session.get(SupportCase, case_id).deleted_at is not None
        assert open_case_count(session, family.id) == 0
    with database.write() as session, pytest.raises(NotFound):
        update_case(session, world.specialist, case_id, case_data(session, world, family))


def test_cases_are_listed_open_first_then_latest_opened(database, world):
    family = mother_and_child(database, world)
    with database.read() as session:
        reason = world.code(session, "case_closing_reason", "goals_achieved")
    old = open_new_case(database, world, family, opened_on=date(2023, 1, 10))
    closed = open_new_case(database, world, family, opened_on=date(2024, 9, 1))
    with database.write() as session:
        add_closing_assessment(session, closed, world.psychologist_id, date(2024, 12, 1))
        close_case(session, world.specialist, closed, date(2024, 12, 1), reason)
    recent = open_new_case(database, world, family, "rehab_course", opened_on=date(2025, 1, 5),
                           responsible_staff_id=None, child_person_id=None)
    rows = family_cases(database, family)
    assert [row.id for row in rows] == [recent, old, closed]
    assert rows[0].responsible_name is None and rows[0].child_name is None
    with database.read() as session:
        assert open_case_count(session, family.id) == 2


def test_open_case_count_skips_deleted_families(database, world):
    family = mother_and_child(database, world)
    other = mother_and_child(database, world, "Зайцева")
    open_new_case(database, world, family)
    open_new_case(database, world, other, child_person_id=other.child_id)
    from app.registry.families import delete_family

    with database.write() as session:
        delete_family(session, world.specialist, other.id)
    with database.read() as session:
        assert open_case_count(session) == 1
        assert open_case_count(session, family.id) == 1


def test_administrator_cannot_edit_cases(database, world):
    family = mother_and_child(database, world)
    with database.write() as session, pytest.raises(PermissionDenied):
        open_case(session, world.admin, case_data(session, world, family))
    case_id = open_new_case(database, world, family)
    with database.read() as session:
        reason = world.code(session, "case_closing_reason", "goals_achieved")
    with database.write() as session, pytest.raises(PermissionDenied):
        close_case(session, world.admin, case_id, date(2024, 5, 1), reason)
    with database.write() as session, pytest.raises(PermissionDenied):
        delete_case(session, world.admin, case_id)
    assert family_cases(database, family)[0].is_open


def test_list_cases_takes_three_queries_whatever_the_number_of_cases(database, world):
    family = mother_and_child(database, world)
    for opened in (date(2023, 1, 1), date(2023, 6, 1), date(2024, 1, 1)):
        case_id = open_new_case(database, world, family, opened_on=opened)
        for measure in ("Первое", "Второе"):
            add_plan_row(database, world, case_id, PlanItemData(measure, executor_staff_id=world.psychologist_id))
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        rows = family_cases(database, family)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert len(rows) == 3 and all(len(row.plan) == 2 and len(row.ground_ids) == 2 for row in rows)
    assert len(statements) == 3


def test_early_help_programme_only_for_a_child_under_three(database, world) -> None:
    """ИПРП is refused for a child aged 3 or more at opening, with a message naming the field."""
    from app.cases.cases import CaseData
    from app.registry.families import FamilyData, MemberData, NewFamily, register_family
    from app.registry.persons import PersonData
    from db.models import FamilyMember, Person

    with database.write() as session:
        members = [MemberData(world.code(session, "member_role", "child"), False,
                              person=PersonData("Ёлкина", first, None, "F", born))
                   for first, born in (("Алиса", date(2023, 5, 10)), ("Вера", date(2022, 1, 15)))]
        family_id = register_family(session, world.coordinator, NewFamily(
            FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 1)), members, [])).id
        ids = dict(session.execute(select(Person.first_name, Person.id).join(
            FamilyMember, FamilyMember.person_id == Person.id).where(FamilyMember.family_id == family_id)).all())
        iprp = world.code(session, "case_kind", "iprp")
        opened = open_case(session, world.coordinator, CaseData(family_id=family_id, kind_id=iprp,
                                                                 opened_on=date(2026, 1, 20),
                                                                 child_person_id=ids["Алиса"]))
        assert opened.id is not None  # 2 years 8 months: early help
    for child, message in ((ids["Вера"], "до 3 лет, а на 20.01.2026 ребёнку 4 года"), (None, "выберите ребёнка")):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            open_case(session, world.coordinator, CaseData(family_id=family_id, kind_id=iprp,
                                                           opened_on=date(2026, 1, 20), child_person_id=child))
        assert "Поле «Ребёнок»" in caught.value.errors["child_person_id"]
        assert message in caught.value.errors["child_person_id"]
