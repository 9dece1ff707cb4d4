"""The preview of a registry import: rows parsed into families and persons, each person checked for
duplicates inside the file and in the database, each row given its outcome and reason.

Two layouts: one row per person (grouped into families by a family-number column, else by the same
address and surname, an empty address continuing the family above) and one row per family (the
legal representative's columns and a «Дети» list). The plan is pure data; `families_write` applies it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.cases.cases import DEFAULT_REVIEW_YEARS
from app.core.actor import Actor
from app.core.checks import Checker
from app.core.dates import ADULT_AGE, age_on
from app.core.progress import Progress, no_progress
from app.core.text import fold, format_date, format_snils
from app.importing.addresses import split_address
from app.importing.cells import CellError, parse_date, parse_decision, parse_flag, split_full_name, surname_stem
from app.importing.fields import SUPPORT_FIELDS
from app.importing.files import SheetData
from app.importing.known import KnownPerson, KnownPersons, NameKey, existing_families, load_known, name_key
from app.importing.mappings import ColumnMapping
from app.importing.matching import (
    CASE_KIND,
    CASE_KIND_STEMS,
    CATEGORY,
    CLOSING_REASON,
    CLOSING_STEMS,
    DISTRICT,
    ROLE,
    ROLE_STEMS,
    Dictionaries,
    NewPlace,
    Unknown,
)
from app.importing.outcome import (
    CREATE,
    DUPLICATE,
    ERROR,
    NEW,
    UPDATE,
    Decisions,
    Preview,
    RowResult,
)
from app.importing.rows import (
    ParsedPerson,
    PersonCells,
    SheetRow,
    children_of,
    data_rows,
    labels_of,
    parse_person,
    row_person,
)

FAMILY_LAYOUT_FIELDS = ("rep_full_name", "children")
PROGRESS_STEP = 2000  # rows between progress calls (Cancel is answered there)
_PERSON_LABELS = ("birth_date", "snils", "sex")


@dataclass
class Member:
    row: int
    person: ParsedPerson
    role_id: uuid.UUID | None = None
    is_legal_representative: bool = False
    disabled: bool = False
    disability_since: date | None = None
    match: KnownPerson | None = None
    duplicate_of_row: int | None = None
    changes: dict = field(default_factory=dict)  # person column → new value, for an update
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.person.ok and not self.errors


@dataclass(frozen=True)
class SupportPlan:
    """The support case a family of the file opens (already checked: dates past and in order)."""

    kind_id: uuid.UUID
    opened_on: date
    closed_on: date | None
    closing_reason_id: uuid.UUID | None
    staff_id: uuid.UUID | None


@dataclass
class FamilyGroup:
    rows: list[int]
    values: dict  # family columns as FamilyData takes them (office and dates included)
    category_ids: list[uuid.UUID]
    members: list[Member] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    target_family_id: uuid.UUID | None = None
    family_changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the family comes in, but the user should act
    support: SupportPlan | None = None
    decisions: dict[uuid.UUID, tuple[str, date]] = field(default_factory=dict)  # СОП category → КДН № and date


@dataclass
class FamilyPlan:
    groups: list[FamilyGroup]
    preview: Preview
    decisions: Decisions
    review_years: dict[uuid.UUID, int] = field(default_factory=dict)  # case kind → years between reviews
    new_places: dict[uuid.UUID, NewPlace] = field(default_factory=dict)  # provisional id → place to create
    office_id: uuid.UUID | None = None  # where new districts are assigned (the importing user's office)


# --- parsing rows into families -------------------------------------------------------------------------


def _family_values(row: SheetRow, dictionaries: Dictionaries, office_id: uuid.UUID | None, today: date,
                   places: set[str]) -> tuple[dict, list[uuid.UUID], list[str], bool]:
    """Family columns of a row: address, places, phone, date, categories; (values, categories, errors,
    disabled flag)."""
    errors: list[str] = []
    address = split_address(row.text("address"), places)
    district_text = row.text("district") or address.district
    settlement_text = row.text("settlement") or address.settlement
    matched, district_id = dictionaries.district(district_text)
    if not matched:
        errors.append(f"Район «{district_text}» не найден в справочнике — сопоставьте его с районом из списка.")
    matched, settlement_id = dictionaries.settlement(settlement_text, district_id)
    if not matched:
        errors.append(f"Населённый пункт «{settlement_text}» не найден в справочнике — сопоставьте его "
                      f"с пунктом из списка" + (", а чтобы создать его, укажите район." if district_id is None
                                               else "."))
    if settlement_id is not None:
        district_id = dictionaries.settlement_district(settlement_id) or district_id
    try:
        # None when blank: a later row of the family may hold the date; today only when no row does.
        registered = parse_date(row.get("registered_on"), row.label("registered_on"), today)
    except CellError as error:
        errors.append(str(error))
        registered = None
    check = Checker()
    values = {
        "office_id": dictionaries.district_offices.get(district_id) if district_id else None,
        "registered_on": check.past_date("registered_on", registered, row.label("registered_on"), today=today)
        if registered else None,
        "district_id": district_id,
        "settlement_id": settlement_id,
        "street": check.text("street", row.text("street") or address.street, "Улица", max_length=200),
        "house": check.text("house", row.text("house") or address.house, "Дом", max_length=20),
        "building": check.text("building", address.building, "Корпус", max_length=20),
        "apartment": check.text("apartment", row.text("apartment") or address.apartment, "Квартира", max_length=20),
        "phone": check.phone("phone", row.text("phone")),
        "notes": check.text("notes", row.text("notes"), "Примечание", max_length=4000),
    }
    values["office_id"] = values["office_id"] or office_id
    errors.extend(check.errors.values())
    values.update(_support_values(row, dictionaries, today, errors))
    values.update(_kdn_values(row, today))
    category_ids, unknown = dictionaries.categories(row.lines("category"))
    for text in unknown:
        errors.append(f"Категория «{text}» не найдена в справочнике — сопоставьте её с категорией из списка.")
    try:
        disabled = bool(parse_flag(row.get("disabled_child"), row.label("disabled_child")))
    except CellError as error:
        errors.append(str(error))
        disabled = False
    return values, category_ids, errors, disabled


def _support_values(row: SheetRow, dictionaries: Dictionaries, today: date, errors: list[str]) -> dict:
    """The support columns of a row (kind, dates, reason, responsible), None where blank; `support_given`
    is True when any of them holds something (a family with blank support cells opens no case)."""
    found: dict = {"support_given": True if any(row.get(key) is not None for key in SUPPORT_FIELDS) else None}
    for key in ("support_opened_on", "support_closed_on"):
        try:
            found[key] = parse_date(row.get(key), row.label(key), today)
        except CellError as error:
            errors.append(str(error))
            found[key] = None
        if found[key] is not None and found[key] > today:
            errors.append(f"Столбец «{row.label(key)}»: дата {format_date(found[key])} ещё не наступила.")
            found[key] = None
    found["support_kind_id"] = found["support_reason_id"] = found["support_staff_id"] = None
    if text := row.text("support_kind"):
        matched, found["support_kind_id"] = dictionaries.entry(CASE_KIND, text, CASE_KIND_STEMS)
        if not matched:
            errors.append(f"Вид сопровождения «{text}» не найден в справочнике — сопоставьте его со значением "
                          f"из списка.")
    if text := row.text("support_closing_reason"):
        matched, found["support_reason_id"] = dictionaries.entry(CLOSING_REASON, text, CLOSING_STEMS)
        if not matched:
            errors.append(f"Причина снятия «{text}» не найдена в справочнике — сопоставьте её со значением "
                          f"из списка.")
    if text := row.text("support_staff"):
        staff = dictionaries.staff_member(text)
        found["support_staff_id"] = staff[0] if len(staff) == 1 else None
        found["support_staff_text"] = None if len(staff) == 1 else text
    return found


def _kdn_values(row: SheetRow, today: date) -> dict:
    """The КДН и ЗП decision of the row, if the file has it (number and date; the date may be a column
    of its own)."""
    try:
        number, day = parse_decision(row.get("kdn_decision"), row.label("kdn_decision"), today)
        day = parse_date(row.get("kdn_date"), row.label("kdn_date"), today) or day
    except CellError as error:  # the family still comes in: its СОП category is flagged «дополнить»
        return {"kdn_problem": str(error)}
    if day is not None and day > today:
        return {"kdn_problem": f"постановление КДН и ЗП датировано будущим днём ({format_date(day)})"}
    return {"kdn_intake_number": number, "kdn_intake_date": day}


def _role(row: SheetRow, person: ParsedPerson, dictionaries: Dictionaries, today: date,
          child: bool | None = None) -> tuple[uuid.UUID | None, str | None]:
    """The member role from the «Роль» cell, else from the age (child) and sex (mother / father)."""
    codes = dictionaries.codes.get(ROLE, {})
    text = row.text("role") if child is None else None
    if text:
        matched, role_id = dictionaries.entry(ROLE, text, ROLE_STEMS)
        if not matched or role_id is None:
            return None, f"Роль «{text}» не найдена в справочнике — сопоставьте её с ролью из списка."
        return role_id, None
    if person.values is None:
        return None, None  # the person's own errors already explain the row
    values = person.values
    birth = values.get("birth_date")
    if child is None:
        if birth is None:
            return None, "Не указана роль в семье, и нет даты рождения, чтобы её определить."
        child = age_on(birth, today) < ADULT_AGE
    if child:
        return codes.get("child"), None
    return codes.get("mother" if values.get("sex") == "F" else "father"), None


def _person_labels(row: SheetRow, prefix: str = "") -> dict[str, str]:
    labels = labels_of(row, _PERSON_LABELS)
    if prefix:
        labels = {"birth_date": row.label(f"{prefix}birth_date"), "snils": row.label(f"{prefix}snils"),
                  "sex": row.label("sex")}
    return labels


def _person_per_row(rows: list[SheetRow], dictionaries: Dictionaries, office_id: uuid.UUID | None,
                    today: date, places: set[str], progress: Progress = no_progress
                    ) -> tuple[list[FamilyGroup], dict[int, list[str]]]:
    groups: dict[tuple, FamilyGroup] = {}
    loose: dict[int, list[str]] = {}
    previous_key: str | None = None
    previous_address: str | None = None
    has_address = any(key in rows[0].mapping.columns for key in ("address", "street", "settlement")) if rows else False
    run = 0
    previous_stem = None
    for index, row in enumerate(rows):
        if index % PROGRESS_STEP == 0:
            progress(index, len(rows), "Проверка строк файла")
        cells = row_person(row)
        if cells is None:
            loose[row.number] = ["В строке нет ФИО — укажите фамилию и имя."]
            continue
        person = parse_person(cells, _person_labels(row), today)
        family_text = row.text("family_key")
        address_text = " ".join(filter(None, (row.text("address"), row.text("settlement"), row.text("street"),
                                              row.text("house"), row.text("apartment"))))
        stem = surname_stem(cells.last)
        if "family_key" in row.mapping.columns:
            family_text = family_text or previous_key
            key: tuple = ("key", fold(family_text)) if family_text else ("row", row.number)
        elif has_address:
            address_text = address_text or previous_address or ""
            key = ("address", fold(address_text), stem)
        else:
            run += stem != previous_stem
            key = ("run", run, stem)
        previous_key, previous_address, previous_stem = family_text, address_text, stem
        values, categories, errors, disabled = _family_values(row, dictionaries, office_id, today, places)
        group = groups.get(key)
        if group is None:
            group = groups[key] = FamilyGroup([], values, categories)
        else:
            for name, value in values.items():
                if group.values.get(name) is None and value is not None:
                    group.values[name] = value
            group.category_ids.extend(c for c in categories if c not in group.category_ids)
        group.rows.append(row.number)
        group.errors.extend(e for e in errors if e not in group.errors)
        role_id, role_error = _role(row, person, dictionaries, today)
        member = Member(row.number, person, role_id, disabled=disabled)
        if role_error:
            member.errors.append(role_error)
        _disability(row, member, today)
        group.members.append(member)
    return list(groups.values()), loose


def _disability(row: SheetRow, member: Member, today: date) -> None:
    try:
        member.disability_since = parse_date(row.get("disability_since"), row.label("disability_since"), today)
    except CellError as error:
        member.errors.append(str(error))


def _family_per_row(rows: list[SheetRow], dictionaries: Dictionaries, office_id: uuid.UUID | None,
                    today: date, places: set[str], progress: Progress = no_progress
                    ) -> tuple[list[FamilyGroup], dict[int, list[str]]]:
    groups = []
    loose: dict[int, list[str]] = {}
    for index, row in enumerate(rows):
        if index % PROGRESS_STEP == 0:
            progress(index, len(rows), "Проверка строк файла")
        values, categories, errors, disabled = _family_values(row, dictionaries, office_id, today, places)
        group = FamilyGroup([row.number], values, categories, errors=errors)
        rep_cells = None
        if row.get("rep_full_name") is not None:
            last, first, middle = split_full_name(row.text("rep_full_name"))
            rep_cells = PersonCells(last, first, middle, row.get("rep_birth_date"), row.get("rep_snils"),
                                    None, row.text("phone"))
        elif (cells := row_person(row)) is not None:
            rep_cells = cells
        if rep_cells is not None:
            rep = parse_person(rep_cells, _person_labels(row, "rep_"), today)
            role_id, role_error = _role(row, rep, dictionaries, today, child=False)
            member = Member(row.number, rep, role_id, is_legal_representative=True)
            member.errors.extend(filter(None, [role_error]))
            group.members.append(member)
        children = children_of(row.text("children"))
        for name, birth_text in children:
            last, first, middle = split_full_name(name)
            single = len(children) == 1
            cells = PersonCells(last, first, middle, birth_text or (row.get("child_birth_date") if single else None),
                                row.get("child_snils") if single else None)
            child = parse_person(cells, _person_labels(row, "child_"), today)
            role_id, role_error = _role(row, child, dictionaries, today, child=True)
            member = Member(row.number, child, role_id, disabled=disabled and single)
            member.errors.extend(filter(None, [role_error]))
            if single:
                _disability(row, member, today)
            group.members.append(member)
        if not group.members:
            loose[row.number] = ["В строке нет ни законного представителя, ни детей."]
            continue
        if disabled:
            group.values["disabled"] = True
        groups.append(group)
    return groups, loose


def _mark_representative(group: FamilyGroup, dictionaries: Dictionaries) -> None:
    if any(m.is_legal_representative for m in group.members):
        return
    for member in group.members:
        attrs = dictionaries.attrs.get(member.role_id, {}) if member.role_id else {}
        birth = (member.person.values or {}).get("birth_date")
        if attrs.get("may_represent") and birth and age_on(birth, date.today()) >= ADULT_AGE:
            member.is_legal_representative = True
            return


def _disabled_category(group: FamilyGroup, dictionaries: Dictionaries) -> None:
    if group.values.pop("disabled", False) or any(m.disabled for m in group.members):
        code = dictionaries.codes.get(CATEGORY, {}).get("disabled_child")
        if code and code not in group.category_ids:
            group.category_ids.append(code)


_SUPPORT_KEYS = ("support_given", "support_opened_on", "support_closed_on", "support_kind_id", "support_reason_id",
                 "support_staff_id", "support_staff_text")


def _support_plan(group: FamilyGroup, dictionaries: Dictionaries, default_kind: uuid.UUID | None,
                  has_columns: bool) -> None:
    """Decide the family's support case. With support columns in the file, a family whose support cells are
    blank opens none; without them, every family opens `default_kind` (if chosen) from its registration date.
    A kind column wins over the default; no kind at all opens nothing and says so."""
    cells = {key: group.values.pop(key, None) for key in _SUPPORT_KEYS}
    if has_columns and not cells["support_given"]:
        return
    kind_id = cells["support_kind_id"] or default_kind
    if kind_id is None:
        if has_columns:
            group.warnings.append("вид сопровождения не указан в файле и не выбран для импорта — сопровождение "
                                  "не открыто")
        return
    opened = cells["support_opened_on"] or group.values["registered_on"]
    closed = cells["support_closed_on"]
    if closed is not None and closed < opened:
        group.errors.append(f"Дата снятия {format_date(closed)} раньше даты постановки на сопровождение "
                            f"{format_date(opened)}.")
        return
    reason = cells["support_reason_id"]
    if closed is not None and reason is None:
        reason = dictionaries.codes.get(CLOSING_REASON, {}).get("other")
    if cells["support_staff_text"]:
        group.warnings.append(f"ответственный специалист «{cells['support_staff_text']}» не найден среди "
                              f"сотрудников — сопровождение открыто без него")
    group.support = SupportPlan(kind_id, opened, closed, reason if closed else None, cells["support_staff_id"])


def _kdn_decision(group: FamilyGroup, dictionaries: Dictionaries) -> None:
    """A category set by a КДН и ЗП decision (СОП) comes in with the decision when the row has its number and
    date; without them the category is kept and flagged «нет постановления КДН — дополнить» (the card shows
    it until the decision is entered), instead of refusing the family or dropping the category."""
    number, day = group.values.pop("kdn_intake_number", None), group.values.pop("kdn_intake_date", None)
    problem = group.values.pop("kdn_problem", None)
    if problem:
        number = day = None
        group.warnings.append(problem[:1].lower() + problem[1:].rstrip("."))
    for category_id in group.category_ids:
        if not dictionaries.attrs.get(category_id, {}).get("requires_kdn"):
            continue
        if number and day is not None:
            group.decisions[category_id] = (number, day)
            continue
        given = f" (в файле только {'№ ' + number if number else format_date(day)})" if number or day else ""
        group.warnings.append(f"категория «{dictionaries.names[category_id]}» с отметкой «нет постановления КДН — "
                              f"дополнить»{given}: внесите № и дату постановления в карточке семьи")


# --- duplicates and outcomes ------------------------------------------------------------------------------


def _key_of(member: Member) -> NameKey:
    values = member.person.values or {}
    return name_key(values.get("last_name"), values.get("first_name"), values.get("middle_name"),
                    values.get("birth_date"))


def _match(member: Member, known: KnownPersons) -> None:
    values = member.person.values or {}
    snils = values.get("snils")
    key = _key_of(member)
    by_snils, by_name = known.find(key, snils)
    hidden = next((found.hidden for found in (by_snils, by_name) if found is not None and found.hidden), None)
    if hidden:
        member.errors.append(hidden[:1].upper() + hidden[1:] + ".")
        return
    if by_snils and by_name and by_snils.id != by_name.id:
        member.errors.append(f"СНИЛС {format_snils(snils)} записан у «{by_snils.describe()}», а ФИО и дата "
                             f"рождения совпадают с «{by_name.describe()}» — проверьте данные.")
        return
    if by_snils and not by_name:
        same_name = name_key(by_snils.last_name, by_snils.first_name, by_snils.middle_name, None)[:3] == key[:3]
        if not same_name or (by_snils.birth_date and key[3] and by_snils.birth_date != key[3]):
            member.errors.append(f"СНИЛС {format_snils(snils)} уже записан у другого человека: "
                                 f"«{by_snils.describe()}».")
            return
    if by_name and not by_snils and snils and by_name.snils and by_name.snils != snils:
        member.errors.append(f"ФИО и дата рождения совпадают с «{by_name.describe()}», но СНИЛС в базе другой "
                             f"({format_snils(by_name.snils)}) — проверьте данные.")
        return
    match = by_snils or by_name
    if match is None:
        return
    member.match = match
    changes = {}
    if values.get("snils") and not match.snils:
        changes["snils"] = values["snils"]
    if values.get("birth_date") and not match.birth_date:
        changes["birth_date"] = values["birth_date"]
    if values.get("phone") and fold(values["phone"]) != fold(match.phone):
        changes["phone"] = values["phone"]
    member.changes = changes


CHANGE_TITLES = {"snils": "СНИЛС", "birth_date": "дата рождения", "phone": "телефон"}


def _find_duplicates(groups: list[FamilyGroup], known: KnownPersons) -> None:
    seen_snils: dict[str, int] = {}
    seen_names: dict[NameKey, int] = {}
    for group in groups:
        for member in group.members:
            if not member.ok:
                continue
            snils = (member.person.values or {}).get("snils")
            key = _key_of(member)
            earlier = (seen_snils.get(snils) if snils else None) or (seen_names.get(key) if key[3] else None)
            if earlier is not None:
                member.duplicate_of_row = earlier
                continue
            if snils:
                seen_snils[snils] = member.row
            if key[3]:
                seen_names[key] = member.row
            _match(member, known)


def _row_result(row: int, members: list[Member], group: FamilyGroup, decisions: Decisions,
                cells: list[str]) -> RowResult:
    """The row's outcome. The family's own errors (place, office) refuse the row; a member's bad value
    (СНИЛС checksum, a future date) refuses only that member when the row holds others (one row per family)."""
    summary = "; ".join(m.person.label for m in members)
    refused = [m for m in members if not m.ok]
    members = [m for m in members if m.ok]
    errors = list(group.errors)
    for member in refused:
        prefix = f"{member.person.label}: " if len(refused) + len(members) > 1 else ""
        errors.extend(prefix + e for e in (*member.person.errors, *member.errors))
    if group.errors or not members:
        return RowResult(row, ERROR, summary, " ".join(dict.fromkeys(errors)), cells=cells)
    notes = [f"не войдёт {e}" for e in dict.fromkeys(errors)]
    matched = [m for m in members if m.match is not None]
    new = [m for m in members if m.match is None and m.duplicate_of_row is None]
    if new and not matched:
        notes += (["добавится в семью из базы"] if group.target_family_id else []) + \
            (group.warnings if row == group.rows[0] else [])
        reason = _sentence(notes)
        return RowResult(row, NEW, summary, reason[:1].upper() + reason[1:], cells=cells)
    if not matched:
        rows = ", ".join(str(m.duplicate_of_row) for m in members)
        return RowResult(row, DUPLICATE, summary, _sentence([f"повторяет строку {rows} этого файла", *notes]),
                         cells=cells)
    changed = [CHANGE_TITLES[name] for m in matched for name in m.changes] + group.family_changes
    known = "; ".join(m.match.describe() for m in matched if m.match)
    decision = decisions.for_row(row)
    if changed:
        reason = f"есть в базе: {known}; из файла изменится: {', '.join(dict.fromkeys(changed))}"
        return RowResult(row, UPDATE, summary, _sentence([reason, *notes]), decision, cells)
    return RowResult(row, DUPLICATE, summary, _sentence([f"уже есть в базе: {known}", *notes]), decision, cells)


def _sentence(parts: list[str]) -> str:
    return "; ".join(part for part in parts if part)


def _family_changes(session: Session, groups: list[FamilyGroup]) -> None:
    """What the file would change in the existing families it names: address parts and categories."""
    targets = {g.target_family_id for g in groups if g.target_family_id}
    current = existing_families(session, targets)
    for group in groups:
        found = current.get(group.target_family_id) if group.target_family_id else None
        if found is None:
            continue
        values, categories = found
        for name, title in (("settlement_id", "населённый пункт"), ("street", "улица"), ("house", "дом"),
                            ("apartment", "квартира"), ("phone", "телефон семьи")):
            if group.values.get(name) is not None and group.values[name] != values.get(name):
                group.family_changes.append(title)
        if any(c not in categories for c in group.category_ids):
            group.family_changes.append("категории")


def plan_families(session: Session, sheet: SheetData, mapping: ColumnMapping, dictionaries: Dictionaries,
                  decisions: Decisions, office_id: uuid.UUID | None, today: date | None = None,
                  actor: Actor | None = None, open_support: uuid.UUID | None = None,
                  progress: Progress = no_progress) -> FamilyPlan:
    """Parse, match and judge every row; reads the database but never writes. Persons the `actor` may not
    see are matched but never described (see `known.load_known`)."""
    today = today or date.today()
    dictionaries.unknown.clear()
    rows = data_rows(sheet, mapping, progress)
    progress(0, len(rows), "Проверка строк файла")
    places = set(dictionaries.settlements)
    family_layout = any(key in mapping.columns for key in FAMILY_LAYOUT_FIELDS)
    parse = _family_per_row if family_layout else _person_per_row
    groups, loose = parse(rows, dictionaries, office_id, today, places, progress)
    progress(len(rows), len(rows), "Поиск совпадений в базе")
    has_support = any(key in mapping.columns for key in SUPPORT_FIELDS)
    for group in groups:
        if group.values.get("registered_on") is None:
            # «Дата постановки на учёт / на сопровождение» may be mapped as the support date only.
            group.values["registered_on"] = group.values.get("support_opened_on") or today
        _support_plan(group, dictionaries, open_support, has_support)
        _kdn_decision(group, dictionaries)
        _mark_representative(group, dictionaries)
        _disabled_category(group, dictionaries)
        if group.values.get("office_id") is None:
            group.errors.append("Не определено отделение: укажите район, закреплённый за отделением.")
        created = [dictionaries.new_places[p] for p in (group.values.get("district_id"),
                                                        group.values.get("settlement_id"))
                   if p in dictionaries.new_places]
        group.warnings.extend(f"{'район' if place.kind == DISTRICT else 'населённый пункт'} «{place.name}» будет "
                              f"создан в справочнике" for place in created)
    ok = [m for g in groups for m in g.members if m.ok]
    known = load_known(session, {m.person.values["snils"] for m in ok
                                 if m.person.values and m.person.values.get("snils")},
                       {_key_of(m) for m in ok}, actor)
    progress(len(rows), len(rows), "Поиск дубликатов")
    _find_duplicates(groups, known)
    for group in groups:
        for member in group.members:
            if member.match and member.match.family_id and decisions.for_row(member.row) != CREATE:
                group.target_family_id = member.match.family_id
                break
    _family_changes(session, groups)
    by_row = {row.number: row for row in rows}
    results = [RowResult(number, ERROR, "", " ".join(messages), cells=by_row[number].cells)
               for number, messages in loose.items()]
    for group in groups:
        for number in group.rows:
            members = [m for m in group.members if m.row == number]
            results.append(_row_result(number, members, group, decisions, by_row[number].cells))
    results.sort(key=lambda r: r.row)
    unknown = [Unknown(kind, text, count) for (kind, text), count in sorted(dictionaries.unknown.items())]
    preview = Preview("families", results, unknown)
    review_years = {kind_id: int(dictionaries.attrs.get(kind_id, {}).get("review_years")
                                 or DEFAULT_REVIEW_YEARS.get(code, 0))
                    for code, kind_id in dictionaries.codes.get(CASE_KIND, {}).items()}
    return FamilyPlan(groups, preview, decisions, {k: v for k, v in review_years.items() if v},
                      dict(dictionaries.new_places), office_id)

