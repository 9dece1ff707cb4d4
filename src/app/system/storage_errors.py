"""Errors of the disk under the database, told as what they are.

A full disk, a read-only file or folder and a lost network drive make SQLite fail with its own texts («database or
disk is full», «attempt to write a readonly database», «disk I/O error», «unable to open database file»). None of
them means the file is damaged, and advising a restore would be wrong (a restore onto a full disk fails too).
`storage_problem` turns such an error into one Russian sentence; other errors give None.
"""

from __future__ import annotations

from dataclasses import dataclass

DISK_FULL = "disk_full"
READ_ONLY = "read_only"
UNAVAILABLE = "unavailable"

_SIGNS = (
    (DISK_FULL, ("database or disk is full", "no space left on device", "disk full")),
    (READ_ONLY, ("attempt to write a readonly database", "readonly database", "read-only file system",
                 "permission denied")),
    (UNAVAILABLE, ("disk i/o error", "unable to open database file", "no such file or directory",
                   "input/output error", "stale file handle", "network")),
)


@dataclass(frozen=True)
class StorageProblem:
    kind: str
    message: str


def _text(error: BaseException) -> str:
    parts: list[str] = []
    current: BaseException | None = error
    while current is not None and len(parts) < 5:
        parts.append(str(getattr(current, "orig", None) or current))
        current = current.__cause__ or current.__context__
    return " ".join(parts).lower()


def storage_problem(error: BaseException | str, location: str = "") -> StorageProblem | None:
    """What is wrong with the storage, if `error` is a storage error (the message names `location`)."""
    text = error.lower() if isinstance(error, str) else _text(error)
    where = f" ({location})" if location else ""
    for kind, signs in _SIGNS:
        if any(sign in text for sign in signs):
            return StorageProblem(kind, _MESSAGES[kind].format(where=where))
    return None


_MESSAGES = {
    DISK_FULL: ("На диске, где лежит база данных{where}, закончилось место, поэтому изменение не сохранено. "
                "С самим файлом базы всё в порядке: освободите место на диске (удалите ненужные файлы или "
                "перенесите старые резервные копии) и повторите."),
    READ_ONLY: ("Файл базы данных{where} или его папка доступны только для чтения, поэтому изменение не "
                "сохранено. Просмотр и отчёты работают. Попросите администратора компьютера разрешить запись в "
                "эту папку или перенести базу в папку, куда можно писать."),
    UNAVAILABLE: ("Файл базы данных{where} сейчас недоступен: отключён сетевой или съёмный диск, либо файл "
                  "перемещён. С самим файлом базы всё в порядке: подключите диск снова (или верните файл на место) "
                  "и повторите."),
}
