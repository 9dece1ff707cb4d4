"""Plan rows of a support case through the services: executors, due dates, done marks, deletion."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.cases.cases import delete_case
from app.cases.plan_items import PlanItemData, add_plan_item, delete_plan_item, mark_plan_item_done, update_plan_item
from app.core.errors import NotFound, PermissionDenied, ValidationError
from db.models import PlanItem, Service
from tests.app.case_setup import OPENED, add_plan_row, family_cases, open_new_case, retire_staff
from tests.app.family_setup import TODAY, MotherAndChild, audit_entries, mother_and_child


def _plan(database, family: MotherAndChild, today: date | None = None):
    return family_cases(database, family, today)[0].plan


def _service_id(database):
    with database.read() as session:
        return session.execute(select(Service.id).order_by(Service.code).limit(1)).scalar()


def test_plan_rows_with_our_specialist_or_an_agency(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    service_id = _service_id(database)
    with database.read() as session:
        school = world.code(session, "agency", "education")
    first = add_plan_row(database, world, case_id, PlanItemData("Консультация педагога-психолога", service_id,
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
    assert audit_entries(database, "plan_item")[0][0] == "create"


def test_plan_rows_are_frozen(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    add_plan_row(database, world, case_id, PlanItemData("Консультация", executor_staff_id=world.psychologist_id))
    [row] = _plan(database, family)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.measure = "Иное"  # type: ignore[misc]
    case_row = family_cases(database, family)[0]
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
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
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
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    for due_on in (OPENED, date(2029, 3, 1)):
        add_plan_row(database, world, case_id, PlanItemData("Мероприятие", executor_staff_id=world.psychologist_id,
                                                            due_on=due_on))
    assert [row.due_on for row in _plan(database, family)] == [OPENED, date(2029, 3, 1)]


def test_executor_must_be_a_working_specialist_unless_already_chosen(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    item_id = add_plan_row(database, world, case_id, PlanItemData("Занятия", executor_staff_id=world.psychologist_id))
    retire_staff(database, world.psychologist_id)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_plan_item(session, world.specialist, case_id, PlanItemData("Ещё", executor_staff_id=world.psychologist_id))
    assert "больше не работает" in caught.value.errors["executor_staff_id"]
    with database.write() as session:
        update_plan_item(session, world.specialist, item_id,
                         PlanItemData("Занятия с логопедом", executor_staff_id=world.psychologist_id))
    assert [row.measure for row in _plan(database, family)] == ["Занятия с логопедом"]


def test_update_plan_row_and_positions(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    first = add_plan_row(database, world, case_id, PlanItemData("Первое", executor_staff_id=world.psychologist_id))
    second = add_plan_row(database, world, case_id, PlanItemData("Второе", executor_staff_id=world.psychologist_id))
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
    assert audit_entries(database, "plan_item")[-1] == ("update", "executor_staff_id,position")


def test_mark_done_and_overdue(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    late = add_plan_row(database, world, case_id, PlanItemData("Просрочено", executor_staff_id=world.psychologist_id,
                                                               due_on=date(2024, 4, 1)))
    done = add_plan_row(database, world, case_id, PlanItemData("Выполнено", executor_staff_id=world.psychologist_id,
                                                               due_on=date(2024, 4, 1)))
    add_plan_row(database, world, case_id, PlanItemData("Без срока", executor_staff_id=world.psychologist_id))
    ahead = add_plan_row(database, world, case_id, PlanItemData("Впереди", executor_staff_id=world.psychologist_id,
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
    assert family_cases(database, family, today=date(2024, 5, 1))[0].overdue_count == 1
    assert plan[ahead].is_overdue is False and plan[late].is_overdue is True
    later = {row.id: row.is_overdue for row in _plan(database, family, today=date(2024, 6, 2))}
    assert later[ahead] is True and later[done] is False
    on_the_day = {row.id: row.is_overdue for row in _plan(database, family, today=date(2024, 4, 1))}
    assert on_the_day[late] is False
    with database.write() as session:
        mark_plan_item_done(session, world.specialist, done, None, "ignored")
    again = {row.id: row for row in _plan(database, family, today=date(2024, 5, 1))}
    assert (again[done].done_on, again[done].done_note, again[done].is_overdue) == (None, None, True)
    assert ("update", "done_note,done_on") in audit_entries(database, "plan_item")


def test_delete_plan_row_for_real(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    item_id = add_plan_row(database, world, case_id, PlanItemData("Разовое", executor_staff_id=world.psychologist_id))
    with database.write() as session:
        saved = delete_plan_item(session, world.specialist, item_id)
    assert saved.id == item_id and saved.changes == frozenset({"cases"})
    with database.read() as session:
        assert session.get(PlanItem, item_id) is None
    assert _plan(database, family) == ()
    with database.write() as session, pytest.raises(NotFound):
        delete_plan_item(session, world.specialist, item_id)
    assert audit_entries(database, "plan_item")[-1] == ("delete", "")


def test_plan_rows_of_a_deleted_case_cannot_be_edited(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    item_id = add_plan_row(database, world, case_id, PlanItemData("Разовое", executor_staff_id=world.psychologist_id))
    with database.write() as session:
        delete_case(session, world.specialist, case_id)
    with database.write() as session, pytest.raises(NotFound):
        mark_plan_item_done(session, world.specialist, item_id, date(2024, 5, 1), None)
    with database.write() as session, pytest.raises(NotFound):
        add_plan_item(session, world.specialist, case_id,
                      PlanItemData("Ещё", executor_staff_id=world.psychologist_id))


def test_administrator_cannot_edit_plans(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family)
    with database.write() as session, pytest.raises(PermissionDenied):
        add_plan_item(session, world.admin, case_id, PlanItemData("Консультация",
                                                                  executor_staff_id=world.psychologist_id))
    item_id = add_plan_row(database, world, case_id,
                           PlanItemData("Консультация", executor_staff_id=world.psychologist_id))
    with database.write() as session, pytest.raises(PermissionDenied):
        mark_plan_item_done(session, world.admin, item_id, date(2024, 5, 1), None)
    with database.write() as session, pytest.raises(PermissionDenied):
        delete_plan_item(session, world.admin, item_id)
    assert [row.done_on for row in _plan(database, family)] == [None]
