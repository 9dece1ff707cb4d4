"""The pick-lists of the account editor (Administration → Users), read in one unit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.reference.choices import Choice
from app.reference.organization import list_offices
from app.reference.staff import list_staff


@dataclass(frozen=True)
class AccountChoices:
    """Active staff records («Фамилия И.О. — должность», as every picker names them) and offices."""

    staff: list[Choice]
    offices: list[Choice]


def account_choices(session: Session) -> AccountChoices:
    staff = [Choice(row.id, row.label, row.office_id, row.position_code) for row in list_staff(session)]
    offices = [Choice(row.id, row.name) for row in list_offices(session)]
    return AccountChoices(staff, offices)
