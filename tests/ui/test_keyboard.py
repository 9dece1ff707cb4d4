"""Keyboard comfort: dialogs open on their first field, Esc asks before throwing edits away, typing into a
spin box or an editable combo replaces what it shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QSpinBox, QVBoxLayout, QWidget

from tests.ui.conftest import type_text
from tests.ui.dictionaries import test_dictionaries as dictionaries
from tests.ui.families import test_family_card as family_card
from ui.context import UiContext
from ui.forms import FormDialog
from ui.keyboard import is_field

WAIT = 20000
# The fixtures of the screens' own tests, shared rather than copied.
make_section, open_card = dictionaries.make_section, family_card.open_card
_family, _mother, _child, _dialog = family_card._family, family_card._mother, family_card._child, family_card._dialog
_open, _dictionary_dialog = dictionaries._open, dictionaries._dialog


def _focused_field(qtbot, dialog) -> QWidget:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and is_field(QApplication.focusWidget()),
                    timeout=WAIT)
    focused = QApplication.focusWidget()
    assert focused.window() is dialog
    return focused


def test_new_staff_member_opens_on_the_surname(qtbot, make_section, sqlite_world):
    section = make_section(sqlite_world.admin)
    editor = _open(qtbot, section, "staff")
    dialog = _dictionary_dialog(qtbot, editor, editor.add_button)
    assert _focused_field(qtbot, dialog) is dialog.field("last_name")
    dialog.reject()  # nothing typed: closes without a question
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    again = _dictionary_dialog(qtbot, editor, editor.add_button)
    assert _focused_field(qtbot, again) is again.field("last_name")


def test_child_profile_opens_on_a_field_not_on_cancel(qtbot, open_card, sqlite_database, sqlite_world):
    family_id = _family(sqlite_database, sqlite_world, [("mother", True, _mother()), ("child", False, _child())])
    card = open_card(family_id)
    tab = card.members_tab
    tab.table.selectRow(next(i for i, m in enumerate(tab.model.rows) if m.full_name.startswith("Иванов Пётр")))
    dialog = _dialog(qtbot, tab, tab.child_button)
    focused = _focused_field(qtbot, dialog)
    assert focused is not dialog.ok_button and focused.isVisible()


class _Form(FormDialog):
    """A minimal form: one text field and one spin box with a «—» placeholder."""

    def __init__(self, context: UiContext) -> None:
        super().__init__(context)
        self.name = QLineEdit()
        self.count = QSpinBox()
        self.count.setSpecialValueText("—")
        self.count.setRange(0, 99)
        layout = QVBoxLayout()
        layout.addWidget(self.name)
        layout.addWidget(self.count)
        self.body.addLayout(layout)
        self.saved = 0

    def save(self) -> None:
        self.saved += 1
        self.finish(None)


def _form(qtbot, worker, actor) -> _Form:
    form = _Form(UiContext(worker, actor))
    form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name, timeout=WAIT)
    return form


def _question(qtbot, form) -> QMessageBox:
    qtbot.waitUntil(lambda: form.unsaved_question is not None and form.unsaved_question.isVisible(), timeout=WAIT)
    return form.unsaved_question


def _press(box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    next(b for b in box.buttons() if box.buttonRole(b) == role).click()


def test_escape_on_an_untouched_form_closes_it(qtbot, worker, sqlite_world):
    form = _form(qtbot, worker, sqlite_world.specialist)
    QTest.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT)
    assert form.unsaved_question is None


def test_escape_after_an_edit_asks_and_can_keep_editing_discard_or_save(qtbot, worker, sqlite_world):
    form = _form(qtbot, worker, sqlite_world.specialist)
    type_text(form.name, "Кедровка")
    QTest.keyClick(form.name, Qt.Key.Key_Escape)
    _press(_question(qtbot, form), QMessageBox.ButtonRole.RejectRole)  # «Продолжить редактирование»
    qtbot.waitUntil(lambda: form.unsaved_question is None or not form.unsaved_question.isVisible(), timeout=WAIT)
    assert form.isVisible() and form.name.text() == "Кедровка"

    form.reject()  # Cancel or the window's cross take the same path
    _press(_question(qtbot, form), QMessageBox.ButtonRole.AcceptRole)  # «Сохранить»
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT)
    assert form.saved == 1

    other = _form(qtbot, worker, sqlite_world.specialist)
    type_text(other.name, "Б")
    other.reject()
    _press(_question(qtbot, other), QMessageBox.ButtonRole.DestructiveRole)  # «Не сохранять»
    qtbot.waitUntil(lambda: not other.isVisible(), timeout=WAIT)
    assert other.saved == 0


def test_values_set_by_the_program_are_not_unsaved_changes(qtbot, worker, sqlite_world):
    form = _form(qtbot, worker, sqlite_world.specialist)
    form.count.setFocus()
    form.count.setValue(5)  # e.g. a record read after the dialog opened, while the field has the focus
    form.name.setText("прочитано из базы")
    form.reject()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=WAIT)


def test_typing_into_a_spin_box_replaces_its_placeholder(qtbot, worker, sqlite_world):
    form = _form(qtbot, worker, sqlite_world.specialist)
    assert form.count.text() == "—"
    qtbot.mouseClick(form.count.lineEdit(), Qt.MouseButton.LeftButton)  # a click puts the cursor after «—»
    qtbot.waitUntil(lambda: form.count.lineEdit().hasSelectedText(), timeout=WAIT)
    QTest.keyClicks(form.count, "12")
    assert form.count.value() == 12
    assert form.dirty  # typed by the user: closing now would ask
