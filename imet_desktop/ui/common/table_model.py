"""Read-only table models over lists of frozen dataclasses.

Each list of the program has its own subclass naming its columns as constants; the row object
behind any index is available through ``ROW_ROLE`` so views never parse display text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from imet_desktop.domain.dates import MONTH_ABBREVIATIONS, format_date_time
from imet_desktop.ui.common.formatting import display_date, display_date_time

DATE_SAMPLES = tuple(f"28 {month} 2027" for month in MONTH_ABBREVIATIONS)
"""A date in each month: the widest sets a date column's width."""
DATE_TIME_SAMPLES = tuple(f"{day} 22:58" for day in DATE_SAMPLES)

ROW_ROLE = Qt.ItemDataRole.UserRole
"""data(index, ROW_ROLE) is the frozen dataclass shown on that row."""

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""data(index, SORT_ROLE) is the raw value a column sorts by."""

# The roles as plain ints, compared without the enum's attribute lookups: data() is called for every role of every
# cell painted (a table of 30 rows on screen asks ~1,000 times per paint).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROW = int(ROW_ROLE)
_SORT = int(SORT_ROLE)
ANSWERED_ROLES = frozenset((_DISPLAY, _ALIGNMENT, _TOOLTIP, _ROW, _SORT))
"""The roles RowListModel.data() answers (a subclass may answer others first)."""

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

type AnyIndex = QModelIndex | QPersistentModelIndex


class Column:
    """One column: its title, how to get the value from a row, how to show it.

    (A plain class rather than a dataclass: importing dataclasses costs startup time.)
    """

    __slots__ = ("display", "fit", "numeric", "person", "samples", "stretch", "title", "tooltip", "value", "width")

    def __init__(self, title: str, value: Callable[[Any], object], display: Callable[[Any], str] | None = None, *,
                 width: int = 16, numeric: bool = False, tooltip: Callable[[Any], str] | None = None,
                 stretch: bool = False, fit: bool | None = None, samples: Sequence[str] = (),
                 person: bool = False) -> None:
        self.title = title
        self.value = value
        self.display = display  # from the value; default str(), '' for None
        self.width = width  # initial width, in average characters of the table's font
        self.numeric = numeric  # right-aligned
        self.tooltip = tooltip  # from the row
        self.stretch = stretch  # takes the table's spare width (else the last column does, unless numeric)
        moment = display in (display_date_time, format_date_time)
        if not samples and (display is display_date or moment):
            samples = DATE_TIME_SAMPLES if moment else DATE_SAMPLES
        self.samples = tuple(samples)  # the widest texts the column shows: it is never narrower
        # never cut: dates, numbers, ids, countries (the table widens it to its longest text)
        self.fit = bool(samples) or numeric if fit is None else fit
        self.person = person  # a person's name: shortened in the middle (family and given names both show)

    def __repr__(self) -> str:
        return f"Column({self.title!r})"

    def text(self, row: object) -> str:
        """What the cell shows."""
        value = self.value(row)
        if self.display is not None:
            return self.display(value)
        return "" if value is None else str(value)

    def tip(self, row: object) -> str | None:
        """The cell's tooltip: the column's own, else the whole text (for cells too narrow to show it)."""
        text = self.tooltip(row) if self.tooltip is not None else self.text(row)
        return text or None

    def alignment(self) -> int:
        """The cell's text alignment."""
        return _RIGHT if self.numeric else _LEFT


def column_header(columns: Sequence[Column], section: int, orientation: Qt.Orientation, role: int) -> Any:
    """A table's column heading: its title, aligned as its cells (the headerData of every table of columns)."""
    if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(columns):
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return columns[section].title
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return columns[section].alignment()
    return None


def _sort_key(value: object) -> tuple[bool, object]:
    # (is empty, comparable value): text sorts without regard to case.
    if value is None or value == "":
        return (True, "")
    if isinstance(value, str):
        return (False, value.casefold())
    return (False, value)


class RowListModel(QAbstractTableModel):
    """A read-only table over a list of rows held in memory (small lists only).

    Its flags are QAbstractTableModel's own (enabled, selectable, never has children; none for an invalid index),
    answered in C++: a flags() written here would be a call into Python for every cell of a selected row painted.
    """

    COLUMNS: ClassVar[Sequence[Column]] = ()

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[Any] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    # --- contents ---------------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row (kept in the order the clerk last sorted by, if any)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted_by is not None:
            self._rows = [self._rows[i] for i in self._sorted_order(*self._sorted_by)]
        self.endResetModel()

    def rows(self) -> list[Any]:
        """The rows in the order shown."""
        return list(self._rows)

    def insert_row(self, position: int, row: Any) -> None:
        """One row more, at position (views keep their scroll and selection; nothing else is read)."""
        position = max(0, min(position, len(self._rows)))
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self.endInsertRows()

    def remove_row(self, position: int) -> None:
        """The row at position goes."""
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self.endRemoveRows()

    def move_row(self, source: int, target: int) -> None:
        """The row at source moves to position target (counted before the move, as Qt does: target of
        source + 2 puts it after the next row)."""
        if target in (source, source + 1) or not self.beginMoveRows(QModelIndex(), source, source, QModelIndex(),
                                                                     target):
            return
        row = self._rows.pop(source)
        self._rows.insert(target - 1 if target > source else target, row)
        self.endMoveRows()

    def replace_row(self, position: int, row: Any) -> None:
        """The row at position, read again."""
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(self.COLUMNS) - 1))

    def row_at(self, row: int) -> Any:
        """The dataclass on a row."""
        return self._rows[row]

    # --- Qt model interface -------------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        n = index.row()
        if not 0 <= n < len(self._rows):
            return None
        row = self._rows[n]
        column = self.COLUMNS[index.column()]
        if role == _DISPLAY:
            return column.text(row)
        if role == _ROW:
            return row
        if role == _SORT:
            return column.value(row)
        if role == _ALIGNMENT:
            return column.alignment()
        return column.tip(row)  # _TOOLTIP

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header(self.COLUMNS, section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in memory by the column's raw value, keeping selections on their rows."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        order_of = self._sorted_order(column, order)
        new_position = {old: new for new, old in enumerate(order_of)}
        self._rows = [self._rows[i] for i in order_of]
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(new_position[i.row()], i.column()) for i in old])
        self.layoutChanged.emit()

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        value = self.COLUMNS[column].value
        keys = [_sort_key(value(r)) for r in self._rows]
        filled = sorted((i for i, k in enumerate(keys) if not k[0]), key=keys.__getitem__,
                        reverse=order == Qt.SortOrder.DescendingOrder)
        return filled + [i for i, k in enumerate(keys) if k[0]]  # empty values last either way
