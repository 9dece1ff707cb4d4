"""The registry list (filters, sorting, paging) and the family card read model."""

from __future__ import annotations

from datetime import date

from app.registry.families import CategoryData, FamilyData, MemberData, NewFamily, register_family
from app.registry.family_card import load_family_card
from app.registry.family_list import FamilyFilter, search_families
from app.registry.persons import PersonData


def _register(database, world, surname: str, settlement, *, child_birth: date, category: str = "large",
              sop: bool = False, staff=None):
    with database.write() as session:
        roles = {code: world.code(session, "member_role", code) for code in ("mother", "child")}
        female = surname + "а"
        members = [
            MemberData(roles["mother"], True, person=PersonData(female, "Мария", "Ивановна", "F", date(1985, 1, 1))),
            MemberData(roles["child"], False, person=PersonData(surname, "Иван", "Олегович", "M", child_birth)),
        ]
        categories = [CategoryData(world.code(session, "family_category", category), date(2025, 1, 1))]
        if sop:
            categories.append(CategoryData(world.code(session, "family_category", "sop"), date(2025, 2, 1),
                                           kdn_intake_number="12/3", kdn_intake_date=date(2025, 1, 30)))
        family = FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 1),
                            district_id=None, settlement_id=settlement, responsible_staff_id=staff)
        return register_family(session, world.coordinator, NewFamily(family, members, categories)).id


def _titles(database, criteria, **kwargs):
    with database.read() as session:
        page = search_families(session, criteria, today=date(2026, 6, 1), **kwargs)
    return [row.title for row in page.rows], page.total


def test_filters_and_search(database, world):
    _register(database, world, "Ёлкин", world.far_settlement_id, child_birth=date(2024, 3, 1),
              category="early_age", staff=world.psychologist_id)
    _register(database, world, "Петров", world.near_settlement_id, child_birth=date(2015, 3, 1), sop=True)
    _register(database, world, "Сидоров", world.other_settlement_id, child_birth=date(2010, 3, 1))

    assert _titles(database, FamilyFilter()) == (
        ["Ёлкина Мария Ивановна", "Петрова Мария Ивановна", "Сидорова Мария Ивановна"], 3)
    assert _titles(database, FamilyFilter(text="елкин")) == (["Ёлкина Мария Ивановна"], 1)
    assert _titles(database, FamilyFilter(text="Петров Иван"))[1] == 1
    assert _titles(database, FamilyFilter(text="дальн")) == (["Ёлкина Мария Ивановна"], 1)  # settlement
    assert _titles(database, FamilyFilter(district_id=world.other_district_id)) == (["Сидорова Мария Ивановна"], 1)
    with database.read() as session:
        sop = world.code(session, "family_category", "sop")
    assert _titles(database, FamilyFilter(category_id=sop)) == (["Петрова Мария Ивановна"], 1)
    assert _titles(database, FamilyFilter(child_age_max=3))[0] == ["Ёлкина Мария Ивановна"]
    assert _titles(database, FamilyFilter(child_age_min=10, child_age_max=11))[0] == ["Петрова Мария Ивановна"]
    assert _titles(database, FamilyFilter(responsible_staff_id=world.psychologist_id))[1] == 1
    assert _titles(database, FamilyFilter(case_status="none"))[1] == 3
    assert _titles(database, FamilyFilter(case_status="open"))[1] == 0
    assert _titles(database, FamilyFilter(), sort="title", descending=True)[0][0] == "Сидорова Мария Ивановна"
    titles, total = _titles(database, FamilyFilter(), offset=1, limit=1)
    assert (titles, total) == (["Петрова Мария Ивановна"], 3)


def test_rows_show_categories_and_children(database, world):
    _register(database, world, "Петров", world.near_settlement_id, child_birth=date(2015, 3, 1), sop=True)
    with database.read() as session:
        row = search_families(session, FamilyFilter(), today=date(2026, 6, 1)).rows[0]
    assert row.children == 1
    assert row.categories == ("СОП", "Многодет.")
    assert row.settlement == "Центральный"


def test_family_card_reads_members_categories_and_consent_warning(database, world):
    family_id = _register(database, world, "Петров", world.near_settlement_id, child_birth=date(2015, 3, 1),
                          sop=True)
    with database.write() as session:
        card = load_family_card(session, world.coordinator, family_id, today=date(2026, 6, 1))
    assert card.title == "Петрова Мария Ивановна"
    assert [m.full_name for m in card.members] == ["Петрова Мария Ивановна", "Петров Иван Олегович"]
    assert card.members[1].age == 11 and card.members[1].is_child_role
    assert {c.code for c in card.categories} == {"large", "sop"}
    sop = next(c for c in card.categories if c.code == "sop")
    assert sop.kdn_intake == "№ 12/3 от 30.01.2025"
    assert len(card.members_without_consent) == 2
    assert card.cases == [] and card.history == []
