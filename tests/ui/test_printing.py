"""«Печать»: a PDF is printed page by page through Qt's print dialog; a Word document is converted by
LibreOffice first (in a temporary folder removed afterwards); the visit editor prints the act it makes.
The printer is Qt's PDF writer, so the printed pages can be counted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QWidget
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.events.events import EventParticipant
from tests.ui.events import test_events as events_tests
from tests.ui.trips import test_trips as trips_tests
from tests.ui.visits import test_visits as visits_tests
from ui import printing
from ui.printing import PrintFailed, print_document, print_pdf

WAIT = 60000
screen, setup, act_folder = visits_tests.screen, visits_tests.setup, visits_tests.act_folder


def _pdf(path: Path, pages: int) -> Path:
    drawing = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        drawing.drawString(100, 700, f"Page {page + 1}")
        drawing.showPage()
    drawing.save()
    return path


def _pages(path: Path) -> int:
    document = QPdfDocument()
    document.load(str(path))
    try:
        return document.pageCount()
    finally:
        document.close()


def _to_file(printer: QPrinter, path: Path) -> None:
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))


def test_every_page_of_a_pdf_is_printed(qtbot, tmp_path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _to_file(printer, tmp_path / "printed.pdf")
    assert print_pdf(printer, _pdf(tmp_path / "route.pdf", 3)) == 3
    assert _pages(tmp_path / "printed.pdf") == 3


def test_a_file_that_is_no_pdf_is_refused_in_russian(qtbot, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    printer = QPrinter()
    _to_file(printer, tmp_path / "out.pdf")
    with pytest.raises(PrintFailed, match="PDF"):
        print_pdf(printer, broken)


def test_print_opens_the_dialog_and_prints_when_accepted(qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    messages: list[str] = []
    dialog = print_document(parent, _pdf(tmp_path / "report.pdf", 2), messages.append)
    assert isinstance(dialog, QPrintDialog)
    _to_file(dialog.printer_, tmp_path / "printed.pdf")
    _accept(dialog)
    assert _pages(tmp_path / "printed.pdf") == 2
    assert messages == ["Отправлено на печать: report.pdf, страниц: 2"]


def _accept(dialog: QPrintDialog) -> None:
    """As OK does, without the dialog's own widgets overwriting the test's choice of printer (a PDF file)."""
    dialog.done(QPrintDialog.DialogCode.Accepted)


def _print_dialog() -> QPrintDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QPrintDialog) and w.isVisible()), None)


@pytest.mark.skipif(shutil.which("libreoffice") is None and shutil.which("soffice") is None,
                    reason="LibreOffice converts Word documents for printing (make test installs it)")
def test_a_word_document_is_converted_then_printed_and_the_copy_removed(qtbot, tmp_path):
    document = Document()
    document.add_paragraph("Акт обследования условий жизни семьи")
    document.save(str(tmp_path / "act.docx"))
    parent = QWidget()
    qtbot.addWidget(parent)
    messages: list[str] = []
    before = set(Path(printing.tempfile.gettempdir()).glob("opora-print-*"))
    print_document(parent, tmp_path / "act.docx", messages.append)
    qtbot.waitUntil(lambda: _print_dialog() is not None, timeout=WAIT)
    dialog = _print_dialog()
    converted = Path(dialog.printer_.docName())
    _to_file(dialog.printer_, tmp_path / "printed.pdf")
    folders = set(Path(printing.tempfile.gettempdir()).glob("opora-print-*")) - before
    assert len(folders) == 1
    _accept(dialog)
    assert _pages(tmp_path / "printed.pdf") >= 1
    assert messages[-1].startswith("Отправлено на печать: act.docx")
    qtbot.waitUntil(lambda: not any(folder.exists() for folder in folders), timeout=WAIT)
    assert converted.name == "act"


def test_a_conversion_that_never_writes_a_file_says_so(qtbot, tmp_path, monkeypatch):
    """LibreOffice without Writer ends with 0 and «source file could not be loaded»: the user is told, no dialog."""
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\necho start >> {tmp_path}/starts\nexit 0\n")
    script.chmod(0o755)
    (tmp_path / "act.docx").write_bytes(b"not used")
    monkeypatch.setattr(printing, "_libreoffice", lambda: str(script))
    parent = QWidget()
    qtbot.addWidget(parent)
    messages: list[str] = []
    print_document(parent, tmp_path / "act.docx", messages.append)
    qtbot.waitUntil(lambda: messages[-1] == "Не удалось подготовить документ к печати.", timeout=WAIT)
    assert (tmp_path / "starts").read_text().count("start") == 1
    assert _print_dialog() is None


def test_the_visit_editors_print_button_makes_the_act_and_prints_it(qtbot, screen, act_folder, monkeypatch):
    printed: list[Path] = []
    monkeypatch.setattr("ui.visits.editor.print_document",
                        lambda parent, path, on_message: printed.append(path))
    screen.table.selectRow(0)
    editor = visits_tests._editor(qtbot, screen.open_current())
    editor.print_button.click()
    qtbot.waitUntil(lambda: bool(printed), timeout=WAIT)
    assert printed[0].suffix == ".docx" and printed[0].is_file()
    assert act_folder == []  # printed, not opened


context, windows, opened = events_tests.context, events_tests.windows, events_tests.opened


def test_the_event_editors_print_button_makes_the_note_and_prints_it(qtbot, context, windows, sqlite_database,
                                                                     sqlite_world, opened, tmp_path, monkeypatch):
    printed: list[Path] = []
    monkeypatch.setattr("ui.events.editor.print_document", lambda parent, path, on_message: printed.append(path))
    family = events_tests._family(sqlite_database, sqlite_world, "Петрова")
    event_id = events_tests._event(sqlite_database, sqlite_world, families=[EventParticipant(family, None, True)])
    window = events_tests._window(qtbot, context, windows, event_id)
    assert window.print_button.isEnabled()
    window.print_button.click()
    target = tmp_path / "справка.docx"
    window.note_dialog.selectFile(str(target))
    window.note_dialog.accept()
    qtbot.waitUntil(lambda: bool(printed), timeout=WAIT)
    assert printed == [target] and target.is_file() and opened == []


families, written = trips_tests.families, trips_tests.written


def test_the_trips_print_button_writes_the_route_sheet_and_prints_its_pdf(qtbot, sqlite_database, sqlite_world,
                                                                           families, written, monkeypatch, worker):
    from ui.context import UiContext
    from ui.trips import TripsScreen

    printed: list[Path] = []
    monkeypatch.setattr("ui.trips.route_sheet_file.print_document",
                        lambda parent, path, on_message: printed.append(path))
    trips_tests._planned_trip(sqlite_database, sqlite_world, families)
    trips = TripsScreen(UiContext(worker, sqlite_world.specialist))
    qtbot.addWidget(trips)
    trips.resize(1366, 700)
    trips.show()
    qtbot.waitUntil(lambda: trips.model.rowCount() == 1, timeout=WAIT)
    trips.table.selectRow(0)
    assert trips.print_button.isEnabled()
    trips.print_button.click()
    qtbot.waitUntil(lambda: bool(printed), timeout=WAIT)
    assert printed[0].suffix == ".pdf" and printed[0].is_file() and written == []
