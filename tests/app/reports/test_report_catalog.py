"""The report catalogue: one build per request, preview tables that match the figures, files from them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.core.errors import PermissionDenied, ValidationError
from app.reports.catalog import (
    EVENTS,
    INDICATORS,
    QUARTERLY,
    REGISTRY,
    ReportRequest,
    build_report,
    file_stem,
    record_export,
    write_report,
)
from app.reports.periods import parse_period
from app.reports.quarterly_export import SECTIONS
from db.models import AuditEntry
from tests.app.reports.test_quarterly import build

PERIOD = parse_period("2025-Q3")


def test_quarterly_preview_matches_the_figures(database, world, tmp_path: Path) -> None:
    build(database, world)
    with database.read() as session:
        built = build_report(session, world.coordinator, ReportRequest(QUARTERLY, PERIOD))
    report = built.data
    titles = [table.title for table in built.tables]
    assert titles == list(SECTIONS.values())  # numbered and titled as in the files
    support = dict(built.tables[0].rows)
    assert support["Состоит на сопровождении на конец периода (30.09.2025)"] == report.support.at_end == 2
    services = built.tables[2]
    # The shape of every file format: the «Итого» row, then the forms over all kinds (services, recipients).
    assert services.headers == ("Вид социальных услуг", "Форма социального обслуживания", "Услуг", "Получателей")
    assert services.rows[-4:] == (("Итого", "всего", 11, 7), ("", "Форма социального обслуживания на дому", 7, 5),
                                  ("", "Полустационарная форма социального обслуживания", 4, 3),
                                  ("", "Стационарная форма социального обслуживания", 0, 0))
    assert services.total_rows == 4
    assert built.tables[4].rows[-1] == ("Итого", "", 5, 7, 5, 1, "83,3 %")
    assert file_stem(built) == "Квартальный отчёт III квартал 2025 г"
    path = write_report(built, "xlsx", tmp_path / "q.xlsx")
    assert "Услуги" in load_workbook(path).sheetnames


def test_other_kinds(database, world) -> None:
    build(database, world)
    with database.read() as session:
        events = build_report(session, world.coordinator, ReportRequest(EVENTS, PERIOD))
        registry = build_report(session, world.coordinator, ReportRequest(REGISTRY, None, (world.office_id,),
                                                                          (world.other_district_id,)))
        indicators = build_report(session, world.coordinator, ReportRequest(INDICATORS, PERIOD))
    assert [row[2] for row in events.tables[0].rows] == ["Мероприятие"] * 3
    assert events.tables[1].rows[-1][1] == 3  # three events in all
    # Only the Борисовы live in the other district: the mother and Бэлла.
    assert registry.tables[0].title == "Семей: 1, членов семей: 2"
    assert {row[4].split()[0] for row in registry.tables[0].rows} == {"Борисова"}
    assert indicators.tables[0].rows == ()


def test_requests_are_checked(database, world, tmp_path: Path) -> None:
    with database.read() as session:
        with pytest.raises(PermissionDenied):
            build_report(session, world.specialist, ReportRequest(QUARTERLY, PERIOD))
        with pytest.raises(ValidationError) as missing:
            build_report(session, world.coordinator, ReportRequest(QUARTERLY, None))
        assert "Период" in missing.value.errors["period"]
        with pytest.raises(ValidationError):
            build_report(session, world.coordinator, ReportRequest("monthly", PERIOD))
        built = build_report(session, world.coordinator, ReportRequest(REGISTRY))
    with pytest.raises(ValidationError) as wrong:
        write_report(built, "pdf", tmp_path / "r.pdf")
    assert "xlsx" in wrong.value.errors["format"]


def test_exports_are_audited(database, world) -> None:
    with database.write() as session:
        built = build_report(session, world.coordinator, ReportRequest(QUARTERLY, PERIOD))
        record_export(session, world.coordinator, built, "pdf")
    with database.read() as session:
        entry = session.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.fields, AuditEntry.login)
                                .order_by(AuditEntry.id.desc())).first()
    assert tuple(entry) == ("export", "report_quarterly", "pdf", "coord")


def test_a_coordinator_reports_on_their_offices(database, world) -> None:
    import uuid

    from app.reports.catalog import report_scope

    with database.read() as session:
        scope = report_scope(session, world.coordinator)
        assert [office_id for office_id, _ in scope.offices] == [world.office_id]
        assert {name for _, name in scope.districts} >= {"Тестовый район", "Соседний район"}
        with pytest.raises(PermissionDenied):
            build_report(session, world.coordinator, ReportRequest(QUARTERLY, PERIOD, (uuid.uuid4(),)))
        assert build_report(session, world.admin, ReportRequest(QUARTERLY, PERIOD, (uuid.uuid4(),))).data \
            .support.at_end == 0


def test_reports_name_their_executor(database, world, tmp_path: Path) -> None:
    """«Исполнитель: Фамилия И.О., тел.» under the signature of every signed report, in DOCX and PDF."""
    import subprocess

    from docx import Document

    from app.reports.catalog import executor_line
    from db.models import Office, Staff

    build(database, world)
    with database.write() as session:
        session.get(Office, world.office_id).phone = "+7 (3952) 20-30-40"
        staff = session.get(Staff, world.psychologist_id)
        staff.phone = None
    actor = replace(world.coordinator, staff_id=world.psychologist_id)
    with database.read() as session:
        assert executor_line(session, actor) == "Смирнова О.И., тел. +7 (3952) 20-30-40"  # the office's phone
        assert executor_line(session, replace(actor, staff_id=None)) == actor.display_name
        built = {kind: build_report(session, actor, ReportRequest(kind, PERIOD)) for kind in (QUARTERLY, EVENTS,
                                                                                              INDICATORS)}
    for kind, report in built.items():
        docx = write_report(report, "docx", tmp_path / f"{kind}.docx")
        paragraphs = [p.text.replace("\xa0", " ") for p in Document(str(docx)).paragraphs]
        assert "Исполнитель: Смирнова О.И., тел. +7 (3952) 20-30-40" in paragraphs, kind
        pdf = write_report(report, "pdf", tmp_path / f"{kind}.pdf")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Исполнитель: Смирнова О.И., тел. +7 (3952) 20-30-40" in " ".join(text.split()), kind
        # The workbook has no signature but every sheet with a table ends with the same line.
        from openpyxl import load_workbook

        book = load_workbook(write_report(report, "xlsx", tmp_path / f"{kind}.xlsx"))
        for sheet in book.worksheets:
            values = [row[0] for row in sheet.iter_rows(max_col=1, values_only=True)]
            if sheet.sheet_state == "visible" and not sheet.title.startswith("Диаграмма"):
                assert "Исполнитель: Смирнова О.И., тел. +7 (3952) 20-30-40" in values, (kind, sheet.title)
            else:
                assert not any(str(value).startswith("Исполнитель") for value in values), (kind, sheet.title)
