"""`opora demo`: fill a database with the demonstration region (administrator only once users exist)."""

from __future__ import annotations

import argparse
import time
from typing import Any

from cli.common import CliError, progress_printer, read_password


def add_demo_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    demo = commands.add_parser("demo", parents=[common], help="заполнить базу демонстрационными данными")
    demo.add_argument("--families", type=int, default=2000, metavar="N", help="число семей (по умолчанию 2000)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="начальное число генератора")
    demo.add_argument("--user", metavar="LOGIN", help="администратор (нужен, если в базе уже есть пользователи)")


def command_demo(args: argparse.Namespace) -> int:
    from app.accounts.users import count_users
    from app.system.bootstrap import log_in, open_database
    from demo.generator import generate_demo

    if args.families < 1:
        raise CliError("Параметр --families: укажите число семей больше нуля.")
    database = open_database(args.db)
    with database.read() as session:
        has_users = count_users(session) > 0
    if has_users:
        if not args.user:
            raise CliError("В базе уже есть пользователи: укажите --user LOGIN администратора.")
        result = log_in(database, args.user, read_password())
        if not result.actor.is_admin:
            raise CliError("Демонстрационные данные может добавить только администратор.")
    started = time.monotonic()
    summary = generate_demo(database, families=args.families, seed=args.seed, progress=progress_printer())
    print(f"Готово за {time.monotonic() - started:.1f} с: {summary.describe()}")
    if summary.demo_login:
        print(f"Вход для демонстрации: логин {summary.demo_login}, пароль {summary.demo_password}")
    return 0
