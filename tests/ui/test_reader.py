"""The roster's reader: a query nobody waits for any more is stopped, so the next keystroke's starts at once."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from imet_desktop.ui.common.reader import DatabaseReader

# Counts for ever: only an interrupt ends it.
ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


@pytest.fixture
def reader(qtbot: QtBot) -> Iterator[DatabaseReader]:
    r = DatabaseReader()
    yield r
    r.shutdown()


def test_a_superseded_query_is_stopped_and_the_next_one_runs(qtbot: QtBot, reader: DatabaseReader,
                                                             demo_db_path: Path) -> None:
    started = threading.Event()
    results: list[object] = []
    errors: list[Exception] = []

    def endless(db: Database) -> object:
        started.set()
        return db.execute(ENDLESS).fetchone()

    reader.submit("roster", demo_db_path, endless, results.append, errors.append)
    assert started.wait(10)
    reader.cancel("roster", interrupt=True)  # the clerk typed another letter
    reader.submit("roster-first", demo_db_path, lambda db: "next", results.append, errors.append)
    qtbot.waitUntil(lambda: results == ["next"], timeout=10_000)
    qtbot.wait(50)
    assert results == ["next"] and errors == []  # the stopped query's failure is nobody's business


def test_a_query_working_in_python_asks_whether_it_is_stopped(qtbot: QtBot, reader: DatabaseReader,
                                                             demo_db_path: Path) -> None:
    started, steps = threading.Event(), [0]

    def in_python(stopped: object) -> object:
        def query(db: Database) -> object:
            started.set()
            while not stopped() and steps[0] < 10_000_000:  # type: ignore[operator]
                steps[0] += 1
            return steps[0]
        return query

    stopped = reader.stopper("roster-ahead")
    assert not stopped()
    reader.submit("roster-ahead", demo_db_path, in_python(stopped), lambda _steps: None)
    assert started.wait(10) and not stopped()
    reader.cancel("roster-ahead")  # the clerk typed: no statement runs, the query's own test stops it
    assert stopped()
    later = reader.stopper("roster-ahead")
    results: list[object] = []
    reader.submit("roster-ahead", demo_db_path, lambda db: later(), results.append)
    qtbot.waitUntil(lambda: results == [False], timeout=10_000)  # the next request is not stopped
    assert steps[0] < 10_000_000
    reader.submit("roster-ahead", demo_db_path, lambda db: None, lambda _none: None)
    assert later()  # superseded by a newer request with the same key


def test_cancelling_without_interrupt_lets_a_running_query_finish(qtbot: QtBot, reader: DatabaseReader,
                                                                  demo_db_path: Path) -> None:
    gate, started = threading.Event(), threading.Event()
    results: list[object] = []

    def slow(db: Database) -> object:
        started.set()
        gate.wait(5)
        return db.execute("SELECT 1").fetchone()[0]

    reader.submit("counts", demo_db_path, slow, results.append)
    assert started.wait(10)
    reader.cancel("roster", interrupt=True)  # another key: the running query is not the one cancelled
    gate.set()
    qtbot.waitUntil(lambda: results == [1], timeout=10_000)


def test_the_workers_connection_has_the_small_page_cache(qtbot: QtBot, reader: DatabaseReader,
                                                         demo_db_path: Path) -> None:
    """Every reader's connection stays open while the window is: its page cache is the small one (issue 16's memory)."""
    from imet_desktop.ui.common.reader import READ_CACHE_KIB

    results: list[object] = []
    reader.submit("counts", demo_db_path, lambda db: db.execute("PRAGMA cache_size").fetchone()[0], results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert READ_CACHE_KIB is not None and results == [-READ_CACHE_KIB]



def test_a_reader_asked_seldom_lets_its_connection_go_between_requests(qtbot: QtBot, demo_db_path: Path,
                                                                        demo_students: int) -> None:
    """close_when_idle (the Overview's reader): once no request waits for its result the connection is closed and let
    go, so it holds no schema or cache while the clerk works elsewhere; the next request opens one again."""
    idle, kept = DatabaseReader(close_when_idle=True), DatabaseReader()
    try:
        connections: dict[str, weakref.ref[Database]] = {}
        for name, reader in (("idle", idle), ("kept", kept)):
            reader.submit("counts", demo_db_path, weakref.ref, lambda ref, n=name: connections.__setitem__(n, ref))
        qtbot.waitUntil(lambda: len(connections) == 2, timeout=10_000)
        qtbot.waitUntil(lambda: connections["idle"]() is None, timeout=10_000)
        qtbot.wait(200)
        assert connections["kept"]() is not None  # the roster's reader keeps its own (and what it remembers)
        answers: list[object] = []
        idle.submit("counts", demo_db_path,
                    lambda db: db.execute("SELECT count(*) FROM students WHERE archived_at IS NULL").fetchone()[0],
                    answers.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
        assert answers == [demo_students]
    finally:
        idle.shutdown()
        kept.shutdown()



def test_a_reader_never_makes_an_empty_database_where_the_file_has_gone(qtbot: QtBot, demo_db_path: Path) -> None:
    """The Overview's reader opens its connection again after an idle spell: if the file was moved or deleted
    meanwhile, that read fails (the tab says so) instead of SQLite making a new, empty database under its name."""
    path = demo_db_path  # this test's own copy
    idle = DatabaseReader(close_when_idle=True)
    try:
        answers: list[object] = []
        errors: list[Exception] = []
        count = "SELECT count(*) FROM students"
        idle.submit("counts", path, lambda db: db.execute(count).fetchone()[0], answers.append, errors.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
        path.unlink()  # another program moved the file away while the clerk was on another tab
        idle.submit("counts", path, lambda db: db.execute(count).fetchone()[0], answers.append, errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
        assert "unable to open database file" in str(errors[0])
        assert not path.exists() and len(answers) == 1
    finally:
        idle.shutdown()
