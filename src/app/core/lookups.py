"""Small shared look-ups used by services: dictionary entries, record existence, whether a chosen
entry, office or employee is still in use (switched-off ones stay only where already chosen), and
long id lists cut for IN (...) clauses."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.checks import Checker
from app.core.errors import NotFound
from db.models import DictionaryItem, Office, Staff

IN_LIST_CHUNK = 500  # ids per IN (...) list, well inside every backend's parameter limit


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


def _refuse_switched_off(check: Checker, field: str, label: str, record: Any, current: uuid.UUID | None,
                         reason: str) -> None:
    """Fail a choice of a switched-off (`active` False) record the edited record did not have already.

    `reason` ends the message; `{name}` in it stands for the record's name.
    """
    if record is not None and not record.active and record.id != current:
        check.fail(field, f"Поле «{label}»: " + reason.format(name=getattr(record, "name", "")))


def check_active_entry(
    check: Checker, session: Session, field: str, item_id: uuid.UUID | None, kind: str, label: str,
    *, required: bool = True, current: uuid.UUID | None = None,
) -> DictionaryItem | None:
    """Like `check_dictionary`, but a switched-off entry is refused unless the record already had it."""
    entry = check_dictionary(check, session, field, item_id, kind, label, required=required)
    _refuse_switched_off(check, field, label, entry, current, "значение «{name}» отключено, выберите другое.")
    return entry


def check_active_reference(
    check: Checker, session: Session, model: Any, field: str, record_id: uuid.UUID | None, label: str,
    switched_off: str, *, required: bool = True, current: uuid.UUID | None = None,
) -> Any:
    """Like `check_reference`, but a switched-off record is refused unless the record already had it;
    `switched_off` ends the message (`{name}` stands for the record's name)."""
    record = check_reference(check, session, model, field, record_id, label, required=required)
    _refuse_switched_off(check, field, label, record, current, switched_off)
    return record


def check_active_office(
    check: Checker, session: Session, field: str, office_id: uuid.UUID | None, label: str = "Отделение",
    *, required: bool = True, current: uuid.UUID | None = None,
) -> Office | None:
    """An existing office that is open; a closed one is accepted only if the record already had it."""
    return check_active_reference(check, session, Office, field, office_id, label,
                                  "отделение «{name}» закрыто, выберите другое.", required=required, current=current)


def check_active_staff(
    check: Checker, session: Session, field: str, staff_id: uuid.UUID | None, label: str,
    *, current: uuid.UUID | None = None,
) -> Staff | None:
    """An optional employee who still works here; someone who has left stays on the records they had,
    only a new choice must be working now."""
    return check_active_reference(check, session, Staff, field, staff_id, label,
                                  "сотрудник больше не работает — выберите действующего специалиста.",
                                  required=False, current=current)


def get_live(session: Session, model: Any, record_id: uuid.UUID, what: str) -> Any:
    """Load a record that must exist and not be soft-deleted."""
    record = session.get(model, record_id)
    if record is None or getattr(record, "deleted_at", None) is not None:
        raise NotFound(f"{what} не найдена или удалена.")
    return record


def chunks(items: list, size: int = IN_LIST_CHUNK) -> list[list]:
    """`items` cut into lists of at most `size`, for IN (...) lists of ids."""
    return [items[i:i + size] for i in range(0, len(items), size)]
