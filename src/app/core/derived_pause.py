"""Derived tables' triggers paused for a bulk write, and the tables filled once afterwards, crash-safely.

The triggers that keep the derived tables (contact days, the report's summary, consent states) run a few statements
per written row: for a first day's million journal lines they cost more than the lines themselves. A bulk import
therefore, in one transaction, records each such trigger's CREATE statement in `paused_triggers` and drops it
(`pause`); writes in its chunks; then, in one transaction, creates the triggers again from the records, rebuilds
each paused derived table from its sources and deletes the records (`resume`).

Crash safety: the records are committed with the drop and deleted with the re-creation, so a process killed in
between leaves them, and the next `resume` (every start of the app, every import) finishes the job. Other writers
meanwhile: their rows are in the sources, and the rebuild reads the sources after the triggers are back (on
PostgreSQL CREATE TRIGGER locks the table against writers until the commit; SQLite has one writer at a time), so
nothing written during the pause is missing afterwards. `resume` is idempotent: a trigger already there (a second
process resumed first, a migration recreated it) is kept as it is.

Which triggers may be paused, and how their tables are rebuilt, is one list: `app.system.derived_tables.PAUSABLE`
(this module cannot import the tables' modules: they import app.core).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from db.base import utc_now
from db.models.derived_pause import PausedTrigger

log = logging.getLogger("opora.derived_pause")


@dataclass(frozen=True)
class Pausable:
    """Triggers named `prefix…` keep a derived table; `rebuild` fills it from its sources (in the caller's unit)."""

    prefix: str  # «trg_contact_»
    rebuild: Callable[[Session], int]


@dataclass(frozen=True)
class TriggerInfo:
    name: str
    table: str
    create_sql: str


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def triggers(session: Session, prefix: str) -> list[TriggerInfo]:
    """The triggers named `prefix…` in the database, with the statement that creates each."""
    if _dialect(session) == "sqlite":
        rows = session.execute(text(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, :n) = :prefix "
            "ORDER BY name"), {"n": len(prefix), "prefix": prefix}).all()
    else:
        rows = session.execute(text(
            "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND pg_table_is_visible(c.oid) "
            "AND left(t.tgname, :n) = :prefix ORDER BY t.tgname"), {"n": len(prefix), "prefix": prefix}).all()
    return [TriggerInfo(name, table, sql) for name, table, sql in rows]


def _quote(session: Session, name: str) -> str:
    return session.get_bind().dialect.identifier_preparer.quote_identifier(name)


def _drop(session: Session, trigger: TriggerInfo) -> None:
    statement = f"DROP TRIGGER {_quote(session, trigger.name)}"
    if _dialect(session) != "sqlite":
        statement += f" ON {_quote(session, trigger.table)}"
    session.execute(text(statement))


def _exists(session: Session, name: str, table: str) -> bool:
    return any(t.name == name and t.table == table for t in triggers(session, name))


def pause(session: Session, pausables: Iterable[Pausable], tables: Collection[str]) -> list[str]:
    """Record and drop the triggers of each pausable that has a trigger on one of `tables` (all of its triggers: a
    derived table is either kept row by row or rebuilt). In the caller's transaction, which the caller commits
    before its bulk write. Returns the prefixes paused (those already paused by a stopped import included)."""
    recorded = {record.trigger_name: record for record in session.scalars(select(PausedTrigger))}
    paused = []
    now = utc_now()
    for pausable in pausables:
        found = triggers(session, pausable.prefix)
        waiting = [record for record in recorded.values() if record.prefix == pausable.prefix]
        if not any(t.table in tables for t in found) and not any(r.table_name in tables for r in waiting):
            continue
        for trigger in found:
            if trigger.name in recorded:
                # Recreated by someone while its record stayed (a migration): the newer definition wins.
                recorded[trigger.name].create_sql = trigger.create_sql
            else:
                session.add(PausedTrigger(trigger_name=trigger.name, table_name=trigger.table,
                                          prefix=pausable.prefix, create_sql=trigger.create_sql, paused_at=now))
            _drop(session, trigger)
        paused.append(pausable.prefix)
    session.flush()
    if paused:
        log.info("derived-table triggers paused for a bulk write: %s", ", ".join(paused))
    return paused


def pending(session: Session) -> bool:
    """Whether some trigger is paused (a bulk write under way, or one killed before it finished)."""
    return session.execute(select(PausedTrigger.trigger_name).limit(1)).first() is not None


def resume(session: Session, pausables: Iterable[Pausable], progress: Callable[[str], None] | None = None) -> int:
    """Create the paused triggers again, rebuild their derived tables and delete the records, in the caller's
    transaction (commit it as one). The triggers come back first: on PostgreSQL that locks the tables against
    other writers, so the rebuild sees everything they wrote. Returns the number of triggers restored."""
    records = list(session.scalars(select(PausedTrigger).order_by(PausedTrigger.trigger_name)))
    if not records:
        return 0
    by_prefix = {pausable.prefix: pausable for pausable in pausables}
    for record in records:
        if not _exists(session, record.trigger_name, record.table_name):
            session.execute(text(record.create_sql))
    for prefix in dict.fromkeys(record.prefix for record in records):
        pausable = by_prefix.get(prefix)
        if pausable is None:  # a prefix no longer registered: its trigger is back, its table is the check's job
            log.warning("paused triggers %s… restored without a rebuild (not registered)", prefix)
            continue
        if progress is not None:
            progress(prefix)
        rows = pausable.rebuild(session)
        log.info("derived table of %s… rebuilt after a bulk write: %d rows", prefix, rows)
    session.execute(delete(PausedTrigger))
    session.flush()
    return len(records)


def estimated_rows(session: Session, table: str) -> int:
    """About how many rows `table` holds, without counting them (to weigh a rebuild against per-row triggers):
    SQLite's largest rowid, PostgreSQL's planner estimate."""
    quoted = _quote(session, table)
    if _dialect(session) == "sqlite":
        return int(session.execute(text(f"SELECT coalesce(max(rowid), 0) FROM {quoted}")).scalar_one())
    estimate = session.execute(text("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:table)"),
                               {"table": table}).scalar()
    return max(int(estimate or 0), 0)
