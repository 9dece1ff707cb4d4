"""The «Оценки» tab: the family's assessments (newest first), and below them the dynamics of the selected one's
case — a small chart per area (better is up whatever the scale's direction), with the case's verdict.

The tab reads its own data (app.effectiveness.assessments.family_assessments) on the worker thread whenever the
card shows a family and after every change of cases.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget

from app.core.changes import CASES, DICTIONARIES
from app.core.text import format_date
from app.effectiveness.assessments import (
    AreaSeries,
    AssessmentRow,
    FamilyAssessments,
    delete_assessment,
    family_assessments,
)
from app.effectiveness.dynamics import NEGATIVE, POSITIVE
from app.effectiveness.instruments import InstrumentRow, list_instruments
from ui.families.assessment_dialog import AssessmentDialog
from ui.families.card_members import is_child
from ui.families.card_models import CardHost, Column, RowsModel, make_table, reselect, selected_row
from ui.forms import button_row, error_label, open_dialog, show_message
from ui.ops import run_op, run_query
from ui.resources import icon

GOOD = QColor("#2E7D32")
BAD = QColor("#C62828")
FLAT = QColor("#607D8B")


class AreaChart(QWidget):
    """One area's steps over time; the axis is turned so that better is always up."""

    def __init__(self, series: AreaSeries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = series
        self.setMinimumSize(200, 126)
        self.setToolTip("\n".join(f"{format_date(day)}: {value:g}" for day, value in series.points))

    def paintEvent(self, _event: Any) -> None:
        series = self.series
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(6, 32, -6, -20)
        painter.setPen(QPen(QColor("#CFD8DC"), 1))
        painter.drawRect(rect)
        change = series.change
        colour = FLAT if change is None or change.verdict not in (POSITIVE, NEGATIVE) else \
            GOOD if change.verdict == POSITIVE else BAD
        painter.setPen(QPen(QColor("#263238")))
        title = painter.fontMetrics().elidedText(series.name, Qt.TextElideMode.ElideRight, self.width() - 12)
        painter.drawText(QRectF(6, 2, self.width() - 12, 16), Qt.AlignmentFlag.AlignLeft, title)
        if change is not None:
            painter.setPen(QPen(colour))
            steps = f"{change.steps:+d}" if change.steps else "0"
            painter.drawText(QRectF(6, 16, self.width() - 12, 16), Qt.AlignmentFlag.AlignLeft,
                             self.tr("change: {steps} steps").format(steps=steps))
        low, high = series.scale_min, series.scale_max
        span = max(high - low, 1)
        count = len(series.points)

        def point(index: int, value: float) -> QPointF:
            x = rect.left() + (rect.width() * (index / (count - 1)) if count > 1 else rect.width() / 2)
            level = (value - low) / span if series.higher_is_better else (high - value) / span
            return QPointF(x, rect.bottom() - level * rect.height())

        path = QPainterPath()
        for index, (_day, value) in enumerate(series.points):
            if index == 0:
                path.moveTo(point(index, value))
            else:
                path.lineTo(point(index, value))
        painter.setPen(QPen(colour, 2))
        painter.drawPath(path)
        painter.setBrush(colour)
        for index, (_day, value) in enumerate(series.points):
            painter.drawEllipse(point(index, value), 3, 3)
        painter.setPen(QPen(QColor("#607D8B")))
        dates = QRectF(rect.left(), rect.bottom() + 2, rect.width(), 16)
        if series.points:
            painter.drawText(dates, Qt.AlignmentFlag.AlignLeft, format_date(series.points[0][0]))
        if len(series.points) > 1:
            painter.drawText(dates, Qt.AlignmentFlag.AlignRight, format_date(series.points[-1][0]))
        painter.end()


class AssessmentsTab(QWidget):
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("AssessmentsTab", "Date"), lambda a: format_date(a.assessed_on)),
        Column(QT_TRANSLATE_NOOP("AssessmentsTab", "Kind"), lambda a: a.kind_title),
        Column(QT_TRANSLATE_NOOP("AssessmentsTab", "Instrument"), lambda a: a.instrument_name),
        Column(QT_TRANSLATE_NOOP("AssessmentsTab", "Whom"), lambda a: a.subject_name),
        Column(QT_TRANSLATE_NOOP("AssessmentsTab", "Signed by"), lambda a: a.staff_name),
    )

    def __init__(self, window: CardHost) -> None:
        super().__init__()
        self.window_ = window
        self.dialog: Any = None
        self.family_id: uuid.UUID | None = None
        self.cases: list[Any] = []
        self.members: list[Any] = []
        self.instruments: list[InstrumentRow] = []
        self.data: FamilyAssessments | None = None
        self.model = RowsModel("AssessmentsTab", self.COLUMNS, self)
        self.table = make_table(self.model, "assessments", (95, 190, 260, 170, 150))
        self.table.selectionModel().currentChanged.connect(lambda *_args: self._selected())
        self.table.doubleClicked.connect(lambda *_args: self.edit())
        self.add_button = QPushButton(icon("add"), self.tr("New assessment…"), objectName="add_assessment")
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"), objectName="edit_assessment")
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), objectName="delete_assessment")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.verdict = QLabel(objectName="verdict", wordWrap=True)
        self.charts = QWidget()
        self.grid = QGridLayout(self.charts)
        scroll = QScrollArea()
        scroll.setObjectName("charts")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.verdict)
        lower_layout.addWidget(scroll, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([180, 320])
        self.message = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.add_button, self.edit_button, self.delete_button))
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        window.context.changes.subscribe(self, {CASES, DICTIONARIES}, lambda *_args: self.refresh())
        self.update_buttons()

    def show_family(self, family_id: uuid.UUID | None, cases: list[Any], members: list[Any]) -> None:
        self.family_id, self.cases, self.members = family_id, list(cases), list(members)
        self.refresh()

    def refresh(self) -> None:
        family_id, actor = self.family_id, self.window_.context.actor
        if family_id is None:
            return

        def read(session: Any) -> tuple[list[InstrumentRow], FamilyAssessments]:
            return list_instruments(session), family_assessments(session, actor, family_id)

        run_query(self, self.window_.context, read, self._loaded, lambda error: show_message(self.message, str(error)))

    def _loaded(self, result: tuple[list[InstrumentRow], FamilyAssessments]) -> None:
        self.instruments, self.data = result
        current = selected_row(self.table)
        self.model.set_rows(list(self.data.assessments))
        reselect(self.table, lambda r: r.id, current.id if current else None)
        if selected_row(self.table) is None and self.data.assessments:
            self.table.selectRow(0)
        self._selected()

    def _selected(self) -> None:
        self.update_buttons()
        row: AssessmentRow | None = selected_row(self.table)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if row is None or self.data is None:
            self.verdict.setText(self.tr("Record an assessment at intake, at reviews and at closing: the dynamics "
                                         "of each area appears here."))
            return
        subject = next((s for s in self.data.subjects if s.case_id == row.case_id and
                        s.instrument_name == row.instrument_name and s.subject_name == row.subject_name), None)
        verdict = self.data.case_verdicts.get(row.case_id) if row.case_id else None
        titles = {POSITIVE: self.tr("positive"), NEGATIVE: self.tr("negative")}
        if verdict is None:
            self.verdict.setText(self.tr("Dynamics: one assessment so far — record another to compare."))
        else:
            self.verdict.setText(self.tr("Dynamics of the support case: {verdict}").format(
                verdict=titles.get(verdict.verdict, self.tr("no change"))))
        for index, series in enumerate(subject.series if subject else ()):
            self.grid.addWidget(AreaChart(series), index // 3, index % 3)

    def update_buttons(self) -> None:
        # Not before the instruments are read: the form is generated from them.
        can = self.window_.can_edit and self.window_.family_id is not None and bool(self.instruments)
        chosen = selected_row(self.table) is not None
        self.add_button.setEnabled(can)
        self.edit_button.setEnabled(can and chosen)
        self.delete_button.setEnabled(can and chosen)

    def _dialog(self, row: AssessmentRow | None) -> None:
        choices = self.window_.choices
        if self.family_id is None or choices is None:
            return
        children = [member for member in self.members if is_child(member)]
        dialog = AssessmentDialog(self.window_.context, self.family_id, self.instruments, choices, self.cases,
                                  children, row, self.window_.office_id, self)
        self.dialog = open_dialog(dialog, lambda _accepted: None)  # the CASES announcement refreshes the tab

    def add(self) -> None:
        self._dialog(None)

    def edit(self) -> None:
        row = selected_row(self.table)
        if row is not None and self.edit_button.isEnabled():
            self._dialog(row)

    def delete(self) -> None:
        row = selected_row(self.table)
        if row is None:
            return
        actor, row_id = self.window_.context.actor, row.id
        run_op(self, self.window_.context, lambda session: delete_assessment(session, actor, row_id),
               None, lambda error: show_message(self.message, str(error)))
