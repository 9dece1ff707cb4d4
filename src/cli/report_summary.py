"""`opora summary check`: the administrator compares the quarterly report's session summary with the sessions.

    opora summary check --user LOGIN [--repair]

The summary (report_session_months, report_place_months) is kept by database triggers (migration 0015); a
difference means something wrote around them. Exits 0 when it matches, 3 when it differs (a scheduled task can raise
an alarm); with `--repair` a difference is rebuilt away (audited) and the status is 0.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_summary_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("summary", parents=[common],
                                 help="проверить сводку занятий для квартального отчёта (и перестроить)")
    parser.add_argument("action", choices=("check",), help="check — сравнить с занятиями, из которых она строится")
    parser.add_argument("--user", required=True, metavar="LOGIN", help="администратор")
    parser.add_argument("--repair", action="store_true", help="перестроить, если есть расхождения")


def command_summary(args: argparse.Namespace) -> int:
    from app.core.derived import DerivedCheck
    from app.reports.session_summary import REPAIR_COMMAND, check_summary, repair_summary_as_admin
    from cli.common import check_derived

    return check_derived(args, lambda session: DerivedCheck(check_summary(session), REPAIR_COMMAND),
                         repair_summary_as_admin)
