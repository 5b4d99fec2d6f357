"""A one-line label whose new text does not lay the whole window out again.

A QLabel given a new text asks its layout to be done again, and that request climbs to the window: every tab
widget on the way lays itself out and repaints all it holds. An inductee added to a ceremony of 1,000 changes the
heading's count and the page's summary, and the whole window (the 1,000 inductees' table with it) was painted
again for two short lines of text. Here the label sits in a holder without a layout: the holder asks for a
layout again only when the new text no longer fits the room it has (a shorter one keeps it until the next layout).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class SteadyLabel(QWidget):
    """Looks and reads like the QLabel it holds (``label``); its object name is the label's."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName(name)
        self.setSizePolicy(self.label.sizePolicy())

    def text(self) -> str:
        """The text shown."""
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 (QLabel's name)
        """Show this text; the window is laid out again only if the text needs more room than it has."""
        if text == self.label.text():
            return
        self.label.setText(text)
        hint = self.label.sizeHint()
        if hint.width() > self.width() or hint.height() > self.height():
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.label.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)
