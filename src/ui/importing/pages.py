"""The wizard's pages: file and kind, column mapping, unknown dictionary values, preview with decisions.

Pages only edit plain values on the wizard (`ImportFlow.state`); every file read and database
query runs on the worker thread through the wizard.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.importing.cells import cell_text
from app.importing.fields import FAMILIES, FIELDS, SESSIONS, VISITS
from app.importing.matching import DICTIONARY_TITLES, DISTRICT, SETTLEMENT, STAFF
from app.importing.outcome import DECISION_TITLES, DECISIONS, OUTCOME_TITLES, RowResult
from ui import generated_files
from ui.forms import ask
from ui.importing.flow import ImportFlow

SAMPLE_ROWS = 3
CREATE_ENTRY = "create"  # the «create in the dictionary» choice for an unknown place
CREATABLE = (DISTRICT, SETTLEMENT, STAFF)  # an employee is created without a user account


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportFlow) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("File to import"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx, .xls) or a CSV table; nothing is written before "
                                 "the preview."))
        self.kind = QComboBox()
        kinds = ((FAMILIES, self.tr("Families and people (registry)")),
                 (SESSIONS, self.tr("Journal of past sessions")), (VISITS, self.tr("Journal of home visits")))
        for kind, title in kinds:
            self.kind.addItem(title, kind)
        self.path = QLineEdit()
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.sheet = QLineEdit()
        self.sheet.setPlaceholderText(self.tr("first sheet"))
        form = QFormLayout(self)
        form.addRow(self.tr("What to import"), self.kind)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Sheet"), self.sheet)

    def choose(self) -> None:
        path = generated_files.ask_open_path(self, self.tr("Choose a file"), "imports",
                                             self.tr("Tables (*.xlsx *.xls *.csv *.txt)"))
        if path is not None:
            self.path.setText(str(path))

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        return self.owner.load_source(self.path.text().strip(), self.kind.currentData(),
                                      self.sheet.text().strip() or None)


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportFlow) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("Which column holds what. Proposed from the headers; correct where needed."))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("First values"),
                                              self.tr("Imported as")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.save = QCheckBox(self.tr("Remember this mapping for files with the same columns"))
        self.save.setChecked(True)
        self.support = QComboBox()
        self.support.setObjectName("open_support")
        self.support_label = QLabel(self.tr("Support for new families without a «Kind of support» column:"))
        self.support_label.setBuddy(self.support)
        support_row = QHBoxLayout()
        support_row.addWidget(self.support_label)
        support_row.addWidget(self.support, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addLayout(support_row)
        layout.addWidget(self.save)

    def initializePage(self) -> None:
        source, mapping = self.owner.state.source, self.owner.state.mapping
        assert source is not None and mapping is not None
        header = source.header
        self.note.setText(self.tr("Header found in rows %1–%2 of sheet «%3»; %4 data rows below it.")
                          .replace("%1", str(header.first_row)).replace("%2", str(header.last_row))
                          .replace("%3", source.sheet.name)
                          .replace("%4", str(max(len(source.sheet.rows) - header.last_row, 0))))
        by_column = {column: key for key, column in mapping.columns.items()}
        rows = source.sheet.rows[header.last_row:header.last_row + SAMPLE_ROWS]
        self.table.setRowCount(len(header.labels))
        for column, label in enumerate(header.labels):
            self.table.setItem(column, 0, QTableWidgetItem(label or self.tr("(column %1)").replace("%1",
                                                                                               str(column + 1))))
            samples = [cell_text(row[column]) for row in rows if column < len(row)]
            self.table.setItem(column, 1, QTableWidgetItem("; ".join(s for s in samples if s)))
            combo = QComboBox()
            combo.addItem(self.tr("— not imported —"), None)
            for spec in FIELDS[source.kind]:
                combo.addItem(spec.label, spec.key)
            combo.setCurrentIndex(max(combo.findData(by_column.get(column)), 0))
            self.table.setCellWidget(column, 2, combo)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(2, 260)
        registry = source.kind == FAMILIES
        self.support.clear()
        self.support.addItem(self.tr("— do not open support —"), None)
        for code, name in self.owner.state.support_kinds:
            self.support.addItem(name, code)
        self.support.setCurrentIndex(max(self.support.findData(self.owner.state.open_support), 0))
        self.support.setVisible(registry)
        self.support_label.setVisible(registry)

    def chosen(self) -> dict[str, int]:
        columns: dict[str, int] = {}
        for row in range(self.table.rowCount()):
            key = self.table.cellWidget(row, 2).currentData()
            if key is not None and key not in columns:
                columns[key] = row
        return columns

    def validatePage(self) -> bool:
        self.owner.state.open_support = self.support.currentData() if self.support.isVisible() else None
        return self.owner.make_preview(self.chosen(), save=self.save.isChecked())


class UnknownPage(QWizardPage):
    """Values that match no dictionary entry: map each to an entry or leave it empty."""

    def __init__(self, wizard: ImportFlow) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Values not in the dictionaries"))
        self.setSubTitle(self.tr("Choose the matching entry for each value. Rows with a value left "
                                 "unmatched are not imported; an administrator can add new entries in "
                                 "Dictionaries."))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Dictionary"), self.tr("Value in the file"), self.tr("Rows"),
                                              self.tr("Use entry")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        QVBoxLayout(self).addWidget(self.table)

    def initializePage(self) -> None:
        unknown = self.owner.state.preview.unknown if self.owner.state.preview else []
        choices = self.owner.state.choices
        self.table.setRowCount(len(unknown))
        for row, value in enumerate(unknown):
            self.table.setItem(row, 0, QTableWidgetItem(DICTIONARY_TITLES.get(value.dictionary, value.dictionary)))
            self.table.setItem(row, 1, QTableWidgetItem(value.text))
            self.table.setItem(row, 2, QTableWidgetItem(str(value.rows)))
            combo = QComboBox()
            combo.addItem(self.tr("— not matched (rows are errors) —"), "")
            if value.dictionary != STAFF:  # a session or visit always has its specialist
                combo.addItem(self.tr("— leave empty —"), None)
            if self.owner.state.may_create and value.dictionary in CREATABLE:
                combo.addItem(self.tr("— create in the dictionary —"), CREATE_ENTRY)
            for entry_id, name in choices.get(value.dictionary, []):
                combo.addItem(name, entry_id)
            self.table.setCellWidget(row, 3, combo)
        self.table.resizeColumnsToContents()

    def validatePage(self) -> bool:
        unknown = self.owner.state.preview.unknown if self.owner.state.preview else []
        for row, value in enumerate(unknown):
            choice = self.table.cellWidget(row, 3).currentData()
            if choice == CREATE_ENTRY:
                self.owner.state.create.add((value.dictionary, value.text))
            elif choice != "":
                self.owner.state.resolved[(value.dictionary, value.text)] = choice
        return self.owner.make_preview(None, save=False)


class PreviewModel(QAbstractTableModel):
    """The preview's rows for a QTableView: a journal of a million lines is shown without a widget per cell.
    The decision column is editable (a combo from `DecisionDelegate`) on rows already in the database."""

    COLUMNS = 5
    DECISION = 4

    def __init__(self, rows: list[RowResult], titles: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.titles = titles
        self.chosen: dict[int, str] = {r.row: r.decision for r in rows if r.decision is not None}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.titles[section]
        return None

    def text(self, row: int, column: int) -> str:
        result = self.rows[row]
        if column == self.DECISION:
            decision = self.chosen.get(result.row)
            return DECISION_TITLES[decision] if decision else ""
        return (str(result.row), OUTCOME_TITLES[result.outcome], result.summary, result.reason)[column]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.EditRole and index.column() == self.DECISION:
            return self.chosen.get(self.rows[index.row()].row)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.DECISION and self.rows[index.row()].row in self.chosen:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.rows[index.row()].row
        if role != Qt.ItemDataRole.EditRole or row not in self.chosen or value not in DECISIONS:
            return False
        self.chosen[row] = value
        self.dataChanged.emit(index, index)
        return True

    def set_all(self, decision: str) -> None:
        for row in self.chosen:
            self.chosen[row] = decision
        if self.rows:
            self.dataChanged.emit(self.index(0, self.DECISION), self.index(len(self.rows) - 1, self.DECISION))


class DecisionDelegate(QStyledItemDelegate):
    """skip / update / create for a row already in the database."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for decision in DECISIONS:
            combo.addItem(DECISION_TITLES[decision], decision)
        combo.activated.connect(lambda _index: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportFlow) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("What each row will do. Rows already in the database: choose skip, update or "
                                 "create, one by one (double-click the decision) or for all."))
        self.counts = QLabel()
        self.notes = QLabel(wordWrap=True, objectName="notes")
        self.notes.hide()
        self.for_all = QComboBox()
        for decision in DECISIONS:
            self.for_all.addItem(DECISION_TITLES[decision], decision)
        apply_all = QPushButton(self.tr("Apply to all"))
        apply_all.clicked.connect(self.apply_to_all)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(QLabel(self.tr("Rows already in the database:")))
        top.addWidget(self.for_all)
        top.addWidget(apply_all)
        self.titles = [self.tr("Row"), self.tr("Outcome"), self.tr("Who"), self.tr("Why"), self.tr("Decision")]
        self.model = PreviewModel([], self.titles, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(PreviewModel.DECISION, DecisionDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        # Reasons wrap onto a second line instead of ending in «…» (the whole text is in the tooltip too).
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() * 2 + 10)
        # Writing is a step of its own: «Импортировать», and a question before anything is written.
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Import"))
        self.confirmed = False
        self.confirm_box: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notes)
        layout.addWidget(self.table)

    def initializePage(self) -> None:
        self.confirmed = False
        preview = self.owner.state.preview
        assert preview is not None
        self.counts.setText(self.tr("New: %1, update: %2, duplicates: %3, errors: %4")
                            .replace("%1", str(preview.count("new"))).replace("%2", str(preview.count("update")))
                            .replace("%3", str(preview.count("duplicate"))).replace("%4", str(preview.count("error"))))
        self.notes.setText("\n".join(preview.notes))
        self.notes.setVisible(bool(preview.notes))
        self.model = PreviewModel(preview.rows, self.titles, self)
        self.table.setModel(self.model)
        # Widths from the first rows only: measuring a million rows would freeze the window.
        for column, width in enumerate((60, 120, 260, 420, 170)):
            self.table.setColumnWidth(column, width)

    def text(self, row: int, column: int) -> str:
        return self.model.text(row, column)

    def apply_to_all(self) -> None:
        self.model.set_all(self.for_all.currentData())

    def decisions(self) -> dict[int, str]:
        return dict(self.model.chosen)

    def validatePage(self) -> bool:
        if not self.confirmed:
            self.ask_to_write()
            return False
        # The write runs on the worker and comes back here once done (ImportWizard._then_next): the answer
        # holds until then; entering the page again asks again.
        written = self.owner.write(self.decisions())
        if written:
            self.confirmed = False
        return written

    def ask_to_write(self) -> QMessageBox:
        """«Импортировать?» with what will be written; the answer «Импортировать» goes on to the writing."""
        preview = self.owner.state.preview
        new, update = (preview.count("new"), preview.count("update")) if preview else (0, 0)
        chosen = sum(1 for decision in self.decisions().values() if decision != "skip")

        def go() -> None:
            self.confirmed = True
            self.wizard().next()

        self.confirm_box = ask(
            self, self.tr("Import"),
            self.tr("Write to the database: new records %1, updated %2, rows already there that you chose to "
                    "change: %3. A verified backup is made first. Import now?")
            .replace("%1", str(new)).replace("%2", str(update)).replace("%3", str(chosen)),
            [(self.tr("Import"), QMessageBox.ButtonRole.AcceptRole, go),
             (self.tr("Back to the preview"), QMessageBox.ButtonRole.RejectRole, None)])
        return self.confirm_box


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportFlow) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Done"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.save_errors = QPushButton(self.tr("Save the error report…"))
        self.save_errors.clicked.connect(wizard.save_error_report)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.save_errors)
        layout.addStretch(1)

    def initializePage(self) -> None:
        summary = self.owner.state.summary
        assert summary is not None
        self.text.setText(self.tr("Created: %1. Updated: %2. Skipped: %3. Rows with errors: %4.")
                          .replace("%1", str(summary.created)).replace("%2", str(summary.updated))
                          .replace("%3", str(summary.skipped)).replace("%4", str(summary.errors)))
        self.save_errors.setEnabled(summary.errors > 0)
