"""The Roster tab: every student, searched as the clerk types and sorted by any column in SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from imet_desktop.ui.common.formatting import count_text
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.tab import Tab
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.roster.model import RosterModel

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.jobs.reader import DatabaseReader


class RosterTab(Tab):
    """Search box, the count of students shown, and the roster table."""

    title = "Roster"

    def __init__(self, parent: QWidget | None = None, *, reader: DatabaseReader | None = None) -> None:
        super().__init__(parent)
        self.model = RosterModel(None, self, reader=reader)
        self.search_box = SearchBox("Search names (any script, accents optional), WCN, ITO or passport number…")
        self.search_box.setObjectName("rosterSearch")
        self.count_label = QLabel()
        self.count_label.setObjectName("rosterCount")
        self.table = make_table(self.model, RosterModel.COLUMNS, self, sortable=False, name="rosterTable")
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        header.sortIndicatorChanged.connect(self._sort_requested)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self.search_box.search_changed.connect(self._search)
        self.model.ids_loaded.connect(self._show_count)

    def tables(self) -> list[QTableView]:
        return [self.table]

    def focus_search(self) -> bool:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()
        return True

    def set_database(self, db: Database) -> None:
        # Reload even when hidden: the model reads rows lazily and must not keep the old connection.
        super().set_database(db)
        self.ensure_loaded()

    def _load(self) -> None:
        self.count_label.setText("Reading the roster…")
        self.model.set_database(self.db)

    def _search(self, text: str) -> None:
        self.model.set_search(text)

    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        if not self.model.is_sortable(column):
            # Put the indicator back where the rows really are sorted.
            header = self.table.horizontalHeader()
            blocked = header.blockSignals(True)
            header.setSortIndicator(*self.model.requested_sort)
            header.blockSignals(blocked)
            return
        self.model.sort(column, order)

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        self.count_label.setText(f"{shown:,} of {count_text(self.model.total, 'student')}")
