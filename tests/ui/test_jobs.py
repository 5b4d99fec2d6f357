"""Work off the GUI thread: the job runner (ui/common/jobs), the database reader, what loads before the window."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from imet_desktop import bugs, paths
from imet_desktop.domain.errors import Cancelled
from imet_desktop.store.errors import StoreError
from imet_desktop.store.roster import count_students
from imet_desktop.ui.common.jobs import PDF_LOCK, Job, JobProgress, running_jobs, wait_for_jobs
from imet_desktop.ui.common.reader import DatabaseReader
from imet_desktop.ui.main_window import MainWindow

from .test_main_window import patch_dialog


@pytest.fixture
def reader(qtbot: QtBot) -> Iterator[DatabaseReader]:
    r = DatabaseReader()
    yield r
    r.shutdown()


def run(qtbot: QtBot, job: Job) -> Job:
    with qtbot.waitSignal(job.finished, timeout=10_000):
        job.run_in_background()
    return job


def test_a_job_reports_progress_and_its_result_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    seen: list[object] = []

    def work(progress: JobProgress) -> int:
        progress(1, 2, "halfway")
        progress(2, 2, "done")
        return threading.get_ident()

    job = Job(None, "counting", work)
    job.on_progress(lambda done, total, text: seen.append((done, total, text, threading.get_ident() == gui)))
    job.success(lambda worker: seen.append(worker != gui))
    run(qtbot, job)
    assert seen == [(1, 2, "halfway", True), (2, 2, "done", True), True]
    assert job.outcome == "succeeded" and job.done and not job.running and not running_jobs()


def test_cancel_makes_the_next_progress_call_raise_and_shows_nothing(qtbot: QtBot,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    errors = patch_dialog(monkeypatch, "show_error")
    started, reached = threading.Event(), []

    def work(progress: JobProgress) -> str:
        started.set()
        for n in range(10_000):
            time.sleep(0.001)
            progress(n, 10_000)
            reached.append(n)
        return "finished"

    told: list[str] = []
    job = Job(None, "counting slowly", work).cancelled(lambda: told.append("cancelled"))
    job.success(lambda _r: told.append("succeeded"))
    job.run_in_background()
    assert started.wait(5)
    with qtbot.waitSignal(job.finished, timeout=10_000) as finished:
        job.cancel()
    assert finished.args == ["cancelled"] and told == ["cancelled"]
    assert isinstance(job.error, Cancelled) and len(reached) < 9_999
    assert errors.calls == []


def test_the_progress_window_cancels_the_job(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    go = threading.Event()

    def work(progress: JobProgress) -> None:
        go.wait(5)
        progress(1, 3, "Page 1 of 3")

    job = Job(parent, "making pages", work).with_progress_dialog("Preparing the pages…", "Pages")
    job.run_in_background()
    dialog = job.progress_dialog
    assert dialog is not None and dialog.labelText() == "Preparing the pages…"
    with qtbot.waitSignal(job.finished, timeout=10_000) as finished:
        dialog.findChild(QPushButton).click()  # Cancel
        assert dialog.labelText() == "Cancelling…"
        go.set()
    assert finished.args == ["cancelled"] and job.progress_dialog is None


def test_the_clerks_mistake_in_a_job_is_shown_as_its_message(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    errors = patch_dialog(monkeypatch, "show_error")

    def work(_progress: JobProgress) -> None:
        raise StoreError("the folder /nowhere does not exist")

    job = run(qtbot, Job(None, "backing up the database", work, title="Backup failed"))
    assert job.outcome == "failed" and str(job.error) == "the folder /nowhere does not exist"
    assert [c[1:] for c in errors.calls] == [("Backup failed", "the folder /nowhere does not exist")]


def test_a_bug_in_a_job_is_logged_and_apologised_for(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    errors = patch_dialog(monkeypatch, "show_error")

    def exporting(_progress: JobProgress) -> None:
        raise IndexError("list index out of range")

    run(qtbot, Job(None, "exporting students", exporting))
    log = paths.user_data_dir() / bugs.LOG_NAME
    assert [c[1:] for c in errors.calls] == [(
        "Exporting students failed",
        "Exporting students failed: sorry, this is a bug in IMET Desktop (IndexError: list index out of range).\n"
        f"The details were written to {log}; please send that file to whoever looks after IMET Desktop.")]
    assert "in exporting" in log.read_text(encoding="utf-8")


def test_a_failure_callback_replaces_the_dialog(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    errors = patch_dialog(monkeypatch, "show_error")
    seen: list[BaseException] = []

    def work(_progress: JobProgress) -> None:
        raise StoreError("locked")

    run(qtbot, Job(None, "reading", work).failure(seen.append))
    assert [str(e) for e in seen] == ["locked"] and errors.calls == []


def test_a_bug_in_the_success_callback_takes_the_same_path(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    errors = patch_dialog(monkeypatch, "show_error")

    def show(_result: object) -> None:
        raise TypeError("unsupported operand")

    run(qtbot, Job(None, "counting", lambda _p: 1).success(show))
    assert "sorry, this is a bug" in str(errors.calls[0][2]) and "TypeError: unsupported operand" in str(
        errors.calls[0][2])


def test_nothing_is_delivered_to_a_widget_that_is_gone(qtbot: QtBot) -> None:
    parent = QWidget()
    go = threading.Event()
    told: list[object] = []
    job = Job(parent, "waiting", lambda _p: go.wait(5)).success(told.append)
    job.run_in_background()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(parent))
    with qtbot.waitSignal(job.finished, timeout=10_000):
        go.set()
    assert told == [] and job.outcome == "succeeded"


def test_jobs_holding_the_pdf_lock_run_one_at_a_time(qtbot: QtBot) -> None:
    inside: list[int] = []
    overlaps: list[int] = []

    def draw(_progress: JobProgress) -> None:
        inside.append(1)
        if len(inside) > 1:
            overlaps.append(len(inside))
        time.sleep(0.05)
        inside.pop()

    jobs = [Job(None, f"drawing {n}", draw, exclusive=PDF_LOCK).run_in_background() for n in range(3)]
    qtbot.waitUntil(lambda: all(j.done for j in jobs), timeout=10_000)
    assert overlaps == []


def test_waiting_for_jobs_cancels_them_and_ends_their_threads(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def forever(progress: JobProgress) -> None:
        while True:
            time.sleep(0.005)
            progress(0)

    job = Job(parent, "looping", forever).run_in_background()
    assert running_jobs(parent) == [job] and running_jobs(QWidget()) == []
    wait_for_jobs(running_jobs(parent))
    qtbot.waitUntil(lambda: job.done)
    assert job.outcome == "cancelled"


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
    # Start-up speed (benchmarks/startup.py): what the start needs before its first paint, from the command line and
    # the figures kept from the last start to the main window and its Overview. No dataclass either: Python 3.12
    # takes ~0.7 ms to make each (the records made on the way are named tuples, domain.overview).
    code = ("import sys; import imet_desktop.cli, imet_desktop.ops.kept, imet_desktop.app, "
            "imet_desktop.ui.main_window, imet_desktop.ui.overview.tab; "
            "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlite_utils', 'pycountry', 'reportlab', 'dataclasses') or m.startswith('PySide6.QtPdf') "
            "or m.startswith('imet_desktop.store.') and m != 'imet_desktop.store.errors')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout.split()
    assert loaded == []
