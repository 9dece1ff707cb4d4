"""The week grid: days as columns (Monday–Saturday, Sunday only when it has sessions), hours 8:00–18:00
as rows; each cell lists the sessions starting in that hour, coloured by their state.

Built from `app.rehab.calendar.SessionRow` values on the GUI thread; a week holds a few dozen sessions,
so a QTableWidget filled in one go is simpler than a model and fast enough (a few ms).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.rehab.calendar import SessionRow

FIRST_HOUR, LAST_HOUR = 8, 18  # rows 8:00 … 17:00; earlier or later sessions go to the first/last row
SESSIONS_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_COLOURS = {"planned": "#E3F2FD", "attended": "#C8E6C9", "absent": "#FFE0B2", "cancelled": "#ECEFF1"}
WEEKDAYS = (QT_TRANSLATE_NOOP("WeekGrid", "Mon"), QT_TRANSLATE_NOOP("WeekGrid", "Tue"),
            QT_TRANSLATE_NOOP("WeekGrid", "Wed"), QT_TRANSLATE_NOOP("WeekGrid", "Thu"),
            QT_TRANSLATE_NOOP("WeekGrid", "Fri"), QT_TRANSLATE_NOOP("WeekGrid", "Sat"),
            QT_TRANSLATE_NOOP("WeekGrid", "Sun"))
SHORT_SERVICE = 28
TODAY_TINT, TODAY_INK = "#FFF8E1", "#00695C"


def session_state(row: SessionRow) -> str:
    """"cancelled", "attended" (everyone came), "absent" (all marked, someone missed) or "planned"."""
    if row.cancelled:
        return "cancelled"
    if row.attendance == "marked":
        return "attended" if all(p.attended for p in row.participants) else "absent"
    return "planned"


def short_service(name: str) -> str:
    return name if len(name) <= SHORT_SERVICE else name[:SHORT_SERVICE - 1].rstrip(" ,") + "…"


def cell_text(row: SessionRow, show_staff: bool) -> str:
    children = ", ".join(p.name for p in row.participants[:3])
    if len(row.participants) > 3:
        children += f" +{len(row.participants) - 3}"
    lines = [f"{row.starts_at:%H:%M}–{row.ends_at:%H:%M} {short_service(row.service)}", children]
    if show_staff:
        lines.append(row.staff_name)
    return "\n".join(lines)


class WeekGrid(QTableWidget):
    """Emits `session_activated(SessionRow)` on double-click; `selected_sessions()` for attendance."""

    session_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(LAST_HOUR - FIRST_HOUR, 6, parent)
        self.setObjectName("weekGrid")
        self.week_start = date.today() - timedelta(days=date.today().weekday())
        self.rows: list[SessionRow] = []
        self.by_id: dict[uuid.UUID, SessionRow] = {}
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.setVerticalHeaderLabels([f"{h}:00" for h in range(FIRST_HOUR, LAST_HOUR)])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMinimumSectionSize(44)
        self.cellDoubleClicked.connect(self._double_clicked)

    def show_week(self, week_start: date, rows: list[SessionRow], show_staff: bool) -> None:
        self.week_start = week_start
        self.rows = rows
        self.by_id = {row.id: row for row in rows}
        days = 7 if any(row.starts_at.weekday() == 6 for row in rows) else 6
        self.clearContents()
        self.setColumnCount(days)
        self.setHorizontalHeaderLabels([
            f"{QCoreApplication.translate('WeekGrid', WEEKDAYS[i])} {week_start + timedelta(days=i):%d.%m}"
            for i in range(days)])
        cells: dict[tuple[int, int], list[SessionRow]] = {}
        for row in rows:
            hour = min(max(row.starts_at.hour, FIRST_HOUR), LAST_HOUR - 1)
            cells.setdefault((hour - FIRST_HOUR, row.starts_at.weekday()), []).append(row)
        for (r, c), items in cells.items():
            item = QTableWidgetItem("\n".join(cell_text(x, show_staff) for x in items))
            states = [session_state(x) for x in items]
            state = next((s for s in ("planned", "absent", "attended") if s in states), "cancelled")
            item.setBackground(QBrush(QColor(STATE_COLOURS[state])))
            if state == "cancelled":
                font = item.font()
                font.setStrikeOut(True)
                item.setFont(font)
            item.setData(SESSIONS_ROLE, [x.id for x in items])
            item.setToolTip("\n\n".join(self._tooltip(x) for x in items))
            self.setItem(r, c, item)
        self._mark_today(days)
        self.resizeRowsToContents()

    def _mark_today(self, days: int) -> None:
        """Today's column stands out: a bold header saying «сегодня» and a tinted background."""
        column = (date.today() - self.week_start).days
        if not 0 <= column < days:
            return
        header = self.horizontalHeaderItem(column)
        header.setText(header.text() + " · " + self.tr("today"))
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        header.setForeground(QBrush(QColor(TODAY_INK)))
        for r in range(self.rowCount()):
            if self.item(r, column) is None:
                empty = QTableWidgetItem()
                empty.setBackground(QBrush(QColor(TODAY_TINT)))
                self.setItem(r, column, empty)

    def _tooltip(self, row: SessionRow) -> str:
        state = {"planned": self.tr("planned"), "attended": self.tr("attended"), "absent": self.tr("absent"),
                 "cancelled": self.tr("cancelled")}[session_state(row)]
        names = ", ".join(p.name + (f" ({p.absence_reason})" if p.absence_reason else "") for p in row.participants)
        return self.tr("{time} {service}\nSpecialist: {staff}\nChildren: {children}\nState: {state}").format(
            time=f"{row.starts_at:%d.%m.%Y %H:%M}", service=row.service, staff=row.staff_name,
            children=names, state=state)

    def sessions_at(self, r: int, c: int) -> list[SessionRow]:
        item = self.item(r, c)
        return [self.by_id[i] for i in (item.data(SESSIONS_ROLE) or [])] if item else []

    def _double_clicked(self, r: int, c: int) -> None:
        rows = self.sessions_at(r, c)
        if rows:
            self.session_activated.emit(rows[0])

    def select_day(self, day_index: int) -> None:
        self.clearSelection()
        self.selectColumn(day_index)

    def selected_sessions(self) -> list[SessionRow]:
        """Sessions in the selected cells (a selected column: the whole day), in time order."""
        chosen: dict[uuid.UUID, SessionRow] = {}
        for index in self.selectedIndexes():
            for row in self.sessions_at(index.row(), index.column()):
                chosen[row.id] = row
        return sorted(chosen.values(), key=lambda row: (row.starts_at, row.staff_name))
