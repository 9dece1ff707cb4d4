"""Administration → «Методики оценки»: the assessment instruments (DOMAIN.md «Effectiveness»), each edited as a
table of criteria — area, criterion, scale from/to, direction and the labels of its steps; consecutive rows with
the same area name make one area. Criteria already used by assessments are switched off, not deleted, when
removed (app.effectiveness.instruments)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import DICTIONARIES
from app.core.permissions import MANAGE_DICTIONARIES, allowed
from app.effectiveness.instruments import (
    SUBJECTS,
    AreaData,
    CriterionData,
    InstrumentData,
    InstrumentRow,
    list_instruments,
    save_instrument,
)
from ui import style
from ui.context import UiContext
from ui.forms import FormDialog, button_row, error_label, open_dialog, show_message
from ui.ops import run_query
from ui.resources import icon

ID_ROLE = Qt.ItemDataRole.UserRole
LABEL_SEPARATOR = ";"


class InstrumentDialog(FormDialog):
    """A new instrument (`row` None) or an existing one, edited as a whole."""

    COLUMNS = (QT_TRANSLATE_NOOP("InstrumentDialog", "Area"), QT_TRANSLATE_NOOP("InstrumentDialog", "Criterion"),
               QT_TRANSLATE_NOOP("InstrumentDialog", "From"), QT_TRANSLATE_NOOP("InstrumentDialog", "To"),
               QT_TRANSLATE_NOOP("InstrumentDialog", "Better is"),
               QT_TRANSLATE_NOOP("InstrumentDialog", "Labels of the steps (separated by ;)"))

    def __init__(self, context: UiContext, row: InstrumentRow | None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.row = row
        self.setWindowTitle(self.tr("Assessment instrument") if row else self.tr("New assessment instrument"))
        wrap = self.errors.wrap
        form = QFormLayout()
        self.name = QLineEdit(objectName="name")
        self.subject = QComboBox(objectName="subject")
        for key in SUBJECTS:
            self.subject.addItem(self.tr("Family") if key == "family" else self.tr("Child"), key)
        self.active = QCheckBox(self.tr("In use (offered in new assessments)"), objectName="active")
        form.addRow(self.tr("Name:"), wrap(self.name))
        form.addRow(self.tr("Whom it assesses:"), wrap(self.subject))
        form.addRow("", self.active)
        self.body.addLayout(form)
        self.table = QTableWidget(0, len(self.COLUMNS), objectName="criteria_table")
        self.table.setHorizontalHeaderLabels([self.tr(title) for title in self.COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((220, 220, 50, 50, 110)):
            self.table.setColumnWidth(column, width)
        self.add_button = QPushButton(icon("add"), self.tr("Add criterion"), objectName="add_criterion")
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove criterion"), objectName="remove_criterion")
        self.up_button = QPushButton(self.tr("Up"), objectName="criterion_up")
        self.down_button = QPushButton(self.tr("Down"), objectName="criterion_down")
        self.add_button.clicked.connect(lambda: self._add_row())
        self.remove_button.clicked.connect(self._remove_row)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.body.addLayout(button_row(self.add_button, self.remove_button, self.up_button, self.down_button))
        self.body.addWidget(wrap(self.table, "criteria"), 1)
        areas_error = wrap(QLabel(self.tr("Consecutive rows with the same area make one area."), wordWrap=True),
                           "areas")
        style.muted(areas_error)
        self.body.addWidget(areas_error)
        self.area_ids: dict[str, uuid.UUID] = {}
        if row is not None:
            self.name.setText(row.name)
            self.subject.setCurrentIndex(max(0, self.subject.findData(row.subject)))
            self.active.setChecked(row.active)
            for area in row.areas:
                if not area.active:
                    continue
                self.area_ids[area.name] = area.id
                for criterion in area.criteria:
                    if criterion.active:
                        labels = f"{LABEL_SEPARATOR} ".join(criterion.labels)
                        self._add_row(area.name, criterion.name, criterion.scale_min, criterion.scale_max,
                                      criterion.higher_is_better, labels, criterion.id)
        else:
            self.active.setChecked(True)
            self._add_row()
        self.name.setFocus()
        self.resize(1000, 620)

    def _add_row(self, area: str = "", name: str = "", low: int = 1, high: int = 4, higher: bool = True,
                 labels: str = "", criterion_id: uuid.UUID | None = None) -> None:
        current = self.table.currentRow()
        at = current + 1 if current >= 0 and not name else self.table.rowCount()
        if not area and current >= 0 and self.table.item(current, 0) is not None:
            area = self.table.item(current, 0).text()  # a new criterion joins the selected one's area
        self.table.insertRow(at)
        first = QTableWidgetItem(area)
        first.setData(ID_ROLE, criterion_id)
        self.table.setItem(at, 0, first)
        self.table.setItem(at, 1, QTableWidgetItem(name))
        self.table.setItem(at, 2, QTableWidgetItem(str(low)))
        self.table.setItem(at, 3, QTableWidgetItem(str(high)))
        direction = QComboBox()
        direction.addItem(self.tr("higher"), True)
        direction.addItem(self.tr("lower"), False)
        direction.setCurrentIndex(0 if higher else 1)
        direction.currentIndexChanged.connect(self.mark_dirty)
        self.table.setCellWidget(at, 4, direction)
        self.table.setItem(at, 5, QTableWidgetItem(labels))
        if not name:
            self.table.setCurrentCell(at, 0 if not area else 1)

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.mark_dirty()

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        values = [self._cells(row), self._cells(target)]
        for index, cells in ((target, values[0]), (row, values[1])):
            self._set_cells(index, cells)
        self.table.setCurrentCell(target, self.table.currentColumn())
        self.mark_dirty()

    def _cells(self, row: int) -> tuple[Any, ...]:
        items = [self.table.item(row, column) for column in (0, 1, 2, 3, 5)]
        direction = self.table.cellWidget(row, 4)
        texts = [item.text() if item is not None else "" for item in items]
        first = items[0]
        return (*texts, direction.currentData() if isinstance(direction, QComboBox) else True,
                first.data(ID_ROLE) if first is not None else None)

    def _set_cells(self, row: int, cells: tuple[Any, ...]) -> None:
        area, name, low, high, labels, higher, criterion_id = cells
        for column, text in zip((0, 1, 2, 3, 5), (area, name, low, high, labels), strict=True):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.item(row, 0).setData(ID_ROLE, criterion_id)
        direction = self.table.cellWidget(row, 4)
        if isinstance(direction, QComboBox):
            direction.setCurrentIndex(0 if higher else 1)

    @staticmethod
    def _number(text: str) -> int | None:
        try:
            return int(text.strip())
        except ValueError:
            return None

    def data(self) -> InstrumentData:
        areas: list[tuple[str, list[CriterionData]]] = []
        for row in range(self.table.rowCount()):
            area, name, low, high, labels, higher, criterion_id = self._cells(row)
            area = area.strip()
            steps = tuple(part.strip() for part in labels.split(LABEL_SEPARATOR)) if labels.strip() else ()
            criterion = CriterionData(name.strip() or area, self._number(low), self._number(high), steps, higher,
                                      criterion_id)
            if areas and areas[-1][0] == area:
                areas[-1][1].append(criterion)
            else:
                areas.append((area, [criterion]))
        used: set[uuid.UUID] = set()
        result = []
        for name, criteria in areas:
            area_id = self.area_ids.get(name)
            if area_id in used:  # the same name again further down is a new area
                area_id = None
            if area_id is not None:
                used.add(area_id)
            result.append(AreaData(name, tuple(criteria), area_id))
        return InstrumentData(self.name.text(), self.subject.currentData(), self.active.isChecked(), tuple(result))

    def save(self) -> None:
        data, actor = self.data(), self.context.actor
        row_id = self.row.id if self.row is not None else None
        self.write(lambda session: save_instrument(session, actor, row_id, data))


class InstrumentsPage(QWidget):
    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.dialog: Any = None
        self.instruments: list[InstrumentRow] = []
        title = QLabel(self.tr("Assessment instruments"))
        style.section_title(title)
        note = QLabel(self.tr("The instruments specialists assess families and children with at intake, at reviews "
                              "and at closing; the effectiveness report compares the first and the last assessment. "
                              "A criterion already used is switched off, not deleted, when removed."))
        note.setWordWrap(True)
        style.muted(note)
        self.table = QTableWidget(0, 4, objectName="instruments")
        self.table.setHorizontalHeaderLabels([self.tr("Instrument"), self.tr("Whom"), self.tr("Areas"),
                                              self.tr("In use")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda *_args: self.edit())
        self.add_button = QPushButton(icon("add"), self.tr("New instrument…"), objectName="add_instrument")
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"), objectName="edit_instrument")
        self.add_button.clicked.connect(lambda: self._open(None))
        self.edit_button.clicked.connect(self.edit)
        self.message = error_label("instruments")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        row = QHBoxLayout()
        row.addLayout(button_row(self.add_button, self.edit_button))
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        editable = allowed(context.actor, MANAGE_DICTIONARIES)
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable)
        if not editable:
            show_message(self.message, self.tr("Only the administrator edits the instruments."))
        context.changes.subscribe(self, {DICTIONARIES}, lambda *_args: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        run_query(self, self.context, list_instruments, self._show,
                  lambda error: show_message(self.message, str(error)))

    def _show(self, rows: list[InstrumentRow]) -> None:
        current = self.table.currentRow()
        self.instruments = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            whom = self.tr("Family") if row.subject == "family" else self.tr("Child")
            cells = (row.name, whom, str(sum(1 for area in row.areas if area.active)),
                     self.tr("yes") if row.active else self.tr("no"))
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        if rows:
            self.table.selectRow(min(max(current, 0), len(rows) - 1))

    def edit(self) -> None:
        index = self.table.currentRow()
        if 0 <= index < len(self.instruments) and self.edit_button.isEnabled():
            self._open(self.instruments[index])

    def _open(self, row: InstrumentRow | None) -> None:
        self.dialog = open_dialog(InstrumentDialog(self.context, row, self), lambda _accepted: None)
