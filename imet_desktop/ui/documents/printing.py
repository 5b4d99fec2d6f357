"""Printing a previewed PDF: the system print dialog (one function, which tests replace) and the renderer.

Qt cannot hand a PDF to a printer as it is: each page is rendered by QtPdf into an image and
painted onto the QPrinter. Images are rendered at the printer's resolution, capped at
``MAX_PRINT_DPI`` (a Letter page at the PDF printer's 1,200 dpi would be a 540 MB image).
QtPdf and QtPrintSupport are imported when something prints, never at program start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

MAX_PRINT_DPI = 300


class PrintCancelled(Exception):  # noqa: N818 - an outcome, not a fault
    """The clerk cancelled printing; the print run was aborted."""


def ask_print_settings(parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
    """The system print dialog (printer, pages, copies) for ``printer``; True when the clerk prints.

    The only place the program opens QPrintDialog: tests replace this function and configure
    ``printer`` themselves (for example ``QPrinter.OutputFormat.PdfFormat`` into a file).
    """
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    dialog.setMinMax(1, max(1, page_count))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
    return bool(dialog.exec() == QPrintDialog.DialogCode.Accepted)


def new_printer() -> QPrinter:
    """A printer set up for documents: high resolution, whole page (our PDFs carry their own margins)."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    return printer


def pages_to_print(printer: QPrinter, page_count: int) -> range:
    """The 0-based page indexes the print dialog asked for (all pages when no range was chosen)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return range(page_count)
    return range(max(0, first - 1), min(page_count, last))


def _layout_for(document: QPdfDocument, page: int) -> object:
    """A margin-less page layout the size and orientation of one PDF page."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize

    size = document.pagePointSize(page)
    portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
    orientation = (QPageLayout.Orientation.Landscape if size.width() > size.height()
                   else QPageLayout.Orientation.Portrait)
    page_size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    return QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def print_document(document: QPdfDocument, printer: QPrinter, pages: range | None = None,
                   progress: Callable[[int, int], bool] | None = None) -> int:
    """Render ``pages`` (all by default) of ``document`` onto ``printer``; returns the pages printed.

    Each page is scaled to fill the printer's page, which the printer is set to match (size and
    orientation of the PDF page), so a landscape certificate prints landscape. ``progress(done,
    total)`` is called after each page; when it returns False the print run is aborted and
    PrintCancelled raised. May run on a worker thread (QPainter on a QPrinter is thread-safe; the
    document must then belong to that thread).
    """
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QPainter

    count = document.pageCount()
    wanted = list(pages if pages is not None else range(count))
    wanted = [p for p in wanted if 0 <= p < count]
    if not wanted:
        return 0
    printer.setFullPage(True)
    printer.setPageLayout(_layout_for(document, wanted[0]))  # type: ignore[arg-type]
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started (is it connected and switched on?)")
    try:
        for n, page in enumerate(wanted):
            if n:
                printer.setPageLayout(_layout_for(document, page))  # type: ignore[arg-type]
                if not printer.newPage():
                    raise OSError("The printer refused a new page")
            target: QRect = printer.pageLayout().fullRectPixels(printer.resolution())
            target.moveTo(0, 0)
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            points = document.pagePointSize(page)
            image = document.render(page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
            painter.drawImage(target, image)
            if progress is not None and progress(n + 1, len(wanted)) is False:
                printer.abort()
                raise PrintCancelled()
    finally:
        painter.end()
    return len(wanted)
