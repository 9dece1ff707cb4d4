"""The audit log's head printed on exported reports (#15 item 5): every file of an export carries «Контрольная
сумма журнала аудита: № N · hash», small, as its last line (DOCX, PDF) or under each sheet and in its printed
footer (XLSX); a log later cut back below that head is caught by `opora audit verify --head` with the printed text.
Files made outside an export (a visit act) carry nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import delete, select

from app.core.audit import chain_head, current_head_stamp, head_stamp, parse_head
from app.core.errors import ValidationError
from app.reports.catalog import EVENTS, QUARTERLY, ReportRequest
from app.reports.export import export_report
from app.reports.periods import parse_period
from app.system.audit_log import chain_message, check_chain
from cli.main import run
from db.models import AuditEntry
from tests.app.audit_setup import drop_audit_triggers
from tests.app.reports.test_quarterly import build
from tests.world import PASSWORD

PERIOD = parse_period("2025-Q3")


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_every_file_of_an_export_carries_the_head_before_it(database, world, tmp_path: Path) -> None:
    build(database, world)
    with database.read() as session:
        before = chain_head(session)
        stamp = current_head_stamp(session)
    assert stamp == f"Контрольная сумма журнала аудита: № {before.last_id} · {before.hash[:16]}"
    with database.write() as session:
        files = export_report(session, world.coordinator, ReportRequest(QUARTERLY, PERIOD),
                              ["xlsx", "docx", "pdf"], tmp_path).files
    xlsx, docx, pdf = files
    book = load_workbook(xlsx)
    for sheet in book.worksheets:  # under the content of every sheet, and in its printed footer
        last = [cell.value for cell in sheet[sheet.max_row] if cell.value is not None]
        assert last == [stamp], sheet.title
        assert sheet.oddFooter.left.text == stamp
    paragraphs = [p.text for p in Document(str(docx)).paragraphs if p.text.strip()]
    assert paragraphs[-1] == stamp
    run_font = Document(str(docx)).paragraphs[-1].runs[0].font
    assert run_font.size.pt == 7
    text = _pdf_text(pdf)
    assert text.count(stamp) == 1 and text.rstrip().endswith(stamp.split(" · ")[1])  # once, on the last page
    with database.read() as session:  # the export's own audit rows came after the printed head
        assert chain_head(session).last_id == before.last_id + 3


def test_files_made_outside_an_export_carry_no_head(database, world, tmp_path: Path) -> None:
    from app.reports.catalog import build_report, write_report

    build(database, world)
    with database.read() as session:
        built = build_report(session, world.coordinator, ReportRequest(EVENTS, PERIOD))
    path = write_report(built, "docx", tmp_path / "events.docx")
    assert not any("Контрольная сумма" in p.text for p in Document(str(path)).paragraphs)


def test_a_log_cut_back_below_a_printed_head_is_caught(database, world, tmp_path: Path, monkeypatch, capsys) -> None:
    build(database, world)
    with database.write() as session:
        export_report(session, world.coordinator, ReportRequest(EVENTS, PERIOD), ["pdf"], tmp_path)
    printed = _pdf_text(next(tmp_path.glob("*.pdf")))
    stamp_line = next(line.strip() for line in printed.splitlines() if "Контрольная сумма" in line)
    head = parse_head(stamp_line)
    assert head is not None and len(head.hash) == 16
    with database.read() as session:
        assert check_chain(session, world.admin, stamp_line).ok
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    assert run(["audit", "verify", "--db", database.url, "--user", "admin", "--head", stamp_line]) == 0
    capsys.readouterr()
    # The newest rows removed — the head printed in the report among them — and nothing else touched.
    drop_audit_triggers(database)
    with database.write() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.id >= head.last_id))
    with database.read() as session:
        assert check_chain(session, world.admin).ok  # the chain left is consistent in itself
        check = check_chain(session, world.admin, stamp_line)
    assert not check.ok and f"№ {head.last_id}" in chain_message(check)
    assert run(["audit", "verify", "--db", database.url, "--user", "admin", "--head", stamp_line]) == 3
    assert f"последней известной записью была № {head.last_id}" in capsys.readouterr().out


def test_a_rewritten_head_is_caught_and_a_garbled_one_refused(database, world) -> None:
    build(database, world)
    with database.read() as session:
        head = chain_head(session)
        other = head_stamp(type(head)(head.last_id, "0123456789abcdef" + head.hash[16:]))
        assert not check_chain(session, world.admin, other).ok
        with pytest.raises(ValidationError, match="--head"):
            check_chain(session, world.admin, "контрольная сумма: не помню")
        assert session.execute(select(AuditEntry.id).where(AuditEntry.id == head.last_id)).scalar() == head.last_id
