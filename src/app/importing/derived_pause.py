"""When an import pauses the derived tables' triggers (app.core.derived_pause), and how it puts them back.

Per written row the triggers cost a few statements (about 70 µs a journal line); a rebuild of a derived table
reads all of its sources once (a few µs per existing row). So an import pauses them when it brings many rows
and at least a tenth as many as the main table already holds: a first day's journal, a year of an office's
journal into a fresh database; a week's journal into a centre with millions of sessions keeps its triggers.
"""

from __future__ import annotations

import logging
from contextlib import suppress
from typing import Any

from sqlalchemy.orm import Session

from app.core.derived_pause import estimated_rows, pause, pending, resume
from app.core.errors import Cancelled
from app.core.progress import Progress, no_progress
from app.importing.fields import FAMILIES, SESSIONS
from app.system.derived_tables import PAUSABLE
from db.models import Consent, Person

log = logging.getLogger("opora.importing")

PAUSE_FROM_ROWS = 20_000  # smaller files: the triggers' cost is seconds at most
REBUILD_SHARE = 10  # pause when the file's rows are at least 1/REBUILD_SHARE of the table's

# The tables an import of each kind writes row by row, and the one whose size a rebuild reads.
WRITTEN: dict[str, tuple[frozenset[str], str]] = {
    SESSIONS: (frozenset({"rehab_sessions", "session_participants"}), "session_participants"),
    # Table names from the models: «persons» spelled out reads like a change flag (tests/test_architecture).
    FAMILIES: (frozenset({Person.__tablename__, Consent.__tablename__}), Person.__tablename__),
}
RESTORING = "Пересчёт сводок после импорта"


def worth_pausing(session: Session, kind: str, rows: int) -> bool:
    if kind not in WRITTEN or rows < PAUSE_FROM_ROWS:
        return False
    return rows * REBUILD_SHARE >= estimated_rows(session, WRITTEN[kind][1])


def pause_for_bulk(session: Session, plan: Any) -> bool:
    """Pause the derived tables' triggers on the tables this plan writes, when worth it, and commit that (the
    records with the drop). Returns whether some are paused."""
    kind = plan.preview.kind
    if not worth_pausing(session, kind, len(plan.preview.rows)):
        return False
    paused = pause(session, PAUSABLE, WRITTEN[kind][0])
    session.commit()
    return bool(paused)


def restore_derived(session: Session, progress: Progress = no_progress) -> int:
    """In the import's last transaction: rebuild the paused derived tables and restore their triggers (also
    those a killed import left paused). Cancel is not answered here: the tables must come back whole."""
    if not pending(session):
        return 0
    with suppress(Cancelled):  # the import's rows are written; the summaries must not stay stale
        progress(0, 0, RESTORING)
    return resume(session, PAUSABLE)


def restore_after_failure(session: Session) -> None:
    """After a failed or cancelled write: roll its chunk back and restore in a transaction of its own. If even
    that fails, the records stay and the next start or import restores (the original error is what the user sees).
    """
    session.rollback()
    try:
        if pending(session):
            resume(session, PAUSABLE)
            session.commit()
    except Exception:
        log.exception("derived tables not restored after a failed import; the next start restores them")
        session.rollback()
