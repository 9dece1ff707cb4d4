"""The account editor's pick-lists: staff named the one way every picker names them, and the offices."""

from __future__ import annotations

from app.accounts.choices import account_choices
from app.reference.organization import list_offices
from app.reference.staff import list_staff


def test_staff_are_labelled_by_staff_label_and_offices_listed(database, world) -> None:
    with database.read() as session:
        choices = account_choices(session)
        staff, offices = list_staff(session), list_offices(session)
    assert [(c.id, c.label) for c in choices.staff] == [(row.id, row.label) for row in staff]
    psychologist = next(c for c in choices.staff if c.id == world.psychologist_id)
    row = next(r for r in staff if r.id == world.psychologist_id)
    assert psychologist.label == f"{row.short_name} — {row.position_name.lower()}"  # «Смирнова О.И. — психолог»
    assert psychologist.label.startswith("Смирнова ")
    assert [(c.id, c.label) for c in choices.offices] == [(row.id, row.name) for row in offices]
