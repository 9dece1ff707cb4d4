"""Applying a partner's changeset: SQLite applies what matches, `Merger` (the conflict handler) merges the rest
column by column, three ways, with the partner's baseline as the common ancestor (see `app.exchange.engine`);
decisions on conflicts that arrive are applied last; conflicts are queued. Runs inside the caller's transaction.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import apsw

from app.exchange.engine import (
    EngineError,
    columns_of,
    dump_value,
    load_value,
    pk_columns_of,
    set_value,
    stamp_now,
    uuid_text,
)
from app.exchange.tables import CREATED_STAMPS, UPDATED_STAMPS

MISSING = object()
RESOLUTIONS = "exchange_resolutions"


@dataclass
class Conflict:
    table: str
    key: list[Any]
    column: str
    base: Any
    local: Any
    incoming: Any
    local_by: Any = None
    local_at: Any = None
    incoming_by: Any = None
    incoming_at: Any = None


@dataclass
class ApplyResult:
    applied: int = 0
    duplicates: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    audit_rows: list[tuple[str, str | None, list[str]]] = field(default_factory=list)
    resolutions_applied: int = 0


class Merger:
    """The conflict handler and what it decided, applied after `Changeset.apply` in the same transaction."""

    def __init__(self, connection: apsw.Connection | None, has_base: bool,
                 base_lookup: Callable[[str, list[Any]], tuple[Any, ...] | None] | None = None) -> None:
        self.connection = connection
        self.has_base = has_base
        self.base_lookup = base_lookup
        self.columns: dict[str, list[str]] = {}
        self.pks: dict[str, list[str]] = {}
        self.fixes: list[tuple[str, list[Any], str, Any]] = []
        self.conflicts: list[Conflict] = []
        self.problems: list[str] = []
        self.handled: set[tuple[str, tuple[Any, ...]]] = set()
        self.fk_failed = False

    def accept(self, change: apsw.TableChange) -> bool:
        """Personal records are soft-deleted: an outright deletion of one (a database restored from an old copy
        would send such) is not applied, and said so. Link rows (no `deleted_at`) are deleted as sent."""
        if change.op != "DELETE" or "deleted_at" not in self.cols(change.name):
            return True
        row = change.old
        assert row is not None
        key = self.key_of(change.name, tuple(row))
        self.handled.add((change.name, tuple(key)))
        self.problems.append(f"{change.name}: удаление записи {key} не принято (личные записи только помечаются "
                             "удалёнными)")
        return False

    def cols(self, table: str) -> list[str]:
        if table not in self.columns:
            assert self.connection is not None
            self.columns[table] = columns_of(self.connection, table)
            self.pks[table] = pk_columns_of(self.connection, table)
        return self.columns[table]

    def key_of(self, table: str, row: tuple[Any, ...]) -> list[Any]:
        names = self.cols(table)
        return [row[names.index(name)] for name in self.pks[table]]

    def base_row(self, table: str, key: list[Any]) -> tuple[Any, ...] | None:
        if self.base_lookup is not None:
            return self.base_lookup(table, key)
        if not self.has_base or self.connection is None:
            return None
        where = " AND ".join(f'"{name}" = ?' for name in self.pks[table])
        rows = list(self.connection.execute(f'SELECT * FROM base."{table}" WHERE {where}', key))
        return tuple(rows[0]) if rows else None

    def __call__(self, reason: int, change: apsw.TableChange) -> int:
        if reason == apsw.SQLITE_CHANGESET_FOREIGN_KEY:
            self.fk_failed = True
            return apsw.SQLITE_CHANGESET_ABORT
        table = change.name
        self.cols(table)
        row = change.new if change.op == "INSERT" else change.old
        assert row is not None
        key = self.key_of(table, tuple(row))
        self.handled.add((table, tuple(key)))
        if reason == apsw.SQLITE_CHANGESET_CONSTRAINT:
            self.problems.append(f"{table}: запись {key} нарушает ограничение уникальности и не принята")
            return apsw.SQLITE_CHANGESET_OMIT
        if change.op == "DELETE":
            # Only link rows are deleted outright (personal records are soft-deleted): the deletion wins.
            return apsw.SQLITE_CHANGESET_REPLACE if reason == apsw.SQLITE_CHANGESET_DATA \
                else apsw.SQLITE_CHANGESET_OMIT
        if reason == apsw.SQLITE_CHANGESET_NOTFOUND:
            return apsw.SQLITE_CHANGESET_OMIT  # a row deleted here (a link row): the deletion stands
        local, new = change.conflict, change.new
        assert local is not None and new is not None
        self.merge(table, key, tuple(local), tuple(new), tuple(change.old) if change.old else None)
        return apsw.SQLITE_CHANGESET_OMIT

    def merge(self, table: str, key: list[Any], local: tuple[Any, ...], new: tuple[Any, ...],
              old: tuple[Any, ...] | None) -> None:
        names = self.columns[table]
        base = self.base_row(table, key)
        stamps_both: list[int] = []
        for index, name in enumerate(names):
            incoming = new[index]
            if incoming is apsw.no_change or name in self.pks[table]:
                continue
            here = local[index]
            if here == incoming:
                continue
            if base is not None:
                known = base[index]
            elif old is not None and old[index] is not apsw.no_change:
                known = old[index]
            else:
                known = MISSING
            if known is not MISSING and incoming == known:
                continue  # the partner has nothing new here; ours travels to them
            if known is not MISSING and here == known:
                self.fixes.append((table, key, name, incoming))
                continue
            if name in UPDATED_STAMPS or name in CREATED_STAMPS:
                stamps_both.append(index)
                continue
            self.conflicts.append(self.conflict(table, key, name, known, local, new, index, base or old))
        self.merge_stamps(table, key, local, new, stamps_both)

    def merge_stamps(self, table: str, key: list[Any], local: tuple[Any, ...], new: tuple[Any, ...],
                     indexes: list[int]) -> None:
        names = self.columns[table]

        def pair(row: tuple[Any, ...], first: str, second: str) -> tuple[str, str]:
            values = []
            for name in (first, second):
                value = row[names.index(name)] if name in names else None
                values.append("" if value is None or value is apsw.no_change else str(value))
            return values[0], values[1]

        touched = {names[index] for index in indexes}
        for first, second, pick in ((*UPDATED_STAMPS, max), (*CREATED_STAMPS, min)):
            if not touched & {first, second}:
                continue
            ours, theirs = pair(local, first, second), pair(new, first, second)
            if theirs == ("", ""):
                continue
            chosen = pick(ours, theirs) if ours != ("", "") else theirs
            if chosen != ours:
                for name in (first, second):
                    if name in names and new[names.index(name)] is not apsw.no_change:
                        self.fixes.append((table, key, name, new[names.index(name)]))

    def conflict(self, table: str, key: list[Any], name: str, known: Any, local: tuple[Any, ...],
                 new: tuple[Any, ...], index: int, before: tuple[Any, ...] | None) -> Conflict:
        names = self.columns[table]

        def stamp(row: tuple[Any, ...], column: str) -> Any:
            if column not in names:
                return None
            value = row[names.index(column)]
            if value is apsw.no_change and before is not None:
                value = before[names.index(column)]  # unchanged there: as it was before both changes
            return None if value is apsw.no_change else value

        return Conflict(table, key, name, None if known is MISSING else known, local[index], new[index],
                        stamp(local, "updated_by"), stamp(local, "updated_at"),
                        stamp(new, "updated_by"), stamp(new, "updated_at"))



DANGLING_REFERENCE = ("в пакете есть записи, ссылающиеся на записи, которых здесь нет (например, на справочник "
                      "отделения, ещё не получившего справочники центра). Если это первый обмен отделения, сначала "
                      "загрузите в отделении пакет центра, затем сделайте пакет отделения заново.")


def apply_changeset(connection: apsw.Connection, changeset: bytes, has_base: bool) -> ApplyResult:
    """Apply inside the caller's transaction (the baseline attached as `base` when `has_base`). Raises EngineError
    when the package would leave a reference to a record that does not exist."""
    merger = Merger(connection, has_base)
    new_resolutions = _new_resolution_ids(connection, changeset)
    try:
        # No savepoint of its own: the caller's transaction rolls everything back on any error, and with a savepoint
        # open every statement journals each page it writes (the derived tables' triggers write many), which made
        # a quarter's package take minutes instead of seconds.
        apsw.Changeset.apply(changeset, connection, conflict=merger, filter_change=merger.accept,
                             flags=apsw.SQLITE_CHANGESETAPPLY_NOSAVEPOINT)
    except (apsw.AbortError, apsw.ConstraintError):
        # A dangling reference is found at the end of the apply; our ABORT then comes back as SQLITE_CONSTRAINT.
        if merger.fk_failed:
            raise EngineError(DANGLING_REFERENCE) from None
        raise
    result = ApplyResult(conflicts=merger.conflicts, problems=merger.problems)
    fixed: dict[tuple[str, tuple[Any, ...]], list[str]] = defaultdict(list)
    for table, fix_key, column, value in merger.fixes:
        set_value(connection, "main", table, merger.pks[table], fix_key, column, value)
        fixed[(table, tuple(fix_key))].append(column)
    for change in apsw.Changeset.iter(changeset):
        table = change.name
        merger.cols(table)
        row = change.new if change.op == "INSERT" else change.old
        assert row is not None
        row_key = tuple(merger.key_of(table, tuple(row)))
        names = merger.columns[table]
        if (table, row_key) in merger.handled:
            if (table, row_key) in fixed:
                result.applied += 1
                result.audit_rows.append((table, uuid_text(row_key[0]), fixed[(table, row_key)]))
            else:
                result.duplicates += 1
            continue
        result.applied += 1
        if change.op == "UPDATE":
            fields = [names[i] for i, value in enumerate(change.new or ()) if value is not apsw.no_change]
        elif change.op == "INSERT":
            fields = [name for name in names if name not in merger.pks[table]] or ["created"]
        else:
            fields = ["deleted"]
        result.audit_rows.append((table, uuid_text(row_key[0]), fields))
    result.resolutions_applied = apply_resolutions(connection, new_resolutions, result)
    return result


def _new_resolution_ids(connection: apsw.Connection, changeset: bytes) -> list[Any]:
    """Ids of the decisions this changeset inserts that are not here yet (those are applied after it)."""
    inserted = [tuple(change.new) for change in apsw.Changeset.iter(changeset)
                if change.name == RESOLUTIONS and change.op == "INSERT" and change.new is not None]
    if not inserted:
        return []
    index = columns_of(connection, RESOLUTIONS).index("id")
    ids = [row[index] for row in inserted]
    existing = {row[0] for row in connection.execute(
        f"SELECT id FROM {RESOLUTIONS} WHERE id IN ({','.join('?' * len(ids))})", ids)}
    return [value for value in ids if value not in existing]


def apply_resolutions(connection: apsw.Connection, ids: Iterable[Any], result: ApplyResult) -> int:
    """Apply the decisions that arrived: the chosen value is set here and the matching open conflict closed.
    A field changed here again after the decision was taken becomes a new conflict instead."""
    done = 0
    for resolution_id in ids:
        row = connection.execute(
            f"SELECT table_name, row_key, column_name, value, candidates, decided_by_name FROM {RESOLUTIONS} "
            "WHERE id = ?", (resolution_id,)).fetchone()
        if row is None:
            continue
        table, row_key, column, value_text, candidates_text, _ = row
        key = json.loads(row_key)
        key_names = pk_columns_of(connection, table)
        if not key_names or column not in columns_of(connection, table):
            continue
        where = " AND ".join(f'"{name}" = ?' for name in key_names)
        current = connection.execute(f'SELECT "{column}" FROM main."{table}" WHERE {where}', key).fetchone()
        if current is None:
            continue
        value = load_value(value_text)
        candidates = [load_value(text) for text in json.loads(candidates_text or "[]")]
        open_conflict = list(connection.execute(
            "SELECT id FROM exchange_conflicts WHERE table_name = ? AND row_key = ? AND column_name = ? "
            "AND state = 'open'", (table, row_key, column)))
        pending = [c for c in result.conflicts if c.table == table and json.dumps(c.key) == row_key
                   and c.column == column]
        if open_conflict or pending or current[0] in candidates or current[0] == value:
            if current[0] != value:
                set_value(connection, "main", table, key_names, key, column, value)
                result.audit_rows.append((table, uuid_text(key[0]), [column]))
            connection.execute(
                "UPDATE exchange_conflicts SET state = 'resolved', resolution_id = ? WHERE table_name = ? "
                "AND row_key = ? AND column_name = ? AND state = 'open'", (resolution_id, table, row_key, column))
            for conflict in pending:
                result.conflicts.remove(conflict)
            done += 1
        else:
            result.conflicts.append(Conflict(table, key, column, None, current[0], value))
    return done


def store_conflicts(connection: apsw.Connection, conflicts: list[Conflict], package_id: uuid.UUID,
                    partner_id: uuid.UUID) -> None:
    """Queue conflicts; a field already queued and open gets the newer incoming value instead of a second row."""
    now = stamp_now()
    for item in conflicts:
        row_key = json.dumps(item.key)
        existing = connection.execute(
            "SELECT id FROM exchange_conflicts WHERE table_name = ? AND row_key = ? AND column_name = ? "
            "AND state = 'open'", (item.table, row_key, item.column)).fetchone()
        values = (dump_value(item.base), dump_value(item.local), dump_value(item.incoming), item.local_by,
                  item.local_at, item.incoming_by, item.incoming_at)
        if existing:
            connection.execute(
                "UPDATE exchange_conflicts SET base_value = ?, local_value = ?, incoming_value = ?, "
                "local_changed_by = ?, local_changed_at = ?, incoming_changed_by = ?, incoming_changed_at = ?, "
                "package_id = ?, partner_id = ?, detected_at = ? WHERE id = ?",
                (*values, package_id.hex, partner_id.hex, now, existing[0]))
        else:
            connection.execute(
                "INSERT INTO exchange_conflicts (id, package_id, partner_id, table_name, row_key, column_name, "
                "base_value, local_value, incoming_value, local_changed_by, local_changed_at, incoming_changed_by, "
                "incoming_changed_at, detected_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')",
                (uuid.uuid4().hex, package_id.hex, partner_id.hex, item.table, row_key, item.column, *values, now))
