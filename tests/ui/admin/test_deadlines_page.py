"""Administration → «Сроки»: the administrator switches a deadline kind off and changes another's days; the
computation obeys at once; a user without the right sees the settings read-only."""

from __future__ import annotations

import pytest

from app.worklist.settings import KINDS, read_deadline_settings
from tests.ui.admin import test_indicators_page as indicators_tests
from ui.admin.deadlines_page import DeadlinesPage
from ui.context import UiContext
from ui.worker import DatabaseWorker

WAIT = 20000
section = indicators_tests.section


def _page(qtbot, section) -> DeadlinesPage:
    row = next(i for i in range(section.list.count()) if section.list.item(i).text() == "Сроки")
    section.list.setCurrentRow(row)
    page = section.findChild(DeadlinesPage)
    qtbot.waitUntil(lambda: page is not None and len(page.rows) == len(KINDS) == 9, timeout=WAIT)
    return page


def test_the_administrator_switches_a_kind_off_and_sets_days(qtbot, section, sqlite_database):
    page = _page(qtbot, section)
    switch, _days = page.rows["consent"]
    switch.setChecked(False)
    page.rows["ipra"][1].setValue(45)
    kdn_switch, kdn_days = page.rows["kdn_review"]  # #17: the КДН и ЗП review date, 14 days ahead by default
    assert kdn_switch.text() == "Рассмотрение в КДН и ЗП (СОП)" and kdn_switch.isChecked() and kdn_days.value() == 14
    kdn_days.setValue(21)
    page.save_button.click()
    qtbot.waitUntil(lambda: page.status.text() == "Сохранено.", timeout=WAIT)
    with sqlite_database.read() as session:
        settings = {s.kind.code: (s.enabled, s.days) for s in read_deadline_settings(session)}
    assert settings["consent"][0] is False and settings["ipra"] == (True, 45) and settings["kdn_review"] == (True, 21)
    qtbot.waitUntil(lambda: not page.rows["consent"][0].isChecked(), timeout=WAIT)  # re-read after the save
    assert not page.rows["consent"][1].isEnabled()


@pytest.fixture
def coordinator_page(qtbot, sqlite_database, sqlite_world):
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    page = DeadlinesPage(UiContext(worker, sqlite_world.coordinator))
    qtbot.addWidget(page)
    page.show()
    yield page
    worker.stop()


def test_without_the_right_the_settings_are_read_only(qtbot, coordinator_page):
    qtbot.waitUntil(lambda: len(coordinator_page.rows) == len(KINDS), timeout=WAIT)
    assert not coordinator_page.save_button.isEnabled()
    assert not any(switch.isEnabled() for switch, _days in coordinator_page.rows.values())
