"""The main window: navigation on the left, one screen per section, a status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.accounts.users import LoginSummary, login_summary
from app.core.actor import ROLE_TITLES
from app.core.permissions import MANAGE_USERS, RUN_REPORTS, VIEW_RECORDS, allowed
from app.system.installation import InstallationInfo
from ui import style
from ui.context import UiContext
from ui.lock import AutoLock
from ui.ops import run_query
from ui.password_dialog import PasswordDialog
from ui.resources import icon
from ui.restart import request_restart
from ui.worker import alive

NAVIGATION_INK = "#CFD8DC"
# Which sections a role sees: the services refuse the rest anyway, this spares dead ends.
SECTION_PERMISSION = {"today": VIEW_RECORDS, "families": VIEW_RECORDS, "visits": VIEW_RECORDS, "sessions": VIEW_RECORDS,
                      "events": VIEW_RECORDS, "reports": RUN_REPORTS, "admin": MANAGE_USERS,
                      "exchange": RUN_REPORTS}  # administrator and coordinator


def short_location(location: str) -> str:
    """«/home/…/Opora/opora.db» → «opora.db»; «postgresql+psycopg://opora@server:5432/opora» → «server:5432/opora»."""
    if "://" in location:
        return location.split("://", 1)[1].split("@")[-1]
    return PurePath(location).name or location


class PendingSection(QWidget):
    """A section that a later version fills; says so plainly instead of showing empty controls."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        style.section_title(heading)
        body = QLabel(text)
        body.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)


class MainWindow(QMainWindow):
    def __init__(self, context: UiContext, screens: dict[str, Callable[[UiContext], QWidget]] | None = None) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(self.tr("Opora"))
        self.setWindowIcon(icon("opora"))
        self.resize(1280, 760)
        self.setMinimumSize(1024, 640)
        self.navigation = QListWidget()
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setObjectName("navigation")
        style.navigation(self.navigation)
        self.navigation.setFixedWidth(210)
        self.stack = QStackedWidget()
        screens = screens or {}
        pending = self.tr("This section arrives in a later version of Opora.")
        # Section key (also its icon's name) → title, in the order of the navigation list.
        titles = {
            "today": self.tr("Today"),
            "families": self.tr("Families"),
            "visits": self.tr("Visits and trips"),
            "sessions": self.tr("Sessions"),
            "events": self.tr("Events"),
            "reports": self.tr("Reports"),
            "dictionaries": self.tr("Dictionaries"),
            "exchange": self.tr("Data exchange"),
            "admin": self.tr("Administration"),
        }
        sections = [(key, title) for key, title in titles.items()
                    if key not in SECTION_PERMISSION or allowed(context.actor, SECTION_PERMISSION[key])]
        self.section_keys: list[str] = []
        # Sections are built when first shown: each one reads its lists on the single database
        # thread, and building them all at login would queue their reads ahead of the registry.
        self._factories: dict[int, Callable[[UiContext], QWidget]] = {}
        for key, title in sections:
            item = QListWidgetItem(icon(key, NAVIGATION_INK), title)
            item.setSizeHint(QSize(200, 40))
            self.navigation.addItem(item)
            factory = screens.get(key)
            if factory is not None:
                self._factories[self.stack.count()] = factory
                self.stack.addWidget(QWidget())
            else:
                self.stack.addWidget(PendingSection(title, pending))
            self.section_keys.append(key)
        self.navigation.currentRowChanged.connect(self._show_row)
        for row in range(min(len(self.section_keys), 9)):  # Ctrl+1 … Ctrl+9: the sections in their order
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(lambda row=row: self.navigation.setCurrentRow(row))
            self.navigation.item(row).setToolTip(f"Ctrl+{row + 1}")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.navigation.setCurrentRow(0)
        self._fill_status_bar()
        self.lock = AutoLock(self, context)
        self.password_dialog: PasswordDialog | None = None
        self._fill_menu()
        self._read_login_summary()

    def _fill_status_bar(self) -> None:
        actor = self.context.actor
        role = ROLE_TITLES.get(actor.role, actor.role)
        self.user_label = QLabel(self.tr("User: {name} ({role})").format(name=actor.display_name, role=role))
        self.office_label = QLabel(self.tr("Office: {office}").format(office=self.context.office or "—"))
        location = self.context.database_location
        # The file's name only: a long path pushed the other messages off a 1366-pixel screen (all in the tooltip).
        self.database_label = QLabel(self.tr("Database: {location}").format(location=short_location(location)))
        self.database_label.setToolTip(location)
        self.login_label = QLabel(objectName="login_summary")
        for label in (self.user_label, self.office_label, self.database_label, self.login_label):
            style.status_label(label)
        for label in (self.user_label, self.office_label, self.login_label):
            self.statusBar().addWidget(label)
        self.statusBar().addPermanentWidget(self.database_label)

    def _fill_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&User"))
        self.change_password_action = menu.addAction(icon("lock"), self.tr("Change password…"))
        self.change_password_action.triggered.connect(lambda: self.change_password())
        self.lock_action = menu.addAction(icon("lock"), self.tr("Lock"))
        self.lock_action.setShortcut(self.tr("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock.lock)
        self.switch_action = menu.addAction(icon("user"), self.tr("Switch user…"))
        self.switch_action.triggered.connect(self.switch_user)
        menu.addSeparator()
        self.exit_action = menu.addAction(icon("logout"), self.tr("Exit"))
        self.exit_action.triggered.connect(self.close)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.guide_action = help_menu.addAction(icon("info"), self.tr("User guide"))
        self.guide_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        # F1 works in every window of the application (editors are windows of their own).
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addSeparator()
        self.about_action = help_menu.addAction(icon("info"), self.tr("About Opora…"))
        self.about_action.triggered.connect(self.show_about)
        self.about_dialog: QWidget | None = None

    def show_guide(self) -> None:
        """The user guide at the topic of the section on screen."""
        from ui.help import SECTION_TOPICS, open_help

        row = self.navigation.currentRow()
        key = self.section_keys[row] if 0 <= row < len(self.section_keys) else ""
        open_help(SECTION_TOPICS.get(key))

    def show_about(self) -> None:
        """Reads sizes and the backup folder on the worker (a slow or network disk must not freeze the window);
        a second click while the dialog is open brings that one forward."""
        from app.system.installation import installation_info

        if self.about_dialog is not None:
            self.about_dialog.raise_()
            self.about_dialog.activateWindow()
            return
        self.context.worker.submit(installation_info, alive(self, self._open_about))

    def _open_about(self, info: InstallationInfo) -> None:
        from ui.about import AboutDialog

        if self.about_dialog is not None:
            return
        dialog = AboutDialog(info, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: setattr(self, "about_dialog", None))
        self.about_dialog = dialog
        dialog.open()

    def _read_login_summary(self) -> None:
        actor = self.context.actor
        # Only a courtesy line in the status bar: a failure to read it is not worth a message.
        run_query(self, self.context, lambda session: login_summary(session, actor), self._show_login_summary,
                  lambda _error: None)

    def _show_login_summary(self, summary: LoginSummary) -> None:
        """The previous sign-in and failed attempts since, in the status bar (not a dialog to dismiss)."""
        if summary.previous_login_at is None:
            text = self.tr("This is your first sign-in.")
        else:
            moment = summary.previous_login_at.astimezone()
            text = self.tr("Previous sign-in: {time}.").format(time=f"{moment:%d.%m.%Y %H:%M}")
        if summary.failed_attempts_since:
            text += " " + self.tr("Failed attempts: {count} — if not you, tell the administrator.").format(
                count=summary.failed_attempts_since)
            style.text_color(self.login_label, style.ERROR)
        self.login_label.setText(text)
        self.login_label.setToolTip(text)
        if summary.must_change_password:
            self.change_password(forced=True)

    def change_password(self, forced: bool = False) -> None:
        dialog = PasswordDialog(self.context, self, forced=forced)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Your password was changed."), 10000))
        if forced:
            dialog.rejected.connect(request_restart)
        self.password_dialog = dialog
        dialog.finished.connect(lambda _code: setattr(self, "password_dialog", None))
        dialog.open()

    def switch_user(self) -> None:
        if not self.lock.switch_from_menu():
            self.statusBar().showMessage(self.tr("Close the open windows first (save or discard their changes)."),
                                         10000)

    def _show_row(self, row: int) -> None:
        factory = self._factories.pop(row, None)
        if factory is not None:
            placeholder = self.stack.widget(row)
            screen = factory(self.context)
            counts = getattr(screen, "counts_changed", None)
            if counts is not None:
                counts.connect(self.show_counts)
            self.stack.insertWidget(row, screen)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self.stack.setCurrentIndex(row)

    def show_counts(self, counts: dict[str, int]) -> None:
        """What waits in each section, after its title in the side bar («Занятия · 3»)."""
        for row, key in enumerate(self.section_keys):
            if key in counts:
                item = self.navigation.item(row)
                title = item.text().split(" · ")[0]
                item.setText(f"{title} · {counts[key]}" if counts[key] else title)

    def section(self, key: str) -> QWidget:
        """The section's screen, building it if it was not shown yet."""
        row = self.section_keys.index(key)
        if row in self._factories:
            current = self.navigation.currentRow()
            self._show_row(row)
            self.stack.setCurrentIndex(current)
        return self.stack.widget(row)

    def show_section(self, key: str) -> None:
        self.navigation.setCurrentRow(self.section_keys.index(key))
