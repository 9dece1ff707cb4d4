"""What every command of the `opora` command line shares: the error type, the password, progress lines."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from app.core.errors import OporaError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.core.actor import Actor
    from db.session import Database

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


NEW_PASSWORD_ENV = "OPORA_NEW_PASSWORD"


def read_new_password(prompt: str = "Новый пароль пользователя: ") -> str:
    """The password for an account being created or reset: OPORA_NEW_PASSWORD or a prompt asked twice."""
    value = os.environ.get(NEW_PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"Новый пароль не задан: укажите его в переменной {NEW_PASSWORD_ENV} или запустите "
                       f"команду в терминале.")
    value = getpass.getpass(prompt)
    if getpass.getpass("Повторите пароль: ") != value:
        raise CliError("Пароли не совпадают.")
    return value


def print_table(rows: Sequence[Mapping[str, object]], columns: Sequence[tuple[str, str]], as_json: bool) -> None:
    """Rows as JSON (every key, for scripts) or as an aligned table of `columns` ((key, heading), …)."""
    if as_json:
        print(json.dumps([dict(row) for row in rows], ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        print("Список пуст.")
        return
    cells = [[heading for _, heading in columns]]
    cells += [[_cell(row.get(key)) for key, _ in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    for line in cells:
        print("  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    return str(value)


def sign_in(args: argparse.Namespace) -> tuple[Database, Actor]:
    """Open `--db` and sign in as `--user` (the password from OPORA_PASSWORD or a prompt)."""
    from app.system.bootstrap import log_in, open_database

    database = open_database(args.db)
    try:
        return database, log_in(database, args.admin, read_password()).actor
    except BaseException:
        database.dispose()
        raise


def admin_command(commands: Any, common: argparse.ArgumentParser, name: str, title: str
                  ) -> tuple[Any, argparse.ArgumentParser]:
    """An administrator's command group (`opora user|office|place|staff ACTION`): its sub-parsers, and the parent
    parser every action takes for `--db` and the signing-in administrator's `--user`."""
    group = commands.add_parser(name, help=title)
    actions = group.add_subparsers(dest="action", metavar="ДЕЙСТВИЕ", required=True)
    signed = argparse.ArgumentParser(add_help=False, parents=[common])
    signed.add_argument("--user", dest="admin", required=True, metavar="LOGIN", help="администратор")
    return actions, signed


DIFFERS_STATUS = 3  # a derived table differs from its sources: a scheduled task can raise an alarm


class _Found(Protocol):
    @property
    def ok(self) -> bool: ...


class CheckResult(Protocol):
    """What a derived table's check or repair gives (app.core.derived.DerivedCheck, the caseload's check)."""

    @property
    def found(self) -> _Found: ...

    @property
    def message(self) -> str: ...


def check_derived(args: argparse.Namespace, check: Callable[[Session], CheckResult],
                  repair: Callable[[Session, Actor], CheckResult]) -> int:
    """`--user` (an administrator) compares a derived table with its sources, or with `--repair` rebuilds it; prints
    the one-sentence result. 0 when it matches or was repaired, DIFFERS_STATUS when it differs."""
    from app.core.permissions import VIEW_AUDIT, require
    from app.system.bootstrap import log_in, open_database

    database = open_database(args.db)
    try:
        actor = log_in(database, args.user, read_password()).actor
        require(actor, VIEW_AUDIT)
        if args.repair:
            with database.write() as session:
                print(repair(session, actor).message)
            return 0
        with database.read() as session:
            result = check(session)
    finally:
        database.dispose()
    print(result.message)
    return 0 if result.found.ok else DIFFERS_STATUS
