"""The Ceremonies tab: the induction ceremonies above, the selected one's inductees below."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from imet_desktop.ui.ceremonies.models import CeremoniesModel, InducteesModel
from imet_desktop.ui.common.formatting import count_text, display_date
from imet_desktop.ui.common.tab import Tab
from imet_desktop.ui.common.tables import make_table


class CeremoniesTab(Tab):
    """Honor Roll induction ceremonies and their inductees (read-only in this version)."""

    title = "Ceremonies"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ceremonies_model = CeremoniesModel(self)
        self.inductees_model = InducteesModel(self)
        self.ceremonies_table = make_table(self.ceremonies_model, CeremoniesModel.COLUMNS, name="ceremoniesTable")
        self.ceremonies_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.inductees_table = make_table(self.inductees_model, InducteesModel.COLUMNS, name="inducteesTable")
        self.ceremonies_label = QLabel("<b>Ceremonies</b>")
        self.inductees_label = QLabel()

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.ceremonies_label)
        top_layout.addWidget(self.ceremonies_table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.inductees_label)
        bottom_layout.addWidget(self.inductees_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.ceremonies_table.selectionModel().selectionChanged.connect(self._ceremony_selection_changed)

    def tables(self) -> list[QTableView]:
        return [self.ceremonies_table, self.inductees_table]

    def selected_ceremony_id(self) -> int | None:
        """The ceremony whose inductees are listed."""
        rows = self.ceremonies_table.selectionModel().selectedRows()
        if not rows:
            return None
        ceremony_id: int = self.ceremonies_model.row_at(rows[0].row()).id
        return ceremony_id

    def _load(self) -> None:
        from imet_desktop.store.ceremonies import list_ceremonies

        selected = self.selected_ceremony_id()
        ceremonies = list_ceremonies(self.db)
        self.ceremonies_model.set_rows(ceremonies)
        self.ceremonies_label.setText(f"<b>Ceremonies</b> ({count_text(len(ceremonies), 'ceremony', 'ceremonies')})")
        row = next((i for i, c in enumerate(self.ceremonies_model.rows()) if c.id == selected), None)
        if row is None and ceremonies:
            row = 0  # the first one listed, so the inductees pane is never blank for nothing
        if row is not None:
            self.ceremonies_table.selectRow(row)
        self._show_inductees()

    def _ceremony_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_inductees()

    def _show_inductees(self) -> None:
        ceremony_id = self.selected_ceremony_id()
        if ceremony_id is None:
            self.inductees_model.set_rows([])
            self.inductees_label.setText("<b>Inductees</b> — select a ceremony above")
            return
        from imet_desktop.store.ceremonies import list_inductees

        inductees = list_inductees(self.db, ceremony_id)
        self.inductees_model.set_rows(inductees)
        ceremony = next(c for c in self.ceremonies_model.rows() if c.id == ceremony_id)
        self.inductees_label.setText(
            f"<b>Inductees</b> — {escape(ceremony.title)}, {escape(display_date(ceremony.ceremony_date))} "
            f"({count_text(len(inductees), 'inductee')})")
