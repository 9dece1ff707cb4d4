"""Support cases (сопровождение, ИППСУ, …) and their plan rows through the services."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from app.cases import (
    CaseData,
    PlanItemData,
    add_plan_item,
    close_case,
    delete_case,
    delete_plan_item,
    list_cases,
    mark_plan_item_done,
    open_case,
    open_case_count,
    update_case,
    update_plan_item,
)
from app.errors import NotFound, PermissionDenied, ValidationError
from app.families import FamilyData, MemberData, NewFamily, register_family
from app.persons import PersonData
from db.models import AuditEntry, FamilyMember, Person, PlanItem, Service, Staff, SupportCase, case_grounds

TODAY = date.today()
OPENED = date(2024, 3, 1)


@dataclass(frozen=True)
class Family:
    id: object
    mother_id: object
    child_id: object


def _family(database, world, last_name: str = "Белова") -> Family:
    with database.write() as session:
        role = {code: world.code(session, "member_role", code) for code in ("mother", "child")}
        data = NewFamily(FamilyData(office_id=world.office_id, registered_on=date(2024, 1, 10)), [
            MemberData(role["mother"], True, person=PersonData(last_name, "Ирина", "Сергеевна", "F",
                                                               date(1990, 2, 3))),
            MemberData(role["child"], False, person=PersonData(last_name, "Дарья", "Павловна", "F",
                                                               date(2019, 5, 6))),
        ])
        family_id = register_family(session, world.specialist, data).id
        ids = dict(session.execute(
            select(Person.first_name, Person.id).join(FamilyMember, FamilyMember.person_id == Person.id)
            .where(FamilyMember.family_id == family_id)).all())
    return Family(family_id, ids["Ирина"], ids["Дарья"])


def _case(session, world, family: Family, kind: str = "social_support", **overrides) -> CaseData:
    values = {
        "family_id": family.id,
        "kind_id": world.code(session, "case_kind", kind),
        "number": " 12/2024 ",
        "child_person_id": family.child_id,
        "opened_on": OPENED,
        "responsible_staff_id": world.psychologist_id,
        "notes": "Первичный приём",
        "ground_ids": [world.code(session, "need_ground", "child_adaptation_difficulties"),
                       world.code(session, "need_ground", "no_work_no_means")],
    }
    return CaseData(**(values | overrides))


def _open(database, world, family: Family, kind: str = "social_support", **overrides):
    with database.write() as session:
        return open_case(session, world.specialist, _case(session, world, family, kind, **overrides)).id


def _cases(database, family: Family, today: date | None = None):
    with database.read() as session:
        return list_cases(session, family.id, today)


def _refused(database, world, family: Family, kind: str = "social_support", **overrides) -> dict[str, str]:
    with database.write() as session, pytest.raises(ValidationError) as caught:
        open_case(session, world.specialist, _case(session, world, family, kind, **overrides))
    assert _cases(database, family) == []
    with database.read() as session:
        assert session.execute(select(case_grounds)).all() == []
    return caught.value.errors


def _audit(database, entity: str) -> list[tuple[str, str]]:
    with database.read() as session:
        return [tuple(row) for row in session.execute(
            select(AuditEntry.action, AuditEntry.fields).where(AuditEntry.entity == entity)
            .order_by(AuditEntry.id))]


def _retire(database, staff_id) -> None:
    with database.write() as session:
        session.get(Staff, staff_id).active = False


# --- cases -------------------------------------------------------------------------------------

def test_open_case_and_list_it(database, world):
    family = _family(database, world)
    with database.write() as session:
        data = _case(session, world, family)
        saved = open_case(session, world.specialist, data)
        adaptation, no_work = data.ground_ids
    assert saved.changes == frozenset({"cases", "families"})
    [row] = _cases(database, family)
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
    [(action, fields)] = _audit(database, "support_case")
    assert action == "create" and {"ground_ids", "opened_on", "kind_id"} <= set(fields.split(","))


def test_ippsu_review_defaults_to_three_years(database, world):
    family = _family(database, world)
    _open(database, world, family, "ippsu")
    assert _cases(database, family)[0].review_due_on == date(2027, 3, 1)


def test_ippsu_review_may_be_earlier_but_not_later_than_three_years(database, world):
    family = _family(database, world)
    errors = _refused(database, world, family, "ippsu", review_due_on=date(2027, 3, 2))
    assert "не реже раза в 3 года" in errors["review_due_on"] and "01.03.2027" in errors["review_due_on"]
    errors = _refused(database, world, family, "ippsu", review_due_on=date(2024, 2, 1))
    assert "раньше, чем «Дата начала»" in errors["review_due_on"]
    _open(database, world, family, "ippsu", review_due_on=date(2026, 3, 1))
    assert _cases(database, family)[0].review_due_on == date(2026, 3, 1)


def test_other_kinds_get_no_review_date_by_default(database, world):
    family = _family(database, world)
    _open(database, world, family, "rehab_course")
    assert _cases(database, family)[0].review_due_on is None


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
    family = _family(database, world)
    overrides = dict(overrides)  # the parameter is shared by both backends' runs
    with database.read() as session:
        if "closing_reason_id" in overrides:
            overrides["closing_reason_id"] = world.code(session, "case_closing_reason", overrides["closing_reason_id"])
    errors = _refused(database, world, family, **overrides)
    assert fragment in errors[field]


def test_kind_closing_reason_and_grounds_come_from_their_dictionaries(database, world):
    family = _family(database, world)
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
    family = _family(database, world)
    other = _family(database, world, "Зайцева")
    errors = _refused(database, world, family, child_person_id=other.child_id)
    assert "«Ребёнок»: выберите члена этой семьи" in errors["child_person_id"]


def test_responsible_specialist_must_be_working(database, world):
    family = _family(database, world)
    _retire(database, world.speech_therapist_id)
    errors = _refused(database, world, family, responsible_staff_id=world.speech_therapist_id)
    assert "«Ответственный специалист»: сотрудник больше не работает" in errors["responsible_staff_id"]


def test_case_of_a_specialist_who_left_can_still_be_edited(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    _retire(database, world.psychologist_id)
    with database.write() as session:
        update_case(session, world.specialist, case_id, _case(session, world, family, notes="Уточнено"))
    assert _cases(database, family)[0].notes == "Уточнено"


def test_update_case_replaces_grounds_and_audits_names(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    with database.write() as session:
        conflict = world.code(session, "need_ground", "family_conflict")
        adaptation = world.code(session, "need_ground", "child_adaptation_difficulties")
        saved = update_case(session, world.coordinator, case_id, _case(
            session, world, family, ground_ids=[conflict, adaptation, conflict], number="12/2024-А",
            responsible_staff_id=world.speech_therapist_id))
    assert saved.changes == frozenset({"cases", "families"})
    [row] = _cases(database, family)
    assert set(row.ground_ids) == {conflict, adaptation} and len(row.ground_ids) == 2
    assert (row.number, row.responsible_staff_id) == ("12/2024-А", world.speech_therapist_id)
    assert _audit(database, "support_case")[-1] == ("update", "ground_ids,number,responsible_staff_id")
    with database.write() as session:
        unchanged = update_case(session, world.specialist, case_id, _case(
            session, world, family, ground_ids=[adaptation, conflict], number="12/2024-А",
            responsible_staff_id=world.speech_therapist_id))
    assert unchanged.changes == frozenset()


def test_case_cannot_move_to_another_family(database, world):
    family = _family(database, world)
    other = _family(database, world, "Зайцева")
    case_id = _open(database, world, family)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        update_case(session, world.specialist, case_id,
                    _case(session, world, family, family_id=other.id, child_person_id=None))
    assert "другую семью" in caught.value.errors["family_id"]
    assert len(_cases(database, family)) == 1 and _cases(database, other) == []


def test_bad_update_changes_nothing(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    with database.write() as session, pytest.raises(ValidationError):
        update_case(session, world.specialist, case_id, _case(
            session, world, family, notes="Новое", ground_ids=[world.code(session, "need_ground", "family_conflict")],
            opened_on=TODAY + timedelta(days=3)))
    [row] = _cases(database, family)
    assert row.notes == "Первичный приём" and len(row.ground_ids) == 2


def test_close_case(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
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
    assert _cases(database, family)[0].is_open
    with database.write() as session:
        saved = close_case(session, world.specialist, case_id, date(2024, 12, 20), reason)
    assert saved.changes == frozenset({"cases", "families"})
    [row] = _cases(database, family)
    assert (row.closed_on, row.closing_reason_id, row.is_open) == (date(2024, 12, 20), reason, False)
    assert row.closing_reason_name.startswith("Цели сопровождения достигнуты")
    with database.read() as session:
        assert open_case_count(session, family.id) == 0
    with database.write() as session, pytest.raises(ValidationError) as caught:
        close_case(session, world.specialist, case_id, date(2024, 12, 21), reason)
    assert "уже закрыто 20.12.2024" in caught.value.errors["closed_on"]
    assert _audit(database, "support_case")[-1] == ("update", "closed_on,closing_reason_id")


def test_reopen_by_update_without_closing_date(database, world):
    family = _family(database, world)
    with database.read() as session:
        reason = world.code(session, "case_closing_reason", "family_moved")
    case_id = _open(database, world, family, closed_on=date(2024, 6, 1), closing_reason_id=reason)
    with database.write() as session:
        update_case(session, world.specialist, case_id, _case(session, world, family))
    [row] = _cases(database, family)
    assert row.is_open and row.closing_reason_id is None


def test_delete_case(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    with database.write() as session:
        delete_case(session, world.specialist, case_id)
    assert _cases(database, family) == []
    with database.read() as session:
        assert session.get(SupportCase, case_id).deleted_at is not None
        assert open_case_count(session, family.id) == 0
    with database.write() as session, pytest.raises(NotFound):
        update_case(session, world.specialist, case_id, _case(session, world, family))


def test_cases_are_listed_open_first_then_latest_opened(database, world):
    family = _family(database, world)
    with database.read() as session:
        reason = world.code(session, "case_closing_reason", "goals_achieved")
    old = _open(database, world, family, opened_on=date(2023, 1, 10))
    closed = _open(database, world, family, opened_on=date(2024, 9, 1), closed_on=date(2024, 12, 1),
                   closing_reason_id=reason)
    recent = _open(database, world, family, "iprp", opened_on=date(2025, 1, 5), responsible_staff_id=None,
                   child_person_id=None)
    rows = _cases(database, family)
    assert [row.id for row in rows] == [recent, old, closed]
    assert rows[0].responsible_name is None and rows[0].child_name is None
    with database.read() as session:
        assert open_case_count(session, family.id) == 2


def test_open_case_count_skips_deleted_families(database, world):
    family = _family(database, world)
    other = _family(database, world, "Зайцева")
    _open(database, world, family)
    _open(database, world, other, child_person_id=other.child_id)
    from app.families import delete_family

    with database.write() as session:
        delete_family(session, world.specialist, other.id)
    with database.read() as session:
        assert open_case_count(session) == 1
        assert open_case_count(session, family.id) == 1


def test_administrator_cannot_edit_cases(database, world):
    family = _family(database, world)
    with database.write() as session, pytest.raises(PermissionDenied):
        open_case(session, world.admin, _case(session, world, family))
    case_id = _open(database, world, family)
    with database.read() as session:
        reason = world.code(session, "case_closing_reason", "goals_achieved")
    with database.write() as session, pytest.raises(PermissionDenied):
        close_case(session, world.admin, case_id, date(2024, 5, 1), reason)
    with database.write() as session, pytest.raises(PermissionDenied):
        delete_case(session, world.admin, case_id)
    assert _cases(database, family)[0].is_open


# --- plan rows ---------------------------------------------------------------------------------

def _add_item(database, world, case_id, data: PlanItemData):
    with database.write() as session:
        return add_plan_item(session, world.specialist, case_id, data).id


def _plan(database, family: Family, today: date | None = None):
    return _cases(database, family, today)[0].plan


def _service_id(database):
    with database.read() as session:
        return session.execute(select(Service.id).order_by(Service.code).limit(1)).scalar()


def test_plan_rows_with_our_specialist_or_an_agency(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    service_id = _service_id(database)
    with database.read() as session:
        school = world.code(session, "agency", "education")
    first = _add_item(database, world, case_id, PlanItemData("Консультация педагога-психолога", service_id,
                                                             world.psychologist_id, due_on=date(2024, 4, 1)))
    with database.write() as session:
        saved = add_plan_item(session, world.specialist, case_id,
                              PlanItemData("Обследование в школе", executor_agency_id=school, due_on=date(2024, 5, 1)))
    assert saved.changes == frozenset({"cases"})
    plan = _plan(database, family)
    assert [(row.id, row.position, row.measure, row.executor_name) for row in plan] == [
        (first, 0, "Консультация педагога-психолога", "Смирнова О.И."),
        (saved.id, 1, "Обследование в школе", "Образование")]
    assert plan[0].service_id == service_id and plan[0].service_name
    assert plan[1].executor_agency_id == school and plan[1].executor_staff_id is None
    assert _audit(database, "plan_item")[0][0] == "create"


def test_plan_rows_are_frozen(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    _add_item(database, world, case_id, PlanItemData("Консультация", executor_staff_id=world.psychologist_id))
    [row] = _plan(database, family)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.measure = "Иное"  # type: ignore[misc]
    case_row = _cases(database, family)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        case_row.notes = "Иное"  # type: ignore[misc]


@pytest.mark.parametrize(("data", "field", "fragment"), [
    (PlanItemData(None, executor_staff_id="psychologist"), "measure", "«Мероприятие» обязательно"),
    (PlanItemData("  ", executor_staff_id="psychologist"), "measure", "«Мероприятие» обязательно"),
    (PlanItemData("Консультация"), "executor_staff_id", "укажите одного исполнителя"),
    (PlanItemData("Консультация", executor_staff_id="psychologist", executor_agency_id="education"),
     "executor_staff_id", "укажите одного исполнителя"),
    (PlanItemData("Консультация", executor_agency_id="mother"), "executor_agency_id", "«Ведомство-исполнитель»"),
    (PlanItemData("Консультация", executor_staff_id="psychologist", due_on=OPENED - timedelta(days=1)), "due_on",
     "с 01.03.2024"),
    (PlanItemData("Консультация", executor_staff_id="psychologist", due_on=date(2029, 3, 2)), "due_on",
     "по 01.03.2029"),
    (PlanItemData("Консультация", executor_staff_id="psychologist", position=-1), "position",
     "«Порядковый номер»"),
])
def test_plan_row_rules(database, world, data, field, fragment):
    family = _family(database, world)
    case_id = _open(database, world, family)
    with database.read() as session:
        data = replace(
            data,
            executor_staff_id=world.psychologist_id if data.executor_staff_id else None,
            executor_agency_id=(world.code(session, "agency", "education") if data.executor_agency_id == "education"
                                else world.code(session, "member_role", "mother") if data.executor_agency_id
                                else None))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_plan_item(session, world.specialist, case_id, data)
    assert fragment in caught.value.errors[field]
    assert _plan(database, family) == ()


def test_due_date_bounds_are_accepted(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    for due_on in (OPENED, date(2029, 3, 1)):
        _add_item(database, world, case_id, PlanItemData("Мероприятие", executor_staff_id=world.psychologist_id,
                                                         due_on=due_on))
    assert [row.due_on for row in _plan(database, family)] == [OPENED, date(2029, 3, 1)]


def test_executor_must_be_a_working_specialist_unless_already_chosen(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    item_id = _add_item(database, world, case_id, PlanItemData("Занятия", executor_staff_id=world.psychologist_id))
    _retire(database, world.psychologist_id)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_plan_item(session, world.specialist, case_id, PlanItemData("Ещё", executor_staff_id=world.psychologist_id))
    assert "больше не работает" in caught.value.errors["executor_staff_id"]
    with database.write() as session:
        update_plan_item(session, world.specialist, item_id,
                         PlanItemData("Занятия с логопедом", executor_staff_id=world.psychologist_id))
    assert [row.measure for row in _plan(database, family)] == ["Занятия с логопедом"]


def test_update_plan_row_and_positions(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    first = _add_item(database, world, case_id, PlanItemData("Первое", executor_staff_id=world.psychologist_id))
    second = _add_item(database, world, case_id, PlanItemData("Второе", executor_staff_id=world.psychologist_id))
    with database.write() as session:
        saved = update_plan_item(session, world.specialist, first,
                                 PlanItemData("Первое", executor_staff_id=world.speech_therapist_id, position=5))
    assert saved.changes == frozenset({"cases"})
    plan = _plan(database, family)
    assert [(row.id, row.position, row.executor_name) for row in plan] == [
        (second, 1, "Смирнова О.И."), (first, 5, "Кузнецова А.П.")]
    with database.write() as session:
        unchanged = update_plan_item(session, world.specialist, first,
                                     PlanItemData("Первое", executor_staff_id=world.speech_therapist_id))
    assert unchanged.changes == frozenset() and _plan(database, family)[1].position == 5
    assert _audit(database, "plan_item")[-1] == ("update", "executor_staff_id,position")


def test_mark_done_and_overdue(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    late = _add_item(database, world, case_id, PlanItemData("Просрочено", executor_staff_id=world.psychologist_id,
                                                            due_on=date(2024, 4, 1)))
    done = _add_item(database, world, case_id, PlanItemData("Выполнено", executor_staff_id=world.psychologist_id,
                                                            due_on=date(2024, 4, 1)))
    _add_item(database, world, case_id, PlanItemData("Без срока", executor_staff_id=world.psychologist_id))
    ahead = _add_item(database, world, case_id, PlanItemData("Впереди", executor_staff_id=world.psychologist_id,
                                                             due_on=date(2024, 6, 1)))
    for day, fragment in ((TODAY + timedelta(days=1), "в будущем"), (OPENED - timedelta(days=1), "раньше")):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            mark_plan_item_done(session, world.specialist, done, day, "Проведено")
        assert fragment in caught.value.errors["done_on"]
    with database.write() as session:
        saved = mark_plan_item_done(session, world.specialist, done, date(2024, 3, 28), "  Проведено 3 занятия ")
    assert saved.changes == frozenset({"cases"})
    plan = {row.id: row for row in _plan(database, family, today=date(2024, 5, 1))}
    assert (plan[done].done_on, plan[done].done_note, plan[done].is_overdue) == (
        date(2024, 3, 28), "Проведено 3 занятия", False)
    assert [row.measure for row in plan.values() if row.is_overdue] == ["Просрочено"]
    assert _cases(database, family, today=date(2024, 5, 1))[0].overdue_count == 1
    assert plan[ahead].is_overdue is False and plan[late].is_overdue is True
    later = {row.id: row.is_overdue for row in _plan(database, family, today=date(2024, 6, 2))}
    assert later[ahead] is True and later[done] is False
    on_the_day = {row.id: row.is_overdue for row in _plan(database, family, today=date(2024, 4, 1))}
    assert on_the_day[late] is False
    with database.write() as session:
        mark_plan_item_done(session, world.specialist, done, None, "ignored")
    again = {row.id: row for row in _plan(database, family, today=date(2024, 5, 1))}
    assert (again[done].done_on, again[done].done_note, again[done].is_overdue) == (None, None, True)
    assert ("update", "done_note,done_on") in _audit(database, "plan_item")


def test_delete_plan_row_for_real(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    item_id = _add_item(database, world, case_id, PlanItemData("Разовое", executor_staff_id=world.psychologist_id))
    with database.write() as session:
        saved = delete_plan_item(session, world.specialist, item_id)
    assert saved.id == item_id and saved.changes == frozenset({"cases"})
    with database.read() as session:
        assert session.get(PlanItem, item_id) is None
    assert _plan(database, family) == ()
    with database.write() as session, pytest.raises(NotFound):
        delete_plan_item(session, world.specialist, item_id)
    assert _audit(database, "plan_item")[-1] == ("delete", "")


def test_plan_rows_of_a_deleted_case_cannot_be_edited(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    item_id = _add_item(database, world, case_id, PlanItemData("Разовое", executor_staff_id=world.psychologist_id))
    with database.write() as session:
        delete_case(session, world.specialist, case_id)
    with database.write() as session, pytest.raises(NotFound):
        mark_plan_item_done(session, world.specialist, item_id, date(2024, 5, 1), None)
    with database.write() as session, pytest.raises(NotFound):
        add_plan_item(session, world.specialist, case_id,
                      PlanItemData("Ещё", executor_staff_id=world.psychologist_id))


def test_administrator_cannot_edit_plans(database, world):
    family = _family(database, world)
    case_id = _open(database, world, family)
    with database.write() as session, pytest.raises(PermissionDenied):
        add_plan_item(session, world.admin, case_id, PlanItemData("Консультация",
                                                                  executor_staff_id=world.psychologist_id))
    item_id = _add_item(database, world, case_id, PlanItemData("Консультация", executor_staff_id=world.psychologist_id))
    with database.write() as session, pytest.raises(PermissionDenied):
        mark_plan_item_done(session, world.admin, item_id, date(2024, 5, 1), None)
    with database.write() as session, pytest.raises(PermissionDenied):
        delete_plan_item(session, world.admin, item_id)
    assert [row.done_on for row in _plan(database, family)] == [None]


def test_list_cases_takes_three_queries_whatever_the_number_of_cases(database, world):
    family = _family(database, world)
    for opened in (date(2023, 1, 1), date(2023, 6, 1), date(2024, 1, 1)):
        case_id = _open(database, world, family, opened_on=opened)
        for measure in ("Первое", "Второе"):
            _add_item(database, world, case_id, PlanItemData(measure, executor_staff_id=world.psychologist_id))
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        rows = _cases(database, family)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert len(rows) == 3 and all(len(row.plan) == 2 and len(row.ground_ids) == 2 for row in rows)
    assert len(statements) == 3
