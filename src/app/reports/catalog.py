"""The reports a coordinator can make: build one for a request, show it as tables, write it as files.

Shared by the Reports screen and `opora report`: a report is built once inside a read unit of work
(figures by SQL aggregates), shown as plain preview tables, then written to any of its formats
without touching the database again, so the preview and the files always agree.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import COORDINATOR, Actor
from app.core.errors import PermissionDenied, ValidationError
from app.core.permissions import RUN_REPORTS, VIEW_RECORDS, require
from app.core.progress import Progress, no_progress
from app.core.text import short_name
from app.reports.periods import Period
from db.models import District, Office, Organization, Staff

if TYPE_CHECKING:
    from app.reports.previews import PreviewTable

# The report kinds (one name each: a tuple of strings here would read like change flags).
QUARTERLY = "quarterly"
EVENTS = "events"
REGISTRY = "registry"
INDICATORS = "indicators"
EFFECTIVENESS = "effectiveness"


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    formats: tuple[str, ...]
    needs_period: bool = True
    uses_districts: bool = True


REPORT_KINDS: tuple[ReportKind, ...] = (
    ReportKind(QUARTERLY, "Квартальный отчёт о деятельности", ("xlsx", "docx", "pdf")),
    ReportKind(EVENTS, "Отчёт о мероприятиях", ("xlsx", "docx", "pdf"), uses_districts=False),
    ReportKind(REGISTRY, "Выписка из реестра", ("xlsx",), needs_period=False),
    ReportKind(INDICATORS, "Показатели комплекса мер", ("xlsx", "docx", "pdf")),
    ReportKind(EFFECTIVENESS, "Отчёт об эффективности сопровождения", ("xlsx", "docx", "pdf")),
)
KINDS = {kind.key: kind for kind in REPORT_KINDS}


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    period: Period | None = None
    office_ids: tuple[uuid.UUID, ...] = ()  # none chosen: all the user may report on
    district_ids: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class BuiltReport:
    request: ReportRequest
    organisation: str
    data: Any
    tables: tuple[PreviewTable, ...]
    made_on: date
    signer: str = ""  # the director's name for the signature block
    executor: str = ""  # «Исполнитель: Смирнова О.И., тел. …» under the signature: who made the report

    @property
    def kind(self) -> ReportKind:
        return KINDS[self.request.kind]


@dataclass(frozen=True)
class ReportScope:
    """What the user may narrow a report to: (id, name) of offices and districts."""

    offices: tuple[tuple[uuid.UUID, str], ...]
    districts: tuple[tuple[uuid.UUID, str], ...]


def report_scope(session: Session, actor: Actor) -> ReportScope:
    """The offices a user reports on (a coordinator: their own) and the active districts."""
    require(actor, RUN_REPORTS)
    offices = session.execute(select(Office.id, Office.name).order_by(Office.name)).all()
    limit = _office_limit(actor)
    districts = session.execute(select(District.id, District.name).where(District.active.is_(True))
                                .order_by(District.name)).all()
    return ReportScope(tuple((i, n) for i, n in offices if limit is None or i in limit),
                       tuple((i, n) for i, n in districts))


def _office_limit(actor: Actor) -> frozenset[uuid.UUID] | None:
    """A coordinator reports on their own offices only (as app.core.access lets them see only those
    families); None — an administrator — means every office."""
    if actor.role == COORDINATOR:
        return actor.office_ids
    return None


def _offices(actor: Actor, chosen: tuple[uuid.UUID, ...]) -> list[uuid.UUID] | None:
    limit = _office_limit(actor)
    if limit is None:
        return list(chosen) or None
    if not limit:
        raise PermissionDenied("У координатора нет отделений: администратор назначает их в разделе "
                               "«Администрирование» → «Пользователи».")
    if not set(chosen) <= limit:
        raise PermissionDenied("Координатор формирует отчёты только по своим отделениям.")
    return list(chosen or sorted(limit))


def file_stem(built: BuiltReport) -> str:
    """«Квартальный отчёт III квартал 2026 г» — a file name without the extension."""
    return request_stem(built.request, built.made_on)


def request_stem(request: ReportRequest, made_on: date) -> str:
    """The file name a request's report gets (the registry extract is named by its day)."""
    titles = {QUARTERLY: "Квартальный отчёт", EVENTS: "Отчёт о мероприятиях", REGISTRY: "Выписка из реестра",
              INDICATORS: "Показатели комплекса мер", EFFECTIVENESS: "Эффективность сопровождения"}
    period = request.period
    stem = f"{titles[request.kind]} {period.title}" if period else f"{titles[request.kind]} {made_on:%d.%m.%Y}"
    return stem.rstrip(".")  # «… 2026 г.» + «.xlsx» would read «г..xlsx»


def build_report(session: Session, actor: Actor, request: ReportRequest, progress: Progress = no_progress,
                 today: date | None = None) -> BuiltReport:
    """Compute the report's figures (and rows, for the registry) for `request`."""
    require(actor, RUN_REPORTS)
    kind = KINDS.get(request.kind)
    if kind is None:
        raise ValidationError({"kind": "Выберите отчёт из списка."})
    if kind.needs_period and request.period is None:
        raise ValidationError({"period": "Поле «Период»: выберите период отчёта."})
    offices = _offices(actor, request.office_ids)
    districts = list(request.district_ids) or None
    organisation, director = session.execute(select(Organization.name, Organization.director_name)).first() \
        or ("", "")
    today = today or date.today()
    progress(0, 1, kind.title)
    data, tables = _BUILDERS[kind.key](session, actor, request, offices, districts, progress, today)
    progress(1, 1, kind.title)
    return BuiltReport(request, organisation or "", data, tables, today, director or "", executor_line(session, actor))


def executor_line(session: Session, actor: Actor) -> str:
    """«Смирнова О.И., тел. +7 …»: the user's staff record with its phone (or the office's), else the user's
    display name."""
    staff = session.get(Staff, actor.staff_id) if actor.staff_id else None
    if staff is None:
        return actor.display_name
    phone = staff.phone or session.execute(select(Office.phone).where(Office.id == staff.office_id)).scalar()
    name = short_name(staff.last_name, staff.first_name, staff.middle_name)
    return f"{name}, тел. {phone}" if phone else name


def write_report(built: BuiltReport, fmt: str, target: Path, signer: str | None = None) -> Path:
    """Write the built report as `fmt` (one of its kind's formats) to `target`; no database needed.

    The signature names `signer`, by default the organisation's director."""
    if fmt not in built.kind.formats:
        allowed = ", ".join(built.kind.formats)
        raise ValidationError({"format": f"Формат {fmt}: для этого отчёта возможны {allowed}."})
    return _WRITERS[(built.request.kind, fmt)](built, Path(target), built.signer if signer is None else signer)


def record_export(session: Session, actor: Actor, built: BuiltReport, fmt: str) -> None:
    """Every file of a report is an export of the centre's data: it goes into the audit log."""
    audit.record(session, actor, "export", f"report_{built.request.kind}", None, [fmt])


# --- builders ------------------------------------------------------------------------------------------

Builder = Callable[[Session, Actor, ReportRequest, list[uuid.UUID] | None, list[uuid.UUID] | None, Progress, date],
                   tuple[Any, "tuple[PreviewTable, ...]"]]


def _quarterly(session: Session, _actor: Actor, request: ReportRequest, offices: list[uuid.UUID] | None,
               districts: list[uuid.UUID] | None, _progress: Progress, _today: date) -> tuple[Any, tuple]:
    from app.reports.previews import quarterly_tables
    from app.reports.quarterly import compute_quarterly

    assert request.period is not None
    report = compute_quarterly(session, request.period, office_ids=offices, district_ids=districts)
    return report, quarterly_tables(report)


def _events(session: Session, _actor: Actor, request: ReportRequest, offices: list[uuid.UUID] | None,
            _districts: list[uuid.UUID] | None, _progress: Progress, _today: date) -> tuple[Any, tuple]:
    from app.reports.events_report import events_of_period
    from app.reports.previews import events_tables

    assert request.period is not None
    report = events_of_period(session, request.period.start, request.period.end, offices)
    return report, events_tables(report)


def _registry(session: Session, actor: Actor, _request: ReportRequest, offices: list[uuid.UUID] | None,
              districts: list[uuid.UUID] | None, progress: Progress, today: date) -> tuple[Any, tuple]:
    from app.registry.family_list import FamilyFilter
    from app.reports.previews import registry_tables
    from app.reports.registry_extract import registry_rows

    # The extract lists persons: only a user who may see those families gets them.
    require(actor, VIEW_RECORDS)
    criteria = FamilyFilter(office_ids=frozenset(offices or ()), district_ids=frozenset(districts or ()))
    rows = registry_rows(session, criteria, today, progress, actor=actor)
    return rows, registry_tables(rows)


def _indicators(session: Session, _actor: Actor, request: ReportRequest, offices: list[uuid.UUID] | None,
                districts: list[uuid.UUID] | None, _progress: Progress, _today: date) -> tuple[Any, tuple]:
    from app.reports.indicators import compute_indicators
    from app.reports.previews import indicator_tables

    assert request.period is not None
    report = compute_indicators(session, request.period, office_ids=offices, district_ids=districts)
    return report, indicator_tables(report)


def _effectiveness(session: Session, _actor: Actor, request: ReportRequest, offices: list[uuid.UUID] | None,
                   districts: list[uuid.UUID] | None, _progress: Progress, _today: date) -> tuple[Any, tuple]:
    from app.reports.effectiveness import compute_effectiveness, effectiveness_tables

    assert request.period is not None
    report = compute_effectiveness(session, request.period, office_ids=offices, district_ids=districts)
    return report, effectiveness_tables(report)


_BUILDERS: dict[str, Builder] = {QUARTERLY: _quarterly, EVENTS: _events, REGISTRY: _registry,
                                 INDICATORS: _indicators, EFFECTIVENESS: _effectiveness}


# --- writers -------------------------------------------------------------------------------------------

def _writer(module: str, function: str, *, signed: bool = True, organisation: bool = True
            ) -> Callable[[BuiltReport, Path, str], Path]:
    """A writer that imports its module only when used (openpyxl, docxtpl and reportlab load slowly)."""
    def write(built: BuiltReport, target: Path, signer: str) -> Path:
        import importlib

        export = getattr(importlib.import_module(module), function)
        args: list[Any] = [built.data, target]
        if organisation:
            args.append(built.organisation)
        # A workbook has no signature but carries the «Исполнитель» line as the DOCX and PDF do.
        return export(*args, signer, executor=built.executor) if signed else export(*args, executor=built.executor)
    return write


def _registry_xlsx(built: BuiltReport, target: Path, _signer: str) -> Path:
    from app.reports.registry_extract import write_registry_xlsx

    return write_registry_xlsx(built.data, built.organisation, target, built.made_on)


_WRITERS: dict[tuple[str, str], Callable[[BuiltReport, Path, str], Path]] = {
    (QUARTERLY, "xlsx"): _writer("app.reports.quarterly_export", "export_quarterly_xlsx", signed=False),
    (QUARTERLY, "docx"): _writer("app.reports.quarterly_export", "export_quarterly_docx"),
    (QUARTERLY, "pdf"): _writer("app.reports.quarterly_pdf", "export_quarterly_pdf"),
    (EVENTS, "xlsx"): _writer("app.reports.events_report", "export_events_xlsx", signed=False,
                              organisation=False),
    (EVENTS, "docx"): _writer("app.reports.events_export", "export_events_docx", organisation=False),
    (EVENTS, "pdf"): _writer("app.reports.events_export", "export_events_pdf", organisation=False),
    (REGISTRY, "xlsx"): _registry_xlsx,
    (INDICATORS, "xlsx"): _writer("app.reports.indicators_export", "export_indicators_xlsx", signed=False),
    (INDICATORS, "docx"): _writer("app.reports.indicators_export", "export_indicators_docx"),
    (INDICATORS, "pdf"): _writer("app.reports.indicators_export", "export_indicators_pdf"),
    (EFFECTIVENESS, "xlsx"): _writer("app.reports.effectiveness_export", "export_effectiveness_xlsx", signed=False),
    (EFFECTIVENESS, "docx"): _writer("app.reports.effectiveness_export", "export_effectiveness_docx"),
    (EFFECTIVENESS, "pdf"): _writer("app.reports.effectiveness_export", "export_effectiveness_pdf"),
}
