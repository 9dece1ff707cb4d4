"""Showing errors: Russian sentences for expected ones, a log entry plus one sentence otherwise."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.errors import OporaError, ValidationError
from app.core.logs import log_path
from app.system.storage_errors import storage_problem

log = logging.getLogger("opora.ui")


def user_message(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        return "\n".join(error.errors.values())
    if isinstance(error, OporaError):
        return str(error)
    storage = storage_problem(error)
    if storage is not None:  # the disk, not the program nor the file: say so, without a restore
        log.warning("storage error: %s", storage.kind, exc_info=(type(error), error, error.__traceback__))
        return storage.message
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    return (
        "Произошла непредвиденная ошибка, данные не изменены. "
        f"Подробности записаны в журнал: {log_path()}"
    )


def show_error(parent: QWidget | None, error: BaseException) -> None:
    QMessageBox.warning(parent, "Опора", user_message(error))
