"""Which travelling tables a PostgreSQL centre's package has to diff: those that may differ from the baseline.

Diffing the whole mirror costs as much as the data is large (every row of every table compared with the
baseline's), however little changed. So a baseline records, per table, the level of the mirror it equals
(`pg_mirror.Level`: the mirror's build and the refresh since); a table the mirror has not changed since that level
is skipped. The records move only in ways that keep them true:

- an acknowledgement advances the baseline by the package's changeset, which made every table it diffed equal to
  the mirror at the package's level; the tables it skipped were equal already and the mirror has not changed them
  since. So every table gets the package's level — except a table an import touched after that package was made;
- an import advances the baseline by the office's changeset (and holds conflicted fields), so every table in it
  loses its level and is marked touched at the mirror's generation of that moment; the mark goes only with an
  acknowledgement of a package of a later generation (its refresh read the import's writes, and it diffed the
  table, which had no level);
- a baseline or mirror without records (new, older, rebuilt: another epoch) has every table diffed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import apsw

from app.exchange.pg_mirror import NO_LEVEL, Level, Refresh

LEVELS = "_opora_level"
TOUCHED = "_opora_touched"


def ensure(base: apsw.Connection) -> None:
    base.execute(f"CREATE TABLE IF NOT EXISTS {LEVELS} (name TEXT PRIMARY KEY, epoch TEXT NOT NULL, "
                 "generation INTEGER NOT NULL)")
    base.execute(f"CREATE TABLE IF NOT EXISTS {TOUCHED} (name TEXT PRIMARY KEY, generation INTEGER NOT NULL)")


def to_diff(base: apsw.Connection, refresh: Refresh, tables: Iterable[str]) -> list[str]:
    """The tables whose baseline may differ from the mirror."""
    ensure(base)
    levels = {name: (epoch, generation) for name, epoch, generation
              in base.execute(f"SELECT name, epoch, generation FROM {LEVELS}")}
    result = []
    for name in tables:
        epoch, generation = levels.get(name, ("", -1))
        changed = refresh.changed.get(name)
        if refresh.level == NO_LEVEL or epoch != refresh.level.epoch or changed is None or changed > generation:
            result.append(name)
    return result


def level_file(pending: Path) -> Path:
    return pending.with_name(pending.name + ".level")


def write_level(pending: Path, level: Level) -> None:
    level_file(pending).write_text(json.dumps({"epoch": level.epoch, "generation": level.generation}))


def read_level(pending: Path) -> Level | None:
    try:
        data = json.loads(level_file(pending).read_text())
        return Level(str(data["epoch"]), int(data["generation"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def acknowledged(base: apsw.Connection, level: Level | None, tables: Iterable[str]) -> None:
    """The baseline was advanced by a package made at `level` (inside the caller's transaction)."""
    ensure(base)
    if level is None or level == NO_LEVEL:
        return  # a package of before the records: the old ones stay (they are lower, so still true)
    touched = dict(base.execute(f"SELECT name, generation FROM {TOUCHED}"))
    for name in tables:
        if name in touched:
            if touched[name] >= level.generation:
                continue  # the import came after this package was made
            base.execute(f"DELETE FROM {TOUCHED} WHERE name = ?", (name,))
        base.execute(f"INSERT OR REPLACE INTO {LEVELS} VALUES (?, ?, ?)", (name, level.epoch, level.generation))


def touched_by_import(base: apsw.Connection, tables: Iterable[str], generation: int) -> None:
    """An office's changeset (and its held conflicts) went into the baseline after the import committed, when the
    refreshes had reached `generation` (`pg_mirror.current_generation`)."""
    ensure(base)
    for name in set(tables):
        base.execute(f"DELETE FROM {LEVELS} WHERE name = ?", (name,))
        base.execute(f"INSERT OR REPLACE INTO {TOUCHED} VALUES (?, ?)", (name, generation))
