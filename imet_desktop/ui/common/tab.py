"""What every tab of the main window offers it: a database to show, lazy loading, refresh, copy.

The UI modules import the store (and with it sqlite-utils) inside the functions that read, not at
the top: the main window is on screen before the database is opened (see imet_desktop.app).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTableView, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QToolButton
    from sqlite_utils import Database


class Tab(QWidget):
    """A main-window tab that reads its lists from the store the first time it is shown.

    Subclasses implement ``_load()`` (read everything the tab shows from ``self.db``) and
    ``tables()`` (their table views, main one first). Until ``set_database()`` there is nothing to show.
    """

    title = ""
    loaded = Signal()
    """Emitted after every load (first load, refresh, new database)."""
    records_changed = Signal()
    """The tab wrote to the database: the window has the other tabs read again and counts the records again."""
    uncounted_records_changed = Signal()
    """The tab wrote records that no count of the status bar counts (who is on a ceremony, in which order): the
    window has the other tabs read again when next shown, and does not count the records again."""
    commands_changed = Signal()
    """What Ctrl+N adds or Ctrl+P prints here changed (another page of the tab came to the front)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.db_path: Path | None = None
        """The file behind ``db``, as the window opened it (work on a worker thread opens its own connection)."""
        self._loaded = False
        self._active = False

    @property
    def is_loaded(self) -> bool:
        """True once the tab has read its lists from the current database."""
        return self._loaded

    def set_database(self, db: Database, db_path: Path) -> None:
        """Show another database (``db_path`` is its file): reload now if the tab is on screen, else when next shown."""
        self.db = db
        self.db_path = Path(db_path)
        self._loaded = False
        if self._active:
            self.ensure_loaded()

    def activate(self) -> None:
        """The tab became the current one."""
        self._active = True
        self.ensure_loaded()

    def deactivate(self) -> None:
        """Another tab became the current one."""
        self._active = False

    def ensure_loaded(self) -> None:
        """Load the lists if they have not been read from this database yet."""
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        """Read the lists again from the database."""
        if self.db is None:
            return
        self._load()
        self._loaded = True
        self.loaded.emit()

    def invalidate(self) -> None:
        """The database changed behind the tab: reload now if shown, else when next shown."""
        self._loaded = False
        if self._active:
            self.ensure_loaded()

    def tables(self) -> list[QTableView]:
        """The tab's table views, the main one first."""
        raise NotImplementedError

    def current_table(self) -> QTableView:
        """The table the clerk is working in: the one with focus, else the main one."""
        tables = self.tables()
        for table in tables:
            if table.hasFocus():
                return table
        return tables[0]

    def new_record_text(self) -> str:
        """What Ctrl+N adds here, as the File menu words it ("New student…"); '' when the tab adds nothing."""
        return ""

    def new_record(self) -> object:
        """File ▸ New… (Ctrl+N): add a record of the kind this tab (or its page) lists."""
        return None

    def print_text(self) -> str:
        """What Ctrl+P prints here, as the File menu words it ("Print the roster…"); '' when nothing."""
        return ""

    def print_view(self) -> object:
        """File ▸ Print… (Ctrl+P): print what the tab shows, through the preview."""
        return None

    def focus_search(self) -> bool:
        """Put the cursor in the tab's search box; False when the tab has none."""
        return False

    def _load(self) -> None:
        raise NotImplementedError


def popup_menu(button: QToolButton) -> QMenu | None:
    """Open a button's menu under it, for the keyboard (arrows choose, Enter picks, Esc closes); not blocking."""
    menu = button.menu()
    if menu is None or not button.isEnabled():
        return None
    menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
    menu.setActiveAction(next((a for a in menu.actions() if a.isEnabled() and not a.isSeparator()), None))
    return menu
