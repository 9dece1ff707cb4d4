"""A process that encrypts a database in place and stops dead at a chosen instant, to be killed there.

    python -m tests.crash.encrypt_writer DB PAUSE

PAUSE names the instant: "exported" (the encrypted copy made and verified, nothing swapped), "linked" (the plain
original hard-linked to .plain-old, the encrypted copy not yet in place), "swapped" (the encrypted file in place,
the plain original still whole under .plain-old), "shredding" (half of the plain original overwritten). The
process prints "paused" and sleeps until SIGKILLed. The key folder comes from OPORA_KEY_DIR.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from app.system import encryption
from app.system.keystore import unlock
from db.session import Database
from tests.world import load_world


def _pause() -> None:
    print("paused", flush=True)
    while True:
        time.sleep(60)


def main(argv: list[str]) -> int:
    path, pause = argv[0], argv[1]
    database = unlock(Database.open(path))
    with database.read() as session:
        admin = load_world(session).admin
    if pause == "exported":
        verify = encryption._verify_copy

        def verified(*args: Any) -> None:
            verify(*args)
            _pause()
        encryption._verify_copy = verified  # type: ignore[assignment]
    elif pause == "linked":
        replace = os.replace

        def replacing(source: Any, target: Any) -> None:
            if str(source).endswith(".encrypting"):
                _pause()
            replace(source, target)
        encryption.os.replace = replacing  # type: ignore[assignment]
    elif pause == "swapped":
        swap = encryption._swap_in

        def swapped(*args: Any) -> Path:
            swap(*args)
            _pause()
            raise AssertionError("unreachable")
        encryption._swap_in = swapped  # type: ignore[assignment]
    elif pause == "shredding":
        def half_shred(target: Path) -> None:
            if target.name.endswith(".plain-old"):
                with open(target, "r+b") as handle:
                    handle.write(bytes(4096))  # the header page: the rows further on are still in clear
                    handle.flush()
                    os.fsync(handle.fileno())
                _pause()
        encryption.shred = half_shred  # type: ignore[assignment]
    else:
        print(f"unknown pause {pause}", file=sys.stderr)
        return 2
    encryption.encrypt_database(database, admin)
    print("finished", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
