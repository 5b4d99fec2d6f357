"""Starting the program: which database opens, the first start's offer of demo data, the event loop."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from imet_desktop import app, paths
from imet_desktop.store.roster import count_students
from imet_desktop.ui.common import settings
from imet_desktop.ui.main_window import DEMO_STUDENTS, MainWindow

from .conftest import PaintSpy, close_window
from .test_main_window import patch_dialog


@pytest.fixture
def started(qtbot: QtBot) -> Iterator[list[MainWindow]]:
    """Windows opened by app.start_gui in this test; closed (and their databases) at the end."""
    windows: list[MainWindow] = []
    yield windows
    for w in windows:
        close_window(w)


def start(qtbot: QtBot, started: list[MainWindow], db_path: Path | None = None) -> MainWindow | None:
    """Start the program as run_gui does (without its event loop); None when it had nothing to open."""
    w = app.start_gui(db_path)
    qtbot.addWidget(w)
    started.append(w)
    qtbot.waitUntil(lambda: w.db is not None or w.startup_failed, timeout=5000)
    if w.startup_failed:
        assert not w.isVisible()
        return None
    return w


def _first_paint(started: list[MainWindow]) -> tuple[list[str], PaintSpy]:
    """What the start's main window showed in its first paint, recorded by a spy to install on the application."""
    events: list[str] = []

    def painted(widget: object) -> None:
        if isinstance(widget, MainWindow) and started and widget is started[-1] and not events:
            tab = widget._pages[0].tab
            shown = "painted with figures" if tab is not None and tab.figures is not None else "painted empty"
            events.append(f"{shown}, the file {'not yet opened' if widget.db is None else 'open'}")

    return events, PaintSpy(painted)


@pytest.mark.parametrize("in_time", [True, False], ids=["counted in time", "not counted in time"])
def test_figures_counted_while_qt_loaded_are_in_the_first_paint_and_the_file_is_opened_after_them(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, started: list[MainWindow], demo_db_path: Path,
        in_time: bool) -> None:
    """A file changed since figures were kept for it (another program wrote it): the command line counted its
    figures of today while Qt loaded (cli.window, ops.kept.CountAhead). Ready in time, they are in the window's first
    paint, and the window opens the file once they are painted; not, the window shows itself, opens the file and
    counts them, as without."""
    from imet_desktop.ops import kept as kept_ops

    figures_kept_or_not(qtbot, monkeypatch, started, demo_db_path, kept=False)
    ahead = kept_ops.CountAhead(demo_db_path.resolve())
    if in_time:
        assert ahead.figures(wait=30) is not None
    else:
        monkeypatch.setattr(ahead, "figures", lambda wait=0.0: None)
    app.hand_over(ahead)
    events, spy = _first_paint(started)
    QApplication.instance().installEventFilter(spy)
    try:
        w = start(qtbot, started, demo_db_path)
    finally:
        QApplication.instance().removeEventFilter(spy)
        app.hand_over(None)
    assert w is not None and w.db is not None and w.db_path == demo_db_path.resolve()
    assert events == ["painted with figures, the file not yet opened" if in_time else
                      "painted empty, the file not yet opened"]
    tab = w.overview_tab
    qtbot.waitUntil(lambda: tab.figures is not None and tab.figures.alumni_counted and not tab.is_counting,
                    timeout=10_000)
    assert tab.figures.in_residence > 0 and tab.figures.on == dt.date.today()


def test_a_start_on_the_last_database_has_its_figures_counted_while_the_window_is_built_in_its_first_paint(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, started: list[MainWindow], demo_db_path: Path) -> None:
    """Started with no database named (from the desktop's menu), the window opens the last one. Figures not kept for
    it as it is now are counted by a process of their own while the window is built (app._count_ahead, as the command
    line does for a file it is named), and are in the window's first paint; the file is opened once they are
    painted."""
    from imet_desktop.ops import kept as kept_ops

    figures_kept_or_not(qtbot, monkeypatch, started, demo_db_path, kept=False)
    figures = kept_ops.CountAhead.figures
    monkeypatch.setattr(kept_ops.CountAhead, "figures", lambda ahead, wait=0.0: figures(ahead, 30))  # however slow
    settings.remember_database(demo_db_path)
    events, spy = _first_paint(started)
    QApplication.instance().installEventFilter(spy)
    try:
        w = start(qtbot, started)
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert w is not None and w.db_path == demo_db_path.resolve()
    assert events == ["painted with figures, the file not yet opened"]
    assert app._ahead is None  # taken: the next start counts again
    tab = w.overview_tab
    qtbot.waitUntil(lambda: tab.figures is not None and tab.figures.alumni_counted and not tab.is_counting,
                    timeout=10_000)
    assert tab.figures.in_residence > 0 and tab.figures.on == dt.date.today()


def test_the_first_start_offers_demo_data_and_fills_the_new_database(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, started: list[MainWindow]) -> None:
    question = patch_dialog(monkeypatch, "ask_yes_no", True)
    default = paths.default_database_path()
    assert not default.parent.exists()
    w = start(qtbot, started)
    assert w is not None
    assert default.is_file()
    assert w.windowTitle() == f"IMET Desktop — {default.name}"
    assert len(question.calls) == 1
    assert "demo data" in question.texts
    qtbot.waitUntil(lambda: not w.jobs(), timeout=60_000)
    students = count_students(w.db)
    assert students >= DEMO_STUDENTS
    qtbot.waitUntil(lambda: w.roster_tab.model.rowCount() == students)
    qtbot.waitUntil(lambda: w.counts_label.text().startswith(f"{students} students · "))
    assert "Demo data added" in w.statusBar().currentMessage()


def test_a_clerk_who_declines_demo_data_gets_an_empty_database_and_is_not_asked_again(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, started: list[MainWindow]) -> None:
    question = patch_dialog(monkeypatch, "ask_yes_no", False)
    w = start(qtbot, started)
    assert w is not None and not w.jobs()
    assert w.roster_tab.model.rowCount() == 0
    close_window(started.pop())
    w = start(qtbot, started)
    assert w is not None
    assert len(question.calls) == 1


def test_the_last_database_opens_again(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path,
                                       started: list[MainWindow]) -> None:
    question = patch_dialog(monkeypatch, "ask_yes_no", True)
    settings.remember_database(demo_db_path)
    w = start(qtbot, started)
    assert w is not None
    assert w.db_path == demo_db_path.resolve()
    assert w.windowTitle() == "IMET Desktop — office.db"
    assert not question.calls
    assert not paths.default_database_path().exists()


def test_a_last_database_that_no_longer_opens_falls_back_to_the_default(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, started: list[MainWindow]) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database at all, just some bytes" * 10)
    settings.remember_database(broken)
    error = patch_dialog(monkeypatch, "show_error")
    patch_dialog(monkeypatch, "ask_yes_no", False)
    w = start(qtbot, started)
    assert w is not None
    assert w.db_path == paths.default_database_path().resolve()
    assert str(broken) in error.texts and "default database" in error.texts
    assert broken not in settings.recent_databases()


def test_a_last_database_that_was_deleted_is_skipped_quietly(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path, started: list[MainWindow]) -> None:
    settings.remember_database(tmp_path / "deleted.db")
    patch_dialog(monkeypatch, "ask_yes_no", False)
    w = start(qtbot, started)
    assert w is not None
    assert w.db_path == paths.default_database_path().resolve()


def test_a_named_database_opens_without_questions(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path,
                                                  started: list[MainWindow]) -> None:
    question = patch_dialog(monkeypatch, "ask_yes_no", True)
    w = start(qtbot, started, demo_db_path)
    assert w is not None
    assert w.db_path == demo_db_path.resolve()
    assert not question.calls


def test_a_named_file_that_is_not_a_database_is_an_error_and_no_window(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, started: list[MainWindow]) -> None:
    text = tmp_path / "roster.csv"
    text.write_text("family,given\nNGUYỄN,Văn Đức\n", encoding="utf-8")
    error = patch_dialog(monkeypatch, "show_error")
    assert start(qtbot, started, text) is None
    assert str(text) in error.texts


def test_a_damaged_default_database_is_left_alone_and_explained(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, started: list[MainWindow]) -> None:
    default = paths.default_database_path()
    default.parent.mkdir(parents=True)
    default.write_bytes(b"garbage" * 100)
    error = patch_dialog(monkeypatch, "show_error")
    assert start(qtbot, started) is None
    assert "Restore it from a backup" in error.texts
    assert default.read_bytes() == b"garbage" * 100


@pytest.fixture
def loop_guard(qtbot: QtBot) -> Iterator[None]:
    """Ends an event loop the test starts if it runs for 10 s (a test must never hang)."""
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(10_000)
    yield
    guard.stop()


def test_run_gui_runs_the_event_loop_until_the_window_closes(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                             demo_db_path: Path, loop_guard: None) -> None:
    opened: list[MainWindow] = []
    connections: list[object] = []
    real_start = app.start_gui

    def start_and_close_when_open(db_path: Path | None = None) -> MainWindow:
        w = real_start(db_path)
        opened.append(w)
        w.database_attached.connect(lambda: connections.append(w.db))
        w.database_attached.connect(lambda: QTimer.singleShot(0, w.close))  # the clerk closes the window
        return w

    monkeypatch.setattr(app, "start_gui", start_and_close_when_open)
    assert QApplication.quitOnLastWindowClosed()
    assert app.run_gui(demo_db_path) == 0
    assert len(opened) == 1 and opened[0].closed
    assert opened[0].db is None and len(connections) == 1
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        count_students(connections[0])  # type: ignore[arg-type]  # run_gui closed the connection


def test_after_a_session_that_wrote_the_next_start_shows_the_figures_kept_at_close_before_opening_the_file(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow],
        loop_guard: None) -> None:
    """Closing folds the session's writes into the file (a change of its state): the figures kept at start no longer
    match it, so the window keeps them again as it closes, counted after the last write, for today and the days after
    (ops.kept.close_keeping). The next start shows them in its first paint, before the file is opened."""
    from imet_desktop.domain.overview import Population
    from imet_desktop.ops.kept import DAYS_KEPT_AT_CLOSE, kept_figures
    from imet_desktop.ops.overview import overview_figures
    from imet_desktop.store.db import open_database, write

    today = dt.date.today()
    before: list[object] = []
    real_start = app.start_gui

    def start_write_and_close(db_path: Path | None = None) -> MainWindow:
        w = real_start(db_path)

        def session() -> None:  # the clerk records a graduation, then closes the window
            before.append(overview_figures(w.db, today, today.year, alumni=False))
            with write(w.db) as db:
                db.execute("UPDATE students SET status = 'Graduated' WHERE id = (SELECT min(id) FROM students "
                           "WHERE status IN ('Arrived', 'In training') AND archived_at IS NULL)")
            w.close()

        w.database_attached.connect(lambda: QTimer.singleShot(0, session))
        return w

    monkeypatch.setattr(app, "start_gui", start_write_and_close)
    assert app.run_gui(demo_db_path) == 0
    monkeypatch.setattr(app, "start_gui", real_start)
    assert not Path(f"{demo_db_path}-wal").exists()  # the close folded the log into the file
    with contextlib.closing(open_database(demo_db_path, read_only=True)) as db:  # the file is not locked any more
        now = [overview_figures(db, today + dt.timedelta(days=n), (today + dt.timedelta(days=n)).year, alumni=False)
               for n in range(DAYS_KEPT_AT_CLOSE + 1)]
    assert now[0] != before[0]  # the session's write changed the figures
    path = demo_db_path.resolve()
    assert [kept_figures(path, f.on, f.year) for f in now] == [*now[:DAYS_KEPT_AT_CLOSE], None]

    w = app.start_gui(demo_db_path)  # the next start, on the file as the close left it
    qtbot.addWidget(w)
    started.append(w)
    tab = w._pages[0].tab
    assert w.db is None and tab is not None and tab.figures == now[0]  # in its first paint, before the file opens
    assert tab.tiles[Population.IN_RESIDENCE].number.text() == f"{now[0].in_residence:,}"
    qtbot.waitUntil(lambda: w.db is not None, timeout=10_000)
    # behind them, today's figures are counted again and kept: the days after today kept at close stay kept
    qtbot.waitUntil(lambda: tab.figures is not None and tab.figures.alumni_counted and not tab.is_counting,
                    timeout=10_000)
    for thread in threading.enumerate():
        if thread.name == "keep-overview-figures":
            thread.join()
    assert [kept_figures(path, f.on, f.year) for f in now] == [*now[:DAYS_KEPT_AT_CLOSE], None]


def test_run_gui_exits_with_1_when_there_is_nothing_to_open(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path, loop_guard: None) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    error = patch_dialog(monkeypatch, "show_error")
    assert app.run_gui(text) == 1
    assert str(text) in error.texts


def test_the_application_is_named_for_its_settings(qtbot: QtBot) -> None:
    app.configure_identity()
    assert QApplication.organizationName() == paths.APP_AUTHOR
    assert QApplication.applicationName() == paths.APP_NAME



def test_a_database_named_with_create_is_made_and_offered_demo_data(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, started: list[MainWindow]) -> None:
    question = patch_dialog(monkeypatch, "ask_yes_no", False)
    new = tmp_path / "new-office.db"
    w = start(qtbot, started, new)  # imet-desktop --db new-office.db --create
    assert w is not None and new.is_file()
    assert "A new, empty database was created at" in question.texts and "demo data" in question.texts


def test_the_last_database_opens_at_once_and_is_backed_up_and_checked_in_the_background(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow]) -> None:
    from imet_desktop.ops import backups as ops_backups
    from imet_desktop.store.backups import BackupKind, list_backups

    checks = ops_backups.opening_checks
    when_checked: list[tuple[list[object], bool]] = []

    def opening_checks(path: Path, progress: object = None) -> object:
        # what was there when the window's own checks began, and whether the Overview's figures were on screen
        when_checked.append((list(list_backups(path)), started[0].overview_tab.figures is not None))
        return checks(path, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(ops_backups, "opening_checks", opening_checks)
    settings.remember_database(demo_db_path)
    w = start(qtbot, started)
    assert w is not None and getattr(w.db, "checks_deferred", False)
    qtbot.waitUntil(lambda: getattr(w.records, "checks", None) is not None and w.records.checks.done, timeout=30_000)
    assert when_checked == [([], True)]  # opening took no backup: the background did, after the first figures
    [daily] = list_backups(demo_db_path)
    assert daily.kind is BackupKind.DAILY
    assert "Today's backup" in w.statusBar().currentMessage()


def overview_counts(monkeypatch: pytest.MonkeyPatch) -> list[dt.date]:
    """The dates the Overview's figures are counted for from now on (each call of ui.overview.counting.count)."""
    from imet_desktop.ui.overview import counting
    from imet_desktop.ui.overview import tab as overview_module

    counted: list[dt.date] = []
    real = counting.count

    def count(db: object, on: dt.date, year: int, path: Path | None = None) -> object:
        counted.append(on)
        return real(db, on, year, path)  # type: ignore[arg-type]

    monkeypatch.setattr(counting, "count", count)
    monkeypatch.setattr(overview_module, "count", count)
    return counted


def test_the_overview_is_counted_once_at_start_and_its_figures_are_right(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow]) -> None:
    """The window starts counting the Overview while the tab is built; the tab takes that count over."""
    from imet_desktop.domain.overview import Population
    from imet_desktop.ops.overview import overview_figures
    from imet_desktop.store.db import connect

    counted = overview_counts(monkeypatch)
    w = app.start_gui(demo_db_path)
    qtbot.addWidget(w)
    started.append(w)
    qtbot.waitUntil(lambda: w.db is not None, timeout=5000)
    tab = w.overview_tab
    qtbot.waitUntil(lambda: tab.figures is not None, timeout=10_000)
    assert counted == [dt.date.today()]
    db = connect(demo_db_path)
    try:
        expected = overview_figures(db, dt.date.today(), alumni=False)
    finally:
        db.close()
    shown = tab.figures
    assert shown is not None
    assert (shown.in_residence, shown.arriving, shown.departing, shown.not_yet_reported, shown.deadlines) == (
        expected.in_residence, expected.arriving, expected.departing, expected.not_yet_reported, expected.deadlines)
    assert tab.tiles[Population.IN_RESIDENCE].number.text() == f"{expected.in_residence:,}"
    assert tab.tiles[Population.ARRIVING].number.text() == f"{expected.arriving:,}"


def figures_kept_or_not(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, started: list[MainWindow], db_path: Path,
                        kept: bool) -> None:
    """Before a start: figures kept from a first start on the unchanged file for it to show at once, or none kept
    (it counts them)."""
    from imet_desktop.ops import kept as kept_ops

    if not kept:
        monkeypatch.setattr(kept_ops, "kept_figures", lambda *_args: None)
        return
    first = start(qtbot, started, db_path)
    assert first is not None
    painted: list[bool] = []
    first.overview_tab.painted.connect(lambda: painted.append(True))
    # its figures counted, kept and painted, and what waits for that paint done (not left to run in the next start)
    qtbot.waitUntil(lambda: bool(painted) and not first.overview_tab.is_counting, timeout=10_000)
    close_window(first)


@pytest.mark.parametrize("kept", [False, True], ids=["counted at start", "kept from the last start"])
def test_the_map_s_outlines_are_built_on_the_worker_after_the_first_figures_are_painted(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow],
        kept: bool) -> None:
    """The outlines (Python) would hold the interpreter's lock the tab's building and first paint need: built after."""
    import threading

    from imet_desktop.domain.overview import Overview
    from imet_desktop.ui.overview import worldmap
    from imet_desktop.ui.overview.tab import OverviewTab

    figures_kept_or_not(qtbot, monkeypatch, started, demo_db_path, kept)
    events: list[tuple[str, bool]] = []
    read = worldmap.world_shapes

    def built() -> object:
        events.append(("outlines", threading.current_thread() is threading.main_thread()))
        return read()

    painted = OverviewTab._painted

    def recorded(tab: OverviewTab, figures: Overview) -> None:
        events.append(("figures painted", threading.current_thread() is threading.main_thread()))
        painted(tab, figures)

    monkeypatch.setattr(worldmap, "_shapes", None)  # as at the program's start
    monkeypatch.setattr(worldmap, "world_shapes", built)
    monkeypatch.setattr(OverviewTab, "_painted", recorded)
    painted_map: list[bool] = []
    paint = worldmap.WorldMap.paintEvent

    def map_painted(world: worldmap.WorldMap, event: QPaintEvent) -> None:
        painted_map.append(True)
        paint(world, event)

    monkeypatch.setattr(worldmap.WorldMap, "paintEvent", map_painted)
    w = start(qtbot, started, demo_db_path)
    assert w is not None
    qtbot.waitUntil(worldmap.outlines_built, timeout=10_000)
    # Once, on the reader's worker, never on the GUI thread; after the first figures were painted, unless the map
    # was painted before them (on this small demo it is on the first screen), which asks for them.
    assert [e for e in events if e[0] == "outlines"] == [("outlines", False)]
    assert events[0] == ("figures painted", True) or painted_map
    assert w.overview_tab.figures is not None and w.overview_tab.figures.on == dt.date.today()


@pytest.mark.parametrize("kept", [False, True], ids=["counted at start", "kept from the last start"])
def test_what_waits_for_the_first_figures_runs_once_the_page_they_are_on_is_painted(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow],
        kept: bool) -> None:
    """The map's outlines, the recount, the status bar's counts, the file's checks and the naming for a screen reader
    wait for the figures the clerk waits for: until the page they are on has been painted. Figures kept from the last
    start are put on a page made while the tab is built, which Qt shows only on the next turn of the event loop."""
    import shiboken6
    from PySide6.QtWidgets import QScrollArea

    from imet_desktop.domain.overview import Overview
    from imet_desktop.ui.overview.tab import OverviewTab

    figures_kept_or_not(qtbot, monkeypatch, started, demo_db_path, kept)
    painted: set[int] = set()
    seen: list[bool] = []
    after_paint = OverviewTab._painted

    def recorded(tab: OverviewTab, figures: Overview) -> None:
        if started and tab.window() is started[-1]:  # this start's window (not one of those before, closing)
            page = tab.pages.currentWidget()
            content = page.widget() if isinstance(page, QScrollArea) else page
            seen.append(shiboken6.getCppPointer(content)[0] in painted)
        after_paint(tab, figures)

    monkeypatch.setattr(OverviewTab, "_painted", recorded)
    spy = PaintSpy(lambda widget: painted.add(shiboken6.getCppPointer(widget)[0]))  # every widget painted
    QApplication.instance().installEventFilter(spy)
    try:
        w = start(qtbot, started, demo_db_path)
        assert w is not None
        qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert seen == [True]
    assert w.overview_tab.figures is not None


def test_figures_kept_from_the_last_start_are_painted_before_the_file_is_opened_then_counted_again_behind(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow]) -> None:
    """The figures kept for the unchanged file are on screen before the file is opened (its opening, with the store's
    modules and sqlite-utils, comes after them); then the window has the file, the figures are counted again behind
    them (unchanged: left as they are), the map's alumni are counted and the status bar's counts shown."""
    from imet_desktop.domain.dates import format_date
    from imet_desktop.domain.overview import Overview
    from imet_desktop.ui.overview.tab import OverviewTab

    figures_kept_or_not(qtbot, monkeypatch, started, demo_db_path, kept=True)
    counted = overview_counts(monkeypatch)
    at_paint: list[tuple[object, list[dt.date]]] = []
    after_paint = OverviewTab._painted

    def recorded(tab: OverviewTab, figures: Overview) -> None:
        if started and tab.window() is started[-1]:  # this start's window
            at_paint.append((started[-1].db, list(counted)))
        after_paint(tab, figures)

    monkeypatch.setattr(OverviewTab, "_painted", recorded)
    w = start(qtbot, started, demo_db_path)
    assert w is not None
    tab = w.overview_tab
    qtbot.waitUntil(lambda: tab.figures is not None and tab.figures.alumni_counted and w.counts_label.text() != "",
                    timeout=10_000)
    assert at_paint == [(None, [])]  # painted once, the file not yet opened, nothing counted
    assert w.db is not None and w.db_path == demo_db_path.resolve()
    qtbot.waitUntil(lambda: counted == [dt.date.today()] and not tab.is_counting, timeout=10_000)  # behind them
    assert tab.status_label.text() == f"Figures as of {format_date(dt.date.today())}"
    assert "student" in w.counts_label.text()


@pytest.mark.parametrize("office", ["International Officers Office", "สำนักงานนายทหารต่างประเทศ"])
def test_kept_figures_are_in_the_windows_first_paint_and_drawn_in_the_bundled_fonts_if_they_need_them(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow],
        office: str) -> None:
    """No empty window before the figures kept from the last start: they are in its first paint. Figures all in Latin
    are drawn before the bundled fonts are registered (those come with the file, after that paint); a name in another
    script (here the office's, in Thai) waits for them, so a desktop without that script's fonts draws no boxes."""

    from imet_desktop.ops import kept as kept_ops
    from imet_desktop.ui.common import fonts

    figures_kept_or_not(qtbot, monkeypatch, started, demo_db_path, kept=True)
    kept_figures = kept_ops.kept_figures

    def kept_with_office(*args: object) -> object:
        figures = kept_figures(*args)  # type: ignore[arg-type]
        return None if figures is None else figures._replace(office=office)

    monkeypatch.setattr(kept_ops, "kept_figures", kept_with_office)
    events: list[str] = []
    install = fonts.install_screen_fonts

    def installing() -> list[str]:
        events.append("fonts")
        return install()

    def painted(widget: object) -> None:
        if isinstance(widget, MainWindow) and widget is started[-1] and not any("painted" in e for e in events):
            tab = widget._pages[0].tab
            events.append("painted with figures" if tab is not None and tab.figures is not None else "painted empty")

    monkeypatch.setattr(fonts, "install_screen_fonts", installing)
    spy = PaintSpy(painted)
    QApplication.instance().installEventFilter(spy)
    try:
        w = start(qtbot, started, demo_db_path)
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert w is not None and w.overview_tab.figures is not None
    latin = office.isascii()
    assert events[:2] == (["painted with figures", "fonts"] if latin else ["fonts", "painted with figures"])


def kept_figures_held_before_the_file(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, started: list[MainWindow],
                                      db_path: Path) -> MainWindow:
    """A start on a file with figures kept from a first start, held with the kept figures on screen and the file not
    yet opened (what follows their paint waits 2 s instead of 30 ms)."""
    from imet_desktop.ui.overview.painted import AfterPaint

    figures_kept_or_not(qtbot, monkeypatch, started, db_path, kept=True)
    monkeypatch.setattr(AfterPaint, "SETTLE_MS", 2000)
    w = app.start_gui(db_path)
    qtbot.addWidget(w)
    started.append(w)
    qtbot.waitUntil(lambda: w._pages[0].tab is not None and w._pages[0].tab.figures is not None, timeout=5000)
    assert w.db is None
    return w


def test_a_window_closed_before_the_file_of_its_kept_figures_is_opened_does_not_open_it(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow]) -> None:
    """Closing runs what waits for the first figures (the day's backup), but not the file's opening: nothing to
    open, check or ask about in a window that is going."""
    w = kept_figures_held_before_the_file(qtbot, monkeypatch, started, demo_db_path)
    opened: list[object] = []
    monkeypatch.setattr(app, "open_startup_database", lambda *a, **k: opened.append(a))
    w.close()
    qtbot.wait(50)
    assert opened == [] and w.db is None and not w.startup_failed


def test_a_figure_followed_before_the_file_is_open_does_nothing_and_once_it_is_open_its_list_shows(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow]) -> None:
    from imet_desktop.domain.overview import Population

    w = kept_figures_held_before_the_file(qtbot, monkeypatch, started, demo_db_path)
    tab = w._pages[0].tab
    tab.tiles[Population.IN_RESIDENCE].click()
    assert w.tabs.currentIndex() == 0 and w.db is None
    qtbot.waitUntil(lambda: w.db is not None, timeout=10_000)
    tab.tiles[Population.IN_RESIDENCE].click()
    qtbot.waitUntil(lambda: w.tabs.currentIndex() == 1, timeout=5000)  # the Roster, on those students


def test_back_on_the_overview_before_its_kept_figures_were_painted_it_is_counted_and_not_left_counting(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow]) -> None:
    """Leaving the Overview opens the file at once; back on it, its figures are counted; the kept figures' paint, which
    comes after, asks for no second count that would take that one's place and leave the tab "Counting…"."""
    import datetime as dt
    import time

    from imet_desktop.domain.dates import format_date
    from imet_desktop.ui.overview import tab as overview_module

    w = kept_figures_held_before_the_file(qtbot, monkeypatch, started, demo_db_path)
    real = overview_module.count

    def slow(*args: object) -> object:  # as on a large file: the kept figures' paint comes while it counts
        time.sleep(1.5)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(overview_module, "count", slow)
    tab = w._pages[0].tab
    w.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: w.db is not None, timeout=5000)
    w.tabs.setCurrentIndex(0)
    painted: list[bool] = []
    tab.painted.connect(lambda: painted.append(True))
    qtbot.waitUntil(lambda: len(painted) >= 2 and not tab.is_counting, timeout=10_000)
    assert tab.status_label.text() == f"Figures as of {format_date(dt.date.today())}"


def test_the_file_of_the_kept_figures_gone_before_it_is_opened_is_not_made_anew(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_db_path: Path,
        started: list[MainWindow]) -> None:
    import shutil

    office = tmp_path / "moved" / "office.db"
    office.parent.mkdir()
    shutil.copy(demo_db_path, office)
    error = patch_dialog(monkeypatch, "show_error")
    w = kept_figures_held_before_the_file(qtbot, monkeypatch, started, office)
    office.unlink()  # moved or deleted by someone else, before the window opened it
    qtbot.waitUntil(lambda: w.startup_failed, timeout=10_000)
    assert not office.exists() and str(office) in error.texts
    assert w.db is None and not w.isVisible()


def test_the_partial_files_a_killed_program_left_beside_the_database_are_removed_once_it_has_started(
        qtbot: QtBot, started: list[MainWindow], demo_db_path: Path) -> None:
    """Removed after the first figures are painted (the folders' listing waits for them), but at every start."""
    from imet_desktop.files import PARTIAL_SUFFIX

    dead = 2 ** 22 + 12345  # no such process
    left = demo_db_path.parent / f".export.csv.{dead}-abcd{PARTIAL_SUFFIX}"
    left.write_text("WANG,E12345678")
    w = start(qtbot, started, demo_db_path)
    assert w is not None
    qtbot.waitUntil(lambda: not left.exists(), timeout=10_000)


def test_once_the_file_is_checked_at_start_the_status_bar_no_longer_says_it_is_being_checked(
        qtbot: QtBot, started: list[MainWindow], demo_db_path: Path) -> None:
    """The first start of the day says where today's backup went; a second, with nothing to say, takes down its
    "Checking office.db…" (it stayed for as long as the window was open)."""
    said = []
    for _ in range(2):
        w = start(qtbot, started, demo_db_path)
        assert w is not None
        qtbot.waitUntil(lambda w=w: getattr(w.records, "checks", None) is not None and w.records.checks.done,
                        timeout=30_000)
        said.append(w.statusBar().currentMessage())
        close_window(w)
    assert said[0].startswith("Today's backup: ")
    assert said[1] == ""


def test_at_start_the_overview_is_named_for_a_screen_reader_once_its_first_figures_are_painted(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow]) -> None:
    """Naming its controls (~12 ms on the Overview) waits for the figures the clerk waits for, as the checks do."""
    from imet_desktop.domain.overview import Overview
    from imet_desktop.ui import main_window
    from imet_desktop.ui.overview.tab import OverviewTab

    from .test_accessibility import unnamed

    events: list[str] = []
    painted, complete = OverviewTab._painted, main_window._complete_accessibility

    def recorded(tab: OverviewTab, figures: Overview) -> None:
        if started and tab.window() is started[-1]:  # this start's window (not one of another test's, closing)
            events.append("figures painted")
        painted(tab, figures)

    def completed(tab: QWidget) -> None:
        if started and tab.window() is started[-1]:
            events.append(f"{type(tab).__name__} named")
        complete(tab)

    monkeypatch.setattr(OverviewTab, "_painted", recorded)
    monkeypatch.setattr(main_window, "_complete_accessibility", completed)
    w = start(qtbot, started, demo_db_path)
    assert w is not None
    qtbot.waitUntil(lambda: "OverviewTab named" in events, timeout=10_000)
    assert events[:2] == ["figures painted", "OverviewTab named"]
    assert unnamed("Overview tab", w.overview_tab) == []
    w.show_tab(w.roster_tab)  # another tab, shown later: named at once
    assert events[-1] == "RosterTab named" and unnamed("Roster tab", w.roster_tab) == []


def test_a_window_closed_before_its_first_figures_still_takes_the_days_backup(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, started: list[MainWindow]) -> None:
    from imet_desktop.store.backups import BackupKind, list_backups

    w = start(qtbot, started, demo_db_path)
    assert w is not None
    w.close()  # at once: the checks were still waiting for the Overview's figures
    [daily] = list_backups(demo_db_path)
    assert daily.kind is BackupKind.DAILY
