"""The pages of the Administration section, in the order the list shows them.

Each page module owns one widget built as `Page(context)`; adding a page is one entry here.
A page that only an administrator may use says so itself (the services check it too).
Pages that show data after a change implement `on_changes(areas)`; pages that write emit
`saved(areas)` like every other screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.context import UiContext


@dataclass(frozen=True)
class AdminPage:
    key: str
    title: str
    icon: str
    build: Callable[[UiContext], QWidget]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdminPages", text)


def admin_pages() -> list[AdminPage]:
    """The pages in list order; each page's module is imported only when its page is first shown."""
    pages: list[AdminPage] = []
    pages.append(AdminPage("encryption", _tr("Encryption"), "lock",
                           lambda context: import_module("ui.admin.encryption_page").EncryptionPage(context)))
    pages.append(AdminPage("backups", _tr("Backups"), "backup",
                           lambda context: import_module("ui.admin.backups_page").BackupsPage(context)))
    pages.append(AdminPage("indicators", _tr("Report indicators"), "reports",
                           lambda context: import_module("ui.admin.indicators_page").IndicatorsPage(context)))
    pages.append(AdminPage("users", _tr("Users"), "user",
                           lambda context: import_module("ui.admin.users_page").UsersPage(context)))
    pages.append(AdminPage("audit", _tr("Audit log"), "info",
                           lambda context: import_module("ui.admin.audit_page").AuditLogPage(context)))
    return pages
