"""What the main window gains for keeping records safe: its menu items, read-only mode, undo and redo.

- File ▸ Restore from a backup…, File ▸ Backups folder…; Edit ▸ Undo / Redo (Ctrl+Z, Ctrl+Shift+Z), each
  naming what it will undo or redo; Edit ▸ Database log….
- A database opened read-only: the title says so and why, a banner repeats it, every editing action is off.
- Undo and redo act on the clerk's own changes of this session (store.history), newest first; an
  import is one step. A change someone else changed since is not undone: the clerk is told who and when.
- On start: partial files left by a killed program are removed from the folders the program writes to.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu

from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.records.read_only import ReadOnlyGuard

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtWidgets import QMenuBar, QStatusBar, QTabWidget
    from sqlite_utils import Database

    from imet_desktop.ops.backups import OpeningChecks
    from imet_desktop.ui.common.jobs import JobProgress
    from imet_desktop.ui.common.tab import Tab


class WindowWithRecords(Protocol):
    """What this module needs of the main window (ui.main_window imports this module, not the other way round)."""

    db: Database | None
    db_path: Path
    tabs: QTabWidget

    @property
    def closed(self) -> bool: ...

    def attach_database(self, db: Database, db_path: Path | None = None) -> None: ...

    def current_tab(self) -> Tab: ...

    def refresh(self) -> None: ...

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's names

    def statusBar(self) -> QStatusBar: ...  # noqa: N802

    def setWindowTitle(self, title: str) -> None: ...  # noqa: N802

    def after_first_figures(self, then: Callable[[], None]) -> None: ...

SYNC_MS = 1_000

# The row a table shows -> the record it stands for: (table, attribute holding its id, attribute naming it).
RECORD_OF_ROW = {
    "RosterRow": ("students", "id", "legal_family_name"),
    "ClassRow": ("classes", "id", "designator"),
    "Course": ("courses", "id", "code"),
    "EventRow": ("fsp_events", "id", "title"),
    "HonoreeRow": ("students", "student_id", "legal_name"),
    "EligibleRow": ("students", "student_id", "legal_name"),
    "NominationRow": ("nominations", "id", "legal_name"),
    "CeremonyRow": ("ceremonies", "id", "title"),
    "GuestRow": ("ceremony_guests", "id", "name"),
    "InducteeRow": ("ceremony_inductees", "id", "legal_name"),
    "RosterEntry": ("enrollments", "enrollment_id", "legal_name"),
    "TaskRow": ("ceremony_tasks", "id", "title"),
}


def _menu(window: WindowWithRecords, title: str) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == title:
            return menu
    raise LookupError(f"the window has no {title} menu")


def capitalised(name: str) -> str:
    """'edit of …' → 'Edit of …'."""
    return name[:1].upper() + name[1:]


class RecordsSupport(QObject):
    """The records side of one main window."""

    def __init__(self, window: WindowWithRecords) -> None:
        super().__init__(window)
        self.window = window
        self.undo_stack: list[int] = []
        self.redo_stack: list[int] = []
        self._seen = 0
        self.guard = ReadOnlyGuard(window)
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet("QLabel { background: #FFF4CE; color: #5C4400; padding: 4px 8px; }")
        self.banner.setVisible(False)
        window.statusBar().addWidget(self.banner)
        self._build_actions()
        self._timer = QTimer(self)
        self._timer.setInterval(SYNC_MS)
        self._timer.timeout.connect(self.sync)
        window.tabs.currentChanged.connect(lambda _i: QTimer.singleShot(0, self.guard.sweep))

    # --- menus ------------------------------------------------------------------------------------------
    def _action(self, text: str, slot: object, name: str, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        w = self.window
        file_menu = _menu(w, "File")
        self.restore_action = self._action("&Restore from a backup…", self.restore, "restoreBackup")
        self.backups_folder_action = self._action("Backups &folder…", self.choose_backups_folder, "backupsFolder")
        actions = file_menu.actions()
        after = actions[actions.index(w.backup_action) + 1] if w.backup_action in actions else None
        file_menu.insertActions(after, [self.restore_action, self.backups_folder_action])

        edit_menu = _menu(w, "Edit")
        self.undo_action = self._action("&Undo", self.undo, "undo", QKeySequence.StandardKey.Undo)
        self.redo_action = self._action("&Redo", self.redo, "redo", "Ctrl+Shift+Z")
        self.log_action = self._action("Database &log…", self.show_log, "databaseLog")
        self.history_action = self._action("&History of the selected record…", self.show_selected_history,
                                           "recordHistory", "Ctrl+H")
        first = edit_menu.actions()[0] if edit_menu.actions() else None
        edit_menu.insertActions(first, [self.undo_action, self.redo_action])
        edit_menu.insertSeparator(first)
        edit_menu.addSeparator()
        edit_menu.addActions([self.history_action, self.log_action])
        edit_menu.aboutToShow.connect(self.sync)
        self._update_actions()

    # --- the open database --------------------------------------------------------------------------------
    @property
    def db(self) -> Database | None:
        """The window's database."""
        return self.window.db

    @property
    def read_only(self) -> bool:
        """True when the window's database was opened read-only."""
        return bool(getattr(self.db, "read_only", False))

    def attached(self, db: Database) -> None:
        """A database was opened in the window: a fresh undo history, read-only mode, what the clerk should know."""
        from imet_desktop.store.changes import latest_group

        self.undo_stack.clear()
        self.redo_stack.clear()
        self._seen = latest_group(db) if _records_changes(db) else 0
        reason = str(getattr(db, "read_only_reason", ""))
        self.banner.setText(f"Read-only: {reason}" if self.read_only else "")
        self.banner.setVisible(self.read_only)
        self.show_title()
        self.guard.set_active(self.read_only)
        QTimer.singleShot(0, self.guard.sweep)  # the tab built with the database
        self._update_actions()
        if self.read_only:
            self._timer.stop()
        else:
            self._timer.start()
        notices = list(getattr(db, "notices", []))
        if notices:
            self.window.statusBar().showMessage(" ".join(notices), 30_000)
        if getattr(db, "checks_deferred", False):
            self.check_in_background(db)

    # --- the checks of an opened database ---------------------------------------------------------------
    def check_in_background(self, db: Database) -> None:
        """SQLite's quick check and the day's backup, on a worker; damage turns the window read-only."""
        path = self.window.db_path
        self.checks = checks = self.window.job(f"checking {path.name}",
                                               lambda progress: _opening_checks(path, progress),
                                               title="The database could not be checked")
        checks.success(lambda found: self._checked(db, path, found))
        # After the first tab's figures (at start they would compete with them for the two cores), but always.
        self.window.after_first_figures(checks.run_in_background)

    def _checked(self, db: Database, path: Path, found: object) -> None:
        from imet_desktop.ops.backups import OpeningChecks

        assert isinstance(found, OpeningChecks)
        if self.window.closed or self.window.db is not db:
            return  # another database was opened meanwhile
        if found.problems:
            self._damaged(path, list(found.problems))
        elif found.notice:
            self.window.statusBar().showMessage(found.notice, 60_000)
        elif found.daily_backup is not None:
            self.window.statusBar().showMessage(f"Today's backup: {found.daily_backup}", 10_000)

    def _damaged(self, path: Path, problems: list[str]) -> None:
        """Damage found after opening: nothing more is written; read-only, and the offer to restore."""
        from imet_desktop.store.backups import newest_good_backup
        from imet_desktop.store.db import DamagedDatabaseError, OpenDatabase, open_database
        from imet_desktop.ui.records.opening import RESTORE_NEWEST, restore_and_open

        error = DamagedDatabaseError(path, problems, newest_good_backup(path))
        old = self.window.db
        self.window.db = None
        if isinstance(old, OpenDatabase):
            old.close()
        try:
            reader = open_database(path, read_only=True)
        except Exception as e:
            show_failure(self.window, "The database is damaged", e, doing=f"opening {path} read-only",
                         note=str(error))
            return
        reader.problems = problems
        reader.read_only_reason = f"{path.name} is damaged"
        self.window.attach_database(reader, path)
        choices = [RESTORE_NEWEST] if error.newest_backup is not None else []
        answer = dialogs.ask_choice(self.window, "The database is damaged", f"{error}\n\nIt is open read-only now.",
                                    choices) if choices else None
        if not choices:
            dialogs.show_error(self.window, "The database is damaged", f"{error}\n\nIt is open read-only now.")
        if answer == RESTORE_NEWEST and error.newest_backup is not None:
            self.window.db = None
            reader.close()
            restored = restore_and_open(self.window, path, error.newest_backup.path)
            if restored is not None:
                self.window.attach_database(restored, path)
            else:
                self.window.attach_database(open_database(path, read_only=True), path)

    def show_title(self) -> None:
        """The window's title: the database's name, and (read-only: why) when it cannot be changed."""
        title = f"IMET Desktop — {self.window.db_path.name}"
        if self.read_only:
            title += f" (read-only: {getattr(self.db, 'read_only_reason', '')})"
        self.window.setWindowTitle(title)

    # --- undo and redo -----------------------------------------------------------------------------------
    def sync(self) -> None:
        """Take in the changes this session made since last looked (a new change empties Redo)."""
        from imet_desktop.store.history import session_changes_after

        db = self.db
        if db is None or self.read_only or self.window.closed or not _records_changes(db):
            return
        new = session_changes_after(db, self._seen)
        if new:
            self.undo_stack += new
            self.redo_stack.clear()
            self._seen = max(self._seen, *new)
        self._update_actions()

    def _name(self, group: int) -> str:
        from imet_desktop.store.history import change_name

        assert self.db is not None
        return change_name(self.db, group)

    def _update_actions(self) -> None:
        writable = self.db is not None and not self.read_only
        if self.undo_stack and writable:
            self.undo_action.setText(f"&Undo {self._name(self.undo_stack[-1])}")
        else:
            self.undo_action.setText("&Undo")
        if self.redo_stack and writable:
            redo_name = self._name(self.redo_stack[-1]).removeprefix("undo of ")
            self.redo_action.setText(f"&Redo {redo_name}")
        else:
            self.redo_action.setText("&Redo")
        # kept enabled while the database is writable, so Ctrl+Z always answers (it syncs first)
        self.undo_action.setEnabled(writable)
        self.redo_action.setEnabled(writable)
        self.restore_action.setEnabled(writable)
        self.log_action.setEnabled(self.db is not None and _records_changes(self.db))
        self.history_action.setEnabled(self.db is not None and _records_changes(self.db))

    def undo(self) -> bool:
        """Undo the newest of the clerk's changes of this session; False when there was none or it could not be."""
        self.sync()
        if not self.undo_stack:
            self.window.statusBar().showMessage("Nothing to undo.", 5_000)
            return False
        return self._step(self.undo_stack, self.redo_stack, "Undo")

    def redo(self) -> bool:
        """Redo the change undone last; False when there was none or it could not be."""
        self.sync()
        if not self.redo_stack:
            self.window.statusBar().showMessage("Nothing to redo.", 5_000)
            return False
        return self._step(self.redo_stack, self.undo_stack, "Redo")

    def _step(self, source: list[int], target: list[int], verb: str) -> bool:
        from imet_desktop.store.history import undo

        assert self.db is not None
        group = source[-1]
        name = self._name(group).removeprefix("undo of ") if verb == "Redo" else self._name(group)
        try:
            done = undo(self.db, group)
        except Exception as e:
            from imet_desktop.store.changes import StaleChangeError

            if isinstance(e, StaleChangeError):
                source.pop()  # it can never be undone now: the next undo goes further back
            show_failure(self.window, f"{verb} not possible", e, doing=f"{verb.lower()}ing {name}")
            self._update_actions()
            return False
        source.pop()
        target.append(done)
        self._seen = max(self._seen, done)
        self.window.statusBar().showMessage(f"{verb}: {name}", 10_000)
        self._update_actions()
        self.window.refresh()
        return True

    # --- File and Edit --------------------------------------------------------------------------------------
    def restore(self) -> bool:
        """File ▸ Restore from a backup…: choose one, confirm, restore (the current file kept first), reopen."""
        from imet_desktop.ops.backups import restore_into
        from imet_desktop.store.db import OpenDatabase, open_database
        from imet_desktop.ui.records.dialogs import RestoreDialog

        db = self.db
        if not isinstance(db, OpenDatabase) or db.read_only:
            return False
        backup = RestoreDialog.ask(self.window, self.window.db_path)
        if backup is None:
            return False
        if not dialogs.ask_yes_no(self.window, "Restore this backup?",
                                  f"Replace every record of {self.window.db_path.name} with those of {backup.name}?\n\n"
                                  "The database as it is now is copied to the backups folder first."):
            return False
        try:
            kept = restore_into(db, backup)
        except Exception as e:
            show_failure(self.window, "The backup was not restored", e, doing=f"restoring {backup.name}",
                         note="The database is as it was.")
            return False
        path = self.window.db_path
        db.close()  # reopened: a backup from an older version is upgraded, and today's checks run again
        self.window.db = None
        try:
            reopened = open_database(path)
        except Exception as e:
            show_failure(self.window, "The restored database cannot be opened", e, doing=f"opening {path}")
            return False
        reopened.notices.append(f"Restored from {backup.name}; the file as it was is kept at {kept}.")
        self.window.attach_database(reopened, path)
        return True

    def choose_backups_folder(self) -> Path | None:
        """File ▸ Backups folder…: where the automatic backups go from now on."""
        from imet_desktop import preferences

        folder = dialogs.choose_folder(self.window, "Backups folder", preferences.backups_folder())
        if folder is None:
            return None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            preferences.set_backups_folder(folder)
        except Exception as e:
            show_failure(self.window, "The backups folder was not changed", e, doing="choosing the backups folder")
            return None
        self.window.statusBar().showMessage(f"Automatic backups now go to {folder}", 10_000)
        return folder

    def show_log(self) -> None:
        """Edit ▸ Database log…."""
        from imet_desktop.ui.records.dialogs import DatabaseLogDialog

        if self.db is not None:
            DatabaseLogDialog.ask(self.window, self.db)

    def selected_record(self) -> tuple[str, int, str] | None:
        """(table, id, name) of the record selected in the table the clerk is working in, or None."""
        from imet_desktop.ui.common.table_model import ROW_ROLE

        try:
            view = self.window.current_tab().current_table()
        except (NotImplementedError, IndexError):
            return None
        index = view.currentIndex()
        selected = view.selectionModel().selectedRows() if view.selectionModel() is not None else []
        if selected:
            index = selected[0]
        if not index.isValid():
            return None
        row = view.model().data(index, ROW_ROLE)
        known = RECORD_OF_ROW.get(type(row).__name__)
        if row is None or known is None:
            return None
        table, id_attribute, name_attribute = known
        name = str(getattr(row, name_attribute, "") or "")
        if type(row).__name__ == "RosterRow":
            from imet_desktop.domain.names import printed_name

            name = printed_name(row.legal_family_name, row.legal_given_names, getattr(row, "country_code", "") or "")
        return table, int(getattr(row, id_attribute)), name

    def show_selected_history(self) -> bool:
        """Edit ▸ History of the selected record…: its changes, field by field; False when nothing is selected."""
        chosen = self.selected_record()
        if chosen is None:
            self.window.statusBar().showMessage("Select a record (a student, a class, a ceremony…) to see its "
                                                "History.", 8_000)
            return False
        self.show_history(*chosen)
        return True

    def show_history(self, table: str, row_id: int, title: str) -> None:
        """A record's History."""
        from imet_desktop.ui.records.dialogs import HistoryDialog

        if self.db is not None:
            HistoryDialog.ask(self.window, self.db, table, row_id, title)

    # --- start -----------------------------------------------------------------------------------------------
    def clean_partials(self, extra: list[Path] | None = None) -> list[Path]:
        """Remove the partial files a killed program left where this one writes: the data folder, the backups
        folder, the database's folder and the folders the clerk last saved to."""
        from imet_desktop import paths, preferences
        from imet_desktop.ops.backups import clean_stale_partials
        from imet_desktop.ui.common import settings

        folders = [paths.user_data_dir(), preferences.backups_folder(), self.window.db_path.parent,
                   *settings.written_folders(), *(extra or [])]
        return clean_stale_partials(folders)


def _opening_checks(path: Path, progress: JobProgress) -> OpeningChecks:
    """ops.backups.opening_checks, imported on the worker as the checks begin (after the first tab's figures): its
    modules (the backups', the checks') are nothing the first tab needs, and importing them held the GUI thread."""
    from imet_desktop.ops.backups import opening_checks

    return opening_checks(path, progress)


def _records_changes(db: Database) -> bool:
    from imet_desktop.store.changes import records_changes

    return records_changes(db)

