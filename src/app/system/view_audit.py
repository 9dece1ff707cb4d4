"""Views of personal data on a database that cannot be written: shown, and their audit kept on this computer.

Opening a family card writes a «view» row to the audit log (152-ФЗ ст. 19, ПП РФ № 1119 and the ФСТЭК measures
РСБ.3/РСБ.4: access to personal data is registered, and a failure to register it is a security event answered,
not ignored). On a read-only database (a file or folder without write rights, a read-only disk, the app's own
read-only mode) that row cannot be written. Refusing the view would take the records away from the people who
need them exactly when the database is being restored or moved; showing it silently would leave an access
without a trace. So the view is shown, the event is appended to a journal on this computer (`pending_path`: the
data folder, readable by its owner only, ids and the login only, never a name or any value) and the screen says
so; at the next sign-in on the database when it can be written again, the events are moved into the audit log
with the time they happened and the mark `recorded_late` (`replay_pending`), and the journal is emptied. If even
the local journal cannot be written, the view is still shown, the screen says the view is recorded nowhere, and
the application log gets a line (without personal data) for the administrator.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Generic, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.system.integrity import ReadOnlyDatabase, write_block
from app.system.storage_errors import READ_ONLY, storage_problem
from db.base import utc_now
from db.engine import data_dir
from db.session import Database

log = logging.getLogger("opora.audit")

PENDING_NAME = "audit-pending.jsonl"
LATE_MARK = "recorded_late"

AUDITED = "audited"  # the row is in the audit log
NOTED = "noted"  # kept in this computer's journal, to be moved into the log later
UNRECORDED = "unrecorded"  # neither could be written

T = TypeVar("T")


@dataclass(frozen=True)
class Viewed(Generic[T]):
    """What was read, and how the view was recorded (AUDITED, NOTED or UNRECORDED)."""

    value: T
    recorded: str


def pending_path() -> Path:
    return data_dir() / PENDING_NAME


# (actor, action, entity, entity id, fields): one view as its audit row would record it.
ViewEvent = tuple[Actor, str, str, uuid.UUID | str | None, Sequence[str]]


def read_with_view_audit(database: Database, read: Callable[[Session, bool], T],
                         views: Callable[[T], Iterable[ViewEvent]]) -> Viewed[T]:
    """Worker thread: `read(session, audited)` in a write unit (it writes its own audit rows) when the database
    can be written; otherwise in a read unit with `audited` False, and the events `views(result)` names are kept
    in this computer's journal. A database that turns out read-only
    only at the write (the app's check did not see it: a folder made read-only meanwhile, a PostgreSQL standby or
    read-only database) is treated the same way."""
    if write_block(database) is None:
        try:
            with database.write() as session:
                return Viewed(read(session, True), AUDITED)
        except (ReadOnlyDatabase, DBAPIError) as error:
            if not _read_only(error):
                raise
            log.warning("the database refused a write; the view is shown and recorded on this computer")
    with database.read() as session:
        value = read(session, False)
    recorded = NOTED if note_pending(database, views(value)) else UNRECORDED
    return Viewed(value, recorded)


def _read_only(error: BaseException) -> bool:
    """A refusal to write because the database is read-only: the app's mode, SQLite's read-only file, folder or
    disk, a PostgreSQL standby or a database set `default_transaction_read_only`."""
    if isinstance(error, ReadOnlyDatabase):
        return True
    if "read-only transaction" in str(getattr(error, "orig", None) or error).lower():
        return True
    problem = storage_problem(error)
    return problem is not None and problem.kind == READ_ONLY


def note_pending(database: Database, events: Iterable[ViewEvent]) -> bool:
    """Append the events to the local journal (flushed to disk); False when it cannot be written."""
    at = utc_now().isoformat(timespec="microseconds")
    lines = [json.dumps({"database": database.location, "at": at, "user_id": str(actor.user_id or ""),
                         "login": actor.login, "workstation": actor.workstation, "action": action,
                         "entity": entity, "entity_id": str(entity_id) if entity_id is not None else None,
                         "fields": list(fields)}, ensure_ascii=False) + "\n"
             for actor, action, entity, entity_id, fields in events]
    path = pending_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as journal:
            journal.write("".join(lines))
            journal.flush()
            os.fsync(journal.fileno())
    except OSError as error:
        log.error("a view on a read-only database could not be recorded anywhere: %s", type(error).__name__)
        return False
    return True


def _entries(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    entries = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            log.warning("an unreadable line of the local audit journal was skipped")
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _fields(entry: dict) -> list[str]:
    fields = entry.get("fields")
    return [str(name) for name in fields] if isinstance(fields, list) else []


def _moment(text: object) -> datetime:
    """When the view happened (UTC); an unreadable time becomes now rather than losing the event."""
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return utc_now()
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def pending_count(database: Database) -> int:
    return sum(entry.get("database") == database.location for entry in _entries(pending_path()))


def replay_pending(database: Database) -> int:
    """Move this database's events from the local journal into its audit log (one write unit), keeping the other
    databases' events; returns how many were moved. Nothing is done on a database that cannot be written."""
    path = pending_path()
    entries = _entries(path)
    mine = [entry for entry in entries if entry.get("database") == database.location]
    if not mine or write_block(database) is not None:
        return 0
    try:
        with database.write() as session:
            for entry in sorted(mine, key=lambda item: str(item.get("at", ""))):
                user = str(entry.get("user_id") or "")
                actor = Actor(uuid.UUID(user) if user else None, str(entry.get("login", "")), "",
                              workstation=str(entry.get("workstation", "")))
                audit.record(session, actor, str(entry.get("action", "view")), str(entry.get("entity", "")),
                             entry.get("entity_id"), [*_fields(entry), LATE_MARK], at=_moment(entry.get("at")))
    except (ReadOnlyDatabase, DBAPIError) as error:
        if not _read_only(error):
            raise
        return 0  # still read-only (the start did not notice): the events wait for the next time
    others = [entry for entry in entries if entry.get("database") != database.location]
    if others:
        temporary = path.with_suffix(".tmp")
        temporary.write_text("".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in others),
                             encoding="utf-8")
        os.chmod(temporary, 0o600)
        temporary.replace(path)
    else:
        path.unlink(missing_ok=True)
    return len(mine)
