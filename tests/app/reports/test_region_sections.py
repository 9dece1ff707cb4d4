"""The region's sections read from the services' summary keyed by recipient (#16, migration 0022): the recipients'
one ordered pass (app.reports.recipient_counts), the children served asked of the summary per person, and the
triggers' delete step that seeks the whole key. Each compared with `compute_quarterly`, which reads neither."""

from __future__ import annotations

import re

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import delete, inspect, select

from app.core.derived import compare
from app.rehab.sessions import delete_session
from app.reports import recipient_counts
from app.reports.office_lines import compute_region_and_offices
from app.reports.periods import parse_period
from app.reports.quarterly import compute_quarterly
from app.reports.recipient_counts import Counts, Pairs
from app.reports.service_summary import TITLE, _stored, check_service_summary, expected_rows
from db.models import Family, FamilyMember, Office, RehabSession
from tests.app.reports.test_quarterly import PERIOD, build
from tests.app.reports.test_service_summary import _assert_exact
from tests.migration_files import migration_module

KEY = ["year", "recipient_id", "office_id", "kind_id", "form_id"]
# A quarter, the year (no year to date), one month, and a 9 months' period that crosses no new year.
PERIODS = (PERIOD, parse_period("2025"), parse_period("2025-08-01..2025-08-31"), parse_period("2025-9M"))


def _same(session) -> None:
    offices = session.execute(select(Office.id)).scalars().all()
    for period in PERIODS:
        region, lines = compute_region_and_offices(session, period, offices)
        assert region.to_json_dict() == compute_quarterly(session, period).to_json_dict(), period.title
        for office in offices:
            assert lines[office].to_json_dict() == compute_quarterly(
                session, period, office_ids=[office]).to_json_dict(), period.title


def test_a_child_served_on_a_deleted_familys_visit_counts(database, world):
    """The summary leaves out visits to deleted families; the children's section does not: a child of a live
    family on support, served only on a visit to a deleted family, is still a child served."""
    data = build(database, world)
    with database.write() as session:
        dina = data.people["Дина"]  # her family (f5) was deleted after a visit in the quarter gave her a service
        role = session.execute(select(FamilyMember.role_id).where(FamilyMember.person_id == dina)).scalar_one()
        session.add(FamilyMember(family_id=data.families["f1"], person_id=dina, role_id=role))  # live, on support
        session.flush()
        assert session.get(Family, data.families["f5"]).deleted_at is not None
        with_her = compute_quarterly(session, PERIOD).children.served
        _same(session)
        session.execute(delete(FamilyMember).where(FamilyMember.person_id == dina,
                                                   FamilyMember.family_id == data.families["f1"]))
        assert compute_quarterly(session, PERIOD).children.served == with_her - 1
        _same(session)


def test_too_many_kinds_and_forms_for_one_integer_count_as_before(database, world, monkeypatch):
    build(database, world)
    monkeypatch.setattr(recipient_counts, "MAX_PAIRS", 1)
    with database.read() as session:
        assert not recipient_counts.service_pairs(session).fits
        _same(session)


def test_counts_from_masks():
    """A recipient counts once in each kind, form and pair of its set, once in all; the year to date by form."""
    pairs = Pairs(["k1", "k2"], ["f1", "f2", "f3"])  # bit = 3 × kind + form
    counts = Counts()
    counts.add(pairs, 0b000_011, 0b000_011, 2)  # k1 in f1 and f2
    counts.add(pairs, 0b001_001, 0b101_001, 3)  # k1 f1 and k2 f1; to date also k2 f3
    counts.add(pairs, 0, 0b010_000, 4)  # served earlier in the year only (k2 f2)
    assert dict(counts.pair) == {("k1", "f1"): 5, ("k1", "f2"): 2, ("k2", "f1"): 3}
    assert dict(counts.kind) == {"k1": 5, "k2": 3}
    assert dict(counts.form) == {"f1": 5, "f2": 2}
    assert counts.total == 5
    assert dict(counts.year_form) == {"f1": 5, "f2": 6, "f3": 3}
    assert counts.year_total == 9
    rows = counts.period_rows({("k1", "f1"): (7, 9), ("k2", "f1"): (3, 4), ("k1", "f2"): (2, 2), ("k2", "f2"): (0, 6)})
    assert (2, None, None, 12, 5) in rows and (1, "k1", None, 9, 5) in rows and (3, None, "f1", 10, 5) in rows
    assert sorted(counts.to_date_rows({("k1", "f1"): (7, 9), ("k2", "f2"): (0, 6)}), key=str) == [
        (2, None, None, 15, 9), (3, None, "f1", 9, 5), (3, None, "f2", 6, 6), (3, None, "f3", 0, 3)]


def test_the_summary_is_keyed_by_recipient_first(database):
    key = inspect(database.engine).get_pk_constraint("report_service_years")
    assert key["constrained_columns"] == KEY


def test_the_delete_step_seeks_the_recipients_rows(sqlite_database):
    """0020's row-value IN made SQLite read every row of the year per deleted or unmarked place; 0022's INs on the
    year and the recipient seek the key's first two columns (EXPLAIN QUERY PLAN of each trigger's delete, its OLD
    row given as constants)."""
    with sqlite_database.engine.connect() as connection:
        bodies = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trg_rsvc_%'").all()
        deletes = totals = 0
        for name, sql in bodies:
            for statement in sql[sql.index(" BEGIN ") + 7:sql.rindex(" END")].split(";"):
                if statement.strip().startswith("DELETE"):
                    constant = re.sub(r"\b(OLD|NEW)\.\w+", "'x'", statement)
                    plan = " ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {constant}"))
                    if name.startswith("trg_rsvc_totals_"):  # 0023's totals: one row, found by its whole key
                        assert "USING PRIMARY KEY (year=? AND office_id=? AND kind_id=? AND form_id=?)" in plan, \
                            (name, plan)
                        totals += 1
                        continue
                    assert "USING PRIMARY KEY (year=? AND recipient_id=?)" in plan, (name, plan)
                    deletes += 1
        assert deletes >= 14  # the delete and update triggers of the seven tables
        assert totals == 2  # the delete and re-key triggers of the totals


def test_the_migration_rekeys_both_ways(database, world):
    """0022's downgrade gives back 0020's key and triggers, its upgrade this key; the rows and the triggers' work
    stay exact both ways (a session deleted after each)."""
    build(database, world)
    # 0023's totals are kept by triggers on the table 0022 re-keys: they go down first and come up last, as
    # alembic runs them from the head.
    migrations = [migration_module("0022_region_sections.py"), migration_module("0023_service_totals.py")]

    def run(step: str) -> None:
        with (database.engine.connect() as connection, connection.begin(),
              Operations.context(MigrationContext.configure(connection))):
            for migration in (migrations if step == "upgrade" else reversed(migrations)):
                getattr(migration, step)()

    def delete_one() -> None:
        with database.write() as session:
            rehab = session.execute(select(RehabSession.id).where(RehabSession.deleted_at.is_(None))
                                    .order_by(RehabSession.starts_at)).scalars().first()
            delete_session(session, world.coordinator, rehab)

    run("downgrade")
    assert inspect(database.engine).get_pk_constraint("report_service_years")["constrained_columns"] == [
        "year", "office_id", "form_id", "recipient_id", "kind_id"]
    delete_one()
    with database.read() as session:  # without 0023's totals this code's reports cannot run: the summary alone
        found = compare(session, TITLE, [(expected_rows(session), _stored())])
        assert found.ok, found.message
    run("upgrade")
    assert inspect(database.engine).get_pk_constraint("report_service_years")["constrained_columns"] == KEY
    delete_one()
    _assert_exact(database, (PERIOD,))
    with database.read() as session:
        assert check_service_summary(session).ok
