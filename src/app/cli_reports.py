"""`opora report …`: the coordinator's reports from the command line.

    opora report quarterly --period 2026-Q3 --format xlsx,docx,pdf --out DIR [--office NAME] [--json]
    opora report events    --period 2026-Q3 --format xlsx --out DIR [--office NAME] [--json]
    opora report registry  --format xlsx --out DIR [--office NAME]
    opora report indicators --period 2026 --format xlsx,docx,pdf --out DIR [--office NAME] [--json]

Reports are exports of personal or aggregated data: they need `--user` (coordinator or
administrator) and every file written is recorded in the audit log.
"""

from __future__ import annotations

import argparse
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.actor import Actor
from app.errors import ValidationError
from app.permissions import RUN_REPORTS, require
from app.reports.periods import Period, parse_period
from app.reports.quarterly import to_plain
from db.models import Office, Organization
from db.session import Database

REPORT_KINDS = ("quarterly", "events", "registry", "indicators")
FORMATS = {"quarterly": ("xlsx", "docx", "pdf"), "events": ("xlsx",), "registry": ("xlsx",),
           "indicators": ("xlsx", "docx", "pdf")}


def add_report_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    report = commands.add_parser("report", parents=[common], help="сформировать отчёт (XLSX, DOCX, PDF, JSON)")
    report.add_argument("kind", choices=REPORT_KINDS, help="quarterly — квартальный отчёт; events — отчёт о "
                        "мероприятиях; registry — выписка из реестра; indicators — показатели комплекса мер")
    report.add_argument("--period", metavar="P", help="2026-Q3, 2026-H1, 2026-9M, 2026 или 2026-01-01..2026-03-31")
    report.add_argument("--format", default="xlsx", metavar="F", help="xlsx,docx,pdf через запятую")
    report.add_argument("--out", metavar="DIR", help="папка для файлов")
    report.add_argument("--office", metavar="NAME", action="append", help="отделение (можно несколько раз)")
    report.add_argument("--json", action="store_true", help="напечатать показатели отчёта в формате JSON")
    report.add_argument("--user", required=True, metavar="LOGIN", help="координатор или администратор")


def _formats(kind: str, text: str) -> list[str]:
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [part for part in wanted if part not in FORMATS[kind]]
    if unknown or not wanted:
        allowed = ", ".join(FORMATS[kind])
        raise ValidationError({"format": f"Параметр --format: для этого отчёта возможны {allowed}."})
    return wanted


def _office_ids(session: Session, names: list[str] | None) -> list[uuid.UUID] | None:
    if not names:
        return None
    offices = dict(session.execute(select(Office.name, Office.id)).all())
    missing = [name for name in names if name not in offices]
    if missing:
        known = "; ".join(sorted(offices))
        raise ValidationError({"office": f"Параметр --office: нет отделения «{missing[0]}». Есть: {known}."})
    return [offices[name] for name in names]


def _period(kind: str, text: str | None) -> Period | None:
    if kind == "registry":
        return None
    if not text:
        raise ValidationError({"period": "Параметр --period обязателен, например 2026-Q3."})
    return parse_period(text)


def _file_stem(kind: str, period: Period | None) -> str:
    titles = {"quarterly": "Квартальный отчёт", "events": "Отчёт о мероприятиях", "registry": "Выписка из реестра",
              "indicators": "Показатели комплекса мер"}
    stem = f"{titles[kind]} {period.title}" if period else titles[kind]
    return stem.rstrip(".")  # «… 2026 г.» + «.xlsx» would read «г..xlsx»


def run_report(database: Database, actor: Actor, args: argparse.Namespace) -> tuple[list[Path], dict | None]:
    """Compute the report and write the requested files; returns them and the JSON figures."""
    require(actor, RUN_REPORTS)
    kind = args.kind
    formats = _formats(kind, args.format) if args.out else []
    if not args.out and not args.json:
        raise ValidationError({"out": "Укажите --out ПАПКА для файлов или --json для вывода показателей."})
    period = _period(kind, args.period)
    out = Path(args.out).expanduser() if args.out else None
    written: list[Path] = []
    figures: dict | None = None
    with database.write() as session:
        office_ids = _office_ids(session, args.office)
        organisation = session.execute(select(Organization.name)).scalar() or ""
        exporters = _exporters(kind, session, period, office_ids, organisation)
        figures = exporters["json"]() if args.json else None
        for fmt in formats:
            assert out is not None
            target = out / f"{_file_stem(kind, period)}.{fmt}"
            written.append(exporters[fmt](target))
            audit.record(session, actor, "export", f"report_{kind}", None, [fmt])
    return written, figures


def _exporters(kind: str, session: Session, period: Period | None, office_ids: list[uuid.UUID] | None,
               organisation: str) -> dict[str, Callable[..., Any]]:
    if kind == "quarterly":
        from app.reports.quarterly import compute_quarterly

        assert period is not None
        report = compute_quarterly(session, period, office_ids=office_ids)
        return _quarterly_exporters(report, organisation)
    if kind == "indicators":
        return _indicator_exporters(session, period, office_ids, organisation)
    if kind == "events":
        from app.reports.events_report import events_of_period, export_events_xlsx

        assert period is not None
        events = events_of_period(session, period.start, period.end, office_ids)
        return {"json": lambda: to_plain(events), "xlsx": lambda target: export_events_xlsx(events, target)}
    from app.family_list import FamilyFilter
    from app.reports.registry_extract import export_registry_xlsx

    criteria = FamilyFilter(office_ids=frozenset(office_ids or ()))
    # The extract lists persons: it is a file for the office, not figures for scripts.
    return {"json": lambda: None, "xlsx": lambda target: export_registry_xlsx(session, criteria, target)}


def _indicator_exporters(session: Session, period: Period | None, office_ids: list[uuid.UUID] | None,
                         organisation: str) -> dict[str, Callable[..., Any]]:
    from app.reports.indicators import compute_indicators
    from app.reports.indicators_export import (
        export_indicators_docx,
        export_indicators_pdf,
        export_indicators_xlsx,
    )

    assert period is not None
    report = compute_indicators(session, period, office_ids=office_ids)
    return {
        "json": lambda: to_plain(report),
        "xlsx": lambda target: export_indicators_xlsx(report, target, organisation),
        "docx": lambda target: export_indicators_docx(report, target, organisation),
        "pdf": lambda target: export_indicators_pdf(report, target, organisation),
    }


def _quarterly_exporters(report: Any, organisation: str) -> dict[str, Callable[..., Any]]:
    from app.reports.quarterly_export import export_quarterly_docx, export_quarterly_xlsx
    from app.reports.quarterly_pdf import export_quarterly_pdf

    return {
        "json": report.to_json_dict,
        "xlsx": lambda target: export_quarterly_xlsx(report, target, organisation),
        "docx": lambda target: export_quarterly_docx(report, target, organisation),
        "pdf": lambda target: export_quarterly_pdf(report, target, organisation),
    }


def print_json(figures: dict | None) -> None:
    print(json.dumps(figures, ensure_ascii=False, indent=2))
