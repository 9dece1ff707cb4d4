"""A PostgreSQL centre's mirror (app.exchange.pg_mirror): after inserts, updates, soft and hard deletes, a truncate
and an office's package applied at the centre it holds exactly what a whole copy of PostgreSQL holds, having read
only the logged rows; a package made from it equals one made from a whole copy; a refresh killed at any point
leaves a mirror the next refresh brings right."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text, update

from app.core.actor import COORDINATOR, Actor
from app.exchange import engine, packages, pg_mirror
from app.exchange.tables import TRAVELLING
from db.models import DictionaryItem, Family, Person
from db.models.exchange import ExchangeMirrorLog
from db.session import Database
from tests.app.exchange.exchange_setup import Node, office_of_postgres_centre, postgres_database, send

PG_URL = os.environ.get("OPORA_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="PostgreSQL tests need OPORA_TEST_PG_URL")
ACTOR = Actor(None, "coord", COORDINATOR)
ROOT = Path(__file__).resolve().parents[3]
ONE_FAMILYS_CASELOAD = "DELETE FROM caseload WHERE family_id = (SELECT family_id FROM caseload ORDER BY 1 LIMIT 1)"


@pytest.fixture
def pg_centre():
    with postgres_database(PG_URL, "opora_mirror") as database:
        yield database


@pytest.fixture
def filled(pg_centre: Database, exchange_template: Path, tmp_path: Path) -> tuple[Database, Node, Node]:
    """The centre holding an office's data (its first package), and the two nodes for more packages."""
    office, centre = office_of_postgres_centre(pg_centre, exchange_template, tmp_path)
    assert packages.import_package(pg_centre, ACTOR, send(office, centre, tmp_path)).state == "applied"
    return pg_centre, office, centre


def _whole_copy(database: Database, folder: Path) -> Path:
    path = folder / f"whole-{uuid.uuid4().hex[:6]}.db"
    pg_mirror.build(database, path)
    return path


def _assert_mirror_equals_postgres(database: Database, folder: Path) -> None:
    copy = engine.connect(_whole_copy(database, folder), None)
    mirror = engine.connect(pg_mirror.mirror_file(database), None)
    try:
        expected = pg_mirror.rows_of(copy, TRAVELLING)
        found = pg_mirror.rows_of(mirror, TRAVELLING)
        assert sum(len(rows) for rows in expected.values()) > 200
        for table in TRAVELLING:
            assert found[table] == expected[table], table
    finally:
        copy.close()
        mirror.close()


def test_every_travelling_table_has_the_mirror_triggers(pg_centre: Database):
    with pg_centre.read() as session:
        assert pg_mirror.tracked_tables(session) == set(TRAVELLING), "a new travelling table needs trg_mirror_*"


def test_nothing_is_logged_before_a_mirror_exists(filled):
    database, _office, _centre = filled
    with database.write() as session:
        session.execute(update(Family).values(phone="+7 900 000-00-00"))
    with database.read() as session:
        assert session.execute(select(func.count()).select_from(ExchangeMirrorLog)).scalar_one() == 0
    assert pg_mirror.refresh(database).rebuilt
    with database.write() as session:
        session.execute(update(Family).values(phone="+7 900 000-00-01"))
    with database.read() as session:
        assert session.execute(select(func.count()).select_from(ExchangeMirrorLog)).scalar_one() > 0


def test_the_mirror_follows_every_kind_of_change(filled, tmp_path: Path):
    from app.exchange import jobs

    database, office, centre = filled
    first = pg_mirror.refresh(database)
    assert first.rebuilt
    _assert_mirror_equals_postgres(database, tmp_path)
    again = pg_mirror.refresh(database)
    assert (again.rebuilt, again.keys, again.whole) == (False, 0, ())

    with database.read() as session:
        families = session.execute(select(Family.id).order_by(Family.id)).scalars().all()
        person = session.execute(select(Person.id).order_by(Person.id)).scalars().first()
        position = session.execute(select(DictionaryItem).where(DictionaryItem.kind == "position")).scalars().first()
        assert position is not None
        position_fields = {column.name: getattr(position, column.key) for column in DictionaryItem.__table__.c}
    with database.write() as session:
        # an update, a soft delete, an insert, a hard delete of a link row, one key changed twice in one package
        session.execute(update(Family).where(Family.id == families[0]).values(phone="111", street="ул. Мира"))
        session.execute(update(Family).where(Family.id == families[0]).values(phone="112"))
        session.execute(update(Person).where(Person.id == person).values(deleted_at=datetime(2026, 12, 3, tzinfo=UTC)))
        new_id = uuid.uuid4()
        session.execute(DictionaryItem.__table__.insert().values(
            {**position_fields, "id": new_id, "code": "mirror-test", "name": "Тьютор"}))
        caseload = session.execute(text("SELECT count(*) FROM caseload")).scalar_one()
        assert caseload > 0
        session.execute(text("DELETE FROM caseload WHERE family_id = :id"), {"id": families[1]})
    with database.write() as session:  # inserted and deleted between two packages: not in the mirror either
        gone = uuid.uuid4()
        session.execute(DictionaryItem.__table__.insert().values(
            {**position_fields, "id": gone, "code": "mirror-gone", "name": "Ненадолго"}))
        session.execute(delete(DictionaryItem).where(DictionaryItem.id == gone))
    caught = pg_mirror.refresh(database)
    assert not caught.rebuilt and caught.whole == ()
    assert 0 < caught.keys < 50  # only what changed was read
    _assert_mirror_equals_postgres(database, tmp_path)
    mirror = engine.connect(pg_mirror.mirror_file(database), None)
    try:
        assert mirror.execute("SELECT name FROM dictionary_items WHERE id = ?", (new_id.hex,)).fetchall() == [
            ("Тьютор",)]
        assert mirror.execute("SELECT count(*) FROM dictionary_items WHERE id = ?", (gone.hex,)).fetchall() == [(0,)]
    finally:
        mirror.close()

    # A truncated table is copied whole.
    with database.write() as session:
        session.execute(text("TRUNCATE caseload_persons"))
    truncated = pg_mirror.refresh(database)
    assert truncated.whole == ("caseload_persons",)
    _assert_mirror_equals_postgres(database, tmp_path)

    # An office's package applied at the centre (through the adapter) reaches the mirror through the same log.
    family = office.sql("SELECT id FROM families ORDER BY title LIMIT 1")[0][0]
    office.sql("UPDATE families SET notes = 'из отделения' WHERE id = ?", (family,))
    office.sql("UPDATE persons SET snils = '11223344595' WHERE id = (SELECT min(id) FROM persons)")
    result = packages.import_package(database, ACTOR, send(office, centre, tmp_path))
    assert result.state == "applied" and result.applied >= 2
    jobs.import_package(office.target, Path(result.ack_path), None)
    caught = pg_mirror.refresh(database)
    assert not caught.rebuilt and caught.keys >= 2
    _assert_mirror_equals_postgres(database, tmp_path)


def _changes(changeset: bytes) -> Counter[tuple[object, ...]]:
    import apsw

    return Counter((change.name, change.op, repr(change.old), repr(change.new))
                   for change in apsw.Changeset.iter(changeset))


def test_a_package_from_the_mirror_equals_one_from_a_whole_copy(filled, tmp_path: Path):
    database, office, _centre = filled
    pg_mirror.refresh(database)
    with database.write() as session:
        session.execute(update(Family).values(notes="проверено центром"))
        session.execute(text(ONE_FAMILYS_CASELOAD))
    assert not pg_mirror.refresh(database).rebuilt
    baseline = tmp_path / "baseline.db"
    shutil.copyfile(office.path, baseline)  # what the office has: the centre's edits are the difference
    mirror = engine.connect(pg_mirror.mirror_file(database), None)
    copy = engine.connect(_whole_copy(database, tmp_path), None)
    try:
        from_mirror = engine.diff_against(mirror, baseline, None)
        from_copy = engine.diff_against(copy, baseline, None)
    finally:
        mirror.close()
        copy.close()
    assert _changes(from_mirror) == _changes(from_copy)
    counts = engine.count_changes(from_mirror)
    assert counts["families"]["UPDATE"] == len(office.sql("SELECT id FROM families"))
    assert counts["caseload"]["DELETE"] >= 1


_KILL = """
import os, sys
from app.exchange import pg_mirror
from db.session import Database

where = sys.argv[2]
if where == "mid-copy":
    def progress(done, total, label):
        if done == 12:
            os._exit(9)
else:  # after the mirror committed, before PostgreSQL did
    progress = None
    def killed(*args, **kwargs):
        os._exit(9)
    pg_mirror.Refresh = killed
database = Database(sys.argv[1])
pg_mirror.refresh(database, progress)
"""


@pytest.mark.parametrize("where", ["mid-copy", "between-commits"])
def test_a_refresh_killed_midway_is_repaired_by_the_next(filled, tmp_path: Path, where: str):
    database, _office, _centre = filled
    pg_mirror.refresh(database)
    with database.write() as session:
        session.execute(update(Family).values(notes=f"до сбоя {where}"))
        session.execute(text(ONE_FAMILYS_CASELOAD))
    url = database.engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    run = subprocess.run([sys.executable, "-c", _KILL, url, where], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 9, run.stderr
    with database.read() as session:  # the server rolled the log's deletion back
        assert session.execute(select(func.count()).select_from(ExchangeMirrorLog)).scalar_one() > 0
    repaired = pg_mirror.refresh(database)
    assert not repaired.rebuilt and repaired.keys > 0  # the mirror was usable: only the logged rows read again
    _assert_mirror_equals_postgres(database, tmp_path)
    with database.read() as session:
        assert session.execute(select(func.count()).select_from(ExchangeMirrorLog)).scalar_one() == 0


def test_a_mirror_that_does_not_continue_the_log_is_built_again(filled, tmp_path: Path):
    database, _office, _centre = filled
    pg_mirror.refresh(database)
    saved = tmp_path / "saved-mirror.db"
    shutil.copyfile(pg_mirror.mirror_file(database), saved)
    with database.write() as session:
        session.execute(update(Family).values(notes="первое изменение"))
    pg_mirror.refresh(database)  # another machine's refresh, say: the log it read is gone
    with database.write() as session:
        session.execute(update(Family).values(notes="второе изменение"))
    shutil.copyfile(saved, pg_mirror.mirror_file(database))  # two refreshes behind: its token is not the server's
    assert pg_mirror.refresh(database).rebuilt
    _assert_mirror_equals_postgres(database, tmp_path)
    pg_mirror.mirror_file(database).write_bytes(b"not a database at all")
    assert pg_mirror.refresh(database).rebuilt
    _assert_mirror_equals_postgres(database, tmp_path)


def test_a_sent_packages_changeset_waits_beside_the_baseline_until_acknowledged(filled, tmp_path: Path):
    """Not in the ledger row: a first package to an office is every travelling row, and PostgreSQL cannot return a
    value near a gigabyte (measured: the 20,000-family centre's first package could not be acknowledged)."""
    from app.exchange import jobs, pg_adapter
    from db.models.exchange import ExchangePackage

    database, office, _centre = filled
    with database.write() as session:
        session.execute(update(Family).values(notes="из центра"))
    made = packages.export_package(database, ACTOR, office.id, tmp_path / "to-office.opx")
    assert made.counts["families"]["UPDATE"] > 0
    pending = pg_adapter.pending_file(database, office.id, made.sequence)
    assert pending.is_file()
    with database.read() as session:
        row = session.get(ExchangePackage, uuid.UUID(made.package_id))
        assert row is not None and (row.state, row.changeset) == ("sent", None)
    ack = tmp_path / "to-office-ack.opx"
    assert jobs.import_package(office.target, Path(made.path), ack).state == "applied"
    assert packages.import_package(database, ACTOR, ack).state == "acknowledged"
    assert not pending.exists()
    assert packages.export_package(database, ACTOR, office.id, tmp_path / "again.opx").counts == {}


def _pending_changes(database: Database, office: Node, sequence: int) -> Counter[tuple[object, ...]]:
    from app.exchange import pg_adapter

    return _changes(pg_adapter.pending_file(database, office.id, sequence).read_bytes())


def _whole_diff(database: Database, office: Node) -> Counter[tuple[object, ...]]:
    """What a package would carry if every table were diffed (the baseline as it is now)."""
    from app.exchange import pg_adapter

    mirror = engine.connect(pg_mirror.mirror_file(database), None)
    try:
        return _changes(engine.diff_against(mirror, pg_adapter.baseline_file(database, office.id), None))
    finally:
        mirror.close()


def test_a_later_package_diffs_only_what_may_differ_and_carries_what_a_whole_diff_would(filled, tmp_path: Path,
                                                                                        monkeypatch):
    """After an acknowledged package the baseline equals the mirror, so only tables changed since are diffed;
    an import that put an office's rows into the baseline (here: deletions the centre refuses, so the two differ)
    has its tables diffed until a later package is acknowledged."""
    from app.exchange import jobs

    database, office, centre = filled
    diffed: list[list[str]] = []
    tables: list[list[str]] = []  # those each package diffed
    diff = engine.diff_against

    def spy(connection, baseline, key, tables=None):
        diffed.append(list(tables) if tables is not None else list(TRAVELLING))
        return diff(connection, baseline, key, tables)

    monkeypatch.setattr(engine, "diff_against", spy)

    def round_trip(tag: str):
        made = packages.export_package(database, ACTOR, office.id, tmp_path / f"{tag}.opx")
        tables.append(diffed[-1])
        whole = _whole_diff(database, office)  # before the acknowledgement moves the baseline
        assert _pending_changes(database, office, made.sequence) == whole, tag
        ack = tmp_path / f"{tag}-ack.opx"
        assert jobs.import_package(office.target, Path(made.path), ack).state == "applied"
        assert packages.import_package(database, ACTOR, ack).state == "acknowledged"
        return made

    round_trip("first")
    assert len(tables[-1]) == len(TRAVELLING)  # a new baseline: everything
    with database.write() as session:
        session.execute(update(Family).values(notes="второй пакет"))
    second = round_trip("second")
    assert set(second.counts) == {"families"}
    assert tables[-1] == ["families"]
    assert round_trip("third").counts == {}
    assert tables[-1] == []

    # The office deletes a person's record outright; the centre refuses (personal records are only soft-deleted)
    # but its baseline of the office takes the deletion: the next package puts the row back at the office.
    person = office.sql("SELECT id FROM persons ORDER BY id LIMIT 1")[0][0]
    office.sql("DELETE FROM persons WHERE id = ?", (person,))
    result = packages.import_package(database, ACTOR, send(office, centre, tmp_path))
    assert result.state == "applied" and "удалений личных записей: 1" in (
        _ledger_message(database, uuid.UUID(result.package_id)))
    jobs.import_package(office.target, Path(result.ack_path), None)
    back = round_trip("back")
    assert "persons" in tables[-1] and "rehab_sessions" not in tables[-1]
    assert back.counts.get("persons", {}).get("INSERT") == 1
    assert office.sql("SELECT count(*) FROM persons WHERE id = ?", (person,)) == [(1,)]
    assert round_trip("quiet").counts == {}
    assert tables[-1] == []


def _ledger_message(database: Database, package_id: uuid.UUID) -> str:
    from db.models.exchange import ExchangePackage

    with database.read() as session:
        row = session.get(ExchangePackage, package_id)
        return row.message if row is not None else ""
