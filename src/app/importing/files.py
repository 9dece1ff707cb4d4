"""Reading .xlsx, .csv (UTF-8 or Windows-1251) and legacy .xls after the hostile-file guards.

Guards run before any parser sees the file: the content must be what the extension says, a zip
must not unpack to more than MAX_UNPACKED bytes or with an absurd ratio (zip bomb), no XML part
may declare a DOCTYPE or entities (openpyxl reads through defusedxml as well), and reading stops
with a refusal past MAX_ROWS rows or MAX_CELLS cells. Formulas are never evaluated: openpyxl opens
the workbook with `data_only=True`, so a formula cell gives the value Excel last saved (or nothing).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from app.core.errors import OporaError
from app.core.progress import Progress, no_progress
from app.importing.xlsx_rows import DeclaresEntities, open_workbook, sheet_rows

MAX_FILE_BYTES = 250 * 1024 * 1024
MAX_UNPACKED = 1536 * 1024 * 1024  # a full 1,048,576-row journal sheet unpacks to about a gigabyte
MAX_RATIO = 200  # uncompressed / compressed of one zip member; real sheets stay well below 50
MAX_MEMBERS = 5000
MAX_ROWS = 1_048_576  # an Excel sheet's own limit: a two-year session journal of a big centre fits
MAX_CELLS = 16_000_000
MAX_COLUMNS = 300
HEADER_SCAN_ROWS = 10

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
XLSX_SUFFIXES = (".xlsx", ".xlsm")
XLS_SUFFIX = ".xls"
CSV_SUFFIXES = (".csv", ".txt")
SUFFIXES = (*XLSX_SUFFIXES, XLS_SUFFIX, *CSV_SUFFIXES)
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_DANGEROUS_XML = (b"<!DOCTYPE", b"<!ENTITY")


class HostileFile(OporaError):
    """A file refused before reading: wrong content for its name, a zip bomb, entities, too large."""


@dataclass
class SheetData:
    """The cell values of one sheet (rows as lists, trailing empty cells cut) and its merged ranges
    that start within the header scan (1-based: first row, first column, last row, last column)."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    first_row_number: int = 1  # the sheet row number of rows[0]


@dataclass
class Book:
    path: Path
    kind: str  # "xlsx", "xls" or "csv"
    sheet_names: list[str]


def _what_it_looks_like(head: bytes) -> str:
    if head.startswith(ZIP_SIGNATURE):
        return "по содержимому это zip-архив (книга .xlsx или документ .docx)"
    if head.startswith(OLE_SIGNATURE):
        return "по содержимому это файл Microsoft Office 97–2003 (.xls или .doc)"
    if head.startswith(b"%PDF"):
        return "по содержимому это PDF"
    if head.startswith(b"MZ"):
        return "по содержимому это программа"
    if head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        return "по содержимому это HTML или XML"
    return "содержимое не совпадает с расширением"


def check_file(path: Path) -> str:
    """Refuse a file that is not what its name says; return its kind ("xlsx", "xls" or "csv")."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise HostileFile(f"Файл «{path.name}»: поддерживаются книги Excel (.xlsx, .xls) и таблицы CSV.")
    if not path.is_file():
        raise HostileFile(f"Файл «{path}» не найден.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise HostileFile(f"Файл «{path.name}» больше {MAX_FILE_BYTES // (1024 * 1024)} МБ — такой файл "
                          f"не загружается; разделите таблицу на части.")
    with path.open("rb") as handle:
        head = handle.read(4096)
    if suffix in XLSX_SUFFIXES:
        if not head.startswith(ZIP_SIGNATURE):
            raise HostileFile(f"Файл «{path.name}» не является книгой Excel .xlsx: {_what_it_looks_like(head)}.")
        _check_zip(path)
        return "xlsx"
    if suffix == XLS_SUFFIX:
        if not head.startswith(OLE_SIGNATURE):
            raise HostileFile(f"Файл «{path.name}» не является книгой Excel 97–2003 (.xls): "
                              f"{_what_it_looks_like(head)}.")
        return "xls"
    if head.startswith((ZIP_SIGNATURE, OLE_SIGNATURE, b"%PDF", b"MZ")) or b"\x00" in head:
        raise HostileFile(f"Файл «{path.name}» не является текстовой таблицей CSV: {_what_it_looks_like(head)}.")
    return "csv"


def _check_zip(path: Path) -> None:
    """Zip bomb and XML entity guards, before openpyxl opens the archive."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise HostileFile(f"Файл «{path.name}» повреждён: архив книги .xlsx не читается.") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise HostileFile(f"Файл «{path.name}» отклонён: в архиве книги слишком много частей ({len(members)}).")
        total = sum(member.file_size for member in members)
        if total > MAX_UNPACKED:
            raise HostileFile(f"Файл «{path.name}» отклонён: после распаковки он занял бы "
                              f"{total // (1024 * 1024)} МБ (похоже на «zip-бомбу»).")
        for member in members:
            if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                raise HostileFile(f"Файл «{path.name}» отклонён: часть «{member.filename}» сжата в "
                                  f"{member.file_size // max(member.compress_size, 1)} раз (похоже на «zip-бомбу»).")
        names = {member.filename for member in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise HostileFile(f"Файл «{path.name}» не является книгой Excel .xlsx (это другой zip-архив).")
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(member) as stream:
                    head = stream.read(2048)
                if any(marker in head for marker in _DANGEROUS_XML):
                    raise HostileFile(f"Файл «{path.name}» отклонён: в части «{member.filename}» объявлены "
                                      f"XML-сущности (DOCTYPE) — так файлы Excel не устроены.")


def open_book(path: Path | str) -> Book:
    """Check the file and list its sheets (a CSV has one, named after the file)."""
    path = Path(path)
    kind = check_file(path)
    if kind == "csv":
        return Book(path, kind, [path.stem])
    if kind == "xls":
        book = _open_xls(path)
        try:
            return Book(path, kind, book.sheet_names())
        finally:
            book.release_resources()
    workbook = _open_xlsx(path)
    try:
        return Book(path, kind, list(workbook.sheetnames))
    finally:
        workbook.close()


def read_sheet(book: Book, name: str | None = None, progress: Progress = no_progress) -> SheetData:
    """All rows of one sheet (the first when `name` is None); refuses more than MAX_ROWS / MAX_CELLS.
    `progress` is told every READ_STEP rows (the total is unknown while reading: 0); it may raise Cancelled."""
    if name is not None and name not in book.sheet_names:
        raise OporaError(f"В файле «{book.path.name}» нет листа «{name}». Есть: {', '.join(book.sheet_names)}.")
    sheet = name or book.sheet_names[0]
    if book.kind == "csv":
        return SheetData(sheet, _limited(book.path, _csv_rows(book.path), progress))
    if book.kind == "xls":
        return _read_xls(book.path, sheet, progress)
    return _read_xlsx(book.path, sheet, progress)


READ_STEP = 5000


def _limited(path: Path, rows: Any, progress: Progress = no_progress) -> list[list[Any]]:
    """Collect rows, cutting trailing empty cells and refusing files past the row and cell limits."""
    result: list[list[Any]] = []
    cells = 0
    progress(0, 0, "Чтение файла")
    for raw in rows:
        if len(result) % READ_STEP == 0 and result:
            progress(len(result), 0, f"Чтение файла: {len(result):,} строк".replace(",", " "))
        row = list(raw[:MAX_COLUMNS])
        while row and (row[-1] is None or row[-1] == ""):
            row.pop()
        result.append(row)
        cells += len(row)
        if len(result) > MAX_ROWS:
            raise HostileFile(f"Файл «{path.name}» отклонён: в листе больше {MAX_ROWS:,} строк.".replace(",", " "))
        if cells > MAX_CELLS:
            raise HostileFile(f"Файл «{path.name}» отклонён: в листе больше {MAX_CELLS:,} заполненных ячеек."
                              .replace(",", " "))
    while result and not result[-1]:
        result.pop()
    return result


def _open_xlsx(path: Path) -> Any:
    import openpyxl

    if not openpyxl.DEFUSEDXML:  # defusedxml is a dependency; without it entity attacks would parse
        raise HostileFile("Чтение книг Excel отключено: не установлен пакет defusedxml.")
    from defusedxml import DefusedXmlException

    try:
        return open_workbook(path)  # openpyxl's load_workbook, without measuring every sheet
    except DefusedXmlException:
        raise HostileFile(f"Файл «{path.name}» отклонён: в нём объявлены XML-сущности.") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        if isinstance(error.__cause__ or error.__context__, DefusedXmlException):  # openpyxl wraps it
            raise HostileFile(f"Файл «{path.name}» отклонён: в нём объявлены XML-сущности.") from None
        raise HostileFile(f"Файл «{path.name}» повреждён или не является книгой Excel ({type(error).__name__}).") \
            from None


def _read_xlsx(path: Path, name: str, progress: Progress = no_progress) -> SheetData:
    from defusedxml import DefusedXmlException

    workbook = _open_xlsx(path)
    try:
        worksheet = workbook[name]
        if not hasattr(worksheet, "iter_rows") or not hasattr(worksheet, "_worksheet_path"):
            raise OporaError(f"Лист «{name}» — это диаграмма, а не таблица; выберите другой лист.")
        rows = _limited(path, sheet_rows(path, worksheet._worksheet_path, workbook), progress)
        merged = _xlsx_merged(path, worksheet._worksheet_path)
    except (DefusedXmlException, DeclaresEntities):
        raise HostileFile(f"Файл «{path.name}» отклонён: в нём объявлены XML-сущности.") from None
    except (ParseError, zipfile.BadZipFile, KeyError, ValueError, IndexError) as error:
        raise HostileFile(f"Файл «{path.name}» повреждён: лист «{name}» не читается ({type(error).__name__}).") \
            from None
    finally:
        workbook.close()
    return SheetData(name, rows, merged)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _xlsx_merged(path: Path, member: str) -> list[tuple[int, int, int, int]]:
    """Merged ranges starting in the header scan rows, read from the sheet XML's <mergeCells>.

    openpyxl's read-only mode does not report merged cells; the references are plain attributes
    at the end of the part, so a byte scan (no XML parsing) finds them.
    """
    found: list[tuple[int, int, int, int]] = []
    with zipfile.ZipFile(path) as archive, archive.open(member.lstrip("/")) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            for match in _MERGE_REF.finditer(data):
                first_row, last_row = int(match.group(2)), int(match.group(4))
                if first_row <= HEADER_SCAN_ROWS + 2:
                    found.append((first_row, _column_number(match.group(1)), last_row,
                                  _column_number(match.group(3))))
            tail = data[-200:]
    return sorted(set(found))


def _open_xls(path: Path) -> Any:
    try:
        import xlrd
    except ImportError:
        raise OporaError("Чтение файлов .xls недоступно: сохраните таблицу в формате .xlsx.") from None
    try:
        return xlrd.open_workbook(str(path), on_demand=True, formatting_info=True)
    except Exception as error:  # xlrd raises its own and struct errors on damaged files
        raise HostileFile(f"Файл «{path.name}» повреждён или не является книгой Excel 97–2003 "
                          f"({type(error).__name__}).") from None


def _read_xls(path: Path, name: str, progress: Progress = no_progress) -> SheetData:
    import xlrd

    book = _open_xls(path)
    try:
        sheet = book.sheet_by_name(name)
        if sheet.nrows > MAX_ROWS or sheet.nrows * sheet.ncols > MAX_CELLS * 4:
            raise HostileFile(f"Файл «{path.name}» отклонён: в листе больше {MAX_ROWS} строк.")

        def value(cell: Any) -> Any:
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    moment = xlrd.xldate_as_datetime(cell.value, book.datemode)
                except (ValueError, OverflowError):
                    return cell.value
                return moment if isinstance(moment, datetime) else cell.value
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                return None
            if cell.ctype == xlrd.XL_CELL_BOOLEAN:
                return bool(cell.value)
            return cell.value

        rows = _limited(path, ([value(cell) for cell in sheet.row(index)] for index in range(sheet.nrows)), progress)
        merged = [(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sheet.merged_cells if r0 < HEADER_SCAN_ROWS + 2]
    finally:
        book.release_resources()
    return SheetData(name, rows, merged)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else Windows-1251 — what Russian Excel saves."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def _csv_rows(path: Path) -> Any:
    text = decode_text(path.read_bytes())
    sample = text[:20000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        dialect = type("Guessed", (csv.excel,), {"delimiter": delimiter})
    csv.field_size_limit(1024 * 1024)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as error:
        raise HostileFile(f"Файл «{path.name}» не читается как таблица CSV: {error}.") from None
