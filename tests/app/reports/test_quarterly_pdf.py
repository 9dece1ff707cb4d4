"""The quarterly report as PDF: every figure of the hand-built dataset (tests/app/reports/test_quarterly.py) is found
in the text extracted with pdftotext, in Cyrillic; pages are numbered «стр. N из M»."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.reports.periods import custom
from app.reports.quarterly import CountRow, QuarterlyReport, SessionRow
from app.reports.quarterly_pdf import export_quarterly_pdf, format_rate, position_rates
from tests.app.reports.test_quarterly import _report, build

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")
ORGANISATION = "ГБУ «Центр „Опора“» & <партнёры>"


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _line(text: str, label: str) -> list[str]:
    """The numbers on the first line containing `label` (layout mode keeps a table row on one line)."""
    for line in text.splitlines():
        if label in line:
            return re.findall(r"-?\d+(?:,\d+)?", line.replace(label, ""))
    raise AssertionError(f"no line with {label!r} in:\n{text}")


def test_rates() -> None:
    assert format_rate(5 / 6) == "83,3 %"
    assert format_rate(None) == "—"
    rows = (SessionRow("p", "Психолог", "c", "В центре", 2, 4, 3, 1),
            SessionRow("p", "Психолог", "h", "На дому", 1, 1, 1, 0),
            SessionRow("s", "Логопед", "c", "В центре", 1, 1, 0, 0))
    assert position_rates(rows) == [("Психолог", 0.8), ("Логопед", None)]


def test_every_figure_in_the_pdf(database, world, tmp_path: Path) -> None:
    build(database, world)
    report: QuarterlyReport = _report(database)
    folder = tmp_path / "out"
    target = export_quarterly_pdf(report, folder / "Отчёт.pdf", ORGANISATION, "А.Б. Петрова")
    assert target == folder / "Отчёт.pdf"
    assert [p.name for p in folder.iterdir()] == ["Отчёт.pdf"]  # no temporary file left behind
    text = _pdf_text(target)

    # Cyrillic text comes out as letters, not boxes; user text is escaped, not read as markup.
    assert "Квартальный отчёт о деятельности" in text
    assert ORGANISATION in text
    assert "за III квартал 2025 г." in text
    assert "(с 01.07.2025 по 30.09.2025)" in text
    assert "А.Б. Петрова" in text and "(И.О. Фамилия)" in text
    pages = int(re.findall(r"стр\. 1 из (\d+)", text)[0])
    assert pages >= 2
    assert [f"стр. {n} из {pages}" in text for n in range(1, pages + 1)] == [True] * pages

    support = report.support
    assert _line(text, "на начало периода (01.07.2025)") == [str(support.at_start)] == ["3"]
    assert _line(text, "Принято на сопровождение") == [str(support.taken_on)] == ["1"]
    assert _line(text, "Снято с сопровождения") == [str(support.removed)] == ["2"]
    for row in support.removed_by_reason:
        assert _line(text, f"по причине «{row.name[:40]}")[-1:] == [str(row.count)]  # names may hold digits
    assert _line(text, "на конец периода (30.09.2025)") == [str(support.at_end)] == ["2"]
    for row in support.by_category:
        assert row.name in text
    for row in support.by_district:
        assert _line(text, row.name) == [str(row.count)]

    assert _line(text, "Детей, получивших услуги") == ["4"]
    assert _line(text, "детей-инвалидов") == ["1"]
    assert _line(text, "детей с ОВЗ") == ["2"]

    # Services: the shape of the DOCX, the workbook and the preview — a kind's «всего» row (its services and
    # recipients) with its forms below, then «Итого» with the sums by form.
    for kind in report.services.kinds:
        assert _line(text, kind.kind_name[:20])[-2:] == [str(kind.services), str(kind.recipients)]
    lines = text.splitlines()
    total = next(index for index, line in enumerate(lines) if line.strip().startswith("Итого"))
    note = next(index for index in range(total, len(lines)) if "Получателей — разных лиц" in lines[index])
    block = " ".join(lines[total:note])  # the form names wrap in their column; the figures stay in order
    assert re.findall(r"\d+", block) == ["11", "7", *(str(v) for cell in report.services.by_form
                                                      for v in (cell.services, cell.recipients))]
    assert [cell.services for cell in report.services.by_form] == [
        sum(kind.forms[i].services for kind in report.services.kinds) for i in range(len(report.services.by_form))]

    visits = report.visits
    assert _line(text, "Посещений семей на дому") == [str(visits.home_visits)]
    assert _line(text, "Выездов мобильной бригады проведено") == [str(visits.trips_done)]
    assert _line(text, "Населённых пунктов охвачено") == [str(visits.settlements)]
    assert _line(text, "в т. ч. отдалённых (") == ["50", str(visits.remote_settlements)]

    # Sessions: position × mode rows and the total, with the attendance rate.
    lines = [line for line in text.splitlines() if "Педагог-психолог" in line or "Учитель-логопед" in line]
    table = [re.findall(r"\d+(?:,\d+)?", line) for line in lines if "В центре" in line or "На дому у" in line]
    assert table == [["2", "4", "3", "1", "75,0"], ["1", "1", "1", "0", "100,0"], ["2", "2", "1", "0", "100,0"]]
    totals = [re.findall(r"\d+(?:,\d+)?", line) for line in text.splitlines() if line.strip().startswith("Итого")]
    assert ["5", "7", "5", "1", "83,3"] in totals
    assert ["3", "55", "22", "33", "32", "13", "4", "6"] in totals  # events

    # The charts: titles and their Cyrillic category labels.
    assert "Диаграмма 1. Социальные услуги по видам" in text
    assert "Диаграмма 2. Посещаемость занятий" in text
    assert (text.count("Педагог-психолог"), text.count("Учитель-логопед")) == (3, 2)  # rows + chart labels


def test_custom_period_heading(database, world, tmp_path: Path) -> None:
    from dataclasses import replace

    report = replace(_report(database), period=custom(date(2025, 7, 1), date(2025, 7, 31)))
    text = _pdf_text(export_quarterly_pdf(report, tmp_path / "r.pdf", "Центр"))
    assert "за период с 01.07.2025 по 31.07.2025" in text
    assert "Нет семей на сопровождении" in text
    assert "(И.О. Фамилия)" in text


def test_long_table_repeats_its_header(database, world, tmp_path: Path) -> None:
    from dataclasses import replace

    report = _report(database)
    districts = tuple(CountRow("", f"Район № {n}", n) for n in range(1, 121))
    report = replace(report, support=replace(report.support, by_district=districts))
    pages = _pdf_text(export_quarterly_pdf(report, tmp_path / "r.pdf", "Центр")).split("\f")
    with_districts = [page for page in pages if "Район № " in page]
    assert len(with_districts) >= 2
    assert all(re.search(r"^\s*Район\s+Семей$", page, re.MULTILINE) for page in with_districts)
    rows = re.findall(r"Район № (\d+)\s+(\d+)$", "\n".join(pages), re.MULTILINE)
    assert rows == [(str(n), str(n)) for n in range(1, 121)]
