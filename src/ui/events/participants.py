"""The participants tab of the event editor: counts by category with the live in-person + online check,
districts and regions, and the registered families with attendance (added through a registry search).

GUI thread only; families are chosen in `ui.events.families_dialog.FamiliesDialog`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.events.events import MAX_COUNT, MAX_DISTRICTS, MAX_REGIONS, EventParticipant
from app.registry.family_list import FamilyRow
from ui import style
from ui.context import UiContext
from ui.events.families_dialog import FamiliesDialog
from ui.forms import FieldErrors, field_label
from ui.resources import icon

CATEGORY_FIELDS = ("specialists_count", "parents_count", "children_count", "others_count")


def _spin(name: str, high: int = MAX_COUNT) -> QSpinBox:
    spin = QSpinBox(objectName=name, minimum=0, maximum=high)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    spin.setMinimumWidth(90)
    spin.setMaximumWidth(120)
    return spin


class ParticipantsTab(QWidget):
    """Counts and families; `changed` is called on every user edit (for the unsaved-changes flag)."""

    def __init__(self, context: UiContext, errors: FieldErrors, changed: Callable[[], None]) -> None:
        super().__init__()
        self.context, self.changed = context, changed
        self.participants: list[EventParticipant] = []
        self.titles: dict[uuid.UUID, str] = {}
        self.member_names: dict[uuid.UUID, str] = {}  # participants added by member: the person's name
        self.picker: FamiliesDialog | None = None
        self.spins = {name: _spin(name) for name in (*CATEGORY_FIELDS, "in_person_count", "online_count")}
        self.spins["districts_count"] = _spin("districts_count", MAX_DISTRICTS)
        self.spins["regions_count"] = _spin("regions_count", MAX_REGIONS)
        for spin in self.spins.values():
            spin.valueChanged.connect(self._count_changed)

        counts = QGroupBox(self.tr("Participants"))
        grid = QGridLayout(counts)
        labels = {
            "specialists_count": self.tr("Specialists"), "parents_count": self.tr("Parents"),
            "children_count": self.tr("Children"), "others_count": self.tr("Others"),
            "in_person_count": self.tr("In person"), "online_count": self.tr("Online"),
            "districts_count": self.tr("Municipal districts represented"),
            "regions_count": self.tr("Regions (subjects of the RF) represented"),
        }
        for row, name in enumerate(CATEGORY_FIELDS):
            grid.addWidget(field_label(labels[name]), row, 0)
            grid.addWidget(errors.wrap(self.spins[name]), row, 1)
        self.total_label = QLabel(objectName="total")
        grid.addWidget(self.total_label, len(CATEGORY_FIELDS), 0, 1, 2)
        for row, name in enumerate(("in_person_count", "online_count", "districts_count", "regions_count")):
            grid.addWidget(field_label(labels[name]), row, 2)
            grid.addWidget(errors.wrap(self.spins[name]), row, 3)
        self.check_label = QLabel(objectName="count_check", wordWrap=True)
        grid.addWidget(self.check_label, len(CATEGORY_FIELDS), 2, 1, 3)
        grid.setColumnMinimumWidth(1, 140)
        grid.setColumnStretch(4, 1)  # the fields keep their width; the space is left on the right
        grid.setHorizontalSpacing(12)

        families = QGroupBox(self.tr("Families from the registry"))
        self.table = QTableWidget(0, 2, objectName="families")
        self.table.setHorizontalHeaderLabels([self.tr("Family"), self.tr("Attended")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._attendance_changed)
        self.add_button = QPushButton(icon("add"), self.tr("Add families…"), objectName="add_family")
        self.add_button.clicked.connect(self.pick_families)
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"), objectName="remove_family")
        self.remove_button.clicked.connect(self.remove_selected)
        self.families_count = QLabel(objectName="families_count")
        style.muted(self.families_count)
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.families_count)
        box = QVBoxLayout(families)
        box.addLayout(buttons)
        box.addWidget(self.table, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(counts)
        layout.addWidget(families, 1)
        self.update_check()

    # --- counts -------------------------------------------------------------------------------------
    def total(self) -> int:
        return sum(self.spins[name].value() for name in CATEGORY_FIELDS)

    def _count_changed(self) -> None:
        self.update_check()
        self.changed()

    def update_check(self) -> None:
        """Show the total and whether in person + online adds up to it, as the service will check."""
        total = self.total()
        in_person, online = self.spins["in_person_count"].value(), self.spins["online_count"].value()
        self.total_label.setText(self.tr("Total participants: {total}").format(total=total))
        if in_person and online and in_person + online != total:
            text = self.tr("In person {in_person} + online {online} = {sum}, but the participants by category "
                           "add up to {total}.").format(in_person=in_person, online=online,
                                                         sum=in_person + online, total=total)
            style.field_error(self.check_label)
            self.check_label.setText(text)
            self.check_label.setProperty("ok", False)
        else:
            style.muted(self.check_label)
            text = (self.tr("In person {in_person} + online {online} = {total}")
                    .format(in_person=in_person, online=online, total=total) if in_person and online else "")
            self.check_label.setText(text)
            self.check_label.setProperty("ok", True)

    def counts_ok(self) -> bool:
        return bool(self.check_label.property("ok"))

    def set_counts(self, values: dict[str, int | None]) -> None:
        for name, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(values.get(name) or 0)
            spin.blockSignals(False)
        self.update_check()

    def counts(self) -> dict[str, int]:
        return {name: spin.value() for name, spin in self.spins.items()}

    # --- families -----------------------------------------------------------------------------------
    def set_families(self, participants: list[EventParticipant], titles: dict[uuid.UUID, str]) -> None:
        self.participants = list(participants)
        self.titles.update(titles)
        self._fill_table()

    def _fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.participants))
        for row, participant in enumerate(self.participants):
            title = self.titles.get(participant.family_id, "—")  # type: ignore[arg-type]
            member = self.member_names.get(participant.person_id) if participant.person_id else None
            name = QTableWidgetItem(f"{title} — {member}" if member else title)
            attended = QTableWidgetItem()
            attended.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                              | Qt.ItemFlag.ItemIsSelectable)
            attended.setCheckState(Qt.CheckState.Checked if participant.attended else Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, attended)
        self.table.blockSignals(False)
        came = sum(1 for p in self.participants if p.attended)
        self.families_count.setText(self.tr("Families: {count}, attended: {came}")
                                    .format(count=len(self.participants), came=came))

    def _attendance_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 1:
            return
        row = item.row()
        checked = item.checkState() == Qt.CheckState.Checked
        self.participants[row] = self.participants[row]._replace(attended=checked)
        self._fill_table()
        self.changed()

    def set_attended(self, row: int, attended: bool) -> None:
        self.table.item(row, 1).setCheckState(Qt.CheckState.Checked if attended else Qt.CheckState.Unchecked)

    def add_families(self, rows: list[FamilyRow], members: list[tuple[Any, Any]] | None = None) -> None:
        """Add the chosen families; a family with ticked `members` ((family id, MemberChoice)) is added member by
        member instead."""
        members = members or []
        by_member = {family_id for family_id, _member in members}
        present = {(p.family_id, p.person_id) for p in self.participants}
        added = False
        for row in rows:
            if row.id in by_member:
                self.titles[row.id] = row.title
        for family_id, member in members:
            if (family_id, member.id) not in present:
                self.member_names[member.id] = member.full_name
                self.participants.append(EventParticipant(family_id, member.id, None))
                present.add((family_id, member.id))
                added = True
        for row in rows:
            if row.id not in by_member and (row.id, None) not in present:
                self.titles[row.id] = row.title
                self.participants.append(EventParticipant(row.id, None, None))
                present.add((row.id, None))
                added = True
        if added:
            self._fill_table()
            self.changed()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()}, reverse=True)
        for row in rows:
            del self.participants[row]
        if rows:
            self._fill_table()
            self.changed()

    def pick_families(self) -> None:
        picker = FamiliesDialog(self.context, self)
        picker.accepted.connect(lambda: self.add_families(picker.chosen(), picker.chosen_members()))
        self.picker = picker
        picker.open()

    def set_editable(self, editable: bool) -> None:
        for spin in self.spins.values():
            spin.setReadOnly(not editable)
        for button in (self.add_button, self.remove_button):
            button.setEnabled(editable)
