"""Long work on a worker thread, one way for the whole program (in the spirit of Anki's CollectionOp):

    Job(window, "backing up the database", work, title="Backup failed")
        .success(lambda path: ...).run_in_background()

``work(progress)`` is a Qt-free function: it never touches a widget, and work that reads or writes
the database opens its own connection (a connection belongs to the thread that opened it). It
reports how far it has come in the one shape of ``domain.progress.Progress``:
``progress(done, total, text)``. Once the clerk has pressed Cancel, the next call raises
``domain.errors.Cancelled``, so work that writes inside one transaction rolls back.

Success, failure and cancel are delivered on the GUI thread, and only while the job's parent
widget still exists. A failure goes through the one error path (``errors.show_failure``: the
clerk's mistake as its message, our bug logged and apologised for) unless ``failure(...)`` says
otherwise; a cancel shows nothing unless ``cancelled(...)`` says otherwise.

Every running job is known here: ``wait_for_jobs()`` cancels and waits for them (the main
window's closeEvent, the end of the application, test teardown), because a QThread destroyed
while running aborts the program. Nothing here spins the event loop by hand.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from imet_desktop.domain.errors import Cancelled

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog, QWidget

PDF_LOCK = threading.Lock()
"""Held by every job that draws a PDF: ReportLab keeps global state and is not thread-safe."""

PROGRESS_INTERVAL = 0.05  # seconds between progress signals: 1,000 pages a second would flood the GUI
SHOW_PROGRESS_AFTER_MS = 300  # a quick job ends without a progress window flashing up

SUCCEEDED, FAILED, CANCELLED = "succeeded", "failed", "cancelled"

_running: set[Job] = set()


class JobProgress:
    """The ``progress`` a job's work is given (a ``domain.progress.Progress``); raises Cancelled once cancelled."""

    def __init__(self, job: Job, throttle: float) -> None:
        self._job = job
        self._cancel = job._cancel_event
        self._throttle = throttle
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if (total is not None and done >= total) or now - self._last >= self._throttle:
            self._last = now
            self._job._progressed.emit(done, total, text)

    def cancelled(self) -> bool:
        """True once the clerk has asked to stop (for work that polls rather than reports)."""
        return self._cancel.is_set()


type Work = Callable[[JobProgress], Any]


class _Runner(QObject):
    """Lives on the worker thread: runs the work once, hands the outcome back."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, progress: JobProgress, exclusive: threading.Lock | None) -> None:
        super().__init__()
        self._work = work
        self._progress = progress
        self._exclusive = exclusive

    @Slot()
    def run(self) -> None:
        try:
            if self._exclusive is None:
                result = self._work(self._progress)
            else:
                with self._exclusive:
                    if self._progress.cancelled():
                        raise Cancelled()
                    result = self._work(self._progress)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread, which decides (errors.classify)
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class Job(QObject):
    """One piece of work on its own worker thread; build it, chain its callbacks, ``run_in_background()``.

    ``progressed(done, total, text)`` and ``finished(outcome)`` ("succeeded", "failed" or
    "cancelled") arrive on the GUI thread; ``finished`` follows the outcome's callback.
    """

    progressed = Signal(object, object, str)
    finished = Signal(str)
    _progressed = Signal(object, object, str)  # emitted on the worker thread, re-emitted on the GUI thread

    def __init__(self, parent: QWidget | None, doing: str, work: Work, *, title: str = "",
                 exclusive: threading.Lock | None = None, throttle: float | None = None) -> None:
        """``doing`` says what the work does ("backing up the database"): it names the thread, heads the bug log
        and the apology. ``title`` heads a failure's dialog (default: "Backing up the database failed").
        ``exclusive`` is a lock held while the work runs (``PDF_LOCK`` for anything ReportLab draws).
        ``throttle`` is the least time between two progress signals (default ``PROGRESS_INTERVAL``).
        """
        super().__init__()  # no Qt parent: the thread must outlive a closed window, then be waited for
        self.parent_widget = parent
        self.doing = doing
        self.title = title or f"{doing[:1].upper()}{doing[1:]} failed"
        self.outcome = ""
        self.result: Any = None
        self.error: BaseException | None = None
        self._cancel_event = threading.Event()
        self._on_success: Callable[[Any], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None
        self._on_cancel: Callable[[], object] | None = None
        self._progress_dialog: QProgressDialog | None = None
        self._thread = QThread()
        self._thread.setObjectName(doing)
        self._runner = _Runner(work, JobProgress(self, PROGRESS_INTERVAL if throttle is None else throttle),
                               exclusive)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self._runner.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self.progressed, Qt.ConnectionType.QueuedConnection)

    # --- building -------------------------------------------------------------------------------------------
    def success(self, callback: Callable[[Any], object]) -> Self:
        """Call callback(result) on the GUI thread when the work returns."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], object]) -> Self:
        """Call callback(error) instead of showing the failure through ``errors.show_failure``."""
        self._on_failure = callback
        return self

    def cancelled(self, callback: Callable[[], object]) -> Self:
        """Call callback() when the work stopped because the clerk cancelled."""
        self._on_cancel = callback
        return self

    def on_progress(self, callback: Callable[[int, int | None, str], object]) -> Self:
        """Call callback(done, total, text) on the GUI thread as the work reports progress."""
        self.progressed.connect(callback)
        return self

    def with_progress_dialog(self, label: str, window_title: str = "", name: str = "jobProgress") -> Self:
        """A non-modal progress window with Cancel, shown only if the job takes more than a moment.

        Its text is ``label``, or the work's own progress text when it gives one.
        """
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(label, "Cancel", 0, 0, self.parent_widget)
        dialog.setObjectName(name)
        dialog.setWindowTitle(window_title or label)
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        dialog.canceled.connect(self.cancel)
        self._progress_dialog = dialog
        self.progressed.connect(self._show_progress)
        return self

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        """The progress window, if the job has one (until the job ends)."""
        return self._progress_dialog

    # --- running ----------------------------------------------------------------------------------------------
    def run_in_background(self) -> Self:
        """Start the work on its thread (the progress window, if any, appears if it takes a moment)."""
        _running.add(self)
        _wait_at_exit_once()
        if self._progress_dialog is not None:
            self._progress_dialog.setValue(0)  # starts QProgressDialog's own "show after minimumDuration" timer
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop: its next progress call raises Cancelled."""
        self._cancel_event.set()
        dialog = self._progress_dialog
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.setLabelText("Cancelling…")

    @property
    def cancel_requested(self) -> bool:
        """True once Cancel was pressed."""
        return self._cancel_event.is_set()

    @property
    def running(self) -> bool:
        """True from run_in_background() until the outcome has been delivered."""
        return self in _running

    @property
    def done(self) -> bool:
        """True once the outcome has been delivered."""
        return bool(self.outcome)

    def wait(self) -> None:
        """Block until the worker thread has ended (the outcome is delivered when the event loop next runs)."""
        if self._thread.isRunning():
            self._thread.quit()  # the thread's event loop ends as soon as the work returns
            self._thread.wait()

    # --- back on the GUI thread -------------------------------------------------------------------------------
    def _parent_alive(self) -> bool:
        return self.parent_widget is None or shiboken6.isValid(self.parent_widget)

    def _show_progress(self, done: int, total: int | None, text: str) -> None:
        dialog = self._progress_dialog
        if dialog is None or self.cancel_requested or not shiboken6.isValid(dialog):
            return
        if total:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
        if text:
            dialog.setLabelText(text)

    def _succeeded(self, result: object) -> None:
        self._end_thread()
        self.result = result
        self._deliver(SUCCEEDED, self._on_success, result)

    def _failed(self, error: BaseException) -> None:
        self._end_thread()
        self.error = error
        if isinstance(error, Cancelled):
            self._deliver(CANCELLED, self._on_cancel)
        elif self._on_failure is not None:
            self._deliver(FAILED, self._on_failure, error)
        else:
            self._deliver(FAILED, self._show_failure, error)

    def _show_failure(self, error: BaseException) -> None:
        from imet_desktop.ui.common.errors import show_failure

        show_failure(self.parent_widget, self.title, error, doing=self.doing)

    def _deliver(self, outcome: str, callback: Callable[..., object] | None, *args: object) -> None:
        self.outcome = outcome
        self._close_progress_dialog()
        try:
            if callback is not None and self._parent_alive():
                try:
                    callback(*args)
                except Exception as error:  # noqa: BLE001 - a bug in the callback: the one error path
                    from imet_desktop.ui.common.errors import show_failure

                    show_failure(self.parent_widget if self._parent_alive() else None, self.title, error,
                                 doing=self.doing)
        finally:
            _running.discard(self)
            self.finished.emit(outcome)

    def _close_progress_dialog(self) -> None:
        dialog, self._progress_dialog = self._progress_dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.close()
            dialog.deleteLater()

    def _end_thread(self) -> None:
        self._thread.quit()
        self._thread.wait()


def running_jobs(within: QWidget | None = None) -> list[Job]:
    """The jobs not finished yet; with ``within``, those started from that widget or one inside it."""
    jobs = list(_running)
    if within is None:
        return jobs
    return [j for j in jobs if j.parent_widget is not None and shiboken6.isValid(j.parent_widget)
            and (j.parent_widget is within or within.isAncestorOf(j.parent_widget))]


def wait_for_jobs(jobs: list[Job] | None = None, *, cancel: bool = True) -> None:
    """Cancel (unless told not to) and wait for these jobs' threads, or every running job's."""
    for job in list(_running) if jobs is None else jobs:
        if cancel:
            job.cancel()
        job.wait()


_exit_hook_connected = False


def _wait_at_exit_once() -> None:
    """When the application quits, stop and wait for every job (a running QThread must not be destroyed)."""
    global _exit_hook_connected
    app = QCoreApplication.instance()
    if app is not None and not _exit_hook_connected:
        app.aboutToQuit.connect(wait_for_jobs)
        _exit_hook_connected = True
