"""Planning a mobile-brigade trip: date, vehicle, brigade, an ordered route and the families to visit.

The families table is filled from `trip_completion.suggest_trip_families` (the reasons of
`trip_reads.suggest_families` plus children's sessions on the day) for the route's settlements on the
trip date (re-read, debounced, whenever the route or the date changes) and shows why each family is
worth a visit. Ticked families and their planned work survive those refreshes. Everything the
database is asked runs on the worker through `ui.ops`; a save is announced on `context.changes`.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.reference.choices import Choice
from app.trips.choices import RouteStop, TripEditorChoices, TripPlan, load_trip_editor_choices, load_trip_plan
from app.trips.completion import suggest_trip_families
from app.trips.reads import SuggestionRow
from app.trips.route_sheet import format_distance
from app.trips.trips import MAX_DISTANCE_KM, PlannedFamily, TripData, plan_trip, update_trip
from ui import style
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.forms import FormDialog, select_data, text_or_none
from ui.ops import run_query
from ui.resources import icon
from ui.staff_checklist import StaffChecklist
from ui.time_edit import TimeEdit, time_errors
from ui.trips.route_sheet_file import write_route_sheet

SUGGEST_DELAY_MS = 300
CHOICES_KEY = "trips.editor.choices"
INCLUDE, FAMILY, SETTLEMENT, REASONS, WORK = range(5)



class TripEditor(FormDialog):
    """Plan a new trip (`trip_id` None) or edit a planned one."""

    def __init__(self, context: UiContext, trip_id: uuid.UUID | None = None, parent: QWidget | None = None
                 ) -> None:
        super().__init__(context, parent)
        self.trip_id = trip_id
        self.choices: TripEditorChoices | None = None
        self.settlements: dict[uuid.UUID, RouteStop] = {}
        self.suggestions: list[SuggestionRow] = []
        self.planned: dict[uuid.UUID, str] = {}  # ticked families → planned work, in ticking order
        self.loaded = False
        self.suggestions_pending = False
        self._filling = False
        self.setWindowTitle(self.tr("Plan a trip") if trip_id is None else self.tr("Trip"))
        self.ok_button.setText(self.tr("Save"))
        self.ok_button.setIcon(icon("save"))
        self._build()
        self.resize(1180, 700)
        self.suggest_timer = QTimer(self, singleShot=True, interval=SUGGEST_DELAY_MS)
        self.suggest_timer.timeout.connect(self.load_suggestions)
        self.trip_date.textChanged.connect(lambda _text: self.suggest_timer.start())
        cached = context.cache.get(CHOICES_KEY)
        if cached is not None:
            self._set_choices(cached)
        else:
            run_query(self, context, load_trip_editor_choices, self._set_choices, self.failed)

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.trip_date = DateEdit("trip_date")
        self.office = QComboBox(objectName="office_id")
        self.vehicle = QComboBox(objectName="vehicle")
        self.vehicle.setEditable(True)
        self.vehicle.lineEdit().setPlaceholderText(self.tr("Vehicle, e.g. UAZ"))
        self.staff_filter = QLineEdit(objectName="staff_filter")
        self.staff_filter.setPlaceholderText(self.tr("Find an employee"))
        self.staff_filter.setClearButtonEnabled(True)
        self.staff = QListWidget(objectName="staff_ids")
        self.staff.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.brigade = StaffChecklist(self.staff_filter, self.staff)
        self.brigade.changed.connect(self._count_staff)
        self.office.currentIndexChanged.connect(lambda _index: self.brigade.regroup(self._of_trip_office))
        self.staff_count = style.muted(QLabel())
        self.notes = QLineEdit(objectName="notes")
        self.departs_at = TimeEdit("departs_at")
        self.returns_at = TimeEdit("returns_at")
        self.distance_km = QSpinBox(objectName="distance_km", minimum=0, maximum=MAX_DISTANCE_KM)
        self.distance_km.setMinimumWidth(130)
        self.distance_km.setSpecialValueText(self.tr("not planned"))
        self.distance_km.setSuffix(self.tr(" km"))
        self.distance_km.setToolTip(self.tr("The whole route there and back; empty: the route sheet estimates it "
                                            "from the farthest settlement"))

        left = QGridLayout()
        left.addWidget(QLabel(self.tr("Trip date")), 0, 0)
        left.addWidget(self.errors.wrap(self.trip_date), 0, 1)
        self.office_label = QLabel(self.tr("Office"))
        left.addWidget(self.office_label, 1, 0)
        left.addWidget(self.errors.wrap(self.office), 1, 1)
        left.addWidget(QLabel(self.tr("Vehicle")), 2, 0)
        left.addWidget(self.errors.wrap(self.vehicle), 2, 1)
        times = QHBoxLayout()
        times.addWidget(self.errors.wrap(self.departs_at))
        times.addWidget(QLabel(self.tr("return")))
        times.addWidget(self.errors.wrap(self.returns_at))
        times.addStretch(1)
        left.addWidget(QLabel(self.tr("Departure")), 3, 0)
        left.addLayout(times, 3, 1)
        left.addWidget(QLabel(self.tr("Distance")), 4, 0)
        left.addWidget(self.errors.wrap(self.distance_km), 4, 1, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(QLabel(self.tr("Brigade")), 5, 0, Qt.AlignmentFlag.AlignTop)
        brigade = QVBoxLayout()
        brigade.addWidget(self.staff_filter)
        brigade.addWidget(self.errors.wrap(self.staff), 1)
        brigade.addWidget(self.staff_count)
        left.addLayout(brigade, 5, 1)
        left.setRowStretch(5, 1)
        left.addWidget(QLabel(self.tr("Notes")), 6, 0)
        left.addWidget(self.errors.wrap(self.notes), 6, 1)

        self.settlement_picker = QComboBox(objectName="settlement_picker")
        self.settlement_picker.setEditable(True)
        self.settlement_picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.settlement_picker.lineEdit().setPlaceholderText(self.tr("Settlement to add"))
        self.add_stop_button = QPushButton(icon("add"), self.tr("Add"), objectName="add_stop")
        self.add_stop_button.clicked.connect(self.add_stop)
        self.route = QListWidget(objectName="settlement_ids")
        self.route.setMaximumHeight(150)
        self.up_button = QPushButton(self.tr("Up"), objectName="stop_up")
        self.down_button = QPushButton(self.tr("Down"), objectName="stop_down")
        self.remove_stop_button = QPushButton(icon("delete"), self.tr("Remove"), objectName="remove_stop")
        self.up_button.clicked.connect(lambda: self.move_stop(-1))
        self.down_button.clicked.connect(lambda: self.move_stop(1))
        self.remove_stop_button.clicked.connect(self.remove_stop)
        self.route_total = style.muted(QLabel(objectName="route_total"))
        picker_row = QHBoxLayout()
        picker_row.addWidget(self.settlement_picker, 1)
        picker_row.addWidget(self.add_stop_button)
        stop_buttons = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_stop_button):
            stop_buttons.addWidget(button)
        stop_buttons.addStretch(1)
        route_row = QHBoxLayout()
        route_row.addWidget(self.errors.wrap(self.route), 1)
        route_row.addLayout(stop_buttons)
        route_box = QGroupBox(self.tr("Route (in the order of travel)"))
        route_layout = QVBoxLayout(route_box)
        route_layout.addLayout(picker_row)
        route_layout.addLayout(route_row)
        route_layout.addWidget(self.route_total)

        self.only_reasons = QCheckBox(self.tr("Only families with a reason to visit"), objectName="only_reasons")
        self.only_reasons.setChecked(True)
        self.only_reasons.toggled.connect(lambda _on: self._fill_families())
        self.families_count = style.muted(QLabel(objectName="families_count"))
        self.families = QTableWidget(0, 5, objectName="families")
        self.families.setHorizontalHeaderLabels(["", self.tr("Family"), self.tr("Settlement"),
                                                 self.tr("Why visit"), self.tr("Planned work")])
        self.families.verticalHeader().setVisible(False)
        self.families.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.families.setWordWrap(False)
        header = self.families.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((INCLUDE, 28), (FAMILY, 200), (SETTLEMENT, 110), (REASONS, 250)):
            self.families.setColumnWidth(column, width)
        self.families.itemChanged.connect(self._family_edited)
        families_box = QGroupBox(self.tr("Families on the route"))
        families_layout = QVBoxLayout(families_box)
        families_top = QHBoxLayout()
        families_top.addWidget(self.only_reasons)
        families_top.addStretch(1)
        families_top.addWidget(self.families_count)
        families_layout.addLayout(families_top)
        families_layout.addWidget(self.families, 1)

        right = QVBoxLayout()
        right.addWidget(route_box)
        right.addWidget(families_box, 1)
        columns = QHBoxLayout()
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(400)
        columns.addWidget(left_widget)
        columns.addLayout(right, 1)
        self.body.addLayout(columns, 1)

        self.sheet_button = QPushButton(icon("print"), self.tr("Route sheet"), objectName="route_sheet")
        self.sheet_button.setToolTip(self.tr("Save the trip and write its route sheet as DOCX and PDF"))
        self.sheet_button.clicked.connect(self.save_and_print)
        self.buttons.addButton(self.sheet_button, self.buttons.ButtonRole.ActionRole)
        self.period_lock.keep.append(self.sheet_button)  # a submitted trip's route sheet can still be printed

    # --- choices and loading ----------------------------------------------------------------
    def _set_choices(self, choices: TripEditorChoices) -> None:
        self.context.cache[CHOICES_KEY] = choices
        self.choices = choices
        self.settlements = {row.id: row for row in choices.settlements}
        self.vehicle.addItems(choices.vehicles)
        self.vehicle.setCurrentIndex(-1)
        self.vehicle.setEditText("")
        self.office.blockSignals(True)
        self.office.clear()
        for office in choices.offices:
            self.office.addItem(office.label, office.id)
        self.office.blockSignals(False)
        self.brigade.fill(choices.staff, self._of_trip_office)
        several = len(choices.offices) > 1
        self.office.setVisible(several)
        self.office_label.setVisible(several)
        self.settlement_picker.clear()
        for stop in choices.settlements:
            self.settlement_picker.addItem(stop.label, stop.id)
        self.settlement_picker.setCurrentIndex(-1)
        completer = self.settlement_picker.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
        if self.trip_id is None:
            self._set_defaults()
        else:
            trip_id, actor = self.trip_id, self.context.actor
            run_query(self, self.context, lambda session: load_trip_plan(session, actor, trip_id), self._set_trip,
                      self.failed)
            self.check_period_lock("trip", trip_id)

    def _set_defaults(self) -> None:
        actor = self.context.actor
        office = next((o for o in (self.choices.offices if self.choices else []) if o.id in actor.office_ids), None)
        if office is not None:
            select_data(self.office, office.id)
        self.trip_date.set_value(date.today() + timedelta(days=1))
        if actor.staff_id is not None:
            self.check_staff([actor.staff_id])
        self._count_staff()
        self._route_changed()
        self.loaded = True

    def _set_trip(self, plan: TripPlan) -> None:
        data: TripData = plan.card.data
        self.trip_date.set_value(data.trip_date)
        select_data(self.office, data.office_id)
        self.vehicle.setEditText(data.vehicle or "")
        self.notes.setText(data.notes or "")
        self.departs_at.set_value(data.departs_at)
        self.returns_at.set_value(data.returns_at)
        self.distance_km.setValue(data.distance_km or 0)
        self.check_staff(data.staff_ids)
        for settlement_id in data.settlement_ids:
            self._append_stop(settlement_id)
        self.planned = {f.family_id: f.planned_work or "" for f in data.families}
        self.suggestions = plan.suggestions
        self._count_staff()
        self._renumber()
        self._fill_families()
        self.suggest_timer.stop()
        self.loaded = True

    def is_loaded(self) -> bool:
        return self.loaded and not self.suggestions_pending and not self.busy

    # --- brigade ----------------------------------------------------------------------------
    def check_staff(self, staff_ids: list[uuid.UUID]) -> None:
        self.brigade.set_checked(staff_ids)

    def staff_ids(self) -> list[uuid.UUID]:
        return self.brigade.checked_ids()

    def _of_trip_office(self, choice: Choice) -> bool:
        # The brigade's drivers belong to it: the office's whole staff comes first, not only specialists.
        return choice.parent_id == self.office.currentData()

    def _count_staff(self) -> None:
        self.staff_count.setText(self.tr("In the brigade: %n", "", len(self.staff_ids())))

    # --- route ------------------------------------------------------------------------------
    def route_ids(self) -> list[uuid.UUID]:
        return [self.route.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.route.count())]

    def add_stop(self) -> None:
        index = self.settlement_picker.currentIndex()
        text = self.settlement_picker.currentText().strip()
        if index < 0 or self.settlement_picker.itemText(index) != text:
            index = self.settlement_picker.findText(text, Qt.MatchFlag.MatchContains)
        if index < 0:
            return
        settlement_id = self.settlement_picker.itemData(index)
        if settlement_id in self.route_ids():
            self.route.setCurrentRow(self.route_ids().index(settlement_id))
            return
        self._append_stop(settlement_id)
        self.route.setCurrentRow(self.route.count() - 1)
        self.settlement_picker.setCurrentIndex(-1)
        self.settlement_picker.setEditText("")
        self._route_changed()

    def add_settlement(self, settlement_id: uuid.UUID) -> None:
        """Add a settlement to the end of the route as the picker does (used by tests and scripts)."""
        index = next(i for i in range(self.settlement_picker.count())
                     if self.settlement_picker.itemData(i) == settlement_id)
        self.settlement_picker.setCurrentIndex(index)
        self.add_stop()

    def _append_stop(self, settlement_id: uuid.UUID) -> None:
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, settlement_id)
        self.route.addItem(item)
        self._renumber()

    def move_stop(self, step: int) -> None:
        row = self.route.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.route.count():
            return
        item = self.route.takeItem(row)
        self.route.insertItem(target, item)
        self.route.setCurrentRow(target)
        self._route_changed()

    def remove_stop(self) -> None:
        row = self.route.currentRow()
        if row < 0:
            return
        self.route.takeItem(row)
        self._route_changed()

    def _renumber(self) -> None:
        total = 0.0
        for index in range(self.route.count()):
            item = self.route.item(index)
            row = self.settlements.get(item.data(Qt.ItemDataRole.UserRole))
            if row is None:
                item.setText(f"{index + 1}. ?")
                continue
            item.setText(f"{index + 1}. {row.label}")
            total = max(total, row.distance_km or 0.0)
        self.route_total.setText(
            self.tr("Farthest point: {distance} from the office").format(distance=format_distance(total))
            if self.route.count() else
            self.tr("Add the settlements of the route in the order the brigade reaches them."))

    def _route_changed(self) -> None:
        self._renumber()
        self.suggest_timer.start()

    # --- families ---------------------------------------------------------------------------
    def load_suggestions(self) -> None:
        route, day = self.route_ids(), self.trip_date.value()
        if day is None:
            day = date.today()
        self.suggestions_pending = True
        actor = self.context.actor
        run_query(self, self.context, lambda session: suggest_trip_families(session, actor, route, day),
                  self._set_suggestions, self.failed)

    def _set_suggestions(self, suggestions: list[SuggestionRow]) -> None:
        self.suggestions_pending = self.suggest_timer.isActive()
        self.suggestions = suggestions
        self._fill_families()

    def _fill_families(self) -> None:
        self._filling = True
        shown = [s for s in self.suggestions
                 if s.reasons or s.family_id in self.planned or not self.only_reasons.isChecked()]
        self.families.setRowCount(len(shown))
        for row, suggestion in enumerate(shown):
            include = QTableWidgetItem()
            include.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            include.setCheckState(Qt.CheckState.Checked if suggestion.family_id in self.planned
                                  else Qt.CheckState.Unchecked)
            include.setData(Qt.ItemDataRole.UserRole, suggestion.family_id)
            self.families.setItem(row, INCLUDE, include)
            for column, text in ((FAMILY, suggestion.title), (SETTLEMENT, suggestion.settlement),
                                 (REASONS, "; ".join(suggestion.reasons) or "—")):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == REASONS:
                    item.setToolTip("\n".join(suggestion.reasons))
                self.families.setItem(row, column, item)
            work = QTableWidgetItem(self.planned.get(suggestion.family_id, ""))
            work.setToolTip(self.tr("Double-click to type the planned work"))
            self.families.setItem(row, WORK, work)
        self._filling = False
        self._count_families()

    def _family_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        family_id = self.families.item(item.row(), INCLUDE).data(Qt.ItemDataRole.UserRole)
        work_item = self.families.item(item.row(), WORK)
        if item.column() == INCLUDE:
            if item.checkState() == Qt.CheckState.Checked:
                work = work_item.text().strip() if work_item else ""
                if not work:
                    work = self.tr("Home visit")
                    self._filling = True
                    work_item.setText(work)
                    self._filling = False
                self.planned[family_id] = work
            else:
                self.planned.pop(family_id, None)
        elif item.column() == WORK:
            if item.text().strip() and family_id not in self.planned:
                self._filling = True
                self.families.item(item.row(), INCLUDE).setCheckState(Qt.CheckState.Checked)
                self._filling = False
            if family_id in self.planned or item.text().strip():
                self.planned[family_id] = item.text().strip()
        self._count_families()

    def set_family(self, family_id: uuid.UUID, included: bool, planned_work: str | None = None) -> None:
        """Tick (or untick) a family's row and type its planned work, as a user does."""
        for row in range(self.families.rowCount()):
            if self.families.item(row, INCLUDE).data(Qt.ItemDataRole.UserRole) == family_id:
                if planned_work is not None:
                    self.families.item(row, WORK).setText(planned_work)
                state = Qt.CheckState.Checked if included else Qt.CheckState.Unchecked
                self.families.item(row, INCLUDE).setCheckState(state)
                return
        raise KeyError(family_id)

    def _count_families(self) -> None:
        on_route = {s.family_id for s in self.suggestions}
        self.families_count.setText(self.tr("Families on the route: {total}, chosen: {chosen}").format(
            total=len(on_route), chosen=len(self.planned)))

    # --- saving -----------------------------------------------------------------------------
    def data(self) -> TripData:
        vehicle = self.vehicle.currentText().strip() or None
        return TripData(
            office_id=self.office.currentData(), trip_date=self.trip_date.value(), vehicle=vehicle,
            staff_ids=self.staff_ids(), settlement_ids=self.route_ids(),
            families=[PlannedFamily(family_id, work) for family_id, work in self.planned.items()],
            notes=text_or_none(self.notes), departs_at=self.departs_at.value(), returns_at=self.returns_at.value(),
            distance_km=self.distance_km.value() or None,
        )

    def save(self) -> None:
        self._save(print_after=False)

    def save_and_print(self) -> None:
        if self.busy:
            return
        if self.period_lock.read_only and self.trip_id is not None:
            write_route_sheet(self, self.context, self.trip_id)  # nothing to save: the sheet of the trip as it is
            return
        self.errors.clear()
        self._save(print_after=True)

    def _save(self, print_after: bool) -> None:
        if not self.check_dates(self.trip_date):
            return
        problems = time_errors([self.departs_at, self.returns_at])
        if problems:
            self.show_errors(problems)
            return
        data, actor, trip_id = self.data(), self.context.actor, self.trip_id

        def action(session: Any) -> Any:
            if trip_id is None:
                return plan_trip(session, actor, data)
            return update_trip(session, actor, trip_id, data)

        self.write(action, lambda saved: self._saved(saved, print_after))

    def _saved(self, saved: Any, print_after: bool) -> None:
        self.trip_id = saved.id
        self.result_value = saved
        self.setWindowTitle(self.tr("Trip"))
        if print_after:
            write_route_sheet(self, self.context, saved.id)
        else:
            self.accept()
