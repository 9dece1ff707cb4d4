"""The rehabilitation card's «Результаты курса» name the child's programmes in the period with their outcome and
plan progress, read from the cases (#13 item 6)."""

from __future__ import annotations

from datetime import timedelta

from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from app.cases.cases import CaseData, close_case, open_case
from app.cases.plan_items import PlanItemData, add_plan_item, mark_plan_item_done
from app.rehab.card import export_rehab_card_docx, export_rehab_card_xlsx, rehab_card
from db.models import FamilyMember
from tests.app.assessment_setup import add_closing_assessment
from tests.app.rehab.test_card import PERIOD, card_world  # noqa: F401
from tests.app.rehab_setup import MONDAY


def test_results_name_the_course_its_outcome_and_plan(database, world, card_world, tmp_path):  # noqa: F811
    child = card_world[0]
    with database.write() as session:
        family_id = session.execute(select(FamilyMember.family_id).where(FamilyMember.person_id == child)).scalar()
        course = open_case(session, world.specialist, CaseData(
            family_id, world.code(session, "case_kind", "rehab_course"), "5/К", child_person_id=child,
            opened_on=MONDAY - timedelta(days=7))).id
        rows = [add_plan_item(session, world.specialist, course, PlanItemData(
            measure, executor_staff_id=world.psychologist_id, due_on=MONDAY + timedelta(days=14))).id
            for measure in ("Коррекционные занятия с психологом", "Консультация родителей")]
        mark_plan_item_done(session, world.specialist, rows[0], MONDAY + timedelta(days=10))
        add_closing_assessment(session, course, world.psychologist_id)  # «цели достигнуты» needs it (#17)
        close_case(session, world.specialist, course, PERIOD[1] - timedelta(days=1),
                   world.code(session, "case_closing_reason", "goals_achieved"))
        # A course of another time does not belong to this card.
        open_case(session, world.specialist, CaseData(
            family_id, world.code(session, "case_kind", "rehab_course"), "9/К", child_person_id=child,
            opened_on=MONDAY - timedelta(days=400), closed_on=MONDAY - timedelta(days=200),
            closing_reason_id=world.code(session, "case_closing_reason", "family_moved")))
    with database.read() as session:
        card = rehab_card(session, world.coordinator, child, *PERIOD)
    opened, closed = MONDAY - timedelta(days=7), PERIOD[1] - timedelta(days=1)
    expected = (f"Реабилитационный курс № 5/К с {opened:%d.%m.%Y} по {closed:%d.%m.%Y}; закрыт: Цели сопровождения "
                "достигнуты, трудная жизненная ситуация преодолена; мероприятия плана выполнены: 1 из 2.")
    assert expected in card.courses and not any("9/К" in line for line in card.courses)
    docx = export_rehab_card_docx(card, tmp_path / "card.docx")
    text = "\n".join(p.text.replace("\xa0", " ") for p in Document(str(docx)).paragraphs)
    assert text.index("3. Результаты курса") < text.index(expected)
    sheet = load_workbook(export_rehab_card_xlsx(card, tmp_path / "card.xlsx"))["Сводка"]
    assert expected in [row[0] for row in sheet.iter_rows(max_col=1, values_only=True)]
