"""The log file in the data directory: where unexpected errors go instead of the screen.

Nothing personal reaches it: the engine is created with `hide_parameters=True` (db.engine), and every record is
scrubbed as it is written (`scrub`): SQL parameter lists, values of known personal fields (`last_name='…'`), and
anything shaped like a СНИЛС, a phone, an e-mail, a passport or a birth date in a message or a traceback. The folder
and the files are readable by their owner only: the log is about a database of health and family data.
"""

from __future__ import annotations

import io
import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from db.engine import data_dir

LOG_NAME = "opora.log"
HIDDEN = "[скрыто]"

# Columns and field names holding personal data (the models in db.models.people/families and the import columns).
PERSONAL_FIELDS = (
    "last_name", "first_name", "middle_name", "patronymic", "full_name", "name_key", "fio", "snils", "inn", "phone",
    "email", "birth_date", "address", "street", "house", "apartment", "passport", "series", "number",
    "document_number", "document_series", "policy", "oms", "diagnosis", "diagnoses", "notes", "findings",
    "password", "login_attempt", "comment",
)
_PATTERNS = (
    # SQLAlchemy's statement parameters, if any path still prints them.
    (re.compile(r"\[parameters: .*?\](?=\s*(\n|\(Background|$))", re.DOTALL), f"[parameters: {HIDDEN}]"),
    (re.compile(r"\b(" + "|".join(PERSONAL_FIELDS) + r")(\s*[=:]\s*)('[^']*'|\"[^\"]*\"|[^\s,;)\]]+)",
                re.IGNORECASE), rf"\1\2{HIDDEN}"),
    (re.compile(r"\b\d{3}-\d{3}-\d{3}[ -]?\d{2}\b"), HIDDEN),  # СНИЛС
    (re.compile(r"(?<![\d-])\d{11,12}(?![\d-])"), HIDDEN),  # СНИЛС or ИНН without separators, phone digits
    (re.compile(r"(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b"), HIDDEN),  # phone
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), HIDDEN),  # e-mail
    (re.compile(r"\b\d{4}\s?№?\s?\d{6}\b"), HIDDEN),  # passport series and number
    (re.compile(r"\b\d{2}\.\d{2}\.(?:19|20)\d{2}\b"), HIDDEN),  # a date as people type a birth date
    (re.compile(r"'(?:19|20)\d{2}-\d{2}-\d{2}'"), HIDDEN),  # an ISO date quoted as an SQL value
)


def scrub(text: str) -> str:
    """`text` with personal data replaced by «[скрыто]»."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class ScrubbingFormatter(logging.Formatter):
    """Formats as usual, then scrubs the whole text: the message, its arguments and the traceback alike."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def log_path() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    _owner_only(folder, 0o700)
    return folder / LOG_NAME


def _owner_only(path: Path, mode: int) -> None:
    # On Windows chmod sets only the read-only flag; the folder is under the user's own %LOCALAPPDATA% there.
    if os.name == "posix" and path.exists():
        os.chmod(path, mode)


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating file whose every generation is readable by its owner only."""

    def _open(self) -> io.TextIOWrapper:
        previous = os.umask(0o077)
        try:
            stream = super()._open()
        finally:
            os.umask(previous)
        _owner_only(Path(self.baseFilename), 0o600)
        return stream


def configure_logging(level: int = logging.INFO) -> Path:
    """Send log records to a rotating file (5 × 2 MB), scrubbed of personal data; returns the file's path."""
    path = log_path()
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        handler = _PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    for old in path.parent.glob(LOG_NAME + "*"):
        _owner_only(old, 0o600)  # files written before this version
    root.setLevel(level)
    return path
