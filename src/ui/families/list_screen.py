"""The families registry: instant search, filters, sortable columns and a count."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core import changes as areas
from app.reference.choices import RegistryChoices, registry_choices
from app.registry.families import delete_family
from app.registry.family_list import FamilyFilter
from ui import style
from ui.context import UiContext
from ui.errors import show_error
from ui.families.table_model import FamilyTableModel
from ui.forms import fill_combo, find_data
from ui.list_keys import bind_list_keys, enable_for_editors
from ui.ops import run_op, run_query
from ui.resources import icon

SEARCH_DELAY_MS = 250
SETTINGS_GROUP = "families_list"


class FamiliesScreen(QWidget):
    """Emits `open_family(id)` and `new_family()`; the section wires them to the family card."""

    open_family = Signal(object)
    new_family = Signal()

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.choices: RegistryChoices | None = None
        self.model = FamilyTableModel(context, self)
        self.model.loaded.connect(self._show_count)
        self.model.failed.connect(lambda error: show_error(self, error))
        self._build()
        self._restore_settings()
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.load_choices()
        self.apply_filters()
        context.changes.subscribe(self, {areas.FAMILIES, areas.PERSONS, areas.CASES, areas.DICTIONARIES},
                                  self._changed)

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Families"))
        style.section_title(title)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setPlaceholderText(self.tr("Surname, name, patronymic, SNILS or settlement (Ctrl+F)"))
        self.new_button = QPushButton(icon("add"), self.tr("New family"))
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_family.emit)
        self.open_button = QPushButton(icon("open"), self.tr("Open"))
        self.open_button.clicked.connect(self.open_current)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_current)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.search, 1)
        for button in (self.new_button, self.open_button, self.delete_button):
            top.addWidget(button)

        self.category = QComboBox(objectName="category")
        self.district = QComboBox(objectName="district")
        self.settlement = QComboBox(objectName="settlement")
        self.case_status = QComboBox(objectName="case_status")
        for text, value in ((self.tr("any"), None), (self.tr("open case"), "open"),
                            (self.tr("cases closed"), "closed"), (self.tr("never had a case"), "none")):
            self.case_status.addItem(text, value)
        self.responsible = QComboBox(objectName="responsible")
        self.disabled_child = QCheckBox(self.tr("Has a disabled child"), objectName="disabled_child")
        self.age_min = QSpinBox(objectName="age_min", minimum=-1, maximum=17, specialValueText="—")
        self.age_max = QSpinBox(objectName="age_max", minimum=-1, maximum=17, specialValueText="—")
        for spin in (self.age_min, self.age_max):
            spin.setValue(-1)
        self.reset_button = QPushButton(self.tr("Reset filters"))
        self.reset_button.clicked.connect(self.reset_filters)
        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        cells = [
            (self.tr("Category"), self.category), (self.tr("District"), self.district),
            (self.tr("Settlement"), self.settlement), (self.tr("Case"), self.case_status),
            (self.tr("Responsible"), self.responsible),
        ]
        for column, (label, widget) in enumerate(cells):
            filters.addWidget(QLabel(label), 0, column)
            filters.addWidget(widget, 1, column)
            filters.setColumnStretch(column, 1)
        ages = QHBoxLayout()
        ages.addWidget(self.age_min)
        ages.addWidget(QLabel("–"))
        ages.addWidget(self.age_max)
        filters.addWidget(QLabel(self.tr("Children's age")), 0, len(cells))
        filters.addLayout(ages, 1, len(cells))
        filters.addWidget(self.disabled_child, 1, len(cells) + 1)
        filters.addWidget(self.reset_button, 1, len(cells) + 2)
        for combo in (self.category, self.district, self.settlement, self.case_status, self.responsible):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.district.currentIndexChanged.connect(self._narrow_settlements)
        self.disabled_child.toggled.connect(self.apply_filters)
        for spin in (self.age_min, self.age_max):
            spin.valueChanged.connect(self.apply_filters)

        self.table = QTableView(objectName="families_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)  # sorting is a query, driven by the header below
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionClicked.connect(self._sort_by)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.count_label = QLabel(objectName="count")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        bind_list_keys(self, self.table, new=self.new_family.emit, open_current=self.open_current,
                       delete_current=self.delete_current)
        enable_for_editors(self.context.actor, (self.new_button, self.delete_button))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- data -------------------------------------------------------------------------------
    def load_choices(self) -> None:
        run_query(self, self.context, registry_choices, self._set_choices)

    def _set_choices(self, choices: RegistryChoices) -> None:
        self.choices = choices
        any_text = self.tr("all")
        fill_combo(self.category, choices.categories, any_text)
        fill_combo(self.district, choices.districts, any_text)
        fill_combo(self.responsible, choices.staff, any_text)
        self._narrow_settlements()
        self._restore_filter_values()

    def _narrow_settlements(self) -> None:
        if self.choices is None:
            return
        district = self.district.currentData()
        settlements = [s for s in self.choices.settlements if district is None or s.parent_id == district]
        fill_combo(self.settlement, settlements, self.tr("all"))

    def current_filter(self) -> FamilyFilter:
        age_min, age_max = self.age_min.value(), self.age_max.value()
        return FamilyFilter(
            text=self.search.text(),
            category_id=self.category.currentData(),
            district_id=self.district.currentData(),
            settlement_id=self.settlement.currentData(),
            case_status=self.case_status.currentData(),
            responsible_staff_id=self.responsible.currentData(),
            has_disabled_child=self.disabled_child.isChecked(),
            child_age_min=age_min if age_min >= 0 else None,
            child_age_max=age_max if age_max >= 0 else None,
        )

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.count_label.setText(self.tr("Searching…"))
        self.model.query(self.current_filter())

    def reset_filters(self) -> None:
        for combo in (self.category, self.district, self.settlement, self.case_status, self.responsible):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for spin in (self.age_min, self.age_max):
            spin.blockSignals(True)
            spin.setValue(-1)
            spin.blockSignals(False)
        self.disabled_child.blockSignals(True)
        self.disabled_child.setChecked(False)
        self.disabled_child.blockSignals(False)
        self._narrow_settlements()
        self.apply_filters()

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("Families found: %n", "", total))
        if self.table.currentIndex().row() < 0 and total:
            self.table.selectRow(0)

    def _sort_by(self, column: int) -> None:
        key = self.model.sort_key_of(column)
        header = self.table.horizontalHeader()
        if key is None:
            header.setSortIndicator(self._sorted_column(), self._sort_order())
            return
        descending = not self.model.descending if key == self.model.sort_key else False
        self.model.query(sort_key=key, descending=descending)
        header.setSortIndicator(column, self._sort_order(descending))

    def _sorted_column(self) -> int:
        return next(i for i, c in enumerate(self.model.COLUMNS) if c[2] == self.model.sort_key)

    def _sort_order(self, descending: bool | None = None) -> Qt.SortOrder:
        desc = self.model.descending if descending is None else descending
        return Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder

    def selected_family(self) -> uuid.UUID | None:
        index = self.table.currentIndex()
        return self.model.family_id(index.row()) if index.isValid() else None

    def open_current(self) -> None:
        family_id = self.selected_family()
        if family_id is not None:
            self.open_family.emit(family_id)

    def delete_current(self) -> None:
        family_id = self.selected_family()
        if family_id is None or not self.delete_button.isEnabled():
            return
        title = self.model.rows[self.table.currentIndex().row()].title
        answer = QMessageBox.question(
            self, self.tr("Delete family"),
            self.tr("Delete the family «{title}» from the registry? It can be restored by an administrator.")
            .format(title=title))
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor = self.context.actor
        # The list re-reads when the deletion is announced (FAMILIES), like after any other write.
        run_op(self, self.context, lambda session: delete_family(session, actor, family_id))

    def _changed(self, changed: frozenset[str], _initiator: object) -> None:
        """Re-query only when families (or what their rows show) may have changed."""
        if changed & {areas.FAMILIES, areas.PERSONS, areas.CASES}:
            self.model.refresh()
        if changed & {areas.DICTIONARIES}:
            self.load_choices()

    # --- remembered settings ------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        state = settings.value("header")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
        else:
            for column, width in enumerate((240, 120, 120, 180, 160, 56, 120, 90)):
                self.table.setColumnWidth(column, width)
        sort_key = settings.value("sort_key", "title")
        descending = settings.value("descending", False, type=bool)
        settings.endGroup()
        if sort_key in {c[2] for c in self.model.COLUMNS}:
            self.model.sort_key, self.model.descending = sort_key, descending
        self.table.horizontalHeader().setSortIndicator(self._sorted_column(), self._sort_order())

    def _restore_filter_values(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        for name in ("category", "district", "settlement", "responsible", "case_status"):
            combo: QComboBox = getattr(self, name)
            value = settings.value(name)
            index = find_data(combo, uuid.UUID(value) if value and name != "case_status" else value)
            if value and index >= 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(index)
                combo.blockSignals(False)
                if name == "district":
                    self._narrow_settlements()
        self.disabled_child.setChecked(settings.value("disabled_child", False, type=bool))
        settings.endGroup()
        self.apply_filters()

    def save_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("header", self.table.horizontalHeader().saveState())
        settings.setValue("sort_key", self.model.sort_key)
        settings.setValue("descending", self.model.descending)
        for name in ("category", "district", "settlement", "responsible", "case_status"):
            value = getattr(self, name).currentData()
            settings.setValue(name, str(value) if value is not None else "")
        settings.setValue("disabled_child", self.disabled_child.isChecked())
        settings.endGroup()

    def hideEvent(self, event: object) -> None:
        self.save_settings()
        super().hideEvent(event)  # type: ignore[arg-type]

