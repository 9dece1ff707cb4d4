"""«Печать…» on the Reports screen: the report is made as a PDF in a private temporary folder, sent through the
print dialog page by page, and the folder is removed afterwards; nothing is left with the families' data in it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from tests.app.reports.test_quarterly import build
from tests.ui.reports import test_reports as reports_tests

WAIT = 60000
context, opened = reports_tests.context, reports_tests.opened


def test_print_makes_a_pdf_prints_every_page_and_removes_it(qtbot, context, sqlite_database, sqlite_world, opened,
                                                           tmp_path):
    build(sqlite_database, sqlite_world)
    section = reports_tests._section(qtbot, context)
    assert section.print_button.isVisible() or not section.isVisible()
    section.print_button.click()
    qtbot.waitUntil(lambda: isinstance(section.print_dialog, QPrintDialog), timeout=WAIT)
    dialog = section.print_dialog
    folder = section.print_folder
    assert folder is not None and any(folder.glob("*.pdf")) and opened == []
    printed = tmp_path / "printed.pdf"
    dialog.printer_.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer_.setOutputFileName(str(printed))
    dialog.done(QPrintDialog.DialogCode.Accepted)  # as OK, without the dialog's own printer choice
    document = QPdfDocument()
    document.load(str(printed))
    assert document.pageCount() >= 2
    document.close()
    assert "Отправлено на печать" in section.status.text()
    qtbot.waitUntil(lambda: not Path(folder).exists(), timeout=WAIT)
