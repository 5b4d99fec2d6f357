"""Composition root: the application object, which database to open, the main window, the event loop.

Startup order matters for speed (benchmarks/startup.py): the main window is built and shown
first, and the database is opened once the window has been drawn (finish_start), or, when the Overview's
figures were kept for the unchanged file at the last start, or the command line counted them while Qt loaded, the
window is shown with them in its first paint and the file opened once they have been painted (_show_kept);
the roster then reads its ids on a worker thread. Whatever the size of the database, the window
appears nearly as fast as a bare Qt window. So nothing imported before the first paint may import
the store, sqlite-utils, ReportLab or QtPdf; modules needed only later are imported where they are
used.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

import imet_desktop
from imet_desktop import paths
from imet_desktop.memory import give_back_large_blocks
from imet_desktop.ui.common import dialogs, settings
from imet_desktop.ui.common.errors import install_bug_hook, show_failure

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.ops.kept import CountAhead
    from imet_desktop.ui.main_window import MainWindow

_ahead: CountAhead | None = None
"""The Overview's figures of the file the window opens, being counted: while Qt loads for a file named on the command
line (cli.window), while the window is built for the last one (_count_ahead); taken by its first paint."""


def hand_over(ahead: CountAhead | None) -> None:
    """Give the window's start the count of the Overview's figures the command line started (None takes it back):
    the window shows them in its first paint if they are ready in time (_show_kept)."""
    global _ahead
    _ahead = ahead


def configure_identity() -> None:
    """Name the application (QSettings files are found by these names)."""
    QCoreApplication.setOrganizationName(paths.APP_AUTHOR)
    QCoreApplication.setApplicationName(paths.APP_NAME)
    QCoreApplication.setApplicationVersion(imet_desktop.__version__)
    if isinstance(QCoreApplication.instance(), QApplication):
        QApplication.setApplicationDisplayName(paths.APP_NAME)


def build_main_window(db: Database, db_path: Path) -> MainWindow:
    """The main window over an open database, not yet shown (for tests and benchmarks too).

    The window takes over the connection: it closes it when another database is opened.
    """
    from imet_desktop.ui.main_window import MainWindow

    configure_identity()
    window = MainWindow(db_path)
    window.attach_database(db, db_path)
    return window


def startup_database_path(db_path: Path | None = None) -> Path:
    """The database the program means to open: the one named, else the last one if it still exists, else the default."""
    if db_path is not None:
        return Path(db_path)
    last = settings.last_database()
    if last is not None and last.exists():
        return last
    return paths.default_database_path()


def open_startup_database(db_path: Path | None = None, *, create: bool = True) -> tuple[Database, Path, bool] | None:
    """The database to start with, open: (db, path, just created).

    A named path is opened as is (made if it is not there, unless not create). Otherwise the last
    database used, if it still exists and opens; else the default database in the user's data folder,
    created if need be. Every failure is shown to the clerk; None means there is nothing to open.
    SQLite's quick check and the day's backup are left to the window, which runs them in the
    background once it is on screen (RecordsSupport.attached).
    """
    from imet_desktop.store.db import DamagedDatabaseError, open_database
    from imet_desktop.store.location import NetworkLocationError
    from imet_desktop.store.lock import DatabaseInUseError
    from imet_desktop.ui.records.opening import open_database_in

    # held by another window, damaged, or on a share: the clerk is told why and chooses (read-only, restore...)
    asks = (DatabaseInUseError, DamagedDatabaseError, NetworkLocationError)

    if db_path is not None:
        created = not Path(db_path).exists()  # the command line's --create
        db = open_database_in(None, Path(db_path), create=create)
        return None if db is None else (db, db.path, created)

    default = paths.default_database_path()
    last = settings.last_database()
    if last is not None and last.exists() and last.resolve() != default.resolve():
        try:
            return open_database(last, create=False, defer_checks=True), last, False
        except asks:
            db = open_database_in(None, last)
            return None if db is None else (db, db.path, False)
        except Exception as e:
            show_failure(None, "Cannot open the last database", e, doing=f"opening {last}",
                         note=f"IMET Desktop opens the default database instead:\n{default}")
            settings.forget_database(last)

    try:
        default.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        dialogs.show_error(None, "Cannot create the data folder",
                           f"The folder {default.parent} cannot be created: {e.strerror or e}")
        return None
    created = not default.exists() or default.stat().st_size == 0
    try:
        return open_database(default, defer_checks=True), default, created
    except asks:
        db = open_database_in(None, default)
        return None if db is None else (db, db.path, False)
    except Exception as e:
        show_failure(None, "Cannot open the database", e, doing=f"opening {default}",
                     note="The file is left as it is. Restore it from a backup or move it aside, "
                          "or start IMET Desktop with another database file named on the command line.")
        return None


class _AfterFirstPaint(QObject):
    """Calls a function once the window has been drawn (or after a short while, if it never is)."""

    FALLBACK_MS = 300

    def __init__(self, window: QObject, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self._run)  # after this paint has reached the screen
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.parent().removeEventFilter(self)
            then()


def start_gui(db_path: Path | None = None) -> MainWindow:
    """Everything run_gui does before the event loop: show the window; once drawn, it opens the database.

    Needs a QApplication. Watch ``window.database_attached``; when nothing could be opened (the clerk
    was told why) the window closes with ``window.startup_failed`` set.
    """
    configure_identity()
    path = startup_database_path(db_path)
    if db_path is None:  # the last database, or the default (the command line counts for a file it is named)
        _count_ahead(path)
    from imet_desktop.ui.main_window import MainWindow

    window = MainWindow(path)
    if not _show_kept(window, db_path):
        window.show()
        _AfterFirstPaint(window, lambda: finish_start(window, db_path))
    return window


def _count_ahead(path: Path) -> None:
    """Count the Overview's figures of today of the file the window opens while it is built (ops.kept.count_ahead),
    as the command line does for a file it is named (cli.window). Nothing for a file that cannot be counted: the
    window says why as it opens it."""
    global _ahead
    from imet_desktop.domain.errors import UserError
    from imet_desktop.ops.kept import count_ahead

    try:
        _ahead = count_ahead(path)
    except UserError:
        _ahead = None


def _show_kept(window: MainWindow, db_path: Path | None) -> bool:
    """Show the window with the Overview's figures kept for its file, if it has not changed since they were counted
    (ops.kept: at the last start, or as the last session closed), or counted while Qt loaded (the command line's
    CountAhead) if ready in time, in its first paint: the file is opened once they are painted (the store,
    sqlite-utils and the file's opening, ~60 ms, come after what the clerk waits for). False, and nothing done, when
    there are none (finish_start then opens the file and counts)."""
    global _ahead
    from imet_desktop.ops.kept import todays_figures

    ahead, _ahead = _ahead, None  # taken once: a later start counts again
    if window.tabs.currentIndex() != 0:
        return False
    if ahead is not None and ahead.path != window.db_path:  # both paths resolved
        ahead = None
    kept = ahead.figures() if ahead is not None else todays_figures(window.db_path)
    if kept is None:
        return False

    def then() -> None:
        _open_in(window, db_path, create=False)  # the file they were counted from: never made anew, should it have gone

    window.show()  # first: what waits for the figures waits for their paint (ui.overview.painted), once on screen
    window.show_kept_figures(kept, then)
    return True


def finish_start(window: MainWindow, db_path: Path | None = None) -> None:
    """Open the startup database in the shown window; a new database is offered demo data."""
    if not window.closed:
        _open_in(window, db_path)


def _open_in(window: MainWindow, db_path: Path | None, *, create: bool = True) -> None:
    if window.closed:
        return
    opened = open_startup_database(db_path, create=create)
    if opened is None:
        window.startup_failed = True
        window.close()  # the last window: the event loop ends, and run_gui returns 1
        return
    db, path, created = opened
    window.attach_database(db, path)
    # What a killed program left half written: once the first figures are painted (it lists folders, the database's,
    # the backups' and the data folder, on the GUI thread). The partial files of this process are never its.
    window.after_first_figures(window.records.clean_partials)
    if created:
        window.offer_demo_data()


def run_gui(db_path: Path | None = None, argv: list[str] | None = None) -> int:
    """Start the program's window and run until it closes; the exit status."""
    give_back_large_blocks()  # a day's window: memory freed goes back to the system
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    configure_identity()
    previous_hook = install_bug_hook()
    window = start_gui(db_path)
    try:
        status = app.exec()
    finally:
        sys.excepthook = previous_hook
    if window.isVisible():
        window.close()  # the loop ended some other way than by closing the window
    close_database(window)
    return 1 if window.startup_failed else int(status)


def close_database(window: MainWindow) -> None:
    """The database of a closed window (its readers and jobs ended with it) closed, the Overview's figures of today
    and the next days kept for the next start on the file as the close leaves it (ops.kept.close_keeping): the start
    after a session that wrote, or the next morning's, shows them in its first paint instead of counting."""
    from imet_desktop.ops.kept import close_keeping

    db, window.db = window.db, None
    if db is not None:
        close_keeping(db, window.db_path)
