"""The import as the command line and the wizard run it: open a sheet, propose a mapping, preview,
then write after the caller's backup hook, in chunks that let other users save in between.

Writing plans the rows again (after the backup), so what is written matches the database at that moment
even if someone registered a family between the preview and the click on «Import».
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import audit
from app.core.actor import Actor
from app.core.errors import Cancelled, OporaError, ValidationError
from app.core.permissions import EDIT_RECORDS, MANAGE_DICTIONARIES, require
from app.core.progress import Progress, no_progress
from app.importing.bulk_mode import larger_page_cache, quiet_collector
from app.importing.derived_pause import pause_for_bulk, restore_after_failure, restore_derived
from app.importing.fields import FAMILIES, KINDS, SESSIONS, missing_required
from app.importing.files import Book, SheetData, open_book, read_sheet
from app.importing.headers import Header, detect_header
from app.importing.mappings import ColumnMapping, propose
from app.importing.matching import CASE_KIND, CASE_KIND_STEMS, Dictionaries
from app.importing.outcome import CREATE, NEW, UPDATE, Checkpoint, Decisions, ImportSummary, Preview
from db.models import DictionaryItem, Office
from db.session import Database


@dataclass
class Source:
    """One sheet of a file, read and with its header found."""

    kind: str
    book: Book
    sheet: SheetData
    header: Header


@dataclass
class ImportRequest:
    """Everything the preview and the writing need besides the database and the actor."""

    source: Source
    mapping: ColumnMapping
    decisions: Decisions = field(default_factory=Decisions)
    resolved: dict[tuple[str, str], uuid.UUID | None] = field(default_factory=dict)
    today: date | None = None
    open_support: str | None = None  # a case kind's code: the support every imported family opens by default
    create_places: bool = False  # create every unknown district and settlement (administrators only)
    create: set[tuple[str, str]] = field(default_factory=set)  # (dictionary, text) to create, chosen one by one
    create_staff: bool = False  # journals: create every employee named but missing (dictionary rights needed)


def open_source(path: Path | str, kind: str, sheet: str | None = None, progress: Progress = no_progress) -> Source:
    """Check and read one sheet; no database needed (safe to call on any thread). `progress` as rows are read
    (Cancel works)."""
    if kind not in KINDS:
        raise ValidationError({"kind": f"Вид импорта «{kind}» неизвестен: возможны {', '.join(KINDS)}."})
    book = open_book(path)
    with quiet_collector():
        data = read_sheet(book, sheet, progress)
    return Source(kind, book, data, detect_header(data, kind))


def with_header_row(source: Source, first_row: int, last_row: int | None = None) -> Source:
    """The same sheet with the header the user pointed at (1-based rows) instead of the detected one."""
    from app.importing.headers import Header as HeaderType

    last = last_row or first_row
    width = max((len(row) for row in source.sheet.rows[first_row - 1:last]), default=0)
    labels = []
    from app.importing.cells import cell_text

    for column in range(width):
        parts = [cell_text(row[column]) for row in source.sheet.rows[first_row - 1:last] if column < len(row)]
        labels.append(" / ".join(dict.fromkeys(p for p in parts if p)))
    return Source(source.kind, source.book, source.sheet, HeaderType(first_row, last, labels))


def propose_mapping(session: Session | None, source: Source) -> tuple[ColumnMapping, bool]:
    """A saved mapping fitting this header, else the automatic one (flag: whether saved)."""
    columns, saved = propose(session, source.kind, source.header)
    return ColumnMapping(source.kind, source.header, columns), saved


def default_office(session: Session, actor: Actor) -> uuid.UUID | None:
    """Where families without a district office go: the actor's office, else the main office."""
    if actor.office_ids:
        return sorted(actor.office_ids)[0]
    return session.execute(select(Office.id).order_by(Office.is_main.desc(), Office.name).limit(1)).scalar()


def support_kind(dictionaries: Dictionaries, code: str | None) -> uuid.UUID | None:
    """The case kind chosen as the import's default support (`--open-support KIND`), by code or name."""
    if not code:
        return None
    kinds = dictionaries.codes.get(CASE_KIND, {})
    if code in kinds:
        return kinds[code]
    matched, kind_id = dictionaries.entry(CASE_KIND, code, CASE_KIND_STEMS)
    dictionaries.unknown.clear()
    if matched and kind_id is not None:
        return kind_id
    raise ValidationError({"open_support": f"Вид сопровождения «{code}» неизвестен: возможны "
                                           f"{', '.join(sorted(kinds))}."})


def support_kind_choices(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the active case kinds, for the wizard's «open support» choice."""
    return [(code, name) for code, name in session.execute(
        select(DictionaryItem.code, DictionaryItem.name).where(DictionaryItem.kind == CASE_KIND,
                                                               DictionaryItem.active.is_(True))
        .order_by(DictionaryItem.name))]


def check_mapping(mapping: ColumnMapping) -> None:
    problems = missing_required(mapping.kind, set(mapping.columns))
    if problems:
        raise ValidationError({"mapping": "Сопоставление столбцов неполное: " + "; ".join(problems) + "."})


def build_plan(session: Session, actor: Actor, request: ImportRequest, progress: Progress = no_progress) -> Any:
    """The plan of the request's kind (reads only); `progress` is told as rows are checked (Cancel works)."""
    require(actor, EDIT_RECORDS)
    check_mapping(request.mapping)
    if request.create_places or request.create or request.create_staff:
        require(actor, MANAGE_DICTIONARIES)
    with quiet_collector():
        return _build_plan(session, actor, request, progress)


def _build_plan(session: Session, actor: Actor, request: ImportRequest, progress: Progress) -> Any:
    dictionaries = Dictionaries.load(session, request.resolved, request.create_places, request.create,
                                     request.create_staff)
    source = request.source
    if source.kind == FAMILIES:
        from app.importing.families_plan import plan_families

        return plan_families(session, source.sheet, request.mapping, dictionaries, request.decisions,
                             default_office(session, actor), request.today, actor,
                             support_kind(dictionaries, request.open_support), progress)
    from app.importing.journals_plan import plan_sessions, plan_visits

    planner = plan_sessions if source.kind == SESSIONS else plan_visits
    plan = planner(session, source.sheet, request.mapping, dictionaries, request.decisions, request.today, actor,
                   progress)
    plan.office_id = default_office(session, actor)
    return plan


def preview(session: Session, actor: Actor, request: ImportRequest, progress: Progress = no_progress) -> Preview:
    """The preview of the request (reads only); `progress` as rows are checked, Cancel works."""
    return build_plan(session, actor, request, progress).preview


def summary_of(preview: Preview, decisions: Decisions) -> ImportSummary:
    """What writing would do, counted from a preview (the dry run's figures)."""
    summary = ImportSummary(dry_run=True, errors=len(preview.errors))
    for row in preview.rows:
        decision = decisions.for_row(row.row)
        if row.outcome == NEW or (row.matched and row.decision is not None and decision == CREATE):
            summary.created += 1
        elif row.outcome == UPDATE and decision == UPDATE:
            summary.updated += 1
        elif row.matched:
            summary.skipped += 1
    return summary


def _write(session: Session, actor: Actor, plan: Any, progress: Progress, checkpoint: Checkpoint
           ) -> ImportSummary:
    if plan.preview.kind == FAMILIES:
        from app.importing.families_write import write_families

        return write_families(session, actor, plan, progress, checkpoint)
    from app.importing.journals_write import write_journal

    return write_journal(session, actor, plan, progress, checkpoint)


class ImportStopped(Cancelled):
    """Cancel pressed after some chunks were committed: they stay, and importing the file again goes on."""

    def __init__(self) -> None:
        OporaError.__init__(self, "Импорт остановлен: уже записанное сохранено. Повторный импорт того же файла "
                                  "допишет остальное, ничего не повторяя.")


def run_import(database: Database, actor: Actor, request: ImportRequest, *, before_write: Callable[[], None],
               dry_run: bool = False, progress: Progress = no_progress) -> tuple[ImportSummary, Preview]:
    """Preview (dry run) or write the file after `before_write()` (the backup).

    The write commits in chunks of about CHECKPOINT_SECONDS of work and pauses briefly between them, so
    other users' saves wait at most a second or so instead of failing with «database is locked» behind a
    long import (the busy timeout is 15 s). Each chunk is whole families or whole sessions; what a chunk
    wrote is skipped as a duplicate when the same file is imported again, so an import stopped half-way
    (Cancel, a crash, a power cut) is resumed by importing the file again. Raising `Cancelled` from
    `progress` before the first commit leaves the database untouched; after it, `ImportStopped` says
    that the committed part stays.
    """
    if dry_run:
        with database.read() as session:
            plan = build_plan(session, actor, request)
        return summary_of(plan.preview, request.decisions), plan.preview
    require(actor, EDIT_RECORDS)  # refuse a bad mapping, permission or support kind before taking the backup
    check_mapping(request.mapping)
    if request.create_places or request.create or request.create_staff:
        require(actor, MANAGE_DICTIONARIES)
    if request.open_support:
        with database.read() as session:
            support_kind(Dictionaries.load(session), request.open_support)
    before_write()
    # Planning a big file takes a while: it reads in a unit of its own, so the write lock is taken only
    # for writing. What the plan found new is written in chunks; a chunk's family found in the meantime
    # is what a second import of the file would skip.
    with quiet_collector():  # a million planned lines stay alive until written: no full collector passes
        with database.read() as session:
            plan = build_plan(session, actor, request, progress)
        with database.write() as session, larger_page_cache(session, database.is_sqlite):
            pause_for_bulk(session, plan)
            checkpoint = Checkpoint(session, pause=database.is_sqlite)
            try:
                summary = _write(session, actor, plan, progress, checkpoint)
            except Exception as error:
                restore_after_failure(session)
                if isinstance(error, Cancelled) and checkpoint.commits:
                    raise ImportStopped() from None
                raise
            restore_derived(session, progress)  # in the import's last transaction: with its last chunk
            audit.record(session, actor, "import", f"import_{request.source.kind}", None,
                         [name for name, value in summary.to_json().items() if value and name != "dry_run"])
    return summary, plan.preview
