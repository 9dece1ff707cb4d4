"""The Administration section: the list of pages on the left, the chosen page on the right.

Pages are built when first chosen, so the section costs nothing until it is used.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QStackedWidget, QVBoxLayout, QWidget

from ui import style
from ui.admin.pages import AdminPage, admin_pages
from ui.context import UiContext
from ui.resources import icon

KEY_ROLE = Qt.ItemDataRole.UserRole


class AdminSection(QWidget):
    """Pages write through `ui.ops` and subscribe to the changes they show themselves; nothing is relayed here."""

    def __init__(self, context: UiContext) -> None:
        super().__init__()
        self.context = context
        self.pages: dict[str, AdminPage] = {page.key: page for page in admin_pages()}
        self.built: dict[str, QWidget] = {}
        self._build()
        if self.list.count():
            self.list.setCurrentRow(0)

    def _build(self) -> None:
        title = QLabel(self.tr("Administration"))
        style.section_title(title)
        self.list = QListWidget(objectName="admin_pages")
        self.list.setMinimumWidth(200)
        self.list.setMaximumWidth(260)
        for page in self.pages.values():
            item = QListWidgetItem(icon(page.icon), page.title)
            item.setData(KEY_ROLE, page.key)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._show_current)
        self.stack = QStackedWidget()
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(body, 1)

    def show_page(self, key: str) -> QWidget:
        for row in range(self.list.count()):
            if self.list.item(row).data(KEY_ROLE) == key:
                self.list.setCurrentRow(row)
        return self.built[key]

    def _show_current(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        key = item.data(KEY_ROLE)
        if key not in self.built:
            page = self.pages[key].build(self.context)
            self.built[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(self.built[key])
