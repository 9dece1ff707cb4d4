"""Finding offices, districts, positions, settlement kinds, staff and users by the names an administrator types.

The administrator's command line (`opora user|office|place|staff …`) names things the way people write them
(«Центральное отделение», «педагог-психолог», «с.», «Смирнова О.И.»); the services take ids. Names compare
folded (case and ё/е do not matter). A name that matches nothing, or more than one thing, is a
ValidationError on the option's field that lists what there is to choose from.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import ValidationError
from app.core.text import fold, full_name, short_name
from db.models import DictionaryItem, District, Office, Staff, User

_LISTED = 12  # how many choices a message lists before «…»


def _choices(names: Iterable[str]) -> str:
    unique = sorted(set(names), key=fold)
    text = ", ".join(f"«{name}»" for name in unique[:_LISTED])
    return text + (", …" if len(unique) > _LISTED else "")


def _pick(field: str, title: str, typed: str, candidates: Sequence[tuple[uuid.UUID, tuple[str, ...]]],
          shown: Sequence[str]) -> uuid.UUID:
    wanted = fold(" ".join((typed or "").split()))
    if not wanted:
        raise ValidationError({field: f"Поле «{title}»: укажите значение."})
    found = {ident for ident, spellings in candidates if any(fold(name) == wanted for name in spellings if name)}
    if len(found) == 1:
        return found.pop()
    if found:
        raise ValidationError({field: f"Поле «{title}»: «{typed}» подходит к нескольким записям — уточните."})
    known = _choices(shown) if shown else "список пуст"
    raise ValidationError({field: f"Поле «{title}»: «{typed}» не найдено. Есть: {known}."})


def office_id(session: Session, name: str, field: str = "office_id") -> uuid.UUID:
    rows = session.execute(select(Office.id, Office.name).where(Office.active.is_(True))).all()
    return _pick(field, "Отделение", name, [(row.id, (row.name,)) for row in rows], [row.name for row in rows])


def district_id(session: Session, name: str, field: str = "district_id") -> uuid.UUID:
    rows = session.execute(select(District.id, District.name).where(District.active.is_(True))).all()
    return _pick(field, "Район", name, [(row.id, (row.name,)) for row in rows], [row.name for row in rows])


def dictionary_id(session: Session, kind: str, name: str, field: str, title: str) -> uuid.UUID:
    """An active entry of a dictionary by its code, name or short name («psychologist», «Педагог-психолог»)."""
    rows = session.execute(select(DictionaryItem.id, DictionaryItem.code, DictionaryItem.name,
                                  DictionaryItem.short_name, DictionaryItem.attrs)
                           .where(DictionaryItem.kind == kind, DictionaryItem.active.is_(True))).all()
    candidates = [(row.id, (row.code, row.name, row.short_name or "", str((row.attrs or {}).get("short", ""))))
                  for row in rows]
    return _pick(field, title, name, candidates, [row.name for row in rows])


def staff_id(session: Session, name: str, field: str = "staff_id") -> uuid.UUID:
    """An active employee by full name («Смирнова Ольга Ивановна») or short name («Смирнова О.И.»)."""
    rows = session.execute(select(Staff.id, Staff.last_name, Staff.first_name, Staff.middle_name)
                           .where(Staff.active.is_(True))).all()
    candidates = [(row.id, (full_name(row.last_name, row.first_name, row.middle_name),
                            short_name(row.last_name, row.first_name, row.middle_name),
                            short_name(row.last_name, row.first_name, row.middle_name).replace(" ", "")))
                  for row in rows]
    return _pick(field, "Сотрудник", name, candidates,
                 [short_name(row.last_name, row.first_name, row.middle_name) for row in rows])


def user_id(session: Session, login: str, field: str = "login") -> uuid.UUID:
    wanted = (login or "").strip().lower()
    found = session.execute(select(User.id).where(User.login == wanted)).scalar()
    if found is None:
        raise ValidationError({field: f"Поле «Логин»: пользователя «{login}» нет."})
    return found
