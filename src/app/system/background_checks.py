"""Checks that take too long for the start and run after sign-in on a thread of their own.

- A full `PRAGMA integrity_check` of the SQLite file: the start runs only `quick_check`, which does not look at
  whether indexes match their tables, so index-only damage would otherwise be found first by the next backup.
- For an administrator, the audit log's chain (`app.system.audit_log.check_chain`, with the head kept in backups).
- Views of family cards recorded on this computer while the database was read-only are moved into its audit log
  (`app.system.view_audit.replay_pending`), for every user's sign-in; an administrator is told.
- For an administrator, the caseload table (staff → families) against its sources (`app.system.caseload_check`):
  a difference is repaired at once (a specialist would otherwise miss a family) and told. Only for an
  administrator, as the chain check: the comparison reads every link (≈25 s on the 1M-session base).

`run_background_checks` opens its own connections (never the GUI's database worker) and returns the warnings to
show, as Russian sentences; an empty list means all is well. Only the caseload repair writes, and only when the
comparison (a read) found a difference.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import closing

from app.core.actor import Actor, system_actor
from app.core.permissions import VIEW_AUDIT, allowed
from app.system.audit_log import chain_message, check_chain
from app.system.caseload_check import check_caseload, repair_caseload
from app.system.integrity import DATABASE_ERRORS, integrity_problems
from app.system.view_audit import replay_pending
from db.session import Database

log = logging.getLogger("opora.checks")


def full_integrity_warning(database: Database) -> str | None:
    path = database.sqlite_path
    if path is None or not path.exists():
        return None  # PostgreSQL keeps its own pages
    try:
        with closing(database.connect_file(path)) as connection:
            problems = integrity_problems(connection)
    except DATABASE_ERRORS as error:
        problems = [str(error)]
    if not problems:
        return None
    return ("Полная проверка базы данных нашла повреждения: " + "; ".join(problems[:3]) + ". Данные пока "
            "читаются, но сделайте резервную копию и сообщите администратору: повреждение может расти.")


def chain_warning(database: Database, actor: Actor) -> str | None:
    if not allowed(actor, VIEW_AUDIT):
        return None
    with database.read() as session:
        check = check_chain(session, actor)
    return None if check.ok else chain_message(check)


def caseload_warning(database: Database, actor: Actor) -> str | None:
    if not allowed(actor, VIEW_AUDIT):
        return None
    with database.read() as session:
        found = check_caseload(session)
    if found.ok:
        return None
    with database.write() as session:
        repaired = repair_caseload(session, system_actor("проверка"))
    return repaired.message


def pending_views_notice(database: Database, actor: Actor) -> str | None:
    """Views of family cards made while the database could not be written go into its audit log now
    (`app.system.view_audit`); an administrator is told how many."""
    moved = replay_pending(database)
    if not moved or not allowed(actor, VIEW_AUDIT):
        return None
    return (f"В журнал аудита перенесены просмотры карточек, сделанные на этом компьютере, пока база была открыта "
            f"только для чтения: {moved} (отмечены «recorded_late», со временем просмотра).")


def run_background_checks(database: Database, actor: Actor) -> list[str]:
    warnings = []
    for step in (lambda: pending_views_notice(database, actor), lambda: full_integrity_warning(database),
                 lambda: chain_warning(database, actor), lambda: caseload_warning(database, actor)):
        try:
            warning = step()
        except Exception:  # a check that cannot run is not worth stopping the work for: it is logged
            log.exception("a background check failed")
            continue
        if warning:
            warnings.append(warning)
    return warnings


def start_background_checks(database: Database, actor: Actor,
                            on_done: Callable[[list[str]], None]) -> threading.Thread:
    """Run the checks on a daemon thread; `on_done(warnings)` is called on that thread (marshal it to the GUI)."""
    thread = threading.Thread(target=lambda: on_done(run_background_checks(database, actor)),
                              name="opora-background-checks", daemon=True)
    thread.start()
    return thread
