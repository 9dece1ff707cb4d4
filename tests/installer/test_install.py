"""The .deb on a clean Debian 12: installed over an older version with the previous release's database in the
user's data folder, started, checked, upgraded with a verified backup, purged — the data stays.

Runs installer/linux/test-install.sh (debootstrap --variant=minbase root, apt resolving Depends:) as root.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from app.system.backups import parse_backup_name
from db import migrate
from db.engine import create_database_engine
from tests.db.first_revision import FIRST_REVISION, dump, fill, lost_or_changed, migrate_to, reflect

pytestmark = pytest.mark.installer
ROOT = Path(__file__).resolve().parents[2]
OLDER = "0.0.9"


def _older_package(bundle: Path, folder: Path) -> Path:
    """The same bundle packaged as an older version, so the new .deb installs over it as an upgrade."""
    result = subprocess.run([str(ROOT / "installer/linux/build-deb.sh"), str(bundle), str(folder), OLDER],
                            capture_output=True, text=True, check=True)
    return Path(result.stdout.strip().splitlines()[-1])


def _previous_release_database(path: Path):
    engine = create_database_engine(f"sqlite:///{path}")
    try:
        migrate_to(engine, FIRST_REVISION)
        tables = reflect(engine)
        fill(engine, tables)
        return tables, dump(engine, tables)
    finally:
        engine.dispose()


def test_install_upgrade_check_and_purge_on_a_fresh_debian(deb, bundle, tmp_path):
    if os.geteuid() != 0:
        pytest.fail("the install test needs root (chroot, mount): run `make test-installer` as root")
    old_db = tmp_path / "opora.db"
    tables, before = _previous_release_database(old_db)
    old_deb = _older_package(bundle, tmp_path / "old")
    out = tmp_path / "out"
    result = subprocess.run([str(ROOT / "installer/linux/test-install.sh"), str(deb), str(out), str(old_deb),
                             str(old_db)], capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    assert (out / "installed-version.txt").read_text().strip() == _version(deb)
    assert (out / "version.log").read_text().strip() == f"opora {_version(deb)}"
    steps = [line for line in (out / "selfcheck.log").read_text().splitlines() if line.startswith(("OK", "СБОЙ"))]
    assert len(steps) == 7 and all(line.startswith("OK") for line in steps), steps
    assert "платформа Qt: offscreen" in steps[-1]
    # The old version's database: migrated in place, every row kept, a verified copy of it as it was.
    upgraded = create_engine(f"sqlite:///{out / 'upgraded.db'}", poolclass=NullPool)
    try:
        assert migrate.current_revision(upgraded) == migrate.head_revision()
        problems = lost_or_changed(before, dump(upgraded, tables))
        assert not problems, problems
    finally:
        upgraded.dispose()
    copies = {path.name: parse_backup_name(path.name) for path in (out / "backups").iterdir()}
    (backup,) = [out / "backups" / name for name, parsed in copies.items()
                 if parsed is not None and parsed[1] == "before_migration"]
    with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(FIRST_REVISION,)]
    # Purging the package left the data folder byte for byte as it was (the script also compares).
    before_purge = (out / "data-before-purge.txt").read_text()
    assert "./opora.db" in before_purge and "./backups/" in before_purge
    assert before_purge == (out / "data-after-purge.txt").read_text()


def _version(deb: Path) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_install_script_refuses_a_missing_package(tmp_path):
    script = ROOT / "installer/linux/test-install.sh"
    result = subprocess.run([str(script)], capture_output=True, text=True)
    assert result.returncode != 0 and "new .deb" in result.stderr
    assert shutil.which("chroot")
