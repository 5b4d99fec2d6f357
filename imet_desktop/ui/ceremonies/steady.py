"""A one-line label whose new text does not lay the whole window out again.

A QLabel given a new text asks its layout to be done again, and that request climbs to the window: every tab
widget on the way lays itself out and repaints all it holds. An inductee added to a ceremony of 1,000 changes the
heading's count and the page's summary, and the whole window (the 1,000 inductees' table with it) was painted
again for two short lines of text. Here the label sits in a holder without a layout: the holder asks for a
layout again only when the new text no longer fits the room it has (a shorter one keeps it until the next layout).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from imet_desktop.ui.common.widgets import ElidedLabel


class SteadyLabel(QWidget):
    """Looks and reads like the QLabel it holds (``label``); its object name is the label's."""

    def __init__(self, name: str, parent: QWidget | None = None, *, elided: bool = False) -> None:
        """elided: a text too long for the room is shortened in the middle (ElidedLabel) rather than widening the
        window."""
        super().__init__(parent)
        self.label = ElidedLabel(parent=self) if elided else QLabel(self)
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


class SteadyHeading(QWidget):
    """A one-line heading of two plain texts: a bold lead that seldom changes (a ceremony's title) and the rest, which
    does (its date, counts and status), each in a SteadyLabel. As one rich-text label (the title in bold), every new
    count was laid out as a document, for its size and again for its paint: ~0.5 ms of each inductee added, moved or
    removed, of ~15. Plain texts also show a title as typed (``<b>&`` is not markup)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        # Each part shortened in the middle when the room is short: a title or venue of 2,000 characters (the store
        # takes them) does not make the window 12,000 pixels wide. The title keeps the width it needs while there
        # is room; the rest takes what is left.
        self.lead = SteadyLabel(f"{name}Lead", elided=True)
        self.rest = SteadyLabel(f"{name}Rest", elided=True)
        self.lead.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        for part in (self.lead, self.rest):
            part.label.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.lead.label.font()
        bold.setBold(True)
        self.lead.label.setFont(bold)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.lead)
        layout.addWidget(self.rest, 1)

    def text(self) -> str:
        """The heading as read: its lead, then the rest."""
        return self.lead.text() + self.rest.text()

    def show_text(self, lead: str, rest: str) -> None:
        """Show the lead in bold and the rest after it; only a part that changed is set again."""
        self.lead.setText(lead)
        self.rest.setText(rest)
