"""The per-child rehabilitation card: exact figures on a small hand-made week, DOCX and XLSX reopened."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from app.core.errors import NotFound, ValidationError
from app.rehab.card import export_rehab_card_docx, export_rehab_card_xlsx, load_session_data, rehab_card
from app.rehab.sessions import AttendanceMark, cancel_session, mark_attendance
from db.models import SessionParticipant
from tests.app.documents.gost_checks import assert_gost_layout
from tests.app.rehab_setup import MONDAY, add_session, at, children_and_mother, service_by_code

PERIOD = (MONDAY, MONDAY + timedelta(days=27))


def _participant(session, session_id, person_id):
    return session.execute(select(SessionParticipant.id).where(SessionParticipant.session_id == session_id,
                                                               SessionParticipant.person_id == person_id)
                           ).scalar_one()


@pytest.fixture
def card_world(database, world):
    """Child A: psychologist ×3 (attended, absent, not marked) + 1 cancelled + 1 after the period;
    a group speech session with A and B (attended). Child B has only the group session."""
    kids = children_and_mother(database, world)
    a, b = kids[0], kids[1]
    with database.write() as session:
        reason = world.code(session, "absence_reason", "illness")
        speech = dict(staff_id=world.speech_therapist_id, service_id=service_by_code(session, "ped_correction"),
                      topic="=HYPERLINK(\"x\")")
        s1 = add_session(world, session, at(MONDAY, 10), [a])
        s2 = add_session(world, session, at(MONDAY + timedelta(days=1), 10), [a])
        add_session(world, session, at(MONDAY + timedelta(days=2), 10), [a])
        s4 = add_session(world, session, at(MONDAY + timedelta(days=3), 10), [a])
        add_session(world, session, at(PERIOD[1] + timedelta(days=1), 10), [a])
        group = add_session(world, session, at(MONDAY, 12), [a, b], **speech)
        cancel_session(session, world.specialist, s4)
        mark_attendance(session, world.specialist, [
            AttendanceMark(_participant(session, s1, a), True),
            AttendanceMark(_participant(session, s2, a), False, reason),
        ])
        # The group is the speech therapist's: the coordinator marks it (the psychologist may not).
        mark_attendance(session, world.coordinator, [
            AttendanceMark(_participant(session, group, a), True),
            AttendanceMark(_participant(session, group, b), True),
        ])
    return a, b, group


def test_card_figures_are_exact(database, world, card_world):
    a, b, group = card_world
    with database.read() as session:
        card = rehab_card(session, world.coordinator, a, *PERIOD)
        other = rehab_card(session, world.coordinator, b, *PERIOD)
        data, children = load_session_data(session, world.coordinator, group)
    assert card.child_name == "Королёв Артём"
    assert card.birth_date == date(2016, 1, 1)
    summary = [(g.service, g.specialist, g.planned, g.attended, g.absent, g.not_marked) for g in card.groups]
    assert summary == [
        ("Психологическая коррекция", "Смирнова О.И.", 3, 1, 1, 1),
        ("Социально-педагогическая коррекция, включая диагностику и консультирование", "Кузнецова А.П.", 1, 1, 0, 0),
    ]
    assert (card.planned, card.attended, card.absent, card.not_marked) == (4, 2, 1, 1)
    assert card.rate == pytest.approx(2 / 3)
    assert card.groups[0].rate == 0.5
    assert [s.state for s in card.sessions] == ["attended", "attended", "absent", "planned", "cancelled"]
    assert card.sessions[2].absence_reason == "Болезнь ребёнка"
    assert (other.planned, other.attended, [g.specialist for g in other.groups]) == (1, 1, ["Кузнецова А.П."])
    assert data.is_group and set(data.person_ids) == {a, b} and data.staff_id == world.speech_therapist_id
    assert [name for _, name in children] == ["Королёв Артём", "Королёв Борис"]


def test_card_refuses_bad_period_and_missing_child(database, card_world, world):
    import uuid
    with database.read() as session:
        with pytest.raises(ValidationError):
            rehab_card(session, world.coordinator, card_world[0], PERIOD[1], PERIOD[0])
        with pytest.raises(NotFound):
            rehab_card(session, world.coordinator, uuid.uuid4(), *PERIOD)


def test_card_exports_reopen(database, card_world, tmp_path, world):
    from datetime import date

    from app.registry.children import ChildProfileData, save_child_profile
    from db.models import Diagnosis

    with database.write() as session:
        save_child_profile(session, world.coordinator, card_world[0], ChildProfileData(
            is_disabled=True, disability_since=date(2024, 3, 5), ipra_number="123.45.6/2024",
            ipra_date=date(2024, 3, 5), ipra_term="2y", mse_bureau="Бюро МСЭ № 7", lim_self_care=2,
            lim_communication=1))
        session.add(Diagnosis(person_id=card_world[0], icd_code="F84.0", title="Детский аутизм", is_main=True))
    with database.read() as session:
        card = rehab_card(session, world.coordinator, card_world[0], *PERIOD)
    assert card.profile.diagnoses == ("F84.0 Детский аутизм (основной)",)
    assert card.profile.limitations == (("Самообслуживание", 2), ("Общение", 1))
    assert card.profile.ipra.startswith("№ 123.45.6/2024 от 05.03.2024, Бюро МСЭ № 7, на 2 года (до ")
    docx_path = export_rehab_card_docx(card, tmp_path / "card.docx")
    assert_gost_layout(docx_path)
    xlsx_path = export_rehab_card_xlsx(card, tmp_path / "card.xlsx")

    document = Document(str(docx_path))
    text = "\n".join(p.text.replace("\xa0", " ") for p in document.paragraphs)
    assert "РЕАБИЛИТАЦИОННАЯ КАРТА" in text and "Королёв Артём" in text
    assert f"с {MONDAY:%d.%m.%Y} по {PERIOD[1]:%d.%m.%Y}" in text
    assert f"ИПРА: {card.profile.ipra}" in text and "Диагноз: F84.0 Детский аутизм (основной)" in text
    assert "Степень ограничения основных категорий жизнедеятельности: самообслуживание — 2; общение — 1" in text
    assert "3. Результаты курса" in text
    assert ("Запланировано занятий: 4, посещено: 2, пропущено: 1, не отмечено: 1; посещаемость: 66,7 %.") in text
    summary, listing = document.tables
    cells = [[c.text.replace("\xa0", " ") for c in row.cells] for row in summary.rows]
    assert cells[1][1:] == ["Психологическая коррекция", "Смирнова О.И., педагог-психолог", "3", "1", "1",
                           "50,0 %"]  # decimals as in the reports
    assert cells[-1][1:] == ["Итого", "", "4", "2", "1", "66,7 %"]
    assert len(listing.rows) == 1 + 5
    assert [c.text.replace("\xa0", " ") for c in listing.rows[3].cells][2:] == [
        f"{MONDAY + timedelta(days=1):%d.%m.%Y}", "10:00", "Смирнова О.И.", "инд.",
        "пропущено (Болезнь ребёнка)"]  # neutral: a girl's card reads as well

    book = load_workbook(xlsx_path)
    sheet = book["Сводка"]
    assert sheet["A5"].value == f"ИПРА: {card.profile.ipra}"  # three lines of the child's profile, then the table
    assert sheet["B10"].value == "Психологическая коррекция"
    assert [sheet.cell(10, c).value for c in range(5, 8)] == [3, 1, 1]
    assert sheet["H10"].value == "=E10-F10-G10"
    assert sheet["B12"].value == "Итого" and sheet["E12"].value == "=SUM(E10:E11)"
    assert sheet["I12"].value.startswith("=IF(F12+G12>0")
    assert sheet["I10"].number_format == "0.0%"
    assert sheet["A14"].value == "Результаты курса" and sheet["A15"].value == card.results
    assert sheet.freeze_panes == "A10"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    listing_sheet = book["Занятия"]
    assert listing_sheet.max_row == 6 and listing_sheet.freeze_panes == "B2"
    assert listing_sheet["B2"].value.date() == MONDAY and listing_sheet["B2"].number_format == "DD.MM.YYYY"
    topics = [listing_sheet.cell(r, 10) for r in range(2, 7)]
    hyperlink = next(c for c in topics if c.value and c.value.startswith("="))
    assert hyperlink.data_type == "s"  # user text stays text, never a formula
    values = load_workbook(xlsx_path, data_only=False)["Занятия"]
    assert values[hyperlink.coordinate].value == '=HYPERLINK("x")'
