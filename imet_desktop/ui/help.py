"""The Help menu's windows: the clerk's guide and the keyboard shortcuts.

The guide is HTML with screenshots in resources/guide (docs/make_guide_screenshots.py remakes the
pictures from the demo database, so they follow the program). The shortcuts are read from the
window's own actions, menu by menu and tab by tab, so the list cannot drift from what the keys do.
Both open beside the main window (not modal), once each; asking again brings them to the front.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.paths import resource
from imet_desktop.ui.common.dialog_base import Dialog

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtWidgets import QMainWindow, QMenu

    from imet_desktop.ui.common.tab import Tab


@dataclass(frozen=True)
class Shortcut:
    """One key (or keys) and what it does, and where: a menu, a tab, or a kind of field."""

    where: str
    what: str
    keys: str


def _words(text: str) -> str:
    """An action's text as read: no mnemonic ampersands, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def key_text(sequences: list[QKeySequence]) -> str:
    """Keys as the desktop writes them (Ctrl+Shift+N), several joined by 'or'."""
    texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty()]
    return " or ".join(dict.fromkeys(texts))


def shortcuts(window: QMainWindow, tabs: Sequence[Tab], fields: list[Shortcut] | None = None) -> list[Shortcut]:
    """Every keyboard shortcut of the window: its menus in order, then each tab's own, then the fields' keys."""
    from imet_desktop.ui.common.dates import KEYS as DATE_KEYS
    from imet_desktop.ui.common.dialog_base import CLOSE_KEYS

    dialog_keys = [("Every dialog, the preview and the help windows", "Close", f"Esc or {key_text(CLOSE_KEYS)}"),
                   ("Every dialog", "OK (the button marked as the default)", "Enter")]
    from imet_desktop.ui.common.search import KEYS as SEARCH_KEYS

    found: list[Shortcut] = []
    seen: set[int] = set()

    def add(where: str, action: QAction) -> None:
        if id(action) in seen or action.isSeparator():
            return
        seen.add(id(action))
        keys = key_text(action.shortcuts())
        if keys:
            found.append(Shortcut(where, _words(action.text()), keys))

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if sub is not None:
                walk(sub, f"{where} ▸ {_words(sub.title())}")
            else:
                add(where, action)

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk(action.menu(), _words(action.menu().title()))
    for tab in tabs:
        for action in tab.findChildren(QAction):
            add(f"{tab.title} tab", action)
    for action in window.findChildren(QAction):
        add("Main window", action)
    extra = [*SEARCH_KEYS, *DATE_KEYS, *dialog_keys] if fields is None else fields
    return found + [Shortcut(*k) for k in extra]


class _HelpWindow(Dialog):
    """A window beside the main window (shown, not modal); Esc or Ctrl+W closes it; it remembers its size."""

    def __init__(self, parent: QWidget, title: str, name: str) -> None:
        super().__init__(parent, title)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleDescription(
            "Close this window (Esc)")


class ShortcutsWindow(_HelpWindow):
    """Help ▸ Keyboard shortcuts: every key of the program, where it works, what it does."""

    def __init__(self, window: QMainWindow, tabs: Sequence[Tab]) -> None:
        super().__init__(window, "Keyboard shortcuts", "keyboardShortcuts")
        self.rows = shortcuts(window, tabs)
        intro = QLabel("Every key the program answers to, read from its menus and tabs. "
                       "Tab and Shift+Tab move between fields and buttons everywhere.")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setAccessibleDescription("One row per shortcut: where it works, what it does, the keys")
        self.table.setHorizontalHeaderLabels(["Where", "What it does", "Keys"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for r, row in enumerate(self.rows):
            for c, text in enumerate((row.where, row.what, row.keys)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 560)


GUIDE = ("guide", "index.html")


class GuideWindow(_HelpWindow):
    """Help ▸ Clerk's guide: the yearly cycle, step by step, with pictures of the program."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, "Clerk's guide", "clerksGuide")
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setAccessibleName("Clerk's guide")
        self.browser.setAccessibleDescription("The guide's text; Tab moves between its links, Enter follows one")
        self.browser.setOpenExternalLinks(True)
        folder = resource(*GUIDE).parent
        self.browser.setSearchPaths([str(folder)])
        self.browser.setSource(QUrl.fromLocalFile(str(folder / GUIDE[-1])))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        screen = window.screen().availableGeometry() if window.screen() is not None else None
        width, height = 900, 760
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def show_section(self, anchor: str) -> None:
        """Scroll to a section of the guide (its id in index.html)."""
        self.browser.scrollToAnchor(anchor)


def show_once(owner: QWidget, name: str, make: Callable[[], QWidget]) -> Any:
    """A help window of the main window's (its attribute ``name``), beside it: made anew if closed, else brought to
    the front."""
    window = getattr(owner, name, None)
    if window is None or not shiboken6.isValid(window) or not window.isVisible():
        window = make()
    window.show()
    window.raise_()
    window.activateWindow()
    return window
