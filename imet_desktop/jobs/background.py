"""Running long work on a worker thread, with progress and a result or a failure by signal.

The work is a plain function ``work(progress) -> result`` that never touches widgets; ``progress``
takes a short message. Signals arrive on the thread that created the job (the GUI thread).
Work that reads or writes the database opens its own connection: a connection belongs to the
thread that opened it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)

type Work = Callable[[Callable[[str], None]], Any]


class _Runner(QObject):
    progress = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.progress.emit)
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread, which decides
            log.exception("background job failed")
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class BackgroundJob(QObject):
    """One piece of work on its own QThread.

    Connect ``progress(str)``, ``succeeded(object)`` and ``failed(object)`` (the exception),
    then ``start()``. ``finished`` follows either of the last two. ``wait()`` blocks until the
    thread has ended; call it before the job's owner goes away.
    """

    progress = Signal(str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, name: str, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._runner = _Runner(work)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progress.connect(self.progress)
        self._runner.succeeded.connect(self._succeeded)
        self._runner.failed.connect(self._failed)
        self._started = False
        self._done = False

    def start(self) -> None:
        """Start the work on its thread."""
        self._started = True
        self._thread.start()

    def is_running(self) -> bool:
        """True from start() until the result or failure has been delivered."""
        return self._started and not self._done

    @property
    def done(self) -> bool:
        """True once succeeded or failed has been emitted."""
        return self._done

    def wait(self) -> None:
        """Let the work finish and the thread end (the work itself cannot be interrupted)."""
        self._thread.quit()
        self._thread.wait()

    def _succeeded(self, result: object) -> None:
        self._finish()
        self.succeeded.emit(result)
        self.finished.emit()

    def _failed(self, error: object) -> None:
        self._finish()
        self.failed.emit(error)
        self.finished.emit()

    def _finish(self) -> None:
        self._done = True
        self._thread.quit()
        self._thread.wait()
