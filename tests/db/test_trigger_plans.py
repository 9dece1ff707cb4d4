"""The derived tables' triggers find the rows they delete by a key, not by a period.

A trigger runs for every row written, so a DELETE that SQLite can only narrow to a month or a year walks everyone's
rows of that period each time: 0015's place triggers did (`(month, …) IN (SELECT …)` used the month alone), and
marking 20 children's attendance took 120 ms instead of 10 on 20,000 families. The plans are asked of SQLite with
the trigger's OLD/NEW values as parameters.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

PERIOD_COLUMNS = {"month", "year", "day"}


def _trigger_deletes(connection: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(trigger, target table, statement) of every DELETE in the derived tables' triggers."""
    found = []
    for name, sql in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trg\\_%' ESCAPE '\\' "
            "ORDER BY name"):
        body = sql[re.search(r"\bBEGIN\b", sql).end():sql.rstrip().rindex("END")]
        for statement in (part.strip() for part in body.split(";")):
            target = re.match(r"DELETE FROM (\w+)", statement)
            if target:
                found.append((name, target.group(1), statement))
    return found


def _seek(connection: sqlite3.Connection, table: str, statement: str) -> set[str] | None:
    """The columns SQLite seeks `table` by for `statement` (None when it scans the table)."""
    query = re.sub(r"\b(OLD|NEW)\.\w+", "?", statement)
    plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {query}", [None] * query.count("?"))]
    line = next(step for step in plan if re.search(rf"\b{table}\b", step) and not step.startswith("LIST"))
    if not line.startswith("SEARCH"):
        return None
    return set(re.findall(r"(\w+)=\?", line))


def test_no_trigger_deletes_by_a_period_alone(sqlite_template: Path) -> None:
    connection = sqlite3.connect(f"file:{sqlite_template}?mode=ro", uri=True)
    try:
        deletes = _trigger_deletes(connection)
        assert len(deletes) > 30  # the summaries', contact days' and consent states' triggers are all read
        narrow = {(name, table): _seek(connection, table, statement) for name, table, statement in deletes}
    finally:
        connection.close()
    wide = {key: columns for key, columns in narrow.items() if columns is None or columns <= PERIOD_COLUMNS}
    assert wide == {}
    place = [columns for (name, _table), columns in narrow.items() if name.startswith("trg_rsum_place_")]
    assert place == [{"month", "staff_id", "service_id", "delivery_mode_id", "person_id"}] * 2
