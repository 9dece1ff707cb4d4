"""The invented region's people and places as the generator holds them in memory before writing rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import OporaError
from app.core.text import fold
from db.models import (
    DictionaryItem,
)

NO_END = 10**7  # an ordinal after any date used here


class DemoDictionaries:
    """Dictionary ids by (kind, code), tolerant of a missing optional code."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(
            select(DictionaryItem.kind, DictionaryItem.code, DictionaryItem.id, DictionaryItem.name)
            .where(DictionaryItem.active.is_(True))
            .order_by(DictionaryItem.kind, DictionaryItem.sort_order, DictionaryItem.code)
        )
        self._items: dict[tuple[str, str], tuple[str, str]] = {}
        self._kinds: dict[str, list[str]] = {}
        for kind, code, item_id, name in rows:
            self._items[(kind, code)] = (item_id.hex, name)
            self._kinds.setdefault(kind, []).append(code)

    def has(self, kind: str, code: str) -> bool:
        return (kind, code) in self._items

    def codes(self, kind: str) -> list[str]:
        return list(self._kinds.get(kind, []))

    def _entry(self, kind: str, code: str) -> tuple[str, str]:
        entry = self._items.get((kind, code))
        if entry is None:
            codes = self._kinds.get(kind)
            if not codes:
                raise OporaError(
                    f"Справочник «{kind}» пуст: демонстрационные данные требуют заполненных справочников."
                )
            entry = self._items[(kind, codes[0])]
        return entry

    def id(self, kind: str, code: str) -> str:
        return self._entry(kind, code)[0]

    def name(self, kind: str, code: str) -> str:
        return self._entry(kind, code)[1]


# ---------------------------------------------------------------------------------------------
# In-memory records of the generation (plain slotted classes; nothing here is an ORM object)


class DemoOffice:
    __slots__ = ("families", "id", "index", "name", "staff", "weight")

    def __init__(self, office_id: str, index: int, name: str, weight: float) -> None:
        self.id = office_id
        self.index = index
        self.name = name
        self.weight = weight
        self.staff: dict[str, list[DemoStaff]] = {}
        self.families: list[DemoFamily] = []


class DemoPlace:
    __slots__ = ("distance", "district_id", "id", "kind", "name", "office", "weight")

    def __init__(self, place_id: str, district_id: str, office: DemoOffice, name: str, kind: str,
                 distance: float, weight: float) -> None:
        self.id = place_id
        self.district_id = district_id
        self.office = office
        self.name = name
        self.kind = kind
        self.distance = distance
        self.weight = weight


class DemoStaff:
    __slots__ = ("case_load", "demand", "entries", "group_p", "id", "office", "p", "position", "starts")

    def __init__(self, staff_id: str, office: DemoOffice, position: str) -> None:
        self.id = staff_id
        self.office = office
        self.position = position
        self.demand = 0.0
        self.case_load: list[tuple[int, int, tuple[Any, ...]]] = []
        self.starts: list[int] = []
        self.entries: list[tuple[Any, ...]] = []
        self.p = 0.0
        self.group_p = 0.0


class DemoPerson:
    __slots__ = ("birth", "child", "disabled", "early", "first", "id", "last", "middle", "ovz", "rep",
                 "role", "sex")

    def __init__(self, person_id: str, last: str, first: str, middle: str | None, sex: str, birth: int,
                 role: str, rep: bool, child: bool) -> None:
        self.id = person_id
        self.last = last
        self.first = first
        self.middle = middle
        self.sex = sex
        self.birth = birth
        self.role = role
        self.rep = rep
        self.child = child
        self.disabled = False
        self.ovz = False
        self.early = False


class DemoFamily:
    __slots__ = ("cases", "categories", "ended", "housing", "id", "members", "n_children", "office",
                 "place", "registered", "responsible", "single")

    def __init__(self, family_id: str, office: DemoOffice, place: DemoPlace, registered: int,
                 categories: list[str], n_children: int, single: bool) -> None:
        self.id = family_id
        self.office = office
        self.place = place
        self.registered = registered
        self.categories = categories
        self.n_children = n_children
        self.single = single
        self.ended = NO_END
        self.members: list[DemoPerson] = []
        self.responsible: DemoStaff | None = None
        self.housing = ""
        self.cases: list[tuple[str, str, int, int, str | None]] = []  # id, kind, opened, closed, child

    @property
    def children(self) -> list[DemoPerson]:
        return [member for member in self.members if member.child]

    @property
    def representative(self) -> DemoPerson:
        """The first legal representative as `families.refresh_title` orders them."""
        return min(self.members, key=lambda m: (not m.rep, m.birth, fold(m.last)))
