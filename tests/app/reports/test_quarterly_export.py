"""The quarterly report's XLSX and DOCX files: reopened and every figure compared with the report's JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.reports.quarterly import QuarterlyReport
from app.reports.quarterly_export import SERVICE_HEADERS, SERVICES_NOTE, export_quarterly_docx, export_quarterly_xlsx
from tests.app.documents.gost_checks import assert_gost_layout
from tests.app.reports.test_quarterly import PERIOD, _report, build

ORGANISATION = "ГБУ «Центр <Опора> & Ко»"


def _rate(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f} %".replace(".", ",")


def _expected_lines(data: dict[str, Any]) -> dict[str, list[tuple[str, int | None]]]:
    """The (label, figure) lines of the one-figure sections, in order, from the JSON."""
    support, children, visits = data["support"], data["children"], data["visits"]
    lines = [("Состояло на сопровождении на начало периода (01.07.2025)", support["at_start"]),
             ("Принято на сопровождение за период", support["taken_on"]),
             ("Снято с сопровождения за период", support["removed"]),
             *((f"    в т. ч. по причине «{row['name']}»", row["count"]) for row in support["removed_by_reason"]),
             ("Состоит на сопровождении на конец периода (30.09.2025)", support["at_end"]),
             ("Справочно: снято и вновь принято в течение периода (учтены на начало и на конец)",
              support["returned"])]
    for title, key in (("На конец периода по категориям семей", "by_category"),
                       ("На конец периода по районам", "by_district")):
        lines.append((title, None))
        lines += [(row["name"], row["count"]) for row in support[key]]
    return {
        "support": lines,
        "children": [("Детей, получивших услуги за период", children["served"]),
                     ("    в т. ч. детей-инвалидов", children["disabled"]),
                     ("    в т. ч. детей с ОВЗ", children["ovz"])],
        "visits": [("Посещений семей на дому", visits["home_visits"]),
                   ("    в т. ч. в ходе выездов мобильной бригады", visits["visits_on_trips"]),
                   ("Выездов мобильной бригады проведено", visits["trips_done"]),
                   ("    занятий с детьми проведено на этих выездах", visits["sessions_on_trips"]),
                   ("Населённых пунктов охвачено", visits["settlements"]),
                   ("    в т. ч. отдалённых (50 км и более)", visits["remote_settlements"])],
    }


def _data_rows(sheet: Any, first_title: str) -> tuple[int, list[tuple[Any, ...]]]:
    """The first data row's number and the rows below the header (whose first cell is `first_title`)."""
    header = next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == first_title)
    return header + 1, [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=header + 1)]


def _services_expected(data: dict) -> list[tuple[str, str, int, int]]:
    """The services table of every format, built from the report's JSON (an oracle apart from services_lines)."""
    services = data["services"]
    rows = []
    for kind in services["kinds"]:
        rows.append((kind["kind_name"], "всего", kind["services"], kind["recipients"]))
        rows += [("", cell["form_name"], cell["services"], cell["recipients"]) for cell in kind["forms"]]
    rows.append(("Итого", "всего", services["services"], services["recipients"]))
    rows += [("", cell["form_name"], cell["services"], cell["recipients"]) for cell in services["by_form"]]
    return rows


def _check_xlsx(path: Path, report: QuarterlyReport) -> None:
    data = report.to_json_dict()
    lines = _expected_lines(data)
    book = load_workbook(path)
    # Each chart on a chart sheet of its own, right after its table (it prints on one page).
    assert book.sheetnames == ["Контингент", "Дети", "Услуги", "Диаграмма услуг", "Выезды", "Занятия",
                               "Диаграмма занятий", "Мероприятия", "Данные диаграммы"]
    for sheet in (sheet for sheet in book.worksheets if not sheet.title.startswith(("Диаграмма", "Данные"))):
        assert sheet["A1"].value == ORGANISATION
        assert PERIOD.title in sheet["A3"].value and "01.07.2025 — 30.09.2025" in sheet["A3"].value
        assert sheet.freeze_panes is not None and int(sheet.page_setup.paperSize) == 9
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage

    for name, key in (("Контингент", "support"), ("Дети", "children"), ("Выезды", "visits")):
        _, rows = _data_rows(book[name], "Показатель")
        assert rows == lines[key], name

    # Services: the shape of every format (kind «всего» + its forms; «Итого» + the forms), SUM formulas where
    # services add up, distinct recipients as figures.
    services = data["services"]
    count = len(services["kinds"][0]["forms"])
    sheet = book["Услуги"]
    first, rows = _data_rows(sheet, "Вид социальных услуг")
    assert [sheet.cell(first - 1, column).value for column in range(1, 5)] == list(SERVICE_HEADERS)
    expected = _services_expected(data)
    assert rows[len(expected):][:2] == [(None,) * 4, (SERVICES_NOTE, None, None, None)]  # the note under it
    rows = rows[:len(expected)]
    kinds_end = first + len(services["kinds"]) * (count + 1) - 1
    for number, (row, (kind, form, figure, recipients)) in enumerate(zip(rows, expected, strict=True), first):
        assert (row[0] or "", row[1], row[3]) == (kind, form, recipients)
        if number > kinds_end:  # the «Итого» block: sums over the kinds' rows
            criterion = '"всего"' if kind == "Итого" else f"B{number}"
            assert row[2] == f"=SUMIF(B{first}:B{kinds_end},{criterion},C{first}:C{kinds_end})"
        elif form == "всего":
            assert row[2] == f"=SUM(C{number + 1}:C{number + count})"
        else:
            assert row[2] == figure
    assert sum(kind["services"] for kind in services["kinds"]) == services["services"]
    assert services["services"] > 0 and len(book["Диаграмма услуг"]._charts) == 1
    assert book["Данные диаграммы"].sheet_state == "hidden"

    sessions = data["sessions"]
    sheet = book["Занятия"]
    first, rows = _data_rows(sheet, "Должность специалиста")
    end = first + len(sessions["rows"]) - 1
    assert len(rows) == len(sessions["rows"]) + 1
    rate = '=IF(E{0}+F{0}>0,E{0}/(E{0}+F{0}),"")'
    for number, (row, item) in enumerate(zip(rows, sessions["rows"], strict=False), first):
        assert row == (item["position"], item["mode"], item["sessions"], item["planned"], item["attended"],
                       item["absent"], rate.format(number))
    assert rows[-1] == ("Итого", None, *(f"=SUM({c}{first}:{c}{end})" for c in "CDEF"), rate.format(end + 1))
    total = sessions["total"]
    assert [sum(item[key] for item in sessions["rows"]) for key in ("sessions", "planned", "attended", "absent")] \
        == [total["sessions"], total["planned"], total["attended"], total["absent"]]
    assert sheet.cell(first, 7).number_format == "0.0%" and len(book["Диаграмма занятий"]._charts) == 1

    events = data["events"]
    keys = ("events", "participants", "in_person", "online", "specialists", "parents", "children", "others")
    first, rows = _data_rows(book["Мероприятия"], "Вид мероприятия")
    end = first + len(events["rows"]) - 1
    assert rows[:-1] == [(item["type_name"], *(item[key] for key in keys)) for item in events["rows"]]
    assert rows[-1] == ("Итого", *(f"=SUM({get_column_letter(c)}{first}:{get_column_letter(c)}{end})"
                                   for c in range(2, 10)))
    assert [sum(item[key] for item in events["rows"]) for key in keys] == [events["total"][key] for key in keys]


def _texts(table: Any) -> list[list[str]]:
    return [[cell.text.replace("\xa0", " ").replace("\u00ad", "").strip() for cell in row.cells] for row in table.rows]


def _check_docx(path: Path, report: QuarterlyReport) -> None:
    data = report.to_json_dict()
    lines = _expected_lines(data)
    assert_gost_layout(path)
    document = Document(str(path))
    paragraphs = [p.text.replace("\xa0", " ") for p in document.paragraphs]
    assert paragraphs[0] == ORGANISATION
    assert "КВАРТАЛЬНЫЙ ОТЧЁТ О ДЕЯТЕЛЬНОСТИ" in paragraphs and f"за {PERIOD.title}" in paragraphs
    assert "(с 01.07.2025 по 30.09.2025)" in paragraphs
    assert not any("{" in text for text in paragraphs)
    tables = [_texts(table) for table in document.tables]
    assert len(tables) == 8

    def lined(key: str, unit: str) -> list[list[str]]:
        return [["Показатель", unit],
                *([name.strip(), "" if value is None else str(value)] for name, value in lines[key])]

    assert tables[0] == lined("support", "Семей")
    assert tables[1] == lined("children", "Человек")
    assert tables[3] == lined("visits", "Количество")

    assert tables[2] == [list(SERVICE_HEADERS), *([kind, form, str(figure), str(recipients)]
                                                  for kind, form, figure, recipients in _services_expected(data))]

    sessions = data["sessions"]
    assert tables[4] == [
        ["Должность специалиста", "Форма проведения", "Занятий", "Мест запланировано", "Посетили", "Пропустили",
         "Доля посещений"],
        *([row["position"], row["mode"], *(str(row[key]) for key in ("sessions", "planned", "attended", "absent")),
           _rate(row["rate"])] for row in [*sessions["rows"], {**sessions["total"], "position": "Итого"}])]

    events = data["events"]
    for table, keys, headers in (
            (tables[5], ("events", "participants", "in_person", "online"),
             ["Мероприятий", "Участников всего", "Очно", "Дистанционно"]),
            (tables[6], ("specialists", "parents", "children", "others"),
             ["Специалисты", "Родители", "Дети", "Другие"])):
        assert table == [["Вид мероприятия", *headers],
                         *([row["type_name"], *(str(row[key]) for key in keys)]
                           for row in [*events["rows"], events["total"]])]
    assert tables[7] == [["Руководитель", "________________", "М.П. Иванова"]]


def test_exported_files_match_the_report(database, world, tmp_path: Path) -> None:
    build(database, world)
    report = _report(database)
    assert report.sessions.rows and report.events.rows and report.services.services
    xlsx = export_quarterly_xlsx(report, tmp_path / "quarterly.xlsx", ORGANISATION)
    docx = export_quarterly_docx(report, tmp_path / "quarterly.docx", ORGANISATION, "Иванова Мария Петровна")
    assert xlsx == tmp_path / "quarterly.xlsx" and docx == tmp_path / "quarterly.docx"
    _check_xlsx(xlsx, report)
    _check_docx(docx, report)


def test_organisation_text_is_never_a_formula(database, world, tmp_path: Path) -> None:
    report = _report(database)
    path = export_quarterly_xlsx(report, tmp_path / "q.xlsx", "=HYPERLINK(\"http://x\")")
    sheet = load_workbook(path)["Услуги"]
    assert sheet["A1"].data_type == "s" and sheet["A1"].quotePrefix
    docx = export_quarterly_docx(report, tmp_path / "q.docx", "Центр")
    assert Document(str(docx)).tables[7].rows[0].cells[2].text == "________________"
