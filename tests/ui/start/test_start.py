"""First start, login and the main window, driven through the widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QWizard
from sqlalchemy import select

from app.system.startup import prepare_database
from db.models import Settlement
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


def _type_cell(wizard: FirstRunWizard, row: int, column: int, text: str) -> None:
    """Type into a places cell the way a user does: open its editor, type, press Enter."""
    table = wizard.places_page.table
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    [editor] = [w for w in table.findChildren(QLineEdit) if w.isVisible()]
    editor.selectAll()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)


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
    type_text(wizard.organization_page.office, "Моршанское отделение")
    wizard.next()
    assert wizard.currentPage() is wizard.identity_page
    wizard.next()  # the regional centre, as proposed (tests/ui/start/test_first_run_identity.py)
    page = wizard.places_page
    add = page.findChild(QPushButton, "add_place")
    add.click()  # #12: every click raised an error (clicked(bool) reached add_row as the row's values)
    add.click()
    add.click()
    assert page.table.rowCount() == 3 and worker.errors == []
    assert not add.autoDefault() and not page.findChild(QPushButton, "remove_place").autoDefault()
    for column, text in enumerate(("Моршанский район", "Сосновский поссовет", "р.п. Сосновка", "abc")):
        _type_cell(wizard, 0, column, text)
    _type_cell(wizard, 1, 2, "Ракша")  # a settlement without its district
    page.table.setCurrentCell(2, 0)
    page.findChild(QPushButton, "remove_place").click()
    assert page.table.rowCount() == 2
    wizard.next()  # rows are checked when leaving the page, not only at «Finish»
    assert wizard.currentPage() is page
    assert "Строка 1" in page.errors.text() and "Расстояние" in page.errors.text()
    assert "Строка 2" in page.errors.text() and "Район" in page.errors.text()
    _type_cell(wizard, 0, 3, "12,5")
    _type_cell(wizard, 1, 0, "Моршанский район")
    wizard.back()
    wizard.next()
    assert page.table.rowCount() == 2 and page.table.item(0, 2).text() == "р.п. Сосновка"  # kept after Back
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page and page.errors.text() == ""
    type_text(wizard.admin_page.full_name, "Петрова Анна")
    type_text(wizard.admin_page.login, "admin")
    type_text(wizard.admin_page.password, "strong-pass-1")
    type_text(wizard.admin_page.repeat, "strong-pass-2")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "не совпадают" in wizard.admin_page.errors.text() or "match" in wizard.admin_page.errors.text()
    wizard.admin_page.repeat.clear()
    type_text(wizard.admin_page.repeat, "strong-pass-1")
    with qtbot.waitSignal(wizard.finished, timeout=20000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.result_login is not None and wizard.result_login.actor.role == "admin"
    with database.read() as session:
        places = session.execute(select(Settlement.name, Settlement.distance_km).order_by(Settlement.name)).all()
    assert places == [("Ракша", None), ("р.п. Сосновка", 12.5)]

    # The administrator just created is signed in without typing the password again.
    login = LoginDialog(worker, signed_in=wizard.result_login)
    qtbot.addWidget(login)
    with qtbot.waitSignal(login.accepted, timeout=20000):
        pass
    assert login.result_login is wizard.result_login

    # And later starts ask for it as usual.
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
    assert window.navigation.count() == 6  # «Сегодня» first
    assert "Центральное отделение" in window.office_label.text()
    assert sqlite_database.location == window.database_label.toolTip()  # the whole path; the text names the file
    assert sqlite_database.sqlite_path.name in window.database_label.text()
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
    assert built == ["today"]  # the first screen after sign-in
    window.show_section("events")
    assert built == ["today", "events"]
    assert window.stack.currentWidget() is window.section("events")
    assert not isinstance(window.section("visits"), QLabel) and built[-1] == "visits"
    assert window.stack.currentWidget() is window.section("events")
    worker.stop()
