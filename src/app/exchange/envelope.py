"""The package file: a clear header that routes it, and an AES-256-GCM sealed body.

Layout: the line ``OPORA-EXCHANGE 1``, one line of JSON header (package id, kind, sender, receiver, sequence,
acknowledged sequence), a 12-byte nonce, then the ciphertext of a ZIP holding ``manifest.json``,
``changeset.bin`` and the attached files under ``files/``. The header bytes are the GCM associated data, so a
package re-addressed, renumbered or re-attributed by editing the header fails authentication; the manifest repeats
the header's fields and the changeset's SHA-256, and both are compared on opening. Nothing personal is in the clear.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.core.errors import OporaError

MAGIC = b"OPORA-EXCHANGE 1\n"
FORMAT = 1
SUFFIX = ".opx"
KEY_BYTES = 32
MAX_HEADER = 4096


class PackageRefused(OporaError):
    """The package is not applied; the message says why in words the user can act on. Nothing was written."""


@dataclass(frozen=True)
class Header:
    package_id: uuid.UUID
    kind: str  # "data" | "ack"
    sender: uuid.UUID
    sender_code: str
    receiver: uuid.UUID
    receiver_code: str
    sequence: int
    acknowledges: int

    def to_bytes(self) -> bytes:
        data = {"format": FORMAT, "package": str(self.package_id), "kind": self.kind, "sender": str(self.sender),
                "sender_code": self.sender_code, "receiver": str(self.receiver),
                "receiver_code": self.receiver_code, "sequence": self.sequence, "acknowledges": self.acknowledges}
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Header:
        return cls(uuid.UUID(data["package"]), str(data["kind"]), uuid.UUID(data["sender"]),
                   str(data["sender_code"]), uuid.UUID(data["receiver"]), str(data["receiver_code"]),
                   int(data["sequence"]), int(data["acknowledges"]))


@dataclass
class Contents:
    """What a package carries once opened."""

    manifest: dict[str, Any]
    changeset: bytes = b""
    files: dict[str, bytes] = field(default_factory=dict)


def _not_a_package(path: Path) -> PackageRefused:
    return PackageRefused(f"Файл {path.name} не является пакетом обмена «Опоры» (или повреждён в начале).")


def read_header(path: Path) -> tuple[Header, bytes]:
    """The clear header and the raw header line (the associated data). Refuses what is not a package."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(len(MAGIC) + MAX_HEADER)
    except FileNotFoundError:
        raise PackageRefused(f"Файл пакета {path} не найден.") from None
    except OSError as error:
        raise PackageRefused(f"Не удалось прочитать файл пакета {path}: {error.strerror or error}.") from None
    if not start.startswith(MAGIC) or b"\n" not in start[len(MAGIC):]:
        raise _not_a_package(path)
    line = start[len(MAGIC):start.index(b"\n", len(MAGIC)) + 1]
    try:
        data = json.loads(line)
        if data.get("format") != FORMAT:
            raise PackageRefused(f"Пакет {path.name} записан в формате, который эта версия «Опоры» не знает: "
                                 "обновите программу.")
        return Header.from_json(data), line
    except PackageRefused:
        raise
    except (ValueError, KeyError, TypeError):
        raise _not_a_package(path) from None


def seal(path: Path, header: Header, key: bytes, contents: Contents) -> int:
    """Write the package atomically (a temporary name, fsync, rename). Returns its size in bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("manifest.json", json.dumps(contents.manifest, ensure_ascii=False, sort_keys=True))
        archive.writestr("changeset.bin", contents.changeset)
        for name, data in contents.files.items():
            archive.writestr(f"files/{name}", data)
    line = header.to_bytes()
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, buffer.getvalue(), MAGIC + line)
    partial = path.with_name(path.name + ".partial")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(partial, "wb") as handle:
        handle.write(MAGIC + line + nonce + sealed)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    return path.stat().st_size


def open_sealed(path: Path, header: Header, line: bytes, key: bytes) -> Contents:
    """Decrypt and check the package; a changed byte anywhere refuses it."""
    raw = path.read_bytes()
    body = raw[len(MAGIC) + len(line):]
    try:
        plain = AESGCM(key).decrypt(body[:12], body[12:], MAGIC + line)
    except (InvalidTag, ValueError):
        raise PackageRefused(
            f"Пакет {path.name} не прошёл проверку подлинности: он изменён или повреждён после создания, либо "
            f"зашифрован не тем ключом (отправитель «{header.sender_code}»). Ничего не загружено; попросите "
            "отправителя сделать пакет заново.") from None
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        changeset = archive.read("changeset.bin")
        files = {name.removeprefix("files/"): archive.read(name) for name in archive.namelist()
                 if name.startswith("files/")}
    bound = (manifest.get("package"), manifest.get("sender"), manifest.get("receiver"), manifest.get("sequence"),
             manifest.get("kind"))
    if bound != (str(header.package_id), str(header.sender), str(header.receiver), header.sequence, header.kind) \
            or hashlib.sha256(changeset).hexdigest() != manifest.get("sha256"):
        raise PackageRefused(f"Пакет {path.name} не сходится со своей описью (отправитель, получатель, номер или "
                             "содержимое): ничего не загружено.")
    return Contents(manifest, changeset, files)
