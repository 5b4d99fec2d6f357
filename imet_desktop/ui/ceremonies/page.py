"""What every view of one ceremony shares: the database, the ceremony shown, whether it can still change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QWidget

from imet_desktop.domain.records import CeremonyStatus
from imet_desktop.ui.common.errors import attempt

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.domain.records import Ceremony


class CeremonyPage(QWidget):
    """One view of the selected ceremony; subclasses implement ``reload()`` and list their edit buttons."""

    changed = Signal()
    """Something of the ceremony changed (counts elsewhere may be stale)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.ceremony: Ceremony | None = None
        self.edit_buttons: list[QPushButton] = []

    @property
    def ceremony_id(self) -> int | None:
        """The ceremony shown, if any."""
        return None if self.ceremony is None else self.ceremony.id

    @property
    def editable(self) -> bool:
        """A ceremony can be planned until it is held."""
        return self.ceremony is not None and self.ceremony.status != CeremonyStatus.HELD

    def show_ceremony(self, db: Database | None, ceremony: Ceremony | None) -> None:
        """Show this ceremony (None: nothing selected)."""
        self.db = db
        self.ceremony = ceremony
        self.reload()
        self.enable()

    def reload(self) -> None:
        """Read what the view shows again."""
        raise NotImplementedError

    def enable(self) -> None:
        """Enable the editing buttons while the ceremony can change and something is selected."""
        for button in self.edit_buttons:
            button.setEnabled(self.editable)

    def button(self, text: str, slot: Callable[[], object], name: str = "", *, edits: bool = True) -> QPushButton:
        """A button of the view; those that edit are disabled once the ceremony is held."""
        b = QPushButton(text)
        if name:
            b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        if edits:
            self.edit_buttons.append(b)
        return b

    def change(self, title: str, action: Callable[[], object], *, doing: str) -> bool:
        """Run a change through the store; reload and tell the tab when it worked, else say why (``attempt``)."""
        if attempt(self, title, action, doing=doing):
            self.reload()
            self.enable()
            self.changed.emit()
            return True
        return False

    @staticmethod
    def button_row(*widgets: QWidget, stretch_at: int = -1) -> QHBoxLayout:
        """Buttons in a row, with the free space at stretch_at (the end by default)."""
        row = QHBoxLayout()
        for n, w in enumerate(widgets):
            if n == stretch_at:
                row.addStretch(1)
            row.addWidget(w)
        if stretch_at < 0:
            row.addStretch(1)
        return row

    @staticmethod
    def selected_rows(table: QTableView) -> list[object]:
        """The rows selected in a table, in the order shown."""
        model = table.model()
        return [model.row_at(i.row())  # type: ignore[attr-defined]
                for i in sorted(table.selectionModel().selectedRows(), key=lambda i: i.row())]


def first(rows: Sequence[object]) -> object | None:
    """The first of the rows, or None."""
    return rows[0] if rows else None
