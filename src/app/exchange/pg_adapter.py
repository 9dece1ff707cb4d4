"""A regional centre on PostgreSQL loads offices' packages through this adapter.

SQLite's session extension applies changesets only to SQLite, so here the changeset's operations are iterated
(`apsw.Changeset.iter`, which needs no database) and applied through SQLAlchemy in one transaction, with the same
rules as `app.exchange.engine`: a row inserted that is not here is inserted; an update whose old values match is
applied; anything else goes through the same `Merger` (three-way, column by column, the partner's baseline as the
common ancestor; a field changed on both sides is queued, never overwritten). Values are compared as SQLite stores
them (the office's form): each PostgreSQL value is turned into that form with the column's own SQLite bind
processor, and chosen values back with its result processor. The baseline is a SQLite file in the data directory.

A centre on PostgreSQL makes packages too (`export_from_postgres`), still with SQLite's changesets rather than a
diff of our own: its travelling tables are kept in a SQLite mirror of the offices' own schema, each value in its
SQLite form (`app.exchange.pg_mirror`, caught up with the rows changed since the last package), and that file is
diffed against the receiver's baseline with the session extension, as on SQLite. So dictionaries, decisions and a
moved family's records reach the offices the same way. The baseline advances when the office acknowledges the
package. Both the baseline and the mirror are made from the schema the migrations give SQLite (the offices' column
order: a changeset addresses columns by position).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import apsw
from sqlalchemy import Table, and_, any_, bindparam, delete, func, select, tuple_, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.errors import OporaError
from app.core.folders import attachments_dir
from app.core.progress import Progress
from app.exchange import engine, pg_derived, pg_levels, pg_mirror, pg_runs
from app.exchange.conflicts import COLUMN_TITLES
from app.exchange.envelope import Contents, Header, PackageRefused, open_sealed, read_header, seal
from app.exchange.jobs import JobResult
from app.exchange.merge import RESOLUTIONS, Merger
from app.exchange.partners import require_exchange
from app.exchange.pg_mirror import travelling_schema
from app.exchange.pg_runs import RunWriter
from app.exchange.tables import TRAVELLING, title
from app.exchange.values import from_raw as _from_raw
from app.exchange.values import to_raw as _to_raw
from db import migrate
from db.base import Base
from db.models.exchange import ExchangeConflict, ExchangeIdentity, ExchangePackage, ExchangePartner
from db.session import Database

log = logging.getLogger("opora.exchange")


def _check_fits(table: Table, column: str, value: Any) -> None:
    """SQLite keeps a text longer than its column's declared length; PostgreSQL refuses it with a bare database
    error that names no field. Refuse the package here, naming the record type and the field, before any write."""
    length = getattr(table.c[column].type, "length", None)
    if isinstance(value, str) and length is not None and len(value) > length:
        raise PackageRefused(
            f"Пакет не загружен: в записи «{title(table.name)}» поле «{COLUMN_TITLES.get(column, column)}» длиннее "
            f"допустимого ({len(value)} знаков, здесь не более {length}: «{value[:40]}»). Исправьте запись в "
            "отделении и сделайте пакет заново; здесь ничего не изменено.")


def baseline_file(database: Database, partner_id: uuid.UUID) -> Path:
    return pg_mirror.folder(database) / f"baseline-{partner_id.hex}.db"


def _ensure_baseline(path: Path) -> None:
    """The baseline's tables (there is no SQLite database here to copy them from), and any a newer version added."""
    path.parent.mkdir(parents=True, exist_ok=True)
    base = engine.connect(path, None)
    try:
        have = {row[0] for row in base.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        with engine.transaction(base):
            for name, sql in travelling_schema():
                if name not in have:
                    base.execute(sql)
    finally:
        base.close()


BATCH = 5000  # keys per run (one query, one COPY): PostgreSQL takes far more, but a run is held in memory


@dataclass(frozen=True)
class _Change:
    """A change copied out of the changeset: apsw's TableChange is valid only while the iterator stands on it."""

    name: str
    op: str
    old: tuple[Any, ...] | None
    new: tuple[Any, ...] | None


@dataclass
class _Batch:
    """A run of one table's changes, in the changeset's order, no key twice (its local rows were read at once)."""

    name: str
    changes: list[tuple[_Change, list[Any]]] = field(default_factory=list)
    keys: set[tuple[Any, ...]] = field(default_factory=set)


class _Applier:
    def __init__(self, session: Session, columns: dict[str, list[str]], base: apsw.Connection) -> None:
        self.session = session
        self.columns = columns
        self.base = base
        self.merger = Merger(None, True, self._base_row)
        self.audit_rows: list[tuple[str, str | None, list[str]]] = []
        self.duplicates = 0
        self.refused = 0
        self.decisions: list[dict[str, Any]] = []  # coordinators' decisions that arrived, applied last
        self.tables: set[str] = set()  # every table the changeset names (the baseline's records of them go)
        self.writer = RunWriter(session)
        self.sized: dict[str, list[tuple[int, str, int]]] = {}  # table -> (index, column, length) of sized texts
        self.updates: dict[tuple[str, ...], list[list[Any]]] = {}  # a run's pending updates by changed columns

    def table(self, name: str) -> Table:
        table = Base.metadata.tables.get(name)
        if table is None or name not in TRAVELLING:
            raise PackageRefused(f"В пакете таблица «{name}», которой нет в этой версии «Опоры».")
        if name not in self.merger.columns:
            self.merger.columns[name] = self.columns[name]
            self.merger.pks[name] = [column.name for column in table.primary_key.columns]
        return table

    def _base_row(self, name: str, key: list[Any]) -> tuple[Any, ...] | None:
        where = " AND ".join(f'"{column}" = ?' for column in self.merger.pks[name])
        rows = list(self.base.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in self.columns[name])} '
                                      f'FROM "{name}" WHERE {where}', key))
        return tuple(rows[0]) if rows else None

    def _where(self, table: Table, name: str, key: list[Any]) -> Any:
        return and_(*(table.c[column] == _from_raw(table.c[column], value)
                      for column, value in zip(self.merger.pks[name], key, strict=True)))

    def python(self, table: Table, names: list[str], raw: tuple[Any, ...]) -> dict[str, Any]:
        values = {column: _from_raw(table.c[column], value) for column, value in zip(names, raw, strict=True)
                  if value is not apsw.no_change}
        for column, value in values.items():
            _check_fits(table, column, value)
        return values

    @staticmethod
    def read(changes: Iterable[apsw.TableChange]) -> list[_Change]:
        """The changeset's changes, copied out in its order (the derived tables need every key before a write)."""
        return [_Change(item.name, item.op, None if item.old is None else tuple(item.old),
                        None if item.new is None else tuple(item.new)) for item in changes]

    def touched(self, changes: list[_Change]) -> dict[str, list[Any]]:
        """Table -> the first key column's values of every row the apply may write (decisions' rows included), in
        their SQLite form, for the tables whose derived summaries `pg_derived` keeps."""
        touched: dict[str, list[Any]] = {name: [] for name in pg_derived.KEY_TABLES}
        for change in changes:
            row = change.new if change.op == "INSERT" else change.old
            assert row is not None
            if change.name in touched:
                self.table(change.name)
                watched = pg_derived.WATCHED.get(change.name)
                if change.op == "UPDATE" and watched is not None and change.new is not None and all(
                        change.new[index] is apsw.no_change for index, column in enumerate(self.columns[change.name])
                        if column in watched):
                    continue  # no column a summary reads changed (a merge writes only the columns a change carries)
                touched[change.name].append(self.merger.key_of(change.name, row)[0])
            if change.name == RESOLUTIONS and change.op == "INSERT" and change.new is not None:
                values = dict(zip(self.columns[RESOLUTIONS], change.new, strict=True))
                if values.get("table_name") in touched:
                    with contextlib.suppress(ValueError, TypeError, IndexError):
                        touched[str(values["table_name"])].append(json.loads(str(values["row_key"]))[0])
        return touched

    def apply_all(self, changes: Iterable[_Change]) -> None:
        """The changeset in its own order, in runs of one table's changes (at most BATCH, no key twice): the
        local rows of a run are read in one query, its new rows written with one COPY and its updates with one
        statement per set of changed columns (`pg_runs`), so a package of 100,000 changes costs hundreds of round
        trips rather than 200,000, and the mirror's statement triggers fire once per run."""
        batch = _Batch("")
        for change in changes:
            row = change.new if change.op == "INSERT" else change.old
            assert row is not None
            self.table(change.name)
            key = self.merger.key_of(change.name, tuple(row))
            if change.name != batch.name or len(batch.changes) >= BATCH or tuple(key) in batch.keys:
                self._apply_batch(batch)
                batch = _Batch(change.name)
            batch.changes.append((change, key))
            batch.keys.add(tuple(key))
        self._apply_batch(batch)

    def _python_key(self, table: Table, name: str, key: list[Any]) -> tuple[Any, ...]:
        return tuple(_from_raw(table.c[column], value)
                     for column, value in zip(self.merger.pks[name], key, strict=True))

    def _locals(self, table: Table, name: str, keys: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
        """The local rows of a run's keys in one query, each in its SQLite form, by the key's PostgreSQL value."""
        names, pks = self.columns[name], self.merger.pks[name]
        if not keys:
            return {}
        if len(pks) == 1:  # one array parameter: one statement to plan whatever the run's length
            column = table.c[pks[0]]
            where = column == any_(bindparam("keys", [key[0] for key in keys], type_=ARRAY(column.type)))
        else:
            where = tuple_(*(table.c[pk] for pk in pks)).in_(keys)
        found: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        for row in self.session.execute(select(*(table.c[column] for column in names)).where(where)):
            values = dict(zip(names, row, strict=True))
            found[tuple(values[pk] for pk in pks)] = tuple(
                _to_raw(table.c[column], value) for column, value in zip(names, row, strict=True))
        return found

    def _apply_batch(self, batch: _Batch) -> None:
        if not batch.changes:
            return
        name = batch.name
        table = self.table(name)
        keys = [self._python_key(table, name, key) for _, key in batch.changes]
        found = self._locals(table, name, [key for key, (change, _) in zip(keys, batch.changes, strict=True)
                                           if not (change.op == "DELETE" and "deleted_at" in table.c)])
        inserts: list[tuple[Any, ...]] = []
        for (change, key), python_key in zip(batch.changes, keys, strict=True):
            self.apply(change, key, found.get(python_key), inserts)
        self._flush(table, inserts)

    def _flush(self, table: Table, inserts: list[tuple[Any, ...]]) -> None:
        """The run's pending writes, in their order: new rows before an update or deletion of the run (it may point
        at one), updates before a new row (it may take a value an update gave up)."""
        if inserts:
            self.writer.insert(table.name, self.columns[table.name], inserts)
            inserts.clear()
        pks = self.merger.pks[table.name]
        for columns, rows in self.updates.items():
            self.writer.update(table.name, pks, columns, rows)
        self.updates.clear()

    def _check_raw(self, name: str, table: Table, raw: tuple[Any, ...]) -> None:
        sized = self.sized.get(name)
        if sized is None:
            sized = self.sized[name] = [
                (index, column, length) for index, column in enumerate(self.columns[name])
                if (length := getattr(table.c[column].type, "length", None)) is not None]
        for index, column, length in sized:
            value = raw[index]
            if isinstance(value, str) and len(value) > length:
                _check_fits(table, column, value)

    def apply(self, change: _Change, key: list[Any], local: tuple[Any, ...] | None,
              inserts: list[tuple[Any, ...]]) -> None:
        name = change.name
        self.tables.add(name)
        table = self.table(name)
        names = self.columns[name]
        entity = str(_from_raw(table.c[self.merger.pks[name][0]], key[0]))[:36]
        if change.op == "DELETE":
            if "deleted_at" in table.c:  # personal records are soft-deleted only (see engine.Merger.accept)
                self.refused += 1
                return
            if local is not None:
                self._flush(table, inserts)
                self.session.execute(delete(table).where(self._where(table, name, key)))
                self.audit_rows.append((name, entity, ["deleted"]))
            return
        new = tuple(change.new or ())
        if change.op == "INSERT" and local is None:
            self._check_raw(name, table, new)
            if self.updates:
                self._flush(table, [])
            inserts.append(new)
            self.audit_rows.append((name, entity, [c for c in names if c not in self.merger.pks[name]]))
            if name == RESOLUTIONS:
                self.decisions.append(self.python(table, names, new))
            return
        if local is None:
            return  # an update of a row not here (a link row deleted here): the deletion stands
        old = tuple(change.old) if change.old is not None else None
        if change.op == "UPDATE" and old is not None and all(
                value is apsw.no_change or value == local[index] for index, value in enumerate(old)):
            self._check_raw(name, table, tuple(None if value is apsw.no_change else value for value in new))
            pks = self.merger.pks[name]
            changed = [index for index, value in enumerate(new)
                       if value is not apsw.no_change and names[index] not in pks]
            columns = tuple(names[index] for index in changed)
            if columns:
                self._flush(table, inserts)
                self.updates.setdefault(columns, []).append([*key, *(new[index] for index in changed)])
            self.audit_rows.append((name, entity, list(columns)))
            return
        before = len(self.merger.fixes)
        self.merger.merge(name, key, local, new, old)
        fixes = self.merger.fixes[before:]
        if fixes:
            self.audit_rows.append((name, entity, [column for _, _, column, _ in fixes]))
        elif len(self.merger.conflicts) == 0 or self.merger.conflicts[-1].key != key:
            self.duplicates += 1

    def apply_decisions(self) -> None:
        """A decision taken elsewhere sets the field here and closes the same field's open conflict (queued here
        by this package or an earlier one), as `engine.apply_resolutions` does on SQLite."""
        for decision in self.decisions:
            name, row_key, column = decision["table_name"], decision["row_key"], decision["column_name"]
            table = Base.metadata.tables.get(name)
            if table is None or name not in TRAVELLING or column not in table.c:
                continue
            key = json.loads(row_key)
            pks = [item.name for item in table.primary_key.columns]
            where = and_(*(table.c[pk] == _from_raw(table.c[pk], value) for pk, value in zip(pks, key, strict=True)))
            value = _from_raw(table.c[column], engine.load_value(decision["value"]))
            self.session.execute(update(table).where(where).values({column: value}))
            self.merger.conflicts = [item for item in self.merger.conflicts
                                     if not (item.table == name and item.key == key and item.column == column)]
            self.session.execute(update(ExchangeConflict).where(
                ExchangeConflict.table_name == name, ExchangeConflict.row_key == row_key,
                ExchangeConflict.column_name == column, ExchangeConflict.state == "open")
                .values(state="resolved", resolution_id=decision["id"]))
            self.audit_rows.append((name, str(_from_raw(table.c[pks[0]], key[0]))[:36], [column]))

    def write_fixes(self) -> None:
        for name, key, column, value in self.merger.fixes:
            table = self.table(name)
            self.session.execute(update(table).where(self._where(table, name, key))
                                 .values({column: _from_raw(table.c[column], value)}))


def import_into_postgres(database: Database, actor: Actor, path: Path,
                         ack_path: Path | None = None) -> JobResult:
    """Load an office's package into the centre's PostgreSQL database (one transaction), then advance the
    baseline and write the acknowledgement. Refusals as for SQLite (tampered, foreign, misaddressed, schema)."""
    require_exchange(actor)
    if database.is_sqlite:
        raise PackageRefused("Эта база — SQLite: пакеты загружаются обычным способом.")
    header, line = read_header(path)
    with database.read() as session:
        me = session.execute(select(ExchangeIdentity)).scalar()
        partner = session.get(ExchangePartner, header.sender)
        me_id, me_code = (me.id, me.code) if me else (None, "")
        key, partner_code, partner_name = ((partner.key, partner.code, partner.name) if partner and partner.active
                                           else (None, "", ""))
    if me_id is None or header.receiver != me_id:
        raise PackageRefused(f"Пакет {path.name} адресован другому получателю («{header.receiver_code}»), а это "
                             f"«{me_code}»: ничего не загружено.")
    if key is None:
        raise PackageRefused(f"Пакет {path.name} от неизвестного отправителя («{header.sender_code}»): ничего не "
                             "загружено.")
    contents = open_sealed(path, header, line, key)
    theirs, ours = str(contents.manifest.get("schema_revision", "")), migrate.current_revision(database.engine) or ""
    if theirs != ours:
        advice = "Обновите программу здесь" if theirs > ours else "Попросите отправителя обновить программу"
        raise PackageRefused(f"Пакет {path.name} сделан другой версией «Опоры» (схема {theirs}, здесь {ours}). "
                             f"{advice} и загрузите пакет снова.")
    if header.kind != "data":
        return _take_ack(database, actor, path, header, partner_name, theirs)
    with database.read() as session:
        done = session.execute(select(ExchangePackage.sequence).where(
            ExchangePackage.partner_id == header.sender, ExchangePackage.direction == "in",
            ExchangePackage.kind == "data", ExchangePackage.state == "applied")
            .order_by(ExchangePackage.sequence.desc())).scalars().first() or 0
    if header.sequence <= done:
        return JobResult("duplicate", f"Пакет №{header.sequence} от «{partner_name}» уже загружен или устарел — "
                                      "ничего не изменено.", str(header.package_id), header.sequence)
    baseline = baseline_file(database, header.sender)
    _ensure_baseline(baseline)
    # The office had our packages up to `acknowledges` when it made this one: our baseline of it advances first,
    # so the three-way merge below starts from what both sides had.
    _advance_acknowledged(database, header.sender, header.acknowledges)
    columns: dict[str, list[str]] = contents.manifest.get("columns", {})
    base = engine.connect(baseline, None)
    try:
        with database.write() as session:
            steps = pg_runs.Steps(session)
            pg_runs.utc(session)
            applier = _Applier(session, columns, base)
            changes = applier.read(apsw.Changeset.iter(contents.changeset))
            steps.mark("changeset read")
            pause = pg_derived.Pause(session)
            pause.begin(applier.touched(changes))
            steps.mark("derived tables paused, old contributions")
            applier.apply_all(changes)
            steps.mark("changes written")
            applier.write_fixes()
            applier.apply_decisions()
            steps.mark("fixes and decisions")
            pause.finish()
            steps.mark("derived tables brought up to date")
            conflicts = applier.merger.conflicts
            for item in conflicts:
                session.add(ExchangeConflict(
                    package_id=header.package_id, partner_id=header.sender, table_name=item.table,
                    row_key=json.dumps(item.key), column_name=item.column, base_value=engine.dump_value(item.base),
                    local_value=engine.dump_value(item.local), incoming_value=engine.dump_value(item.incoming)))
            package_actor = Actor(actor.user_id, actor.login, actor.role,
                                  workstation=f"пакет {partner_code} №{header.sequence}"[:120])
            audit.record_many(session, package_actor, "exchange", applier.audit_rows)
            steps.mark("audit rows")
            audit.record(session, actor, "exchange_import", "exchange_package", str(header.package_id),
                         ["sequence", partner_code])
            session.add(ExchangePackage(
                id=header.package_id, partner_id=header.sender, direction="in", kind="data",
                sequence=header.sequence, acknowledges=header.acknowledges, state="applied", file_name=path.name,
                schema_revision=theirs, counts=json.dumps(contents.manifest.get("counts", {}), ensure_ascii=False),
                sha256=str(contents.manifest.get("sha256", "")), size_bytes=path.stat().st_size,
                conflicts=len(conflicts), by_login=actor.login,
                message=f"не принято удалений личных записей: {applier.refused}" if applier.refused else ""))
            session.flush()
            steps.mark("ledger")
        steps.mark("commit")
        holds = [(item.table, item.key, item.column, item.local) for item in conflicts]
        generation = pg_mirror.current_generation(database)
        with engine.transaction(base):
            engine.advance_baseline(base, [contents.changeset], holds)
            pg_levels.touched_by_import(base, applier.tables | {item.table for item in conflicts}, generation)
        steps.mark("baseline advanced")
    finally:
        base.close()
    result = JobResult("applied", f"Пакет №{header.sequence} от «{partner_name}» загружен: изменений "
                                  f"{len(applier.audit_rows)}, расхождений {len(conflicts)}.",
                       str(header.package_id), header.sequence, contents.manifest.get("counts", {}), len(conflicts),
                       len(applier.audit_rows))
    if ack_path is not None:
        _write_ack(database, actor, me_id, me_code, header, key, partner_code, ack_path)
        result.ack_path = str(ack_path)
    return result


def _write_ack(database: Database, actor: Actor, me_id: uuid.UUID, me_code: str, received: Header, key: bytes,
               partner_code: str, path: Path) -> None:
    header = Header(uuid.uuid4(), "ack", me_id, me_code, received.sender, partner_code, received.sequence,
                    received.sequence)
    revision = migrate.current_revision(database.engine) or ""
    manifest: dict[str, Any] = {
        "package": str(header.package_id), "kind": "ack", "sender": str(me_id), "sender_code": me_code,
        "receiver": str(received.sender), "receiver_code": partner_code, "sequence": received.sequence,
        "acknowledges": received.sequence, "schema_revision": revision, "created_at": engine.stamp_now(),
        "counts": {}, "sha256": hashlib.sha256(b"").hexdigest(), "files": []}
    size = seal(path, header, key, Contents(manifest))
    with database.write() as session:
        session.add(ExchangePackage(id=header.package_id, partner_id=received.sender, direction="out", kind="ack",
                                    sequence=received.sequence, acknowledges=received.sequence, state="sent",
                                    file_name=path.name, schema_revision=revision, size_bytes=size,
                                    by_login=actor.login))


# --- packages from a centre on PostgreSQL --------------------------------------------------------------------------

def pending_file(database: Database, partner_id: uuid.UUID, sequence: int) -> Path:
    """The changeset of a data package sent and not yet acknowledged, kept beside the partner's baseline (which it
    advances on acknowledgement). Not in the ledger row: a first package to an office carries every travelling row,
    and PostgreSQL cannot hand back a value of a gigabyte."""
    return pg_mirror.folder(database) / f"pending-{partner_id.hex}-{sequence:08d}.changeset"


def _pending_changeset(database: Database, partner_id: uuid.UUID, sequence: int, stored: bytes | None) -> bytes | None:
    if stored:  # a package made before the changesets moved to files
        return bytes(stored)
    path = pending_file(database, partner_id, sequence)
    if path.is_file():
        return path.read_bytes()
    log.warning("the changeset of package %s to %s is missing (%s): the baseline does not advance, so the next "
                "package carries those changes again", sequence, partner_id, path)
    return None


def _advance_acknowledged(database: Database, partner_id: uuid.UUID, acknowledges: int) -> bool:
    """The partner has our data packages up to `acknowledges`: the baseline advances by the newest of them (each is
    every change since the baseline, so it holds the earlier ones) and they are marked acknowledged. False when
    nothing new is acknowledged."""
    sent = (ExchangePackage.partner_id == partner_id, ExchangePackage.direction == "out",
            ExchangePackage.kind == "data", ExchangePackage.state == "sent", ExchangePackage.sequence <= acknowledges)
    with database.read() as session:
        pending = session.execute(select(ExchangePackage.sequence, ExchangePackage.changeset).where(*sent)
                                  .order_by(ExchangePackage.sequence.desc())).first()
    if pending is None:
        return False
    changeset = _pending_changeset(database, partner_id, pending.sequence, pending.changeset)
    level = pg_levels.read_level(pending_file(database, partner_id, pending.sequence))
    baseline = baseline_file(database, partner_id)
    _ensure_baseline(baseline)
    base = engine.connect(baseline, None)
    try:
        with engine.transaction(base):
            if changeset:
                engine.advance_baseline(base, [changeset], [])
            if changeset is not None:
                pg_levels.acknowledged(base, level, engine.present_tables(base))
            # The database is marked in the same breath: a crash between the two leaves the baseline ahead, and
            # advancing it again by the same changeset changes nothing (rows are replaced, not added twice).
            with database.write() as session:
                session.execute(update(ExchangePackage).where(*sent).values(state="acknowledged", changeset=None))
    finally:
        base.close()
    for path in pg_mirror.folder(database).glob(f"pending-{partner_id.hex}-*.changeset"):
        if int(path.stem.rsplit("-", 1)[1]) <= acknowledges:
            path.unlink(missing_ok=True)
            pg_levels.level_file(path).unlink(missing_ok=True)
    return True


def _take_ack(database: Database, actor: Actor, path: Path, header: Header, partner_name: str,
              revision: str) -> JobResult:
    """An office's acknowledgement of our data packages: the baseline advances, the ledger records it."""
    advanced = _advance_acknowledged(database, header.sender, header.acknowledges)
    with database.write() as session:
        if session.get(ExchangePackage, header.package_id) is None:
            session.add(ExchangePackage(
                id=header.package_id, partner_id=header.sender, direction="in", kind="ack", sequence=header.sequence,
                acknowledges=header.acknowledges, state="applied" if advanced else "duplicate", file_name=path.name,
                schema_revision=revision, size_bytes=path.stat().st_size, by_login=actor.login))
    if advanced:
        return JobResult("acknowledged", f"Подтверждение от «{partner_name}»: пакет №{header.acknowledges} получен.",
                         str(header.package_id), header.acknowledges)
    return JobResult("duplicate", f"Подтверждение от «{partner_name}» о пакете №{header.acknowledges} уже учтено — "
                                  "ничего не изменено.", str(header.package_id), header.acknowledges)


def export_from_postgres(database: Database, actor: Actor, partner_id: uuid.UUID, path: Path,
                         progress: Progress | None = None) -> JobResult:
    """Write every change since the baseline the partner acknowledged into `path`: the travelling tables copied
    into a temporary SQLite file and diffed against the baseline (see the module's docstring). In-process, on the
    worker thread; `progress` may raise Cancelled, and then nothing is recorded or written."""
    require_exchange(actor)
    if database.is_sqlite:
        raise OporaError("Эта база — SQLite: пакеты делаются обычным способом.")
    with database.read() as session:
        me = session.execute(select(ExchangeIdentity)).scalar()
        other = session.get(ExchangePartner, partner_id)
        if me is None:
            raise OporaError("Обмен ещё не настроен: настройте центр или загрузите ключ отделения.")
        if other is None or not other.active:
            raise PackageRefused("Получатель не зарегистрирован или отключён: выберите другого получателя.")
        me_id, me_code, other_code, other_name, key = me.id, me.code, other.code, other.name, other.key
        sequence = (session.execute(select(func.max(ExchangePackage.sequence)).where(
            ExchangePackage.partner_id == partner_id, ExchangePackage.direction == "out",
            ExchangePackage.kind == "data")).scalar() or 0) + 1
        acknowledges = session.execute(select(func.max(ExchangePackage.sequence)).where(
            ExchangePackage.partner_id == partner_id, ExchangePackage.direction == "in",
            ExchangePackage.kind == "data", ExchangePackage.state == "applied")).scalar() or 0
    baseline = baseline_file(database, partner_id)
    _ensure_baseline(baseline)
    refreshed = pg_mirror.refresh(database, progress)
    mirror = engine.connect(refreshed.path, None)
    try:
        if progress is not None:
            progress(1, 1, "Пакет записывается…")
        base = engine.connect(baseline, None)
        try:
            with engine.transaction(base):
                tables = pg_levels.to_diff(base, refreshed, engine.present_tables(mirror))
        finally:
            base.close()
        changeset = engine.diff_against(mirror, baseline, None, tables)
        counts = engine.count_changes(changeset)
        columns = {table: engine.columns_of(mirror, table) for table in counts}
        stored = attachments_dir()
        files = {name: (stored / name).read_bytes() for name in engine.attached_files(mirror, changeset)
                 if (stored / name).is_file()}
    finally:
        mirror.close()
    revision = migrate.current_revision(database.engine) or ""
    header = Header(uuid.uuid4(), "data", me_id, me_code, partner_id, other_code, sequence, acknowledges)
    digest = hashlib.sha256(changeset).hexdigest()
    manifest = {"package": str(header.package_id), "kind": "data", "sender": str(me_id), "sender_code": me_code,
                "receiver": str(partner_id), "receiver_code": other_code, "sequence": sequence,
                "acknowledges": acknowledges, "schema_revision": revision, "created_at": engine.stamp_now(),
                "counts": counts, "sha256": digest, "files": sorted(files), "columns": columns}
    size = seal(path, header, key, Contents(manifest, changeset, files))
    pending = pending_file(database, partner_id, sequence)
    try:
        partial = pending.with_name(pending.name + ".partial")
        partial.write_bytes(changeset)
        os.replace(partial, pending)
        pg_levels.write_level(pending, refreshed.level)
        with database.write() as session:
            session.add(ExchangePackage(
                id=header.package_id, partner_id=partner_id, direction="out", kind="data", sequence=sequence,
                acknowledges=acknowledges, state="sent", file_name=path.name, schema_revision=revision,
                counts=json.dumps(counts, ensure_ascii=False), sha256=digest, size_bytes=size, changeset=None,
                by_login=actor.login))
            audit.record(session, actor, "exchange_export", "exchange_package", str(header.package_id),
                         ["sequence", other_code])
    except BaseException:
        path.unlink(missing_ok=True)  # not in the ledger: the package must not travel
        pending.unlink(missing_ok=True)
        pending.with_name(pending.name + ".partial").unlink(missing_ok=True)
        pg_levels.level_file(pending).unlink(missing_ok=True)
        raise
    total = sum(sum(ops.values()) for ops in counts.values())
    return JobResult("written", f"Пакет №{sequence} для «{other_name}» записан: изменений {total}, "
                                f"файлов {len(files)}.", str(header.package_id), sequence, counts,
                     size_bytes=size, path=str(path))

