"""The effectiveness report on the Reports screen: the tables on screen carry the hand-built set's figures, the
workbook written from the screen is opened and its totals read back."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.app.reports.test_effectiveness import build_effectiveness
from tests.ui.reports.test_reports import WAIT, _section, context, opened  # noqa: F401


def test_the_report_on_screen_and_as_a_workbook(qtbot, context, sqlite_database, sqlite_world, opened,  # noqa: F811
                                                tmp_path, monkeypatch) -> None:
    build_effectiveness(sqlite_database, sqlite_world)
    section = _section(qtbot, context)
    row = next(i for i in range(section.kinds.count()) if section.kinds.item(i).text() == "Эффективность сопровождения")
    section.kinds.setCurrentRow(row)
    section.show_button.click()
    qtbot.waitUntil(lambda: section.preview.count() == 6, timeout=WAIT)
    totals = section.preview.widget(0).model()
    first = [totals.data(totals.index(0, column)) for column in range(totals.columnCount())]
    assert first == ["Всего закрыто случаев сопровождения", "4", "3", "1", "33,3 %", "1", "33,3 %", "1", "33,3 %",
                     "1"]
    assert [section.preview.tabText(i) for i in range(6)] == [
        "1. Итоги", "2. По областям оценки", "3. По категориям семей", "4. По формам работы",
        "5. По уровням сопровождения", "6. Показатели комплекса мер"]
    section.resize(1366, 768)
    section.show()
    section.grab().save(str(tmp_path / "effectiveness.png"))
    section.preview.setCurrentIndex(4)
    levels = section.preview.widget(4).model()
    assert [levels.data(levels.index(row, 0)) for row in range(levels.rowCount())] == [
        "Экстренный", "Интенсивный", "Уровень не указан"]
    target = tmp_path / "эффективность"
    monkeypatch.setattr("ui.reports.section.choose_target", lambda _parent, stem, fmt: target.with_suffix(f".{fmt}"))
    section.export_buttons["xlsx"].click()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=WAIT)
    sheet = load_workbook(opened[0])["Итоги"]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Всего закрыто случаев сопровождения")
    assert total[1:4] == (4, 3, 1)
