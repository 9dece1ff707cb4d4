"""Exporting a report to files: build → write each format → one audit row per file.

The one path from a request to files, used by the Reports screen and by `opora report`. The caller
opens the unit of work (a write unit: the audit rows are written in it) and passes its session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.core.audit import current_head_stamp
from app.core.errors import ValidationError
from app.core.permissions import RUN_REPORTS, require
from app.core.progress import Progress, no_progress
from app.documents.stamp import stamped
from app.reports.catalog import (
    KINDS,
    BuiltReport,
    ReportRequest,
    build_report,
    file_stem,
    record_export,
    write_report,
)

WRITING = "Запись файла"


@dataclass(frozen=True)
class ExportedReport:
    built: BuiltReport  # the report the files were written from (the screen shows it as its preview)
    files: tuple[Path, ...]  # in the order of the formats asked for


def export_report(session: Session, actor: Actor, request: ReportRequest, formats: Sequence[str], folder: Path,
                  *, name: str | None = None, built: BuiltReport | None = None,
                  progress: Progress = no_progress, today: date | None = None,
                  audited: bool = True) -> ExportedReport:
    """Write the report for `request` as each of `formats` into `folder` and record each file in the audit log.

    Runs inside the caller's write unit (worker thread or command line). The files are named `name` (without
    extension), by default the report's own name («Квартальный отчёт III квартал 2026 г»). A report already
    built for the same request (`built`, e.g. the screen's preview) is written as it is, so the preview and the
    files agree; otherwise it is built here. Refuses users without RUN_REPORTS; a format the report does not
    have is a ValidationError before anything is written. `audited=False` only for a database that cannot be
    written (a read-only disk): the files are made in a read unit and no audit row can be kept.
    """
    require(actor, RUN_REPORTS)
    kind = KINDS.get(request.kind)
    wrong = [fmt for fmt in formats if kind is not None and fmt not in kind.formats]
    if wrong:
        allowed = ", ".join(kind.formats) if kind is not None else ""
        raise ValidationError({"format": f"Формат {wrong[0]}: для этого отчёта возможны {allowed}."})
    report = built if built is not None and built.request == request else \
        build_report(session, actor, request, progress, today)
    stem = name or file_stem(report)
    written: list[Path] = []
    # Every file carries the audit log's head as it was before this export (its own audit rows come after): a
    # printed copy outlives the database, so a log later cut back below it can be shown (`opora audit verify
    # --head`). Small, grey, last line / footer — see app.documents.stamp.
    with stamped(current_head_stamp(session)):
        for number, fmt in enumerate(formats):
            progress(number, len(formats), WRITING)
            written.append(write_report(report, fmt, Path(folder) / f"{stem}.{fmt}"))
            if audited:
                record_export(session, actor, report, fmt)
    return ExportedReport(report, tuple(written))
