"""The `opora` command line. Every command takes `--db PATH_OR_URL`.

Commands that touch personal data take `--user LOGIN`; the password comes from
OPORA_PASSWORD or a prompt. Errors print one Russian sentence and exit with status 1;
unexpected ones are logged to the log file, never shown as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from app import __version__
from app.core.errors import OporaError, ValidationError
from cli import russian_argparse
from cli.common import CliError, read_password

log = logging.getLogger("opora.cli")


def build_parser() -> argparse.ArgumentParser:
    russian_argparse.install()
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

    commands.add_parser("upgrade", parents=[common], help="применить обновления схемы базы")
    from cli.audit import add_audit_parser
    from cli.backup import add_backup_parsers
    from cli.caseload import add_caseload_parser
    from cli.deadlines import add_deadlines_parser
    from cli.demo import add_demo_parser
    from cli.encryption import add_encrypt_parsers
    from cli.exchange import add_exchange_parser
    from cli.importing import add_import_parser
    from cli.offices import add_office_parser
    from cli.periods import add_period_parser
    from cli.places import add_place_parser
    from cli.report_summary import add_summary_parser
    from cli.reports import add_report_parser
    from cli.selfcheck import add_selfcheck_parser
    from cli.staff import add_staff_parser
    from cli.users import add_user_parser

    add_demo_parser(commands, common)
    add_report_parser(commands, common)
    add_audit_parser(commands, common)
    add_caseload_parser(commands, common)
    add_summary_parser(commands, common)
    add_deadlines_parser(commands, common)
    add_encrypt_parsers(commands, common)
    add_backup_parsers(commands, common)
    add_import_parser(commands, common)
    add_selfcheck_parser(commands, common)
    add_user_parser(commands, common)
    add_office_parser(commands, common)
    add_place_parser(commands, common)
    add_staff_parser(commands, common)
    add_exchange_parser(commands, common)
    add_period_parser(commands, common)
    return parser


def command_init(args: argparse.Namespace) -> int:
    from app.system.bootstrap import FirstSetup, initialize, open_database

    database = open_database(args.db)
    password = read_password("Пароль администратора: ", confirm=True)
    with database.write() as session:
        initialize(session, FirstSetup(organization=args.org, admin_login=args.admin,
                                       admin_password=password, office=args.office))
    print(f"База готова: {database.location}. Администратор: {args.admin.strip().lower()}.")
    return 0


def command_upgrade(args: argparse.Namespace) -> int:
    from app.system.bootstrap import open_database

    database = open_database(args.db)
    print(f"Схема базы обновлена: {database.location}.")
    return 0


# Command name -> (module, function). Resolved on use so that `opora` without a command (the GUI) and
# `opora --version` do not import the reports, import and backup machinery.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("cli.main", "command_init"),
    "upgrade": ("cli.main", "command_upgrade"),
    "demo": ("cli.demo", "command_demo"),
    "report": ("cli.reports", "command_report"),
    "audit": ("cli.audit", "command_audit"),
    "import": ("cli.importing", "command_import"),
    "encrypt": ("cli.encryption", "command_encrypt"),
    "key": ("cli.encryption", "command_key"),
    "backup": ("cli.backup", "command_backup"),
    "restore": ("cli.backup", "command_restore"),
    "selfcheck": ("cli.selfcheck", "command_selfcheck"),
    "user": ("cli.users", "command_user"),
    "office": ("cli.offices", "command_office"),
    "place": ("cli.places", "command_place"),
    "staff": ("cli.staff", "command_staff"),
    "caseload": ("cli.caseload", "command_caseload"),
    "summary": ("cli.report_summary", "command_summary"),
    "deadlines": ("cli.deadlines", "command_deadlines"),
    "exchange": ("cli.exchange", "command_exchange"),
    "period": ("cli.periods", "command_period"),
}


# Only these make a new database file; any other command given a path that does not exist stops instead of
# silently creating an empty database there (a mistyped --db). selfcheck works on a temporary database of its own.
CREATING_COMMANDS = frozenset({"init", "demo", "selfcheck"})


def _require_existing_database(target: str | None) -> None:
    from db.engine import missing_sqlite_file

    missing = missing_sqlite_file(target)
    if missing is not None:
        raise CliError(f"Файл базы данных {missing} не найден. Проверьте путь в --db (или OPORA_DATABASE_URL); "
                       "новую базу создаёт только команда «opora init».")


def command_for(name: str) -> Callable[[argparse.Namespace], int]:
    module_name, function_name = COMMANDS[name]
    command: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module_name), function_name)
    return command


def run(argv: Sequence[str]) -> int:
    """Run one command; returns the exit status. `main` decides whether the GUI is wanted instead."""
    from app.core.logs import configure_logging

    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 2
    configure_logging()
    try:
        if args.command not in CREATING_COMMANDS:
            _require_existing_database(getattr(args, "db", None))
        return command_for(args.command)(args)
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
    except BrokenPipeError:  # the reader went away (`opora … | head`): nothing more to say to it
        sys.stderr.close()
        return 0
    except Exception as error:
        from app.core.logs import log_path
        from app.system.storage_errors import storage_problem

        storage = storage_problem(error)
        if storage is not None:
            log.warning("command %s: storage error %s", args.command, storage.kind, exc_info=True)
            print(f"Ошибка: {storage.message}", file=sys.stderr)
            return 1

        log.exception("command %s failed", args.command)
        print(f"Ошибка: непредвиденный сбой, подробности записаны в журнал {log_path()}.", file=sys.stderr)
        return 1


def gui_target(args: Sequence[str]) -> tuple[bool, str | None]:
    """(True, database) when the arguments ask for the window: nothing, `--db X` or `--db=X`."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db":
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db="):
        return True, args[0].split("=", 1)[1]
    return False, None


def has_screen() -> bool:
    """Whether a window can open: on Linux without X11 or Wayland (an ssh session) Qt would abort with its own
    English plugin message; Windows and macOS always have one, and QT_QPA_PLATFORM names one explicitly."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    """The `opora` executable: a command runs here, no command opens the GUI (Qt is imported only then)."""
    import multiprocessing

    # The office exchange runs its work in a spawned child process (app.exchange.child); in the frozen program
    # that child is this executable again, and freeze_support makes it run the child's work instead of Opora.
    multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    wants_gui, database = gui_target(args)
    if not wants_gui:
        return run(args)
    if not has_screen():
        print("Окно программы открыть негде: нет графического экрана (переменные DISPLAY и WAYLAND_DISPLAY не "
              "заданы, например при входе по ssh). Команды без окна: opora --help", file=sys.stderr)
        return 2
    from ui.application import run_gui

    return run_gui(database)


if __name__ == "__main__":
    sys.exit(main())
