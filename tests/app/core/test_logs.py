"""No personal data in the log (#15 item 3): a write error forced at the engine carries no parameters, every record
is scrubbed of personal fields, and the log folder and files are the user's own."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from app.core import logs
from db.models import Person
from db.session import Database

NAME, FIRST, SNILS, PHONE = "Пантелеймонова", "Евдокия", "11223344595", "+7 (912) 345-67-89"


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    root = logging.getLogger()
    kept = [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    for handler in kept:
        root.removeHandler(handler)
    path = logs.configure_logging()
    yield path
    for handler in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(handler)
        handler.close()
    for handler in kept:
        root.addHandler(handler)


def _forced_write_error(database: Database) -> IntegrityError:
    """A person whose sex breaks the CHECK constraint: the INSERT fails with every personal value as a parameter."""
    with pytest.raises(IntegrityError) as caught, database.write() as session:
        session.add(Person(last_name=NAME, first_name=FIRST, last_name_key=NAME.lower(), first_name_key=FIRST.lower(),
                           sex="X", birth_date=date(2014, 3, 9), snils=SNILS, phone=PHONE, notes="Диагноз F84.0"))
        session.flush()
    return caught.value


def test_a_forced_write_error_leaves_no_personal_data_in_the_log(database: Database, log_file: Path) -> None:
    error = _forced_write_error(database)
    # The engine hides the parameters from the error itself (what a dialog or a traceback would show).
    assert NAME not in str(error) and SNILS not in str(error)
    assert "hidden due to hide_parameters" in str(error)
    try:
        raise RuntimeError("saving failed") from error
    except RuntimeError:
        logging.getLogger("opora.ui.ops").exception("operation failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = log_file.read_text(encoding="utf-8")
    assert "IntegrityError" in written and "operation failed" in written  # the error itself is logged
    for value in (NAME, FIRST, SNILS, PHONE, "2014-03-09", "F84.0"):
        assert value not in written, value


def test_records_are_scrubbed_of_personal_fields_whatever_logs_them(log_file: Path) -> None:
    log = logging.getLogger("opora.anything")
    log.warning("import row %s: last_name=%r snils=%s phone: %s", 7, NAME, "112-233-445 95", PHONE)
    log.error("typed into the login field: password=%s", "Secret-Пароль1")
    log.error("card of %s, born 09.03.2014, mail %s, passport 4510 123456", "x", "mother@example.ru")
    log.error("[SQL: INSERT INTO persons (last_name) VALUES (?)]\n[parameters: ('%s', '%s')]", NAME, SNILS)
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = log_file.read_text(encoding="utf-8")
    for value in (NAME, "112-233-445 95", PHONE, "Secret-Пароль1", "09.03.2014", "mother@example.ru", "123456",
                  SNILS):
        assert value not in written, value
    assert "import row 7" in written and logs.HIDDEN in written and "INSERT INTO persons" in written


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_log_folder_and_files_are_the_users_own(log_file: Path) -> None:
    logging.getLogger("opora").warning("hello")
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_old_world_readable_log_is_closed_at_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      log_file: Path) -> None:
    os.chmod(log_file.parent, 0o755)
    os.chmod(log_file, 0o644)
    logs.configure_logging()
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
