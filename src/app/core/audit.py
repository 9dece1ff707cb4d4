"""The append-only audit log with a hash chain over its rows.

Each row's hash covers every column (id and user_id included) and the previous row's hash; ids are given here,
consecutively, so a removed row leaves a gap `verify_chain` names. Removing the newest rows, or rewriting the chain
from some row on, leaves a chain that is consistent in itself: that is caught by comparing with a head (last id and
hash) kept outside the table — in backup manifests (app.system.backups) and printed on exported reports. Rows
written before this scheme (hash "v1": no id, no user_id) are accepted only before the first row of the new one.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from db.base import utc_now
from db.models import AuditEntry

AUDIT_TABLE: Table = AuditEntry.__table__  # type: ignore[assignment]  # a mapped class's table

GENESIS_HASH = "0" * 64
AUDIT_LOCK_KEY = 0x4F504F5241  # "OPORA": the advisory lock that serialises appends on PostgreSQL


def _row_hash_v1(prev_hash: str, at: datetime, login: str, workstation: str, action: str,
                 entity: str, entity_id: str | None, fields: str) -> str:
    payload = "\x1f".join(
        (prev_hash, at.isoformat(timespec="microseconds"), login, workstation, action, entity,
         entity_id or "", fields)
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _row_hash(prev_hash: str, row_id: int, at: datetime, user_id: uuid.UUID | None, login: str, workstation: str,
              action: str, entity: str, entity_id: str | None, fields: str) -> str:
    """The hash of every column of a row (v2)."""
    stamp = at.replace(tzinfo=None).isoformat(timespec="microseconds")  # SQLite gives it back without a zone
    payload = "\x1f".join(
        ("v2", prev_hash, str(row_id), stamp, str(user_id) if user_id else "", login, workstation, action,
         entity, entity_id or "", fields)
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainHead:
    """The newest row of the chain, as kept outside the table."""

    last_id: int
    hash: str


def chain_head(session: Session) -> ChainHead:
    row = session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    return ChainHead(row[0], row[1]) if row else ChainHead(0, GENESIS_HASH)


STAMP_HEX = 16  # hex digits of the hash printed: 64 bits, plenty to tell a rewritten chain, short on a page
STAMP_LABEL = "Контрольная сумма журнала аудита"
_STAMP_PATTERN = re.compile(r"(\d+)\D+?([0-9a-fA-F]{16,64})\b")


def head_stamp(head: ChainHead) -> str:
    """The head as printed on exported reports (and carried by exchange packages):
    «Контрольная сумма журнала аудита: № 1234 · 3f9ac1d2e4b5a6f7»."""
    return f"{STAMP_LABEL}: № {head.last_id} · {head.hash[:STAMP_HEX]}"


def current_head_stamp(session: Session) -> str:
    """`head_stamp` of the chain as it is now, for anything leaving the database (reports, exchange packages)."""
    return head_stamp(chain_head(session))


def parse_head(text: str) -> ChainHead | None:
    """A head read back from a printed stamp («№ 1234 · 3f9a…», «1234:3f9a…»); None when there is none.
    The hash may be a prefix of at least STAMP_HEX digits (`verify_chain` compares by prefix)."""
    found = _STAMP_PATTERN.search(text)
    return ChainHead(int(found.group(1)), found.group(2).lower()) if found else None


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str = "",
    entity_id: uuid.UUID | str | None = None,
    fields: Iterable[str] = (),
    at: datetime | None = None,
) -> None:
    """Append one audit row inside the caller's transaction.

    Only field names are written, never values. The row hash covers the previous row's hash,
    so removing or editing any row breaks the chain from there on. `at`: when it happened, for an event
    recorded late (a view on a read-only database, `app.system.view_audit`); now by default.
    """
    if session.get_bind().dialect.name == "postgresql":
        # Two transactions must not chain onto the same last row; SQLite writers are serialised already.
        session.execute(select(func.pg_advisory_xact_lock(AUDIT_LOCK_KEY)))
    head = chain_head(session)
    prev_hash = head.hash
    row_id = head.last_id + 1
    at = at or utc_now()
    field_text = ",".join(sorted(set(fields)))
    ident = str(entity_id) if entity_id is not None else None
    session.add(
        AuditEntry(
            id=row_id,
            at=at,
            user_id=actor.user_id,
            login=actor.login,
            workstation=actor.workstation,
            action=action,
            entity=entity,
            entity_id=ident,
            fields=field_text,
            prev_hash=prev_hash,
            hash=_row_hash(prev_hash, row_id, at, actor.user_id, actor.login, actor.workstation, action, entity,
                           ident, field_text),
        )
    )
    session.flush()


def record_many(session: Session, actor: Actor, action: str,
                entries: Iterable[tuple[str, uuid.UUID | str | None, Iterable[str]]]) -> int:
    """Append one audit row per (entity, entity_id, fields), chained, with one read and one bulk insert.

    For bulk work such as an import of thousands of records, where `record` per row would read the
    chain's last hash and flush once per row. Returns how many rows were written.
    """
    from app.core.driver_rows import insert_rows

    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(AUDIT_LOCK_KEY)))
    session.flush()
    head = chain_head(session)
    prev_hash, row_id = head.hash, head.last_id
    rows = []
    for entity, entity_id, fields in entries:
        at = utc_now()
        row_id += 1
        field_text = ",".join(sorted(set(fields)))
        ident = str(entity_id) if entity_id is not None else None
        row_hash = _row_hash(prev_hash, row_id, at, actor.user_id, actor.login, actor.workstation, action, entity,
                             ident, field_text)
        rows.append({"id": row_id, "at": at, "user_id": actor.user_id, "login": actor.login,
                     "workstation": actor.workstation, "action": action, "entity": entity, "entity_id": ident,
                     "fields": field_text,
                     "prev_hash": prev_hash, "hash": row_hash})
        prev_hash = row_hash
    if session.get_bind().dialect.name == "postgresql" and rows:
        # One COPY (an exchange package's 100,000 rows: a statement instead of a hundred executemany batches).
        columns = list(rows[0])
        raw = session.connection().connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor, cursor.copy(f"COPY audit_log ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[column] for column in columns])
        return len(rows)
    for start in range(0, len(rows), 1000):
        # Rows go in list order, so ids ascend along the chain as verify_chain reads it. Straight to the driver's
        # executemany (the values converted as SQLAlchemy converts them): no per-row parameter building.
        insert_rows(session, AUDIT_TABLE, rows[start:start + 1000])
    return len(rows)


CHANGED = "changed"  # a row's columns do not match its hash, or it does not follow the row before
GAP = "gap"  # ids are not consecutive: rows were removed from the middle
TRUNCATED = "truncated"  # the head kept outside the table is missing or different: the newest rows were removed


@dataclass(frozen=True)
class ChainCheck:
    rows: int
    first_broken_id: int | None
    problem: str = ""
    expected_head: ChainHead | None = None  # the head compared with, when one was known

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None and not self.problem


def verify_chain(session: Session, known_head: ChainHead | None = None) -> ChainCheck:
    """Recompute every row's hash in order; report the first row that does not match, a gap in the ids, or (given
    the head last kept outside the table) that the rows up to that head are no longer all there."""
    prev_hash = GENESIS_HASH
    previous_id: int | None = None
    count = 0
    new_scheme = False
    head_seen = known_head is None or known_head.last_id == 0
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=5000))
    for entry in rows.scalars():
        count += 1
        if previous_id is not None and entry.id != previous_id + 1:
            return ChainCheck(count, entry.id, GAP, known_head)
        expected = _row_hash(prev_hash, entry.id, entry.at, entry.user_id, entry.login, entry.workstation,
                             entry.action, entry.entity, entry.entity_id, entry.fields)
        matches = entry.hash == expected
        if matches:
            new_scheme = True
        elif not new_scheme:
            matches = entry.hash == _row_hash_v1(prev_hash, entry.at, entry.login, entry.workstation, entry.action,
                                                 entry.entity, entry.entity_id, entry.fields)
        if entry.prev_hash != prev_hash or not matches:
            return ChainCheck(count, entry.id, CHANGED, known_head)
        if known_head is not None and entry.id == known_head.last_id:
            if not entry.hash.startswith(known_head.hash):  # a printed head carries a prefix
                return ChainCheck(count, entry.id, TRUNCATED, known_head)
            head_seen = True
        prev_hash = entry.hash
        previous_id = entry.id
    if not head_seen:
        assert known_head is not None
        return ChainCheck(count, known_head.last_id, TRUNCATED, known_head)
    return ChainCheck(count, None, "", known_head)
