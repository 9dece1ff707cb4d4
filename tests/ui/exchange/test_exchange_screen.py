"""«Обмен данными» driven through its widgets: set-up, a package made and loaded, a conflict decided."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, text

from app.exchange import partners
from app.system.bootstrap import open_database
from db.models import Family
from db.session import Database
from tests.app.exchange.conftest import exchange_template
from tests.app.exchange.test_exchange_postgres import PG_URL, pg_centre
from tests.ui.conftest import type_text
from tests.world import load_world
from ui.context import UiContext
from ui.exchange import ExchangeSection
from ui.worker import DatabaseWorker

__all__ = ["exchange_template", "pg_centre"]  # the fixtures, shared with tests/app/exchange
WAIT = 30000


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("OPORA_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def two(exchange_template: Path, tmp_path: Path):
    databases = []
    for name in ("centre", "office"):
        (tmp_path / name).mkdir()
        shutil.copyfile(exchange_template, tmp_path / name / "opora.db")
        databases.append(open_database(str(tmp_path / name / "opora.db")))
    yield databases
    for database in databases:
        database.dispose()


@pytest.fixture
def make_screen(qtbot):
    workers: list[DatabaseWorker] = []

    def make(database: Database, actor) -> ExchangeSection:
        worker = DatabaseWorker(database, lambda error: None)
        workers.append(worker)
        screen = ExchangeSection(UiContext(worker, actor, "ГБУ", "Центральное отделение"))
        qtbot.addWidget(screen)
        screen.resize(1100, 650)
        screen.show()
        return screen

    yield make
    for worker in workers:
        worker.stop()


def test_set_up_centre_register_office_exchange_and_decide(two, make_screen, qtbot, tmp_path):
    centre_db, office_db = two
    with centre_db.read() as session:
        world = load_world(session)
    # The administrator sets the exchange up; with the coordinator's working role he also reviews conflicts.
    centre = make_screen(centre_db, replace(world.admin, working_role="coordinator"))
    qtbot.waitUntil(lambda: centre.centre_button.isVisible(), timeout=WAIT)
    assert not centre.make_button.isEnabled()
    dialog = centre.open_centre_dialog()
    dialog.ok_button.click()  # empty: refused under the fields, the dialog stays open
    qtbot.waitUntil(lambda: dialog.errors.message("code") != "", timeout=WAIT)
    assert "обязательно" in dialog.errors.message("name")
    type_text(dialog.code_edit, "ЦЕНТР")
    type_text(dialog.name_edit, "Областной центр")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: centre.register_button.isVisible(), timeout=WAIT)
    assert "региональный центр «ЦЕНТР»" in centre.identity_label.text() or "ЦЕНТР" in centre.identity_label.text()
    office_dialog = centre.open_office_dialog()
    type_text(office_dialog.code_edit, "ОТД-1")
    type_text(office_dialog.name_edit, "Отделение 1")
    key = tmp_path / "ОТД-1.opora-key"
    office_dialog.register_to(key)
    qtbot.waitUntil(lambda: centre.partner_combo.count() == 1, timeout=WAIT)
    assert key.exists() and centre.make_button.isEnabled()

    office = make_screen(office_db, world.admin)
    qtbot.waitUntil(lambda: office.join_button.isVisible(), timeout=WAIT)
    office.join(key)
    qtbot.waitUntil(lambda: office.partner_combo.count() == 1, timeout=WAIT)
    assert not office.join_button.isVisible()

    def round_trip(sender: ExchangeSection, receiver: ExchangeSection, name: str) -> None:
        sender.make_package(tmp_path / name)
        qtbot.waitUntil(lambda: sender.last_result is not None and sender.last_result.path.endswith(name),
                        timeout=WAIT)
        receiver.last_result = None
        receiver.load_package(tmp_path / name)
        qtbot.waitUntil(lambda: receiver.last_result is not None, timeout=WAIT)
        ack = Path(receiver.last_result.ack_path)
        sender.load_package(ack)
        qtbot.waitUntil(lambda: sender.last_result.state == "acknowledged", timeout=WAIT)

    round_trip(office, centre, "o1.opx")
    round_trip(centre, office, "c1.opx")
    with office_db.write() as session:
        family = session.execute(select(Family).order_by(Family.title)).scalars().first()
        family_id, family.phone = family.id, "+7 900 123-45-67"
    with centre_db.write() as session:
        session.get(Family, family_id).phone = "+7 900 765-43-21"
    round_trip(office, centre, "o2.opx")
    qtbot.waitUntil(lambda: centre.queue.rowCount() == 1, timeout=WAIT)
    assert centre.tabs.tabText(1).endswith("(1)")
    plain_admin = make_screen(centre_db, world.admin)  # no working role: no families' data, so no values
    qtbot.waitUntil(lambda: plain_admin.partner_combo.count() == 1, timeout=WAIT)
    assert plain_admin.queue.rowCount() == 0 and plain_admin.tabs.tabText(1).endswith("(0)")
    centre.tabs.setCurrentIndex(1)
    texts = [centre.queue.index(0, column).data() for column in range(centre.queue.columnCount())]
    assert texts[1:3] == ["Телефон", "+7 900 765-43-21"] and texts[4] == "+7 900 123-45-67"
    assert centre.grab().save(str(tmp_path / "exchange.png"))
    assert not centre.take_button.isEnabled()
    centre.queue_table.selectRow(0)
    assert centre.take_button.isEnabled()
    centre.take_button.click()
    qtbot.waitUntil(lambda: centre.queue.rowCount() == 0, timeout=WAIT)
    round_trip(centre, office, "c2.opx")
    with office_db.read() as session:
        assert session.get(Family, family_id).phone == "+7 900 123-45-67"
    qtbot.waitUntil(lambda: centre.history.rowCount() >= 6, timeout=WAIT)
    assert centre.history.headerData(0, Qt.Orientation.Horizontal) == "Когда"  # the models' texts are translated
    assert centre.queue.headerData(2, Qt.Orientation.Horizontal) == "Здесь"


def test_a_refused_package_is_said_in_one_sentence(two, make_screen, qtbot, tmp_path):
    centre_db, _ = two
    with centre_db.read() as session:
        world = load_world(session)
    with centre_db.write() as session:
        partners.set_up_centre(session, world.admin, "Ц", "Центр")
        partners.register_office(session, world.admin, "О", "Отделение", tmp_path / "o.opora-key")
    screen = make_screen(centre_db, world.coordinator)
    qtbot.waitUntil(lambda: screen.load_button.isEnabled(), timeout=WAIT)
    assert not screen.register_button.isEnabled()  # a coordinator exchanges but does not issue keys
    junk = tmp_path / "список.xlsx"
    junk.write_bytes(b"PK\x03\x04")
    screen.load_package(junk)
    qtbot.waitUntil(lambda: "не является пакетом обмена" in screen.status.text(), timeout=WAIT)
    assert screen.load_button.isEnabled()
    assert QApplication.activeModalWidget() is None
    assert screen.status.text().count("\n") == 0 and Qt  # one sentence, no traceback


def test_consolidated_tab_shows_offices_and_the_region(two, make_screen, qtbot, tmp_path):
    centre_db, _ = two
    with centre_db.read() as session:
        world = load_world(session)
    screen = make_screen(centre_db, world.coordinator)
    screen.tabs.setCurrentIndex(2)
    page = screen.consolidated
    page.picker.year.setValue(2025)
    page.build_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT)
    headers = [page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(page.model.columnCount())]
    assert headers[1] == "Центральное отделение" and headers[-1] == "По региону"
    for row in range(page.model.rowCount()):
        offices = [page.model.index(row, column).data() for column in range(1, page.model.columnCount() - 1)]
        assert sum(offices) == page.model.index(row, page.model.columnCount() - 1).data()
    assert page.build_button.isEnabled() and "отделений — 1" in page.status.text()
    assert page.grab().save(str(tmp_path / "consolidated.png"))


def test_loading_can_be_cancelled_from_the_progress_dialog(two, make_screen, qtbot, tmp_path):
    from app.exchange.packages import export_package

    centre_db, office_db = two
    with centre_db.read() as session:
        world = load_world(session)
    with centre_db.write() as session:
        partners.set_up_centre(session, world.admin, "Ц", "Центр")
        partners.register_office(session, world.admin, "О", "Отделение", tmp_path / "o.opora-key")
    with office_db.write() as session:
        partners.join_centre(session, world.admin, tmp_path / "o.opora-key")
    with office_db.read() as session:
        centre_id = partners.list_partners(session)[0].id
    with office_db.write() as session:  # a package big enough to be still loading when Cancel is pressed
        session.execute(text(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000) "
            "INSERT INTO families (id, office_id, title, title_key, registered_on, created_at, updated_at) "
            "SELECT lower(hex(randomblob(16))), (SELECT id FROM offices LIMIT 1), 'Семья ' || i, 'семья ' || i, "
            "'2026-11-01', '2026-11-01 09:00:00.000000', '2026-11-01 09:00:00.000000' FROM n"))
    export_package(office_db, world.coordinator, centre_id, tmp_path / "p.opx")
    screen = make_screen(centre_db, world.coordinator)
    qtbot.waitUntil(lambda: screen.load_button.isEnabled(), timeout=WAIT)
    screen.load_package(tmp_path / "p.opx")
    qtbot.waitUntil(lambda: screen.run is not None and screen.run.shown, timeout=WAIT)  # after 0.5 s
    screen.run.dialog.canceled.emit()  # what its Cancel button sends
    qtbot.waitUntil(lambda: screen.make_button.isEnabled(), timeout=WAIT)
    with centre_db.read() as session:
        loaded = packages_count(session)
    # Stopped in time: nothing recorded, and the screen says so. Too late (the transaction had committed): the
    # package is loaded, and the screen says that instead — never «nothing changed» over a loaded package.
    assert ("ничего не изменено" in screen.status.text()) == (loaded == 0), screen.status.text()
    screen.last_result = None
    screen.load_package(tmp_path / "p.opx")  # and again, to the end
    qtbot.waitUntil(lambda: screen.last_result is not None, timeout=WAIT)
    assert screen.last_result.state == ("applied" if loaded == 0 else "duplicate")
    assert screen.last_result.ack_path


def packages_count(session) -> int:
    from sqlalchemy import func

    from db.models.exchange import ExchangePackage
    return session.execute(select(func.count()).select_from(ExchangePackage)).scalar_one()


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL tests need OPORA_TEST_PG_URL")
def test_a_centre_on_postgresql_sets_up_and_exchanges_from_the_screen(pg_centre, two, make_screen, qtbot, tmp_path):
    """#16: a centre on PostgreSQL sets itself up, registers an office and makes and loads packages here too."""
    from app.core.actor import ADMIN, Actor
    from db.models import DictionaryItem

    _, office_db = two
    with office_db.read() as session:
        world = load_world(session)
    admin = Actor(None, "admin", ADMIN, working_role="coordinator")
    centre = make_screen(pg_centre, admin)
    qtbot.waitUntil(lambda: centre.centre_button.isVisible(), timeout=WAIT)
    assert "PostgreSQL" in centre.identity_label.text() and not centre.make_button.isEnabled()
    dialog = centre.open_centre_dialog()
    type_text(dialog.code_edit, "ЦЕНТР")
    type_text(dialog.name_edit, "Областной центр")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: centre.register_button.isVisible(), timeout=WAIT)
    office_dialog = centre.open_office_dialog()
    type_text(office_dialog.code_edit, "ОТД-1")
    type_text(office_dialog.name_edit, "Отделение 1")
    key = tmp_path / "ОТД-1.opora-key"
    office_dialog.register_to(key)
    qtbot.waitUntil(lambda: centre.partner_combo.count() == 1, timeout=WAIT)
    assert centre.make_button.isEnabled() and centre.load_button.isEnabled()
    office = make_screen(office_db, world.admin)
    qtbot.waitUntil(lambda: office.join_button.isVisible(), timeout=WAIT)
    office.join(key)
    qtbot.waitUntil(lambda: office.partner_combo.count() == 1, timeout=WAIT)

    def round_trip(sender: ExchangeSection, receiver: ExchangeSection, name: str) -> None:
        sender.last_result = None
        sender.make_package(tmp_path / name)
        qtbot.waitUntil(lambda: sender.last_result is not None, timeout=WAIT)
        assert sender.last_result.path.endswith(name), sender.status.text()
        receiver.last_result = None
        receiver.load_package(tmp_path / name)
        qtbot.waitUntil(lambda: receiver.last_result is not None, timeout=WAIT)
        sender.load_package(Path(receiver.last_result.ack_path))
        qtbot.waitUntil(lambda: sender.last_result.state == "acknowledged", timeout=WAIT)

    round_trip(office, centre, "o1.opx")
    with pg_centre.write() as session:
        item = session.execute(select(DictionaryItem).where(DictionaryItem.kind == "position",
                                                            DictionaryItem.code == "psychologist")).scalar_one()
        item.name = "Педагог-психолог (ставка 2026)"
    round_trip(centre, office, "c1.opx")
    with office_db.read() as session:
        assert session.execute(select(DictionaryItem.name).where(
            DictionaryItem.code == "psychologist")).scalar_one() == "Педагог-психолог (ставка 2026)"
    assert "№1" in centre.status.text() or centre.last_result.state == "acknowledged"


def test_a_coordinator_sees_who_sets_the_exchange_up(two, make_screen, qtbot):
    """The set-up buttons are greyed for everyone but an administrator: the line above them says so."""
    centre_db, _office_db = two
    with centre_db.read() as session:
        world = load_world(session)
    screen = make_screen(centre_db, world.coordinator)
    qtbot.waitUntil(lambda: screen.centre_button.isVisible(), timeout=WAIT)
    assert not screen.centre_button.isEnabled() and not screen.join_button.isEnabled()
    assert screen.identity_label.text().endswith("Это делает администратор.")
    admin = make_screen(centre_db, world.admin)
    qtbot.waitUntil(lambda: admin.centre_button.isVisible(), timeout=WAIT)
    assert admin.centre_button.isEnabled() and "администратор" not in admin.identity_label.text()
