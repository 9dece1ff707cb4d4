"""Messy spreadsheets made by the tests: the shapes registries really come in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from app.core.checks import snils_with_checksum


def snils(nine: str) -> str:
    """A valid СНИЛС in the usual written form."""
    digits = snils_with_checksum(nine)
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:]}"


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], *, merged: Sequence[str] = (), sheet: str = "Реестр",
               extra_sheets: Sequence[str] = ()) -> Path:
    book = Workbook()
    worksheet = book.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    for cells in merged:
        worksheet.merge_cells(cells)
    for name in extra_sheets:
        book.create_sheet(name)
    book.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8", delimiter: str = ";") -> Path:
    text = "\r\n".join(delimiter.join("" if v is None else str(v) for v in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path
