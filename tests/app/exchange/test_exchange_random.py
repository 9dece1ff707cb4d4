"""Random edits on a centre and two offices, packages sent, lost, duplicated and delivered out of order (hypothesis);
after full rounds every database holds the same data except the queued conflicts, nothing edited on one side only
is lost, and once the conflicts are decided at the centre everything is equal. Also: kill -9 during an import."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.exchange import jobs
from tests.app.exchange.exchange_setup import exchange, make_network, receive, send

NODES = ("centre", "o1", "o2")
ROUTES = (("o1", "centre"), ("o2", "centre"), ("centre", "o1"), ("centre", "o2"))
COLUMNS = ("phone", "street", "deleted_at")  # few fields, so that both sides often change the same one
FAMILY_COLUMNS = ("phone", "street", "notes", "email", "deleted_at", "title")

edit = st.tuples(st.just("edit"), st.sampled_from(NODES), st.integers(0, 1), st.sampled_from(COLUMNS),
                 st.sampled_from(["А", "Б", "В", "Ё", None]))
insert = st.tuples(st.just("insert"), st.sampled_from(NODES), st.integers(0, 0), st.just(""), st.just(None))
post = st.tuples(st.just("send"), st.integers(0, 3), st.integers(0, 0), st.just(""), st.just(None))
deliver = st.tuples(st.just("deliver"), st.integers(0, 50), st.integers(0, 0), st.just(""), st.just(None))
actions = st.lists(st.one_of(edit, edit, edit, insert, post, post, deliver, deliver, deliver), min_size=8,
                   max_size=40)


def family_ids(node) -> list[str]:
    return [row[0] for row in node.sql("SELECT id FROM families ORDER BY id")]


def full_round(net, folder: Path) -> None:
    for office in ("o1", "o2"):
        exchange(net[office], net["centre"], folder)
    for office in ("o1", "o2"):
        exchange(net["centre"], net[office], folder)


def open_fields(node) -> set[tuple[str, str, str]]:
    return {(table, json.loads(key)[0], column) for table, key, column in node.sql(
        "SELECT table_name, row_key, column_name FROM exchange_conflicts WHERE state = 'open'")}


def family_values(node) -> dict[tuple[str, str], object]:
    values = {}
    for row in node.sql(f"SELECT id, {', '.join(FAMILY_COLUMNS)} FROM families"):
        for column, value in zip(FAMILY_COLUMNS, row[1:], strict=True):
            values[(row[0], column)] = value
    return values


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=actions)
def test_random_exchanges_converge_and_lose_nothing(exchange_template, tmp_path_factory, steps):
    folder = tmp_path_factory.mktemp("net")
    net = make_network(exchange_template, folder)
    full_round(net, folder)  # a common baseline to start from
    pool: list[Path] = []
    edited_by: dict[tuple[str, str], set[str]] = {}
    last_value: dict[tuple[str, str], object] = {}
    for kind, a, b, column, value in steps:
        if kind == "edit":
            node = net[a]
            ids = family_ids(node)
            family = ids[b % len(ids)]
            if column == "deleted_at" and value is not None:
                value = f"2026-12-0{b % 9 + 1} 10:00:00.000000"
            node.sql(f"UPDATE families SET {column} = ? WHERE id = ?", (value, family))
            edited_by.setdefault((family, column), set()).add(a)
            last_value[(family, column)] = value
        elif kind == "insert":
            node = net[a]
            office = node.sql("SELECT id FROM offices LIMIT 1")[0][0]
            family = uuid.uuid4().hex
            node.sql("INSERT INTO families (id, office_id, title, title_key, registered_on, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, '2026-11-01', '2026-11-01 09:00:00.000000', "
                     "'2026-11-01 09:00:00.000000')", (family, office, f"Семья {a}", f"семья {a}"))
            edited_by.setdefault((family, "title"), set()).add(a)
            last_value[(family, "title")] = f"Семья {a}"
        elif kind == "send":
            sender, receiver = ROUTES[a]
            pool.append(send(net[sender], net[receiver], folder))
        elif pool:
            package = pool[a % len(pool)]
            header = package.read_bytes().split(b"\n")[1]
            receiver = next(n for n in net.values() if n.id.hex in json.loads(header)["receiver"].replace("-", ""))
            result = receive(receiver, package)
            if result.ack_path:
                pool.append(Path(result.ack_path))
    for _ in range(3):
        full_round(net, folder)
    queued = set().union(*(open_fields(node) for node in net.values()))
    values = [family_values(node) for node in net.values()]
    for field in set(values[0]) | set(values[1]) | set(values[2]):
        if (("families", *field) in queued):
            continue
        seen = {repr(v.get(field, "<missing>")) for v in values}
        assert len(seen) == 1, (field, seen)
        if len(edited_by.get(field, ())) == 1:  # changed on one side only: that value must be everywhere
            assert values[0][field] == last_value[field], field
    # The coordinator decides every conflict at the centre; the decisions travel; then all is equal.
    for conflict_id, _ in net["centre"].sql("SELECT id, 1 FROM exchange_conflicts WHERE state = 'open'"):
        decide(net["centre"], conflict_id)
    for _ in range(3):
        full_round(net, folder)
    values = [family_values(node) for node in net.values()]
    assert values[0] == values[1] == values[2]
    leftover = {node.name: open_fields(node) for node in net.values()}
    assert all(not fields for fields in leftover.values()) or _only_offices_left(net, leftover), leftover


def _only_offices_left(net, leftover) -> bool:
    """A conflict queued at an office that the centre never saw stays for the office's coordinator: the data are
    equal already (checked above); deciding it there travels back the same way."""
    for name in leftover:
        for conflict_id, _ in net[name].sql("SELECT id, 1 FROM exchange_conflicts WHERE state = 'open'"):
            decide(net[name], conflict_id)
    for _ in range(3):
        full_round(net, Path(net["centre"].path).parent)
    return all(not open_fields(node) for node in net.values())


def decide(node, conflict_id: str) -> None:
    """What conflicts.resolve_conflict does, in apsw (the service's SQLAlchemy path is tested elsewhere)."""
    table, row_key, column, incoming, local = node.sql(
        "SELECT table_name, row_key, column_name, incoming_value, local_value FROM exchange_conflicts WHERE id = ?",
        (conflict_id,))[0]
    key = json.loads(row_key)
    node.sql(f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', (json.loads(incoming), key[0]))
    resolution = uuid.uuid4().hex
    now = time.strftime("%Y-%m-%d %H:%M:%S.000000")
    node.sql("INSERT INTO exchange_resolutions (id, table_name, row_key, column_name, value, candidates, "
             "decided_by_name, decided_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'Координатор', ?, ?, ?)",
             (resolution, table, row_key, column, incoming, json.dumps([local, incoming]), now, now, now))
    node.sql("UPDATE exchange_conflicts SET state = 'resolved', resolution_id = ? WHERE table_name = ? AND "
             "row_key = ? AND column_name = ? AND state = 'open'", (resolution, table, row_key, column))


KILLER = """
import sys
from pathlib import Path
sys.path[:0] = {paths!r}
from app.exchange import jobs
from tests.app.exchange.exchange_setup import ACTOR
from app.exchange.jobs import JobTarget
target = JobTarget(Path({db!r}), None, Path({files!r}), ACTOR)
print("start", flush=True)
jobs.import_package(target, Path({package!r}), None)
print("done", flush=True)
"""


def test_kill_during_an_import_leaves_the_database_as_it_was(exchange_template, tmp_path):
    net = make_network(exchange_template, tmp_path)
    centre, o1 = net["centre"], net["o1"]
    full_round(net, tmp_path)
    # A large package: many sessions' worth of edits (every family, person and dictionary entry touched).
    o1.sql("UPDATE dictionary_items SET name = name || ' (ред.)'")
    o1.sql("UPDATE persons SET notes = 'изменено в отделении'")
    o1.sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
           "INSERT INTO families (id, office_id, title, title_key, registered_on, created_at, updated_at) "
           "SELECT lower(hex(randomblob(16))), (SELECT id FROM offices LIMIT 1), 'Семья ' || i, 'семья ' || i, "
           "'2026-11-01', '2026-11-01 09:00:00.000000', '2026-11-01 09:00:00.000000' FROM n")
    package = send(o1, centre, tmp_path)
    before = (centre.sql("SELECT count(*), group_concat(name) FROM dictionary_items"),
              centre.sql("SELECT count(*) FROM families"), centre.sql("SELECT count(*) FROM audit_log"),
              centre.sql("SELECT count(*) FROM exchange_packages"))
    paths = [str(Path(__file__).resolve().parents[3] / "src"), str(Path(__file__).resolve().parents[3])]
    kills_before_commit = 0
    for delay in (0.0, 0.02, 0.05, 0.1, 0.2, 0.4):
        script = KILLER.format(paths=paths, db=str(centre.path), files=str(tmp_path / "files"), package=str(package))
        process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "start"
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert centre.sql("PRAGMA integrity_check") == [("ok",)]
        after = (centre.sql("SELECT count(*), group_concat(name) FROM dictionary_items"),
                 centre.sql("SELECT count(*) FROM families"), centre.sql("SELECT count(*) FROM audit_log"),
                 centre.sql("SELECT count(*) FROM exchange_packages"))
        # The package's ledger row is written in the apply's own transaction: a new row means it committed (the
        # centre holds the earlier rounds' incoming rows too, so their number alone says nothing).
        applied = after[3] != before[3]
        if not applied:
            assert after == before  # all or nothing: a kill before the commit left no trace
            kills_before_commit += 1
            continue
        # Killed after the commit (or finished): the whole package is in, once.
        assert centre.sql("SELECT count(*) FROM families") == o1.sql("SELECT count(*) FROM families")
        assert centre.sql("SELECT count(*) FROM dictionary_items WHERE name NOT LIKE '%(ред.)'") == [(0,)]
        break
    assert kills_before_commit >= 1
    result = jobs.import_package(centre.target, package, None)
    assert result.state in ("applied", "duplicate")
    assert centre.sql("SELECT count(*) FROM families") == o1.sql("SELECT count(*) FROM families")
    assert centre.sql("SELECT count(*) FROM dictionary_items WHERE name NOT LIKE '%(ред.)'") == [(0,)]
