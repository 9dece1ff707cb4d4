"""The Reports screen driven through its widgets: preview, export with the file opened, plan, choices kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import QSettings
from sqlalchemy import select

from app.core.settings import REMOTE_KM, read_number
from app.reports.state_assignment import read_plan
from db.models import AuditEntry
from tests.app.reports.test_quarterly import build
from tests.ui.conftest import type_text
from ui.context import UiContext
from ui.reports.plan_dialog import CONTENT, FORM, MEASURE, PLANNED, REGISTRY, PlanDialog
from ui.reports.section import ReportsSection
from ui.worker import DatabaseWorker

WAIT = 20000


@pytest.fixture
def context(sqlite_database, sqlite_world):
    errors: list[BaseException] = []
    worker = DatabaseWorker(sqlite_database, errors.append)
    yield UiContext(worker, sqlite_world.coordinator)
    worker.stop()
    assert errors == []


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    paths: list[Path] = []
    monkeypatch.setattr("ui.reports.section.open_file", paths.append)
    return paths


def _section(qtbot, context) -> ReportsSection:
    section = ReportsSection(context)
    qtbot.addWidget(section)
    qtbot.waitUntil(lambda: section.offices.count() == 1, timeout=WAIT)
    section.period.set_state("quarter", 2025, 3)
    return section


def test_preview_then_export_opens_the_file(qtbot, context, sqlite_database, sqlite_world, opened, tmp_path,
                                            monkeypatch) -> None:
    build(sqlite_database, sqlite_world)
    section = _section(qtbot, context)
    assert [section.kinds.item(row).text() for row in range(section.kinds.count())] == [
        "Квартальный отчёт о деятельности", "Отчёт о мероприятиях", "Выписка из реестра", "Показатели комплекса мер",
        "Эффективность сопровождения"]
    section.show_button.click()
    qtbot.waitUntil(lambda: section.preview.count() == 6, timeout=WAIT)
    support = section.preview.widget(0).model()
    rows = {support.data(support.index(row, 0)): support.data(support.index(row, 1))
            for row in range(support.rowCount())}
    assert rows["Состоит на сопровождении на конец периода (30.09.2025)"] == "2"
    assert "III квартал 2025 г." in section.status.text()

    target = tmp_path / "отчёт"
    monkeypatch.setattr("ui.reports.section.choose_target", lambda _parent, stem, fmt: target.with_suffix(f".{fmt}"))
    section.export_buttons["xlsx"].click()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=WAIT)
    assert opened == [tmp_path / "отчёт.xlsx"]
    assert load_workbook(opened[0])["Контингент"]["A1"].value == "ГБУ «Тестовый центр помощи семье и детям»"
    section.export_buttons["docx"].click()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=WAIT)
    assert "КВАРТАЛЬНЫЙ ОТЧЁТ" in "\n".join(p.text for p in Document(str(opened[1])).paragraphs)
    with sqlite_database.read() as session:
        exports = session.execute(select(AuditEntry.fields).where(AuditEntry.action == "export")).scalars().all()
    assert exports == ["xlsx", "docx"]

    # The choices come back in a new screen.
    section.kinds.setCurrentRow(2)
    section.offices.item(0).setCheckState(section.offices.item(0).checkState().Checked)
    section.show_button.click()
    qtbot.waitUntil(lambda: section.preview.count() == 1, timeout=WAIT)
    assert section.preview.tabText(0).startswith("Семей: 4")
    again = _section(qtbot, context)
    assert again.current_kind() == "registry"
    assert again.offices.checked_ids() == (sqlite_world.office_id,)
    assert not again.export_buttons["pdf"].isVisibleTo(again)  # the extract is XLSX only


def test_bad_custom_dates_are_explained(qtbot, context) -> None:
    section = _section(qtbot, context)
    section.period.set_state("custom", 2025, 1)
    section.show_button.click()
    assert section.error.isVisibleTo(section)
    assert "Период" in section.error.text()
    assert section.preview.count() == 0


def test_plan_and_remote_distance_are_saved(qtbot, context, sqlite_database) -> None:
    dialog = PlanDialog(context, 2025)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=WAIT)
    assert dialog.table.rowCount() == 2  # recipients and services, all forms, to fill in
    dialog.table.cellWidget(0, PLANNED).setValue(1200)
    type_text(dialog.table.cellWidget(0, REGISTRY), "870000О.99.0.АЭ25АА00000")
    type_text(dialog.table.cellWidget(0, CONTENT), "Полустационарное обслуживание")
    dialog.table.cellWidget(1, FORM).setCurrentIndex(1)  # the first form of service
    dialog.table.cellWidget(1, PLANNED).setValue(5000)
    dialog.remote_km.setValue(70)
    with qtbot.waitSignal(context.changes.changed, timeout=WAIT):
        dialog.save()
    with sqlite_database.read() as session:
        plan = read_plan(session, 2025)
        assert [(line.measure, line.form_code, line.planned) for line in plan.lines] == [
            ("recipients", "", 1200), ("services", "home", 5000)]
        assert (plan.lines[0].registry_number, plan.lines[0].content) == ("870000О.99.0.АЭ25АА00000",
                                                                         "Полустационарное обслуживание")
        assert read_number(session, REMOTE_KM) == 70

    again = PlanDialog(context, 2025)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.buttons.isEnabled(), timeout=WAIT)
    assert again.table.cellWidget(0, REGISTRY).text() == "870000О.99.0.АЭ25АА00000"  # read back
    again.table.cellWidget(1, FORM).setCurrentIndex(0)  # services, all forms
    again.table.cellWidget(1, MEASURE).setCurrentIndex(0)  # two lines for recipients in all forms: refused
    again.save()
    qtbot.waitUntil(lambda: again.error.isVisibleTo(again), timeout=WAIT)
    assert "уже есть" in again.error.text()
    assert QSettings().value("reports/choices") is None  # the dialog remembers nothing of its own
