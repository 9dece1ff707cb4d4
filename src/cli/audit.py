"""`opora audit …`: the administrator checks and exports the audit log from the command line.

    opora audit verify --user LOGIN [--head "№ 1234 · 3f9ac1d2e4b5a6f7"]
    opora audit export --user LOGIN --out FILE.xlsx [--from DD.MM.YYYY] [--to DD.MM.YYYY]
                       [--login LOGIN] [--action ACTION] [--entity TYPE]

`verify` exits with status 0 when the hash chain is intact and 3 when a row was changed or
removed, naming the first broken row, so a scheduled task can raise an alarm.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.core.actor import Actor
from app.core.errors import ValidationError
from app.system.audit_log import ACTION_TITLES, AuditFilter, chain_message, check_chain, export_audit_xlsx
from cli.common import read_password
from db.session import Database

BROKEN_CHAIN_STATUS = 3


def add_audit_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    audit = commands.add_parser("audit", parents=[common], help="проверить или выгрузить журнал аудита")
    audit.add_argument("action", choices=("verify", "export"),
                       help="verify — проверить цепочку контрольных сумм; export — выгрузить в XLSX")
    audit.add_argument("--user", required=True, metavar="LOGIN", help="администратор")
    audit.add_argument("--out", metavar="FILE", help="файл XLSX для выгрузки")
    audit.add_argument("--from", dest="date_from", metavar="ДД.ММ.ГГГГ", help="начало периода")
    audit.add_argument("--to", dest="date_to", metavar="ДД.ММ.ГГГГ", help="конец периода")
    audit.add_argument("--login", metavar="LOGIN", help="только действия этого пользователя")
    audit.add_argument("--action", dest="kind", choices=tuple(ACTION_TITLES), metavar="ACTION",
                       help="только это действие: " + ", ".join(ACTION_TITLES))
    audit.add_argument("--entity", metavar="TYPE", help="только этот вид записи (family, person, user…)")
    audit.add_argument("--head", metavar="«№ N · ХЭШ»",
                       help="verify: сравнить с контрольной суммой, напечатанной в выгруженном отчёте")


def _date(value: str | None, option: str) -> date | None:
    if not value:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    raise ValidationError({option: f"Параметр {option}: укажите дату в виде ДД.ММ.ГГГГ."})


def run_audit(database: Database, actor: Actor, args: argparse.Namespace) -> int:
    if args.action == "verify":
        with database.read() as session:
            check = check_chain(session, actor, args.head)
        print(chain_message(check))
        return 0 if check.ok else BROKEN_CHAIN_STATUS
    if not args.out:
        raise ValidationError({"out": "Параметр --out: укажите файл XLSX для выгрузки."})
    criteria = AuditFilter(_date(args.date_from, "--from"), _date(args.date_to, "--to"), args.login, args.kind,
                           args.entity)
    target = Path(args.out).expanduser()
    if target.suffix.lower() != ".xlsx":
        target = target.with_suffix(".xlsx")
    with database.write() as session:
        path = export_audit_xlsx(session, actor, criteria, target)
    print(f"Записан файл: {path}", file=sys.stdout)
    return 0


def command_audit(args: argparse.Namespace) -> int:
    from app.system.bootstrap import log_in, open_database

    database = open_database(args.db)
    return run_audit(database, log_in(database, args.user, read_password()).actor, args)
