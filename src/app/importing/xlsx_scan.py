"""A sheet's rows read from the raw XML text with regular expressions, for the cell shapes Excel, LibreOffice and
openpyxl write; anything else is handed to the XML parser.

Walking a million-line journal with ElementTree's `iterparse` costs about 85 µs a line (an element object per
row, cell and value, their attributes as dictionaries, then the values picked out in Python): 85 s of CPU for a
two-year journal, a third of the first day's budget. Here each row's text is cut out of the decompressed sheet
and its cells matched by one compiled expression for the usual shapes — `<c r="B7" s="3" t="s"><v>12</v></c>`,
an empty `<c r="B7" s="3"/>`, an inline string `<c r="B7" t="inlineStr"><is><t xml:space="preserve">…</t></is>
</c>` — with the five XML entities and character references resolved (the values of the same text are one
string, looked up once).

A row with any other content (a formula, rich-text runs, other attributes or their order, a comment, a carriage
return, an unknown entity) is parsed by ElementTree on its own, inside the worksheet's start tag so that its
namespace prefixes are declared, and read by the same rules as before (`rules`, the caller's function). A
sheet this scanner cannot follow at all (another encoding, a prefixed element namespace, content between rows)
raises `Unrecognised`, and the caller reads the sheet with its parser instead, skipping the rows already given.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree.ElementTree import XML, ParseError

from openpyxl.utils.datetime import from_excel, from_ISO8601

BLOCK = 1 << 22  # decompressed bytes read at a time
_MEMO_LIMIT = 200_000  # distinct escaped texts kept resolved (a journal repeats its names and marks)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_START = re.compile(r"<worksheet\b[^>]*>")
_DEFAULT_NS = re.compile(r'\sxmlns="([^"]*)"')
_DATA = re.compile(r"<sheetData\s*(/?)>")
_ROW = re.compile(r'<row\b([^>]*?)(/?)>')
_ROW_NUMBER = re.compile(r'\br="(\d+)"')
_SPACE = re.compile(r"\s*")
# One cell of the usual shapes (groups: column letters, style, type, <v> text, inline <t> text), or anything else
# (the last group): then the row goes to the parser.
_CELL = re.compile(
    r'\s*<c r="([A-Z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
    r'(?:/>|>(?:<v>([^<\r]*)</v>|(<is><t(?: xml:space="preserve")?>)([^<\r]*)</t></is>)?</c>)'
    r"|(.+)", re.DOTALL)
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}



class Unrecognised(Exception):
    """The sheet's text is not in a shape this scanner follows: read it with the XML parser."""


class _Unescapable(Exception):
    """A text with a reference the XML parser would refuse or resolve otherwise (it gets the row)."""


def _allowed(code: int) -> bool:
    """Characters XML 1.0 allows (a reference to any other is an error the parser reports)."""
    return code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def _entity(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if name:
        return _NAMED[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if not _allowed(code):
        raise _Unescapable
    return chr(code)


class _Texts:
    """Escaped cell texts resolved once each."""

    def __init__(self) -> None:
        self.memo: dict[str, str] = {}

    def __call__(self, raw: str) -> str:
        if "&" not in raw:
            return raw
        found = self.memo.get(raw)
        if found is None:
            found = _ENTITY.sub(_entity, raw)
            if "&" in _ENTITY.sub("", raw):  # an entity XML does not define: the parser decides
                raise _Unescapable
            if len(self.memo) >= _MEMO_LIMIT:
                self.memo.clear()
            self.memo[raw] = found
        return found


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _blocks(path: Any, member: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with zipfile.ZipFile(path) as archive, archive.open(member.lstrip("/")) as stream:
        while True:
            block = stream.read(BLOCK)
            if not block:
                try:
                    tail = decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    raise Unrecognised("not UTF-8") from None
                if tail:
                    yield tail
                return
            try:
                yield decoder.decode(block)
            except UnicodeDecodeError:  # another encoding without a declaration (or broken: the parser says)
                raise Unrecognised("not UTF-8") from None


def _prolog(text: str) -> tuple[str, int] | None:
    """(the worksheet's start tag, where <sheetData>'s rows begin), None when not yet in the text; Unrecognised
    for a sheet in another encoding or with prefixed element names."""
    head = text[:200]
    if head.startswith("<?xml"):
        if "?>" not in head:
            if len(head) < 200:
                return None  # the declaration goes on in the next block
            raise Unrecognised("declaration")
        declaration = head[:head.find("?>")]
        encoding = re.search(r'encoding=["\']([^"\']*)', declaration)
        if encoding and encoding.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise Unrecognised("encoding")
    start = _START.search(text)
    if start is None:
        if len(text) > 1 << 16:
            raise Unrecognised("no worksheet element")
        return None
    namespace = _DEFAULT_NS.search(start.group())
    if namespace is None or namespace.group(1) != _MAIN:
        raise Unrecognised("namespace")
    data = _DATA.search(text, start.end())
    if data is None:
        return None
    if data.group(1):  # <sheetData/>: no rows
        return start.group(), -1
    return start.group(), data.end()


def scanned_rows(path: Any, member: str, workbook: Any, parsed_row: Callable[[Any], list[Any]]
                 ) -> Iterator[list[Any]]:
    """The sheet's rows, numbered as in the sheet (a gap is an empty row), each a list of values from column A,
    by openpyxl's rules as `xlsx_rows` applies them (`workbook`: its shared strings, date styles and epoch);
    `parsed_row(element)` gives the values of a row element the parser read (the other shapes)."""
    shared = workbook.shared_strings
    dates = workbook._date_formats
    durations = workbook._timedelta_formats
    epoch = workbook.epoch
    styles: dict[str, tuple[bool, bool]] = {}  # style → (a date format, a duration format)
    moments: dict[tuple[str, bool], Any] = {}
    blocks = _blocks(path, member)
    text = ""
    position = -2
    opening = ""
    for block in blocks:
        text += block
        found = _prolog(text)
        if found is not None:
            opening, position = found
            break
    if position == -2:
        raise Unrecognised("no sheetData")
    if position < 0:
        return
    texts = _Texts()
    columns: dict[str, int] = {}
    number = 0
    cell_all = _CELL.findall
    while True:
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith("</sheetData>", position):
            return
        start = _ROW.match(text, position)
        end = -1
        if start is not None:
            if start.group(2):
                content_end = end = start.end()
            else:
                content_end = text.find("</row>", start.end())
                end = content_end + 6 if content_end >= 0 else -1
        if end < 0:  # the row goes on in the next block
            if start is None and not _cut(text[position:position + 64]):
                raise Unrecognised("not a row")  # a comment, a processing instruction, another element
            more = next(blocks, None)
            if more is None:
                raise Unrecognised("not a row")
            text = text[position:] + more
            position = 0
            continue
        assert start is not None
        at = _ROW_NUMBER.search(start.group(1))
        row_number = int(at.group(1)) if at else number + 1
        while number + 1 < row_number:
            number += 1
            yield []
        number = row_number
        content = text[start.end():content_end]
        values: list[Any] = []
        if content:
            try:
                for letters, style, kind, raw, inline_open, inline, other in cell_all(content):
                    if other:
                        raise _Unescapable
                    column = columns.get(letters)
                    if column is None:
                        column = columns[letters] = _column(letters)
                    value: Any = None
                    if kind == "inlineStr":
                        if inline_open:
                            value = texts(inline) if "&" in inline else inline
                    elif raw:
                        if "&" in raw:
                            raw = texts(raw)
                        if not kind or kind == "n":
                            value = float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
                            if style:
                                known = styles.get(style)
                                if known is None:
                                    known = styles[style] = (int(style) in dates, int(style) in durations)
                                if known[0]:  # a journal's dates repeat: each converted once
                                    moment = moments.get((raw, known[1]))
                                    if moment is None:
                                        try:
                                            moment = from_excel(value, epoch, timedelta=known[1])
                                        except (OverflowError, ValueError):
                                            moment = "#VALUE!"
                                        if len(moments) >= _MEMO_LIMIT:
                                            moments.clear()
                                        moments[(raw, known[1])] = moment
                                    value = moment
                        elif kind == "s":
                            value = shared[int(raw)]
                        elif kind == "b":
                            value = bool(int(raw))
                        elif kind == "d":
                            value = from_ISO8601(raw)
                        else:
                            value = raw
                    if column == len(values) + 1:
                        values.append(value)
                    elif column > len(values):
                        values.extend([None] * (column - len(values) - 1))
                        values.append(value)
                    else:
                        values[column - 1] = value
            except _Unescapable:
                values = parsed_row(_element(opening, text[start.start():end]))
        position = end
        yield values


def _cut(rest: str) -> bool:
    """Whether the text left in the block is the start of a row's start tag or of </sheetData>, cut by the block's
    end (more text decides)."""
    if ">" in rest:
        return False
    return rest.startswith("<row") or "<row".startswith(rest) or "</sheetData>".startswith(rest)


def _element(opening: str, row: str) -> Any:
    """The row's element, parsed inside the worksheet's start tag (its namespace declarations)."""
    try:
        return XML(f"{opening}{row}</worksheet>")[0]
    except ParseError:  # e.g. a CDATA section holding «</row>»: the parser reads the whole sheet
        raise Unrecognised("row not parsed alone") from None
