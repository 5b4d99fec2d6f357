"""What every view of one ceremony shares: the database, the ceremony shown, whether it can still change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QWidget

from imet_desktop.domain.records import CeremonyStatus
from imet_desktop.ui.common.errors import attempt

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent
    from sqlite_utils import Database

    from imet_desktop.domain.records import Ceremony


LAYOUT_LEVELS = 16
"""More than the widgets between a view of a ceremony and the window (about ten)."""


def settle_layouts() -> None:
    """Lay out at once, to the window, what showing a view asked to be laid out again.

    A widget laid out asks its parent to be laid out too, by an event: the request climbs one level of widgets per
    turn of the event loop, and each tab widget on the way repaints all it holds. Left to climb, a view of a ceremony
    shown had the whole window painted on each of the next ~9 turns (an inductee added, moved or removed meanwhile
    paid ~10 ms for it, each time). Sent now, level after level, the window is laid out once and painted once."""
    layout_request = int(QEvent.Type.LayoutRequest)
    for _ in range(LAYOUT_LEVELS):
        QCoreApplication.sendPostedEvents(None, layout_request)


class CeremonyPage(QWidget):
    """One view of the selected ceremony; subclasses implement ``reload()`` and list their edit buttons.

    When another view changes the ceremony, a view that grows with the inductees (``lazy``) and is not on
    screen is not read again at once: it is read when it is next shown, or when its model is asked for
    (a change to one inductee of 1,000 reads one row, not the order of events, seating and flags again).
    """

    changed = Signal()
    """Something of the ceremony changed (counts elsewhere may be stale)."""

    lazy = False
    """True for the views that grow with the inductees: read only when shown (or their model asked for)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.ceremony: Ceremony | None = None
        self.edit_buttons: list[QPushButton] = []
        self._model: Any = None
        self._stale = False

    @property
    def model(self) -> Any:
        """The view's table model, read first if the ceremony changed while the view was hidden."""
        if self._stale:
            self._catch_up()
        return self._model

    @model.setter
    def model(self, model: Any) -> None:
        self._model = model

    def _catch_up(self) -> None:
        self._stale = False
        self.reload()
        self.enable()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._stale:
            self._catch_up()
        super().showEvent(event)
        QTimer.singleShot(0, settle_layouts)  # once the view is on screen (not while it is being shown)

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
        self._catch_up()

    def ceremony_changed(self, db: Database | None, ceremony: Ceremony | None) -> None:
        """Another view changed the ceremony: read it again now if this view is on screen (or small), else when
        it is next needed."""
        if not self.lazy or self.isVisible() or ceremony is None:
            self.show_ceremony(db, ceremony)
            return
        self.db = db
        self.ceremony = ceremony
        self._stale = False  # the buttons follow the ceremony at once, from what the view holds
        self.enable()
        self._stale = True

    def reload(self) -> None:
        """Read what the view shows again."""
        raise NotImplementedError

    def enable(self) -> None:
        """Enable the editing buttons while the ceremony can change, those that act on a selection when what is
        selected allows them (``allowed_by_selection``). Each button is set once: set on and then off again, a button
        is painted again, with the window under it (~0.5 ms of each inductee added, for four buttons that stay off)."""
        allowed = self.allowed_by_selection()
        for button in self.edit_buttons:
            button.setEnabled(self.editable and allowed.get(button, True))

    def allowed_by_selection(self) -> dict[QPushButton, bool]:
        """The editing buttons that act on what is selected, and whether it allows them (none by default)."""
        return {}

    def button(self, text: str, slot: Callable[[], object], name: str = "", *, edits: bool = True) -> QPushButton:
        """A button of the view; those that edit are disabled once the ceremony is held."""
        b = QPushButton(text)
        if name:
            b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        if edits:
            self.edit_buttons.append(b)
        return b

    def change(self, title: str, action: Callable[[], object], *, doing: str,
               update: Callable[[], object] | None = None) -> bool:
        """Run a change through the store; then update the view (update, else read it again) and tell the tab.
        When the store refuses, say why (``attempt``)."""
        if attempt(self, title, action, doing=doing):
            if update is not None and not self._stale:  # a view read before the change updates its rows
                update()
            else:
                self._stale = False
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
