"""What long work the start will do first, so the notice says it instead of a plain «opening»: nothing on a
database that is ready, the schema update on an older one, the summaries' rebuild when an import was killed with
its triggers paused (and nothing again once the start has finished that)."""

from __future__ import annotations

from sqlalchemy import text

from app.core.derived_pause import pause
from app.system.derived_tables import PAUSABLE
from app.system.startup import REBUILD, UPGRADE, pending_start_work, prepare_database


def test_the_work_a_start_will_do_first(database):
    assert pending_start_work(database) is None
    with database.write() as session:  # what a bulk import does before its first chunk
        assert pause(session, PAUSABLE, {"rehab_sessions"})
    assert pending_start_work(database) == REBUILD
    assert prepare_database(database).initialized  # the start restores the triggers and rebuilds
    assert pending_start_work(database) is None
    with database.write() as session:  # a database left at an older version
        version = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        session.execute(text("UPDATE alembic_version SET version_num = '0018'"))
    assert version != "0018" and pending_start_work(database) == UPGRADE
