"""What Qt's delegate draws a cell with, for the painting tests: a cell's option, and each cell's option beside the
option of the same cell in a plain model holding the same values of the roles that matter."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem


def option(delegate: QStyledItemDelegate, index: QModelIndex) -> QStyleOptionViewItem:
    """The option the delegate fills for the cell (what the style draws it with)."""
    filled = QStyleOptionViewItem()
    delegate.initStyleOption(filled, index)
    return filled


Options = tuple[int, int, QStyleOptionViewItem, QStyleOptionViewItem]


def beside_plain(model: QAbstractItemModel, rows: int, columns: int, roles: Sequence[Qt.ItemDataRole],
                 delegate: QStyledItemDelegate) -> Iterator[Options]:
    """Row by row, cell after cell through the same delegate (which keeps the roles' answers from the cell before, as
    in a view): the model's cell's option and that of a plain model's cell holding the model's values of these roles
    (each a row, a column, ours, theirs)."""
    plain = QStandardItemModel(rows, columns)
    reference = QStyledItemDelegate()
    for row in range(rows):
        for column in range(columns):
            index = model.index(row, column)
            item = QStandardItem()
            for role in roles:
                item.setData(model.data(index, role), role)
            plain.setItem(row, column, item)
            yield row, column, option(delegate, index), option(reference, plain.index(row, column))
