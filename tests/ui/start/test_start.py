"""First start, login and the main window, driven through the widgets."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWizard

from app.system.startup import prepare_database
from db.session import Database
from tests.ui.conftest import type_text
from tests.world import PASSWORD
from ui.context import UiContext
from ui.first_run import FirstRunWizard
from ui.login import FIRST_RUN, LoginDialog
from ui.main_window import MainWindow
from ui.worker import DatabaseWorker


def _worker(database: Database) -> DatabaseWorker:
    errors: list[BaseException] = []
    worker = DatabaseWorker(database, errors.append)
    worker.errors = errors  # type: ignore[attr-defined]
    return worker


def test_empty_database_goes_to_first_run_and_wizard_creates_admin(qtbot, tmp_path):
    database = Database.open(str(tmp_path / "fresh.db"))
    worker = _worker(database)
    dialog = LoginDialog(worker)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished, timeout=20000) as finished:
        pass
    assert finished.args == [FIRST_RUN]

    wizard = FirstRunWizard(worker)
    qtbot.addWidget(wizard)
    wizard.show()
    type_text(wizard.organization_page.organization, "ГБУ «Центр помощи семье»")
    type_text(wizard.organization_page.office, "Усть-Кутское отделение")
    wizard.next()
    wizard.places_page.add_row(("Усть-Кутский район", "Ручейское МО", "Ручей", "abc"))
    wizard.next()
    type_text(wizard.admin_page.full_name, "Петрова Анна")
    type_text(wizard.admin_page.login, "admin")
    type_text(wizard.admin_page.password, "strong-pass-1")
    type_text(wizard.admin_page.repeat, "strong-pass-1")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: not wizard.saving, timeout=20000)
    assert "Расстояние" in wizard.places_page.errors.text()
    assert wizard.currentPage() is wizard.places_page
    assert wizard.isVisible()

    wizard.places_page.table.item(0, 3).setText("120")
    wizard.next()
    with qtbot.waitSignal(wizard.finished, timeout=20000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QDialog.DialogCode.Accepted

    login = LoginDialog(worker)
    qtbot.addWidget(login)
    qtbot.waitUntil(lambda: login.ok_button.isEnabled(), timeout=20000)
    assert "Центр помощи семье" in login.organization.text()
    type_text(login.login_edit, "admin")
    type_text(login.password_edit, "strong-pass-1")
    with qtbot.waitSignal(login.accepted, timeout=20000):
        login.ok_button.click()
    assert login.result_login.actor.role == "admin"
    worker.stop()


def test_wrong_password_keeps_dialog_open_with_message(qtbot, sqlite_database):
    worker = _worker(sqlite_database)
    dialog = LoginDialog(worker)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=20000)
    type_text(dialog.login_edit, "spec")
    type_text(dialog.password_edit, "wrong-one-1")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=20000)
    assert "Неверный логин или пароль" in dialog.message.text()
    assert dialog.password_edit.text() == ""
    type_text(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.ok_button.click()
    assert dialog.result_login.actor.login == "spec"
    worker.stop()


def test_main_window_shows_sections_and_status(qtbot, sqlite_database, sqlite_world):
    worker = _worker(sqlite_database)
    state = prepare_database(sqlite_database)
    window = MainWindow(UiContext(worker, sqlite_world.specialist, state.organization, state.office))
    qtbot.addWidget(window)
    window.show()
    # A specialist has no Reports and no Administration (tests/ui/test_lock.py covers each role).
    assert window.navigation.count() == 5
    assert "Центральное отделение" in window.office_label.text()
    assert sqlite_database.location in window.database_label.text()
    worker.stop()


def test_sections_are_built_when_first_shown(qtbot, sqlite_database, sqlite_world):
    from PySide6.QtWidgets import QLabel

    from ui.screens import section_screens

    worker = _worker(sqlite_database)
    built: list[str] = []

    def recording(key, factory):
        def build(context):
            built.append(key)
            return factory(context)
        return build

    screens = {key: recording(key, factory) for key, factory in section_screens().items()}
    window = MainWindow(UiContext(worker, sqlite_world.specialist), screens)
    qtbot.addWidget(window)
    assert built == ["families"]
    window.show_section("events")
    assert built == ["families", "events"]
    assert window.stack.currentWidget() is window.section("events")
    assert not isinstance(window.section("visits"), QLabel) and built[-1] == "visits"
    assert window.stack.currentWidget() is window.section("events")
    worker.stop()
