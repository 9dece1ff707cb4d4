"""Exporting a report: the files of a period written, one audit row per file, a specialist refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.core.errors import PermissionDenied, ValidationError
from app.reports.catalog import EVENTS, QUARTERLY, REGISTRY, ReportRequest, build_report
from app.reports.export import export_report
from app.reports.periods import parse_period
from db.models import AuditEntry
from tests.app.reports.test_quarterly import build

PERIOD = parse_period("2025-Q3")


def _exports(database) -> list[tuple[str, str, str]]:
    with database.read() as session:
        rows = session.execute(select(AuditEntry.entity, AuditEntry.fields, AuditEntry.login)
                               .where(AuditEntry.action == "export").order_by(AuditEntry.id)).all()
    return [tuple(row) for row in rows]


def test_writes_each_format_of_the_period_and_audits_each_file(database, world, tmp_path: Path) -> None:
    build(database, world)
    steps: list[tuple[int, int, str]] = []
    with database.write() as session:
        exported = export_report(session, world.coordinator, ReportRequest(QUARTERLY, PERIOD), ["xlsx", "docx"],
                                 tmp_path, progress=lambda done, total, label: steps.append((done, total, label)))
    stem = "Квартальный отчёт III квартал 2025 г"
    assert exported.files == (tmp_path / f"{stem}.xlsx", tmp_path / f"{stem}.docx")
    assert all(path.exists() for path in exported.files)
    assert "Услуги" in load_workbook(exported.files[0]).sheetnames
    assert Document(str(exported.files[1])).paragraphs
    assert exported.built.data.support.at_end == 2  # the figures of the period the files show
    assert _exports(database) == [("report_quarterly", "xlsx", "coord"), ("report_quarterly", "docx", "coord")]
    assert (1, 2, "Запись файла") in steps


def test_a_built_report_is_written_as_it_is_under_the_chosen_name(database, world, tmp_path: Path) -> None:
    build(database, world)
    request = ReportRequest(EVENTS, PERIOD)
    with database.read() as session:
        built = build_report(session, world.coordinator, request)
    with database.write() as session:
        exported = export_report(session, world.coordinator, request, ["pdf"], tmp_path, name="мероприятия",
                                 built=built)
    assert exported.built is built
    assert exported.files == (tmp_path / "мероприятия.pdf",)
    assert exported.files[0].read_bytes().startswith(b"%PDF")
    assert _exports(database) == [("report_events", "pdf", "coord")]


def test_refuses_a_specialist_and_a_format_the_report_lacks(database, world, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with database.write() as session, pytest.raises(PermissionDenied):
        export_report(session, world.specialist, ReportRequest(QUARTERLY, PERIOD), ["xlsx"], folder)
    with database.write() as session, pytest.raises(ValidationError) as refused:
        export_report(session, world.coordinator, ReportRequest(REGISTRY), ["xlsx", "pdf"], folder)
    assert "format" in refused.value.errors
    assert list(folder.iterdir()) == []
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "export")) == 0
