"""The Reports section: the report on the left; period, offices and districts above its preview.

«Show» builds the report on the database worker (a progress dialog with Cancel appears if it takes
long) and shows its tables; «Export» writes XLSX, DOCX or PDF from the same built report — or
builds it first when the choices changed since — then opens the file. The last choices are kept
in QSettings.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import DICTIONARIES
from app.core.errors import ValidationError
from app.reports.catalog import (
    EFFECTIVENESS,
    EVENTS,
    INDICATORS,
    KINDS,
    QUARTERLY,
    REGISTRY,
    REPORT_KINDS,
    BuiltReport,
    ReportRequest,
    ReportScope,
    build_report,
    file_stem,
    report_scope,
    request_stem,
)
from app.reports.export import ExportedReport, export_report
from app.system.integrity import write_block
from ui import generated_files, style
from ui.context import UiContext
from ui.date_edit import parse_date
from ui.errors import show_error, user_message
from ui.ops import run_query
from ui.printing import print_document
from ui.progress import run_with_progress
from ui.reports.period_lock import PeriodLockBar
from ui.reports.period_picker import PeriodPicker
from ui.reports.preview import ReportPreview
from ui.reports.scope_picker import ChecklistPicker
from ui.resources import icon
from ui.worker import alive

if TYPE_CHECKING:
    from app.core.progress import Progress
    from db.session import Database

SETTINGS_KEY = "reports/choices"
FOLDER_KEY = "reports/folder"
KIND_ICONS = {QUARTERLY: "reports", EVENTS: "events", REGISTRY: "families", INDICATORS: "check",
              EFFECTIVENESS: "check"}
KIND_ROLE = Qt.ItemDataRole.UserRole
FORMAT_FILTERS = {"xlsx": "Excel (*.xlsx)", "docx": "Word (*.docx)", "pdf": "PDF (*.pdf)"}


def choose_target(parent: QWidget, suggested: str, fmt: str) -> Path | None:
    """Ask where to write the file (the last folder used for reports is proposed); None when cancelled."""
    title = QCoreApplication.translate("ReportsSection", "Save the report")
    chosen = generated_files.ask_save_path(parent, title, "reports", f"{suggested}.{fmt}", FORMAT_FILTERS[fmt])
    if chosen is None:
        return None
    target = chosen
    if target.suffix.lower() != f".{fmt}":
        target = target.with_name(f"{target.name}.{fmt}")
    return target.with_suffix(f".{fmt}")  # «Отчёт.XLSX» is written as «Отчёт.xlsx» (app.reports.export names it)


def _saved_day(text: object) -> date | None:
    try:
        return parse_date(str(text or ""))
    except ValueError:
        return None


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReportsSection(QWidget):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.built: BuiltReport | None = None
        self.running: Any = None
        self.to_printer = False  # the export under way goes to the printer, not to a file the user named
        self.print_folder: Path | None = None  # its private temporary folder, removed whatever happens
        self._build()
        self._restore()
        self._load_scope()
        # Offices and districts are dictionaries: re-read the pickers when they change.
        context.changes.subscribe(self, {DICTIONARIES}, lambda _flags, _initiator: self._load_scope())

    # --- layout -------------------------------------------------------------------------------------

    def _build(self) -> None:
        title = style.section_title(QLabel(self.tr("Reports")))
        self.kinds = QListWidget(objectName="report_kinds")
        self.kinds.setMaximumWidth(230)
        self.kinds.setWordWrap(True)
        titles = {QUARTERLY: self.tr("Quarterly activity report"), EVENTS: self.tr("Events report"),
                  REGISTRY: self.tr("Registry extract"), INDICATORS: self.tr("Programme indicators"),
                  EFFECTIVENESS: self.tr("Effectiveness of support")}
        for kind in REPORT_KINDS:
            item = QListWidgetItem(icon(KIND_ICONS[kind.key]), titles[kind.key])
            item.setData(KIND_ROLE, kind.key)
            self.kinds.addItem(item)
        self.kinds.currentRowChanged.connect(self._kind_changed)

        self.period = PeriodPicker()
        self.offices = ChecklistPicker("report_offices")
        self.districts = ChecklistPicker("report_districts")
        self.districts_label = QLabel(self.tr("Districts:"))
        self.period_label = QLabel(self.tr("Period:"))
        form = QFormLayout()
        form.addRow(self.period_label, self.period)
        scope = QHBoxLayout()
        scope.addWidget(self.offices)
        scope.addWidget(self.districts_label)
        scope.addWidget(self.districts)
        form.addRow(self.tr("Offices:"), scope)
        hint = style.muted(QLabel(self.tr("Nothing ticked means all offices and all districts.")))
        form.addRow("", hint)

        self.show_button = QPushButton(icon("refresh"), self.tr("Show"), objectName="show_report")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.show_report)
        self.export_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        for fmt, text in (("xlsx", self.tr("Excel…")), ("docx", self.tr("Word…")), ("pdf", self.tr("PDF…"))):
            button = QPushButton(icon("export"), text, objectName=f"export_{fmt}")
            button.setToolTip(self.tr("Write the report to a file and open it"))
            button.clicked.connect(lambda _checked=False, f=fmt: self.export(f))
            self.export_buttons[fmt] = button
            buttons.addWidget(button)
        self.print_button = QPushButton(icon("print"), self.tr("Print…"), objectName="print_report")
        self.print_button.setToolTip(self.tr("Make the report as PDF and send it through the print dialog"))
        self.print_button.clicked.connect(lambda: self.export("pdf", to_printer=True))
        buttons.addWidget(self.print_button)
        self.print_dialog: Any = None
        buttons.addStretch(1)
        self.plan_button = QPushButton(icon("settings"), self.tr("State assignment plan…"), objectName="plan_button")
        self.plan_button.clicked.connect(self._edit_plan)
        buttons.addWidget(self.plan_button)

        self.status = style.muted(QLabel(objectName="report_status"))
        self.error = style.field_error(QLabel(objectName="report_error"))
        self.error.setWordWrap(True)
        self.error.hide()
        self.preview = ReportPreview()
        self.lock_bar = PeriodLockBar(self.context)  # the quarter's submission state (#17 period lock)

        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        right.addWidget(self.lock_bar)
        right.addWidget(self.error)
        right.addWidget(self.preview, 1)
        right.addWidget(self.status)
        body = QHBoxLayout()
        body.addWidget(self.kinds)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(body, 1)

    # --- choices ------------------------------------------------------------------------------------

    def current_kind(self) -> str:
        item = self.kinds.currentItem()
        return item.data(KIND_ROLE) if item is not None else QUARTERLY

    def _kind_changed(self) -> None:
        kind = KINDS[self.current_kind()]
        self.period.setEnabled(kind.needs_period)
        self.period_label.setEnabled(kind.needs_period)
        for widget in (self.districts, self.districts_label):
            widget.setVisible(kind.uses_districts)
        for fmt, button in self.export_buttons.items():
            button.setVisible(fmt in kind.formats)
        self.print_button.setVisible("pdf" in kind.formats)
        self.plan_button.setVisible(kind.key == QUARTERLY)
        self.preview.clear()
        self.built = None
        self.lock_bar.show_request(None)
        self.status.clear()
        self.error.hide()

    def request(self) -> ReportRequest:
        kind = KINDS[self.current_kind()]
        period = self.period.period() if kind.needs_period else None
        districts = self.districts.checked_ids() if kind.uses_districts else ()
        return ReportRequest(kind.key, period, self.offices.checked_ids(), districts)

    def _restore(self) -> None:
        try:
            saved = json.loads(str(QSettings().value(SETTINGS_KEY) or "{}"))
        except ValueError:
            saved = {}
        self._saved = saved if isinstance(saved, dict) else {}
        keys = [self.kinds.item(row).data(KIND_ROLE) for row in range(self.kinds.count())]
        self.kinds.setCurrentRow(keys.index(self._saved["kind"]) if self._saved.get("kind") in keys else 0)
        period = self._saved.get("period")
        if isinstance(period, dict):
            with contextlib.suppress(TypeError, ValueError):
                self.period.set_state(str(period.get("kind")), int(period.get("year")),
                                      int(period.get("number", 1)), _saved_day(period.get("start")),
                                      _saved_day(period.get("end")))

    def _remember(self) -> None:
        choices = {"kind": self.current_kind(), "period": self.period.state(),
                   "offices": [str(i) for i in self.offices.checked_ids()],
                   "districts": [str(i) for i in self.districts.checked_ids()]}
        QSettings().setValue(SETTINGS_KEY, json.dumps(choices))

    def _load_scope(self) -> None:
        actor = self.context.actor
        run_query(self, self.context, lambda session: report_scope(session, actor), self._scope_loaded, self._failed)

    def _scope_loaded(self, scope: ReportScope) -> None:
        self.offices.set_choices(scope.offices, self._saved.get("offices", ()))
        self.districts.set_choices(scope.districts, self._saved.get("districts", ()))

    # --- building and writing -----------------------------------------------------------------------

    def _checked_request(self) -> ReportRequest | None:
        try:
            return self.request()
        except ValidationError as error:
            self._failed(error)
            return None

    def open_report(self, kind: str, start: date, end: date) -> None:
        """Choose the report `kind` for the dates (e.g. the госзадание chart asks for the year to date) and build it
        for the offices already ticked."""
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(KIND_ROLE) == kind:
                self.kinds.setCurrentRow(row)
        self.period.set_state("custom", start.year, start=start, end=end)
        self.show_report()

    def show_report(self) -> None:
        request = self._checked_request()
        if request is None or self.running is not None:
            return
        self._remember()
        actor = self.context.actor

        # Long work with a progress dialog and Cancel stays on `run_with_progress` (a read unit; nothing to announce).
        def job(database: Database, progress: Progress) -> BuiltReport:
            with database.read() as session:
                return build_report(session, actor, request, progress)

        self.error.hide()
        self.status.setText(self.tr("Counting…"))
        self.running = run_with_progress(self, self.context.worker, self.tr("Building the report"), job,
                                         alive(self, self._shown), alive(self, self._failed),
                                         alive(self, self._cancelled))

    def _shown(self, built: BuiltReport) -> None:
        self.running = None
        self.built = built
        self.preview.show_tables(built.tables)
        self.lock_bar.show_request(built.request)
        period = built.request.period
        self.status.setText(self.tr("Built on %1%2").replace("%1", built.made_on.strftime("%d.%m.%Y"))
                            .replace("%2", f" — {period.title}" if period else ""))

    def export(self, fmt: str, to_printer: bool = False) -> None:
        """Write the report to a file the user names and open it; or, `to_printer`, to a private temporary PDF
        sent through the print dialog and removed when printing is over."""
        request = self._checked_request()
        if request is None or self.running is not None:
            return
        self._remember()
        built = self.built if self.built is not None and self.built.request == request else None
        suggested = file_stem(built) if built is not None else request_stem(request, date.today())
        if to_printer:
            target: Path | None = Path(tempfile.mkdtemp(prefix="opora-print-")) / f"{suggested}.{fmt}"
        else:
            target = choose_target(self, suggested, fmt)
        if target is None:
            return
        self.to_printer = to_printer
        self.print_folder = target.parent if to_printer else None
        actor = self.context.actor

        # A write unit (each file is audited) behind a progress dialog with Cancel; it changes nothing a screen
        # shows, so there is nothing to announce. A database that cannot be written (a read-only disk or folder,
        # a network share) is still reported on, as on the command line: a read unit, the export not audited.
        def job(database: Database, progress: Progress) -> tuple[ExportedReport, bool]:
            writable = write_block(database) is None
            with database.write() if writable else database.read() as session:
                exported = export_report(session, actor, request, [fmt], target.parent, name=target.stem,
                                         built=built, progress=progress, audited=writable)
            return exported, writable

        self.error.hide()
        self.running = run_with_progress(self, self.context.worker, self.tr("Writing the report"), job,
                                         alive(self, self._written), alive(self, self._failed),
                                         alive(self, self._cancelled))

    def _written(self, result: tuple[ExportedReport, bool]) -> None:
        exported, audited = result
        [path] = exported.files
        self._shown(exported.built)
        if audited:
            self.status.setText(self.tr("Written: %1").replace("%1", str(path)))
        else:
            self.status.setText(self.tr("Written: %1. The database is open read-only, so this export is not "
                                        "recorded in the audit log.").replace("%1", str(path)))
        if self.to_printer:
            folder = path.parent
            self.print_dialog = print_document(self, path, self.status.setText)
            if self.print_dialog is not None:
                self.print_dialog.finished.connect(lambda _result: shutil.rmtree(folder, ignore_errors=True))
            return
        open_file(path)

    def _drop_print_folder(self) -> None:
        if self.print_folder is not None:
            shutil.rmtree(self.print_folder, ignore_errors=True)
            self.print_folder = None

    def _cancelled(self) -> None:
        self._drop_print_folder()
        self.running = None
        self.status.setText(self.tr("Cancelled: nothing was written."))

    def _failed(self, error: BaseException) -> None:
        self._drop_print_folder()
        self.running = None
        self.status.clear()
        if isinstance(error, ValidationError):
            self.error.setText(user_message(error))
            self.error.show()
            return
        show_error(self, error)

    def _edit_plan(self) -> None:
        from ui.reports.plan_dialog import PlanDialog

        try:
            year = self.period.period().end.year
        except ValidationError:
            year = self.period.year.value()
        dialog = PlanDialog(self.context, year, self)
        dialog.open()
