"""Making a PDF on a worker with progress and Cancel, then opening it in the preview window.

Call ``open_document_preview(parent, title, build, suggested_name=...)``. ``build(out, progress)``
writes one PDF into the binary stream ``out`` and returns its page count; it runs on a worker
thread (through the one job runner, ``ui.common.jobs``), so it must not touch widgets nor the GUI
thread's database connection (read the data on the GUI thread and let ``build`` only draw, or
open a connection inside ``build``). It calls ``progress(done, total)`` as it goes; once the
clerk has pressed Cancel that call raises ``domain.errors.Cancelled`` and nothing is shown.
ReportLab is not thread-safe: one PDF is made at a time (``jobs.PDF_LOCK``); a second request
waits for the first.

The outcome: the preview window (``viewer.PreviewWindow``: zoom, pages, Print…, Save as PDF…);
the pre-print check when ``build`` raises ``UndrawableTextError`` (nothing is shown or printed);
nothing when cancelled; the one error path (``ui.common.errors``) for anything else.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from PySide6.QtCore import QObject, Signal

from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.jobs import PDF_LOCK, SUCCEEDED, Job, JobProgress, wait_for_jobs
from imet_desktop.ui.documents import preprint

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from imet_desktop.documents.fonts import MissingGlyph
    from imet_desktop.ui.documents.viewer import PreviewWindow

type Progress = Callable[[int, int], object]
type Build = Callable[[BinaryIO, Progress], int]

_running: set[DocumentJob] = set()


@dataclass(frozen=True, slots=True)
class _Made:
    data: bytes
    pages: int


@dataclass(frozen=True, slots=True)
class _Refused:
    missing: list[MissingGlyph]


def open_document_preview(parent: QWidget, title: str, build: Build, *, suggested_name: str) -> None:
    """Make a PDF with ``build`` on the PDF worker, showing progress, then open it in a preview window.

    Returns at once; the preview (or the pre-print check, or an error message) follows when the
    document is made. ``suggested_name`` is the file name offered by Save as PDF….
    """
    DocumentJob(parent, title, build, suggested_name).start()


def running_jobs() -> list[DocumentJob]:
    """The documents being made now (tests wait for these)."""
    return list(_running)


def wait_for_documents() -> None:
    """Cancel every document being made or printed and wait for the workers to end (test teardown)."""
    from imet_desktop.ui.documents.viewer import printing_jobs

    wait_for_jobs([d.job for d in _running] + [p.job for p in printing_jobs()])


class DocumentJob(QObject):
    """One document: made on a worker, with a progress window that can cancel it.

    ``finished(str)`` says how it ended: "previewed", "refused" (pre-print check shown),
    "cancelled" or "failed". ``preview`` is the window once it is open.
    """

    finished = Signal(str)

    def __init__(self, parent: QWidget | None, title: str, build: Build, suggested_name: str) -> None:
        super().__init__()
        self._parent = parent
        self.title = title
        self.suggested_name = suggested_name
        self._build = build
        self.outcome = ""
        self.preview: PreviewWindow | None = None
        self.job = Job(parent, f"making {title}", self._work, title=f"Could not make {title}", exclusive=PDF_LOCK)
        self.job.with_progress_dialog(f"Preparing {title}…", title, name="documentProgress")
        self.job.success(self._made).failure(self._failed)
        self.job.finished.connect(self._ended)

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        """The progress window with its Cancel button (while the document is being made)."""
        return self.job.progress_dialog

    def start(self) -> None:
        """Start making the document; the progress window appears if it takes a moment."""
        _running.add(self)
        self.job.run_in_background()

    def cancel(self) -> None:
        """Stop at the next page; nothing is shown or written."""
        self.job.cancel()

    @property
    def cancelled(self) -> bool:
        """True once Cancel was pressed."""
        return self.job.cancel_requested

    def wait(self) -> None:
        """Block until the worker thread has ended."""
        self.job.wait()

    # --- on the worker thread -------------------------------------------------------------------------------
    def _work(self, progress: JobProgress) -> _Made | _Refused:
        from imet_desktop.documents.fonts import UndrawableTextError

        out = io.BytesIO()
        try:
            pages = self._build(out, lambda done, total: progress(
                done, total, f"Making {self.title}: page {done:,} of {total:,}"))
        except UndrawableTextError as error:
            return _Refused(list(error.missing))
        return _Made(out.getvalue(), pages)

    # --- back on the GUI thread (the job calls these only while the parent exists) ----------------------------
    def _made(self, result: _Made | _Refused) -> None:
        if isinstance(result, _Made):
            from imet_desktop.ui.documents.viewer import PreviewWindow

            self.preview = PreviewWindow(self._parent, self.title, result.data, result.pages,
                                         suggested_name=self.suggested_name)
            self.preview.show()
        else:
            preprint.show_preprint_check(self._parent, self.title, result.missing)

    def _failed(self, error: BaseException) -> None:
        show_failure(self._parent, f"Could not make {self.title}", error, doing=f"making {self.title}",
                     note="Nothing was printed.")

    def _ended(self, outcome: str) -> None:
        if outcome == SUCCEEDED:
            self.outcome = "previewed" if isinstance(self.job.result, _Made) else "refused"
        else:
            self.outcome = outcome  # "failed" or "cancelled"
        _running.discard(self)
        self.finished.emit(self.outcome)
