"""How a big import runs: without the garbage collector's full passes and with a page cache that holds the
indexes it writes.

A two-year journal keeps a million parsed lines alive through planning and writing. Python's collector
makes a full pass over every live object each time the long-lived ones grow by a quarter; none of these
objects is in a reference cycle, so the passes free nothing and cost about a third of the planning time.
`quiet_collector` switches automatic collection off for the duration (the command line) and raises the
threshold of the oldest generation (the GUI's own collector, `ui.garbage`, reads the thresholds and still
collects the young generations); nested calls and other threads' calls count, and the last one out puts
everything back.

`ordered_id` makes the ids of the rows an import inserts in bulk in creation order (the UUID version 7 layout:
milliseconds since 1970 first, then random bits), so each batch's keys go to the end of the primary-key
indexes instead of all over them: with random (version 4) keys every batch of 2,000 sessions touched a page
of each index per row, and each chunk's commit wrote those pages to the WAL again. They are still UUIDs,
unique by their 74 random bits, and nothing reads meaning into an id.

`larger_page_cache` gives the import's SQLite connection a page cache as large as the indexes a million
sessions update (random UUID keys touch pages all over each index; with the default 32 MB SQLite reads
pages back from disk in the middle of the transaction), and lets the WAL grow to IMPORT_WAL_PAGES before a
commit copies it back into the database file (SQLite's default: at 1,000 pages, 4 MB). Each of a journal's
commits (one a second) rewrites the pages its rows touched all over the random-keyed indexes (the
participants' persons, the caseload links): about 30 MB a commit at a first day's size, so with the default
every commit also copied those 30 MB into the database file and synced it — a first day wrote 26 GB in all.
With the larger limit a page rewritten by ten commits is copied back once. The connection returns to the pool
afterwards, so the previous values are put back (the next commit of any connection then checkpoints). None of
this changes what is written or how safely: the transaction, the WAL and `synchronous = FULL` are as for every
write (a commit is durable once in the WAL; a crash before the checkpoint is recovered from the WAL).
"""

from __future__ import annotations

import gc
import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

QUIET_THRESHOLD = 1_000_000_000  # «never» for the oldest generation while an import runs
IMPORT_CACHE_KIB = 512_000  # grows only as pages are used: a first-day journal uses about 300 MB
IMPORT_WAL_PAGES = 65_536  # 256 MB of WAL (4 KB pages) between checkpoints while an import writes

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None
_was_enabled = False


def ordered_id() -> uuid.UUID:
    """A new UUID (version 7 layout) that sorts after those made in earlier milliseconds."""
    milliseconds = time.time_ns() // 1_000_000
    random_bits = int.from_bytes(os.urandom(10))  # 80 bits, 74 used
    return uuid.UUID(int=(milliseconds & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | (random_bits >> 62 & 0xFFF) << 64
                     | 0b10 << 62 | random_bits & 0x3FFF_FFFF_FFFF_FFFF)


@contextmanager
def quiet_collector() -> Iterator[None]:
    """No full garbage-collection passes inside the block (young generations are still collected)."""
    global _depth, _saved, _was_enabled
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            _was_enabled = gc.isenabled()
            gc.set_threshold(_saved[0], _saved[1], QUIET_THRESHOLD)
            gc.disable()  # the command line: no passes at all (the GUI collects young generations itself)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
                if _was_enabled:
                    gc.enable()


@contextmanager
def larger_page_cache(session: Session, enabled: bool) -> Iterator[None]:
    """IMPORT_CACHE_KIB of page cache and checkpoints every IMPORT_WAL_PAGES for each SQLite connection the
    session's transactions use inside the block (an import commits in chunks, and the pool may hand the next chunk
    another connection); the previous values are put back on each afterwards. No-op when not `enabled`
    (PostgreSQL)."""
    if not enabled:
        yield
        return
    previous: dict[int, tuple[Any, int, int]] = {}

    def enlarge(_session: Session, _transaction: Any, connection: Connection) -> None:
        # The driver's connection itself: after a failed statement SQLAlchemy refuses new statements until
        # rollback, but the pragmas must still be put back.
        driver = connection.connection.dbapi_connection
        if driver is not None and id(driver) not in previous:
            previous[id(driver)] = (driver, driver.execute("PRAGMA cache_size").fetchone()[0],
                                    driver.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
            driver.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
            driver.execute(f"PRAGMA wal_autocheckpoint = {IMPORT_WAL_PAGES}")

    event.listen(session, "after_begin", enlarge)
    try:
        enlarge(session, None, session.connection())
        yield
    finally:
        event.remove(session, "after_begin", enlarge)
        for driver, size, pages in previous.values():
            driver.execute(f"PRAGMA cache_size = {int(size)}")
            driver.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
