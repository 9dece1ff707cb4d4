"""Showing errors: Russian sentences for expected ones, a log entry plus one sentence otherwise."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.errors import OporaError, ValidationError
from app.core.logs import log_path

log = logging.getLogger("opora.ui")


def user_message(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        return "\n".join(error.errors.values())
    if isinstance(error, OporaError):
        return str(error)
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    return (
        "Произошла непредвиденная ошибка, данные не изменены. "
        f"Подробности записаны в журнал: {log_path()}"
    )


def show_error(parent: QWidget | None, error: BaseException) -> None:
    QMessageBox.warning(parent, "Опора", user_message(error))
