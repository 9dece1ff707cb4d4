"""`opora summary check`: the administrator compares the quarterly report's session summary with the sessions.

    opora summary check --user LOGIN [--repair]

The summary (report_session_months, report_place_months) is kept by database triggers (migration 0015); a
difference means something wrote around them. Exits 0 when it matches, 3 when it differs (a scheduled task can raise
an alarm); with `--repair` a difference is rebuilt away (audited) and the status is 0.
"""

from __future__ import annotations

import argparse
from typing import Any

DIFFERS_STATUS = 3


def add_summary_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("summary", parents=[common],
                                 help="проверить сводку занятий для квартального отчёта (и перестроить)")
    parser.add_argument("action", choices=("check",), help="check — сравнить с занятиями, из которых она строится")
    parser.add_argument("--user", required=True, metavar="LOGIN", help="администратор")
    parser.add_argument("--repair", action="store_true", help="перестроить, если есть расхождения")


def command_summary(args: argparse.Namespace) -> int:
    from app.core.permissions import VIEW_AUDIT, require
    from app.reports.session_summary import SummaryCheck, check_summary, repair_summary_as_admin
    from app.system.bootstrap import log_in, open_database
    from cli.common import read_password

    database = open_database(args.db)
    actor = log_in(database, args.user, read_password()).actor
    require(actor, VIEW_AUDIT)
    if args.repair:
        with database.write() as session:
            result = repair_summary_as_admin(session, actor)
        print(result.message)
        return 0
    with database.read() as session:
        result = SummaryCheck(check_summary(session))
    print(result.message)
    return 0 if result.found.ok else DIFFERS_STATUS
