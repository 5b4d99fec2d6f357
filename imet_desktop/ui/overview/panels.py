"""The Overview's building blocks: a chart panel that turns into a table, a figure that is a link.

Every chart sits in a ``ChartPanel``: its title, the chart, and a "Table" button that shows the
same figures as a table instead (screen readers read the table; the chart's own accessible
description lists its figures too). A row of the table opens the same list as its bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.ui.common.table_model import Column, RowListModel
from imet_desktop.ui.common.tables import fit_columns, make_table

type Cell = str | int | None
type Row = tuple[Cell, ...]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) else value


def _columns(headers: Sequence[str]) -> tuple[Column, ...]:
    return tuple(Column(title, lambda row, i=i: row[i], _text, numeric=i > 0, width=10 if i else 22)
                 for i, title in enumerate(headers))


class FigureTable(RowListModel):
    """A chart's figures as rows: a name, then one number (or text) per column."""

    def __init__(self, headers: Sequence[str], parent: object | None = None) -> None:
        super().__init__(parent)
        self.COLUMNS = _columns(headers)

    def set_headers(self, headers: Sequence[str]) -> None:
        """Other column titles (a year's columns change with the year shown)."""
        self.beginResetModel()
        self.COLUMNS = _columns(headers)
        self.endResetModel()

    def cell(self, row: int, column: int) -> str:
        """What a cell shows."""
        return str(self.data(self.index(row, column)))


class Panel(QFrame):
    """A titled box on the Overview."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("overviewPanel")
        self.title_label = QLabel(title)
        font = QFont(self.title_label.font())
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.head = QHBoxLayout()
        self.head.addWidget(self.title_label, 1)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(8, 6, 8, 8)
        self.body.addLayout(self.head)

    def set_title(self, title: str) -> None:
        """Change the heading (it carries totals)."""
        self.title_label.setText(title)


class _PageStack(QStackedWidget):
    """Sized by the page shown (a chart of three bars is not as tall as the table it could be)."""

    def sizeHint(self) -> QSize:  # noqa: N802
        current = self.currentWidget()
        return current.sizeHint().expandedTo(current.minimumSize()) if current is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # A minimum height set on the chart (the Honor Roll's) holds: else the stack is laid out shorter than
        # the chart and its axis labels are cut off at the bottom.
        current = self.currentWidget()
        if current is None:
            return super().minimumSizeHint()
        return current.minimumSizeHint().expandedTo(current.minimumSize())


class ChartPanel(Panel):
    """A chart with a "Table" toggle; ``opened(row)`` when a bar or a table row is opened."""

    opened = Signal(int, int)
    """(row, series) of the bar clicked, or (row, 0) of the table row double-clicked or entered."""

    def __init__(self, title: str, chart: Any, headers: Sequence[str], name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self.chart = chart
        self.model = FigureTable(headers, self)
        self._title = title
        self._table: QTableView | None = None
        self._table_tip = ""
        self._what = title.lower()
        self.toggle = QToolButton()
        self.toggle.setText("Table")
        self.toggle.setCheckable(True)
        self.toggle.setObjectName(f"{name}Toggle")
        self.toggle.setToolTip("Show these figures as a table (and back to the chart)")
        self.toggle.setAccessibleName(f"Show {title.lower()} as a table")
        self.toggle.toggled.connect(self.show_table)
        self.head.addWidget(self.toggle)
        self.stack = _PageStack()
        self.stack.addWidget(chart)
        self.body.addWidget(self.stack, 1)
        if hasattr(chart, "bar_clicked"):  # the map has its own (a country's code), connected by the tab
            chart.bar_clicked.connect(self.opened)

    @property
    def table(self) -> QTableView:
        """The figures as a table, made the first time it is wanted (the Table button): the Overview's eleven
        tables, each with its columns fitted and its widths remembered in the settings, were a large part of
        the tab's building, before its first figures could be painted."""
        if self._table is None:
            name = self.objectName()
            table = make_table(self.model, self.model.COLUMNS, sortable=False, name=f"{name}Table")
            table.setAccessibleName(f"{self._title} (table)")
            table.doubleClicked.connect(lambda index: self.opened.emit(index.row(), 0))
            table.activated.connect(lambda index: self.opened.emit(index.row(), 0))
            # The names take the spare width, not the last column of figures (a year's column set later by the tab).
            table.horizontalHeader().setStretchLastSection(False)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.setToolTip(self._table_tip)
            fit_columns(table)  # its rows came before it
            self.stack.addWidget(table)
            self._table = table
            from imet_desktop.ui.common.accessibility import complete

            complete(self.stack)  # as the window does for each tab's controls when it is shown
        return self._table

    def set_table_tip(self, text: str) -> None:
        """The table's tooltip (kept for a table not made yet)."""
        self._table_tip = text
        if self._table is not None:
            self._table.setToolTip(text)

    def show_table(self, shown: bool) -> None:
        """Show the table (True) or the chart."""
        if self.toggle.isChecked() != shown:
            self.toggle.setChecked(shown)
            return
        self.stack.setCurrentWidget(self.table if shown else self.chart)
        self.stack.updateGeometry()
        # The button says what it will show next: "Chart" while the table is on screen.
        self.toggle.setText("Chart" if shown else "Table")
        self.toggle.setAccessibleName(f"Show {self._what} as {'a chart' if shown else 'a table'}")

    def set_rows(self, rows: Sequence[Row]) -> None:
        """The figures of the table (the chart is given its data by the caller)."""
        self.model.set_rows(list(rows))
        self.stack.updateGeometry()


class FigureButton(QPushButton):
    """A figure that opens the list behind it: a big number and a few words under it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFlat(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.number = QLabel("–")
        self.number.setObjectName(f"{name}Figure")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.number.setFont(font)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.note = QLabel()
        self.note.setStyleSheet("color: #5A5A5A")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        for label in (self.number, self.words, self.note):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setMinimumHeight(layout.sizeHint().height() + 8)

    def set_figure(self, value: int, words: str, note: str = "") -> None:
        """Show a figure and what it counts."""
        self.number.setText(f"{value:,}")
        self.words.setText(words)
        self.note.setText(note)
        self.setAccessibleName(f"{value:,} {words}" + (f", {note}" if note else ""))
        self.setToolTip(f"List the {words}")
        self.setMinimumHeight(self.layout().sizeHint().height() + 4)


class LinkLine(QPushButton):
    """One line of figures that opens a list: "3 reports overdue" (flat, like a link)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("text-align: left; padding: 2px 4px;")

    def set_figure(self, value: int, words: str, *, urgent: bool = False) -> None:
        """'3 reports overdue', bold and red when urgent and not zero."""
        self.setText(f"{value:,} {words}")
        font = QFont(self.font())
        font.setBold(urgent and value > 0)
        self.setFont(font)
        colour = "#B3261E" if urgent and value > 0 else "#1B1B1B"
        self.setStyleSheet(f"text-align: left; padding: 2px 4px; color: {colour}; text-decoration: underline;")
        self.setAccessibleName(self.text())
        self.setToolTip(f"List the {words}")

