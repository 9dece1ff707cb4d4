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
    outcomes = [wizard.preview_page.text(row, 1) for row in range(3)]
    assert outcomes == ["новая запись", "новая запись", "ошибка"]
    _shot(wizard, "4-preview")
    assert wizard.button(wizard.WizardButton.NextButton).text() == "Импортировать"
    wizard.next()  # the question first; «Вернуться к просмотру» writes nothing
    box = wizard.preview_page.confirm_box
    qtbot.waitUntil(lambda: box is not None and box.isVisible(), timeout=10000)
    assert "новых записей — 2" in box.text()
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole).click()
    qtbot.wait(50)
    assert wizard.currentId() == PREVIEW_PAGE and _count(sqlite_database, Person) == 0
    _import_now(qtbot, wizard)
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
        assert wizard.preview_page.text(0, 1) == expected
        if expected == "дубликат":
            page = wizard.preview_page
            page.for_all.setCurrentIndex(page.for_all.findData("create"))
            page.apply_to_all()
            assert page.decisions() == {2: "create"}
        _import_now(qtbot, wizard)
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
    assert "«Сосновка» будет создан" in wizard.preview_page.text(0, 3)
    _shot(wizard, "8-preview-create")
    _import_now(qtbot, wizard)
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


def _registry_for_journals(database, world, tmp_path):
    from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import

    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Населённый пункт"],
        [1, "Королёва Мария Ивановна", "01.01.1985", None, "Центральный"],
        [1, "Королёв Артём Олегович", "02.02.2016", snils("667788990"), None],
    ])
    source = open_source(path, "families")
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    summary, _preview = run_import(database, world.coordinator, ImportRequest(source, mapping),
                                   before_write=lambda: None)
    assert summary.created == 2


def _to_page(qtbot, wizard, page):
    if page == RESULT_PAGE:
        _import_now(qtbot, wizard)
    else:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == page, timeout=20000)


def _import_now(qtbot, wizard):
    """«Импортировать» on the preview, then the confirmation's «Импортировать», as a user does."""
    page = wizard.preview_page
    previous = page.confirm_box
    wizard.next()
    qtbot.waitUntil(lambda: page.confirm_box is not previous and page.confirm_box.isVisible(), timeout=20000)
    assert wizard.currentId() == PREVIEW_PAGE  # nothing is written before the answer
    box = page.confirm_box
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()


def test_wizard_creates_a_specialist_named_in_a_journal(qtbot, sqlite_database, sqlite_world, tmp_path, monkeypatch):
    """#12: an administrator with a working role chooses «create in the dictionary» for a specialist the journal
    names; the preview says whom it creates; the employee is created without a user account. A coordinator is
    offered the employees of the dictionary, not creation."""
    from dataclasses import replace

    from db.models import RehabSession, Staff, User

    monkeypatch.setattr(QMessageBox, "warning", lambda *args: pytest_fail(args))
    _registry_for_journals(sqlite_database, sqlite_world, tmp_path)
    path = write_xlsx(tmp_path / "sessions.xlsx", [
        ["Дата", "Время", "СНИЛС", "Специалист", "Услуга", "Тип занятия", "Отметка", "Форма работы"],
        ["03.03.2025", "10:00", snils("667788990"), "Новикова Т.С., учитель-логопед", "Психологическая коррекция",
         "инд.", "+", "в центре"],
        ["04.03.2025", "10:00", snils("667788990"), "Смирнова О.И.", "Психологическая коррекция", "инд.", "+",
         "в центре"],
    ])
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    coordinator = ImportWizard(UiContext(worker, sqlite_world.coordinator))
    qtbot.addWidget(coordinator)
    coordinator.show()
    coordinator.file_page.path.setText(str(path))
    coordinator.file_page.kind.setCurrentIndex(coordinator.file_page.kind.findData("sessions"))
    _to_page(qtbot, coordinator, MAPPING_PAGE)
    _to_page(qtbot, coordinator, UNKNOWN_PAGE)
    combo = coordinator.unknown_page.table.cellWidget(0, 3)
    assert combo.findData("create") == -1 and combo.findText("Смирнова Ольга Ивановна") >= 0
    coordinator.close()

    wizard = ImportWizard(UiContext(worker, replace(sqlite_world.admin, working_role="coordinator")))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.file_page.kind.setCurrentIndex(wizard.file_page.kind.findData("sessions"))
    _to_page(qtbot, wizard, MAPPING_PAGE)
    _to_page(qtbot, wizard, UNKNOWN_PAGE)
    table = wizard.unknown_page.table
    assert (table.item(0, 0).text(), table.item(0, 1).text()) == ("Специалист", "Новикова Т.С., учитель-логопед")
    combo = table.cellWidget(0, 3)
    combo.setCurrentIndex(combo.findData("create"))
    _to_page(qtbot, wizard, PREVIEW_PAGE)
    page = wizard.preview_page
    assert page.notes.isVisible() and "Будет создан сотрудник «Новикова Т. С.»" in page.notes.text()
    assert "Учитель-логопед" in page.notes.text()
    assert [page.text(row, 1) for row in range(2)] == ["новая запись", "новая запись"]
    _shot(wizard, "9-preview-staff")
    _to_page(qtbot, wizard, RESULT_PAGE)
    with sqlite_database.read() as session:
        staff = session.execute(select(Staff).where(Staff.last_name == "Новикова")).scalar_one()
        assert session.execute(select(func.count()).select_from(User).where(User.staff_id == staff.id)).scalar() == 0
        assert session.execute(select(func.count()).select_from(RehabSession)
                               .where(RehabSession.staff_id == staff.id)).scalar() == 1
    worker.stop()


def test_preview_of_a_big_journal_runs_with_progress_and_cancel(qtbot, sqlite_database, sqlite_world, tmp_path,
                                                                monkeypatch):
    """#12: checking a big file's rows runs off the GUI thread with a progress dialog; Cancel leaves the wizard on
    the columns page with nothing shown; going on again shows every row (a model, no widget per cell)."""
    from datetime import date, timedelta

    from tests.app.importing.samples import write_csv

    monkeypatch.setattr(QMessageBox, "warning", lambda *args: pytest_fail(args))
    _registry_for_journals(sqlite_database, sqlite_world, tmp_path)
    lines = 20000
    rows: list[list] = [["Дата", "Время", "СНИЛС", "Специалист", "Услуга", "Тип занятия", "Отметка", "Форма работы"]]
    day = date(2019, 1, 1)
    while len(rows) <= lines:
        for hour in range(9, 17):
            rows.append([day.strftime("%d.%m.%Y"), f"{hour}:00", snils("667788990"), "Смирнова О.И.",
                         "Психологическая коррекция", "инд.", "+", "в центре"])
        day += timedelta(days=1)
    path = write_csv(tmp_path / "sessions.csv", rows[:lines + 1])
    # As slow as a big file on a busy machine, whatever this one's speed: each line takes at least 0.2 ms.
    import time

    import app.importing.journals_plan as journals_plan
    import ui.progress

    slow = [True]
    checked = journals_plan._session_values

    def slow_values(*args, **kwargs):
        if slow[0]:
            time.sleep(0.0002)
        return checked(*args, **kwargs)

    monkeypatch.setattr(journals_plan, "_session_values", slow_values)
    monkeypatch.setattr(ui.progress, "SHOW_AFTER_MS", 100)
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    wizard = ImportWizard(UiContext(worker, sqlite_world.coordinator))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.file_page.kind.setCurrentIndex(wizard.file_page.kind.findData("sessions"))
    _to_page(qtbot, wizard, MAPPING_PAGE)
    reading = wizard._run
    wizard.next()
    qtbot.waitUntil(lambda: wizard._run is not reading and wizard._run.shown, timeout=10000)
    dialog = wizard._run.dialog
    assert dialog.isVisible() and wizard.isEnabled()
    _shot(dialog, "10-preview-progress")
    from PySide6.QtWidgets import QPushButton

    dialog.findChild(QPushButton).click()  # «Отмена»
    qtbot.waitUntil(lambda: not wizard._run.running, timeout=20000)
    assert wizard.currentId() == MAPPING_PAGE and wizard.state.preview is None
    slow[0] = False
    _to_page(qtbot, wizard, PREVIEW_PAGE)
    assert wizard.preview_page.model.rowCount() == lines
    assert wizard.preview_page.text(lines - 1, 1) == "новая запись"
    worker.stop()
