"""The pick-lists of the account editor (Administration → Users), read in one unit."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.reference.choices import Choice
from app.reference.dictionaries import list_items
from app.reference.organization import list_offices
from app.reference.staff import list_staff


@dataclass(frozen=True)
class AccountChoices:
    """Active staff records («Фамилия И.О. — должность», as every picker names them), offices, and the positions
    for a staff record made in the account editor."""

    staff: list[Choice]
    offices: list[Choice]
    positions: list[Choice] = field(default_factory=list)


def account_choices(session: Session) -> AccountChoices:
    staff = [Choice(row.id, row.label, row.office_id, row.position_code) for row in list_staff(session)]
    offices = [Choice(row.id, row.name) for row in list_offices(session)]
    positions = [Choice(row.id, row.name, code=row.code) for row in list_items(session, "position")]
    return AccountChoices(staff, offices, positions)
