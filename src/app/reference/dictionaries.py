"""Administrator editing of dictionary lists, and the entry codes the service catalogue shares.

A dictionary is the set of `DictionaryItem` rows of one `kind`. The administrator may add entries,
rename them, reorder them, switch them off and on, and delete entries nothing refers to. Codes are
stable identifiers (reports and seeds use them), so an entry keeps its code for life.

`unique_code` and `check_code` serve the service catalogue too; whether an entry is in use is
asked of `app.reference.usage`, and a switched-off entry is refused by `app.core.lookups.check_active_entry`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.changes import DICTIONARIES, Saved
from app.core.checks import Checker
from app.core.errors import RECORD_FIELD, NotFound, ValidationError
from app.core.permissions import MANAGE_DICTIONARIES, require
from app.core.records import update_record
from app.core.resources import load_json
from app.core.text import fold
from app.reference.usage import delete_unused
from db.models import DictionaryItem

# Every kind shipped in resources/seed/dictionaries.json, with its title for the administrator.
DICTIONARY_KINDS: dict[str, str] = {
    "position": "Должности",
    "service_kind": "Виды социальных услуг",
    "service_form": "Формы социального обслуживания",
    "delivery_mode": "Способы предоставления услуг",
    "family_category": "Категории семей",
    "need_ground": "Обстоятельства, ухудшающие условия жизнедеятельности",
    "case_kind": "Виды сопровождения",
    "support_level": "Уровни сопровождения",
    "case_closing_reason": "Причины прекращения сопровождения",
    "case_outcome": "Результаты закрытого сопровождения",
    "category_removal_reason": "Причины снятия с категории",
    "event_type": "Виды мероприятий",
    "event_format": "Форматы мероприятий",
    "absence_reason": "Причины отсутствия на занятиях",
    "member_role": "Роли в семье",
    "agency": "Ведомства и организации",
    "document_kind": "Виды документов",
    "settlement_kind": "Типы населённых пунктов",
    "vehicle": "Транспорт",
}

# The eight kinds of services (442-ФЗ ст. 20) and the three forms (ст. 19) are set by law: reports
# (6-собес, госзадание) have one row per entry, so the lists may be renamed but never changed.
FIXED_KINDS: dict[str, str] = {
    "service_kind": "Виды социальных услуг установлены статьёй 20 Федерального закона № 442-ФЗ",
    "service_form": "Формы социального обслуживания установлены статьёй 19 Федерального закона № 442-ФЗ",
}

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,59}$")
CODE_MAX_LENGTH = 60
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya",
}


@dataclass(frozen=True)
class DictionaryRow:
    id: uuid.UUID
    kind: str
    code: str
    name: str
    short_name: str | None
    sort_order: int
    active: bool
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def fixed_by_law(self) -> bool:
        return self.kind in FIXED_KINDS


# --- codes and shipped entries ---------------------------------------------------------------


def transliterate(text: str, max_length: int = 40) -> str:
    """An ASCII slug of Russian text: «Школа приёмных родителей» → `shkola_priemnykh_roditeley`."""
    latin = "".join(_TRANSLIT.get(char, char) for char in text.lower())
    slug = re.sub(r"[^a-z0-9]+", "_", latin).strip("_")
    return slug[:max_length].rstrip("_") or "item"


def unique_code(name: str, taken: set[str]) -> str:
    """A code made from `name` that is not in `taken` (a counter is appended on a clash)."""
    base = transliterate(name, CODE_MAX_LENGTH - 5)
    code, counter = base, 2
    while code in taken:
        code, counter = f"{base}_{counter}", counter + 1
    return code


def check_code(check: Checker, field: str, value: str | None, label: str = "Код") -> str | None:
    """A code typed by the administrator, lower-cased; None when left empty (to be generated)."""
    code = (value or "").strip().lower()
    if not code:
        return None
    if not CODE_PATTERN.match(code):
        check.fail(field, f"Поле «{label}»: латинские буквы, цифры, «_», «-» и «.», до {CODE_MAX_LENGTH} "
                          f"знаков (например, «home_visit»).")
    return code


@lru_cache(maxsize=1)
def _shipped_codes() -> dict[str, frozenset[str]]:
    seed: dict[str, list[dict[str, Any]]] = load_json("seed/dictionaries.json")
    return {kind: frozenset(item["code"] for item in items) for kind, items in seed.items()}


def is_shipped(kind: str, code: str) -> bool:
    """True for entries the program seeds: seeding re-adds a missing one at every start."""
    return code in _shipped_codes().get(kind, frozenset())


# --- dictionary editing --------------------------------------------------------------------------


def list_items(session: Session, kind: str, include_inactive: bool = False) -> list[DictionaryRow]:
    """Entries of one dictionary in display order (sort order, then name with ё = е)."""
    query = select(DictionaryItem.id, DictionaryItem.kind, DictionaryItem.code, DictionaryItem.name,
                   DictionaryItem.short_name, DictionaryItem.sort_order, DictionaryItem.active,
                   DictionaryItem.attrs).where(DictionaryItem.kind == kind)
    if not include_inactive:
        query = query.where(DictionaryItem.active.is_(True))
    rows = [DictionaryRow(r.id, r.kind, r.code, r.name, r.short_name, r.sort_order, r.active,
                          dict(r.attrs or {})) for r in session.execute(query)]
    return sorted(rows, key=lambda row: (row.sort_order, fold(row.name)))


def _get_item(session: Session, item_id: uuid.UUID) -> DictionaryItem:
    item = session.get(DictionaryItem, item_id)
    if item is None:
        raise NotFound("Значение справочника не найдено или удалено.")
    return item


def _refuse_fixed(kind: str, action: str) -> None:
    if kind in FIXED_KINDS:
        message = f"{FIXED_KINDS[kind]}: {action} нельзя, можно только переименовать."
        raise ValidationError({RECORD_FIELD: message})


def _check_names(check: Checker, session: Session, kind: str, name: str | None, short_name: str | None,
                 own_id: uuid.UUID | None) -> tuple[str | None, str | None]:
    cleaned = check.text("name", name, "Наименование", required=True, max_length=400)
    short = check.text("short_name", short_name, "Краткое наименование", max_length=60)
    if cleaned:
        others = session.execute(select(DictionaryItem.id, DictionaryItem.name)
                                 .where(DictionaryItem.kind == kind)).all()
        if any(fold(other) == fold(cleaned) and other_id != own_id for other_id, other in others):
            check.fail("name", f"Поле «Наименование»: значение «{cleaned}» в справочнике уже есть.")
    return cleaned, short


def create_item(session: Session, actor: Actor, kind: str, name: str, short_name: str | None = None,
                code: str | None = None) -> Saved:
    """Add an entry at the end of the list; the code is made from the name when not given."""
    require(actor, MANAGE_DICTIONARIES)
    if kind not in DICTIONARY_KINDS:
        raise NotFound(f"Справочник «{kind}» не найден.")
    _refuse_fixed(kind, "добавлять значения")
    check = Checker()
    cleaned, short = _check_names(check, session, kind, name, short_name, None)
    wanted = check_code(check, "code", code)
    existing = session.execute(select(DictionaryItem.code, DictionaryItem.sort_order)
                               .where(DictionaryItem.kind == kind)).all()
    taken = {row.code for row in existing}
    if wanted is not None and wanted in taken:
        check.fail("code", f"Поле «Код»: код «{wanted}» в справочнике уже занят.")
    check.done()
    item = DictionaryItem(kind=kind, code=wanted or unique_code(cleaned or "", taken), name=cleaned,
                          short_name=short, attrs={},
                          sort_order=max((row.sort_order for row in existing), default=-1) + 1,
                          created_by=actor.user_id, updated_by=actor.user_id)
    session.add(item)
    session.flush()
    audit.record(session, actor, "create", "dictionary_item", item.id, ["kind", "code", "name", "short_name"])
    return Saved(item.id, frozenset({DICTIONARIES}))


def rename_item(session: Session, actor: Actor, item_id: uuid.UUID, name: str,
                short_name: str | None = None) -> Saved:
    """Change the display name (allowed for every entry, including those fixed by law)."""
    require(actor, MANAGE_DICTIONARIES)
    item = _get_item(session, item_id)
    check = Checker()
    cleaned, short = _check_names(check, session, item.kind, name, short_name, item.id)
    check.done()
    return _save(session, actor, item, {"name": cleaned, "short_name": short})


def _save(session: Session, actor: Actor, item: DictionaryItem, values: dict[str, Any]) -> Saved:
    return update_record(session, actor, item, "dictionary_item", values, frozenset({DICTIONARIES}))


def deactivate_item(session: Session, actor: Actor, item_id: uuid.UUID) -> Saved:
    """Hide an entry from choice lists; records that have it keep it."""
    require(actor, MANAGE_DICTIONARIES)
    item = _get_item(session, item_id)
    _refuse_fixed(item.kind, "отключать значения")
    return _save(session, actor, item, {"active": False})


def reactivate_item(session: Session, actor: Actor, item_id: uuid.UUID) -> Saved:
    require(actor, MANAGE_DICTIONARIES)
    return _save(session, actor, _get_item(session, item_id), {"active": True})


def delete_item(session: Session, actor: Actor, item_id: uuid.UUID) -> Saved:
    """Delete an entry nothing refers to and that the program does not ship (it would come back)."""
    require(actor, MANAGE_DICTIONARIES)
    item = _get_item(session, item_id)
    _refuse_fixed(item.kind, "удалять значения")
    if is_shipped(item.kind, item.code):
        raise ValidationError({RECORD_FIELD: (
            f"Значение «{item.name}» поставляется с программой и при следующем запуске появится снова. "
            f"Отключите его: оно исчезнет из списков выбора."
        )})
    return delete_unused(session, actor, item, "dictionary_item", f"Значение «{item.name}»")


def move_item(session: Session, actor: Actor, item_id: uuid.UUID, new_position: int) -> Saved:
    """Put an entry at `new_position` (0-based, among all entries of its kind, switched-off ones too,
    as `list_items(include_inactive=True)` orders them) and renumber the list 0, 1, 2, …"""
    require(actor, MANAGE_DICTIONARIES)
    item = _get_item(session, item_id)
    same_kind = session.execute(select(DictionaryItem).where(DictionaryItem.kind == item.kind)).scalars()
    siblings = sorted(same_kind, key=lambda entry: (entry.sort_order, fold(entry.name)))
    siblings.remove(item)
    siblings.insert(max(0, min(new_position, len(siblings))), item)
    moved = False
    for order, entry in enumerate(siblings):
        if entry.sort_order != order:
            entry.sort_order = order
            entry.updated_by = actor.user_id
            moved = True
    if not moved:
        return Saved(item.id, frozenset())
    # One audit row for the action: the neighbours' new numbers follow from it.
    audit.record(session, actor, "update", "dictionary_item", item.id, ["sort_order"])
    return Saved(item.id, frozenset({DICTIONARIES}))
