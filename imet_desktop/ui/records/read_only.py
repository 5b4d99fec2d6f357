"""A window on a database opened read-only: the title says so, a banner says why, and every editing action is off.

An editing action is a button or menu action whose words change records (Add, Edit, Delete, Import,
Assign, Save, Undo...). The guard switches each off, and keeps it off when the tab's own logic
(a selection) would switch it on again. Whatever slips through still cannot write: the read-only
connection refuses, and the clerk is told the database is read-only.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QMainWindow, QWidget

EDITING = re.compile(
    r"^&?(add|new|edit|delete|remove|archive|restore|import|change|assign|unassign|accept|decline|move|outcome|"
    r"graduate|mark|place|save|set|record|nominate|induct|undo|redo|seat|clear|revert|verify|approve|confirm|"
    r"fill|put back|generate|reset seating|invite|offer|apply|rename|duplicate|link)\b",
    re.IGNORECASE)
KEEP = frozenset({"openDatabase", "newDatabase", "quit"})
"""Actions that look like editing but act on files, not records."""


def is_editing(text: str) -> bool:
    """True when a button or action with this text changes records."""
    return bool(EDITING.match(text.replace("&", "").strip()))


class ReadOnlyGuard(QObject):
    """Keeps every editing action of a window switched off while the database is read-only."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.active = False
        self._watched: set[int] = set()

    def set_active(self, active: bool) -> None:
        """Switch read-only mode on (every editing action off) or off (the tabs' own states come back)."""
        was_active, self.active = self.active, active
        self.sweep()
        if was_active and not active:  # (a writable database attached after a writable one: nothing was held)
            for tab in getattr(self.window, "built_tabs", list)():
                tab.invalidate()  # the tabs set their buttons again from their selections

    def sweep(self) -> None:
        """Switch off the editing actions that exist now (tabs built since are swept as they appear)."""
        if not self.active:
            return
        for action in self.window.findChildren(QAction):
            if action.menu() is not None:
                continue  # a menu's title (Edit): its items are judged one by one
            if action.objectName() not in KEEP and is_editing(action.text()):
                self._hold(action)
        for button in self.window.findChildren(QAbstractButton):
            if button.objectName() not in KEEP and is_editing(button.text()):
                self._hold(button)

    def _hold(self, item: QObject) -> None:
        item.setEnabled(False)  # type: ignore[attr-defined]
        if id(item) in self._watched:
            return
        self._watched.add(id(item))
        if isinstance(item, QAction):
            item.changed.connect(lambda a=item: self._keep_off(a))
        else:
            item.installEventFilter(self)

    def _keep_off(self, item: QObject) -> None:
        if self.active and item.isEnabled():  # type: ignore[attr-defined]
            QTimer.singleShot(0, lambda: self.active and item.setEnabled(False))  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget):
            self._keep_off(watched)
        return False
