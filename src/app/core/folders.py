"""Where Opora keeps and proposes files outside the database."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from db.engine import data_dir


def attachments_dir() -> Path:
    """Event files: `<data dir>/attachments` (the database keeps only their stored names)."""
    return data_dir() / "attachments"


def documents_dir() -> Path:
    """The proposed folder for generated documents: ~/Documents/Opora when there is a Documents
    folder, else `<data dir>/documents`."""
    home_documents = Path.home() / "Documents"
    return home_documents / "Opora" if home_documents.is_dir() else data_dir() / "documents"


def write_atomically(target: Path, write: Callable[[str], None]) -> Path:
    """Let `write(path)` produce the file under a temporary name beside `target`, then move it into
    place: a failure half-way never leaves a truncated document where the user expects one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(suffix=target.suffix, dir=target.parent)
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target
