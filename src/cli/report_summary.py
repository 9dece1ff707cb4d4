"""`opora summary check`: the administrator compares the reports' summaries with the records they are derived from.

    opora summary check --user LOGIN [--repair]

The summaries (report_session_months, report_place_months: migration 0015; report_service_years: migration 0020) are
kept by database triggers; a difference means something wrote around them. Exits 0 when they match, 3 when one
differs (a scheduled task can raise an alarm); with `--repair` a difference is rebuilt away (audited), status 0.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_summary_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("summary", parents=[common],
                                 help="проверить сводки занятий и услуг для квартального отчёта (и перестроить)")
    parser.add_argument("action", choices=("check",),
                        help="check — сравнить с занятиями и патронажами, из которых они строятся")
    parser.add_argument("--user", required=True, metavar="LOGIN", help="администратор")
    parser.add_argument("--repair", action="store_true", help="перестроить, если есть расхождения")


def command_summary(args: argparse.Namespace) -> int:
    from app.reports.report_summaries import check_summaries, repair_summaries_as_admin
    from cli.common import check_derived

    return check_derived(args, check_summaries, repair_summaries_as_admin)
