"""Export and import as whole jobs, run in the child process (see `app.exchange.child`) with apsw only.

Each job opens the database itself, settles any baseline update a killed job left pending, does its work in one
transaction on the database (ledger and audit rows included), and only then updates the baseline file.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import apsw

from app.exchange import adoption, engine, merge
from app.exchange.engine import AuditActor, EngineError
from app.exchange.envelope import Contents, Header, PackageRefused, open_sealed, read_header, seal


@dataclass(frozen=True)
class JobTarget:
    database: Path
    key_literal: str | None
    attachments: Path
    actor: AuditActor


@dataclass
class JobResult:
    state: str  # "written" | "applied" | "duplicate" | "acknowledged"
    message: str
    package_id: str = ""
    sequence: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    conflicts: int = 0
    applied: int = 0
    size_bytes: int = 0
    ack_path: str = ""
    path: str = ""


@dataclass(frozen=True)
class Node:
    id: uuid.UUID
    code: str
    name: str
    role: str
    key: bytes = b""


def identity(connection: apsw.Connection) -> Node:
    row = connection.execute("SELECT id, code, name, role FROM exchange_identity").fetchone()
    if row is None:
        raise PackageRefused("Обмен ещё не настроен: задайте это отделение (или центр) в разделе «Обмен данными».")
    return Node(uuid.UUID(hex=row[0]), row[1], row[2], row[3])


def partner(connection: apsw.Connection, partner_id: uuid.UUID) -> Node | None:
    row = connection.execute("SELECT id, code, name, role, key FROM exchange_partners WHERE id = ? AND active",
                             (partner_id.hex,)).fetchone()
    return Node(uuid.UUID(hex=row[0]), row[1], row[2], row[3], bytes(row[4])) if row else None


def schema_revision(connection: apsw.Connection) -> str:
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else ""


def _scalar(connection: apsw.Connection, sql: str, params: tuple[Any, ...]) -> int:
    row = connection.execute(sql, params).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def last_applied(connection: apsw.Connection, partner_id: uuid.UUID) -> int:
    return _scalar(connection, "SELECT max(sequence) FROM exchange_packages WHERE partner_id = ? AND direction = 'in' "
                               "AND kind = 'data' AND state = 'applied'", (partner_id.hex,))


def last_acknowledged(connection: apsw.Connection, partner_id: uuid.UUID) -> int:
    return _scalar(connection, "SELECT max(sequence) FROM exchange_packages WHERE partner_id = ? AND direction = "
                               "'out' AND kind = 'data' AND state = 'acknowledged'", (partner_id.hex,))


def _ledger(connection: apsw.Connection, header: Header, partner_id: uuid.UUID, direction: str, state: str,
            target: JobTarget, file_name: str, revision: str, counts: dict[str, Any], digest: str, size: int,
            changeset: bytes | None, conflicts: int = 0, message: str = "") -> None:
    connection.execute(
        "INSERT INTO exchange_packages (id, partner_id, direction, kind, sequence, acknowledges, state, file_name, "
        "schema_revision, counts, sha256, size_bytes, changeset, conflicts, message, created_at, by_login) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (header.package_id.hex, partner_id.hex, direction, header.kind, header.sequence, header.acknowledges, state,
         file_name[:300], revision, json.dumps(counts, ensure_ascii=False), digest, size, changeset, conflicts,
         message, engine.stamp_now(), target.actor.login[:60]))


# --- the baseline, settled ------------------------------------------------------------------------------------

def settle_baseline(connection: apsw.Connection, target: JobTarget, partner_id: uuid.UUID) -> None:
    """Bring the partner's baseline up to what the ledger says: acknowledged packages of ours and applied packages
    of theirs whose changesets are still kept (a job killed after its commit leaves them so)."""
    path = engine.baseline_path(target.database, partner_id)
    engine.ensure_baseline(connection, path, target.key_literal)
    _check_watermark(connection, target, partner_id, path)
    acked = connection.execute(
        "SELECT sequence, changeset FROM exchange_packages WHERE partner_id = ? AND direction = 'out' AND kind = "
        "'data' AND state = 'acknowledged' AND changeset IS NOT NULL ORDER BY sequence DESC LIMIT 1",
        (partner_id.hex,)).fetchone()
    incoming = list(connection.execute(
        "SELECT id, changeset FROM exchange_packages WHERE partner_id = ? AND direction = 'in' AND kind = 'data' "
        "AND changeset IS NOT NULL ORDER BY sequence", (partner_id.hex,)))
    if acked is None and not incoming:
        return
    holds: list[tuple[str, list[Any], str, Any]] = []
    changesets: list[bytes] = [bytes(acked[1])] if acked else []
    for package_id, changeset in incoming:
        changesets.append(bytes(changeset))
        for table, row_key, column, local in connection.execute(
                "SELECT table_name, row_key, column_name, local_value FROM exchange_conflicts WHERE package_id = ? "
                "AND state = 'open'", (package_id,)):
            holds.append((table, json.loads(row_key), column, engine.load_value(local)))
        for table, row_key, column, value in connection.execute(
                "SELECT r.table_name, r.row_key, r.column_name, r.value FROM exchange_conflicts c JOIN "
                "exchange_resolutions r ON r.id = c.resolution_id WHERE c.package_id = ?", (package_id,)):
            holds.append((table, json.loads(row_key), column, engine.load_value(value)))
    base = engine.connect(path, target.key_literal)
    try:
        with engine.transaction(base):
            engine.advance_baseline(base, changesets, holds)
            base.execute("CREATE TABLE IF NOT EXISTS exchange_watermark (id INTEGER PRIMARY KEY, acknowledged "
                         "INTEGER NOT NULL, applied INTEGER NOT NULL)")
            base.execute("INSERT OR REPLACE INTO exchange_watermark VALUES (1, ?, ?)",
                         (last_acknowledged(connection, partner_id), last_applied(connection, partner_id)))
    finally:
        base.close()
    with engine.transaction(connection):
        if acked is not None:
            connection.execute("UPDATE exchange_packages SET changeset = NULL WHERE partner_id = ? AND direction = "
                               "'out' AND kind = 'data' AND sequence <= ?", (partner_id.hex, acked[0]))
        for package_id, _ in incoming:
            connection.execute("UPDATE exchange_packages SET changeset = NULL WHERE id = ?", (package_id,))


def _check_watermark(connection: apsw.Connection, target: JobTarget, partner_id: uuid.UUID, path: Path) -> None:
    """The baseline remembers how far the ledger had got when it last advanced. A ledger behind it means this
    database was restored from a copy older than its last exchange: its diff against the baseline would undo at
    the partner what the partner already has, so the exchange with that partner stops here."""
    base = engine.connect(path, target.key_literal)
    try:
        has = _scalar(base, "SELECT count(*) FROM sqlite_master WHERE name = 'exchange_watermark'", ())
        row = base.execute("SELECT acknowledged, applied FROM exchange_watermark").fetchone() if has else None
    finally:
        base.close()
    if row is None:
        return
    if row[0] > last_acknowledged(connection, partner_id) or row[1] > last_applied(connection, partner_id):
        other = partner(connection, partner_id)
        name = other.name if other else str(partner_id)
        raise PackageRefused(
            f"База данных восстановлена из резервной копии, сделанной до последнего обмена с «{name}» (в копии "
            f"обмен дошёл до пакета №{last_applied(connection, partner_id)}, а партнёр уже получил больше). "
            "Обмен с этим партнёром остановлен, чтобы не отменить у него уже полученные изменения. Обратитесь к "
            "администратору центра: базу нужно заново связать с центром.")


# --- export ---------------------------------------------------------------------------------------------------

def export_package(target: JobTarget, partner_id: uuid.UUID, path: Path,
                   on_commit: Callable[[], None] | None = None) -> JobResult:
    connection = engine.connect(target.database, target.key_literal)
    try:
        me = identity(connection)
        other = partner(connection, partner_id)
        if other is None:
            raise PackageRefused("Получатель не зарегистрирован или отключён: выберите другого получателя.")
        settle_baseline(connection, target, partner_id)
        baseline = engine.baseline_path(target.database, partner_id)
        # Outside the write transaction (ATTACH cannot run inside one); a change saved meanwhile is simply in the
        # next package, as the baseline does not have it either.
        changeset = engine.diff_against(connection, baseline, target.key_literal)
        with engine.transaction(connection):
            sequence = _scalar(connection, "SELECT max(sequence) FROM exchange_packages WHERE partner_id = ? AND "
                                           "direction = 'out' AND kind = 'data'", (partner_id.hex,)) + 1
            header = Header(uuid.uuid4(), "data", me.id, me.code, other.id, other.code, sequence,
                            last_applied(connection, partner_id))
            counts = engine.count_changes(changeset)
            files = {}
            for name in engine.attached_files(connection, changeset):
                stored = target.attachments / name
                if stored.is_file():
                    files[name] = stored.read_bytes()
            digest = hashlib.sha256(changeset).hexdigest()
            manifest = {"package": str(header.package_id), "kind": "data", "sender": str(me.id),
                        "sender_code": me.code, "receiver": str(other.id), "receiver_code": other.code,
                        "sequence": sequence, "acknowledges": header.acknowledges,
                        "schema_revision": schema_revision(connection), "created_at": engine.stamp_now(),
                        "counts": counts, "sha256": digest, "files": sorted(files),
                        # The column order of each table's rows in the changeset (a server applies by name).
                        "columns": {table: engine.columns_of(connection, table) for table in counts}}
            _ledger(connection, header, other.id, "out", "sent", target, path.name, schema_revision(connection),
                    counts, digest, 0, changeset)
            engine.write_audit(connection, target.actor, "exchange_export",
                               [("exchange_package", str(header.package_id), ["sequence", other.code])])
            size = seal(path, header, other.key, Contents(manifest, changeset, files))
            connection.execute("UPDATE exchange_packages SET size_bytes = ? WHERE id = ?",
                               (size, header.package_id.hex))
        if on_commit is not None:
            on_commit()
        total = sum(sum(ops.values()) for ops in counts.values())
        return JobResult("written", f"Пакет №{sequence} для «{other.name}» записан: изменений {total}, "
                                    f"файлов {len(files)}.", str(header.package_id), sequence, counts,
                         size_bytes=size, path=str(path))
    finally:
        connection.close()


def write_ack(connection: apsw.Connection, target: JobTarget, me: Node, other: Node, acknowledges: int,
              path: Path) -> None:
    header = Header(uuid.uuid4(), "ack", me.id, me.code, other.id, other.code, acknowledges, acknowledges)
    manifest = {"package": str(header.package_id), "kind": "ack", "sender": str(me.id), "sender_code": me.code,
                "receiver": str(other.id), "receiver_code": other.code, "sequence": acknowledges,
                "acknowledges": acknowledges, "schema_revision": schema_revision(connection),
                "created_at": engine.stamp_now(), "counts": {}, "sha256": hashlib.sha256(b"").hexdigest(),
                "files": []}
    size = seal(path, header, other.key, Contents(manifest))
    with engine.transaction(connection):
        _ledger(connection, header, other.id, "out", "sent", target, path.name, schema_revision(connection), {},
                hashlib.sha256(b"").hexdigest(), size, None)


# --- import ---------------------------------------------------------------------------------------------------

def open_package(connection: apsw.Connection, path: Path) -> tuple[Node, Node, Header, Contents]:
    """Check that the package is for us, from a registered partner, intact and of our schema; refuse otherwise."""
    header, line = read_header(path)
    me = identity(connection)
    if header.receiver != me.id:
        raise PackageRefused(f"Пакет {path.name} адресован другому получателю («{header.receiver_code}»), а это "
                             f"«{me.code}»: ничего не загружено. Передайте пакет тому, кому он адресован.")
    other = partner(connection, header.sender)
    if other is None:
        raise PackageRefused(f"Пакет {path.name} от неизвестного отправителя («{header.sender_code}»): он не "
                             "зарегистрирован здесь как партнёр по обмену. Ничего не загружено.")
    contents = open_sealed(path, header, line, other.key)
    theirs, ours = str(contents.manifest.get("schema_revision", "")), schema_revision(connection)
    if theirs > ours:
        raise PackageRefused(f"Пакет {path.name} сделан более новой версией «Опоры» (схема базы {theirs}, здесь "
                             f"{ours}). Обновите программу на этом компьютере и загрузите пакет снова.")
    if theirs < ours:
        raise PackageRefused(f"Пакет {path.name} сделан более старой версией «Опоры» (схема базы {theirs}, здесь "
                             f"{ours}). Попросите отправителя обновить программу и сделать пакет заново.")
    return me, other, header, contents


def import_package(target: JobTarget, path: Path, ack_path: Path | None,
                   on_commit: Callable[[], None] | None = None) -> JobResult:
    """Apply the package; `on_commit` is called once its transaction committed (from then on the work is done and
    only the baseline and the acknowledgement follow). A data package already loaded writes the acknowledgement
    again (the first one may have been lost on the way)."""
    connection = engine.connect(target.database, target.key_literal)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        me, other, header, contents = open_package(connection, path)
        settle_baseline(connection, target, other.id)
        result = _apply(connection, target, path, me, other, header, contents)
        if on_commit is not None:
            on_commit()
        settle_baseline(connection, target, other.id)
        applied = last_applied(connection, other.id)
        if header.kind == "data" and ack_path is not None and applied >= header.sequence:
            write_ack(connection, target, me, other, applied, ack_path)
            result.ack_path = str(ack_path)
        return result
    finally:
        connection.close()


def _acknowledge(connection: apsw.Connection, other: Node, acknowledges: int) -> bool:
    if acknowledges <= last_acknowledged(connection, other.id):
        return False
    connection.execute("UPDATE exchange_packages SET state = 'acknowledged' WHERE partner_id = ? AND direction = "
                       "'out' AND kind = 'data' AND sequence <= ? AND state = 'sent'", (other.id.hex, acknowledges))
    return True


def _apply(connection: apsw.Connection, target: JobTarget, path: Path, me: Node, other: Node, header: Header,
           contents: Contents) -> JobResult:
    revision = schema_revision(connection)
    seen = _scalar(connection, "SELECT count(*) FROM exchange_packages WHERE id = ?", (header.package_id.hex,))
    if header.kind == "ack":
        with engine.transaction(connection):
            advanced = _acknowledge(connection, other, header.acknowledges)
            if not seen:
                _ledger(connection, header, other.id, "in", "applied" if advanced else "duplicate", target,
                        path.name, revision, {}, "", path.stat().st_size, None)
        text = (f"Подтверждение от «{other.name}»: пакет №{header.acknowledges} получен." if advanced else
                f"Подтверждение от «{other.name}» о пакете №{header.acknowledges} уже учтено — ничего не изменено.")
        return JobResult("acknowledged" if advanced else "duplicate", text, str(header.package_id), header.sequence)
    if seen or header.sequence <= last_applied(connection, other.id):
        return JobResult("duplicate", f"Пакет №{header.sequence} от «{other.name}» уже загружен или устарел (загружен "
                                      f"№{last_applied(connection, other.id)}) — ничего не изменено.",
                         str(header.package_id), header.sequence)
    baseline = engine.baseline_path(target.database, other.id)
    engine.attach(connection, baseline, "base", target.key_literal)
    try:
        with engine.transaction(connection):
            _acknowledge(connection, other, header.acknowledges)
            adopted = adoption.adopt_reference_rows(connection, contents.changeset) if other.role == "centre" else []
            result = merge.apply_changeset(connection, contents.changeset, has_base=True)
            result.audit_rows[:0] = adopted
            merge.store_conflicts(connection, result.conflicts, header.package_id, other.id)
            actor = AuditActor(target.actor.user_id, target.actor.login,
                               f"пакет {other.code} №{header.sequence}"[:120])
            engine.write_audit(connection, actor, "exchange", result.audit_rows)
            engine.write_audit(connection, target.actor, "exchange_import",
                               [("exchange_package", str(header.package_id), ["sequence", other.code])])
            message = "; ".join(result.problems)
            _ledger(connection, header, other.id, "in", "applied", target, path.name, revision,
                    contents.manifest.get("counts", {}), str(contents.manifest.get("sha256", "")),
                    path.stat().st_size, contents.changeset, len(result.conflicts), message)
            _write_files(target.attachments, contents.files)
    except EngineError as error:
        raise PackageRefused(f"Пакет {path.name} не загружен: {error}") from None
    finally:
        connection.execute("DETACH DATABASE base")
    text = (f"Пакет №{header.sequence} от «{other.name}» загружен: изменений {result.applied}, "
            f"расхождений {len(result.conflicts)}")
    if result.duplicates:
        text += f", уже было {result.duplicates}"
    if result.problems:
        text += f"; не принято записей: {len(result.problems)}"
    return JobResult("applied", text + ".", str(header.package_id), header.sequence,
                     contents.manifest.get("counts", {}), len(result.conflicts), result.applied)


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        if "/" in name or "\\" in name or name.startswith("."):
            continue  # a stored name is a bare uuid-based name; anything else is not written
        target = folder / name
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
