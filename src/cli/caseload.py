"""`opora caseload check`: the administrator compares the caseload table (staff → families) with its sources.

    opora caseload check --user LOGIN [--repair]

Exits with status 0 when the table matches, 3 when it differs (a scheduled task can raise an alarm); with
`--repair` a difference is rebuilt away (audited) and the status is 0.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.system.caseload_check import CaseloadCheck, check_caseload, repair_caseload_as_admin


def add_caseload_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("caseload", parents=[common],
                                 help="проверить закрепление семей за специалистами (и перестроить)")
    parser.add_argument("action", choices=("check",), help="check — сравнить с данными, из которых оно строится")
    parser.add_argument("--user", required=True, metavar="LOGIN", help="администратор")
    parser.add_argument("--repair", action="store_true", help="перестроить, если есть расхождения")


def command_caseload(args: argparse.Namespace) -> int:
    from cli.common import check_derived

    return check_derived(args, lambda session: CaseloadCheck(check_caseload(session)), repair_caseload_as_admin)
