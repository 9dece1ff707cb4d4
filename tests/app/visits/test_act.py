"""«Акт обследования условий жизни семьи»: the act of a visit filled from the database and reopened."""

from __future__ import annotations

from datetime import date

from docx import Document
from sqlalchemy import select, update

from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from app.visits.act import EMPTY_FINDING, act_context, write_visit_act
from app.visits.visits import GivenService, VisitData, create_visit
from db.models import FamilyMember, Person, Service
from tests.app.documents.gost_checks import assert_gost_layout


def _family(session, world, *, representative: bool = True) -> tuple:
    """Королёва Мария Петровна (the mother), her son Артём and a grandmother who moved out in 2025."""
    role = {code: world.code(session, "member_role", code) for code in ("mother", "child", "grandmother")}
    family = FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 15), district_id=world.district_id,
                        settlement_id=world.far_settlement_id, street="ул. Лесная", house="5", apartment="3",
                        phone="+7 900 123-45-67")
    members = [
        MemberData(role["mother"], representative, person=PersonData("Королёва", "Мария", "Петровна", "F",
                                                                     date(1988, 3, 4))),
        MemberData(role["child"], False, person=PersonData("Королёв", "Артём", "Игоревич", "M", date(2019, 5, 6))),
        MemberData(role["grandmother"], False, person=PersonData("Сидорова", "Нина", "Павловна", "F",
                                                                 date(1950, 1, 2))),
    ]
    family_id = register_family(session, world.specialist, NewFamily(family, members)).id
    ids = dict(session.execute(select(Person.first_name, Person.id)
                               .join(FamilyMember, FamilyMember.person_id == Person.id)
                               .where(FamilyMember.family_id == family_id)).all())
    session.execute(update(FamilyMember).where(FamilyMember.person_id == ids["Нина"])
                    .values(left_on=date(2025, 6, 1)))
    return family_id, ids["Артём"]


def _visit(session, world, family_id, child_id, **overrides) -> VisitData:
    service = session.execute(select(Service.id).where(Service.code == "psy_patronage")).scalar_one()
    values = dict(
        family_id=family_id, visit_date=date(2026, 3, 10),
        staff_ids=[world.psychologist_id, world.speech_therapist_id], purpose="Плановый патронаж",
        delivery_mode_id=world.code(session, "delivery_mode", "family_home"),
        services=[GivenService(service, child_id, 2)],
        housing="Частный дом, печное отопление.\nВ доме чисто.", income="Пособия на детей",
        relationships="Доброжелательные", children_condition="Ребёнок опрятен, посещает детский сад",
        conclusions="Условия удовлетворительные", recommendations="Оформить ИПРА",
        next_visit_on=date(2026, 4, 10),
    )
    values.update(overrides)
    return VisitData(**values)


def _text(path) -> str:
    document = Document(str(path))
    parts = [paragraph.text.replace("\xa0", " ") for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(" | ".join(cell.text.replace("\xa0", " ") for cell in row.cells) for row in table.rows)
    return "\n".join(parts)


def test_act_is_filled_with_declined_name_members_findings_and_signatures(database, world, tmp_path):
    with database.write() as session:
        family_id, child = _family(session, world)
        visit_id = create_visit(session, world.specialist, _visit(session, world, family_id, child)).id
        from db.models import Settlement

        session.get(Settlement, world.far_settlement_id).kind_id = world.code(session, "settlement_kind", "village")
    with database.read() as session:
        path = write_visit_act(session, world.coordinator, visit_id, tmp_path)
    assert path.name == "Акт обследования Королёва М.П. 10.03.2026.docx"
    assert_gost_layout(path)
    text = _text(path)
    assert "ГБУ «Тестовый центр помощи семье и детям»" in text
    assert "обследования условий жизни семьи Королёвой Марии Петровны" in text
    assert "Дата обследования: 10.03.2026" in text
    # The settlement with its type; «с. Дальнее» and «д. 5» kept on one line by no-break spaces.
    assert "Тестовый район, с. Дальнее, ул. Лесная, д. 5, кв. 3, тел. +7 (900) 123-45-67" in text
    assert "Педагог-психолог Смирнова Ольга Ивановна" in text
    assert "Плановый патронаж" in text
    document = Document(str(path))
    members = [[cell.text.replace("\xa0", " ") for cell in row.cells] for row in document.tables[0].rows]
    assert members == [["№", "Фамилия, имя, отчество", "Дата рождения", "Роль в семье"],
                       ["1", "Королёва Мария Петровна", "04.03.1988", "мать"],
                       ["2", "Королёв Артём Игоревич", "06.05.2019", "сын"]]  # the grandmother left
    paragraphs = [paragraph.text.replace("\xa0", " ") for paragraph in document.paragraphs]
    housing = paragraphs.index("1. Жилищно-бытовые условия")
    assert paragraphs[housing + 1] == "Частный дом, печное отопление. В доме чисто."
    for finding in ("Пособия на детей", "Доброжелательные", "Ребёнок опрятен, посещает детский сад",
                    "Условия удовлетворительные", "Оформить ИПРА", "6. Рекомендации"):
        assert finding in paragraphs
    assert "(Королёв А.И.) — 2." in text
    assert "Дата следующего посещения: 10.04.2026" in text
    signatures = [[cell.text.replace("\xa0", " ") for cell in row.cells] for row in document.tables[1].rows]
    assert signatures == [["Учитель-логопед", "________________", "А.П. Кузнецова"],
                          ["Педагог-психолог", "________________", "О.И. Смирнова"]]
    assert document.tables[2].rows[0].cells[2].text == "М.П.\u00a0Королёва"  # kept on one line
    assert "С актом ознакомлен(а):" in paragraphs
    assert "{{" not in text and "{%" not in text


def test_empty_findings_and_no_representative(database, world, tmp_path):
    with database.write() as session:
        family_id, child = _family(session, world, representative=False)
        visit_id = create_visit(session, world.specialist, _visit(
            session, world, family_id, child, services=[], housing=None, income=None, relationships=None,
            children_condition=None, conclusions=None, recommendations=None, next_visit_on=None)).id
    with database.read() as session:
        context = act_context(session, world.coordinator, visit_id)
        path = write_visit_act(session, world.coordinator, visit_id, tmp_path)
    assert context["family"]["genitive"] == context["family"]["title"]  # nothing to decline reliably
    text = _text(path)
    assert text.count(EMPTY_FINDING) == 6
    assert "Дата следующего посещения: не назначена" in text
    assert "Предоставленные в ходе посещения услуги" not in text
    assert Document(str(path)).tables[2].rows[0].cells[2].text == "________________"
