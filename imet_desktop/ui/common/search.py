"""A search box that searches as the clerk types, once typing pauses; Down or Enter goes to the list it searches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

DEBOUNCE_MS = 150

KEYS = (("Every search box", "Search now and go to the list below", "Enter or Down"),
        ("Every search box", "Clear the search", "Esc"))
"""The search box's keys, for Help ▸ Keyboard shortcuts: (where, what, keys)."""


def _select_first(view: QAbstractItemView) -> bool:
    """Make the first row current if none is and there is one; True when a row is current."""
    model = view.model()
    if view.currentIndex().isValid():
        return True
    if model is None or not model.rowCount():
        return False
    view.setCurrentIndex(model.index(0, 0))
    return True


class SearchBox(QLineEdit):
    """A line edit that emits ``search_changed`` 150 ms after the last keystroke, or on Enter.

    Down or Enter then moves the cursor into the list the box searches: the one given to
    ``lead_to``, else the next list after the box in the tab order; the first row is selected if
    none is. Esc clears the box.
    """

    search_changed = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName("Search")
        self.setAccessibleDescription(f"{placeholder.rstrip('…')}. Down or Enter goes to the list.")
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._last = ""
        self._list: QAbstractItemView | None = None
        self.textChanged.connect(self._restart)
        self.returnPressed.connect(self._emit)

    @property
    def pending(self) -> bool:
        """True while a search waits for the typing to pause."""
        return self._timer.isActive()

    def drop_pending(self) -> None:
        """Forget a search still waiting for the typing to pause (its window is closing)."""
        self._timer.stop()

    def lead_to(self, view: QAbstractItemView) -> None:
        """The list Down and Enter move to (by default, the next list in the tab order)."""
        self._list = view

    def results_view(self) -> QAbstractItemView | None:
        """The list this box searches."""
        if self._list is not None:
            return self._list
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if isinstance(widget, QAbstractItemView) and widget.isVisible() and widget.isEnabled():
                return widget
            widget = widget.nextInFocusChain()
        return None

    def go_to_results(self, *, new_rows_coming: bool = False) -> bool:
        """Put the cursor in the list, on its current row or the first; False when there is no list.

        ``new_rows_coming``: a search was just started, so the first of its rows is chosen once they are in.
        """
        view = self.results_view()
        if view is None:
            return False
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        model = view.model()
        _select_first(view)
        if model is not None and new_rows_coming:
            def when_filled(*_args: object) -> None:
                if not view.hasFocus() or _select_first(view):
                    for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
                        signal.disconnect(when_filled)

            for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
                signal.connect(when_filled)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            searched = self._emit()
            if self.go_to_results(new_rows_coming=searched):
                return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)

    def _restart(self, _text: str) -> None:
        self._timer.start()

    def _emit(self) -> bool:
        self._timer.stop()
        text = self.text()
        if text == self._last:
            return False
        self._last = text
        self.search_changed.emit(text)
        return True
