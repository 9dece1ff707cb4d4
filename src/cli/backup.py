"""`opora backup` and `opora restore`: an administrator's backups from the command line.

    opora backup  [--to DIR] --user LOGIN
    opora restore FILE [--yes] --user LOGIN

Heavy modules are imported inside the commands, so `opora --help` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

CONFIRM_WORDS = frozenset({"да", "д", "yes", "y"})


def add_backup_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    backup = commands.add_parser("backup", parents=[common], help="сделать резервную копию базы SQLite")
    backup.add_argument("--to", metavar="DIR", help="папка для копии (по умолчанию папка backups в данных программы)")
    backup.add_argument("--user", required=True, metavar="LOGIN", help="администратор")
    restore = commands.add_parser("restore", parents=[common],
                                  help="восстановить базу SQLite из резервной копии (текущее состояние сохраняется)")
    restore.add_argument("file", metavar="FILE", help="файл резервной копии")
    restore.add_argument("--yes", action="store_true", help="не спрашивать подтверждение")
    restore.add_argument("--user", required=True, metavar="LOGIN", help="администратор")


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1_048_576:.1f} МБ".replace(".", ",")


def command_backup(args: argparse.Namespace) -> int:
    from app.system.backups import PostgresBackupNotSupported, make_backup, require_backup_rights
    from app.system.bootstrap import log_in, open_database
    from cli.common import read_password

    database = open_database(args.db)
    if not database.is_sqlite:
        raise PostgresBackupNotSupported()
    actor = log_in(database, args.user, read_password()).actor
    require_backup_rights(actor)
    folder = Path(args.to).expanduser().resolve() if args.to else None
    path = make_backup(database, folder=folder, reason="manual", actor=actor)
    print(f"Резервная копия сохранена и проверена: {path} ({_size(path)}).")
    return 0


def _confirmed(database_location: str, file: Path) -> bool:
    from cli.common import CliError

    if not sys.stdin.isatty():
        raise CliError("Восстановление заменит текущие данные: подтвердите его параметром --yes.")
    answer = input(
        f"Заменить данные базы {database_location} содержимым копии {file.name}? "
        "Текущее состояние будет сохранено в резервной копии. Введите «да» для продолжения: "
    )
    return answer.strip().lower() in CONFIRM_WORDS


def command_restore(args: argparse.Namespace) -> int:
    from app.system.backup_restore import restore_backup, verify_backup_file
    from app.system.backups import PostgresBackupNotSupported, require_backup_rights
    from app.system.bootstrap import log_in
    from app.system.integrity import check_on_open
    from cli.common import read_password
    from db.session import Database

    # Not open_database: a damaged database must still open, read-only, to be restored.
    database = Database.open(args.db)
    if not database.is_sqlite:
        raise PostgresBackupNotSupported()
    block = check_on_open(database)
    if block is not None:
        print(block.message, file=sys.stderr)
    actor = log_in(database, args.user, read_password()).actor
    require_backup_rights(actor)
    file = Path(args.file).expanduser().resolve()
    verify_backup_file(database, file)
    if not args.yes and not _confirmed(database.location, file):
        print("Восстановление отменено, данные не изменены.")
        return 1
    result = restore_backup(database, file, actor)
    print(result.describe())
    return 0
