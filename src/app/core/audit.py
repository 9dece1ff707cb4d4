"""The append-only audit log with a hash chain over its rows."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from db.base import utc_now
from db.models import AuditEntry

GENESIS_HASH = "0" * 64
AUDIT_LOCK_KEY = 0x4F504F5241  # "OPORA": the advisory lock that serialises appends on PostgreSQL


def _row_hash(prev_hash: str, at: datetime, login: str, workstation: str, action: str,
              entity: str, entity_id: str | None, fields: str) -> str:
    payload = "\x1f".join(
        (prev_hash, at.isoformat(timespec="microseconds"), login, workstation, action, entity,
         entity_id or "", fields)
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str = "",
    entity_id: uuid.UUID | str | None = None,
    fields: Iterable[str] = (),
) -> None:
    """Append one audit row inside the caller's transaction.

    Only field names are written, never values. The row hash covers the previous row's hash,
    so removing or editing any row breaks the chain from there on.
    """
    if session.get_bind().dialect.name == "postgresql":
        # Two transactions must not chain onto the same last row; SQLite writers are serialised already.
        session.execute(select(func.pg_advisory_xact_lock(AUDIT_LOCK_KEY)))
    last = session.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar()
    prev_hash = last or GENESIS_HASH
    at = utc_now()
    field_text = ",".join(sorted(set(fields)))
    ident = str(entity_id) if entity_id is not None else None
    session.add(
        AuditEntry(
            at=at,
            user_id=actor.user_id,
            login=actor.login,
            workstation=actor.workstation,
            action=action,
            entity=entity,
            entity_id=ident,
            fields=field_text,
            prev_hash=prev_hash,
            hash=_row_hash(prev_hash, at, actor.login, actor.workstation, action, entity, ident, field_text),
        )
    )
    session.flush()


def record_many(session: Session, actor: Actor, action: str,
                entries: Iterable[tuple[str, uuid.UUID | str | None, Iterable[str]]]) -> int:
    """Append one audit row per (entity, entity_id, fields), chained, with one read and one bulk insert.

    For bulk work such as an import of thousands of records, where `record` per row would read the
    chain's last hash and flush once per row. Returns how many rows were written.
    """
    from sqlalchemy import insert

    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(AUDIT_LOCK_KEY)))
    session.flush()
    prev_hash = session.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar() \
        or GENESIS_HASH
    rows = []
    for entity, entity_id, fields in entries:
        at = utc_now()
        field_text = ",".join(sorted(set(fields)))
        ident = str(entity_id) if entity_id is not None else None
        row_hash = _row_hash(prev_hash, at, actor.login, actor.workstation, action, entity, ident, field_text)
        rows.append({"at": at, "user_id": actor.user_id, "login": actor.login, "workstation": actor.workstation,
                     "action": action, "entity": entity, "entity_id": ident, "fields": field_text,
                     "prev_hash": prev_hash, "hash": row_hash})
        prev_hash = row_hash
    for start in range(0, len(rows), 1000):
        # Rows go in list order, so ids ascend along the chain as verify_chain reads it.
        session.execute(insert(AuditEntry), rows[start:start + 1000])
    return len(rows)


@dataclass(frozen=True)
class ChainCheck:
    rows: int
    first_broken_id: int | None

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def verify_chain(session: Session) -> ChainCheck:
    """Recompute every row's hash in order; report the first row that does not match."""
    prev_hash = GENESIS_HASH
    count = 0
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=5000))
    for entry in rows.scalars():
        count += 1
        expected = _row_hash(prev_hash, entry.at, entry.login, entry.workstation, entry.action,
                             entry.entity, entry.entity_id, entry.fields)
        if entry.prev_hash != prev_hash or entry.hash != expected:
            return ChainCheck(count, entry.id)
        prev_hash = entry.hash
    return ChainCheck(count, None)
