"""A new office adopts the centre's reference rows (organisation, districts, settlements, dictionaries, services)
by their natural keys, before the centre's first changeset is applied (inside the same transaction)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import apsw

from app.exchange.engine import columns_of, uuid_text

# Reference tables an office adopts from the centre by their natural key, in dependency order. A new office has
# its own copies (seeded at first run under random ids); the centre's rows replace them and every reference to
# the local copy is re-pointed, so both databases speak of one «педагог-психолог», one district, one organisation.
ADOPTED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("organizations", ()),  # one organisation per database: the centre's is the region's
    ("districts", ("name",)),
    ("dictionary_items", ("kind", "code")),
    ("settlements", ("district_id", "municipality", "name")),
    ("services", ("code",)),
)


def references_to(connection: apsw.Connection, table: str) -> list[tuple[str, str]]:
    found = []
    for (name,) in list(connection.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")):
        for row in connection.execute(f'PRAGMA main.foreign_key_list("{name}")'):
            if row[2] == table:
                found.append((name, row[3]))
    return found


def adopt_reference_rows(connection: apsw.Connection, changeset: bytes) -> list[tuple[str, str | None, list[str]]]:
    """Inside the caller's transaction, before the centre's changeset is applied: each local reference row that
    the centre's package brings under another id takes the centre's id and values. Returns audit entries."""
    incoming: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for change in apsw.Changeset.iter(changeset):
        if change.op == "INSERT" and change.new is not None:
            incoming[change.name].append(tuple(change.new))
    entries: list[tuple[str, str | None, list[str]]] = []
    if not any(table in incoming for table, _ in ADOPTED):
        return entries
    connection.execute("PRAGMA defer_foreign_keys = ON")
    for table, natural in ADOPTED:
        rows = incoming.get(table, [])
        if not rows:
            continue
        names = columns_of(connection, table)
        id_index = names.index("id")
        for row in rows:
            new_id = row[id_index]
            if connection.execute(f'SELECT 1 FROM main."{table}" WHERE id = ?', (new_id,)).fetchone():
                continue
            if natural:
                where = " AND ".join(f'"{name}" IS ?' for name in natural)
                local = connection.execute(f'SELECT id FROM main."{table}" WHERE {where}',
                                           [row[names.index(name)] for name in natural]).fetchall()
            else:
                local = connection.execute(f'SELECT id FROM main."{table}"').fetchall()
                if len(local) != 1 or len(rows) != 1:
                    continue
            if len(local) != 1:
                continue
            old_id = local[0][0]
            for other, column in references_to(connection, table):
                connection.execute(f'UPDATE main."{other}" SET "{column}" = ? WHERE "{column}" = ?', (new_id, old_id))
            assignments = ", ".join(f'"{name}" = ?' for name in names)
            connection.execute(f'UPDATE main."{table}" SET {assignments} WHERE id = ?', (*row, old_id))
            entries.append((table, uuid_text(new_id), ["id", *natural]))
    return entries
