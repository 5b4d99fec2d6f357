"""Waiting for a widget's next paint: the Overview's figures are painted before the work that waits for them."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterPaint(QObject):
    """Calls a function once a widget has next been painted (SETTLE_MS after, so that the paints and events already
    queued go first): at once (from the event loop) when its window is not on screen, and after PAINT_WAIT_MS if no
    paint comes.

    A widget of a window on screen is waited for even while it is not visible itself: one just put in a layout is
    shown by Qt on the next turn of the event loop (the Overview's page when its figures kept from the last start are
    shown while the tab is built), and what waits for its paint must not run before it."""

    PAINT_WAIT_MS = 500
    SETTLE_MS = 30

    def __init__(self, widget: QWidget | None, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        self._widget = widget
        if widget is None or not widget.window().isVisible():
            QTimer.singleShot(0, self._run)
            return
        widget.installEventFilter(self)
        QTimer.singleShot(self.PAINT_WAIT_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(self.SETTLE_MS, self._run)  # after this paint
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        if self._widget is not None and shiboken6.isValid(self._widget):
            self._widget.removeEventFilter(self)
            self.deleteLater()
        QTimer.singleShot(0, then)  # one more turn of the event loop: a paint asked for meanwhile goes first
