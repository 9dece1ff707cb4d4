"""Small shared look-ups of dictionary entries and record existence used by services."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.checks import Checker
from app.errors import NotFound
from db.models import DictionaryItem


def dictionary_id(session: Session, kind: str, code: str) -> uuid.UUID:
    found = session.execute(
        select(DictionaryItem.id).where(DictionaryItem.kind == kind, DictionaryItem.code == code)
    ).scalar()
    if found is None:
        raise NotFound(f"В справочнике нет значения «{code}» ({kind}).")
    return found


def dictionary_entry(session: Session, item_id: uuid.UUID | None) -> DictionaryItem | None:
    return session.get(DictionaryItem, item_id) if item_id else None


def check_dictionary(
    check: Checker, session: Session, field: str, item_id: uuid.UUID | None, kind: str, label: str,
    *, required: bool = True,
) -> DictionaryItem | None:
    """Verify that `item_id` is an entry of the dictionary `kind`; report the field otherwise."""
    if item_id is None:
        if required:
            check.fail(field, f"Поле «{label}» обязательно: выберите значение из списка.")
        return None
    entry = session.get(DictionaryItem, item_id)
    if entry is None or entry.kind != kind:
        check.fail(field, f"Поле «{label}»: выберите значение из списка.")
        return None
    return entry


def check_reference(
    check: Checker, session: Session, model: Any, field: str, item_id: uuid.UUID | None, label: str,
    *, required: bool = True,
) -> Any:
    """Verify that a referenced record exists (and is not soft-deleted)."""
    if item_id is None:
        if required:
            check.fail(field, f"Поле «{label}» обязательно: выберите значение из списка.")
        return None
    record = session.get(model, item_id)
    if record is None or getattr(record, "deleted_at", None) is not None:
        check.fail(field, f"Поле «{label}»: выбранная запись не найдена, выберите другую.")
        return None
    return record


def get_live(session: Session, model: Any, record_id: uuid.UUID, what: str) -> Any:
    """Load a record that must exist and not be soft-deleted."""
    record = session.get(model, record_id)
    if record is None or getattr(record, "deleted_at", None) is not None:
        raise NotFound(f"{what} не найдена или удалена.")
    return record
