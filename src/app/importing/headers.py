"""Finding the header row in the first rows of a sheet and proposing which column is which field.

A header may span two rows where a merged cell groups the columns under it («Ребёнок» over «ФИО»,
«Дата рождения»): merged ranges are spread over the columns they cover and the parts of a column
are joined top to bottom («Ребёнок ФИО»), which is what the field synonyms are matched against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.core.text import fold
from app.importing.cells import cell_text
from app.importing.fields import FIELDS, FieldSpec
from app.importing.files import HEADER_SCAN_ROWS, SheetData

_PUNCTUATION = re.compile(r"[^\w№]+")
_FILLERS = {"п", "п п", "№ п п", "№", "n", "no"}


def normalize(text: str | None) -> str:
    """A header for comparison: folded, punctuation to spaces, «(да/нет)» and «*» dropped."""
    words = _PUNCTUATION.sub(" ", fold(text)).replace("_", " ").split()
    return " ".join(words)


@dataclass(frozen=True)
class Header:
    """Where the header is (sheet row numbers, 1-based, inclusive) and each column's joined label."""

    first_row: int
    last_row: int
    labels: list[str]

    @property
    def data_start(self) -> int:
        """The index in `SheetData.rows` of the first data row."""
        return self.last_row


def _match_score(label: str, synonym: str) -> int:
    if not label:
        return 0
    if label == synonym:
        return 100 + len(synonym)
    words = set(label.split())
    wanted = synonym.split()
    if wanted and all(word in words for word in wanted):
        return 50 + len(synonym) - (len(words) - len(wanted))
    return 0


def field_score(label: str, spec: FieldSpec) -> int:
    """How well a header names a field. For a two-row header («ФИО / Имя») an exact match of the
    lower part counts too, a little below an exact match of the whole («Ребёнок / ФИО»)."""
    normalized = normalize(label)
    synonyms = [normalize(synonym) for synonym in spec.synonyms]
    score = max((_match_score(normalized, synonym) for synonym in synonyms), default=0)
    if " / " in label:
        lower = normalize(label.rsplit(" / ", 1)[1])
        exact = max((_match_score(lower, synonym) for synonym in synonyms if synonym == lower), default=0)
        score = max(score, exact - 5)
    return score


def _row_score(row: list[Any], fields: tuple[FieldSpec, ...]) -> int:
    score = 0
    for value in row:
        text = cell_text(value)
        if text and not any(ch.isdigit() for ch in text.replace("№", "")) and len(text) <= 120:
            if any(field_score(text, spec) >= 100 for spec in fields):
                score += 2
            elif any(field_score(text, spec) > 0 for spec in fields):
                score += 1
    return score


def _spread_merged(sheet: SheetData, first: int, last: int) -> dict[tuple[int, int], str]:
    """Text of each header cell (sheet row, column), merged ranges copied into every covered cell."""
    cells: dict[tuple[int, int], str] = {}
    for offset, row in enumerate(sheet.rows[first - 1:last]):
        for column, value in enumerate(row, 1):
            text = cell_text(value)
            if text:
                cells[(first + offset, column)] = text
    for top, left, bottom, right in sheet.merged:
        text = cells.get((top, left))
        if text is None or bottom < first or top > last:
            continue
        for number in range(max(top, first), min(bottom, last) + 1):
            for column in range(left, right + 1):
                cells.setdefault((number, column), text)
    return cells


def detect_header(sheet: SheetData, kind: str) -> Header:
    """The best-scoring row of the first HEADER_SCAN_ROWS, plus the group row above it when merged
    cells span several columns there, or the sub-header row below it when that row matches too."""
    fields = FIELDS[kind]
    scan = sheet.rows[:HEADER_SCAN_ROWS]
    if not scan:
        return Header(1, 1, [])
    scores = [_row_score(row, fields) for row in scan]
    best = max(range(len(scan)), key=lambda index: (scores[index], -index))
    first = last = best + 1
    wide_merges = {top for top, left, bottom, right in sheet.merged if right > left}

    def filled(index: int) -> int:
        return sum(1 for value in scan[index] if cell_text(value))

    def numeric(index: int) -> bool:
        return any(isinstance(v, int | float) and not isinstance(v, bool) for v in scan[index])

    below = best + 1 if best + 1 < len(scan) else None
    if best >= 1 and first - 1 in wide_merges and filled(best - 1) >= 2:
        first -= 1  # a group row above: «ФИО» merged over «Фамилия», «Имя», «Отчество»
    elif below is not None and first in wide_merges and scores[below] > 0:
        last += 1  # the best row is the group row, its sub-headers are below
    elif below is not None and scores[below] >= max(2, scores[best] // 2) and not numeric(below):
        last += 1
    cells = _spread_merged(sheet, first, last)
    width = max((column for _row, column in cells), default=0)
    labels = []
    for column in range(1, width + 1):
        parts: list[str] = []
        for row in range(first, last + 1):
            text = cells.get((row, column))
            if text and text not in parts:
                parts.append(text)
        labels.append(" / ".join(parts))
    return Header(first, last, labels)


def auto_mapping(labels: list[str], kind: str) -> dict[str, int]:
    """Field key → 0-based column index, each field and each column used at most once, the best
    scoring pairs first."""
    pairs = []
    for column, label in enumerate(labels):
        if normalize(label) in _FILLERS:
            continue
        for spec in FIELDS[kind]:
            score = field_score(label, spec)
            if score:
                pairs.append((score, -column, spec.key, column))
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for _score, _order, key, column in sorted(pairs, reverse=True):
        if key not in mapping and column not in used:
            mapping[key] = column
            used.add(column)
    if "full_name" in mapping and {"last_name", "first_name"} <= mapping.keys():
        # Three name columns win over a joined «ФИО» header that matched one of them.
        del mapping["full_name"]
    return mapping
