"""The import wizard: file → columns → unknown values → preview with decisions → written, one transaction.

A page's «Next» starts its work on the worker thread (`ui.ops.run_query` / `run_op`) and returns False;
when the result arrives the wizard stores it and presses «Next» again, which then passes. The write runs
through `run_with_progress` (Cancel stops it before the commit, leaving the database unchanged) after a
backup of the database file, and its changes are announced once on `context.changes` when it commits.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from app.core.permissions import MANAGE_DICTIONARIES, allowed
from app.importing.mappings import ColumnMapping, save_mapping
from app.importing.matching import MAPPABLE, STAFF, Dictionaries
from app.importing.outcome import Decisions, ImportSummary, Preview
from app.importing.runner import (
    ImportRequest,
    Source,
    open_source,
    preview,
    propose_mapping,
    run_import,
    support_kind_choices,
)
from ui import generated_files
from ui.context import UiContext
from ui.errors import show_error
from ui.importing.flow import WizardState
from ui.importing.pages import FilePage, MappingPage, PreviewPage, ResultPage, UnknownPage
from ui.ops import run_op
from ui.progress import run_with_progress

if TYPE_CHECKING:
    from app.core.progress import Progress
    from db.session import Database

FILE_PAGE, MAPPING_PAGE, UNKNOWN_PAGE, PREVIEW_PAGE, RESULT_PAGE = range(5)


def _choices(dictionaries: Dictionaries) -> dict[str, list[tuple[uuid.UUID, str]]]:
    """Entries to map unknown values to, by dictionary, in alphabetical order."""
    found: dict[str, list[tuple[uuid.UUID, str]]] = {}
    for kind in MAPPABLE:
        if kind in dictionaries.codes:
            ids = set(dictionaries.codes[kind].values())
        elif kind == "settlement":
            ids = set(dictionaries.settlement_districts)
        elif kind == "district":
            ids = set(dictionaries.district_offices)
        elif kind == STAFF:
            ids = {staff[0] for staff in dictionaries.staff}
        else:
            ids = set(dictionaries.services.values())
        found[kind] = sorted(((i, dictionaries.names[i]) for i in ids), key=lambda item: item[1])
    return found


class ImportWizard(QWizard):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.state = WizardState(may_create=allowed(context.actor, MANAGE_DICTIONARIES))
        self._passed: set[int] = set()
        self.setWindowTitle(self.tr("Import from Excel"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(1000, 640)
        self.file_page, self.mapping_page = FilePage(self), MappingPage(self)
        self.unknown_page, self.preview_page, self.result_page = UnknownPage(self), PreviewPage(self), ResultPage(self)
        for page_id, page in enumerate((self.file_page, self.mapping_page, self.unknown_page, self.preview_page,
                                        self.result_page)):
            self.setPage(page_id, page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))

    def nextId(self) -> int:
        current = self.currentId()
        if current == MAPPING_PAGE:
            return UNKNOWN_PAGE if self.state.preview and self.state.preview.unknown else PREVIEW_PAGE
        if current == UNKNOWN_PAGE:
            return PREVIEW_PAGE
        return super().nextId()

    def _pass_once(self, page_id: int) -> bool:
        if page_id in self._passed:
            self._passed.discard(page_id)
            return True
        return False

    def _then_next(self, page_id: int) -> Any:
        def advance(_result: object = None) -> None:
            self._passed.add(page_id)
            self.next()
        return advance

    def _failed(self, error: BaseException) -> None:
        show_error(self, error)

    # --- the work behind each page ---------------------------------------------------------------------

    def load_source(self, path: str, kind: str, sheet: str | None) -> bool:
        if self._pass_once(FILE_PAGE):
            return True

        def read(database: Database, progress: Progress) -> tuple[Source, ColumnMapping, list[tuple[str, str]]]:
            # A journal of a million lines takes a while to read: on the worker, with progress and Cancel.
            source = open_source(Path(path), kind, sheet, progress)
            with database.read() as session:
                mapping, _saved = propose_mapping(session, source)
                return source, mapping, support_kind_choices(session)

        def done(result: tuple[Source, ColumnMapping, list[tuple[str, str]]]) -> None:
            self.state.source, self.state.mapping, self.state.support_kinds = result
            self.state.resolved.clear()
            self.state.create.clear()
            self._then_next(FILE_PAGE)()

        self._run = run_with_progress(self, self.context.worker, self.tr("Reading the file"), read, done,
                                      self._failed, lambda: None)  # Cancel: stay on the page
        return False

    def make_preview(self, columns: dict[str, int] | None, save: bool) -> bool:
        page = MAPPING_PAGE if columns is not None else UNKNOWN_PAGE
        if self._pass_once(page):
            return True
        source, actor = self.state.source, self.context.actor
        assert source is not None and self.state.mapping is not None
        mapping = ColumnMapping(source.kind, source.header, columns) if columns is not None else self.state.mapping
        request = ImportRequest(source, mapping, resolved=dict(self.state.resolved),
                                open_support=self.state.open_support, create=set(self.state.create))

        def read(database: Database, progress: Progress) -> tuple[Preview, dict]:
            # Checking every row of a big file against the registry takes minutes: off the GUI thread, with
            # progress and Cancel (which leaves the wizard on this page).
            with database.read() as session:
                return preview(session, actor, request, progress), _choices(Dictionaries.load(session))

        def done(result: tuple[Preview, dict]) -> None:
            self.state.mapping = mapping
            self.state.preview, self.state.choices = result
            self._then_next(page)()

        def make() -> None:
            self._run = run_with_progress(self, self.context.worker, self.tr("Checking the rows"), read, done,
                                          self._failed, lambda: None)

        if save:  # remembered in its own small write unit, so the preview does not hold the write lock
            run_op(self, self.context, lambda session: save_mapping(session, actor, mapping),
                   lambda _none: make(), self._failed)
        else:
            make()
        return False

    def request(self, per_row: dict[int, str]) -> ImportRequest:
        assert self.state.source is not None and self.state.mapping is not None
        return ImportRequest(self.state.source, self.state.mapping, Decisions("skip", per_row),
                             dict(self.state.resolved), open_support=self.state.open_support,
                             create=set(self.state.create))

    def write(self, per_row: dict[int, str]) -> bool:
        if self._pass_once(PREVIEW_PAGE):
            return True
        request, actor = self.request(per_row), self.context.actor

        def job(database: Database, progress: Progress) -> tuple[ImportSummary, Preview]:
            def backup() -> None:
                from app.system.backups import backup_before

                backup_before(database, "import")

            return run_import(database, actor, request, before_write=backup, progress=progress)

        def done(result: tuple[ImportSummary, Preview]) -> None:
            self.state.summary, self.state.preview = result
            from app.core.changes import FAMILIES, PERSONS, SESSIONS, VISITS

            # The import commits in its own transaction (not through run_op): announce what it changed once.
            self.context.changes.announce({FAMILIES, PERSONS, SESSIONS, VISITS}, self)
            self._then_next(PREVIEW_PAGE)()

        def stopped() -> None:
            # Whole chunks committed before Cancel stay in the database (see runner.run_import).
            from app.core.changes import FAMILIES, PERSONS, SESSIONS, VISITS

            self.context.changes.announce({FAMILIES, PERSONS, SESSIONS, VISITS}, self)
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "The import was stopped. Rows written before the stop are kept; import the same file again "
                "to add the rest — nothing is repeated."))

        self._run = run_with_progress(self, self.context.worker, self.tr("Importing"), job, done, self._failed,
                                      stopped)
        return False

    def save_error_report(self, target: str | None = None) -> Path | None:
        from app.importing.error_report import export_error_report

        preview_, source = self.state.preview, self.state.source
        if preview_ is None or source is None:
            return None
        if not target:
            target = generated_files.ask_save_path(self, self.tr("Save the error report"), "imports",
                                                   "Ошибки импорта.xlsx", "Excel (*.xlsx)")
        if not target:
            return None
        try:
            written = export_error_report(preview_, source.header.labels, Path(target), source.book.path.name)
        except OSError as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return None
        return written

