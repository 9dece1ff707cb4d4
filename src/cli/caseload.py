"""`opora caseload check`: the administrator compares the caseload table (staff → families) with its sources.

    opora caseload check --user LOGIN [--repair]

Exits with status 0 when the table matches, 3 when it differs (a scheduled task can raise an alarm); with
`--repair` a difference is rebuilt away (audited) and the status is 0.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.core.permissions import VIEW_AUDIT, require
from app.system.caseload_check import CaseloadCheck, check_caseload, repair_caseload_as_admin

DIFFERS_STATUS = 3


def add_caseload_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("caseload", parents=[common],
                                 help="проверить закрепление семей за специалистами (и перестроить)")
    parser.add_argument("action", choices=("check",), help="check — сравнить с данными, из которых оно строится")
    parser.add_argument("--user", required=True, metavar="LOGIN", help="администратор")
    parser.add_argument("--repair", action="store_true", help="перестроить, если есть расхождения")


def command_caseload(args: argparse.Namespace) -> int:
    from app.system.bootstrap import log_in, open_database
    from cli.common import read_password

    database = open_database(args.db)
    actor = log_in(database, args.user, read_password()).actor
    require(actor, VIEW_AUDIT)
    if args.repair:
        with database.write() as session:
            result = repair_caseload_as_admin(session, actor)
        print(result.message)
        return 0
    with database.read() as session:
        result = CaseloadCheck(check_caseload(session))
    print(result.message)
    return 0 if result.found.ok else DIFFERS_STATUS
