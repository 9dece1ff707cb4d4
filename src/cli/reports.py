"""`opora report …`: the coordinator's reports from the command line.

    opora report quarterly  --period 2026-Q3 --format xlsx,docx,pdf --out DIR [--office NAME] [--json]
    opora report events     --period 2026-Q3 --format xlsx,docx,pdf --out DIR [--office NAME] [--json]
    opora report registry   --format xlsx --out DIR [--office NAME]
    opora report indicators --period 2026 --format xlsx,docx,pdf --out DIR [--office NAME] [--json]
    opora report effectiveness --period 2026 --format xlsx,docx,pdf --out DIR [--office NAME] [--json]

Reports are exports of personal or aggregated data: they need `--user` (coordinator or
administrator) and every file written is recorded in the audit log. The reports themselves are
built and exported by app.reports (catalog, export), as on the Reports screen.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.errors import ValidationError
from app.core.permissions import RUN_REPORTS, require
from app.reports.catalog import KINDS, REGISTRY, ReportRequest, build_report
from app.reports.export import export_report
from app.reports.periods import Period, parse_period
from app.reports.quarterly import to_plain
from app.system.integrity import write_block
from cli.common import read_password
from db.models import Office
from db.session import Database

REPORT_KINDS = tuple(KINDS)


def add_report_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    report = commands.add_parser("report", parents=[common], help="сформировать отчёт (XLSX, DOCX, PDF, JSON)")
    report.add_argument("kind", choices=REPORT_KINDS, help="quarterly — квартальный отчёт; events — отчёт о "
                        "мероприятиях; registry — выписка из реестра; indicators — показатели комплекса мер; "
                        "effectiveness — эффективность сопровождения (динамика по оценкам)")
    report.add_argument("--period", metavar="P", help="2026-Q3, 2026-H1, 2026-9M, 2026 или 2026-01-01..2026-03-31")
    report.add_argument("--format", default="xlsx", metavar="F", help="xlsx,docx,pdf через запятую")
    report.add_argument("--out", metavar="DIR", help="папка для файлов")
    report.add_argument("--office", metavar="NAME", action="append", help="отделение (можно несколько раз)")
    report.add_argument("--json", action="store_true", help="напечатать показатели отчёта в формате JSON")
    report.add_argument("--user", required=True, metavar="LOGIN", help="координатор или администратор")


def _formats(kind: str, text: str) -> list[str]:
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    allowed = KINDS[kind].formats
    if not wanted or any(part not in allowed for part in wanted):
        raise ValidationError({"format": f"Параметр --format: для этого отчёта возможны {', '.join(allowed)}."})
    return wanted


def _office_ids(session: Session, names: list[str] | None) -> tuple[uuid.UUID, ...]:
    if not names:
        return ()
    offices = dict(session.execute(select(Office.name, Office.id)).all())
    missing = [name for name in names if name not in offices]
    if missing:
        known = "; ".join(sorted(offices))
        raise ValidationError({"office": f"Параметр --office: нет отделения «{missing[0]}». Есть: {known}."})
    return tuple(offices[name] for name in names)


def _period(kind: str, text: str | None) -> Period | None:
    if not KINDS[kind].needs_period:
        return None
    if not text:
        raise ValidationError({"period": "Параметр --period обязателен, например 2026-Q3."})
    return parse_period(text)


def run_report(database: Database, actor: Actor, args: argparse.Namespace) -> tuple[list[Path], Any]:
    """Build the report and write the requested files; returns them and the JSON figures."""
    require(actor, RUN_REPORTS)
    formats = _formats(args.kind, args.format) if args.out else []
    if not args.out and not args.json:
        raise ValidationError({"out": "Укажите --out ПАПКА для файлов или --json для вывода показателей."})
    period = _period(args.kind, args.period)
    out = Path(args.out).expanduser() if args.out else None
    # A read-only database (a read-only disk or folder) is still reported on; the export cannot be audited there.
    writable = write_block(database) is None
    if not writable and out is not None:
        print("База данных открыта только для чтения: выгрузка не будет записана в журнал аудита.", file=sys.stderr)
    with database.write() if writable else database.read() as session:
        request = ReportRequest(args.kind, period, _office_ids(session, args.office))
        if out is not None:
            exported = export_report(session, actor, request, formats, out, audited=writable)
            built, written = exported.built, list(exported.files)
        else:
            built, written = build_report(session, actor, request), []
    # The extract lists persons: it is a file for the office, not figures for scripts.
    figures = None if args.kind == REGISTRY or not args.json else to_plain(built.data)
    return written, figures


def print_json(figures: Any) -> None:
    print(json.dumps(figures, ensure_ascii=False, indent=2))


def command_report(args: argparse.Namespace) -> int:
    from app.system.bootstrap import log_in, open_database

    database = open_database(args.db)
    actor = log_in(database, args.user, read_password()).actor
    written, figures = run_report(database, actor, args)
    if args.json:
        print_json(figures)
    for path in written:
        print(f"Записан файл: {path}", file=sys.stderr if args.json else sys.stdout)
    return 0
