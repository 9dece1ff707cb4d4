"""The import wizard end to end offscreen: file, proposed columns, an unknown place mapped, the preview
with a decision, the write, the error report; each page is grabbed to a PNG for a look."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from db.models import Family, Person
from tests.app.importing.samples import snils, write_xlsx
from ui.context import UiContext
from ui.importing.wizard import MAPPING_PAGE, PREVIEW_PAGE, RESULT_PAGE, UNKNOWN_PAGE, ImportWizard
from ui.worker import DatabaseWorker

SHOTS = os.environ.get("OPORA_IMPORT_SHOTS")


def _shot(wizard, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        wizard.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _count(database, model):
    with database.read() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_wizard_imports_a_registry(qtbot, sqlite_database, sqlite_world, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: pytest_fail(args))
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["Реестр семей"],
        ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Населённый пункт", "Категория"],
        [1, "Орлова Вера Ивановна", "01.01.1980", snils("112233445"), "пос. Заречный", "многодетная"],
        [None, "Орлов Глеб Андреевич", "05.05.2016", None, None, None],
        [2, "Лебедева Ольга Юрьевна", "02.02.1982", "123", "Центральный", None],
    ])
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    context = UiContext(worker, sqlite_world.coordinator)
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    _shot(wizard, "1-file")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING_PAGE, timeout=10000)
    combos = [wizard.mapping_page.table.cellWidget(row, 2).currentData() for row in range(6)]
    assert combos == ["family_key", "full_name", "birth_date", "snils", "settlement", "category"]
    _shot(wizard, "2-mapping")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == UNKNOWN_PAGE, timeout=10000)
    table = wizard.unknown_page.table
    assert table.item(0, 1).text() == "пос. Заречный"
    combo = table.cellWidget(0, 3)
    combo.setCurrentIndex(combo.findText("Дальнее"))
    _shot(wizard, "3-unknown")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW_PAGE, timeout=10000)
    outcomes = [wizard.preview_page.table.item(row, 1).text() for row in range(3)]
    assert outcomes == ["новая запись", "новая запись", "ошибка"]
    _shot(wizard, "4-preview")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=20000)
    assert "Создано: 2" in wizard.result_page.text.text()
    _shot(wizard, "5-result")
    assert _count(sqlite_database, Person) == 2 and _count(sqlite_database, Family) == 1
    report = wizard.save_error_report(str(tmp_path / "errors.xlsx"))
    rows = [[c.value for c in row] for row in load_workbook(report).active.iter_rows()]
    assert any(row[0] == 5 and "СНИЛС" in row[1] for row in rows)
    worker.stop()


def test_wizard_reimport_shows_duplicates_and_the_decision_for_all(qtbot, sqlite_database, sqlite_world, tmp_path):
    path = write_xlsx(tmp_path / "registry.xlsx", [["ФИО", "Дата рождения", "Телефон"],
                                                  ["Орлова Вера Ивановна", "01.01.1980", "8 914 000 00 00"]])
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    context = UiContext(worker, sqlite_world.coordinator)
    for expected in ("новая запись", "дубликат"):
        wizard = ImportWizard(context)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.file_page.path.setText(str(path))
        wizard.next()
        qtbot.waitUntil(lambda wizard=wizard: wizard.currentId() == MAPPING_PAGE, timeout=10000)
        wizard.next()
        qtbot.waitUntil(lambda wizard=wizard: wizard.currentId() == PREVIEW_PAGE, timeout=10000)
        assert wizard.preview_page.table.item(0, 1).text() == expected
        if expected == "дубликат":
            page = wizard.preview_page
            page.for_all.setCurrentIndex(page.for_all.findData("create"))
            page.apply_to_all()
            assert page.decisions() == {2: "create"}
        wizard.next()
        qtbot.waitUntil(lambda wizard=wizard: wizard.currentId() == RESULT_PAGE, timeout=20000)
    assert _count(sqlite_database, Person) == 2
    worker.stop()


def pytest_fail(args):
    raise AssertionError(f"unexpected message box: {args}")


def test_wizard_first_day_creates_a_place_and_opens_support(qtbot, sqlite_database, sqlite_world, tmp_path,
                                                            monkeypatch):
    """#12: an administrator with a working role imports a registry whose settlement is not in the dictionary:
    «create in the dictionary» on the unknown values page, the default support kind on the mapping page."""
    from dataclasses import replace

    from db.models import Settlement, SupportCase

    monkeypatch.setattr(QMessageBox, "warning", lambda *args: pytest_fail(args))
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "Район", "Населённый пункт", "Дата постановки на учёт"],
        [1, "Белова Ирина Сергеевна", "12.04.1987", "Тестовый р-н", "р.п. Сосновка", "15.01.2025"],
        [1, "Белов Кирилл Андреевич", "03.05.2014", None, None, None],
    ])
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    actor = replace(sqlite_world.admin, working_role="coordinator")
    context = UiContext(worker, actor)
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING_PAGE, timeout=10000)
    support = wizard.mapping_page.support
    assert support.isVisible() and support.count() == 6
    support.setCurrentIndex(support.findData("social_support"))
    _shot(wizard, "6-mapping-support")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == UNKNOWN_PAGE, timeout=10000)
    table = wizard.unknown_page.table
    assert table.rowCount() == 1 and table.item(0, 1).text() == "р.п. Сосновка"
    combo = table.cellWidget(0, 3)
    combo.setCurrentIndex(combo.findData("create"))
    _shot(wizard, "7-unknown-create")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW_PAGE, timeout=10000)
    assert "«Сосновка» будет создан" in wizard.preview_page.table.item(0, 3).text()
    _shot(wizard, "8-preview-create")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT_PAGE, timeout=20000)
    assert "Создано: 2" in wizard.result_page.text.text()
    with sqlite_database.read() as session:
        settlement = session.execute(select(Settlement).where(Settlement.name == "Сосновка")).scalar_one()
        assert settlement.district_id == sqlite_world.district_id
        family = session.execute(select(Family)).scalar_one()
        assert family.settlement_id == settlement.id
        case = session.execute(select(SupportCase)).scalar_one()
        assert (case.family_id, case.opened_on.isoformat()) == (family.id, "2025-01-15")
    worker.stop()


def test_a_coordinator_is_not_offered_to_create_places(qtbot, sqlite_database, sqlite_world, tmp_path):
    path = write_xlsx(tmp_path / "registry.xlsx", [["ФИО", "Дата рождения", "Населённый пункт"],
                                                  ["Белова Ирина Сергеевна", "12.04.1987", "Неведомо"]])
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    wizard = ImportWizard(UiContext(worker, sqlite_world.coordinator))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING_PAGE, timeout=10000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == UNKNOWN_PAGE, timeout=10000)
    assert wizard.unknown_page.table.cellWidget(0, 3).findData("create") == -1
    worker.stop()
