"""The main window as a clerk uses it: title, status bar, menus, switching and backing up databases."""

from __future__ import annotations

import contextlib
import datetime as dt
import platform
import re
import sqlite3
from importlib import metadata
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import imet_desktop
from imet_desktop.app import build_main_window
from imet_desktop.domain.records import Student
from imet_desktop.ops.kept import kept_figures
from imet_desktop.ops.overview import overview_figures
from imet_desktop.store.db import open_database, write
from imet_desktop.store.roster import count_students
from imet_desktop.store.stats import record_counts
from imet_desktop.store.students import add_student
from imet_desktop.ui.common import dialogs, settings
from imet_desktop.ui.database_files import backup_file_name
from imet_desktop.ui.main_window import MainWindow

from .conftest import close_window, copy_database, wait_until_read


class Recorder:
    """Stands in for a dialog helper: records each call and answers what the test decided."""

    def __init__(self, answer: object = None) -> None:
        self.answer = answer
        self.calls: list[tuple[object, ...]] = []

    def __call__(self, *args: object, **kwargs: object) -> object:
        self.calls.append(args + tuple(kwargs.values()))
        return self.answer

    @property
    def texts(self) -> str:
        """Everything the dialogs were given, as one string."""
        return "\n".join(str(a) for call in self.calls for a in call[1:])


def patch_dialog(monkeypatch: pytest.MonkeyPatch, name: str, answer: object = None) -> Recorder:
    recorder = Recorder(answer)
    monkeypatch.setattr(dialogs, name, recorder)
    return recorder


def counts_shown(qtbot: QtBot, window: MainWindow) -> str:
    qtbot.waitUntil(lambda: window.counts_label.text() != "")
    return window.counts_label.text()


# --- what the window shows ----------------------------------------------------------------------------------

def test_the_title_names_the_open_database(window: MainWindow) -> None:
    assert window.windowTitle() == "IMET Desktop — office.db"


def test_the_status_bar_shows_the_database_path_and_the_record_counts(qtbot: QtBot, window: MainWindow,
                                                                        demo_students: int) -> None:
    c = record_counts(window.db)
    assert c.students == demo_students
    expected = (f"{c.students} students · {c.courses} courses · {c.classes} classes · "
                f"{c.honorees} honorees · {c.ceremonies} ceremonies")
    assert counts_shown(qtbot, window) == expected
    assert window.path_label.text() == str(window.db_path)
    assert min(c.courses, c.classes, c.honorees, c.ceremonies) > 0


def test_the_counts_wait_for_the_overviews_first_figures_but_not_once_the_clerk_has_left_it(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, demo_db_path: Path, demo_students: int) -> None:
    """The status bar's counts (and the file's checks) wait for the Overview's first figures, which on two cores they
    would slow; a clerk who goes to another tab before those are painted is waiting for that tab, not for them."""
    import threading

    from imet_desktop.ops import overview as ops_overview
    from imet_desktop.ui import main_window

    monkeypatch.setattr(main_window, "FIRST_FIGURES_WAIT_MS", 600_000)  # the fallback never comes in this test
    counted, slow = threading.Event(), ops_overview.overview_figures

    def overview_figures(*args: object, **kwargs: object) -> object:  # a 600,000-student count: seconds
        counted.wait(30)
        return slow(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ops_overview, "overview_figures", overview_figures)
    window = build_main_window(open_database(demo_db_path), demo_db_path)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.wait(200)
        assert window.overview_tab.is_counting and window.overview_tab.figures is None
        assert window.counts_label.text() == ""  # waiting for the figures the clerk is looking at
        window.show_tab(window.roster_tab)  # the clerk goes on before they are painted
        assert counts_shown(qtbot, window).startswith(f"{demo_students} students · ")
        assert window.overview_tab.figures is None  # still being counted
    finally:
        counted.set()
    wait_until_read(qtbot, window)
    close_window(window)


def test_the_windows_own_connection_reads_with_a_small_page_cache(window: MainWindow) -> None:
    """The window's connection reads the rows on screen for as long as it is open: its page cache is the small one
    (issue 16's memory), not SQLite's 2 MiB; an import or a bulk change sets a larger one for its while."""
    from imet_desktop.ui.common.reader import READ_CACHE_KIB

    assert window.db is not None
    assert 100 < READ_CACHE_KIB < 2048
    assert window.db.execute("PRAGMA cache_size").fetchone()[0] == -READ_CACHE_KIB


def test_the_window_opens_at_a_comfortable_size(window: MainWindow) -> None:
    assert window.size() == QSize(1280, 800)


def test_only_the_overview_is_read_at_startup_and_the_other_tabs_when_first_shown(qtbot: QtBot,
                                                                                   demo_db_path: Path) -> None:
    window = build_main_window(open_database(demo_db_path), demo_db_path)
    qtbot.addWidget(window)
    window.show()
    assert window.built_tabs() == [window.overview_tab]
    assert window.current_tab() is window.overview_tab and window.overview_tab.is_loaded
    assert not window.courses_tab.is_loaded
    assert not window.honor_roll_tab.is_loaded
    assert not window.ceremonies_tab.is_loaded
    window.view_actions[3].trigger()
    assert window.current_tab() is window.honor_roll_tab
    assert window.honor_roll_tab.is_loaded
    assert not window.courses_tab.is_loaded
    wait_until_read(qtbot, window)
    close_window(window)


def test_refresh_shows_records_added_meanwhile(qtbot: QtBot, window: MainWindow, demo_students: int) -> None:
    add_student(window.db, Student(legal_family_name="OKAFOR", legal_given_names="Chidi"))
    window.refresh_action.trigger()
    wait_until_read(qtbot, window)
    assert window.roster_tab.model.rowCount() == demo_students + 1
    assert window.counts_label.text().startswith(f"{demo_students + 1} students · ")
    assert window.refresh_action.shortcut().toString() == "F5"


# --- Help › About ---------------------------------------------------------------------------------------------

def test_about_shows_every_version_and_the_database_path(monkeypatch: pytest.MonkeyPatch,
                                                          window: MainWindow) -> None:
    about = patch_dialog(monkeypatch, "show_about")
    window.about_action.trigger()
    assert len(about.calls) == 1
    text = about.texts
    for version in (imet_desktop.__version__, PySide6.QtCore.qVersion(), PySide6.__version__,
                    platform.python_version(), sqlite3.sqlite_version, metadata.version("reportlab")):
        assert version in text
    for name in ("Qt", "PySide6", "Python", "SQLite", "ReportLab"):
        assert name in text
    assert str(window.db_path) in text


# --- Edit -------------------------------------------------------------------------------------------------------

def test_copy_puts_the_selected_rows_on_the_clipboard_as_tab_separated_text(window: MainWindow) -> None:
    table = window.roster_tab.table
    model = window.roster_tab.model
    table.selectRow(2)
    table.selectionModel().select(model.index(0, 0), table.selectionModel().SelectionFlag.Select
                                  | table.selectionModel().SelectionFlag.Rows)
    window.copy_action.trigger()
    lines = QApplication.clipboard().text().split("\n")
    assert len(lines) == 2
    first = lines[0].split("\t")
    assert len(first) == len(window.roster_tab.visible_columns())  # the columns shown, in the order shown
    assert first[0] == model.data(model.index(0, 0))
    assert lines[1].split("\t")[0] == model.data(model.index(2, 0))


def test_find_puts_the_cursor_in_the_roster_search_box(qtbot: QtBot, window: MainWindow) -> None:
    window.view_actions[2].trigger()  # Courses, which has no search box
    window.activateWindow()
    window.find_action.trigger()
    assert window.current_tab() is window.roster_tab
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.roster_tab.search_box)


# --- File: open, new, recent, backup ----------------------------------------------------------------------------

def test_opening_a_file_that_is_not_a_database_says_so_and_keeps_the_current_one(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, window: MainWindow, demo_students: int) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Sponsor phone numbers\n", encoding="utf-8")
    patch_dialog(monkeypatch, "choose_open_file", notes)
    error = patch_dialog(monkeypatch, "show_error")
    before = window.db_path
    window.open_action.trigger()
    assert len(error.calls) == 1
    assert str(notes) in error.texts and "not an IMET Desktop database" in error.texts
    assert "office.db stays open" in error.texts
    assert window.db_path == before
    assert window.windowTitle() == "IMET Desktop — office.db"
    assert window.roster_tab.model.rowCount() == demo_students
    assert count_students(window.db) == demo_students  # the connection still works


def test_opening_another_database_switches_every_tab_to_it(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path, window: MainWindow,
                                                          demo_db_path: Path) -> None:
    window.view_actions[4].trigger()  # Ceremonies read from the first database
    other_path = tmp_path / "other" / "archive.db"
    other_path.parent.mkdir()
    other = open_database(other_path)
    add_student(other, Student(legal_family_name="TANAKA", legal_given_names="Hiroshi"))
    other.close()
    old_db = window.db
    with write(old_db) as db:  # a change recorded this session: the figures kept at start no longer match the file
        db.execute("UPDATE students SET status = 'Graduated' WHERE id = (SELECT min(id) FROM students "
                   "WHERE status IN ('Arrived', 'In training') AND archived_at IS NULL)")
    patch_dialog(monkeypatch, "choose_open_file", other_path)
    window.open_action.trigger()
    wait_until_read(qtbot, window)
    assert window.db_path == other_path.resolve()
    assert window.windowTitle() == "IMET Desktop — archive.db"
    assert window.ceremonies_tab.ceremonies_model.rowCount() == 0
    assert window.roster_tab.model.rowCount() == 1
    assert counts_shown(qtbot, window).startswith("1 student · 0 courses")
    with pytest.raises(sqlite3.ProgrammingError):
        old_db.execute("SELECT 1")  # the old connection was closed
    # ... keeping its figures, as the window's close does: the next start on it shows them before opening it
    today = dt.date.today()
    with contextlib.closing(open_database(demo_db_path, read_only=True)) as db:  # the lock was let go
        assert kept_figures(demo_db_path.resolve(), today, today.year) \
            == overview_figures(db, today, today.year, alumni=False)


def test_new_database_creates_an_empty_one_and_switches_to_it(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path, window: MainWindow) -> None:
    target = tmp_path / "fresh"
    patch_dialog(monkeypatch, "choose_save_file", target)
    demo = patch_dialog(monkeypatch, "ask_yes_no", False)
    window.new_action.trigger()
    assert "Fill it with demo data" in demo.texts  # every new database offers it
    wait_until_read(qtbot, window)
    assert (tmp_path / "fresh.db").is_file()
    assert window.db_path == (tmp_path / "fresh.db").resolve()
    assert window.windowTitle() == "IMET Desktop — fresh.db"
    assert window.roster_tab.model.rowCount() == 0
    assert window.roster_tab.count_label.text() == "0 of 0 students"
    assert counts_shown(qtbot, window) == "0 students · 0 courses · 0 classes · 0 honorees · 0 ceremonies"


def test_new_database_never_overwrites_an_existing_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                        window: MainWindow) -> None:
    existing = copy_database(window.db_path, tmp_path / "copy.db")
    size = existing.stat().st_size
    patch_dialog(monkeypatch, "choose_save_file", existing)
    error = patch_dialog(monkeypatch, "show_error")
    window.new_action.trigger()
    assert "already exists" in error.texts
    assert existing.stat().st_size == size
    assert window.windowTitle() == "IMET Desktop — office.db"


def test_backup_now_writes_a_copy_that_opens(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                             window: MainWindow, demo_students: int) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    chooser = Recorder(backups / "monday.db")
    monkeypatch.setattr(dialogs, "choose_save_file", chooser)
    window.backup_action.trigger()
    suggested = Path(str(chooser.calls[0][2]))
    assert suggested.parent == window.db_path.parent
    assert re.fullmatch(r"imet-backup-\d{8}-\d{4}\.db", suggested.name)
    qtbot.waitUntil(lambda: not window.jobs(), timeout=10_000)
    assert window.backup_action.isEnabled()
    assert "Backup written to" in window.statusBar().currentMessage()
    copy = open_database(backups / "monday.db", create=False)
    try:
        assert count_students(copy) == demo_students
    finally:
        copy.close()
    # The next backup is suggested in the same folder.
    window.backup_action.trigger()
    assert Path(str(chooser.calls[1][2])).parent == backups
    qtbot.waitUntil(lambda: not window.jobs(), timeout=10_000)


def test_a_backup_that_fails_says_why(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                      window: MainWindow) -> None:
    patch_dialog(monkeypatch, "choose_save_file", tmp_path / "no-such-folder" / "b.db")
    error = patch_dialog(monkeypatch, "show_error")
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: bool(error.calls), timeout=10_000)
    assert "Backup failed" in str(error.calls[0][1])
    assert "does not exist" in error.texts


def test_backup_names_carry_the_date_and_time() -> None:
    import datetime as dt

    assert backup_file_name(dt.datetime(2026, 6, 5, 14, 30)) == "imet-backup-20260605-1430.db"


def test_open_recent_lists_the_databases_opened_newest_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                            window: MainWindow) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    patch_dialog(monkeypatch, "ask_yes_no", False)  # no demo data
    for path in (first, second):
        patch_dialog(monkeypatch, "choose_save_file", path)
        window.new_action.trigger()
    recent = [a for a in window.recent_menu.actions() if a.data()]
    assert [Path(a.data()).name for a in recent] == ["second.db", "first.db", "office.db"]
    assert recent[0].isChecked()
    recent[2].trigger()
    assert window.windowTitle() == "IMET Desktop — office.db"
    assert [Path(a.data()).name for a in window.recent_menu.actions() if a.data()] == [
        "office.db", "second.db", "first.db"]


def test_a_recent_database_that_was_deleted_is_taken_off_the_list(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path, window: MainWindow) -> None:
    gone = tmp_path / "gone.db"
    patch_dialog(monkeypatch, "choose_save_file", gone)
    patch_dialog(monkeypatch, "ask_yes_no", False)  # no demo data
    window.new_action.trigger()
    window.switch_database(tmp_path / "office.db")
    gone.unlink()
    question = patch_dialog(monkeypatch, "ask_yes_no", False)  # no new database there either
    action = next(a for a in window.recent_menu.actions() if a.data() and Path(a.data()).name == "gone.db")
    action.trigger()
    assert "no longer exists" in question.texts and "Create a new, empty database there?" in question.texts
    assert not gone.exists()
    assert window.windowTitle() == "IMET Desktop — office.db"
    assert "gone.db" not in [Path(a.data()).name for a in window.recent_menu.actions() if a.data()]


def test_opening_a_path_with_no_database_asks_before_making_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                               window: MainWindow) -> None:
    missing = tmp_path / "ofice.db"
    question = patch_dialog(monkeypatch, "ask_yes_no", False)
    assert not window.switch_database(missing)
    assert f"There is no database at\n{missing}" in question.texts
    assert not missing.exists()
    assert window.windowTitle() == "IMET Desktop — office.db"
    answers, asked = iter([True, False]), []  # yes, make it there; no demo data
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, title, text: asked.append(text) or next(answers))
    assert window.switch_database(missing)
    assert missing.is_file() and window.windowTitle() == "IMET Desktop — ofice.db"
    assert "Fill it with demo data" in asked[1]


def test_the_recent_list_keeps_the_last_eight(tmp_path: Path) -> None:
    for i in range(12):
        settings.remember_database(tmp_path / f"db{i}.db")
    assert [p.name for p in settings.recent_databases()] == [f"db{i}.db" for i in range(11, 3, -1)]
    assert settings.last_database() == (tmp_path / "db11.db").resolve()


# --- remembered between sessions ---------------------------------------------------------------------------------

def test_the_window_geometry_and_the_database_are_remembered(qtbot: QtBot, demo_db_path: Path,
                                                             window: MainWindow) -> None:
    # Smaller than the offscreen screen (800 x 600): restoreGeometry fits a window to its screen.
    window.resize(700, 500)
    qtbot.waitUntil(lambda: window.size() == QSize(700, 500))
    window.move(QPoint(40, 30))
    close_window(window)
    assert settings.last_database() == demo_db_path.resolve()
    again = build_main_window(open_database(demo_db_path), demo_db_path)
    qtbot.addWidget(again)
    try:
        assert again.size() == QSize(700, 500)
    finally:
        close_window(again)


def test_closing_the_window_waits_for_a_backup_still_running(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path, window: MainWindow) -> None:
    patch_dialog(monkeypatch, "choose_save_file", tmp_path / "at-close.db")
    window.backup_action.trigger()
    window.close()  # must not abort the process with a running QThread
    assert (tmp_path / "at-close.db").is_file()


def test_tabs_are_shown_through_the_view_menu(window: MainWindow) -> None:
    titles = [a.text().replace("&", "") for a in window.view_actions]
    assert titles == ["Overview", "Roster", "Courses", "Honor Roll", "Ceremonies"]
    for action, tab in zip(window.view_actions, window.all_tabs(), strict=True):
        action.trigger()
        assert window.current_tab() is tab
        assert action.isChecked()
    window.tabs.setCurrentIndex(0)  # clicking the tab itself
    assert window.view_actions[0].isChecked()
    assert window.tabs.tabText(0) == "Overview"
    assert [a.shortcut().toString() for a in window.view_actions] == ["Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4",
                                                                      "Ctrl+5"]
