"""Column mappings: applying one to a sheet, saving it for next time and reading it from a JSON file.

Saved mappings live in the database as one `Setting` row per kind of import (a short list of the most
recent layouts, each as field → header text). The database rather than a file in the data folder:
every workstation of the centre meets the same spreadsheets, on PostgreSQL they share the row, and
backups carry it. Only header texts are stored, never cell values, so no personal data leaks there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.errors import ValidationError
from app.core.permissions import EDIT_RECORDS, require
from app.importing.fields import FIELDS, KINDS
from app.importing.headers import Header, auto_mapping, normalize
from db.models import Setting

SETTING_PREFIX = "import_mapping."
KEPT_MAPPINGS = 20


@dataclass(frozen=True)
class ColumnMapping:
    """Which 0-based column holds which field, for a sheet whose header is `header`."""

    kind: str
    header: Header
    columns: dict[str, int]

    def by_label(self) -> dict[str, str]:
        return {key: self.header.labels[column] for key, column in self.columns.items()
                if column < len(self.header.labels)}


def _apply_labels(header: Header, wanted: dict[str, str]) -> dict[str, int] | None:
    """Field → column by header text; None unless every saved header is present."""
    positions = {normalize(label): index for index, label in enumerate(header.labels) if label}
    columns = {}
    for key, label in wanted.items():
        index = positions.get(normalize(label))
        if index is None:
            return None
        columns[key] = index
    return columns


def load_saved(session: Session, kind: str, header: Header) -> dict[str, int] | None:
    """The most recent saved mapping whose headers all appear in this sheet's header, if any."""
    row = session.get(Setting, SETTING_PREFIX + kind)
    entries = row.value if row is not None and isinstance(row.value, list) else []
    known = {spec.key for spec in FIELDS[kind]}
    for entry in entries:
        fields = entry.get("fields") if isinstance(entry, dict) else None
        if isinstance(fields, dict) and fields and all(isinstance(v, str) for v in fields.values()):
            columns = _apply_labels(header, {k: v for k, v in fields.items() if k in known})
            if columns:
                return columns
    return None


def propose(session: Session | None, kind: str, header: Header) -> tuple[dict[str, int], bool]:
    """A saved mapping that fits this header, else the automatic one; the flag tells which."""
    saved = load_saved(session, kind, header) if session is not None else None
    return (saved, True) if saved else (auto_mapping(header.labels, kind), False)


def save_mapping(session: Session, actor: Actor, mapping: ColumnMapping) -> None:
    """Remember the mapping (by header texts) at the front of its kind's list; audited."""
    require(actor, EDIT_RECORDS)
    key = SETTING_PREFIX + mapping.kind
    row = session.get(Setting, key)
    entries = list(row.value) if row is not None and isinstance(row.value, list) else []
    fields = mapping.by_label()
    signature = sorted(normalize(label) for label in fields.values())
    entries = [e for e in entries if isinstance(e, dict)
               and sorted(normalize(str(v)) for v in (e.get("fields") or {}).values()) != signature]
    entries.insert(0, {"fields": fields})
    session.merge(Setting(key=key, value=entries[:KEPT_MAPPINGS], note="Сохранённые сопоставления столбцов импорта"))
    audit.record(session, actor, "update", "setting", key, ["value"])


def mapping_to_json(mapping: ColumnMapping) -> str:
    return json.dumps({"kind": mapping.kind, "fields": mapping.by_label()}, ensure_ascii=False, indent=2)


def _column_from(value: Any, header: Header) -> int | None:
    """A header text, a 1-based column number or an Excel column letter (A, B, …, AA)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value - 1 if value >= 1 else None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for index, label in enumerate(header.labels):
        if normalize(label) == normalize(text):
            return index
    if text.isascii() and text.isalpha() and len(text) <= 3:
        number = 0
        for letter in text.upper():
            number = number * 26 + ord(letter) - 64
        return number - 1
    return None


def read_mapping_file(path: Path, kind: str, header: Header) -> dict[str, int]:
    """A mapping from a JSON file {"fields": {field: header text | column number | letter}}."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError({"mapping": f"Параметр --mapping: файл «{path}» не читается как JSON ({error})."}) \
            from None
    fields = data.get("fields") if isinstance(data, dict) else None
    if not isinstance(fields, dict):
        raise ValidationError({"mapping": "Параметр --mapping: в файле нет раздела «fields» "
                                          "(поле → заголовок столбца)."})
    if isinstance(data.get("kind"), str) and data["kind"] in KINDS and data["kind"] != kind:
        raise ValidationError({"mapping": f"Параметр --mapping: сопоставление составлено для импорта "
                                          f"«{data['kind']}», а не «{kind}»."})
    known = {spec.key for spec in FIELDS[kind]}
    columns = {}
    for key, value in fields.items():
        if key not in known:
            raise ValidationError({"mapping": f"Параметр --mapping: поле «{key}» неизвестно. "
                                              f"Возможны: {', '.join(sorted(known))}."})
        column = _column_from(value, header)
        if column is None:
            raise ValidationError({"mapping": f"Параметр --mapping: для поля «{key}» нет столбца «{value}»."})
        columns[key] = column
    return columns
