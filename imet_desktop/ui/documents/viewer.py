"""The preview window: a PDF on screen page after page (zoom, page n of N), Print… and Save as PDF….

Printing runs on a worker (``PrintJob``, through the one job runner): each page is rendered onto the
printer with progress and Cancel. QtPdf is imported here, on first use, never at program start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPointF, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QSpinBox, QToolBar, QToolButton, QVBoxLayout, QWidget

from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.accessibility import complete as complete_accessibility
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.jobs import CANCELLED, SUCCEEDED, Job, JobProgress
from imet_desktop.ui.documents import printing

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtPrintSupport import QPrinter

PDF_FILTER = "PDF documents (*.pdf);;All files (*)"
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.1, 8.0

_printing: set[PrintJob] = set()
_parentless: set[PreviewWindow] = set()


class PrintJob(QObject):
    """Printing a PDF on a worker: each page rendered onto the printer, with progress and Cancel.

    The worker loads its own QPdfDocument from the bytes (a QObject belongs to one thread).
    ``finished(str)``: "printed", "cancelled" or "failed" (``error`` is why: the job has shown it
    through the one error path); ``printed`` pages.
    """

    finished = Signal(str)

    def __init__(self, parent: QWidget, title: str, data: bytes, printer: QPrinter, pages: range) -> None:
        super().__init__()
        self.title = title
        self.printer = printer
        self.printed = 0
        self.error: BaseException | None = None
        self.outcome = ""
        self._data = data
        self._pages = pages
        self.job = Job(parent, f"printing {title}", self._work, title="Could not print")
        self.job.with_progress_dialog(f"Printing {title}…", f"Printing {title}", name="printProgress")
        self.job.finished.connect(self._ended)

    @property
    def progress_dialog(self) -> QWidget | None:
        """The progress window with its Cancel button (while printing)."""
        return self.job.progress_dialog

    def start(self) -> None:
        """Start printing."""
        _printing.add(self)
        self.job.run_in_background()
        dialog = self.job.progress_dialog
        if dialog is not None:
            dialog.setMaximum(max(len(self._pages), 1))

    def cancel(self) -> None:
        """Abort the print run after the current page."""
        self.job.cancel()

    def wait(self) -> None:
        """Block until the worker thread has ended."""
        self.job.wait()

    def _work(self, progress: JobProgress) -> int:
        from PySide6.QtPdf import QPdfDocument

        buffer = QBuffer()
        buffer.setData(QByteArray(self._data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)  # a QBuffer loads at once, no event loop needed
        try:
            return printing.print_document(
                document, self.printer, self._pages,
                lambda done, total: progress(done, total, f"Printing {self.title}: page {done:,} of {total:,}"))
        finally:
            document.close()

    def _ended(self, outcome: str) -> None:
        if outcome == SUCCEEDED:
            self.printed = int(self.job.result)
            self.outcome = "printed"
        elif outcome == CANCELLED:
            self.outcome = "cancelled"
        else:
            self.error = self.job.error
            self.outcome = "failed"
        _printing.discard(self)
        self.finished.emit(self.outcome)


def printing_jobs() -> list[PrintJob]:
    """The print runs going on now."""
    return list(_printing)


def preview_size(near: QWidget | None) -> tuple[int, int]:
    """The preview's size: a page's proportions (900 by 1000), within the screen it opens on."""
    screen = near.screen() if near is not None else QGuiApplication.primaryScreen()
    if screen is None:
        return 900, 1000
    room = screen.availableGeometry()
    return min(900, room.width() - 40), min(1000, room.height() - 60)


class PreviewWindow(QWidget):
    """A PDF on screen, page after page: zoom, page n of N, Print… and Save as PDF…. Not modal."""

    printing_finished = Signal(str)
    """After Print…: "printed", "cancelled" or "failed"."""

    def __init__(self, parent: QWidget | None, title: str, data: bytes, pages: int = 0, *,
                 suggested_name: str) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("documentPreview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"{title} — Preview")
        self.title = title
        self.data = data
        self.suggested_name = suggested_name
        self.expected_pages = pages
        self.print_job: PrintJob | None = None
        if parent is None:
            _parentless.add(self)
            self.destroyed.connect(lambda *_: _parentless.discard(self))

        # QPdfDocument reads from the buffer for as long as it is open: both stay referenced here.
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document: QPdfDocument = QPdfDocument(self)
        self.view: QPdfView = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        self.toolbar = QToolBar(self)
        self.print_action = self._action("Print…", QKeySequence.StandardKey.Print, self.print_document)
        self.save_action = self._action("Save as PDF…", QKeySequence.StandardKey.Save, self.save_as_pdf)
        self.toolbar.addSeparator()
        self.previous_action = self._action("◀ Previous", QKeySequence.StandardKey.MoveToPreviousPage,
                                            self.previous_page)
        self.page_box = QSpinBox(self)
        self.page_box.setObjectName("pageBox")
        self.page_box.setKeyboardTracking(False)
        self.page_box.setRange(1, 1)
        self.page_box.valueChanged.connect(self._page_box_changed)
        self.toolbar.addWidget(QLabel(" Page ", self))
        self.toolbar.addWidget(self.page_box)
        self.page_count_label = QLabel(" of 0 ", self)
        self.toolbar.addWidget(self.page_count_label)
        self.next_action = self._action("Next ▶", QKeySequence.StandardKey.MoveToNextPage, self.next_page)
        self.toolbar.addSeparator()
        self.zoom_out_action = self._action("Zoom out", QKeySequence.StandardKey.ZoomOut, self.zoom_out)
        self.zoom_in_action = self._action("Zoom in", QKeySequence.StandardKey.ZoomIn, self.zoom_in)
        self.fit_width_action = self._action("Fit width", "Ctrl+0", self.fit_width)
        self.fit_page_action = self._action("Whole page", "Ctrl+9", self.fit_page)
        self.zoom_label = QLabel(self)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.zoom_label)
        self.status = QLabel(self)
        self.status.setObjectName("previewStatus")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.status.setContentsMargins(8, 3, 8, 3)

        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.view.zoomModeChanged.connect(self._show_zoom)
        self.document.statusChanged.connect(self._document_status)
        self.view.viewport().installEventFilter(self)
        self.document.load(self._buffer)
        self._document_status()
        self._show_zoom()
        self.close_action = QAction("Close", self)
        self.close_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Cancel), QKeySequence("Ctrl+W")])
        self.close_action.triggered.connect(lambda _checked=False: self.close())
        self.addAction(self.close_action)
        for button in self.toolbar.findChildren(QToolButton):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Print… and the others are reached with Tab too
        self.resize(*preview_size(parent))
        complete_accessibility(self)

    def _action(self, text: str, shortcut: QKeySequence.StandardKey | str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.toolbar.addAction(action)
        return action

    # --- pages --------------------------------------------------------------------------------
    def page_count(self) -> int:
        """Pages of the loaded PDF (0 until loaded)."""
        return int(self.document.pageCount())

    def current_page(self) -> int:
        """The page on screen, counted from 0."""
        return int(self.view.pageNavigator().currentPage())

    def go_to_page(self, page: int) -> None:
        """Scroll to a page (counted from 0; clamped to the document)."""
        count = self.page_count()
        if count == 0:
            return
        page = max(0, min(page, count - 1))
        navigator = self.view.pageNavigator()
        if page != navigator.currentPage():
            navigator.jump(page, QPointF(), navigator.currentZoom())
        self._page_changed(page)

    def _page_box_changed(self, number: int) -> None:
        self.go_to_page(number - 1)

    def next_page(self) -> None:
        """One page on."""
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        """One page back."""
        self.go_to_page(self.current_page() - 1)

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        count = self.page_count()
        self.previous_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < count - 1)

    def _document_status(self, _status: object = None) -> None:
        from PySide6.QtPdf import QPdfDocument

        if not shiboken6.isValid(self.document):
            return  # the window is being destroyed
        status = self.document.status()
        count = self.page_count()
        if status == QPdfDocument.Status.Ready:
            self.page_box.setRange(1, max(1, count))
            self.page_count_label.setText(f" of {count:,} ")
            self.status.setText(f"{count:,} page{'s' if count != 1 else ''}")
            self._page_changed(self.current_page())
        elif status == QPdfDocument.Status.Error:
            self.status.setText(f"The PDF could not be shown ({self.document.error().name}).")
        self.print_action.setEnabled(count > 0)

    # --- zoom ---------------------------------------------------------------------------------
    def zoom_factor(self) -> float:
        """The zoom on screen (1.0 = actual size), whatever the zoom mode."""
        from PySide6.QtPdfWidgets import QPdfView

        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or self.page_count() == 0:
            return float(self.view.zoomFactor())
        # As QPdfView computes it: the viewport over the widest page at the screen's resolution.
        points = [self.document.pagePointSize(p) for p in range(self.page_count())]
        dpi = self.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        height = self.view.viewport().height() - margins.top() - margins.bottom()
        by_width = width / max(max(p.width() for p in points) * dpi, 1.0)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return by_width
        return min(by_width, height / max(max(p.height() for p in points) * dpi, 1.0))

    def set_zoom(self, factor: float) -> None:
        """Zoom to a factor (1.0 = actual size)."""
        from PySide6.QtPdfWidgets import QPdfView

        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, factor)))
        self._show_zoom()

    def zoom_in(self) -> None:
        """Larger by one step."""
        self.set_zoom(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Smaller by one step."""
        self.set_zoom(self.zoom_factor() / ZOOM_STEP)

    def fit_width(self) -> None:
        """Pages as wide as the window."""
        from PySide6.QtPdfWidgets import QPdfView

        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def fit_page(self) -> None:
        """A whole page in the window."""
        from PySide6.QtPdfWidgets import QPdfView

        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._show_zoom()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._show_zoom()  # a fitted zoom changes with the view's width
        return super().eventFilter(watched, event)

    def _show_zoom(self, _changed: object = None) -> None:
        if not shiboken6.isValid(self.view):
            return
        self.zoom_label.setText(f" {self.zoom_factor():.0%} ")

    # --- print and save -------------------------------------------------------------------------
    def print_document(self) -> bool:
        """Ask the system print dialog, then print on a worker with progress and Cancel.

        Returns True when printing started; ``printing_finished`` follows with the outcome.
        """
        count = self.page_count()
        if count == 0 or (self.print_job is not None and not self.print_job.outcome):
            return False
        printer = printing.new_printer()
        printer.setDocName(self.title)
        if not printing.ask_print_settings(self, printer, count):
            return False
        self.print_action.setEnabled(False)
        self.print_job = PrintJob(self, self.title, self.data, printer, printing.pages_to_print(printer, count))
        self.print_job.finished.connect(self._printed)
        self.print_job.start()
        return True

    def _printed(self, outcome: str) -> None:
        job = self.print_job
        assert job is not None
        self.print_action.setEnabled(self.page_count() > 0)
        if outcome == "printed":
            where = job.printer.outputFileName() or job.printer.printerName() or "the printer"
            self.status.setText(f"Sent {job.printed:,} page{'s' if job.printed != 1 else ''} to {where}")
        elif outcome == "cancelled":
            self.status.setText("Printing cancelled")
        else:
            self.status.setText("Not printed")  # the job has said why (ui.common.errors)
        self.printing_finished.emit(outcome)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.print_job is not None and not self.print_job.outcome:
            self.print_job.cancel()
            self.print_job.wait()  # a running QThread must not be destroyed with the window
        super().closeEvent(event)

    def save_as_pdf(self) -> Path | None:
        """Ask where, then write the PDF (whole or not at all); returns the file written."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / self.suggested_name) if folder else self.suggested_name
        path = dialogs.choose_save_file(self, "Save as PDF", suggested, PDF_FILTER, "pdf")
        if path is None:
            return None
        from imet_desktop.files import write_atomically

        try:
            write_atomically(path, self.data, private=True)  # a document may carry personal data (CUI)
        except Exception as error:
            show_failure(self, "Could not save the PDF", error, doing=f"saving {path}")
            return None
        self.status.setText(f"Saved {path}")
        return path

