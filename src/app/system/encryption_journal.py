"""The journal of an encryption in place, and finishing or undoing one that was interrupted.

`encrypt_database` writes `<db>.encrypt-journal` (fsynced) before it makes anything and removes it last. The
journal names the files the run may leave: the encrypted copy being made (`.encrypting`), the plain original under
its old name (`.plain-old`) and the key made for the run. Whatever killed the run, the next start or command
(`recover_encryption`, called by `keystore.unlock` and by `encrypt_database` itself) decides from the file at the
database's own path, never from how far the journal got (the kill may fall between a step and its record):

- the file at the path is encrypted: the swap happened, so finish forward — overwrite and delete the plain
  original and its sidecars;
- it is plain (or missing, with the original renamed away): roll back — put the original back if needed, delete the
  half-made encrypted copy and the run's key, which encrypts nothing.

A plain copy the administrator asked to keep is listed in `<db>.plain-copies` so the app can keep reporting it
(`known_plain_copies`) until it is deleted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from db import cipher

log = logging.getLogger("opora.encryption")
_CHUNK = 1 << 20
JOURNAL_SUFFIX = ".encrypt-journal"
PLAIN_OLD_SUFFIX = ".plain-old"
ENCRYPTING_SUFFIX = ".encrypting"
KEPT_COPIES_SUFFIX = ".plain-copies"


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + JOURNAL_SUFFIX)


def plain_old_path(path: Path) -> Path:
    return path.with_name(path.name + PLAIN_OLD_SUFFIX)


def encrypting_path(path: Path) -> Path:
    return path.with_name(path.name + ENCRYPTING_SUFFIX)


def sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def sync_folder(folder: Path) -> None:
    """Make renames and deletions in `folder` survive a power cut (POSIX; Windows has no folder handle)."""
    if os.name == "posix":
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def shred(path: Path) -> None:
    """Overwrite the file's bytes with zeros, flush them to disk, then delete it."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as handle:
        zeros = bytes(_CHUNK)
        written = 0
        while written < size:
            step = min(_CHUNK, size - written)
            handle.write(zeros[:step])
            written += step
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def write_journal(path: Path, step: str, key_file: Path | None) -> None:
    """Record the run's step durably (write a temporary file, fsync, rename, fsync the folder)."""
    journal = journal_path(path)
    temporary = journal.with_name(journal.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump({"step": step, "key_file": str(key_file) if key_file else None, "pid": os.getpid(),
                   "host": socket.gethostname()}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, journal)
    sync_folder(path.parent)


def close_journal(path: Path) -> None:
    journal_path(path).unlink(missing_ok=True)
    sync_folder(path.parent)


def _read_journal(path: Path) -> dict[str, str | int | None]:
    try:
        data = json.loads(journal_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class Recovery:
    """What `recover_encryption` did: "" (nothing to do), "finished" or "rolled back"; the files it destroyed."""

    outcome: str
    removed: tuple[Path, ...] = ()


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def recover_encryption(path: Path) -> Recovery:
    """Finish or undo an interrupted `encrypt_database` on the SQLite file `path`; see the module's text.

    Also destroys a plain original left by a version without the journal. Safe to call at any time no encryption
    runs (it runs from `unlock`, before the database is used).
    """
    journal = journal_path(path)
    old = plain_old_path(path)
    encrypting = encrypting_path(path)
    if not (journal.exists() or old.exists() or encrypting.exists()):
        return Recovery("")
    record = _read_journal(path)
    if _still_running(record):
        return Recovery("")  # another program on this computer is encrypting right now
    removed: list[Path] = []
    if not path.exists() and old.exists():
        os.replace(old, path)  # the two-rename swap (no hard links) was cut between its renames
        sync_folder(path.parent)
    if path.exists() and cipher.is_encrypted_file(path):
        outcome = "finished"
        for leftover in (old, *sidecars(old), encrypting):
            if leftover.exists() and not _same_file(leftover, path):
                shred(leftover)
                removed.append(leftover)
    else:
        outcome = "rolled back"
        if old.exists():
            if _same_file(old, path):
                old.unlink()  # the hard link to the live database: unlinked, never zeroed
            else:
                shred(old)
                removed.append(old)
        if encrypting.exists():
            encrypting.unlink()  # encrypted with a key nothing uses: no plaintext in it
            removed.append(encrypting)
        key_file = record.get("key_file")
        if isinstance(key_file, str) and Path(key_file).exists() and not _key_still_needed(path, Path(key_file)):
            Path(key_file).unlink()
    journal.unlink(missing_ok=True)
    sync_folder(path.parent)
    log.warning("an interrupted encryption of the database was %s; %d leftover file(s) destroyed",
                outcome, len(removed))
    return Recovery(outcome, tuple(removed))


def _still_running(record: dict[str, str | int | None]) -> bool:
    pid = record.get("pid")
    if not isinstance(pid, int) or pid == os.getpid() or record.get("host") != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _key_still_needed(path: Path, key_file: Path) -> bool:
    key_id = cipher.key_id_of(path) if path.exists() and cipher.is_encrypted_file(path) else None
    return key_id is not None and key_id != "" and key_id in key_file.name


def remember_kept_copy(path: Path, copy: Path) -> None:
    """Note a plain copy the administrator chose to keep, so status screens keep reporting it."""
    listed = path.with_name(path.name + KEPT_COPIES_SUFFIX)
    copies = [str(p) for p in _kept_copies(path)]
    if str(copy.resolve()) not in copies:
        copies.append(str(copy.resolve()))
    listed.write_text(json.dumps(copies, ensure_ascii=False), encoding="utf-8")


def _kept_copies(path: Path) -> list[Path]:
    listed = path.with_name(path.name + KEPT_COPIES_SUFFIX)
    try:
        data = json.loads(listed.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(item) for item in data if isinstance(item, str)] if isinstance(data, list) else []


def known_plain_copies(path: Path) -> list[Path]:
    """Plain (unencrypted) copies of the database `path` the app knows of and that still exist: a kept original,
    or a leftover of an interrupted encryption not yet cleaned up. Backups are reported separately."""
    found = [copy for copy in _kept_copies(path)
             if copy.exists() and cipher.file_header(copy) == cipher.SQLITE_HEADER]
    for leftover in (plain_old_path(path), encrypting_path(path)):
        if leftover.exists() and cipher.file_header(leftover) == cipher.SQLITE_HEADER \
                and not _same_file(leftover, path):
            found.append(leftover)
    return found


def forget_missing_copies(path: Path) -> None:
    listed = path.with_name(path.name + KEPT_COPIES_SUFFIX)
    still = [str(copy) for copy in _kept_copies(path) if copy.exists()]
    with contextlib.suppress(OSError):
        if still:
            listed.write_text(json.dumps(still, ensure_ascii=False), encoding="utf-8")
        else:
            listed.unlink(missing_ok=True)
