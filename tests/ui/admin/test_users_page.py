"""Administration → Users, driven through its widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import select

from app.accounts.users import MAX_FAILED_ATTEMPTS
from app.core.errors import AuthenticationFailed
from app.system.bootstrap import log_in
from db.models import Staff, User
from tests.ui.conftest import type_text
from tests.world import PASSWORD
from ui.admin.pages import admin_pages
from ui.admin.user_dialog import ResetPasswordDialog, UserDialog
from ui.admin.users_page import UsersPage
from ui.context import UiContext
from ui.forms import select_data
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture
def page(qtbot, sqlite_database, sqlite_world):
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    widget = UsersPage(UiContext(worker, sqlite_world.admin, "ГБУ", "Центральное отделение"))
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 3 and widget.choices is not None, timeout=WAIT)
    yield widget
    worker.stop()


def _select(page, login: str) -> None:
    row = next(i for i, r in enumerate(page.model.rows) if r.login == login)
    page.table.selectRow(row)


def _dialog(kind):
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def test_pages_are_registered():
    keys = [page.key for page in admin_pages()]
    assert "users" in keys and "audit" in keys


def test_list_shows_roles_and_states(page):
    texts = {row.login: [page.model.data(page.model.index(i, c)) for c in range(7)]
             for i, row in enumerate(page.model.rows)}
    assert texts["spec"][2] == "Специалист" and texts["spec"][3] == "Смирнова О.И."
    assert texts["admin"][6] == page.model.tr("Active")


def test_create_a_coordinator_with_offices(qtbot, page, sqlite_database, sqlite_world):
    page.new_button.click()
    dialog = _dialog(UserDialog)
    type_text(dialog.login, "ivanova")
    type_text(dialog.password, "first-pass-1")
    type_text(dialog.display_name, "Иванова Н.Н.")
    select_data(dialog.role, "coordinator")
    assert not dialog.working_role.isEnabled()
    dialog.offices.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(r.login == "ivanova" for r in page.model.rows), timeout=WAIT)
    row = next(r for r in page.model.rows if r.login == "ivanova")
    assert row.role == "coordinator" and row.office_ids == (sqlite_world.office_id,)
    assert log_in(sqlite_database, "ivanova", "first-pass-1").actor.office_ids == frozenset({sqlite_world.office_id})


def test_validation_messages_stay_in_the_dialog(qtbot, page):
    page.new_button.click()
    dialog = _dialog(UserDialog)
    type_text(dialog.login, "Плохой")
    select_data(dialog.role, "specialist")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.errors.message("login") != "", timeout=WAIT)
    assert "Логин" in dialog.errors.message("login")
    assert "Пароль" in dialog.errors.message("password")
    assert "Сотрудник" in dialog.errors.message("staff_id")
    assert dialog.isVisible()
    dialog.reject()


def test_give_the_administrator_a_working_role(qtbot, page, sqlite_database, sqlite_world):
    _select(page, "admin")
    page.edit_button.click()
    dialog = _dialog(UserDialog)
    assert dialog.working_role.isEnabled()
    select_data(dialog.working_role, "coordinator")
    dialog.ok_button.click()
    # #12: a coordinator with no office and no staff record sees no family — the dialog says so first
    box = dialog.question
    assert box.isVisible() and dialog.isVisible()
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    qtbot.waitUntil(lambda: next(r for r in page.model.rows if r.login == "admin").working_role == "coordinator",
                    timeout=WAIT)
    assert log_in(sqlite_database, "admin", PASSWORD).actor.case_role == "coordinator"


def test_reset_unlock_and_deactivate(qtbot, page, sqlite_database):
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthenticationFailed):
            log_in(sqlite_database, "coord", "wrong-password1")
    page.refresh()
    qtbot.waitUntil(lambda: next(r for r in page.model.rows if r.login == "coord").locked_until is not None,
                    timeout=WAIT)
    _select(page, "coord")
    assert page.unlock_button.isEnabled()
    page.unlock_button.click()
    qtbot.waitUntil(lambda: next(r for r in page.model.rows if r.login == "coord").locked_until is None,
                    timeout=WAIT)
    _select(page, "spec")
    page.reset_button.click()
    dialog = _dialog(ResetPasswordDialog)
    type_text(dialog.password, "temporary-1")
    type_text(dialog.repeat, "temporary-2")
    dialog.ok_button.click()
    assert dialog.errors.message("repeat") == dialog.tr("The two passwords differ — type the same password twice.")
    dialog.repeat.clear()
    type_text(dialog.repeat, "temporary-1")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: next(r for r in page.model.rows if r.login == "spec").must_change_password,
                    timeout=WAIT)
    assert log_in(sqlite_database, "spec", "temporary-1").must_change_password
    _select(page, "spec")
    page.active_button.click()
    qtbot.waitUntil(lambda: not next(r for r in page.model.rows if r.login == "spec").active, timeout=WAIT)
    with sqlite_database.read() as session:
        assert not session.execute(select(User.active).where(User.login == "spec")).scalar_one()
    qtbot.waitUntil(page.context.worker.is_idle, timeout=WAIT)  # no refresh pending that would drop the selection
    _select(page, "admin")
    qtbot.waitUntil(lambda: page.current() is not None and page.current().login == "admin", timeout=WAIT)
    assert page.active_button.isEnabled()
    page.active_button.click()  # one's own account: refused with a message

    def reported() -> bool:
        # The box is the page's child (window-modal): found among its children as well as the top-level windows.
        boxes = [*page.findChildren(QDialog), *QApplication.topLevelWidgets()]
        return any(isinstance(w, QDialog) and w.objectName() == "report" for w in boxes)

    qtbot.waitUntil(lambda: reported() and page.context.worker.is_idle(), timeout=WAIT)
    with sqlite_database.read() as session:
        assert session.execute(select(User.active).where(User.login == "admin")).scalar_one()


def test_a_specialist_with_a_new_staff_record_in_one_go(qtbot, page, sqlite_database, sqlite_world):
    """#12: no trip to Dictionaries → Staff first: the staff record is made in the account editor."""
    page.new_button.click()
    dialog = _dialog(UserDialog)
    type_text(dialog.login, "belova")
    type_text(dialog.password, "first-pass-1")
    type_text(dialog.display_name, "Белова Ирина Сергеевна")
    select_data(dialog.role, "specialist")
    dialog.new_staff.setChecked(True)
    assert dialog.staff_box.isVisible() and not dialog.staff.isEnabled()
    assert (dialog.staff_last.text(), dialog.staff_first.text(), dialog.staff_middle.text()) == (
        "Белова", "Ирина", "Сергеевна")
    dialog.ok_button.click()  # no position chosen: the message stands by the field, nothing is saved
    qtbot.waitUntil(lambda: dialog.errors.message("position_id") != "", timeout=WAIT)
    assert "Должность" in dialog.errors.message("position_id") and dialog.isVisible()
    with sqlite_database.read() as session:
        assert session.execute(select(Staff).where(Staff.last_name == "Белова")).first() is None
    dialog.staff_position.setCurrentIndex(dialog.staff_position.findText("Учитель-логопед"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: any(r.login == "belova" for r in page.model.rows), timeout=WAIT)
    row = next(r for r in page.model.rows if r.login == "belova")
    assert row.role == "specialist" and row.staff_name.startswith("Белова И.С.")
    actor = log_in(sqlite_database, "belova", "first-pass-1").actor
    with sqlite_database.read() as session:
        staff = session.get(Staff, actor.staff_id)
        assert (staff.last_name, staff.office_id) == ("Белова", sqlite_world.office_id)


def test_a_coordinator_without_offices_is_warned(qtbot, page):
    page.new_button.click()
    dialog = _dialog(UserDialog)
    type_text(dialog.login, "petrova")
    type_text(dialog.password, "first-pass-1")
    select_data(dialog.role, "coordinator")
    dialog.ok_button.click()
    box = dialog.question
    assert box.isVisible() and "ни одной семьи" in box.text()
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole).click()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT)
    assert dialog.isVisible() and not any(r.login == "petrova" for r in page.model.rows)
    dialog.offices.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.ok_button.click()  # with an office: no question
    qtbot.waitUntil(lambda: any(r.login == "petrova" for r in page.model.rows), timeout=WAIT)
