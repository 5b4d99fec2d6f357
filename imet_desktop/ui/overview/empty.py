"""The Overview of a database without students: what to do first (import them, or look around with demo data)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def heading_font(widget: QWidget, factor: float = 1.25) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(True)
    return font


def _open(tab: Any, what: str) -> None:
    """The Overview follows one of this page's links (imported now: not before the first figures are painted)."""
    from imet_desktop.ui.overview.links import DemoLink, ImportLink

    tab.link_activated.emit(ImportLink() if what == "import" else DemoLink())


def build_empty(tab: Any) -> QWidget:
    """The page shown instead of the figures; its controls are the Overview tab's (empty_title, import_button,
    demo_button)."""
    page = QWidget()
    page.setObjectName("overviewEmpty")
    tab.empty_title = QLabel("No students yet")
    tab.empty_title.setObjectName("emptyTitle")
    tab.empty_title.setFont(heading_font(tab.empty_title, 1.8))
    text = QLabel("The Overview counts the office's students, classes, deadlines and the Honor Roll. Import "
                  "this year's arrivals from the security cooperation offices' spreadsheet, or fill the "
                  "database with demo data (invented people) to look around first.")
    text.setObjectName("emptyText")
    text.setWordWrap(True)
    text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    text.setMaximumWidth(tab.fontMetrics().averageCharWidth() * 80)
    # Centred by stretches, not by an alignment flag: a widget placed with one is given its one-line
    # height, and the wrapped lines were cut off above and below.
    middle = QHBoxLayout()
    middle.addStretch(1)
    middle.addWidget(text, 100)
    middle.addStretch(1)
    tab.import_button = QPushButton("Import students…")
    tab.import_button.setObjectName("emptyImport")
    tab.import_button.setToolTip("Import students from a spreadsheet (CSV or XLSX), in the Roster tab")
    tab.demo_button = QPushButton("Add demo data")
    tab.demo_button.setObjectName("emptyDemo")
    tab.demo_button.setToolTip("Fill this database with invented students, classes and honorees to try "
                                "the program")
    tab.import_button.clicked.connect(lambda: _open(tab, "import"))
    tab.demo_button.clicked.connect(lambda: _open(tab, "demo"))
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    buttons.addWidget(tab.import_button)
    buttons.addWidget(tab.demo_button)
    buttons.addStretch(1)
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addWidget(tab.empty_title, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addLayout(middle)
    layout.addLayout(buttons)
    layout.addStretch(2)
    return page
