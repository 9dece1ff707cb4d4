"""The 442-ФЗ papers as records: the service rows of an ИППСУ (874н), the decision on need, the contract
(and the case closed for «расторжение договора» referring to it) and the urgent-services act."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.cases.cases import close_case, list_cases
from app.cases.ippsu import (
    IppsuServiceData,
    add_ippsu_service,
    delete_ippsu_service,
    list_ippsu_services,
    mark_ippsu_service_done,
    update_ippsu_service,
)
from app.cases.papers import (
    CONTRACT,
    NEED_DECISION,
    URGENT_ACT,
    PaperData,
    UrgentGiven,
    add_paper,
    delete_paper,
    list_papers,
    update_paper,
)
from app.core.actor import Actor
from app.core.errors import PermissionDenied, ValidationError
from app.core.permissions import COORDINATOR
from db.models import Service, SocialPaper
from tests.app.case_setup import OPENED, open_new_case
from tests.app.family_setup import audit_entries, mother_and_child


def service(session, code: str) -> uuid.UUID:
    return session.execute(select(Service.id).where(Service.code == code)).scalar_one()


def _kind_services(session) -> dict[str, uuid.UUID]:
    """One active service of each kind, by kind code."""
    from app.reference.catalogue import list_services

    found: dict[str, uuid.UUID] = {}
    for row in list_services(session):
        found.setdefault(row.kind_code, row.id)
    return found


def ippsu_with_rows(database, world, family):
    """An ИППСУ of the child with a psychological and a household row (entered in that order)."""
    case_id = open_new_case(database, world, family, "ippsu")
    with database.write() as session:
        kinds = _kind_services(session)
        add_ippsu_service(session, world.specialist, case_id, IppsuServiceData(
            kinds["psychological"], "24 услуги", "2 раза в неделю", date(2024, 3, 4), date(2024, 6, 28)))
        add_ippsu_service(session, world.specialist, case_id, IppsuServiceData(
            kinds["household"], "1 услуга", "однократно", date(2024, 3, 4), None, "ГБУЗ «Районная больница»"))
    return case_id, kinds


def test_ippsu_rows_are_listed_in_the_order_of_the_law_and_audited(database, world):
    family = mother_and_child(database, world)
    case_id, kinds = ippsu_with_rows(database, world, family)
    with database.read() as session:
        rows = list_ippsu_services(session, world.coordinator, case_id)
    assert [row.kind_code for row in rows] == ["household", "psychological"]
    household, psychological = rows
    assert (household.volume, household.periodicity, household.term, household.provider) == (
        "1 услуга", "однократно", "с 04.03.2024", "ГБУЗ «Районная больница»")
    assert psychological.term == "04.03.2024 – 28.06.2024" and psychological.provider is None
    assert [action for action, _fields in audit_entries(database, "ippsu_service")] == ["create", "create"]
    with database.write() as session:
        mark_ippsu_service_done(session, world.specialist, psychological.id, date(2024, 6, 28), "Курс пройден")
        update_ippsu_service(session, world.specialist, household.id, IppsuServiceData(
            kinds["household"], "2 услуги", "по мере необходимости"))
    with database.read() as session:
        rows = {row.id: row for row in list_ippsu_services(session, world.coordinator, case_id)}
    assert (rows[psychological.id].done_on, rows[psychological.id].done_note) == (date(2024, 6, 28), "Курс пройден")
    assert (rows[household.id].volume, rows[household.id].term) == ("2 услуги", "")
    with database.write() as session:
        delete_ippsu_service(session, world.specialist, household.id)
    with database.read() as session:
        assert [row.id for row in list_ippsu_services(session, world.coordinator, case_id)] == [psychological.id]


def _ippsu_refused(database, world, case_id, data) -> dict[str, str]:
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_ippsu_service(session, world.specialist, case_id, data)
    return caught.value.errors


def test_ippsu_row_refusals_name_the_field(database, world):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family, "ippsu")
    support_id = open_new_case(database, world, family, "social_support")
    with database.read() as session:
        kinds = _kind_services(session)
    errors = _ippsu_refused(database, world, case_id, IppsuServiceData(kinds["urgent"], "1", "однократно"))
    assert "срочные социальные услуги предоставляются без ИППСУ" in errors["service_id"]
    errors = _ippsu_refused(database, world, case_id, IppsuServiceData(kinds["legal"], "  ", None))
    assert errors["volume"] == "Поле «Объём» обязательно для заполнения."
    assert errors["periodicity"] == "Поле «Периодичность» обязательно для заполнения."
    errors = _ippsu_refused(database, world, case_id, IppsuServiceData(
        kinds["legal"], "1", "1 раз", date(2024, 2, 1), date(2027, 3, 2)))
    assert "раньше составления программы (01.03.2024)" in errors["starts_on"]
    assert "программа действует по 01.03.2027" in errors["ends_on"]
    errors = _ippsu_refused(database, world, case_id, IppsuServiceData(
        kinds["legal"], "1", "1 раз", date(2024, 5, 1), date(2024, 4, 1)))
    assert "Срок: по" in errors["ends_on"]
    errors = _ippsu_refused(database, world, support_id, IppsuServiceData(kinds["legal"], "1", "1 раз"))
    assert "только в индивидуальной программе (ИППСУ)" in errors["service_id"]
    with database.read() as session:
        assert list_ippsu_services(session, world.coordinator, case_id) == []


def test_ippsu_rows_outside_the_users_scope_are_refused(database, world):
    family = mother_and_child(database, world)
    case_id, kinds = ippsu_with_rows(database, world, family)
    stranger = Actor(uuid.uuid4(), "coord2", COORDINATOR, office_ids=frozenset({uuid.uuid4()}))
    with database.write() as session, pytest.raises(PermissionDenied):
        add_ippsu_service(session, stranger, case_id, IppsuServiceData(kinds["legal"], "1", "1 раз"))
    with database.read() as session, pytest.raises(PermissionDenied):
        list_ippsu_services(session, stranger, case_id)
    with database.write() as session, pytest.raises(PermissionDenied):
        add_ippsu_service(session, world.admin, case_id, IppsuServiceData(kinds["legal"], "1", "1 раз"))


def decision(family, case_id=None, **overrides) -> PaperData:
    values = dict(kind=NEED_DECISION, family_id=family.id, person_id=family.child_id, number="15-р",
                  issued_on=date(2024, 2, 28), applied_on=date(2024, 2, 22), case_id=case_id)
    return PaperData(**(values | overrides))


def test_decision_and_contract_are_recorded_and_listed(database, world):
    family = mother_and_child(database, world)
    case_id, _kinds = ippsu_with_rows(database, world, family)
    with database.write() as session:
        form = world.code(session, "service_form", "semi_stationary")
        add_paper(session, world.specialist, decision(family, form_id=form))
        contract_id = add_paper(session, world.specialist, PaperData(
            CONTRACT, family.id, family.mother_id, "7/2024", date(2024, 3, 1), case_id=case_id, form_id=form,
            valid_until=date(2025, 3, 1))).id
    with database.read() as session:
        contract, found = list_papers(session, world.coordinator, family.id)
    assert (contract.id, contract.kind_name, contract.number, contract.person_name, contract.case_label) == (
        contract_id, "Договор о предоставлении социальных услуг", "7/2024", "Белова Ирина Сергеевна",
        "ИППСУ № 12/2024 от 01.03.2024")
    assert (found.kind, found.applied_on, found.form_name) == (
        NEED_DECISION, date(2024, 2, 22), "Полустационарная форма социального обслуживания")
    assert [action for action, _ in audit_entries(database, "social_paper")] == ["create", "create"]


def _paper_refused(database, world, data) -> dict[str, str]:
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_paper(session, world.specialist, data)
    return caught.value.errors


def test_paper_refusals_name_the_field(database, world):
    family = mother_and_child(database, world)
    other = mother_and_child(database, world, "Козлова")
    support_id = open_new_case(database, world, family, "social_support")
    with database.read() as session:
        form = world.code(session, "service_form", "home")
        urgent = service(session, "urg_food")
    errors = _paper_refused(database, world, decision(family, form_id=form, applied_on=None, number=""))
    assert errors["applied_on"].startswith("Поле «Дата заявления» обязательно")
    assert errors["number"] == "Поле «Номер» обязательно для заполнения."
    errors = _paper_refused(database, world, decision(family, applied_on=date(2024, 3, 5)))
    assert "раньше, чем «Дата заявления»" in errors["issued_on"]
    assert errors["form_id"].startswith("Поле «Форма социального обслуживания» обязательно")
    errors = _paper_refused(database, world, decision(family, form_id=form, person_id=other.child_id))
    assert errors["person_id"] == "Поле «Получатель»: выберите члена этой семьи."
    errors = _paper_refused(database, world, PaperData(CONTRACT, family.id, family.mother_id, "1", date(2024, 3, 1),
                                                       case_id=support_id, form_id=form))
    assert "выберите индивидуальную программу (ИППСУ) этой семьи" in errors["case_id"]
    errors = _paper_refused(database, world, PaperData(URGENT_ACT, family.id, family.mother_id, "3",
                                                       date(2024, 3, 1)))
    assert "добавьте хотя бы одну" in errors["urgent"]
    with database.read() as session:
        legal = _kind_services(session)["legal"]
    errors = _paper_refused(database, world, PaperData(URGENT_ACT, family.id, family.mother_id, "3", date(2024, 3, 1),
                                                       urgent=[UrgentGiven(urgent, date(2024, 3, 2)),
                                                               UrgentGiven(legal, date(2024, 3, 1), 0)]))
    assert "строка 1: услуга не может быть предоставлена позже даты акта" in errors["urgent"]
    with database.write() as session:
        add_paper(session, world.specialist, decision(family, form_id=form))
    errors = _paper_refused(database, world, decision(family, form_id=form, issued_on=date(2024, 3, 1)))
    assert errors["number"] == "Поле «Номер»: документ этого вида № 15-р уже внесён (от 28.02.2024)."
    with database.read() as session:
        assert len(list_papers(session, world.coordinator, family.id)) == 1


def test_urgent_act_keeps_its_services_and_edits_replace_them(database, world):
    family = mother_and_child(database, world)
    with database.read() as session:
        food, clothes = service(session, "urg_food"), service(session, "urg_clothes")
    data = PaperData(URGENT_ACT, family.id, family.mother_id, "С-1", date(2024, 3, 1),
                     urgent=[UrgentGiven(food, date(2024, 2, 29), 2), UrgentGiven(clothes, date(2024, 3, 1))])
    with database.write() as session:
        paper_id = add_paper(session, world.specialist, data).id
    with database.read() as session:
        [row] = list_papers(session, world.coordinator, family.id)
    assert [(u.given_on, u.quantity) for u in row.urgent] == [(date(2024, 2, 29), 2), (date(2024, 3, 1), 1)]
    with database.write() as session:
        saved = update_paper(session, world.specialist, paper_id, replace(data, urgent=[UrgentGiven(food, date(2024, 3,
                                                                                                            1), 3)]))
    assert saved.changes
    with database.read() as session:
        [row] = list_papers(session, world.coordinator, family.id)
    assert [(u.service_id, u.quantity) for u in row.urgent] == [(food, 3)]
    assert audit_entries(database, "social_paper")[-1] == ("update", "urgent_services")
    with database.write() as session:
        delete_paper(session, world.specialist, paper_id)
    with database.read() as session:
        assert list_papers(session, world.coordinator, family.id) == []
        assert session.get(SocialPaper, paper_id).deleted_at is not None


def test_closing_for_contract_termination_needs_the_contract_and_terminates_it(database, world):
    family = mother_and_child(database, world)
    case_id, _kinds = ippsu_with_rows(database, world, family)
    with database.read() as session:
        reason = world.code(session, "case_closing_reason", "contract_terminated")
        form = world.code(session, "service_form", "home")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        close_case(session, world.specialist, case_id, date(2024, 9, 1), reason)
    assert "не внесён договор о предоставлении социальных услуг" in caught.value.errors["closing_reason_id"]
    with database.write() as session:
        contract_id = add_paper(session, world.specialist, PaperData(
            CONTRACT, family.id, family.mother_id, "7/2024", date(2024, 3, 2), case_id=case_id, form_id=form)).id
    with database.write() as session, pytest.raises(ValidationError) as caught:
        close_case(session, world.specialist, case_id, date(2024, 3, 1), reason)
    assert "договор № 7/2024 заключён 02.03.2024" in caught.value.errors["closed_on"]
    with database.write() as session:
        close_case(session, world.specialist, case_id, date(2024, 9, 1), reason)
    with database.read() as session:
        assert session.get(SocialPaper, contract_id).terminated_on == date(2024, 9, 1)
        [case] = [c for c in list_cases(session, world.coordinator, family.id) if c.id == case_id]
    assert case.closed_on == date(2024, 9, 1) and case.opened_on == OPENED
    assert ("update", "terminated_on") in audit_entries(database, "social_paper")
