"""Who exchanges with whom: this installation's identity, the offices a centre registers, their key files.

The regional centre sets itself up once (`set_up_centre`), registers each office (`register_office`), and hands
the office its key file; the office imports it once (`join_centre`), which fixes the office's identity. The key
file holds the pair's AES-256 key: it is a secret, carried like a database key (see app.system.keystore).
Services run in the caller's unit of work and never commit.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import ADMIN, COORDINATOR, Actor
from app.core.changes import EXCHANGE, Saved
from app.core.checks import Checker
from app.core.errors import OporaError, PermissionDenied, ValidationError
from db.models.exchange import ExchangeIdentity, ExchangePartner

CENTRE = "centre"
OFFICE = "office"
KEY_FORMAT = "opora-exchange-key-1"
KEY_SUFFIX = ".opora-key"
_CODE = re.compile(r"^[0-9A-Za-zА-Яа-яЁё_-]{1,40}$")


def require_exchange(actor: Actor) -> None:
    if actor.role not in (ADMIN, COORDINATOR):
        raise PermissionDenied("Обмен данными ведут администратор и координатор.")


def require_admin(actor: Actor) -> None:
    if actor.role != ADMIN:
        raise PermissionDenied("Настраивать обмен и выдавать ключи может только администратор.")


@dataclass(frozen=True)
class IdentityRow:
    id: uuid.UUID
    role: str
    code: str
    name: str

    @property
    def is_centre(self) -> bool:
        return self.role == CENTRE


@dataclass(frozen=True)
class PartnerRow:
    id: uuid.UUID
    role: str
    code: str
    name: str
    active: bool


def current_identity(session: Session) -> IdentityRow | None:
    row = session.execute(select(ExchangeIdentity)).scalar()
    return IdentityRow(row.id, row.role, row.code, row.name) if row else None


def list_partners(session: Session) -> list[PartnerRow]:
    rows = session.execute(select(ExchangePartner).order_by(ExchangePartner.code)).scalars()
    return [PartnerRow(row.id, row.role, row.code, row.name, row.active) for row in rows]


def _check_names(code: str, name: str) -> tuple[str, str]:
    check = Checker()
    clean_code = check.text("code", code, "Код", required=True, max_length=40) or ""
    clean_name = check.text("name", name, "Название", required=True, max_length=200) or ""
    if clean_code and not _CODE.match(clean_code):
        check.fail("code", "Поле «Код»: буквы, цифры, дефис и подчёркивание, без пробелов (например, «ЦЕНТР» или "
                           "«ОТД-3»).")
    check.done()
    return clean_code, clean_name


def set_up_centre(session: Session, actor: Actor, code: str, name: str) -> Saved:
    """Make this installation the regional centre (once; the identity cannot change afterwards)."""
    require_admin(actor)
    clean_code, clean_name = _check_names(code, name)
    existing = current_identity(session)
    if existing is not None:
        raise OporaError(f"Эта база уже участвует в обмене как «{existing.code}» ({existing.name}); это не меняется.")
    identity = ExchangeIdentity(id=uuid.uuid4(), role=CENTRE, code=clean_code, name=clean_name)
    session.add(identity)
    session.flush()
    audit.record(session, actor, "exchange_setup", "exchange_identity", identity.id, ["role", "code", "name"])
    return Saved(identity.id, frozenset({EXCHANGE}))


def key_file_text(centre: IdentityRow, office_id: uuid.UUID, code: str, name: str, key: bytes) -> str:
    return json.dumps({"format": KEY_FORMAT,
                       "centre": {"id": str(centre.id), "code": centre.code, "name": centre.name},
                       "office": {"id": str(office_id), "code": code, "name": name},
                       "key": key.hex()}, ensure_ascii=False, indent=1)


def register_office(session: Session, actor: Actor, code: str, name: str, key_file: Path) -> Saved:
    """Register an office at the centre and write its key file (the office imports it once)."""
    require_admin(actor)
    clean_code, clean_name = _check_names(code, name)
    centre = current_identity(session)
    if centre is None or not centre.is_centre:
        raise OporaError("Отделения регистрирует региональный центр: сначала настройте эту базу как центр.")
    if session.execute(select(ExchangePartner).where(ExchangePartner.code == clean_code)).scalar() is not None:
        raise ValidationError({"code": f"Отделение с кодом «{clean_code}» уже зарегистрировано."})
    if clean_code == centre.code:
        raise ValidationError({"code": "Код отделения совпадает с кодом центра."})
    key = os.urandom(32)
    partner = ExchangePartner(id=uuid.uuid4(), role=OFFICE, code=clean_code, name=clean_name, key=key)
    session.add(partner)
    session.flush()
    _write_key_file(key_file, key_file_text(centre, partner.id, clean_code, clean_name, key))
    audit.record(session, actor, "exchange_register", "exchange_partner", partner.id, ["code", "name", "key"])
    return Saved(partner.id, frozenset({EXCHANGE}))


def _write_key_file(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ValidationError({"key_file": f"Файл {path} уже существует: выберите другое имя."}) from None
    except OSError as error:
        raise OporaError(f"Не удалось записать файл ключа {path}: {error.strerror or error}.") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


@dataclass(frozen=True)
class KeyFile:
    centre_id: uuid.UUID
    centre_code: str
    centre_name: str
    office_id: uuid.UUID
    office_code: str
    office_name: str
    key: bytes


def read_key_file(path: Path) -> KeyFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != KEY_FORMAT:
            raise ValueError(data.get("format"))
        key = bytes.fromhex(data["key"])
        if len(key) != 32:
            raise ValueError("key length")
        return KeyFile(uuid.UUID(data["centre"]["id"]), data["centre"]["code"], data["centre"]["name"],
                       uuid.UUID(data["office"]["id"]), data["office"]["code"], data["office"]["name"], key)
    except FileNotFoundError:
        raise ValidationError({"key_file": f"Файл ключа {path} не найден."}) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise ValidationError({"key_file": f"Файл {path.name} не является ключом обмена «Опоры» (он выдаётся "
                                           "региональным центром при регистрации отделения)."}) from None


def join_centre(session: Session, actor: Actor, key_file: Path) -> Saved:
    """Import the key file the centre issued: fixes this office's identity and pairs it with the centre. Once:
    importing the same file again changes nothing; another office's key is refused."""
    require_admin(actor)
    data = read_key_file(key_file)
    existing = current_identity(session)
    if existing is not None:
        if existing.id == data.office_id:
            raise OporaError(f"Ключ отделения «{data.office_code}» уже загружен в эту базу.")
        raise OporaError(f"Эта база уже участвует в обмене как «{existing.code}»: ключ отделения "
                         f"«{data.office_code}» предназначен для другой базы.")
    session.add(ExchangeIdentity(id=data.office_id, role=OFFICE, code=data.office_code, name=data.office_name))
    session.add(ExchangePartner(id=data.centre_id, role=CENTRE, code=data.centre_code, name=data.centre_name,
                                key=data.key))
    session.flush()
    audit.record(session, actor, "exchange_join", "exchange_identity", data.office_id, ["role", "code", "key"])
    return Saved(data.office_id, frozenset({EXCHANGE}))


@dataclass(frozen=True)
class IdentityChoice:
    """What the first-run wizard asks: is this installation the regional centre or an office?

    A centre gives its code and name; an office gives the key file its centre issued, or none to load it later
    in «Обмен данными» (an office's identity comes from the centre, so nothing is fixed without the key)."""

    role: str  # CENTRE or OFFICE
    code: str = ""
    name: str = ""
    key_file: Path | None = None


def _prefixed(error: ValidationError) -> ValidationError:
    return ValidationError({f"exchange.{field}": message for field, message in error.errors.items()})


def check_identity_choice(choice: IdentityChoice) -> None:
    """The choice checked without the database (as the wizard's page is left); ValidationError with fields
    "exchange.role", "exchange.code", "exchange.name", "exchange.key_file"."""
    if choice.role not in (CENTRE, OFFICE):
        raise ValidationError({"exchange.role": "Выберите, чем будет эта база: региональным центром или "
                                                "отделением."})
    try:
        if choice.role == CENTRE:
            _check_names(choice.code, choice.name)
        elif choice.key_file is not None:
            read_key_file(choice.key_file)
    except ValidationError as error:
        raise _prefixed(error) from None


def fix_identity(session: Session, actor: Actor, choice: IdentityChoice) -> Saved | None:
    """Fix this installation's identity at first run, in the caller's unit of work: the centre is set up, an
    office's key file is loaded (`set_up_centre`, `join_centre`); an office without its key yet: nothing (None)."""
    check_identity_choice(choice)
    try:
        if choice.role == CENTRE:
            return set_up_centre(session, actor, choice.code, choice.name)
        if choice.key_file is not None:
            return join_centre(session, actor, choice.key_file)
    except ValidationError as error:
        raise _prefixed(error) from None
    return None

