"""«Печать» for generated documents, so a specialist does not hunt for the file.

A PDF goes through Qt's print dialog (pages rendered by Qt PDF at the printer's resolution, at most 300 dpi).
A Word document goes to the system: on Windows its «print» verb (Word or LibreOffice prints it); elsewhere
LibreOffice, when installed, turns it into a PDF first (offline, in a private temporary folder removed
afterwards) and the same print dialog follows; without LibreOffice the document opens in the system's program
to be printed from there, and the user is told so.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ui import generated_files

log = logging.getLogger("opora.ui")
MAX_DPI = 300


class PrintFailed(Exception):
    """A Russian sentence for the user."""


def print_pdf(printer: QPrinter, path: Path) -> int:
    """Paint every page of the PDF on `printer`, fitted to its page; returns the number of pages printed."""
    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintFailed(QCoreApplication.translate("Printing", "The file {name} cannot be read as a PDF.")
                          .format(name=path.name))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(QCoreApplication.translate("Printing", "The printer could not be started."))
    try:
        area = printer.pageRect(QPrinter.Unit.DevicePixel)
        dpi = min(printer.resolution(), MAX_DPI)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(page, size)
            scale = min(area.width() / size.width(), area.height() / size.height())
            target = QRectF(0, 0, size.width() * scale, size.height() * scale)
            painter.drawImage(target, image)
        pages = document.pageCount()
    finally:
        painter.end()
        document.close()
    return pages


def _libreoffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def print_document(parent: QWidget, path: Path, on_message: Callable[[str], None]) -> QObject | None:
    """Print `path`: a PDF through Qt's print dialog (window-modal); a Word document through the system or,
    where LibreOffice is, converted in the background first. `on_message` gets one Russian sentence on what
    happened. Returns the dialog or the conversion under way (for tests), None when the system took over."""
    translate = QCoreApplication.translate
    if path.suffix.lower() == ".pdf":
        return _ask_printer(parent, path, on_message)
    if sys.platform == "win32":
        os.startfile(str(path), "print")  # type: ignore[attr-defined]  # the program registered for .docx
        on_message(translate("Printing", "Sent to the printer: {name}").format(name=path.name))
        return None
    office = _libreoffice()
    if office is None:
        generated_files.open_file(path)
        on_message(translate("Printing", "LibreOffice is not installed: the document is opened, print it from "
                                         "there."))
        return None
    return _convert_then_print(parent, office, path, on_message)


def _convert_then_print(parent: QWidget, office: str, path: Path, on_message: Callable[[str], None]) -> QProcess:
    """LibreOffice turns the document into a PDF in a private temporary folder (without freezing the window);
    the print dialog follows; the folder is removed when printing is over."""
    translate = QCoreApplication.translate
    folder = Path(tempfile.mkdtemp(prefix="opora-print-"))
    process = QProcess(parent)
    process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
    arguments = [f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(folder), str(path)]
    on_message(translate("Printing", "Preparing {name} for printing…").format(name=path.name))

    def finished(code: int, _status: QProcess.ExitStatus) -> None:
        converted = folder / (path.stem + ".pdf")
        if code != 0 or not converted.is_file():
            log.warning("LibreOffice could not convert a document for printing (exit %s): %s", code,
                        bytes(process.readAll().data()).decode(errors="replace").strip()[:300])
            shutil.rmtree(folder, ignore_errors=True)
            on_message(translate("Printing", "The document could not be prepared for printing."))
            return
        dialog = _ask_printer(parent, converted, on_message, shown_name=path.name)
        dialog.finished.connect(lambda _result: shutil.rmtree(folder, ignore_errors=True))

    process.finished.connect(finished)
    process.start(office, arguments)
    return process


def _ask_printer(parent: QWidget, pdf: Path, on_message: Callable[[str], None],
                 shown_name: str | None = None) -> QPrintDialog:
    translate = QCoreApplication.translate
    name = shown_name or pdf.name
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(Path(name).stem)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("Printing", "Print {name}").format(name=name))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.printer_ = printer  # type: ignore[attr-defined]  # kept alive with the dialog

    def accepted() -> None:
        try:
            pages = print_pdf(printer, pdf)
        except PrintFailed as error:
            on_message(str(error))
            return
        on_message(translate("Printing", "Sent to the printer: {name}, pages: {pages}").format(
            name=name, pages=pages))

    # finished(int), not accepted: QPrintDialog overloads accepted with a QPrinter argument.
    dialog.finished.connect(lambda result: accepted() if result == QDialog.DialogCode.Accepted else None)
    # QPrintDialog.open() is the (receiver, slot) overload in PySide6: shown window-modal instead, no nested loop.
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog
