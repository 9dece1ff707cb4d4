"""Errors reach the user as Russian sentences; unexpected ones go to the log file, not the screen."""

from __future__ import annotations

import logging

from app.core.errors import NotFound, ValidationError
from app.core.logs import configure_logging, log_path
from ui.errors import user_message


def test_expected_errors_are_shown_as_they_are():
    assert user_message(NotFound("Семья не найдена.")) == "Семья не найдена."
    message = user_message(ValidationError({"snils": "Поле «СНИЛС»: нужно 11 цифр.", "sex": "Поле «Пол»: выберите."}))
    assert message.splitlines() == ["Поле «СНИЛС»: нужно 11 цифр.", "Поле «Пол»: выберите."]


def test_unexpected_error_is_logged_with_traceback_and_summarised():
    configure_logging()
    try:
        raise KeyError("internal detail")
    except KeyError as error:
        message = user_message(error)
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "непредвиденная ошибка" in message and "internal detail" not in message
    assert str(log_path()) in message
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "internal detail" in logged
