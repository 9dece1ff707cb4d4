"""Table-by-table contents of a SQLite file, for comparing a database with its backup."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from db.session import Database


def dump_tables(database: Database, path: Path | None = None) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in a stable order (alembic_version included, sqlite_* excluded)."""
    target = path or database.sqlite_path
    assert target is not None
    with closing(database.connect_file(target)) as connection:
        names = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {
            name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
            for name in names
        }


def corrupt_file(path: Path, pages: int = 6, page_size: int = 4096) -> None:
    """Overwrite whole pages in the middle of the file with junk, as a failing disk would."""
    size = path.stat().st_size
    start = (size // page_size // 2) * page_size
    with open(path, "r+b") as handle:
        handle.seek(start)
        handle.write(bytes((index * 37 + 11) % 256 for index in range(pages * page_size)))
