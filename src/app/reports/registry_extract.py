"""«Выписка из реестра»: the registry's families (by the registry list's filters), the support they are on that day
(the case's kind and level of support) and their current members.

The families come from `app.registry.family_list.search_families` page by page (the same filters and sort as the
registry screen), and each page's members from one query; nothing loads ORM objects.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from app.core.actor import Actor
from app.core.dates import age_on
from app.core.progress import Progress, no_progress
from app.core.text import format_snils, full_name
from app.documents.xlsx import Column, SheetWriter, new_workbook, save_workbook
from app.reference.organization import load_organization
from app.registry.family_list import FamilyFilter, FamilyRow, search_families
from db.models import DictionaryItem, FamilyMember, Person, SupportCase

REPORT_TITLE = "Выписка из реестра семей"
PAGE_SIZE = 500
COLUMNS = [
    Column("№", 6, "int"),
    Column("Семья", 28),
    Column("Район", 18),
    Column("Населённый пункт", 18),
    Column("Адрес", 26),
    Column("Телефон", 16),
    Column("Категории", 22),
    Column("Сопровождение", 26),
    Column("ФИО члена семьи", 30),
    Column("Роль в семье", 14),
    Column("Дата рождения", 12, "date"),
    Column("Возраст", 9, "int"),
    Column("СНИЛС", 16),
    Column("Законный представитель", 14),
]


@dataclass(frozen=True)
class RegistryMemberRow:
    """One current member of a family in the extract, with the family's columns repeated."""

    family_id: uuid.UUID
    family_title: str
    district: str
    settlement: str
    address: str
    phone: str
    categories: tuple[str, ...]
    person_id: uuid.UUID
    full_name: str
    role: str
    birth_date: date | None
    age: int | None
    snils: str  # formatted like 112-233-445 95, empty when unknown
    is_legal_representative: bool
    support: tuple[str, ...] = ()  # the family's cases open that day: «ИПР СОП (интенсивный)»


def _support(session: Session, family_ids: list[uuid.UUID], today: date) -> dict[uuid.UUID, tuple[str, ...]]:
    """Each family's cases open on `today`, oldest first: the kind, with the level of support when one is set."""
    kind, level = aliased(DictionaryItem), aliased(DictionaryItem)
    support: dict[uuid.UUID, list[str]] = defaultdict(list)
    for family_id, kind_name, level_name in session.execute(
        select(SupportCase.family_id, kind.name, level.name)
        .join(kind, kind.id == SupportCase.kind_id)
        .outerjoin(level, level.id == SupportCase.support_level_id)
        .where(SupportCase.family_id.in_(family_ids), SupportCase.deleted_at.is_(None),
               SupportCase.opened_on <= today, or_(SupportCase.closed_on.is_(None), SupportCase.closed_on > today))
        .order_by(SupportCase.opened_on, SupportCase.id)
    ):
        support[family_id].append(f"{kind_name} ({level_name.lower()})" if level_name else kind_name)
    return {family_id: tuple(items) for family_id, items in support.items()}


def _members(session: Session, family_ids: list[uuid.UUID], today: date) -> dict[uuid.UUID, list[tuple]]:
    """The current members of the families: legal representatives first, then by role and age."""
    members: dict[uuid.UUID, list[tuple]] = defaultdict(list)
    for row in session.execute(
        select(FamilyMember.family_id, Person.id, Person.last_name, Person.first_name, Person.middle_name,
               DictionaryItem.name, Person.birth_date, Person.snils, FamilyMember.is_legal_representative)
        .join(Person, Person.id == FamilyMember.person_id)
        .outerjoin(DictionaryItem, DictionaryItem.id == FamilyMember.role_id)
        .where(FamilyMember.family_id.in_(family_ids), Person.deleted_at.is_(None),
               or_(FamilyMember.left_on.is_(None), FamilyMember.left_on > today))
        .order_by(FamilyMember.is_legal_representative.desc(), DictionaryItem.sort_order,
                  Person.birth_date, Person.last_name_key, Person.first_name_key, Person.id)
    ):
        members[row[0]].append(tuple(row[1:]))
    return members


def _rows_of_page(family: FamilyRow, members: list[tuple], today: date,
                  support: tuple[str, ...] = ()) -> list[RegistryMemberRow]:
    return [
        RegistryMemberRow(
            family_id=family.id, family_title=family.title, district=family.district,
            settlement=family.settlement, address=family.address, phone=family.phone,
            categories=family.categories, person_id=person_id, full_name=full_name(last, first, middle),
            role=role or "", birth_date=birth, age=age_on(birth, today) if birth else None,
            snils=format_snils(snils), is_legal_representative=bool(representative), support=support,
        )
        for person_id, last, first, middle, role, birth, snils, representative in members
    ]


def registry_rows(session: Session, criteria: FamilyFilter, today: date | None = None,
                  progress: Progress | None = None, actor: Actor | None = None) -> list[RegistryMemberRow]:
    """Every family matching `criteria` (sorted by title as in the registry) with its current members;
    `progress(done, total, label)` is called after each 500 families and may raise Cancelled; with
    `actor`, only the families that user may see."""
    today = today or date.today()
    report = progress or no_progress
    rows: list[RegistryMemberRow] = []
    offset = 0
    while True:
        page = search_families(session, criteria, actor=actor, offset=offset, limit=PAGE_SIZE, today=today)
        if not page.rows:
            report(offset, page.total, "Семьи реестра")
            break
        family_ids = [family.id for family in page.rows]
        members, support = _members(session, family_ids, today), _support(session, family_ids, today)
        for family in page.rows:
            rows.extend(_rows_of_page(family, members.get(family.id, []), today, support.get(family.id, ())))
        offset += len(page.rows)
        report(min(offset, page.total), page.total, "Семьи реестра")
        if len(page.rows) < PAGE_SIZE:
            break
    return rows


def export_registry_xlsx(session: Session, criteria: FamilyFilter, target: Path,
                         progress: Progress | None = None, today: date | None = None) -> Path:
    """One row per current member of each matching family. Cancelled from `progress` leaves no file."""
    today = today or date.today()
    rows = registry_rows(session, criteria, today, progress)
    return write_registry_xlsx(rows, load_organization(session).name, target, today, progress)


def write_registry_xlsx(rows: list[RegistryMemberRow], organisation: str, target: Path, today: date,
                        progress: Progress | None = None) -> Path:
    """The extract's workbook from rows already read (the Reports screen shows them first)."""
    book = new_workbook()
    writer = SheetWriter(book, "Выписка", COLUMNS, organisation=organisation, report=REPORT_TITLE,
                         period=f"По состоянию на {today:%d.%m.%Y}")
    numbers: dict[uuid.UUID, int] = {}
    for row in rows:
        number = numbers.setdefault(row.family_id, len(numbers) + 1)
        writer.row([number, row.family_title, row.district, row.settlement, row.address, row.phone,
                    ", ".join(row.categories), "; ".join(row.support), row.full_name, row.role, row.birth_date,
                    row.age, row.snils,
                    "да" if row.is_legal_representative else "нет"])
    writer.row([None, f"Семей: {len(numbers)}, членов семей: {len(rows)}", *[None] * (len(COLUMNS) - 2)],
               bold=True)
    writer.finish(freeze_column=3)
    if progress is not None:
        progress(len(numbers), len(numbers), "Запись файла")
    return save_workbook(book, target)
