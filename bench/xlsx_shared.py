"""An .xlsx shaped as Excel and LibreOffice save one: text in a shared-strings table (UTF-8, each distinct text
once), cells pointing at it by index, dates as serial numbers with a date style, a <dimension>.

openpyxl's write-only mode (what the bench used so far) stores every text inline in its cell and every
Cyrillic letter as a character reference («&#1048;»): a million-line journal is 1.0 GB of XML, read much slower
than the same sheet as Excel writes it. The first-day bench measures both (`--strings inline|shared`).

Only what the bench writes: text, int, float, date, datetime, None in one sheet.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

_EPOCH = datetime(1899, 12, 30)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_DATE_STYLE, _DATETIME_STYLE = 1, 2  # cellXfs below: numFmtId 14 (dd.mm.yyyy in a Russian Excel), 22

_PARTS = {
    "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{_CT}">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
    f'xmlns:r="{_REL}"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PKG}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
}


def _letters(column: int) -> str:
    text = ""
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


def _text(value: str) -> str:
    """A shared string's <si>: spaces at the ends and line breaks kept as Excel keeps them."""
    space = ' xml:space="preserve"' if value != value.strip() or "\n" in value else ""
    return f"<si><t{space}>{escape(value)}</t></si>"


def save_shared(rows: Iterable[list[Any]], path: Path) -> Path:
    """Write `rows` (the first is the header) as one sheet of an Excel-shaped book at `path`."""
    rows = list(rows)
    width = max((len(row) for row in rows), default=1)
    letters = [_letters(column) for column in range(1, width + 1)]
    strings: dict[str, int] = {}
    count = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as book:
        for name, body in _PARTS.items():
            book.writestr(name, body)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}" '
                        f'xmlns:r="{_REL}"><dimension ref="A1:{letters[-1]}{len(rows)}"/><sheetData>'.encode())
            buffer: list[str] = []
            for number, row in enumerate(rows, start=1):
                cells = []
                for index, value in enumerate(row):
                    if value is None or value == "":
                        continue
                    at = f"{letters[index]}{number}"
                    if isinstance(value, str):
                        found = strings.get(value)
                        if found is None:
                            found = strings[value] = len(strings)
                        count += 1
                        cells.append(f'<c r="{at}" t="s"><v>{found}</v></c>')
                    elif isinstance(value, datetime):
                        serial = (value - _EPOCH).total_seconds() / 86400
                        cells.append(f'<c r="{at}" s="{_DATETIME_STYLE}"><v>{serial!r}</v></c>')
                    elif isinstance(value, date):
                        serial = (datetime.combine(value, datetime.min.time()) - _EPOCH).days
                        cells.append(f'<c r="{at}" s="{_DATE_STYLE}"><v>{serial}</v></c>')
                    elif isinstance(value, bool):
                        cells.append(f'<c r="{at}" t="b"><v>{int(value)}</v></c>')
                    else:
                        cells.append(f'<c r="{at}"><v>{value!r}</v></c>')
                buffer.append(f'<row r="{number}" spans="1:{width}">{"".join(cells)}</row>')
                if len(buffer) >= 10_000:
                    sheet.write("".join(buffer).encode())
                    buffer.clear()
            sheet.write(("".join(buffer) + "</sheetData></worksheet>").encode())
        book.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                      f'<sst xmlns="{_MAIN}" count="{count}" uniqueCount="{len(strings)}">'
                      + "".join(_text(value) for value in strings) + "</sst>")
    return path
