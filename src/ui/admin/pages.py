"""The pages of the Administration section, in the order the list shows them.

Each page module owns one widget built as `Page(context)`; adding a page is one entry here.
A page that only an administrator may use says so itself (the services check it too).
Pages write through `ui.ops.run_op` (which announces the changed areas once) and subscribe to the
areas they show on `context.changes`, like every other screen.
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


def _page(key: str, title: str, icon: str, module: str, widget: str) -> AdminPage:
    return AdminPage(key, title, icon, lambda context: getattr(import_module(module), widget)(context))


def admin_pages() -> list[AdminPage]:
    """The pages in list order; each page's module is imported only when its page is first shown."""
    # Literal translate() calls: lupdate finds the titles only in this form.
    return [
        _page("users", QCoreApplication.translate("AdminPages", "Users"), "user",
              "ui.admin.users_page", "UsersPage"),
        _page("audit", QCoreApplication.translate("AdminPages", "Audit log"), "info",
              "ui.admin.audit_page", "AuditLogPage"),
        _page("backups", QCoreApplication.translate("AdminPages", "Backups"), "backup",
              "ui.admin.backups_page", "BackupsPage"),
        _page("encryption", QCoreApplication.translate("AdminPages", "Encryption"), "lock",
              "ui.admin.encryption_page", "EncryptionPage"),
        _page("indicators", QCoreApplication.translate("AdminPages", "Report indicators"), "reports",
              "ui.admin.indicators_page", "IndicatorsPage"),
        _page("deadlines", QCoreApplication.translate("AdminPages", "Deadlines"), "calendar",
              "ui.admin.deadlines_page", "DeadlinesPage"),
        _page("instruments", QCoreApplication.translate("AdminPages", "Assessment instruments"), "check",
              "ui.admin.instruments_page", "InstrumentsPage"),
    ]
