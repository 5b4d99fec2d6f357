"""Table views as the program uses them: whole-row selection, fixed row height, copy as TSV."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QTableWidgetItem, QWidget

from imet_desktop.ui.common.formatting import one_line
from imet_desktop.ui.common.table_model import Column

CELL_PADDING = 12  # pixels around a cell's text (margins, sort indicator room)


def make_table(model: QAbstractItemModel, columns: Sequence[Column], parent: QWidget | None = None, *,
               sortable: bool = True, name: str = "") -> QTableView:
    """A read-only table view over model with the columns' initial widths.

    Rows keep one fixed height, so even a view over 600,000 rows never measures them.
    """
    view = QTableView(parent)
    if name:
        view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    char = view.fontMetrics().averageCharWidth()
    for i, column in enumerate(columns):
        header.resizeSection(i, column.width * char + CELL_PADDING)
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
    return view


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
