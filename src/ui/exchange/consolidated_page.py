"""The centre's consolidated quarterly report: each additive figure by office and for the region.

Built on the worker (`app.exchange.consolidated.build_consolidated`, on two connections at once); the full report
with every section and its files is in «Отчёты» (limited to any offices); this tab shows the breakdown and that it
adds up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from app.core.errors import ValidationError
from app.exchange.consolidated import ConsolidatedReport, build_consolidated
from ui import style
from ui.context import UiContext
from ui.errors import user_message
from ui.forms import button_row
from ui.ops import run_read
from ui.reports.period_picker import PeriodPicker
from ui.resources import icon
from ui.table_base import Index, RowsTable

if TYPE_CHECKING:
    from db.session import Database


class ConsolidatedModel(RowsTable):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report: ConsolidatedReport | None = None

    def show_report(self, report: ConsolidatedReport) -> None:
        self.beginResetModel()
        self.report = report
        self.headers = [QCoreApplication.translate("ConsolidatedModel", "Figure"),
                        *(item.office_name for item in report.offices),
                        QCoreApplication.translate("ConsolidatedModel", "Region")]
        self.rows = report.figures()
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        name, per_office, region = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return name
            return region if column == len(per_office) + 1 else per_office[column - 1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ConsolidatedPage(QWidget):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.model = ConsolidatedModel(self)
        self.picker = PeriodPicker(self)
        self.build_button = QPushButton(icon("reports"), self.tr("Build"), objectName="build_consolidated")
        self.build_button.clicked.connect(self.build)
        self.table = QTableView(objectName="consolidated")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(self.tr("Every office's column is the quarterly report limited to that office, as the office "
                              "computes it in its own database; the region's column is the sum of the offices'. "
                              "Distinct people and settlements are not summed (one child served by two offices "
                              "is one child): see the full report in «Reports»."))
        note.setWordWrap(True)
        style.muted(note)
        self.status = QLabel(objectName="consolidated_status")
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.picker, self.build_button))
        layout.addWidget(note)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def build(self) -> None:
        try:
            period = self.picker.period()
        except ValidationError as error:
            self.status.setText(user_message(error))
            return
        actor = self.context.actor
        self.build_button.setEnabled(False)
        self.status.setText(self.tr("Building…"))

        def read(database: Database) -> ConsolidatedReport:
            return build_consolidated(database, actor, period)

        run_read(self, self.context, read, self._show, on_failed=self._failed)

    def _show(self, report: ConsolidatedReport) -> None:
        self.model.show_report(report)
        self.build_button.setEnabled(True)
        self.status.setText(self.tr("{period}: {offices} offices.").format(period=report.period.title,
                                                                           offices=len(report.offices)))

    def _failed(self, error: BaseException) -> None:
        self.build_button.setEnabled(True)
        self.status.setText(user_message(error))
