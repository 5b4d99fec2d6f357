"""The Honor Roll tab: every inductee, newest first, with a search box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from imet_desktop.ui.common.formatting import count_text
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.tab import Tab
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.honor_roll.model import HonoreesModel


class HonorRollTab(Tab):
    """The International Honor Roll (read-only in this version)."""

    title = "Honor Roll"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HonoreesModel(self)
        self.search_box = SearchBox("Search honorees by name, country or position…")
        self.search_box.setObjectName("honorRollSearch")
        self.count_label = QLabel()
        self.table = make_table(self.model, HonoreesModel.COLUMNS, self, name="honoreesTable")
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.search_box.search_changed.connect(self._search)

    def tables(self) -> list[QTableView]:
        return [self.table]

    def focus_search(self) -> bool:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()
        return True

    def _load(self) -> None:
        from imet_desktop.store.honor_roll import list_honorees

        rows = list_honorees(self.db, search=self.search_box.text())
        self.model.set_rows(rows)
        self.count_label.setText(count_text(len(rows), "honoree"))

    def _search(self, _text: str) -> None:
        if self.is_loaded:
            self.refresh()
