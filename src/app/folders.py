"""Where Opora keeps and proposes files outside the database."""

from __future__ import annotations

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
