"""#12 item 3, the СОП part: a family whose categories include СОП but whose row lacks the КДН и ЗП decision
comes in with the category flagged «нет постановления КДН — дополнить» (not refused, not dropped); the card
shows the flag, entering the decision clears it, and the quarterly report counts the family as СОП. A row
with the decision («№ 12 от 05.06.2025») brings it in."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.core.errors import ValidationError
from app.importing.cells import parse_decision
from app.importing.outcome import NEW, UPDATE, Decisions
from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import
from app.registry.families import CategoryData, update_category
from app.registry.family_card import load_family_card
from app.reports.periods import quarter
from app.reports.quarterly import compute_quarterly
from db.models import District, Family, FamilyCategory, Settlement
from tests.app.importing.samples import write_xlsx


def _run(database, actor, path, **kwargs):
    source = open_source(path, "families")
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    return run_import(database, actor, ImportRequest(source, mapping, **kwargs), before_write=lambda: None)


@pytest.fixture
def places(database, world):
    with database.write() as session:
        district = District(name="Моршанский район", office_id=world.office_id)
        session.add(district)
        session.flush()
        session.add(Settlement(district_id=district.id, name="Сосновка"))


def _sop_rows(database, world):
    with database.read() as session:
        sop = world.code(session, "family_category", "sop")
        return sop, session.execute(select(Family.title, FamilyCategory.kdn_intake_number,
                                           FamilyCategory.kdn_intake_date, FamilyCategory.id)
                                    .join(Family, Family.id == FamilyCategory.family_id)
                                    .where(FamilyCategory.category_id == sop).order_by(Family.title)).all()


@pytest.mark.parametrize(("text", "expected"), [
    ("№ 12 от 05.06.2025", ("12", date(2025, 6, 5))),
    ("пост. 3/15 от 12.03.24 г.", ("3/15", date(2024, 3, 12))),
    ("Постановление КДН и ЗП № 45-п от 1.2.2024г.", ("45-п", date(2024, 2, 1))),
    ("№12", ("12", None)), ("05.06.2025", (None, date(2025, 6, 5))), (None, (None, None))])
def test_decision_cells_as_registries_write_them(text, expected):
    assert parse_decision(text, "Постановление КДН") == expected


def test_sop_without_decision_comes_in_flagged_and_counts_as_sop(database, world, tmp_path, places):
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "Район", "Населённый пункт", "Категория семьи",
         "Дата постановки на учёт", "Постановление КДН"],
        [1, "Белова Ирина Сергеевна", "12.04.1987", "Моршанский р-н", "р.п. Сосновка", "СОП\nмногодетн.",
         "15.01.2025", None],
        [1, "Белов Кирилл Андреевич", "03.05.2014", None, None, None, None, None],
        [2, "Орлова Нина Петровна", "01.02.1990", "Моршанский р-н", "Сосновка", "социально опасное положение",
         "10.02.2025", "№ 7 от 05.02.2025"],
        [3, "Зайцева Ольга Ивановна", "03.03.1988", "Моршанский р-н", "Сосновка", "СОП", "11.02.2025", "№ 9"],
    ])
    summary, preview = _run(database, world.coordinator, path, open_support="social_support")
    assert [row.outcome for row in preview.rows] == [NEW] * 4, preview.rows
    assert "нет постановления КДН — дополнить" in preview.rows[0].reason
    assert "КДН" not in preview.rows[2].reason
    assert "нет постановления КДН — дополнить" in preview.rows[3].reason and "№ 9" in preview.rows[3].reason
    assert summary.created == 4
    sop, rows = _sop_rows(database, world)
    assert [(title.split()[0], number, day) for title, number, day, _id in rows] == [
        ("Белова", None, None), ("Зайцева", None, None), ("Орлова", "7", date(2025, 2, 5))]
    with database.read() as session:
        family_id = session.execute(select(Family.id).where(Family.title.startswith("Белова"))).scalar_one()
        card = load_family_card(session, world.coordinator, family_id)
        flagged = [c for c in card.categories if c.decision_missing]
        assert [c.category_id for c in flagged] == [sop]
        report = compute_quarterly(session, quarter(2025, 1))
    counts = {row.code: row.count for row in report.support.by_category}
    assert counts["sop"] == 3 and report.support.at_end == 3  # flagged families are СОП families in the report

    # Taking the category off before the decision is entered is refused, naming the decision field.
    row_id = rows[0][3]
    with database.write() as session, pytest.raises(ValidationError) as refused:
        update_category(session, world.coordinator, row_id, CategoryData(sop, date(2025, 1, 15), date(2025, 3, 1)))
    assert "КДН" in " ".join(refused.value.errors.values())
    # Completing the decision clears the flag.
    with database.write() as session:
        update_category(session, world.coordinator, row_id, CategoryData(
            sop, date(2025, 1, 15), kdn_intake_number="15", kdn_intake_date=date(2025, 1, 10)))
    with database.read() as session:
        card = load_family_card(session, world.coordinator, family_id)
        assert not any(c.decision_missing for c in card.categories)
        assert [c.kdn_intake for c in card.categories if c.category_id == sop] == ["№ 15 от 10.01.2025"]


def test_sop_added_to_a_family_from_the_database_is_flagged_too(database, world, tmp_path, places):
    first = write_xlsx(tmp_path / "first.xlsx", [
        ["ФИО", "Дата рождения", "Район", "Населённый пункт", "Телефон"],
        ["Белова Ирина Сергеевна", "12.04.1987", "Моршанский р-н", "Сосновка", None],
    ])
    _run(database, world.coordinator, first)
    again = write_xlsx(tmp_path / "again.xlsx", [
        ["ФИО", "Дата рождения", "Район", "Населённый пункт", "Телефон", "Категория"],
        ["Белова Ирина Сергеевна", "12.04.1987", "Моршанский р-н", "Сосновка", "89001234567", "СОП"],
    ])
    summary, preview = _run(database, world.coordinator, again, decisions=Decisions("update"))
    assert preview.rows[0].outcome == UPDATE and summary.updated == 1, preview.rows
    _sop, rows = _sop_rows(database, world)
    assert [(number, day) for _title, number, day, _id in rows] == [(None, None)]


def test_a_bad_decision_cell_flags_the_category_and_keeps_the_family(database, world, tmp_path, places):
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["ФИО", "Дата рождения", "Район", "Населённый пункт", "Категория", "Постановление КДН и ЗП"],
        ["Белова Ирина Сергеевна", "12.04.1987", "Моршанский р-н", "Сосновка", "СОП", "№ 5 от 31.02.2025"],
    ])
    summary, preview = _run(database, world.coordinator, path)
    assert preview.rows[0].outcome == NEW and "такой даты нет" in preview.rows[0].reason, preview.rows
    assert "дополнить" in preview.rows[0].reason and summary.created == 1
