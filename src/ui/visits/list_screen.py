"""The home visits journal: period, specialist, district and family filters, a lazily paged table,
New / Open / Delete / «Сформировать акт»."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import DICTIONARIES, FAMILIES, PERSONS, TRIPS, VISITS
from app.core.text import format_date
from app.visits.act import write_visit_act
from app.visits.choices import VisitChoices, load_visit_choices
from app.visits.visits import VisitRow, delete_visit, list_visits
from ui import generated_files, style
from ui.context import UiContext
from ui.date_edit import DateEdit, date_errors
from ui.errors import show_error
from ui.families.card_models import Column, RowsModel, make_table, selected_row
from ui.forms import FieldErrors, ask, fill_combo
from ui.list_keys import bind_list_keys, enable_for_editors
from ui.ops import run_op, run_query
from ui.resources import icon
from ui.visits.editor import CHOICES_KEY, VisitEditor, act_folder_title, open_visit
from ui.visits.family_picker import FamilyPicker

if TYPE_CHECKING:
    from pathlib import Path

PAGE = 200
SETTINGS_GROUP = "visits_list"
DEFAULT_DAYS = 92  # the last quarter, roughly
Index = QModelIndex | QPersistentModelIndex


class VisitsModel(RowsModel):
    """Visit rows in pages of PAGE: the next page is asked for when the view scrolls to the end."""

    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("VisitsScreen", "Date"), lambda r: format_date(r.visit_date)),
        Column(QT_TRANSLATE_NOOP("VisitsScreen", "Family"), lambda r: r.family_title),
        Column(QT_TRANSLATE_NOOP("VisitsScreen", "Settlement"), lambda r: r.settlement or ""),
        Column(QT_TRANSLATE_NOOP("VisitsScreen", "Specialists"), lambda r: r.staff_names),
        Column(QT_TRANSLATE_NOOP("VisitsScreen", "Purpose"), lambda r: r.purpose),
        Column(QT_TRANSLATE_NOOP("VisitsScreen", "Services"), lambda r: str(r.service_count),
               Qt.AlignmentFlag.AlignRight),
        Column(QT_TRANSLATE_NOOP("VisitsScreen", "Next visit"), lambda r: format_date(r.next_visit_on)),
    )

    def __init__(self, screen: VisitsScreen) -> None:
        super().__init__("VisitsScreen", self.COLUMNS, screen)
        self.screen = screen
        self.more = False
        self.fetching = False

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more and not self.fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self.screen.load_page(len(self.rows))

    def append(self, rows: list[VisitRow]) -> None:
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()


class VisitsScreen(QWidget):
    """The journal. It re-reads itself once per announced change of what its rows show (`SHOWN`),
    whoever made it: this screen, a visit editor, a trip's completion, the registry."""

    SHOWN = frozenset({VISITS, FAMILIES, PERSONS, TRIPS, DICTIONARIES})

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.choices: VisitChoices | None = None
        self.model = VisitsModel(self)
        self._generation = 0
        self._reselect: uuid.UUID | None = None
        self.errors = FieldErrors()
        self._build()
        self._restore_settings()
        self.load_choices()
        self.apply_filters()
        context.changes.subscribe(self, self.SHOWN, self.on_changes)

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Home visits"))
        style.section_title(title)
        self.new_button = QPushButton(icon("add"), self.tr("New visit"), objectName="new")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_visit)
        self.open_button = QPushButton(icon("open"), self.tr("Open"), objectName="open")
        self.open_button.clicked.connect(self.open_current)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), objectName="delete")
        self.delete_button.clicked.connect(self.delete_current)
        self.act_button = QPushButton(icon("print"), self.tr("Make the act"), objectName="make_act")
        self.act_button.setToolTip(self.tr("«Акт обследования условий жизни семьи» as a Word document"))
        self.act_button.clicked.connect(self.make_act)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        for button in (self.new_button, self.open_button, self.delete_button, self.act_button):
            top.addWidget(button)

        self.date_from = DateEdit("date_from")
        self.date_to = DateEdit("date_to")
        self.staff = QComboBox(objectName="staff")
        self.district = QComboBox(objectName="district")
        self.family = FamilyPicker(self.context, "family")
        self.family.setPlaceholderText(self.tr("All families (type a surname)"))
        self.family.family_changed.connect(lambda _id: self.apply_filters())
        self.reset_button = QPushButton(self.tr("Reset filters"), objectName="reset")
        self.reset_button.clicked.connect(self.reset_filters)
        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        period = QHBoxLayout()
        period.addWidget(self.errors.wrap(self.date_from))
        period.addWidget(QLabel("–"), 0, Qt.AlignmentFlag.AlignTop)
        period.addWidget(self.errors.wrap(self.date_to))
        filters.addWidget(QLabel(self.tr("Period")), 0, 0)
        filters.addLayout(period, 1, 0, Qt.AlignmentFlag.AlignTop)
        for column, (text, widget, stretch) in enumerate(((self.tr("Specialist"), self.staff, 2),
                                                          (self.tr("District"), self.district, 2),
                                                          (self.tr("Family"), self.family, 3)), start=1):
            filters.addWidget(QLabel(text), 0, column)
            filters.addWidget(widget, 1, column, Qt.AlignmentFlag.AlignTop)
            filters.setColumnStretch(column, stretch)
        filters.addWidget(self.reset_button, 1, 4, Qt.AlignmentFlag.AlignTop)
        for edit in (self.date_from, self.date_to):
            edit.editingFinished.connect(self.apply_filters)
        for combo in (self.staff, self.district):
            combo.currentIndexChanged.connect(lambda _index: self.apply_filters())

        self.table = make_table(self.model, "visits_table", (90, 230, 130, 210, 280, 70, 90))
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.count_label = QLabel(objectName="count")
        self.status = QLabel(objectName="status")
        style.muted(self.status)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.status)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        bind_list_keys(self, self.table, new=self.new_visit, open_current=self.open_current,
                       delete_current=self.delete_current)
        enable_for_editors(self.context.actor, (self.new_button, self.delete_button))

    # --- pickers ------------------------------------------------------------------------------
    def load_choices(self) -> None:
        cached = self.context.cache.get(CHOICES_KEY)
        if cached is not None:
            self._set_choices(cached)
            return
        run_query(self, self.context, load_visit_choices, self._set_choices)

    def _set_choices(self, choices: VisitChoices) -> None:
        self.choices = choices
        self.context.cache[CHOICES_KEY] = choices
        fill_combo(self.staff, choices.active_staff, self.tr("all"))
        fill_combo(self.district, choices.districts, self.tr("all"))

    # --- data ---------------------------------------------------------------------------------
    def criteria(self) -> dict[str, Any]:
        return {"date_from": self.date_from.value(), "date_to": self.date_to.value(),
                "staff_id": self.staff.currentData(), "district_id": self.district.currentData(),
                "family_id": self.family.family_id}

    def apply_filters(self) -> None:
        problems = date_errors([self.date_from, self.date_to])
        self.errors.show(problems)
        if problems:
            return
        self._generation += 1
        self.model.more = False
        self.model.set_rows([])
        self.count_label.setText(self.tr("Searching…"))
        self.load_page(0)

    def refresh(self) -> None:
        wanted = getattr(selected_row(self.table), "id", None)
        self._reselect = wanted
        self.apply_filters()

    def load_page(self, offset: int) -> None:
        generation, criteria, actor = self._generation, self.criteria(), self.context.actor
        self.model.fetching = True
        run_query(self, self.context,
                  lambda session: list_visits(session, actor, limit=PAGE, offset=offset, **criteria),
                  lambda rows: self._page_loaded(generation, rows), self._page_failed)

    def _page_loaded(self, generation: int, rows: list[VisitRow]) -> None:
        if generation != self._generation:  # an answer to filters that have changed since
            return
        self.model.fetching = False
        self.model.more = len(rows) == PAGE
        self.model.append(rows)
        count = len(self.model.rows)
        text = self.tr("Visits: %n", "", count)
        if self.model.more:
            text = self.tr("Visits shown: {count} (scroll down for more)").format(count=count)
        self.count_label.setText(text)
        wanted = self._reselect
        if self.table.currentIndex().row() < 0 and self.model.rows:
            target = next((i for i, row in enumerate(self.model.rows) if row.id == wanted), 0)
            self.table.selectRow(target)
        self._reselect = None

    def _page_failed(self, error: BaseException) -> None:
        self.model.fetching = False
        self.count_label.setText("")
        show_error(self, error)

    def reset_filters(self) -> None:
        for combo in (self.staff, self.district):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.family.blockSignals(True)
        self.family.set_family(None)
        self.family.blockSignals(False)
        self.date_from.set_value(date.today() - timedelta(days=DEFAULT_DAYS))
        self.date_to.set_value(None)
        self.apply_filters()

    # --- actions ------------------------------------------------------------------------------
    def selected_visit(self) -> VisitRow | None:
        return selected_row(self.table)

    def new_visit(self) -> VisitEditor | None:
        if not self.new_button.isEnabled():
            return None
        return open_visit(self.context, family_id=self.family.family_id, parent=self.window())

    def open_current(self) -> VisitEditor | None:
        row = self.selected_visit()
        if row is None:
            return None
        return open_visit(self.context, row.id, parent=self.window())

    def delete_current(self) -> QMessageBox | None:
        row = self.selected_visit()
        if row is None or not self.delete_button.isEnabled():
            return None
        text = self.tr("Delete the visit of {date} to the family «{family}»?").format(
            date=format_date(row.visit_date), family=row.family_title)
        return ask(self, self.tr("Delete visit"), text,
                   [(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole, lambda: self._delete(row.id)),
                    (self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, None)], QMessageBox.Icon.Warning)

    def _delete(self, visit_id: uuid.UUID) -> None:
        """The list re-reads itself when the deletion is announced (`on_changes`), not here as well."""
        actor = self.context.actor
        run_op(self, self.context, lambda session: delete_visit(session, actor, visit_id))

    def make_act(self) -> None:
        row = self.selected_visit()
        if row is not None:
            generated_files.choose_folder(self, act_folder_title(), lambda folder: self.write_act(row.id, folder))

    def write_act(self, visit_id: uuid.UUID, folder: Path) -> None:
        self.status.setText(self.tr("Making the act…"))
        actor = self.context.actor
        run_op(self, self.context, lambda session: write_visit_act(session, actor, visit_id, folder),
               self._act_written, self._act_failed)

    def _act_written(self, path: Path) -> None:
        self.status.setText(self.tr("The act is saved: {path}").format(path=path))
        generated_files.open_file(path)

    def _act_failed(self, error: BaseException) -> None:
        self.status.setText("")
        show_error(self, error)

    def on_changes(self, changed: frozenset[str], _initiator: object = None) -> None:
        """Re-read the pickers when dictionaries changed (the context has dropped its copy already)
        and the rows once."""
        if DICTIONARIES in changed:
            self.load_choices()
        self.refresh()

    # --- remembered settings --------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        state = settings.value("header")
        settings.endGroup()
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
        self.date_from.set_value(date.today() - timedelta(days=DEFAULT_DAYS))

    def save_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("header", self.table.horizontalHeader().saveState())
        settings.endGroup()

    def hideEvent(self, event: object) -> None:
        self.save_settings()
        super().hideEvent(event)  # type: ignore[arg-type]
