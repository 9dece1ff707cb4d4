"""The КДН и ЗП's next review date kept with a СОП decision: entered and changed with the decision (checked, by
name), and a deadline kind of its own that finds exactly the current decisions whose review is near or passed."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from app.core.dates import add_years
from app.core.errors import ValidationError
from app.registry.families import CategoryData, add_category, update_category
from app.registry.family_card import load_family_card
from app.worklist.deadlines import compute_deadlines
from app.worklist.settings import KIND_BY_CODE, write_deadline_setting
from tests.app.worklist.test_deadlines import TODAY, _family


def _sop(session, world, review, started=200, **extra) -> CategoryData:
    return CategoryData(world.code(session, "family_category", "sop"), TODAY - timedelta(days=started),
                        kdn_intake_number="45/2", kdn_intake_date=TODAY - timedelta(days=started), kdn_review_on=review,
                        **extra)


def _reviews(database, actor, **kwargs) -> dict[object, tuple]:
    with database.read() as session:
        return {uuid.UUID(d.family_id): (d.due_on, d.detail, d.record_id and uuid.UUID(d.record_id))
                for d in compute_deadlines(session, actor, TODAY, kinds=["kdn_review"], **kwargs)}


def test_the_review_kind_finds_near_and_passed_reviews_of_current_decisions(database, world):
    assert KIND_BY_CODE["kdn_review"].default_days == 14
    with database.write() as session:
        near, far, passed = (_sop(session, world, TODAY + timedelta(days=d)) for d in (10, 20, -5))
        none = _sop(session, world, None)
        ended = _sop(session, world, TODAY + timedelta(days=3), ended_on=TODAY - timedelta(days=1),
                     end_reason_id=world.code(session, "category_removal_reason", "kdn_decision"),
                     kdn_closure_number="50", kdn_closure_date=TODAY - timedelta(days=1))
        large = CategoryData(world.code(session, "family_category", "large"), TODAY - timedelta(days=100))
    families = {name: _family(database, world, last, add_years(TODAY, -6), [data])
                for name, last, data in (("near", "Кузнецова", near), ("far", "Орлова", far),
                                         ("passed", "Волкова", passed), ("none", "Тихонова", none),
                                         ("ended", "Лебедева", ended), ("large", "Морозова", large))}
    found = _reviews(database, world.coordinator)
    assert set(found) == {families["near"].id, families["passed"].id}
    due, detail, record = found[families["near"].id]
    assert due == TODAY + timedelta(days=10) and "подготовить" in detail and "№ 45/2" in detail
    due, detail, _ = found[families["passed"].id]
    assert due == TODAY - timedelta(days=5) and "было назначено" in detail
    with database.read() as session:
        card = load_family_card(session, world.coordinator, families["near"].id)
    assert [row.id for row in card.categories if row.kdn_review_on == TODAY + timedelta(days=10)] == [record]

    with database.write() as session:  # the administrator widens the warning: the review in 20 days comes in
        write_deadline_setting(session, world.admin, "kdn_review", True, 30)
    assert set(_reviews(database, world.coordinator)) == {families[n].id for n in ("near", "far", "passed")}
    with database.write() as session:  # switched off: nothing
        write_deadline_setting(session, world.admin, "kdn_review", False, 30)
    assert _reviews(database, world.coordinator) == {}
    # a specialist responsible for none of them sees none
    with database.write() as session:
        write_deadline_setting(session, world.admin, "kdn_review", True, 14)
    assert _reviews(database, world.specialist) == {}


def test_entering_the_next_review_date_moves_the_deadline(database, world):
    with database.write() as session:
        sop = _sop(session, world, TODAY - timedelta(days=2))
    family = _family(database, world, "Кузнецова", add_years(TODAY, -6), [sop])
    (record,) = [r for _, _, r in _reviews(database, world.coordinator).values()]
    with database.write() as session:  # the commission met; the next review in three months
        update_category(session, world.coordinator, record,
                        _sop(session, world, TODAY + timedelta(days=90)))
    assert _reviews(database, world.coordinator) == {}
    with database.read() as session:
        card = load_family_card(session, world.coordinator, family.id)
    assert card.categories[0].kdn_review_on == TODAY + timedelta(days=90)


def test_a_bad_review_date_is_named(database, world):
    family = _family(database, world, "Кузнецова", add_years(TODAY, -6))
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_category(session, world.coordinator, family.id, _sop(session, world, TODAY - timedelta(days=300)))
    assert "Дата следующего рассмотрения в КДН и ЗП" in caught.value.errors["kdn_review_on"]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_category(session, world.coordinator, family.id, CategoryData(
            world.code(session, "family_category", "large"), TODAY, kdn_review_on=TODAY + timedelta(days=30)))
    assert "только для категорий по постановлению КДН" in caught.value.errors["kdn_review_on"]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        add_category(session, world.coordinator, family.id, _sop(session, world, TODAY + timedelta(days=3650)))
    assert "слишком далеко" in caught.value.errors["kdn_review_on"]
