"""Encryption in the GUI: the first-run choice, the login of an encrypted database, the admin page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QWizard

from app.system.backups import make_backup
from app.system.encryption import SSD_NOTE, plain_backups
from db import cipher
from db.session import Database
from tests.ui.conftest import type_text
from tests.world import PASSWORD
from ui.admin.section import AdminSection
from ui.context import UiContext
from ui.first_run import FirstRunWizard
from ui.login import FIRST_RUN, LoginDialog
from ui.worker import DatabaseWorker


@pytest.fixture(autouse=True)
def _own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPORA_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))


def _worker(database: Database) -> DatabaseWorker:
    errors: list[BaseException] = []
    worker = DatabaseWorker(database, errors.append)
    worker.errors = errors  # type: ignore[attr-defined]
    return worker


def _sign_in(qtbot, worker: DatabaseWorker, login: str, password: str) -> LoginDialog:
    dialog = LoginDialog(worker)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=20000)
    type_text(dialog.login_edit, login)
    type_text(dialog.password_edit, password)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.ok_button.click()
    return dialog


def test_first_run_with_encryption_then_sign_in_with_the_stored_key(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "fresh.db"
    worker = _worker(Database.open(str(path)))
    dialog = LoginDialog(worker)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.finished, timeout=20000) as finished:
        pass
    assert finished.args == [FIRST_RUN]
    wizard = FirstRunWizard(worker)
    qtbot.addWidget(wizard)
    wizard.show()
    type_text(wizard.organization_page.organization, "Центр «Тайна»")
    wizard.next()
    wizard.next()  # the exchange identity: the regional centre, as proposed
    wizard.next()
    assert wizard.admin_page.encrypt.isVisible() and not wizard.admin_page.encrypt.isChecked()
    wizard.admin_page.encrypt.setChecked(True)
    type_text(wizard.admin_page.login, "boss")
    type_text(wizard.admin_page.password, "strong-pass-1")
    type_text(wizard.admin_page.repeat, "strong-pass-1")
    with qtbot.waitSignal(wizard.finished, timeout=20000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert cipher.is_encrypted_file(path) and "Тайна".encode() not in path.read_bytes()
    assert _sign_in(qtbot, worker, "boss", "strong-pass-1").result_login.actor.is_admin
    worker.stop()
    worker.database.dispose()

    # The next start: a new handle finds the key by itself.
    again = _worker(Database.open(str(path)))
    assert "Тайна" in _sign_in(qtbot, again, "boss", "strong-pass-1").organization.text()
    again.stop()
    again.database.dispose()

    # Another Windows account, or the file copied to another PC: no key, a message saying what to do.
    monkeypatch.setenv("OPORA_KEY_DIR", str(tmp_path / "no-keys"))
    stranger = _worker(Database.open(str(path)))
    refused = LoginDialog(stranger)
    qtbot.addWidget(refused)
    qtbot.waitUntil(lambda: "зашифрована" in refused.message.text(), timeout=20000)
    assert "opora key import" in refused.message.text()
    assert not refused.ok_button.isEnabled()
    stranger.stop()


def _page(qtbot, database: Database, actor) -> tuple[AdminSection, object, DatabaseWorker]:
    worker = _worker(database)
    section = AdminSection(UiContext(worker, actor))
    qtbot.addWidget(section)
    page = section.show_page("encryption")
    qtbot.waitUntil(lambda: page.status is not None, timeout=20000)
    return section, page, worker


def test_admin_encrypts_exports_the_key_and_deletes_old_plain_backups(qtbot, sqlite_database, sqlite_world,
                                                                      tmp_path):
    old = make_backup(sqlite_database, actor=sqlite_world.admin)
    section, page, worker = _page(qtbot, sqlite_database, sqlite_world.admin)
    section.show()
    # Texts of this page are checked by what they carry (paths, ids, app messages), not by wording.
    assert not page.status.encrypted and sqlite_database.location in page.details.text()
    assert page.encrypt_button.isEnabled() and not page.export_button.isEnabled()
    box = page.ask_encrypt()
    assert len(box.buttons()) == 3
    box.close()
    page.encrypt(None)
    qtbot.waitUntil(lambda: page.status is not None and page.status.encrypted, timeout=30000)
    assert sqlite_database.is_encrypted and cipher.is_encrypted_file(sqlite_database.sqlite_path)
    assert page.status.key_id in page.details.text() and str(page.status.key_file) in page.details.text()
    assert SSD_NOTE in page.message.text()  # the plain original was zeroed, and what that cannot promise
    assert page.backups_warning.isVisible() and old.name in page.backups_warning.text()
    assert page.export_button.isEnabled() and page.delete_button.isEnabled()
    section.grab().save(str(tmp_path / "encryption_page.png"))

    target = tmp_path / "exported.key"
    page.export_to(target)
    qtbot.waitUntil(lambda: str(target) in page.message.text(), timeout=20000)
    assert target.exists() and page.status.key_id in target.read_text(encoding="utf-8")

    page.delete_backups()
    qtbot.waitUntil(lambda: not old.exists() and page.status is not None and not page.status.plain_backups,
                    timeout=20000)
    assert not page.backups_warning.isVisible() and not page.delete_button.isEnabled()
    assert not old.exists() and plain_backups() == []
    assert worker.errors == []
    worker.stop()


def test_a_coordinator_sees_the_state_but_cannot_act(qtbot, sqlite_database, sqlite_world):
    _section, page, worker = _page(qtbot, sqlite_database, sqlite_world.coordinator)
    assert not page.encrypt_button.isEnabled() and not page.export_button.isEnabled()
    assert page.message.text()
    page.encrypt(None)  # even if a button were reached, the service refuses
    qtbot.waitUntil(lambda: "только администратор" in page.message.text(), timeout=20000)
    assert not cipher.is_encrypted_file(sqlite_database.sqlite_path)
    worker.stop()


def test_sign_in_to_an_encrypted_test_database(qtbot, sqlite_database, sqlite_world):
    from app.system.encryption import encrypt_database

    encrypt_database(sqlite_database, sqlite_world.admin)
    path = sqlite_database.sqlite_path
    sqlite_database.dispose()
    worker = _worker(Database.open(str(path)))
    assert _sign_in(qtbot, worker, "spec", PASSWORD).result_login.actor.login == "spec"
    worker.stop()
    worker.database.dispose()
