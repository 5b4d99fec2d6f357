"""A ceremony's order of events: edited in place (time, event, who, notes), reordered by dragging."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from imet_desktop.domain.records import OrderOfEventsItem
from imet_desktop.ui.ceremonies.models import OrderOfEventsModel
from imet_desktop.ui.ceremonies.page import CeremonyPage
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.tables import CELL_PADDING


class ProgramPage(CeremonyPage):
    """The order of events; drag lines to reorder, double-click a cell to edit it."""

    lazy = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = OrderOfEventsModel(self)
        self.model.on_edit = self._edit
        self.model.on_move = self._moved
        self.table = QTableView()
        self.table.setObjectName("eventsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropOverwriteMode(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        char = self.table.fontMetrics().averageCharWidth()
        for n, column in enumerate(OrderOfEventsModel.COLUMNS):
            self.table.horizontalHeader().resizeSection(n, column.width * char + CELL_PADDING)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.hint_label = QLabel("Drag a line to move it; double-click a cell to change it. Lines in grey repeat "
                                 "for each inductee.")
        self.hint_label.setWordWrap(True)
        self.add_button = self.button("Add line", self.add_line, "addEvent")
        self.remove_button = self.button("Remove line", self.remove_selected, "removeEvent")
        self.up_button = self.button("Move up", lambda: self.move_selected(-1), "eventUp")
        self.down_button = self.button("Move down", lambda: self.move_selected(1), "eventDown")
        self.reset_button = self.button("Start again from the usual program…", self.reset, "resetEvents")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint_label)
        layout.addLayout(self.button_row(self.add_button, self.remove_button, self.up_button, self.down_button,
                                         self.reset_button, stretch_at=4))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.enable())

    def reload(self) -> None:
        from imet_desktop.store.ceremonies import list_events

        selected = self.selected()
        rows = [] if self.db is None or self.ceremony_id is None else list_events(self.db, self.ceremony_id)
        self.model.editable = self.editable
        self.model.set_rows(rows)
        if selected is not None:
            self.select_event(selected.id)

    def enable(self) -> None:
        self.model.editable = self.editable
        super().enable()

    def allowed_by_selection(self) -> dict[QPushButton, bool]:
        item = self.selected()
        rows = self.model.rows()
        position = rows.index(item) if item in rows else -1
        return {self.remove_button: item is not None, self.up_button: position > 0,
                self.down_button: 0 <= position < len(rows) - 1}

    def selected(self) -> OrderOfEventsItem | None:
        """The line selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_event(self, event_id: int | None) -> None:
        """Select a line by its id."""
        for n, item in enumerate(self.model.rows()):
            if item.id == event_id:
                self.table.selectRow(n)
                return

    def _edit(self, item: Any, field: str, text: str) -> bool:
        from imet_desktop.store.ceremonies import update_event

        if self.db is None or getattr(item, field) == text:
            return False
        db = self.db
        edited = replace(item, **{field: text})
        try:
            update_event(db, edited)
        except Exception as e:
            show_failure(self, "Line not changed", e, doing="changing a line of the order of events")
            return False
        self.reload()
        self.select_event(item.id)
        self.changed.emit()
        return True

    def _moved(self, ids: list[int], row: int) -> None:
        """Lines dropped before `row`: save the new order."""
        from imet_desktop.store.ceremonies import reorder_events

        if self.db is None or self.ceremony_id is None:
            return
        current = [i.id for i in self.model.rows()]
        before = current[:row]
        order = [i for i in before if i not in ids] + ids + [i for i in current[row:] if i not in ids]
        if order == current:
            return
        db, ceremony_id = self.db, self.ceremony_id
        if self.change("Not moved", lambda: reorder_events(db, ceremony_id, order),
                       doing="reordering the order of events"):
            self.select_event(ids[0])

    def add_line(self) -> bool:
        """Add a line after the selected one (or at the end), ready to type its title."""
        from imet_desktop.store.ceremonies import add_event, move_event

        if self.db is None or self.ceremony_id is None:
            return False
        db, ceremony_id = self.db, self.ceremony_id
        selected = self.selected()
        position = self.model.rows().index(selected) + 1 if selected is not None else None
        added: list[int] = []

        def add() -> None:
            event_id = add_event(db, OrderOfEventsItem(ceremony_id, "New step"))
            if position is not None:
                move_event(db, event_id, position)
            added.append(event_id)

        if not self.change("Line not added", add, doing="adding a line to the order of events"):
            return False
        self.select_event(added[0])
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.edit(self.model.index(rows[0].row(), OrderOfEventsModel.TITLE))
        return True

    def remove_selected(self) -> bool:
        """Remove the selected line."""
        from imet_desktop.store.ceremonies import delete_event

        item = self.selected()
        if item is None or item.id is None or self.db is None:
            return False
        db, event_id = self.db, item.id
        return self.change("Line not removed", lambda: delete_event(db, event_id),
                           doing="removing a line of the order of events")

    def move_selected(self, step: int) -> bool:
        """Move the selected line up (-1) or down (1)."""
        from imet_desktop.store.ceremonies import move_event

        item = self.selected()
        if item is None or item.id is None or self.db is None:
            return False
        position = self.model.rows().index(item) + step
        if not 0 <= position < self.model.rowCount():
            return False
        db, event_id = self.db, item.id
        if self.change("Not moved", lambda: move_event(db, event_id, position), doing="reordering the order of events"):
            self.select_event(event_id)
            return True
        return False

    def reset(self) -> bool:
        """Replace the order of events with the usual program (each inductee's steps included)."""
        from imet_desktop.store.ceremonies import add_default_order_of_events

        if self.db is None or self.ceremony_id is None:
            return False
        if self.model.rowCount() and not dialogs.ask_yes_no(
                self, "Start again", "Replace the whole order of events with the usual program? Times, names "
                                     "and lines added by hand are lost."):
            return False
        db, ceremony_id = self.db, self.ceremony_id
        return self.change("Not replaced", lambda: add_default_order_of_events(db, ceremony_id, replace=True),
                           doing="putting back the usual order of events")
