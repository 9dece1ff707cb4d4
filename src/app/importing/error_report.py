"""The XLSX of rejected rows: the row number, the reason in Russian and the row's cells as in the file.

Cells go through the report writer's `write_text`, so a value starting with = + - @ stays text and a
file crafted to smuggle a formula in cannot turn the report into one.
"""

from __future__ import annotations

from pathlib import Path

from app.documents.xlsx import Column, SheetWriter, new_workbook, save_workbook
from app.importing.fields import KIND_TITLES
from app.importing.outcome import Preview


def export_error_report(preview: Preview, labels: list[str], target: Path, source_name: str = "") -> Path:
    """Write every row with the outcome «error»; `labels` are the file's column headers."""
    errors = preview.errors
    width = max([len(labels), *(len(row.cells) for row in errors)], default=0)
    headers = [labels[i] if i < len(labels) and labels[i] else f"Столбец {i + 1}" for i in range(width)]
    columns = [Column("Строка файла", 9, "int"), Column("Причина", 60), *(Column(h[:60], 18) for h in headers)]
    book = new_workbook()
    sheet = SheetWriter(book, "Ошибки импорта", columns, report=f"Ошибки импорта: {KIND_TITLES[preview.kind]}",
                        period=f"Файл: {source_name}" if source_name else "")
    for row in errors:
        sheet.row([row.row, row.reason, *(row.cells + [""] * width)[:width]])
    sheet.finish(freeze_column=3)
    return save_workbook(book, Path(target))
