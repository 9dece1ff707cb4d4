"""Three databases for exchange tests: a centre and two offices, copies of the test world, joined by keys.

Everything here uses apsw alone (the engine's library), so no SQLAlchemy connection holds these files.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import apsw

from app.exchange import jobs
from app.exchange.engine import AuditActor
from app.exchange.jobs import JobResult, JobTarget
from db.session import Database

ACTOR = AuditActor(None, "coord", "test-pc")
DATA_TABLES = ("families", "persons", "family_members", "rehab_sessions", "home_visits", "dictionary_items",
               "support_cases", "exchange_resolutions", "event_files", "staff")


@dataclass
class Node:
    name: str
    id: uuid.UUID
    path: Path
    key_literal: str | None = None

    @property
    def target(self) -> JobTarget:
        return JobTarget(self.path, self.key_literal, self.path.parent / f"{self.name}-files", ACTOR)

    def connect(self) -> apsw.Connection:
        from app.exchange.engine import connect
        return connect(self.path, self.key_literal)

    def sql(self, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        connection = self.connect()
        try:
            return [tuple(row) for row in connection.execute(statement, params)]
        finally:
            connection.close()


def make_network(template: Path, folder: Path, names: tuple[str, ...] = ("centre", "o1", "o2")) -> dict[str, Node]:
    """The first name is the centre; each office is paired with the centre under its own key."""
    nodes = {}
    for name in names:
        path = folder / f"{name}.db"
        shutil.copyfile(template, path)
        nodes[name] = Node(name, uuid.uuid4(), path)
    centre = nodes[names[0]]
    for node in nodes.values():
        role = "centre" if node is centre else "office"
        node.sql("INSERT INTO exchange_identity (id, role, code, name, created_at) VALUES (?, ?, ?, ?, "
                 "'2026-12-01 00:00:00.000000')", (node.id.hex, role, node.name.upper(), node.name))
    for office in list(nodes.values())[1:]:
        key = os.urandom(32)
        for here, there, role in ((centre, office, "office"), (office, centre, "centre")):
            here.sql("INSERT INTO exchange_partners (id, role, code, name, key, registered_at, active) VALUES "
                     "(?, ?, ?, ?, ?, '2026-12-01 00:00:00.000000', 1)",
                     (there.id.hex, role, there.name.upper(), there.name, key))
    return nodes


def send(sender: Node, receiver: Node, folder: Path, tag: str = "") -> Path:
    path = folder / f"{sender.name}-to-{receiver.name}{tag}-{uuid.uuid4().hex[:6]}.opx"
    jobs.export_package(sender.target, receiver.id, path)
    return path


def receive(receiver: Node, path: Path) -> JobResult:
    ack = path.with_name(path.stem + "-ack.opx")
    return jobs.import_package(receiver.target, path, ack)


def exchange(a: Node, b: Node, folder: Path) -> None:
    """One full round trip a -> b -> a, acknowledgements delivered."""
    package = send(a, b, folder)
    result = receive(b, package)
    if result.ack_path:
        receive(a, Path(result.ack_path))


def snapshot(node: Node, tables: tuple[str, ...] = DATA_TABLES) -> dict[str, list[tuple[object, ...]]]:
    return {table: sorted(node.sql(f'SELECT * FROM "{table}"'), key=repr) for table in tables}


# --- a regional centre on PostgreSQL -----------------------------------------------------------------------------

@contextmanager
def postgres_database(admin_url: str, prefix: str) -> Iterator[Database]:
    """A new, migrated PostgreSQL database of its own on the test server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from db import migrate

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"))
    database = Database(make_url(admin_url).set(database=name).render_as_string(hide_password=False))
    try:
        migrate.upgrade(database.engine)
        yield database
    finally:
        database.dispose()
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()


def office_of_postgres_centre(centre_database: Database, template: Path, folder: Path) -> tuple[Node, Node]:
    """An office «ОТД-1» (a copy of the template) registered with the centre on PostgreSQL and holding its key;
    returns the office's node and the centre's (whose path is unused: the centre is the PostgreSQL database)."""
    from db.models.exchange import ExchangeIdentity, ExchangePartner

    office = Node("o1", uuid.uuid4(), folder / "o1.db")
    shutil.copyfile(template, office.path)
    centre = Node("centre", uuid.uuid4(), folder / "unused.db")
    key = os.urandom(32)
    with centre_database.write() as session:
        session.add(ExchangeIdentity(id=centre.id, role="centre", code="ЦЕНТР", name="Центр"))
        session.add(ExchangePartner(id=office.id, role="office", code="ОТД-1", name="Отделение 1", key=key))
    office.sql("INSERT INTO exchange_identity VALUES (?, 'office', 'ОТД-1', 'Отделение 1', "
               "'2026-12-01 00:00:00.000000')", (office.id.hex,))
    office.sql("INSERT INTO exchange_partners VALUES (?, 'centre', 'ЦЕНТР', 'Центр', ?, "
               "'2026-12-01 00:00:00.000000', 1)", (centre.id.hex, key))
    return office, centre


def deliver_to_postgres_centre(centre_database: Database, office: Node, centre: Node, folder: Path) -> None:
    """The office's next package applied at the centre on PostgreSQL and its acknowledgement taken at the office."""
    from app.core.actor import COORDINATOR, Actor
    from app.exchange import packages

    result = packages.import_package(centre_database, Actor(None, "coord", COORDINATOR), send(office, centre, folder))
    assert result.state == "applied", result
    assert jobs.import_package(office.target, Path(result.ack_path), None).state == "acknowledged"
