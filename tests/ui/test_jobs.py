"""Work off the GUI thread: background jobs, the database reader, and what the window loads before it is drawn."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from imet_desktop.jobs.background import BackgroundJob
from imet_desktop.jobs.reader import DatabaseReader
from imet_desktop.store.errors import StoreError
from imet_desktop.store.roster import count_students
from imet_desktop.ui.main_window import MainWindow

from .test_main_window import patch_dialog


@pytest.fixture
def reader(qtbot: QtBot) -> Iterator[DatabaseReader]:
    r = DatabaseReader()
    yield r
    r.shutdown()


def test_a_background_job_reports_progress_and_its_result_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    seen: list[object] = []

    def work(progress: Callable[[str], None]) -> int:
        progress("halfway")
        return threading.get_ident()

    job = BackgroundJob("test", work)
    job.progress.connect(lambda m: seen.append((m, threading.get_ident() == gui)))
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.succeeded.connect(lambda worker: seen.append(worker != gui))
        job.start()
    assert seen == [("halfway", True), True]
    assert job.done and not job.is_running()


def test_a_failing_background_job_hands_over_its_exception(qtbot: QtBot) -> None:
    def work(_progress: Callable[[str], None]) -> None:
        raise StoreError("the folder /nowhere does not exist")

    job = BackgroundJob("test", work)
    errors: list[object] = []
    job.failed.connect(errors.append)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start()
    assert [str(e) for e in errors] == ["the folder /nowhere does not exist"]


def test_the_reader_runs_queries_on_its_own_connection_and_thread(qtbot: QtBot, reader: DatabaseReader,
                                                                  demo_db_path: Path, demo_students: int) -> None:
    results: list[tuple[int, bool]] = []
    gui = threading.get_ident()

    def query(db: Database) -> tuple[int, bool]:
        return count_students(db), threading.get_ident() != gui

    reader.submit("count", demo_db_path, query, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [(demo_students, True)]
    assert not reader.pending("count")


def test_a_newer_request_supersedes_an_older_one_with_the_same_key(qtbot: QtBot, reader: DatabaseReader,
                                                                    demo_db_path: Path) -> None:
    results: list[str] = []
    gate = threading.Event()

    def slow(_db: Database) -> str:
        gate.wait(5)
        return "slow"

    reader.submit("other", demo_db_path, slow, results.append)
    reader.submit("roster", demo_db_path, lambda _db: "first", results.append)  # waits behind "slow"
    reader.submit("roster", demo_db_path, lambda _db: "second", results.append)
    gate.set()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    qtbot.wait(50)
    assert results == ["slow", "second"]


def test_a_failing_query_reaches_its_error_handler(qtbot: QtBot, reader: DatabaseReader, demo_db_path: Path) -> None:
    errors: list[Exception] = []

    def broken(db: Database) -> None:
        db.execute("SELECT * FROM no_such_table")

    reader.submit("broken", demo_db_path, broken, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert "no_such_table" in str(errors[0])


def test_after_shutdown_requests_are_ignored(qtbot: QtBot, demo_db_path: Path) -> None:
    reader = DatabaseReader()
    reader.shutdown()
    assert reader.submit("late", demo_db_path, lambda _db: 1, lambda _r: None) is False
    reader.shutdown()  # twice is harmless


def test_demo_data_refused_by_a_database_that_has_records_is_explained(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    error = patch_dialog(monkeypatch, "show_error")
    job = window.fill_demo_data(10)
    qtbot.waitUntil(lambda: job.done, timeout=10_000)
    assert "Demo data could not be added" in str(error.calls[0][1])
    assert "already holds" in error.texts


def test_the_window_is_drawn_before_the_store_or_any_heavy_library_is_loaded() -> None:
    # Start-up speed (benchmarks/startup.py): what the main window needs before its first paint.
    code = ("import sys; import imet_desktop.app, imet_desktop.ui.main_window; "
            "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlite_utils', 'pycountry', 'reportlab', 'dataclasses') or m.startswith('PySide6.QtPdf') "
            "or m.startswith('imet_desktop.store.') and m != 'imet_desktop.store.errors')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout.split()
    assert loaded == []
