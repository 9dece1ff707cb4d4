"""What every command of the `opora` command line shares: the error type, the password, progress lines."""

from __future__ import annotations

import getpass
import os
import sys
import time
from collections.abc import Callable

from app.core.errors import OporaError

PASSWORD_ENV = "OPORA_PASSWORD"


class CliError(OporaError):
    """A problem with the command's arguments or environment."""


def read_password(prompt: str = "Пароль: ", confirm: bool = False) -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"Пароль не задан: укажите его в переменной {PASSWORD_ENV} или запустите команду в терминале.")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Повторите пароль: ") != value:
        raise CliError("Пароли не совпадают.")
    return value


def progress_printer() -> Callable[[int, int, str], None]:
    last = [0.0]

    def progress(done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if now - last[0] >= 1 or done >= total:
            last[0] = now
            print(f"  {label}: {done}/{total}", file=sys.stderr)

    return progress
