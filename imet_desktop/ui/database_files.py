"""The File menu's work on database files: new, open, open recent, backup.

It works on any window that offers what ``DatabaseWindow`` lists (the main window does), so this module
and the main window do not import each other.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction

from imet_desktop.ui.common import dialogs, settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QStatusBar

    from imet_desktop.ui.common.jobs import Job, Work


class DatabaseWindow(Protocol):
    """What the File menu's work needs of the window (a QWidget: it parents the dialogs)."""

    db_path: Path
    recent_menu: QMenu
    backup_action: QAction

    def switch_database(self, path: Path, *, create: bool = False) -> bool: ...

    def job(self, doing: str, work: Work, *, title: str = "") -> Job: ...

    def offer_demo_data(self) -> object: ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name


def backup_file_name(now: dt.datetime | None = None) -> str:
    """The suggested name of a backup: imet-backup-20260605-1430.db."""
    return f"imet-backup-{(now or dt.datetime.now()):%Y%m%d-%H%M}.db"


def new_database(window: DatabaseWindow) -> bool:
    """Ask for a new file name, create an empty database there and switch to it."""
    path = dialogs.choose_save_file(window, "New database", window.db_path.parent / "new-office.db")
    if path is None:
        return False
    if not path.suffix:
        path = path.with_suffix(".db")
    if path.exists() and path.stat().st_size > 0:
        # Never overwrite a file to make a new database: it may be someone's records.
        dialogs.show_error(window, "New database",
                           f"{path} already exists.\n\nChoose a new file name, or use File › Open… to open it.")
        return False
    return open_new_database(window, path)


def open_new_database(window: DatabaseWindow, path: Path) -> bool:
    """Make a new database at path, switch to it, and offer demo data."""
    if not window.switch_database(path, create=True):
        return False
    window.offer_demo_data()
    return True


def open_database_dialog(window: DatabaseWindow) -> bool:
    """Ask for an existing database file and switch to it."""
    path = dialogs.choose_open_file(window, "Open database", window.db_path.parent)
    if path is None:
        return False
    return window.switch_database(path)


def open_recent(window: DatabaseWindow, path: Path) -> bool:
    """Switch to a database from the recent list (it may have been moved or deleted since)."""
    if not path.exists():
        if dialogs.ask_yes_no(window, "Open recent",
                              f"{path} no longer exists (moved, renamed or deleted?).\n\n"
                              "Create a new, empty database there? No takes it off the recent list."):
            return open_new_database(window, path)
        settings.forget_database(path)
        rebuild_recent_menu(window)
        return False
    return window.switch_database(path)


def rebuild_recent_menu(window: DatabaseWindow) -> None:
    """List the recent databases (newest first) under File › Open recent."""
    menu = window.recent_menu
    menu.clear()
    recent = settings.recent_databases()
    for i, path in enumerate(recent, start=1):
        label = f"{path.name}   ({path.parent})".replace("&", "&&")
        action = QAction(f"&{i} {label}" if i < 10 else label, menu)
        action.setData(str(path))
        action.setToolTip(str(path))
        action.setCheckable(True)
        action.setChecked(path == window.db_path)
        action.triggered.connect(lambda _checked=False, p=path: open_recent(window, p))
        menu.addAction(action)
    menu.addSeparator()
    clear = QAction("&Clear list", menu)
    clear.setEnabled(len(recent) > 1)
    clear.triggered.connect(lambda: _clear_recent(window))
    menu.addAction(clear)
    menu.setToolTipsVisible(True)


def _clear_recent(window: DatabaseWindow) -> None:
    settings.clear_recent_databases()
    settings.remember_database(window.db_path)
    rebuild_recent_menu(window)


def backup_now(window: DatabaseWindow) -> Path | None:
    """Ask where to write a backup of the open database and write it in the background."""
    from imet_desktop.ops.backups import backup_database

    folder = settings.last_backup_folder()
    if folder is None or not folder.is_dir():
        folder = window.db_path.parent
    target = dialogs.choose_save_file(window, "Backup now", folder / backup_file_name())
    if target is None:
        return None
    if target.resolve() == window.db_path:
        dialogs.show_error(window, "Backup now", "A backup cannot replace the open database; choose another name.")
        return None
    settings.remember_backup_folder(target.parent)
    window.backup_action.setEnabled(False)
    db_path = window.db_path
    job = window.job("backing up the database", lambda progress: backup_database(db_path, target, progress),
                     title="Backup failed")
    job.success(lambda written: window.statusBar().showMessage(f"Backup written to {written}", 15_000))
    job.finished.connect(lambda _outcome: window.backup_action.setEnabled(True))
    job.run_in_background()
    return target
