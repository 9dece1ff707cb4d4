"""The `opora` command line. Every command takes `--db PATH_OR_URL`.

Commands that touch personal data take `--user LOGIN`; the password comes from
OPORA_PASSWORD or a prompt. Errors print one Russian sentence and exit with status 1;
unexpected ones are logged to the log file, never shown as a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence

from app import __version__
from app.cli_backup import add_backup_parsers, command_backup, command_restore
from app.cli_encrypt import add_encrypt_parsers, command_encrypt, command_key
from app.errors import OporaError, ValidationError

PASSWORD_ENV = "OPORA_PASSWORD"
log = logging.getLogger("opora.cli")


class CliError(OporaError):
    """A problem with the command's arguments or environment."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opora",
        description="Опора — учёт семей с детьми и работы с ними. Без команды запускается окно программы.",
    )
    parser.add_argument("--version", action="version", version=f"opora {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL",
                        help="файл базы SQLite или адрес PostgreSQL (иначе OPORA_DATABASE_URL или база по умолчанию)")
    commands = parser.add_subparsers(dest="command", metavar="КОМАНДА")

    init = commands.add_parser("init", parents=[common], help="создать или обновить базу и первого администратора")
    init.add_argument("--org", required=True, metavar="NAME", help="название организации")
    init.add_argument("--admin", required=True, metavar="LOGIN", help="логин администратора")
    init.add_argument("--office", default="", metavar="NAME", help="название головного отделения")

    demo = commands.add_parser("demo", parents=[common], help="заполнить базу демонстрационными данными")
    demo.add_argument("--families", type=int, default=2000, metavar="N", help="число семей (по умолчанию 2000)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="начальное число генератора")
    demo.add_argument("--user", metavar="LOGIN", help="администратор (нужен, если в базе уже есть пользователи)")

    commands.add_parser("upgrade", parents=[common], help="применить обновления схемы базы")
    from app.cli_reports import add_report_parser

    add_report_parser(commands, common)
    from app.cli_audit import add_audit_parser

    add_audit_parser(commands, common)
    add_encrypt_parsers(commands, common)
    add_backup_parsers(commands, common)
    from app.cli_import import add_import_parser

    add_import_parser(commands, common)
    return parser


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


def _progress_printer() -> Callable[[int, int, str], None]:
    last = [0.0]

    def progress(done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if now - last[0] >= 1 or done >= total:
            last[0] = now
            print(f"  {label}: {done}/{total}", file=sys.stderr)

    return progress


def command_init(args: argparse.Namespace) -> int:
    from app.bootstrap import FirstSetup, initialize, open_database

    database = open_database(args.db)
    password = read_password("Пароль администратора: ", confirm=True)
    with database.write() as session:
        initialize(session, FirstSetup(organization=args.org, admin_login=args.admin,
                                       admin_password=password, office=args.office))
    print(f"База готова: {database.location}. Администратор: {args.admin.strip().lower()}.")
    return 0


def command_upgrade(args: argparse.Namespace) -> int:
    from app.bootstrap import open_database

    database = open_database(args.db)
    print(f"Схема базы обновлена: {database.location}.")
    return 0


def command_demo(args: argparse.Namespace) -> int:
    from app.bootstrap import log_in, open_database
    from app.demo import generate_demo
    from app.users import count_users

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
    summary = generate_demo(database, families=args.families, seed=args.seed, progress=_progress_printer())
    print(f"Готово за {time.monotonic() - started:.1f} с: {summary.describe()}")
    if summary.demo_login:
        print(f"Вход для демонстрации: логин {summary.demo_login}, пароль {summary.demo_password}")
    return 0


def command_report(args: argparse.Namespace) -> int:
    from app.bootstrap import log_in, open_database
    from app.cli_reports import print_json, run_report

    database = open_database(args.db)
    actor = log_in(database, args.user, read_password()).actor
    written, figures = run_report(database, actor, args)
    if args.json:
        print_json(figures)
    for path in written:
        print(f"Записан файл: {path}", file=sys.stderr if args.json else sys.stdout)
    return 0


def command_import(args: argparse.Namespace) -> int:
    from app.bootstrap import log_in, open_database
    from app.cli_import import print_result, run_import_command

    database = open_database(args.db)
    actor = log_in(database, args.user, read_password()).actor
    print_result(*run_import_command(database, actor, args), as_json=args.json)
    return 0


def command_audit(args: argparse.Namespace) -> int:
    from app.bootstrap import log_in, open_database
    from app.cli_audit import run_audit

    database = open_database(args.db)
    return run_audit(database, log_in(database, args.user, read_password()).actor, args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": command_init,
    "demo": command_demo,
    "upgrade": command_upgrade,
    "report": command_report,
    "audit": command_audit,
    "import": command_import,
    "encrypt": command_encrypt,
    "key": command_key,
    "backup": command_backup,
    "restore": command_restore,
}


def run(argv: Sequence[str]) -> int:
    """Run one command; returns the exit status. The GUI case is handled by `ui.launcher`."""
    from app.logs import configure_logging

    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 2
    configure_logging()
    try:
        return COMMANDS[args.command](args)
    except ValidationError as error:
        for message in error.errors.values():
            print(f"Ошибка: {message}", file=sys.stderr)
        return 1
    except OporaError as error:
        print(f"Ошибка: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Прервано.", file=sys.stderr)
        return 130
    except Exception:
        from app.logs import log_path

        log.exception("command %s failed", args.command)
        print(f"Ошибка: непредвиденный сбой, подробности записаны в журнал {log_path()}.", file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    return run(sys.argv[1:] if argv is None else argv)
