"""RowListModel, under every list of the program: what it tells the views of each cell."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication

from imet_desktop.ui.common.table_model import Column, RowListModel


class _Pairs(RowListModel):
    COLUMNS = (Column("Name", lambda r: r[0]), Column("Count", lambda r: r[1], numeric=True))


def test_every_cell_is_enabled_selectable_and_childless_and_nothing_else_is(qapp: QApplication) -> None:
    model = _Pairs()
    model.set_rows([("a", 1), ("b", 2)])
    cell = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
    for row in range(2):
        for column in range(2):
            assert model.flags(model.index(row, column)) == cell
            assert model.flags(QPersistentModelIndex(model.index(row, column))) == cell
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags
    # A row selected is selected in every cell (the selection asks the flags of each cell).
    selection = QItemSelectionModel(model)
    flag = QItemSelectionModel.SelectionFlag
    selection.select(model.index(1, 0), flag.Select | flag.Rows)
    assert [selection.isSelected(model.index(r, c)) for r in range(2) for c in range(2)] == [False, False, True, True]


def test_the_flags_are_answered_without_a_call_into_python(qapp: QApplication) -> None:
    # Issue 16: asked for every cell of a selected row at every paint (100-200 calls of ~4 µs each a paint of the
    # inductees of a ceremony of 1,000); QAbstractTableModel answers the same flags in C++.
    assert "flags" not in RowListModel.__dict__
