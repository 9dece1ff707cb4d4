"""The first-run wizard fixes the installation's exchange identity: the regional centre or an office (#16)."""

from __future__ import annotations

import os
import uuid

import pytest
from PySide6.QtWidgets import QDialog, QPushButton, QWizard
from sqlalchemy import func, select

from app.exchange import partners
from app.exchange.partners import IdentityRow, key_file_text
from app.system.startup import prepare_database
from db.models import User
from db.models.exchange import ExchangePartner
from db.session import Database
from tests.ui.conftest import type_text
from ui import generated_files
from ui.first_run import FirstRunWizard
from ui.worker import DatabaseWorker


@pytest.fixture
def workers():
    """Every worker a test starts is stopped, also when the test fails half-way (a running thread would crash
    a later test)."""
    started: list[DatabaseWorker] = []
    yield started
    for worker in started:
            worker.database.dispose()


def _wizard(qtbot, tmp_path, workers) -> tuple[FirstRunWizard, DatabaseWorker]:
    errors: list[BaseException] = []
    database = Database.open(str(tmp_path / "fresh.db"))
    prepare_database(database)  # as the login dialog does before it offers the first run
    worker = DatabaseWorker(database, errors.append)
    workers.append(worker)
    wizard = FirstRunWizard(worker)
    qtbot.addWidget(wizard)
    wizard.show()
    type_text(wizard.organization_page.organization, "ГБУ «Центр помощи семье и детям»")
    wizard.next()
    assert wizard.currentPage() is wizard.identity_page
    return wizard, worker


def _finish(qtbot, wizard: FirstRunWizard, login: str = "admin") -> None:
    wizard.next()  # places: none
    assert wizard.currentPage() is wizard.admin_page
    type_text(wizard.admin_page.login, login)
    type_text(wizard.admin_page.password, "strong-pass-1")
    type_text(wizard.admin_page.repeat, "strong-pass-1")
    wizard.button(QWizard.WizardButton.FinishButton).click()


def _key_file(tmp_path, office_code: str = "ОТД-3", name: str = "Моршанское отделение"):
    centre = IdentityRow(uuid.uuid4(), partners.CENTRE, "ЦЕНТР", "ГБУ «Центр помощи семье и детям»")
    office_id = uuid.uuid4()
    path = tmp_path / f"{office_code}.opora-key"
    path.write_text(key_file_text(centre, office_id, office_code, name, os.urandom(32)), encoding="utf-8")
    return path, centre, office_id


def test_centre_with_its_code_and_name(qtbot, tmp_path, workers):
    wizard, worker = _wizard(qtbot, tmp_path, workers)
    page = wizard.identity_page
    assert page.centre.isChecked() and page.code.isEnabled() and not page.key_file.isEnabled()
    assert page.name.text() == "ГБУ «Центр помощи семье и детям»"  # proposed from the first page
    page.code.clear()
    type_text(page.code, "ЦЕНТР ТМБ")  # a space: refused when leaving the page, the field named
    page.name.clear()
    wizard.next()
    assert wizard.currentPage() is page
    assert "«Код»" in page.errors.text() and "«Название»" in page.errors.text()
    page.code.clear()
    type_text(page.code, "ЦЕНТР-ТМБ")
    type_text(page.name, "Областной центр")
    wizard.back()  # what was typed survives going back and forth
    wizard.next()
    assert page.code.text() == "ЦЕНТР-ТМБ" and page.name.text() == "Областной центр"
    wizard.next()
    assert page.errors.text() == ""
    with qtbot.waitSignal(wizard.finished, timeout=20000):
        _finish(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted
    with worker.database.read() as session:
        identity = partners.current_identity(session)
    assert identity is not None and identity.is_centre
    assert (identity.code, identity.name) == ("ЦЕНТР-ТМБ", "Областной центр")
    # The centre can register its offices at once (the administrator just created).
    actor = wizard.result_login.actor
    with worker.database.write() as session:
        partners.register_office(session, actor, "ОТД-1", "Первое отделение", tmp_path / "keys" / "1.opora-key")
    assert (tmp_path / "keys" / "1.opora-key").exists()


def test_office_with_the_key_file_its_centre_issued(qtbot, tmp_path, workers, monkeypatch):
    wizard, worker = _wizard(qtbot, tmp_path, workers)
    page = wizard.identity_page
    page.office.click()
    assert page.key_file.isEnabled() and not page.code.isEnabled()
    type_text(page.key_file, str(tmp_path / "нет такого.opora-key"))
    wizard.next()
    assert wizard.currentPage() is page and "не найден" in page.errors.text()
    other = tmp_path / "report.xlsx"
    other.write_bytes(b"PK\x03\x04 not a key")
    page.key_file.setText(str(other))
    wizard.next()
    assert wizard.currentPage() is page and "не является ключом обмена" in page.errors.text()
    key, centre, office_id = _key_file(tmp_path)
    monkeypatch.setattr(generated_files, "ask_open_path", lambda *args: key)  # the file dialog answers
    page.findChild(QPushButton, "choose_key").click()
    assert page.key_file.text() == str(key)
    wizard.next()
    assert wizard.currentPage() is wizard.places_page and page.errors.text() == ""
    with qtbot.waitSignal(wizard.finished, timeout=20000):
        _finish(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted
    with worker.database.read() as session:
        identity = partners.current_identity(session)
        centre_partner = session.execute(select(ExchangePartner)).scalar_one()
        assert (centre_partner.id, centre_partner.role, centre_partner.code) == (centre.id, partners.CENTRE, "ЦЕНТР")
    assert identity is not None and not identity.is_centre
    assert (identity.id, identity.code, identity.name) == (office_id, "ОТД-3", "Моршанское отделение")


def test_office_loading_its_key_later(qtbot, tmp_path, workers):
    wizard, worker = _wizard(qtbot, tmp_path, workers)
    wizard.identity_page.office.click()
    wizard.next()
    with qtbot.waitSignal(wizard.finished, timeout=20000):
        _finish(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted
    with worker.database.read() as session:
        assert partners.current_identity(session) is None  # nothing fixed until the centre's key is loaded
    key, _, office_id = _key_file(tmp_path)
    with worker.database.write() as session:
        partners.join_centre(session, wizard.result_login.actor, key)
    with worker.database.read() as session:
        assert partners.current_identity(session).id == office_id


def test_key_file_gone_before_finish_keeps_nothing_and_returns_to_the_page(qtbot, tmp_path, workers):
    wizard, worker = _wizard(qtbot, tmp_path, workers)
    page = wizard.identity_page
    page.office.click()
    key, _, _ = _key_file(tmp_path)
    type_text(page.key_file, str(key))
    wizard.next()
    assert wizard.currentPage() is wizard.places_page
    key.unlink()  # a USB stick pulled out while the administrator typed the password
    _finish(qtbot, wizard)
    qtbot.waitUntil(lambda: "не найден" in page.errors.text(), timeout=20000)
    assert wizard.isVisible() and wizard.currentPage() is page
    with worker.database.read() as session:
        assert session.execute(select(func.count()).select_from(User)).scalar_one() == 0  # one unit of work
        assert partners.current_identity(session) is None
    # The centre chosen instead: the same wizard finishes.
    page.centre.click()
    wizard.next()
    with qtbot.waitSignal(wizard.finished, timeout=20000):
        _finish(qtbot, wizard, login="admin")
    assert wizard.result() == QDialog.DialogCode.Accepted
    with worker.database.read() as session:
        assert partners.current_identity(session).code == "ЦЕНТР"
