"""The roster's columns: which are shown, in what order and how wide, remembered between sessions.

The Columns button and the header's context menu list every column; the legal name is always shown
(it says who each row is). Moving or resizing a column is saved a moment later.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView, QToolButton

from imet_desktop.ui.roster.model import RosterModel

HEADER_KEY = "roster/header"
HEADER_VERSION = 3  # bump when the columns change, so an old saved layout is not applied to new columns
SAVE_AFTER_MS = 400


class RosterColumns(QObject):
    """The column menu of a roster table and the memory of its header."""

    def __init__(self, table: QTableView, model: RosterModel, button: QToolButton) -> None:
        super().__init__(table)
        self.table = table
        self.model = model
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.actions: list[QAction] = []
        self.menu = QMenu(button)
        for column, spec in enumerate(RosterModel.COLUMNS):
            action = QAction(spec.title, self)
            action.setObjectName(f"column_{column}")
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(lambda shown, c=column: self.set_shown(c, shown))
            if column == RosterModel.LEGAL_NAME:
                action.setEnabled(False)  # the legal name is always shown: it says who each row is
            self.menu.addAction(action)
            self.actions.append(action)
        self.menu.addSeparator()
        self.reset_action = self.menu.addAction("Reset columns", self.reset)
        button.setMenu(self.menu)
        self._default_state = header.saveState()
        self._restore()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save)
        header.sectionMoved.connect(lambda *_: self._save_timer.start())
        header.sectionResized.connect(lambda *_: self._save_timer.start())

    def set_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column (the legal name always stays)."""
        header = self.table.horizontalHeader()
        if not shown and column == RosterModel.LEGAL_NAME:
            self.actions[column].setChecked(True)
            return
        if header.isSectionHidden(column) == (not shown):
            return
        header.setSectionHidden(column, not shown)
        self.actions[column].setChecked(shown)
        self.save()

    def visible(self) -> list[int]:
        """The columns shown, in the order shown."""
        header = self.table.horizontalHeader()
        return [c for c in (header.logicalIndex(v) for v in range(header.count())) if not header.isSectionHidden(c)]

    def move(self, column: int, to_position: int) -> None:
        """Move a column to a position among all columns (as dragging its header does)."""
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(column), to_position)

    def save(self) -> None:
        """Remember which columns are shown, their order and widths."""
        s = QSettings()
        s.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        s.setValue(f"{HEADER_KEY}Version", HEADER_VERSION)

    def reset(self) -> None:
        """The columns shown at first, in the original order and widths."""
        header = self.table.horizontalHeader()
        header.restoreState(self._default_state)
        header.setSectionHidden(RosterModel.LEGAL_NAME, False)
        self._show_state()
        self.save()

    def _restore(self) -> None:
        s = QSettings()
        state = s.value(HEADER_KEY)
        if isinstance(state, QByteArray) and str(s.value(f"{HEADER_KEY}Version")) == str(HEADER_VERSION):
            self.table.horizontalHeader().restoreState(state)
        self.table.horizontalHeader().setSectionHidden(RosterModel.LEGAL_NAME, False)
        self._show_state()

    def _show_state(self) -> None:
        # The menu's ticks follow the header; the rows stay sorted as the model says, whatever was saved.
        header = self.table.horizontalHeader()
        for column, action in enumerate(self.actions):
            blocked = action.blockSignals(True)
            action.setChecked(not header.isSectionHidden(column))
            action.blockSignals(blocked)
        blocked = header.blockSignals(True)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        header.blockSignals(blocked)

    def _header_menu(self, pos: QPoint) -> None:
        self.menu.popup(self.table.horizontalHeader().mapToGlobal(pos))
