"""Report settings: the year's госзадание volume plan and the distance from which a settlement is remote."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError
from app.reports.report_settings import ReportSettings, load_report_settings, save_report_settings
from app.reports.state_assignment import (
    ALL_FORMS,
    MAX_PLANNED,
    MAX_TEXT,
    RECIPIENTS,
    SERVICES,
    PlanLine,
    YearPlan,
)
from ui import style
from ui.context import UiContext
from ui.errors import show_error, user_message
from ui.ops import run_op, run_query
from ui.resources import icon

REGISTRY, CONTENT, MEASURE, FORM, PLANNED, ALLOWED, REASON = range(7)
# Figures are typed and shown the Russian way (10,5; 1 200) whatever the system locale.
RUSSIAN = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)


class PlanDialog(QDialog):
    """Saves through `ui.ops.run_op`, which announces the change (SETTINGS) once."""

    def __init__(self, context: UiContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.year = year
        self.forms: tuple[tuple[str, str], ...] = ()
        self.setWindowTitle(self.tr("Report settings"))
        self.resize(1280, 480)
        self._build()
        self.buttons.setEnabled(False)

        actor = context.actor
        run_query(self, context, lambda session: load_report_settings(session, actor, year), self._loaded,
                  self._failed)

    def _build(self) -> None:
        heading = style.section_title(QLabel(self.tr("State assignment plan for %1").replace("%1", str(self.year))))
        note = style.muted(QLabel(self.tr(
            "The volumes approved for the year, as the state assignment lists them. Reports show them against what "
            "was done from 1 January to the period's end; the deviation is measured against the annual volume.")))
        note.setWordWrap(True)
        self.table = QTableWidget(0, 7, objectName="plan_table")
        self.table.setHorizontalHeaderLabels([self.tr("Registry entry number"), self.tr("Content of the service"),
                                              self.tr("Measure"), self.tr("Form of service"),
                                              self.tr("Approved for the year"), self.tr("Allowed deviation, %"),
                                              self.tr("Reason for a deviation")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        for column, width in ((REGISTRY, 190), (CONTENT, 220), (MEASURE, 210), (FORM, 200), (PLANNED, 120),
                              (ALLOWED, 120)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().hide()
        add = QPushButton(icon("add"), self.tr("Add a line"), objectName="add_line")
        add.clicked.connect(lambda: self._add_line(PlanLine(RECIPIENTS, ALL_FORMS, 0, 10.0)))
        remove = QPushButton(icon("delete"), self.tr("Remove the line"), objectName="remove_line")
        remove.clicked.connect(self._remove_line)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(add)
        row_buttons.addWidget(remove)
        row_buttons.addStretch(1)

        self.remote_km = QDoubleSpinBox(objectName="remote_km")
        self.remote_km.setRange(1, 2000)
        self.remote_km.setDecimals(0)
        self.remote_km.setSuffix(self.tr(" km"))
        self.remote_km.setMaximumWidth(120)
        self.remote_km.setLocale(RUSSIAN)
        form = QFormLayout()
        form.addRow(self.tr("A settlement is remote from:"), self.remote_km)

        self.error = style.field_error(QLabel(objectName="plan_error"))
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, note, self.table):
            layout.addWidget(widget)
        layout.addLayout(row_buttons)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _loaded(self, settings: ReportSettings) -> None:
        self.forms = settings.forms
        for line in settings.plan.lines:
            self._add_line(line)
        if not settings.plan.lines:  # the two lines every госзадание has
            self._add_line(PlanLine(RECIPIENTS, ALL_FORMS, 0, 10.0))
            self._add_line(PlanLine(SERVICES, ALL_FORMS, 0, 10.0))
        self.remote_km.setValue(settings.remote_km)
        self.buttons.setEnabled(True)

    def _add_line(self, line: PlanLine) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        measure = QComboBox()
        measure.addItem(self.tr("Number of recipients"), RECIPIENTS)
        measure.addItem(self.tr("Number of services"), SERVICES)
        measure.setCurrentIndex(max(0, measure.findData(line.measure)))
        form = QComboBox()
        form.addItem(self.tr("All forms"), ALL_FORMS)
        for code, name in self.forms:
            form.addItem(name, code)
        form.setCurrentIndex(max(0, form.findData(line.form_code)))
        planned = QSpinBox()
        planned.setRange(0, MAX_PLANNED)
        planned.setGroupSeparatorShown(True)
        planned.setValue(line.planned)
        allowed = QDoubleSpinBox()
        allowed.setRange(0, 100)
        allowed.setDecimals(1)
        allowed.setValue(line.allowed_pct)
        allowed.setLocale(RUSSIAN)
        planned.setLocale(RUSSIAN)
        reason = QLineEdit(line.reason)
        reason.setMaxLength(MAX_TEXT)
        registry = QLineEdit(line.registry_number)
        registry.setMaxLength(MAX_TEXT)
        registry.setPlaceholderText(self.tr("e.g. 870000О.99.0.АЭ25АА00000"))
        content = QLineEdit(line.content)
        content.setMaxLength(MAX_TEXT)
        for column, widget in ((REGISTRY, registry), (CONTENT, content), (MEASURE, measure), (FORM, form),
                               (PLANNED, planned), (ALLOWED, allowed), (REASON, reason)):
            self.table.setCellWidget(row, column, widget)

    def _remove_line(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def plan(self) -> YearPlan:
        lines = []
        for row in range(self.table.rowCount()):
            cell = self.table.cellWidget
            lines.append(PlanLine(cell(row, MEASURE).currentData(), cell(row, FORM).currentData(),
                                  cell(row, PLANNED).value(), cell(row, ALLOWED).value(), cell(row, REASON).text(),
                                  cell(row, REGISTRY).text(), cell(row, CONTENT).text()))
        return YearPlan(self.year, tuple(lines))

    def save(self) -> None:
        plan, remote_km, actor = self.plan(), self.remote_km.value(), self.context.actor
        self.buttons.setEnabled(False)
        run_op(self, self.context, lambda session: save_report_settings(session, actor, plan, remote_km),
               lambda _changed: self.accept(), self._failed)

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError):
            self.error.setText(user_message(error))
            self.error.show()
            return
        show_error(self, error)
