"""The consent to personal-data processing and its withdrawal statement, printed per person and reopened."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from docx import Document

from app.core.actor import Actor
from app.core.errors import PermissionDenied
from app.core.permissions import COORDINATOR
from app.registry.consent_documents import write_consent
from app.registry.consents import ConsentData, add_consent, withdraw_consent
from app.registry.identity_papers import DocumentData, add_document
from tests.app.documents.gost_checks import assert_gost_layout
from tests.app.family_setup import mother_and_child


def _text(path) -> str:
    document = Document(str(path))
    parts = [paragraph.text.replace("\xa0", " ") for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(" | ".join(cell.text.replace("\xa0", " ") for cell in row.cells) for row in table.rows)
    return "\n".join(parts)


def test_childs_consent_with_health_data_is_signed_by_the_mother(database, world, tmp_path):
    family = mother_and_child(database, world)
    with database.write() as session:
        add_document(session, world.specialist, family.mother_id, DocumentData(
            world.code(session, "document_kind", "passport"), "654321", "4511", date(2012, 3, 1), "ОВД"))
        consent_id = add_consent(session, world.specialist, family.child_id, ConsentData(
            date(2025, 9, 3), signer_person_id=family.mother_id, includes_health=True)).id
        path = write_consent(session, world.specialist, consent_id, tmp_path)
    assert path.name == "Согласие на обработку ПДн Белова Д.П. 03.09.2025.docx"
    assert_gost_layout(path)
    text = _text(path)
    assert "на обработку персональных данных, в том числе специальной категории (сведения о состоянии здоровья)" in text
    assert "Я, Белова Ирина Сергеевна, 03.02.1990 года рождения, документ, удостоверяющий личность: Паспорт 4511 " \
           "№ 654321, выдан 01.03.2012 ОВД" in text
    assert "являясь законным представителем Беловой Дарьи Павловны, 06.05.2019 года рождения" in text
    assert "в соответствии со статьёй 9 и статьёй 10 Федерального закона от 27.07.2006 № 152-ФЗ" in text
    assert "ГБУ «Тестовый центр помощи семье и детям»" in text
    assert "3. Специальная категория персональных данных: сведения о состоянии здоровья" in text
    assert "6. Порядок отзыва:" in text and "до достижения целей обработки или до отзыва согласия" in text
    assert "03.09.2025 | ________________ | И.С. Белова" in text


def test_adults_consent_without_health_data_and_its_withdrawal(database, world, tmp_path):
    family = mother_and_child(database, world)
    with database.write() as session:
        consent_id = add_consent(session, world.specialist, family.mother_id, ConsentData(
            date(2025, 9, 3), signer_person_id=family.mother_id, includes_health=False,
            valid_until=date(2028, 9, 3), scope="Учёт получателей социальных услуг")).id
        consent = _text(write_consent(session, world.specialist, consent_id, tmp_path))
        blank = write_consent(session, world.specialist, consent_id, tmp_path, withdrawal=True)
    assert "специальной категории" not in consent and "статьёй 10" not in consent
    assert "являясь законным представителем" not in consent
    assert "1. Цели обработки: Учёт получателей социальных услуг" in consent
    assert "3. Действия с персональными данными:" in consent and "4. Срок действия согласия: до 03.09.2028." in consent
    assert blank.name == "Отзыв согласия Белова И.С. (бланк).docx"  # no date yet: it is written by hand
    assert_gost_layout(blank)
    text = _text(blank)
    assert "от Беловой Ирины Сергеевны\nЗАЯВЛЕНИЕ" in text
    assert "отзываю согласие на обработку моих персональных данных, данное 03.09.2025." in text
    assert "«____» ____________ 20___ г. | ________________ | И.С. Белова" in text
    with database.write() as session:
        withdraw_consent(session, world.specialist, consent_id, date(2026, 1, 12))
        path = write_consent(session, world.specialist, consent_id, tmp_path, withdrawal=True)
    assert path.name == "Отзыв согласия Белова И.С. 12.01.2026.docx"
    assert "12.01.2026 | ________________ | И.С. Белова" in _text(path)


def test_consent_of_a_person_outside_the_scope_is_not_printed(database, world, tmp_path):
    family = mother_and_child(database, world)
    with database.write() as session:
        consent_id = add_consent(session, world.specialist, family.mother_id, ConsentData(
            date(2025, 9, 3), signer_person_id=family.mother_id)).id
    stranger = Actor(uuid.uuid4(), "coord2", COORDINATOR, office_ids=frozenset({uuid.uuid4()}))
    with database.write() as session, pytest.raises(PermissionDenied):
        write_consent(session, stranger, consent_id, tmp_path)
    assert list(tmp_path.glob("*.docx")) == []
