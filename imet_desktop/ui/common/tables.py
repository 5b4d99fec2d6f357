"""Table views as the program uses them: whole-row selection, fixed row height, columns that fit, copy as TSV."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QByteArray, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from imet_desktop.ui.common.formatting import one_line
from imet_desktop.ui.common.table_model import Column, RowListModel

CELL_PADDING = 12  # pixels around a cell's text (margins)
SORT_ARROW = 12  # pixels a header keeps for the sort indicator
FIT_SLACK = 4  # pixels beyond a text's own width, so a style's rounding never cuts its last letter
FEW_ROWS = 20
"""Rows added or changed at once that are measured one by one (more: the whole column again)."""
MEASURED_TEXTS = 20_000
"""Texts whose widths a large list's column fitter keeps (then it forgets them all and starts again)."""


def make_table(model: QAbstractItemModel, columns: Sequence[Column], parent: QWidget | None = None, *,
               sortable: bool = True, name: str = "", remember: bool = True,
               view_type: type[QTableView] = QTableView) -> QTableView:
    """A read-only table view over model, its columns sized to what they show.

    Dates, numbers, ids and countries are never cut short: their columns start as wide as their
    widest sample (the widest month's date) and widen to the longest text each time rows come in.
    In a table of people (a column of names), a text too long for its cell is shortened in the middle,
    so a name's family and given names both show (and a title's first and last words); other tables
    shorten a text at its end. Either way its whole text is the cell's tooltip. Qt's own drawing
    shortens it, for the whole table: a delegate of our own for the names' columns, asked from Python
    for every name painted, was ~1.5 ms of the ~10 ms a repaint of a ceremony's inductees takes.
    With a ``name``, the clerk's column widths, order and sorting are remembered for that table
    (``remember=False`` when the table keeps its own). Rows keep one fixed height, so even
    a view over 600,000 rows never measures them. ``view_type``: a QTableView of the caller's own.
    """
    view = view_type(parent)
    if name:
        view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    people = any(c.person for c in columns)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle if people else Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    # Measuring a column's contents reads every row of a list in memory, only the rows on screen of a
    # large one (the roster's rows are fetched page by page).
    header.setResizeContentsPrecision(-1 if isinstance(model, (RowListModel, QStandardItemModel)) else 0)
    for i, column in enumerate(columns):
        header.resizeSection(i, column_width(view, column))
        if column.stretch:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
    # Spare width goes to the column marked for it, else to the last one unless it holds numbers
    # (they would drift far to the right).
    header.setStretchLastSection(bool(columns) and not columns[-1].numeric
                                 and not any(c.stretch for c in columns))
    if sortable:
        # No indicator until the clerk clicks a header: rows come in the store's order.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    if any(c.fit for c in columns):
        _ColumnFitter(view, columns)
    if name and remember:
        _RememberedLayout(view, name, columns)
    return view


def column_width(view: QTableView, column: Column) -> int:
    """A column's starting width in pixels: its widest sample (and its title) for a column that is never cut."""
    metrics = view.fontMetrics()
    if column.samples:
        text = max(metrics.horizontalAdvance(sample) for sample in column.samples)
    else:
        text = column.width * metrics.averageCharWidth()
    if column.fit:
        text = max(text, view.horizontalHeader().fontMetrics().horizontalAdvance(column.title) + SORT_ARROW)
    return text + CELL_PADDING


def widen_to_fit(view: QTableView, column: int, texts: Sequence[str]) -> None:
    """Make a column wide enough for each of these texts (it is never narrowed)."""
    metrics = view.fontMetrics()
    needed = max((metrics.horizontalAdvance(t) for t in texts), default=0) + CELL_PADDING + FIT_SLACK
    header = view.horizontalHeader()
    if header.sectionSize(column) < needed:
        header.resizeSection(column, needed)


class _ColumnFitter(QObject):
    """Widens the never-cut columns to their longest text whenever rows come in (never narrows them)."""

    def __init__(self, view: QTableView, columns: Sequence[Column]) -> None:
        super().__init__(view)
        self._view = view
        self._columns = [i for i, c in enumerate(columns) if c.fit]
        self._font = QFont(view.font())  # the font the kept widths were measured in
        self._metrics = QFontMetricsF(self._font)
        self._advances: dict[str, float] = {}  # each text's width in the view's font, measured once
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged):
            signal.connect(self._timer.start)
        # A row or two added or changed is measured alone (Qt would measure up to 1,000 rows again: 130 ms for
        # an inductee added to a ceremony of 1,000).
        model.rowsInserted.connect(lambda _parent, first, last: self._rows_in(first, last))
        # A change is measured in its own columns (a ceremony's count changed: one cell, not its 5 never-cut ones).
        model.dataChanged.connect(lambda top, bottom, *_roles: self._rows_in(top.row(), bottom.row(),
                                                                             top.column(), bottom.column()))
        if view.horizontalHeader().resizeContentsPrecision() == 0:
            # A large list is measured on screen only: again as the clerk scrolls to other rows.
            # (Not valueChanged to start itself: QTimer.start(msec) would take the scroll position for its delay and
            # keep it: after a scroll to row 3,000 every keystroke's rows were measured 3 s later.)
            view.verticalScrollBar().valueChanged.connect(lambda _value: self._timer.start())
            view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show:
            self._timer.start()  # rows that came while the list was hidden are measured now
        return False

    def _rows_in(self, first: int, last: int, left: int = 0, right: int = -1) -> None:
        view = self._view
        model, header = view.model(), view.horizontalHeader()
        if header.resizeContentsPrecision() == 0 or last - first >= FEW_ROWS or not view.isVisible():
            self._timer.start()
            return
        grid = 1 if view.showGrid() else 0
        for i in self._columns:
            if header.isSectionHidden(i) or header.sectionResizeMode(i) == QHeaderView.ResizeMode.Stretch \
                    or i < left or 0 <= right < i:
                continue
            cells = [model.index(row, i) for row in range(first, last + 1)]
            if all(cell.data() is None for cell in cells):
                continue  # a row inserted empty, to be filled (and told as changed) next: nothing to measure yet
            widest = max(view.sizeHintForIndex(cell).width() for cell in cells)
            needed = max(widest + grid + FIT_SLACK, header.sectionSizeHint(i))
            if header.sectionSize(i) < needed:
                header.resizeSection(i, needed)

    def fit(self) -> None:
        view, header = self._view, self._view.horizontalHeader()
        on_screen = header.resizeContentsPrecision() == 0
        if on_screen and not view.isVisible():
            return  # Qt measures every row of a hidden view: 600,000 roster rows fetched, minutes
        columns = [i for i in self._columns
                   if not header.isSectionHidden(i) and header.sectionResizeMode(i) != QHeaderView.ResizeMode.Stretch]
        widest = self._widest_on_screen(columns) if on_screen and columns else None
        for i in columns:
            # What Qt's sizeHintForColumn gives (the widest cell's size hint, a pixel more with the grid).
            hint = view.sizeHintForColumn(i) if widest is None else widest[i]
            needed = max(hint + FIT_SLACK, header.sectionSizeHint(i))
            if header.sectionSize(i) < needed:
                header.resizeSection(i, needed)

    def _widest_on_screen(self, columns: list[int]) -> dict[int, int] | None:
        """Each column's sizeHintForColumn for the rows on screen, with one size hint asked of Qt per column rather
        than one per cell (each a call into the model, and the delegate, in Python: ~11 ms of the roster's
        keystroke). None if the model cannot give its texts in one go, or Qt's own measuring could differ.

        A cell's size hint is its text's width (rounded up) and what the style adds around it, the same for
        every cell of a column of plain texts (no icon, font or check box of its own): so the cell whose text
        is widest, measured by Qt, is the widest cell. A text Qt would lay out differently (line breaks, tabs,
        trailing spaces, other invisible characters) and a row still on its way are measured by Qt too.
        """
        view = self._view
        model, vertical = view.model(), view.verticalHeader()
        row_texts = getattr(model, "row_texts", None)
        if row_texts is None or vertical.sectionsHidden() or vertical.sectionsMoved() \
                or any(type(view.itemDelegateForColumn(i) or view.itemDelegate()) is not QStyledItemDelegate
                       for i in columns):
            return None
        # The rows Qt measures: those on screen, every row if they do not fill it.
        top = max(0, vertical.visualIndexAt(0))
        bottom = vertical.visualIndexAt(view.viewport().height())
        if bottom < 0:
            bottom = model.rowCount() - 1
        rows: Sequence[Sequence[str] | None] = row_texts(top, bottom) if top <= bottom else ()
        font = view.font()
        if font != self._font:
            self._font, self._metrics = font, QFontMetricsF(font)
            self._advances.clear()
        elif len(self._advances) > MEASURED_TEXTS:
            self._advances.clear()
        advances, advance = self._advances, self._metrics.horizontalAdvance
        grid = 1 if view.showGrid() else 0
        widest: dict[int, int] = {}
        for i in columns:
            most, widest_row, to_ask = -1.0, -1, []
            blank = False
            for number, cells in enumerate(rows, top):
                if cells is None:
                    if not blank:
                        blank = True
                        to_ask.append(number)
                    continue
                text = cells[i]
                width = advances.get(text)
                if width is None:
                    if not text.isprintable() or text[-1:].isspace():
                        to_ask.append(number)
                        continue
                    width = advances[text] = advance(text)
                if width > most:
                    most, widest_row = width, number
            if widest_row >= 0:
                to_ask.append(widest_row)
            widest[i] = max((view.sizeHintForIndex(model.index(n, i)).width() for n in to_ask), default=0) + grid
        return widest


def fit_columns(view: QTableView) -> None:
    """Widen the never-cut columns of a table made by make_table to the rows it holds now (a table made over
    rows already there: its columns are otherwise fitted when rows next come in)."""
    for fitter in view.findChildren(_ColumnFitter):
        fitter.fit()


class _RememberedLayout(QObject):
    """Keeps a table's column widths, order and sorting in the settings, per table and set of columns."""

    def __init__(self, view: QTableView, name: str, columns: Sequence[Column]) -> None:
        super().__init__(view)
        titles = "|".join(c.title for c in columns)
        # The columns' titles are part of the key: a table whose columns changed starts afresh.
        self.key = f"tables/{name}/{zlib.crc32(titles.encode()):08x}"
        self._header = view.horizontalHeader()
        state = QSettings().value(self.key)
        if isinstance(state, QByteArray):
            self._header.restoreState(state)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.save)
        for signal in (self._header.sectionResized, self._header.sectionMoved, self._header.sortIndicatorChanged):
            signal.connect(self._timer.start)

    def save(self) -> None:
        if shiboken6.isValid(self._header):
            QSettings().setValue(self.key, self._header.saveState())


def selected_rows_as_text(view: QTableView) -> str:
    """The selected rows as tab-separated lines (the columns in the order shown), for the clipboard."""
    model = view.model()
    selection = view.selectionModel()
    if model is None or selection is None:
        return ""
    rows = sorted({i.row() for i in selection.selectedIndexes()})
    header = view.horizontalHeader()
    columns = [header.logicalIndex(v) for v in range(header.count())]
    columns = [c for c in columns if not header.isSectionHidden(c)]
    lines = []
    for row in rows:
        cells = [one_line(model.data(model.index(row, c), Qt.ItemDataRole.DisplayRole)) for c in columns]
        lines.append("\t".join(cells))
    return "\n".join(lines)


def table_widget(headers: Sequence[str], name: str = "") -> QTableWidget:
    """A read-only table of whole rows, its last column taking the spare width."""
    table = QTableWidget(0, len(headers))
    if name:
        table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    """Replace a table widget's rows (None shows as nothing), then fit the columns but the last to their text."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setToolTip(item.text())
            table.setItem(r, c, item)
    for c in range(table.columnCount() - 1):
        table.resizeColumnToContents(c)
        table.setColumnWidth(c, min(table.columnWidth(c), 320))
