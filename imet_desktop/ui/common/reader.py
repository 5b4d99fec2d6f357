"""Reading the database on a worker thread, so a slow query never freezes the window.

Sorting 600,000 students takes about a second in SQLite: the roster asks for its ids here and
keeps showing the previous rows until they arrive. Requests carry a key ("roster", "counts");
a newer request with the same key supersedes an older one, whose result is dropped (and which
is skipped altogether if it has not started yet). The worker has its own connection: a
connection belongs to the thread that opened it.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

type Query = Callable[[Database], Any]

READ_CACHE_KIB = 500
"""The page cache, in KiB, of each connection the window keeps open to read (its own, which reads the rows on screen,
and each worker's; SQLite's default: 2 MiB). They stay open while the window is, their caches resident, and what
they read is scattered through the file, seldom read twice: on the 600,375-student demo a session (start, Roster,
210 searches) filled the default ones and peaked ~3 MiB higher with them; the type-ahead was the same in the noise
(what is read again is in the OS's file cache). An import or a bulk load sets a larger one for its while."""


def use_window_cache(db: Database) -> None:
    """Give the window's own connection its page cache (READ_CACHE_KIB)."""
    from imet_desktop.store.db import use_page_cache

    use_page_cache(db, READ_CACHE_KIB)


class _Worker(QObject):
    done = Signal(str, int, object)
    failed = Signal(str, int, object)

    def __init__(self, latest: dict[str, int]) -> None:
        super().__init__()
        self._latest = latest  # read only here; written by the GUI thread (an int per key: atomic enough)
        self._db: Database | None = None
        self._path = ""
        self._stopping: set[tuple[str, int]] = set()  # requests to abort (added by the GUI thread)

    @Slot(str, int, str, object)
    def run(self, key: str, generation: int, path: str, query: Query) -> None:
        if self._latest.get(key) != generation:
            return  # superseded before it started
        try:
            if path != self._path:
                from imet_desktop.store.db import connect

                self._close_connection()
                self._db = connect(path, cache_kib=READ_CACHE_KIB, create=False)  # the window's file, never a new one
                self._path = path
            assert self._db is not None
            # SQLite calls this every few thousand steps of any statement of the query: once the request is to be
            # stopped, the statement running (or the next one) ends with "interrupted". Unlike interrupt(), this
            # cannot miss a query caught between two statements.
            stopping, request = self._stopping, (key, generation)
            for old in list(stopping):  # those that ended before their abort came: forgotten
                if old[0] == key and old[1] < generation:
                    stopping.discard(old)
            self._db.conn.set_progress_handler(lambda: request in stopping, 10_000)
            try:
                result = query(self._db)
            finally:
                self._db.conn.set_progress_handler(None, 0)
                stopping.discard(request)
        except Exception as error:  # noqa: BLE001 - handed to the GUI thread, which decides
            if self._latest.get(key) != generation and isinstance(error, sqlite3.OperationalError):
                return  # stopped because superseded (DatabaseReader.cancel): nobody waits for it
            log.exception("reading %s failed", key)
            self.failed.emit(key, generation, error)
        else:
            self.done.emit(key, generation, result)

    @Slot()
    def release(self) -> None:
        """Close the connection until the next request (which opens it again)."""
        self._close_connection()

    @Slot()
    def stop(self) -> None:
        self._close_connection()
        thread = QThread.currentThread()
        thread.quit()

    def interrupt(self) -> None:
        """Abort the query running now (called from the GUI thread: sqlite3's interrupt() is thread-safe)."""
        db = self._db
        if db is not None:
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile: nothing to stop
                db.conn.interrupt()

    def abort(self, key: str, generation: int) -> None:
        """Abort this request if it is running or starts (called from the GUI thread: a set's add is atomic)."""
        self._stopping.add((key, generation))

    def _close_connection(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
            self._path = ""


class DatabaseReader(QObject):
    """One worker thread that runs read-only queries against a database file, newest request first.

    close_when_idle: the worker closes its connection whenever no request is left waiting for its result, and opens
    it again for the next (~10 ms on the 600,375-student demo): for a reader asked seldom, whose connection would
    otherwise hold its parsed schema (~1.1 MiB) and page cache for as long as the window is open.
    """

    _request = Signal(str, int, str, object)
    _release = Signal()
    _stop = Signal()

    def __init__(self, parent: QObject | None = None, *, close_when_idle: bool = False) -> None:
        super().__init__(parent)
        self._close_when_idle = close_when_idle
        self._latest: dict[str, int] = {}
        self._stopped = False
        self._handlers: dict[str, tuple[int, Callable[[Any], None], Callable[[Exception], None] | None]] = {}
        self._thread = QThread()
        self._thread.setObjectName("database reader")
        self._worker = _Worker(self._latest)
        self._worker.moveToThread(self._thread)
        self._request.connect(self._worker.run)
        self._release.connect(self._worker.release)
        self._stop.connect(self._worker.stop)
        self._worker.done.connect(self._done)
        self._worker.failed.connect(self._failed)
        self._thread.start()

    def submit(self, key: str, path: Path | str, query: Query, on_result: Callable[[Any], None],
               on_error: Callable[[Exception], None] | None = None) -> bool:
        """Run query(db) on the worker against the database at path; on_result(result) follows on this thread.

        The query must only read, and must not keep the connection it is given. After shutdown()
        (the window is closing) requests are ignored; returns False then.
        """
        if self._stopped:
            log.debug("ignored a request for %s after shutdown", key)
            return False
        generation = self._latest.get(key, 0) + 1
        self._latest[key] = generation
        self._handlers[key] = (generation, on_result, on_error)
        self._request.emit(key, generation, str(path), query)
        return True

    def stopper(self, key: str) -> Callable[[], bool]:
        """For the request about to be submitted with this key: a test, safe on any thread, that is true once that
        request is superseded or cancelled. A query that works in Python between its statements (which the progress
        handler stops) asks it, to stop too."""
        latest, generation = self._latest, self._latest.get(key, 0) + 1
        return lambda: latest.get(key, 0) > generation

    def pending(self, key: str) -> bool:
        """True while a request with this key has not delivered its result."""
        return key in self._handlers

    def adopt(self, key: str, on_result: Callable[[Any], None],
              on_error: Callable[[Exception], None] | None = None) -> bool:
        """Hand the result of the request with this key, still pending, to these handlers instead; False if none is."""
        handler = self._handlers.get(key)
        if handler is None:
            return False
        self._handlers[key] = (handler[0], on_result, on_error)
        return True

    def cancel(self, key: str, *, interrupt: bool = False) -> None:
        """Forget the request with this key: its result, if any comes, is dropped.

        With interrupt, that request's query, if running now, is also stopped (SQLite's progress handler), so
        that the requests after it start at once instead of waiting for a result nobody will look at.
        """
        running = self._latest.get(key, 0)
        self._latest[key] = running + 1
        self._handlers.pop(key, None)
        if interrupt and running:
            self._worker.abort(key, running)

    def shutdown(self) -> None:
        """Stop the query running now, close the worker's connection and end the thread."""
        self._stopped = True
        for key in list(self._handlers):
            self.cancel(key)
        if self._thread.isRunning():
            self._worker.interrupt()
            self._stop.emit()
            self._thread.wait()

    def _done(self, key: str, generation: int, result: object) -> None:
        handler = self._handlers.get(key)
        if handler is not None and handler[0] == generation:
            del self._handlers[key]
            handler[1](result)
        self._release_if_idle()

    def _failed(self, key: str, generation: int, error: object) -> None:
        handler = self._handlers.get(key)
        if handler is not None and handler[0] == generation:
            del self._handlers[key]
            if handler[2] is not None and isinstance(error, Exception):
                handler[2](error)
        self._release_if_idle()

    def _release_if_idle(self) -> None:
        # Queued behind any request the handlers just made: those run first, and the connection closes after them.
        if self._close_when_idle and not self._handlers and not self._stopped:
            self._release.emit()
