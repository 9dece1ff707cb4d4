"""Making and loading packages, as the screen «Обмен данными» and `opora exchange` call them.

Both run the job in a child process (`app.exchange.child`) and must be called outside any unit of work of the
caller (the worker thread, with no session open). An import checks the package here first — addressed to us,
from a registered partner, intact — so a refused package costs no backup; then a verified backup is taken, then
the child applies the package in one transaction.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app.core.actor import Actor
from app.core.errors import Cancelled, OporaError
from app.core.folders import attachments_dir
from app.core.progress import Progress
from app.exchange import child
from app.exchange.engine import AuditActor
from app.exchange.envelope import SUFFIX, PackageRefused, open_sealed, read_header
from app.exchange.jobs import JobResult, JobTarget
from app.exchange.partners import current_identity, require_exchange
from app.system.backups import backup_before
from app.system.integrity import write_block
from db.engine import data_dir
from db.models.exchange import ExchangeConflict, ExchangePackage, ExchangePartner
from db.session import Database


def _require_sqlite(database: Database) -> Path:
    path = database.sqlite_path
    if path is None:
        raise OporaError("Пакеты обмена делаются и загружаются в базе SQLite отделения или центра; у базы на "
                         "сервере PostgreSQL обмен идёт через общий сервер.")
    block = write_block(database)
    if block is not None:
        raise OporaError(block.message)
    return path


def _target(database: Database, actor: Actor) -> JobTarget:
    path = _require_sqlite(database)
    literal = database.key.pragma_literal() if database.key is not None else None
    return JobTarget(path, literal, attachments_dir(),
                     AuditActor(actor.user_id.hex if actor.user_id else None, actor.login, actor.workstation))


def _safe(text: str) -> str:
    return re.sub(r"[^0-9A-Za-zА-Яа-яЁё_-]+", "_", text)[:40]


def default_package_name(database: Database, partner_id: uuid.UUID) -> str:
    """«opora-ОТД1-ЦЕНТР-0007-20261202.opx»: sender, receiver, the next number, the day."""
    with database.read() as session:
        me = current_identity(session)
        partner = session.get(ExchangePartner, partner_id)
        sequence = session.execute(select(func.max(ExchangePackage.sequence)).where(
            ExchangePackage.partner_id == partner_id, ExchangePackage.direction == "out",
            ExchangePackage.kind == "data")).scalar() or 0
        receiver = _safe(partner.code) if partner else "partner"
    sender = _safe(me.code) if me else "opora"
    return f"opora-{sender}-{receiver}-{sequence + 1:04d}-{datetime.now():%Y%m%d}{SUFFIX}"


def export_package(database: Database, actor: Actor, partner_id: uuid.UUID, path: Path,
                   progress: Progress | None = None) -> JobResult:
    """Write every change since the last package the partner acknowledged into `path` (a new file). `progress`
    may raise Cancelled: the child is stopped, no package is recorded and the half-written file is removed."""
    require_exchange(actor)
    if not database.is_sqlite:  # a centre on PostgreSQL: the same changesets, made through a SQLite copy
        from app.exchange.pg_adapter import export_from_postgres

        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        if path.exists():
            raise OporaError(f"Файл {path} уже существует: выберите другое имя, чтобы не затереть другой пакет.")
        return export_from_postgres(database, actor, partner_id, path, progress)
    target = _target(database, actor)
    with database.read() as session:
        if current_identity(session) is None:
            raise OporaError("Обмен ещё не настроен: настройте центр или загрузите ключ отделения.")
        partner = session.get(ExchangePartner, partner_id)
        if partner is None or not partner.active:
            raise OporaError("Получатель не зарегистрирован или отключён: выберите другого получателя.")
    if path.suffix.lower() != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    if path.exists():
        raise OporaError(f"Файл {path} уже существует: выберите другое имя, чтобы не затереть другой пакет.")
    try:
        result: JobResult = child.run_job("export", target, partner_id, path, progress=progress,
                                          label="Пакет записывается…")
    except Cancelled:
        path.with_name(path.name + ".partial").unlink(missing_ok=True)
        raise
    return result


@dataclass(frozen=True)
class PackagePreview:
    package_id: uuid.UUID
    sender_code: str
    sender_name: str
    kind: str
    sequence: int
    counts: dict[str, dict[str, int]]
    schema_revision: str


def check_package(database: Database, path: Path) -> PackagePreview:
    """Open and check a package without changing anything; refusals name what is wrong."""
    header, line = read_header(path)
    with database.read() as session:
        me = current_identity(session)
        partner = session.get(ExchangePartner, header.sender)
        key = partner.key if partner is not None and partner.active else None
        partner_name = partner.name if partner is not None else ""
    if me is None:
        raise PackageRefused("Обмен ещё не настроен: настройте центр или загрузите ключ отделения.")
    if header.receiver != me.id:
        raise PackageRefused(f"Пакет {path.name} адресован другому получателю («{header.receiver_code}»), а это "
                             f"«{me.code}»: ничего не загружено. Передайте пакет тому, кому он адресован.")
    if key is None:
        raise PackageRefused(f"Пакет {path.name} от неизвестного отправителя («{header.sender_code}»): он не "
                             "зарегистрирован здесь как партнёр по обмену. Ничего не загружено.")
    contents = open_sealed(path, header, line, key)
    return PackagePreview(header.package_id, header.sender_code, partner_name, header.kind, header.sequence,
                          contents.manifest.get("counts", {}), str(contents.manifest.get("schema_revision", "")))


def default_ack_path(package: Path) -> Path:
    """Beside the package (the same USB stick goes back), or the data directory's outbox if that is read-only."""
    name = f"{package.stem}-ack{SUFFIX}"
    beside = package.parent / name
    try:
        probe = package.parent / f".opora-probe-{uuid.uuid4().hex}"
        probe.touch()
        probe.unlink()
        return beside
    except OSError:
        outbox = data_dir() / "exchange-outbox"
        outbox.mkdir(parents=True, exist_ok=True)
        return outbox / name


def import_package(database: Database, actor: Actor, path: Path, ack_path: Path | None = None,
                   progress: Progress | None = None) -> JobResult:
    """Apply a package (after a verified backup) and write the acknowledgement package for its sender. `progress`
    may raise Cancelled: the child is stopped before its transaction commits, so nothing is loaded."""
    require_exchange(actor)
    if not database.is_sqlite:  # a centre on PostgreSQL (the server's own backups protect it)
        from app.exchange.pg_adapter import import_into_postgres

        return import_into_postgres(database, actor, path, ack_path or default_ack_path(path))
    target = _target(database, actor)
    preview = check_package(database, path)
    if preview.kind == "data":
        if progress is not None:
            progress(0, 0, "Резервная копия базы перед загрузкой…")
        backup_before(database, "exchange")
    try:
        result: JobResult = child.run_job("import", target, path, ack_path or default_ack_path(path),
                                          progress=progress, label="Пакет загружается…")
    except Cancelled:
        with database.read() as session:
            loaded = session.get(ExchangePackage, preview.package_id) is not None
        if not loaded:
            raise
        return JobResult("applied", f"Пакет №{preview.sequence} уже был загружен, когда пришла остановка. "
                                    "Подтверждение для отправителя не записано: загрузите этот пакет ещё раз — "
                                    "данные не изменятся, а подтверждение запишется.", str(preview.package_id),
                         preview.sequence)
    return result


@dataclass(frozen=True)
class PackageRow:
    id: uuid.UUID
    partner_code: str
    direction: str  # "out" | "in"
    kind: str
    sequence: int
    state: str
    created_at: datetime
    changes: int
    conflicts: int
    size_bytes: int
    file_name: str
    by_login: str
    message: str


STATE_TITLES = {"sent": "отправлен", "acknowledged": "получен партнёром", "applied": "загружен",
                "duplicate": "повтор, не изменял данных"}


def list_packages(database: Database, limit: int = 500) -> list[PackageRow]:
    """The history, newest first (worker thread)."""
    import json

    with database.read() as session:
        codes = dict(session.execute(select(ExchangePartner.id, ExchangePartner.code)).all())
        rows = session.execute(select(ExchangePackage).order_by(ExchangePackage.created_at.desc()).limit(limit))
        result = []
        for (row,) in rows:
            counts = json.loads(row.counts or "{}")
            changes = sum(sum(ops.values()) for ops in counts.values())
            result.append(PackageRow(row.id, codes.get(row.partner_id, "?"), row.direction, row.kind, row.sequence,
                                     row.state, row.created_at, changes, row.conflicts, row.size_bytes,
                                     row.file_name, row.by_login, row.message))
    return result


def open_conflicts_count(database: Database) -> int:
    with database.read() as session:
        return session.execute(select(func.count(ExchangeConflict.id)).where(
            ExchangeConflict.state == "open")).scalar_one()
