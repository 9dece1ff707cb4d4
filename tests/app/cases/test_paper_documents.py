"""The 442-ФЗ papers filled into their Word templates and reopened: the ИППСУ in the sections of 874н, the
decision on need, the contract and the urgent-services act; each passes the ГОСТ Р 7.0.97 layout checks."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from docx import Document
from sqlalchemy import select

from app.cases.paper_documents import write_ippsu, write_paper
from app.cases.papers import CONTRACT, NEED_DECISION, URGENT_ACT, PaperData, UrgentGiven, add_paper
from app.cases.plan_items import PlanItemData
from app.core.actor import Actor
from app.core.errors import PermissionDenied, ValidationError
from app.core.permissions import COORDINATOR
from app.reference.organization import OrganizationData, update_organization
from app.registry.identity_papers import DocumentData, add_document
from db.models import AuditEntry, Family
from tests.app.case_setup import add_plan_row, open_new_case
from tests.app.cases.test_papers import ippsu_with_rows, service
from tests.app.documents.gost_checks import assert_gost_layout
from tests.app.family_setup import mother_and_child


def _text(path) -> str:
    document = Document(str(path))
    parts = [paragraph.text.replace("\xa0", " ") for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(" | ".join(cell.text.replace("\xa0", " ") for cell in row.cells) for row in table.rows)
    return "\n".join(parts)


@pytest.fixture
def papers(database, world):
    """A mother and her daughter (5 in 2024) in «с. Дальнее», an ИППСУ with two rows and a plan row, the
    mother's passport, the director, a decision, a contract and an urgent-services act."""
    family = mother_and_child(database, world)
    case_id, _kinds = ippsu_with_rows(database, world, family)
    add_plan_row(database, world, case_id, PlanItemData("Консультация юриста по оформлению пособий",
                                                        executor_staff_id=world.psychologist_id,
                                                        due_on=date(2024, 4, 1)))
    with database.write() as session:
        update_organization(session, world.admin, OrganizationData(
            "ГБУ «Тестовый центр помощи семье и детям»", inn=None,
            address="г. Новосаянск, ул. Ленина, д. 1", director_name="Соколова Ирина Викторовна"))
        family_row = session.get(Family, family.id)
        family_row.district_id, family_row.settlement_id = world.district_id, world.far_settlement_id
        family_row.street, family_row.house = "ул. Лесная", "5"
        from db.models import Settlement

        session.get(Settlement, world.far_settlement_id).kind_id = world.code(session, "settlement_kind", "village")
        add_document(session, world.specialist, family.mother_id, DocumentData(
            world.code(session, "document_kind", "passport"), "123456", "4510", date(2010, 5, 1),
            "ОВД Тестового района"))
        form = world.code(session, "service_form", "semi_stationary")
        decision = add_paper(session, world.specialist, PaperData(
            NEED_DECISION, family.id, family.child_id, "15-р", date(2024, 2, 28), case_id=case_id,
            applied_on=date(2024, 2, 22), form_id=form)).id
        contract = add_paper(session, world.specialist, PaperData(
            CONTRACT, family.id, family.child_id, "7/2024", date(2024, 3, 1), case_id=case_id, form_id=form,
            valid_until=date(2025, 3, 1))).id
        act = add_paper(session, world.specialist, PaperData(
            URGENT_ACT, family.id, family.mother_id, "С-1", date(2024, 3, 5),
            urgent=[UrgentGiven(service(session, "urg_food"), date(2024, 3, 4), 2)])).id
    return family, case_id, {"decision": decision, "contract": contract, "act": act}


def test_ippsu_has_the_874n_lines_sections_rows_and_signatures(database, world, papers, tmp_path):
    _family, case_id, _ids = papers
    with database.write() as session:
        path = write_ippsu(session, world.coordinator, case_id, tmp_path)
    assert path.name == "ИППСУ № 12_2024 Белова Д.П. 01.03.2024.docx"
    assert_gost_layout(path)
    text = _text(path)
    for line in ("№ 12/2024", "Дата составления: 01.03.2024", "1. Фамилия, имя, отчество (при наличии): Белова Дарья "
                 "Павловна", "2. Пол: женский", "3. Дата рождения: 06.05.2019",
                 "4. Адрес места жительства: Тестовый район, с. Дальнее, ул. Лесная, д. 5",
                 "8. Законный представитель: Белова Ирина Сергеевна, Паспорт 4510 № 123456, выдан 01.05.2010 ОВД "
                 "Тестового района", "9. Индивидуальная программа разработана впервые на срок до 01.03.2027.",
                 "10. Форма социального обслуживания: Полустационарная форма социального обслуживания",
                 "I. Социально-бытовые услуги", "III. Социально-психологические услуги",
                 "VII. Услуги в целях повышения коммуникативного потенциала",
                 "| 1 услуга | однократно | с 04.03.2024 |",
                 "| 24 услуги | 2 раза в неделю | 04.03.2024 – 28.06.2024 |",
                 "Консультация юриста по оформлению пособий | Смирнова О.И. | 01.04.2024",
                 "ГБУЗ «Районная больница»", "Законный представитель получателя | ________________ | И.С. Белова",
                 "Руководитель | ________________ | И.В. Соколова"):
        assert line in text, line
    assert "Срочные социальные услуги" not in text
    assert text.count("Не предусмотрены") == 5  # the five kinds without a row
    with database.read() as session:
        assert session.execute(select(AuditEntry.fields).where(AuditEntry.entity == "support_case",
                                                               AuditEntry.action == "export")).scalar() == "ippsu"


def test_decision_names_the_child_declined_and_the_grounds(database, world, papers, tmp_path):
    _family, _case_id, ids = papers
    with database.write() as session:
        path = write_paper(session, world.coordinator, ids["decision"], tmp_path)
    assert path.name == "Решение о нуждаемости № 15-р Белова Д.П. 28.02.2024.docx"
    assert_gost_layout(path)
    text = _text(path)
    assert "РЕШЕНИЕ № 15-р" in text and "28 февраля 2024 г." in text
    assert "Рассмотрев заявление Беловой Ирины Сергеевны от 22.02.2024 о предоставлении социального обслуживания " \
           "Беловой Дарье Павловне" in text
    assert "признать Белову Дарью Павловну, 06.05.2019 года рождения, проживающей по адресу: Тестовый район, " \
           "с. Дальнее, ул. Лесная, д. 5, нуждающейся в социальном обслуживании в форме: полустационарная форма " \
           "социального обслуживания." in text
    assert "– наличие ребёнка или детей (в том числе находящихся под опекой, попечительством), испытывающих " \
           "трудности в социальной адаптации;" in text
    assert "– отсутствие работы и средств к существованию." in text
    assert "Составлена индивидуальная программа № 12/2024 от 01.03.2024." in text


def test_contract_names_parties_services_term_and_termination(database, world, papers, tmp_path):
    _family, case_id, ids = papers
    with database.write() as session:
        path = write_paper(session, world.coordinator, ids["contract"], tmp_path)
    assert_gost_layout(path)
    text = _text(path)
    assert "ДОГОВОР № 7/2024" in text and "г. Новосаянск" in text and "1 марта 2024 г." in text
    assert "в лице руководителя Соколовой Ирины Викторовны" in text
    assert "Белова Ирина Сергеевна, именуемая в дальнейшем «Заказчик», действующая в интересах Беловой Дарьи " \
           "Павловны, 06.05.2019 года рождения" in text
    assert "на основании индивидуальной программы предоставления социальных услуг № 12/2024 от 01.03.2024" in text
    assert "| 24 услуги | 2 раза в неделю | 04.03.2024 – 28.06.2024" in text
    assert "действует до 01.03.2025." in text and "Договор расторгнут" not in text
    with database.write() as session:
        from app.cases.cases import close_case

        close_case(session, world.specialist, case_id, date(2024, 9, 2),
                   world.code(session, "case_closing_reason", "contract_terminated"))
    with database.write() as session:
        text = _text(write_paper(session, world.coordinator, ids["contract"], tmp_path))
    assert "Договор расторгнут 02.09.2024." in text


def test_urgent_act_lists_the_services_with_the_recipient(database, world, papers, tmp_path):
    _family, _case_id, ids = papers
    with database.write() as session:
        path = write_paper(session, world.specialist, ids["act"], tmp_path)
    assert path.name == "Акт срочных услуг № С-1 Белова И.С. 05.03.2024.docx"
    assert_gost_layout(path)
    text = _text(path)
    assert "АКТ № С-1" in text and "о предоставлении срочных социальных услуг" in text
    assert "Получатель срочных социальных услуг: Белова Ирина Сергеевна, 03.02.1990 года рождения" in text
    assert "Законный представитель" not in text  # an adult receives for herself
    assert "Обеспечение бесплатным горячим питанием или наборами продуктов | 04.03.2024 | 2 (услуга)" in text
    assert "Поставщик социальных услуг | ________________ | О.И. Смирнова" in text
    assert "Получатель социальных услуг | ________________ | И.С. Белова" in text


def test_papers_of_a_family_outside_the_scope_are_not_written(database, world, papers, tmp_path):
    _family, case_id, ids = papers
    stranger = Actor(uuid.uuid4(), "coord2", COORDINATOR, office_ids=frozenset({uuid.uuid4()}))
    with database.write() as session, pytest.raises(PermissionDenied):
        write_paper(session, stranger, ids["contract"], tmp_path)
    with database.write() as session, pytest.raises(PermissionDenied):
        write_ippsu(session, stranger, case_id, tmp_path)
    assert list(tmp_path.glob("*.docx")) == []


def test_a_programme_is_written_only_for_an_ippsu(database, world, tmp_path):
    family = mother_and_child(database, world)
    case_id = open_new_case(database, world, family, "social_support")
    with database.write() as session, pytest.raises(ValidationError) as caught:
        write_ippsu(session, world.coordinator, case_id, tmp_path)
    assert "только для сопровождения вида ИППСУ" in caught.value.errors["kind_id"]
