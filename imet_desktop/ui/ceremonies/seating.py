"""A ceremony's seating: tables and their seats, automatic seating by precedence, moves by hand."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.ui.ceremonies.dialogs import TableDialog
from imet_desktop.ui.ceremonies.models import WARNING, UnseatedModel
from imet_desktop.ui.ceremonies.page import CeremonyPage
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.tables import make_table

if TYPE_CHECKING:
    from imet_desktop.store.ceremonies import SeatedPerson, TableRow

PERSON_ROLE = Qt.ItemDataRole.UserRole
TABLE_ROLE = Qt.ItemDataRole.UserRole + 1


class SeatingPage(CeremonyPage):
    """Tables with who sits where (inductees with their parties), and who has no seat yet."""

    lazy = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setObjectName("seatingTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Table and seat", "Name", "Category", "Party of"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        char = self.tree.fontMetrics().averageCharWidth()
        for n, width in enumerate((22, 30, 16, 24)):
            self.tree.header().resizeSection(n, width * char)
        self.unseated_model = UnseatedModel(self)
        self.unseated_table = make_table(self.unseated_model, UnseatedModel.COLUMNS, name="unseatedTable")
        self.unseated_label = QLabel()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("seatingSummary")
        self.summary_label.setWordWrap(True)
        self.table_box = QComboBox()
        self.table_box.setObjectName("moveToTable")
        self.table_box.setMinimumContentsLength(16)
        self.auto_button = self.button("Seat automatically", self.seat_automatically, "autoSeat")
        self.auto_button.setToolTip("Seat everyone afresh by precedence, each inductee with their party")
        self.add_table_button = self.button("Add table…", self.add_table, "addTable")
        self.edit_table_button = self.button("Edit table…", self.edit_table, "editTable")
        self.remove_table_button = self.button("Remove table", self.remove_table, "removeTable")
        self.move_button = self.button("Move there", self.move_selected, "moveToTableButton")
        self.unseat_button = self.button("Take off the table", self.unseat_selected, "unseat")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.unseated_label)
        right_layout.addWidget(self.unseated_table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 480])
        move = QHBoxLayout()
        move.addWidget(QLabel("Selected person to"))
        move.addWidget(self.table_box)
        move.addWidget(self.move_button)
        move.addWidget(self.unseat_button)
        move.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(move)
        layout.addLayout(self.button_row(self.auto_button, self.add_table_button, self.edit_table_button,
                                         self.remove_table_button, stretch_at=1))
        self._last: QWidget = self.tree
        self.tree.itemSelectionChanged.connect(lambda: self._picked(self.tree))
        self.unseated_table.selectionModel().selectionChanged.connect(lambda *_a: self._picked(self.unseated_table))
        self.tables: list[TableRow] = []

    def _picked(self, widget: QWidget) -> None:
        self._last = widget
        self.enable()

    def reload(self) -> None:
        from imet_desktop.store.ceremonies import list_seating, list_tables

        self.tree.clear()
        self.table_box.clear()
        if self.db is None or self.ceremony_id is None:
            self.tables = []
            self.unseated_model.set_rows([])
            self.summary_label.setText("")
            return
        self.tables = list_tables(self.db, self.ceremony_id)
        people = list_seating(self.db, self.ceremony_id)
        bold = QFont()
        bold.setBold(True)
        items: dict[int, QTreeWidgetItem] = {}
        for t in self.tables:
            item = QTreeWidgetItem([t.label, "", "", ""])
            item.setData(0, TABLE_ROLE, t.id)
            item.setFont(0, bold)
            if t.seated > t.capacity:
                item.setForeground(0, QBrush(WARNING))
            self.tree.addTopLevelItem(item)
            items[t.id] = item
            self.table_box.addItem(t.label, t.id)
        for p in people:
            if p.table_id is None or p.table_id not in items:
                continue
            child = QTreeWidgetItem([f"Seat {p.seat_number}" if p.seat_number else "Seat ?", p.name, p.category,
                                     "" if p.kind == "inductee" else p.party_name])
            child.setData(0, PERSON_ROLE, p)
            if p.kind == "inductee":
                child.setFont(1, bold)
            items[p.table_id].addChild(child)
        self.tree.expandAll()
        unseated = [p for p in people if p.table_id is None]
        self.unseated_model.set_rows(unseated)
        self.unseated_label.setText(f"<b>Without a seat</b> ({len(unseated)})" if unseated else
                                    "<b>Without a seat</b>: nobody")
        seated = len(people) - len(unseated)
        free = sum(max(0, t.capacity - t.seated) for t in self.tables)
        if not self.tables:
            self.summary_label.setText("No tables yet: add the tables and their seats, then seat everyone "
                                       "automatically.")
        else:
            self.summary_label.setText(
                f"{seated} of {len(people)} seated (attending inductees and guests who accepted) at "
                f"{len(self.tables)} tables; {free} seats free.")

    def allowed_by_selection(self) -> dict[QPushButton, bool]:
        person = self.selected_person()
        table = self.selected_table()
        return {self.move_button: person is not None and self.table_box.count() > 0,
                self.unseat_button: person is not None and person.table_id is not None,
                self.edit_table_button: table is not None, self.remove_table_button: table is not None,
                self.auto_button: bool(self.tables)}

    def selected_person(self) -> SeatedPerson | None:
        """The person selected at a table or in the list without a seat (whichever was clicked last)."""
        if self._last is self.unseated_table:
            rows = self.unseated_table.selectionModel().selectedRows()
            return self.unseated_model.row_at(rows[0].row()) if rows else None
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        person: SeatedPerson | None = item.data(0, PERSON_ROLE)
        return person

    def selected_table(self) -> TableRow | None:
        """The table selected (or the table of the person selected) in the tree."""
        item = self.tree.currentItem()
        if item is None or self._last is not self.tree:
            return None
        parent = item.parent()
        table_id = (parent or item).data(0, TABLE_ROLE)
        return next((t for t in self.tables if t.id == table_id), None)

    def select_person(self, kind: str, person_id: int) -> bool:
        """Select someone at a table in the tree."""
        for i in range(self.tree.topLevelItemCount()):
            table = self.tree.topLevelItem(i)
            if table is None:
                continue
            for j in range(table.childCount()):
                child = table.child(j)
                p = None if child is None else child.data(0, PERSON_ROLE)
                if child is not None and p is not None and (p.kind, p.id) == (kind, person_id):
                    self.tree.setCurrentItem(child)
                    self._last = self.tree
                    return True
        return False

    def seat_automatically(self) -> bool:
        """Seat everyone afresh by precedence (asks first when people are seated already)."""
        from imet_desktop.store.ceremonies import auto_seat

        if self.db is None or self.ceremony_id is None:
            return False
        seated = sum(t.seated for t in self.tables)
        if seated and not dialogs.ask_yes_no(self, "Seat automatically",
                                             f"{seated} people are seated already. Seat everyone afresh by "
                                             "precedence? Moves made by hand are lost."):
            return False
        db, ceremony_id = self.db, self.ceremony_id
        plans: list[object] = []
        if self.change("Not seated", lambda: plans.append(auto_seat(db, ceremony_id)), doing="seating the guests"):
            self.summary_label.setText(escape(plans[0].summary()) + " " + self.summary_label.text())  # type: ignore
            return True
        return False

    def add_table(self) -> bool:
        """Add a table."""
        from imet_desktop.store.ceremonies import add_table

        if self.db is None or self.ceremony_id is None:
            return False
        entered = TableDialog.ask(self, f"Table {len(self.tables)}" if self.tables else "Head table",
                                  8 if self.tables else 10)
        if entered is None:
            return False
        db, ceremony_id = self.db, self.ceremony_id
        return self.change("Table not added", lambda: add_table(db, ceremony_id, entered.name, entered.capacity),
                           doing="adding the table")

    def edit_table(self) -> bool:
        """Rename the selected table or change its seats."""
        from imet_desktop.store.ceremonies import update_table

        table = self.selected_table()
        if table is None or self.db is None:
            return False
        entered = TableDialog.ask(self, table.name, table.capacity)
        if entered is None:
            return False
        db = self.db
        return self.change("Table not saved", lambda: update_table(db, table.id, entered.name, entered.capacity),
                           doing="saving the table")

    def remove_table(self) -> bool:
        """Remove the selected table; whoever sat there has no seat then."""
        from imet_desktop.store.ceremonies import delete_table

        table = self.selected_table()
        if table is None or self.db is None:
            return False
        if not dialogs.ask_yes_no(self, "Remove table",
                                  f"Remove {table.name}? The {table.seated} people seated there will have no seat."):
            return False
        db = self.db
        return self.change("Table not removed", lambda: delete_table(db, table.id), doing="removing the table")

    def move_selected(self) -> bool:
        """Move the selected person to the table chosen beside the button."""
        from imet_desktop.store.ceremonies import seat_person

        person = self.selected_person()
        table_id = self.table_box.currentData()
        if person is None or table_id is None or self.db is None:
            return False
        db = self.db
        if self.change("Not moved", lambda: seat_person(db, person.kind, person.id, int(table_id)),
                       doing="moving the guest to another table"):
            self.select_person(person.kind, person.id)
            return True
        return False

    def unseat_selected(self) -> bool:
        """Take the selected person off their table."""
        from imet_desktop.store.ceremonies import seat_person

        person = self.selected_person()
        if person is None or self.db is None:
            return False
        db = self.db
        return self.change("Not changed", lambda: seat_person(db, person.kind, person.id, None),
                           doing="taking the guest off their table")

