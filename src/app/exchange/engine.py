"""The changeset engine: SQLite's session extension through apsw (SQLite3 Multiple Ciphers, so SQLCipher files too).

Runs only where no other SQLite library holds the same file in this process: in the child process started by
`app.exchange.child`, or in a test that uses apsw alone.

Baselines. For each partner a baseline file (`<db>.exchange/baseline-<partner>.db`, encrypted with the database's
key when the database is encrypted) holds what we believe the partner has. An export is `Session.diff` of the
travelling tables against it; the baseline advances when the partner acknowledges a package (by applying that
package's changeset) and when we apply a package of the partner's (by applying it there too).

Applying (`app.exchange.merge`). A change whose old values match is applied by SQLite; the conflict handler gets
the rest and merges
column by column, three ways, with the baseline as the common ancestor: a column only the partner changed is
taken, one only we changed is kept, one both changed to different values is queued for a person and kept as it is
here (and held in the baseline as ours, so it does not travel either way until decided). Stamps (updated_at/by,
created_at/by) merge by rule. Every package is applied in one transaction with its ledger row and audit rows.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import apsw

from app.core import audit
from app.exchange.tables import FILE_TABLES, TRAVELLING


class EngineError(Exception):
    """A problem the child reports to the parent as one Russian sentence."""


# --- connections ----------------------------------------------------------------------------------------------

def connect(path: Path, key_literal: str | None) -> apsw.Connection:
    """Open `path` (SQLCipher 4 when `key_literal` — `DatabaseKey.pragma_literal()` — is given)."""
    connection = apsw.Connection(str(path))
    connection.set_busy_timeout(15_000)
    if key_literal:
        # One statement per call: apsw runs the later statements of a multi-statement string only as its cursor
        # is read, so "PRAGMA cipher = …; PRAGMA legacy = 4" would silently skip the second.
        for pragma in ("PRAGMA cipher = sqlcipher", "PRAGMA legacy = 4", f"PRAGMA key = {key_literal}"):
            connection.execute(pragma).fetchall()
    connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
    return connection


def attach(connection: apsw.Connection, path: Path, alias: str, key_literal: str | None) -> None:
    clause = f" KEY {key_literal}" if key_literal else ""
    connection.execute(f"ATTACH DATABASE ? AS {alias}{clause}", (str(path),))


def baseline_path(database: Path, partner_id: uuid.UUID) -> Path:
    return database.parent / f"{database.name}.exchange" / f"baseline-{partner_id.hex}.db"


@contextmanager
def transaction(connection: apsw.Connection, immediate: bool = True) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def present_tables(connection: apsw.Connection, schema: str = "main") -> list[str]:
    names = {row[0] for row in connection.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")}
    return [name for name in TRAVELLING if name in names]


def columns_of(connection: apsw.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA main.table_info("{table}")')]


def pk_columns_of(connection: apsw.Connection, table: str) -> list[str]:
    rows = [(row[5], row[1]) for row in connection.execute(f'PRAGMA main.table_info("{table}")') if row[5]]
    return [name for _, name in sorted(rows)]


def ensure_baseline(connection: apsw.Connection, path: Path, key_literal: str | None) -> None:
    """Create the partner's baseline as empty tables of the travelling schema (it has nothing yet), or add the
    travelling tables it lacks (a table added by an upgrade)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    base = connect(path, key_literal)
    try:
        have = {row[0] for row in base.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        with transaction(base):
            for name, sql in connection.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table'"):
                if name in TRAVELLING and name not in have:
                    base.execute(sql)
    finally:
        base.close()


# --- values ---------------------------------------------------------------------------------------------------

def dump_value(value: Any) -> str:
    """JSON of a raw SQLite value (blobs as base64), for the conflict queue and the decisions."""
    if isinstance(value, bytes):
        return json.dumps({"$b": base64.b64encode(value).decode("ascii")})
    return json.dumps(value, ensure_ascii=False)


def load_value(text: str | None) -> Any:
    if text is None:
        return None
    value = json.loads(text)
    if isinstance(value, dict) and "$b" in value:
        return base64.b64decode(value["$b"])
    return value


def stamp_now() -> str:
    """A timestamp as SQLAlchemy stores it on SQLite (UTC, no zone)."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def uuid_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    try:
        return str(uuid.UUID(hex=text)) if len(text) == 32 else text[:36]
    except ValueError:
        return text[:36]


# --- export ---------------------------------------------------------------------------------------------------

def diff_against(connection: apsw.Connection, baseline: Path, key_literal: str | None,
                 tables: Iterable[str] | None = None) -> bytes:
    """The changeset that turns the baseline's travelling tables (or those of `tables`) into ours."""
    attach(connection, baseline, "base", key_literal)
    try:
        session = apsw.Session(connection, "main")
        try:
            for table in present_tables(connection) if tables is None else tables:
                session.attach(table)
                session.diff("base", table)
            return session.changeset()
        finally:
            session.close()
    finally:
        connection.execute("DETACH DATABASE base")


def count_changes(changeset: bytes) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"INSERT": 0, "UPDATE": 0, "DELETE": 0})
    for change in apsw.Changeset.iter(changeset):
        counts[change.name][change.op] += 1
    return {table: dict(ops) for table, ops in counts.items()}


def attached_files(connection: apsw.Connection, changeset: bytes) -> list[str]:
    """Stored names of the files whose rows are inserted or renamed by the changeset."""
    names: list[str] = []
    for change in apsw.Changeset.iter(changeset):
        column = FILE_TABLES.get(change.name)
        if column is None or change.op == "DELETE" or change.new is None:
            continue
        index = columns_of(connection, change.name).index(column)
        value = change.new[index]
        if isinstance(value, str):
            names.append(value)
    return names


def set_value(connection: apsw.Connection, schema: str, table: str, key_names: list[str], key: list[Any],
              column: str, value: Any) -> None:
    where = " AND ".join(f'"{name}" = ?' for name in key_names)
    connection.execute(f'UPDATE {schema}."{table}" SET "{column}" = ? WHERE {where}', [value, *key])


# --- the baseline ---------------------------------------------------------------------------------------------

def _force(reason: int, change: apsw.TableChange) -> int:
    """The baseline takes the partner's values whatever it held."""
    if reason in (apsw.SQLITE_CHANGESET_DATA, apsw.SQLITE_CHANGESET_CONFLICT):
        return apsw.SQLITE_CHANGESET_REPLACE
    return apsw.SQLITE_CHANGESET_OMIT


def advance_baseline(base: apsw.Connection, changesets: Iterable[bytes],
                     holds: Iterable[tuple[str, list[Any], str, Any]]) -> None:
    """Apply changesets to the baseline (inside the caller's transaction), then hold the queued fields at our value
    so that neither side's value travels until a person decides."""
    for changeset in changesets:
        # Inside the caller's transaction, which rolls back on any error: no savepoint of the apply's own (see
        # merge.apply_changeset).
        apsw.Changeset.apply(changeset, base, conflict=_force, flags=apsw.SQLITE_CHANGESETAPPLY_NOSAVEPOINT)
    for table, key, column, value in holds:
        set_value(base, "main", table, pk_columns_of(base, table), key, column, value)


# --- audit ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditActor:
    user_id: str | None  # hex
    login: str
    workstation: str


def write_audit(connection: apsw.Connection, actor: AuditActor, action: str,
                entries: Iterable[tuple[str, str | None, Iterable[str]]]) -> int:
    """Append chained audit rows exactly as `app.core.audit.record_many` would (same hash, same storage)."""
    row = connection.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    last_id, prev_hash = (row[0], row[1]) if row else (0, audit.GENESIS_HASH)
    user = uuid.UUID(hex=actor.user_id) if actor.user_id else None
    count = 0
    rows = []
    for entity, entity_id, fields in entries:
        last_id += 1
        at = datetime.now(UTC)
        field_text = ",".join(sorted(set(fields)))
        digest = audit._row_hash(prev_hash, last_id, at, user, actor.login, actor.workstation, action, entity,
                                 entity_id, field_text)
        rows.append((last_id, at.strftime("%Y-%m-%d %H:%M:%S.%f"), actor.user_id, actor.login, actor.workstation,
                     action, entity, entity_id, field_text, prev_hash, digest))
        prev_hash = digest
        count += 1
    connection.executemany(
        "INSERT INTO audit_log (id, at, user_id, login, workstation, action, entity, entity_id, fields, prev_hash, "
        "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return count
