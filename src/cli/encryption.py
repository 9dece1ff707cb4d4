"""`opora encrypt` and `opora key export|import|status`: encryption at rest from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module at start; the encryption code only when used
    from app.system.encryption import EncryptionStatus


def add_encrypt_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    encrypt = commands.add_parser("encrypt", parents=[common], help="зашифровать базу SQLite (SQLCipher)")
    encrypt.add_argument("--user", required=True, metavar="LOGIN", help="администратор")
    encrypt.add_argument("--keep-plain-copy", type=Path, metavar="FILE",
                         help="сохранить незашифрованный оригинал в этот файл (иначе он затирается и удаляется)")
    encrypt.add_argument("--delete-plain-backups", action="store_true",
                         help="затереть и удалить незашифрованные резервные копии из папки копий")
    key = commands.add_parser("key", help="ключ шифрования базы: экспорт, импорт, состояние")
    actions = key.add_subparsers(dest="key_action", metavar="ДЕЙСТВИЕ", required=True)
    export = actions.add_parser("export", parents=[common], help="записать ключ в файл (для другого компьютера)")
    export.add_argument("--user", required=True, metavar="LOGIN", help="администратор")
    export.add_argument("--to", required=True, type=Path, metavar="FILE", help="куда записать ключ")
    imported = actions.add_parser("import", parents=[common], help="добавить ключ из файла на этот компьютер")
    imported.add_argument("file", type=Path, metavar="FILE", help="файл ключа, экспортированный администратором")
    actions.add_parser("status", parents=[common], help="зашифрована ли база и где её ключ")


def describe_status(status: EncryptionStatus) -> list[str]:
    if not status.available:
        return [f"База данных: {status.location}.", status.note]
    lines = [f"База данных: {status.location}."]
    if status.encrypted:
        lines.append(f"Зашифрована (SQLCipher {status.cipher_version}), ключ {status.key_id}.")
        lines.append(f"Файл ключа: {status.key_file}." if status.key_file else
                     "Ключ не сохранён в папке ключей этого пользователя (найден в общей папке компьютера).")
    else:
        lines.append("Не зашифрована. Зашифровать: opora encrypt --user ЛОГИН_АДМИНИСТРАТОРА.")
    if status.plain_backups:
        lines.append(f"Незашифрованных резервных копий: {len(status.plain_backups)} "
                     f"(например, {status.plain_backups[0]}).")
    for copy in status.plain_copies:
        lines.append(f"Незашифрованная копия базы: {copy}. Кто скопирует этот файл, прочтёт все данные: "
                     "удалите его, когда он больше не нужен.")
    return lines


def command_encrypt(args: argparse.Namespace) -> int:
    from app.system.bootstrap import log_in, open_database
    from app.system.encryption import SSD_NOTE, encrypt_database
    from cli.common import read_password

    database = open_database(args.db)
    try:
        actor = log_in(database, args.user, read_password()).actor
        result = encrypt_database(database, actor, keep_plain_copy=args.keep_plain_copy,
                                  delete_plain_backups=args.delete_plain_backups)
    finally:
        database.dispose()
    print(f"База зашифрована: {database.location}. Ключ сохранён: {result.key_file}.")
    print("Экспортируйте ключ и храните его отдельно от базы: без него базу и её резервные копии "
          "не открыть (opora key export --user ЛОГИН --to ФАЙЛ).")
    if result.plain_copy:
        print(f"Незашифрованный оригинал сохранён по вашему выбору: {result.plain_copy}.")
    else:
        print(f"Незашифрованный оригинал перезаписан нулями и удалён. {SSD_NOTE}")
    if result.deleted_backups:
        print(f"Удалено незашифрованных резервных копий: {len(result.deleted_backups)}.")
    if result.plain_backups:
        print(f"В папке резервных копий остались незашифрованные копии ({len(result.plain_backups)}): "
              "удалите их повторным запуском с --delete-plain-backups или вручную.")
    return 0


def command_key(args: argparse.Namespace) -> int:
    from app.system.bootstrap import log_in, open_database
    from app.system.encryption import encryption_status
    from app.system.keystore import KeyStore, export_key, import_key
    from cli.common import read_password
    from db.session import Database

    if args.key_action == "import":
        # The database cannot be opened before its key is here: no sign-in, only a match check.
        target = Database.open(args.db)
        try:
            key = import_key(args.file, target, KeyStore.default())
        finally:
            target.dispose()
        print(f"Ключ {key.key_id} добавлен: {KeyStore.default().path_for(key.key_id)}.")
        return 0
    database = open_database(args.db)
    try:
        if args.key_action == "status":
            print("\n".join(describe_status(encryption_status(database))))
            return 0
        actor = log_in(database, args.user, read_password()).actor
        written = export_key(database, actor, args.to)
    finally:
        database.dispose()
    print(f"Ключ записан в файл {written}. Храните его отдельно от базы и резервных копий.")
    return 0
