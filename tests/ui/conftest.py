"""UI fixtures: settings in a temporary folder, one demo database per session copied per test, a main window."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from pytestqt.qtbot import QtBot

from imet_desktop import paths
from imet_desktop.app import build_main_window, configure_identity
from imet_desktop.store.db import open_database
from imet_desktop.ui.main_window import MainWindow

DEMO_STUDENTS = 400


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """QSettings and the default database live in this test's folder, never in the user's."""
    folder = tmp_path / "settings"
    folder.mkdir()
    configure_identity()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "user-data")
    monkeypatch.setattr(paths, "default_database_path", lambda: tmp_path / "user-data" / paths.DEFAULT_DATABASE_NAME)
    return folder


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database written once per test session (never opened by a test: copied first)."""
    from imet_desktop.ops.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo-template.db"
    generate_demo(path, students=DEMO_STUDENTS)
    return path


@pytest.fixture(scope="session")
def demo_students(demo_template: Path) -> int:
    """How many students (not archived) the demo database holds: its classes' and the Honor Roll's."""
    db = sqlite3.connect(demo_template)
    try:
        return int(db.execute("SELECT count(*) FROM students WHERE archived_at IS NULL").fetchone()[0])
    finally:
        db.close()


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of a database file (whatever is still in its write-ahead log included)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


@pytest.fixture
def demo_db_path(demo_template: Path, tmp_path: Path) -> Path:
    """This test's own copy of the demo database."""
    return copy_database(demo_template, tmp_path / "office.db")


@pytest.fixture
def window(qtbot: QtBot, demo_db_path: Path) -> Iterator[MainWindow]:
    """The main window on this test's demo database, shown, with the Roster in front.

    The window opens on the Overview; the tests of the other tabs start from the Roster, as the
    window did before it had an Overview (tests/ui/test_overview.py starts from the Overview).
    """
    w = build_main_window(open_database(demo_db_path), demo_db_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.show_tab(w.roster_tab)
    wait_until_read(qtbot, w)
    yield w
    close_window(w)


def wait_until_read(qtbot: QtBot, w: MainWindow) -> None:
    """Wait for what the window reads in the background: the roster's rows, the record counts, the Overview."""
    qtbot.waitUntil(lambda: not w.roster_tab.model.loading and not w.reader.pending("counts")
                    and (w.overview_reader is None or not w.overview_reader.pending("overview")), timeout=10_000)


def close_window(w: MainWindow) -> None:
    """Close a window (its jobs and threads end first) and then its database connection."""
    w.close()
    if w.db is not None:
        w.db.close()


class PaintSpy(QObject):
    """An event filter that calls then(widget) each time a widget it is installed on (or, on the application, any
    widget) is painted."""

    def __init__(self, then: Callable[[QObject], object]) -> None:
        super().__init__()
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.then(watched)
        return False
