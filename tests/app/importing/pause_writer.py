"""A journal import that stops for good once its triggers are paused and a chunk is committed (killed there).

    python -m tests.app.importing.pause_writer DB JOURNAL.xlsx

Prints "written" after the first chunk of sessions is committed with the derived tables' triggers dropped, then
waits to be killed (SIGKILL by tests/app/importing/test_derived_pause.py).
"""

from __future__ import annotations

import sys
import time

from app.importing import derived_pause, outcome, sessions_bulk
from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import
from db.session import Database
from tests.world import load_world


def main(path: str, journal: str) -> None:
    outcome.CHECKPOINT_SECONDS = 0.0  # a commit at every checkpoint
    outcome.YIELD_SECONDS = 0.0
    sessions_bulk.CHUNK = 4
    derived_pause.PAUSE_FROM_ROWS = 1
    database = Database.open(path)  # not open_database: this process is the import, not a start of the app
    with database.read() as session:
        actor = load_world(session).coordinator
    source = open_source(journal, "sessions")
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    chunks = 0

    def hang_after_a_commit(done: int, total: int, label: str) -> None:
        nonlocal chunks
        if label.startswith("Запись занятий") and done:
            chunks += 1
            if chunks == 2:  # the first chunk was committed at its checkpoint
                print("written", flush=True)
                time.sleep(600)

    run_import(database, actor, ImportRequest(source, mapping), before_write=lambda: None,
               progress=hang_after_a_commit)


if __name__ == "__main__":
    main(*sys.argv[1:3])
