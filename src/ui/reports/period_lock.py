"""The period lock on the Reports screen (#17 item 5): under the quarterly report, the quarter's state (not submitted,
submitted and read-only, or reopened with the reason), «Mark as submitted» for a coordinator (after a question),
«Reopen the period…» for an administrator (with a reason) and «Compare with submitted…»: the figures as submitted
beside the figures now, and the records of the period changed since.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.actor import ADMIN, COORDINATOR
from app.core.changes import PERIODS
from app.core.text import format_date
from app.periods.lock import (
    Comparison,
    SubmissionRow,
    compare_submission,
    reopen_submission,
    submissions_of,
    submit_quarter,
)
from app.reports.catalog import QUARTERLY, ReportRequest
from app.reports.periods import quarter
from ui import style
from ui.context import UiContext
from ui.errors import show_error
from ui.families.card_models import Column, RowsModel, make_table
from ui.forms import FormDialog, ask
from ui.ops import run_op, run_query
from ui.resources import icon


def quarter_of(request: ReportRequest | None) -> tuple[int, int] | None:
    """(year, quarter) when `request` is the quarterly report of exactly one quarter, else None."""
    if request is None or request.kind != QUARTERLY or request.period is None:
        return None
    period = request.period
    number = (period.start.month - 1) // 3 + 1
    return (period.start.year, number) if quarter(period.start.year, number) == period else None


def _number(value: float) -> str:
    return f"{value:g}"


class ReopenPeriodDialog(FormDialog):
    """The administrator's reason for opening a submitted period again."""

    def __init__(self, context: UiContext, submission: SubmissionRow, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.submission = submission
        self.setWindowTitle(self.tr("Reopen the period"))
        text = QLabel(self.tr("{title}, submitted on {day} by {login} ({offices}). Its records become editable "
                              "again; the reason is kept with the submission and in the audit log.").format(
            title=submission.title, day=format_date(submission.submitted_at.date()), login=submission.submitted_by,
            offices=", ".join(submission.office_names)), wordWrap=True)
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setFixedHeight(80)
        self.body.addWidget(text)
        self.body.addWidget(QLabel(self.tr("Reason:")))
        self.body.addWidget(self.errors.wrap(self.reason))
        self.ok_button.setText(self.tr("Reopen"))
        self.setMinimumWidth(520)
        self.reason.setFocus()

    def save(self) -> None:
        submission_id, reason, actor = self.submission.id, self.reason.toPlainText(), self.context.actor
        self.write(lambda session: reopen_submission(session, actor, submission_id, reason))


class CompareDialog(QDialog):
    """The figures as submitted against now, and the records changed since the submission (read-only)."""

    FIGURE_COLUMNS = (
        Column(QT_TRANSLATE_NOOP("CompareDialog", "Figure"), lambda c: c.label),
        Column(QT_TRANSLATE_NOOP("CompareDialog", "Submitted"), lambda c: _number(c.submitted),
               Qt.AlignmentFlag.AlignRight),
        Column(QT_TRANSLATE_NOOP("CompareDialog", "Now"), lambda c: _number(c.now), Qt.AlignmentFlag.AlignRight),
    )
    RECORD_COLUMNS = (
        Column(QT_TRANSLATE_NOOP("CompareDialog", "Changed"), lambda r: format_date(r.at.date())),
        Column(QT_TRANSLATE_NOOP("CompareDialog", "By"), lambda r: r.login),
        Column(QT_TRANSLATE_NOOP("CompareDialog", "Record"), lambda r: r.what),
        Column(QT_TRANSLATE_NOOP("CompareDialog", "Dated"), lambda r: format_date(r.day)),
        Column(QT_TRANSLATE_NOOP("CompareDialog", "What happened"), lambda r: r.action),
    )

    def __init__(self, comparison: Comparison, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_dialog")
        self.setWindowTitle(self.tr("Figures as submitted and now"))
        row = comparison.submission
        if comparison.differs:
            summary = self.tr("{title}: %n figure(s) would now differ from the report submitted on {day}.", "",
                              len(comparison.figures))
        else:
            summary = self.tr("{title}: the figures are the same as in the report submitted on {day}.")
        label = QLabel(summary.format(title=row.title, day=format_date(row.submitted_at.date())), wordWrap=True,
                       objectName="summary")
        self.figures = RowsModel("CompareDialog", self.FIGURE_COLUMNS, self)
        self.figures.set_rows(list(comparison.figures))
        self.records = RowsModel("CompareDialog", self.RECORD_COLUMNS, self)
        self.records.set_rows(list(comparison.records))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(make_table(self.figures, "figures", (460, 100, 100)), 2)
        layout.addWidget(QLabel(self.tr("Records of the period changed since it was submitted:")))
        layout.addWidget(make_table(self.records, "records", (100, 100, 130, 100)), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        layout.addWidget(buttons)
        self.resize(820, 560)


class PeriodLockBar(QWidget):
    """The state of the shown quarter and the actions on it; `show_request` after a report is built."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.request: ReportRequest | None = None
        self.rows: list[SubmissionRow] = []
        self.dialog: Any = None
        self.state = style.muted(QLabel(objectName="period_state"))
        self.state.setWordWrap(True)
        self.submit_button = QPushButton(icon("check"), self.tr("Mark as submitted"), objectName="submit_period")
        self.submit_button.setToolTip(self.tr("Keep the figures as submitted; the quarter's records in these offices "
                                              "become read-only"))
        self.reopen_button = QPushButton(icon("edit"), self.tr("Reopen the period…"), objectName="reopen_period")
        self.compare_button = QPushButton(icon("reports"), self.tr("Compare with submitted…"),
                                          objectName="compare_period")
        self.submit_button.clicked.connect(self.ask_submit)
        self.reopen_button.clicked.connect(self.reopen)
        self.compare_button.clicked.connect(self.compare)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state, 1)
        for button in (self.submit_button, self.reopen_button, self.compare_button):
            layout.addWidget(button)
        context.changes.subscribe(self, {PERIODS}, lambda _flags, _initiator: self.refresh())
        self.show_request(None)

    # --- state ------------------------------------------------------------------------------------------------

    def show_request(self, request: ReportRequest | None) -> None:
        self.request = request
        self.rows = []
        self.setVisible(quarter_of(request) is not None and self.context.actor.role in (ADMIN, COORDINATOR))
        self._update()
        self.refresh()

    def refresh(self) -> None:
        found = quarter_of(self.request)
        if found is None or not self.isVisible():
            return
        year, number = found
        offices = self.request.office_ids if self.request is not None else ()
        actor = self.context.actor
        run_query(self, self.context, lambda session: submissions_of(session, actor, year, number, offices or None),
                  self._loaded, lambda error: show_error(self, error))

    def _loaded(self, rows: list[SubmissionRow]) -> None:
        self.rows = rows
        self._update()

    def locked(self) -> SubmissionRow | None:
        return next((row for row in self.rows if row.locked), None)

    def _update(self) -> None:
        locked = self.locked()
        role = self.context.actor.role
        if locked is not None:
            self.state.setText(locked.state_text)
        elif self.rows:
            self.state.setText(self.rows[0].state_text)
        else:
            self.state.setText(self.tr("The quarter's report is not marked as submitted."))
        self.submit_button.setVisible(role == COORDINATOR)
        self.submit_button.setEnabled(locked is None and self.request is not None)
        self.reopen_button.setVisible(role == ADMIN)
        self.reopen_button.setEnabled(locked is not None)
        self.compare_button.setEnabled(bool(self.rows))

    # --- actions ----------------------------------------------------------------------------------------------

    def ask_submit(self) -> None:
        found = quarter_of(self.request)
        if found is None or not self.submit_button.isEnabled():
            return
        title = quarter(*found).title
        self.dialog = ask(
            self, self.tr("Mark as submitted"),
            self.tr("Mark the report for {title} as submitted? The figures are kept as they are now, and the records "
                    "of the quarter in these offices become read-only until an administrator reopens the period."
                    ).format(title=title),
            [(self.tr("Mark as submitted"), QMessageBox.ButtonRole.AcceptRole, self.submit),
             (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None)])

    def submit(self) -> None:
        found = quarter_of(self.request)
        if found is None or self.request is None:
            return
        year, number = found
        offices, actor = self.request.office_ids, self.context.actor
        run_op(self, self.context, lambda session: submit_quarter(session, actor, year, number, offices),
               lambda _saved: None, lambda error: show_error(self, error))

    def reopen(self) -> None:
        locked = self.locked()
        if locked is None or not self.reopen_button.isEnabled():
            return
        self.dialog = ReopenPeriodDialog(self.context, locked, self)
        self.dialog.open()

    def compare(self) -> None:
        row = self.locked() or (self.rows[0] if self.rows else None)
        if row is None:
            return
        actor, submission_id = self.context.actor, row.id

        def shown(comparison: Comparison) -> None:
            self.dialog = CompareDialog(comparison, self)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
            self.dialog.open()

        run_query(self, self.context, lambda session: compare_submission(session, actor, submission_id), shown,
                  lambda error: show_error(self, error))
