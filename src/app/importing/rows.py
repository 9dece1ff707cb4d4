"""Rows of a mapped sheet as the planners read them: cell values by field, sheet row numbers, the
raw texts for the error report, and the persons named in a row (one name or a «Дети» list)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from app.core.checks import Checker
from app.core.progress import Progress, no_progress
from app.core.text import fold, format_date, full_name
from app.importing.cells import (
    CellError,
    cell_lines,
    cell_text,
    guess_sex,
    parse_date,
    parse_sex,
    parse_snils,
    split_full_name,
)
from app.importing.files import SheetData
from app.importing.mappings import ColumnMapping
from app.registry.persons import PersonData, validate_person

_SKIP_WORDS = ("итого", "всего")
_INFINITY = float("inf")
_DATE_IN_TEXT = re.compile(r"(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})(?:\s*г\.?\s*р?\.?)?")


@dataclass(slots=True)  # a million of them for a two-year journal
class SheetRow:
    number: int  # the row number in the sheet, as the user sees it
    values: list[Any]
    mapping: ColumnMapping

    def get(self, key: str) -> Any:
        column = self.mapping.columns.get(key)
        if column is None or column >= len(self.values):
            return None
        value = self.values[column]
        return None if isinstance(value, str) and not value.strip() else value

    def text(self, key: str) -> str | None:
        column = self.mapping.columns.get(key)
        if column is None or column >= len(self.values):
            return None
        return cell_text(self.values[column])  # a blank text cleans to None, as `get` gives it

    def lines(self, key: str) -> str | None:
        """The cell's text with its line breaks kept, for columns that hold several values."""
        return cell_lines(self.get(key))

    def label(self, key: str) -> str:
        column = self.mapping.columns.get(key)
        labels = self.mapping.header.labels
        return labels[column] if column is not None and column < len(labels) and labels[column] else key

    @property
    def cells(self) -> list[str]:
        return [cell_text(value) or "" for value in self.values]

    @property
    def is_empty(self) -> bool:
        return not any(cell_text(self.get(key)) for key in self.mapping.columns)


DATA_ROWS_STEP = 50_000  # rows looked at between two progress calls


def _filled(value: Any) -> bool:
    """Whether a cell holds anything (`cell_text` is not empty), without formatting dates and numbers."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(cell_text(value))
    if isinstance(value, float):
        return value == value and value not in (_INFINITY, -_INFINITY)  # NaN and infinities are not data
    return bool(cell_text(value)) if not isinstance(value, (int, date, time)) else True


def _first_text(values: list[Any]) -> str:
    """The row's first filled cell as text when it is a text (a number, date or flag never says «Итого»)."""
    for value in values:
        if _filled(value):
            return cell_text(value) or "" if isinstance(value, str) else ""
    return ""


def data_rows(sheet: SheetData, mapping: ColumnMapping, progress: Progress = no_progress) -> list[SheetRow]:
    """The rows below the header that hold anything in a mapped column, without «Итого» lines; `progress`
    every DATA_ROWS_STEP rows (Cancel works)."""
    rows = []
    offset = sheet.first_row_number
    columns = sorted(set(mapping.columns.values()))
    total = len(sheet.rows)
    for index in range(mapping.header.data_start, total):
        if index % DATA_ROWS_STEP == 0:
            progress(index, total, "Разбор строк файла")
        values = sheet.rows[index]
        width = len(values)
        if not any(column < width and _filled(values[column]) for column in columns):
            continue
        first = _first_text(values)
        if first[:1] in "иИвВ" and fold(first).startswith(_SKIP_WORDS):
            continue
        rows.append(SheetRow(index + offset, values, mapping))
    return rows


def tidy_name(part: str | None) -> str | None:
    """«ИВАНОВА» or «иванова» → «Иванова»; mixed case («Мак-Кинли») is kept as typed."""
    if not part:
        return part
    if part.isupper() or part.islower():
        return " ".join("-".join(piece.capitalize() for piece in word.split("-")) for word in part.split(" "))
    return part


@dataclass
class PersonCells:
    """A person as named in a row, before validation."""

    last: str | None
    first: str | None
    middle: str | None
    birth: Any = None
    snils: Any = None
    sex: Any = None
    phone: str | None = None


@dataclass
class ParsedPerson:
    values: dict | None  # validated columns for `persons`, None when the person has errors
    errors: list[str]
    label: str

    @property
    def ok(self) -> bool:
        return self.values is not None


def parse_person(cells: PersonCells, labels: dict[str, str], today: date) -> ParsedPerson:
    """Validate a person the way the person form does; messages name the file's columns."""
    errors: list[str] = []
    birth = snils = sex = None
    try:
        birth = parse_date(cells.birth, labels.get("birth_date", "Дата рождения"), today)
    except CellError as error:
        errors.append(str(error))
    try:
        snils = parse_snils(cells.snils, labels.get("snils", "СНИЛС"))
    except CellError as error:
        errors.append(str(error))
    last, first, middle = (tidy_name(part) for part in (cells.last, cells.first, cells.middle))
    try:
        sex = parse_sex(cells.sex, labels.get("sex", "Пол")) or guess_sex(last, first, middle)
    except CellError as error:
        errors.append(str(error))
    else:
        if sex is None and last:
            errors.append("Пол не указан и не определяется по отчеству или фамилии — добавьте столбец «Пол».")
    label = full_name(last or "", first or "", middle) or "(без имени)"
    if birth:
        label += f", {format_date(birth)}"
    check = Checker()
    values = validate_person(check, PersonData(last_name=last or "", first_name=first or "", middle_name=middle,
                                               sex=sex or "F", birth_date=birth, snils=snils,
                                               phone=cells.phone), today=today)
    errors.extend(check.errors.values())
    return ParsedPerson(None if errors else values, errors, label)


def row_person(row: SheetRow) -> PersonCells | None:
    """The person of a person-per-row layout (ФИО in one column or three); None without a name."""
    if row.get("full_name") is not None:
        last, first, middle = split_full_name(row.text("full_name"))
    else:
        last, first, middle = row.text("last_name"), row.text("first_name"), row.text("middle_name")
    if not (last or first or row.get("snils") is not None):
        return None
    return PersonCells(last, first, middle, row.get("birth_date"), row.get("snils"), row.get("sex"),
                       row.text("phone"))


def children_of(text: str | None) -> list[tuple[str, str | None]]:
    """«Иванов Пётр 01.02.2015; Иванова Анна, 2018-03-04» → [(name, birth text), …]."""
    if not text:
        return []
    parts = [part for part in re.split(r"[;\n]+", text) if part.strip()]
    if len(parts) == 1 and len(_DATE_IN_TEXT.findall(text)) > 1:
        parts, start = [], 0
        for found in _DATE_IN_TEXT.finditer(text):
            parts.append(text[start:found.end()])
            start = found.end()
        if text[start:].strip(" ,.;"):
            parts.append(text[start:])
    entries = []
    for part in parts:
        match = _DATE_IN_TEXT.search(part)
        birth = match.group(1) if match else None
        name = (part[:match.start()] + part[match.end():]) if match else part
        name = name.replace(",", " ").strip(" .-–")
        if name or birth:
            entries.append((name, birth))
    return entries


def labels_of(row: SheetRow, keys: tuple[str, ...]) -> dict[str, str]:
    return {key: row.label(key) for key in keys}
