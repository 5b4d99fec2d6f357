"""Table models of the Ceremonies tab: ceremonies, inductees, order of events, guests, seating, tasks, flags."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from imet_desktop.domain.records import Rsvp
from imet_desktop.ui.common.formatting import display_date
from imet_desktop.ui.common.table_model import ROW_ROLE, SORT_ROLE, AnyIndex, Column, RowListModel, column_header

WARNING = QColor("#B3261E")
GOOD = QColor("#1B5E20")
MUTED = QColor("#6B6B6B")
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)  # an inductee's cells are filled role by role (setItemData)
_WARNING_BRUSH = QBrush(WARNING)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROW = int(ROW_ROLE)
_SORT = int(SORT_ROLE)
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _attendance(row: object) -> str:
    if getattr(row, "attending", False):
        return "Attending"
    name = getattr(row, "representative_name", "") or ""
    title = getattr(row, "representative_title", "") or ""
    if not name:
        return "Not attending (no representative yet)"
    return f"Represented by {name}, {title}" if title else f"Represented by {name}"


class CeremoniesModel(RowListModel):
    """Rows are ``store.ceremonies.CeremonyRow``."""

    DATE, TIME, TITLE, VENUE, STATUS, INDUCTEES, GUESTS = range(7)
    COLUMNS = (
        Column("Date", lambda r: r.ceremony_date, display_date, width=11),
        Column("Time", lambda r: r.ceremony_time, samples=["22:58"]),
        Column("Title", lambda r: r.title, width=40, stretch=True),
        Column("Venue", lambda r: r.venue, width=42),
        Column("Status", lambda r: r.status, width=9, fit=True),
        Column("Inductees", lambda r: r.inductee_count, width=9, numeric=True),
        Column("Guests", lambda r: r.guest_count, width=7, numeric=True),
    )

    def replace_row(self, position: int, row: Any) -> None:
        """The ceremony at position, read again: told as the cells whose value changed (every field of a row but its
        id is a column; another ceremony in its place changes the whole row). An inductee added changes one count:
        one cell repainted and measured for its column's width, not the whole row (~2 ms of ~25 for each inductee
        added or removed)."""
        old = self._rows[position]
        self._rows[position] = row
        changed = [c for c, column in enumerate(self.COLUMNS)
                   if old.id != row.id or column.value(old) != column.value(row)]
        if changed:
            self.dataChanged.emit(self.index(position, changed[0]), self.index(position, changed[-1]))


class InducteesModel(QStandardItemModel):
    """Rows are ``store.ceremonies.InducteeRow``, held in Qt's own items: the view paints them without a call into
    Python (asked of a Python model, the 5 cells of each of the ~20 rows on screen were ~5 ms of each repaint, about
    a third of an inductee added, moved or removed). Each cell answers what RowListModel's would: its text,
    alignment, tooltip (the whole text), row (ROW_ROLE), sort value and, for an absent inductee without a
    representative, the warning colour; the same flags (enabled, selectable, no children). The rows are also kept
    as a list, in the order shown."""

    NAME, NATIVE_NAME, COUNTRY, POSITION, ATTENDANCE = range(5)
    COLUMNS = (
        Column("Name", lambda r: r.legal_name, width=28, person=True),
        Column("Native name", lambda r: r.native_name, width=22, person=True),
        Column("Country", lambda r: r.country_name or r.country_code, width=16, fit=True),
        Column("Position", lambda r: r.position_title, width=40),
        Column("Attending / representative", _attendance, width=40),
    )

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(0, len(self.COLUMNS), parent)  # type: ignore[arg-type]
        self._rows: list[Any] = []
        # The cells made by Qt (set_rows) are copies of this one: its flags, those of RowListModel's cells. (Never
        # ask item() for one: Python would keep a wrapper of a cell Qt deletes; the model's index() and data() only.)
        blank = QStandardItem()
        blank.setFlags(_CELL_FLAGS)
        self.setItemPrototype(blank)
        # The headings held by Qt too (RowListModel's: the title, aligned as the cells): measuring an inductee's row
        # for its column's width asked them of Python ~25 times.
        for section in range(len(self.COLUMNS)):
            for role in (_DISPLAY, _ALIGNMENT):
                self.setHeaderData(section, Qt.Orientation.Horizontal,
                                   column_header(self.COLUMNS, section, Qt.Orientation.Horizontal, role), role)

    def _cells(self, row: Any, *, blank: bool = False) -> list[dict[int, Any]]:
        """What each cell of the row answers, role by role. None: nothing (a role the cell had before is removed),
        left out for cells still blank."""
        cells = []
        for column in self.COLUMNS:
            text = column.text(row)
            tip = (text or None) if column.tooltip is None else column.tip(row)  # as Column.tip, text not made twice
            cell = {_DISPLAY: text, _ALIGNMENT: column.alignment(), _ROW: row, _SORT: column.value(row),
                    _TOOLTIP: tip, _FOREGROUND: None}
            if blank:
                cell = {role: value for role, value in cell.items() if value is not None}
            cells.append(cell)
        if not row.attending and not row.representative_name:
            cells[self.ATTENDANCE][_FOREGROUND] = _WARNING_BRUSH
        return cells

    def _fill(self, first: int, rows: Sequence[Any], *, blank: bool = False) -> None:
        # The cells of these rows filled without a signal each (Qt makes a missing cell from the prototype): the
        # caller tells the view once. Every cell is made by Qt, never by Python (no Python wrapper outlives a cell).
        blocked = self.blockSignals(True)
        try:
            index, fill = self.index, self.setItemData
            for n, row in enumerate(rows, first):
                self._rows[n] = row
                for c, cell in enumerate(self._cells(row, blank=blank)):
                    fill(index(n, c), cell)
        finally:
            self.blockSignals(blocked)

    # --- contents (RowListModel's) -------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row (each cell filled in one call: a ceremony of 1,000 opens ~15 ms slower, of ~290)."""
        self.beginResetModel()
        blocked = self.blockSignals(True)  # one reset told, not the rows removed and added
        try:
            self.setRowCount(0)
            self._rows = list(rows)
            self.setRowCount(len(self._rows))
        finally:
            self.blockSignals(blocked)
        self._fill(0, self._rows, blank=True)
        self.endResetModel()

    def rows(self) -> list[Any]:
        """The rows in the order shown."""
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        """The dataclass on a row."""
        return self._rows[row]

    def insert_row(self, position: int, row: Any) -> None:
        """One row more, at position (views keep their scroll and selection; nothing else is read). Told as a row
        inserted, then its cells changed: filled."""
        position = max(0, min(position, len(self._rows)))
        self._rows.insert(position, row)
        self.insertRow(position)
        self.replace_row(position, row)

    def remove_row(self, position: int) -> None:
        """The row at position goes."""
        del self._rows[position]
        self.removeRow(position)

    def replace_row(self, position: int, row: Any) -> None:
        """The row at position, read again."""
        self._fill(position, [row])
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(self.COLUMNS) - 1))

    def swap_with_next(self, position: int) -> None:
        """The inductee at position and the next change places (one step up or down the program). Told as those two
        rows changed, not as a move: the view repaints two rows, not every row on screen."""
        first, second = self._rows[position], self._rows[position + 1]
        self._fill(position, [second, first])
        self.dataChanged.emit(self.index(position, 0), self.index(position + 1, len(self.COLUMNS) - 1))


EVENT_IDS_MIME = "application/x-imet-ceremony-event-ids"


class OrderOfEventsModel(RowListModel):
    """The order of events, editable in place (time, event, who, notes) and reordered by dragging rows.

    Rows are ``domain.records.OrderOfEventsItem``. Edits and moves are handed to callbacks that
    save them through the store and reload; the model itself never writes.
    """

    TIME, TITLE, WHO, NOTES = range(4)
    COLUMNS = (
        Column("Time", lambda r: r.start_time, samples=["22:58"]),
        Column("Event", lambda r: r.title, width=34),
        Column("Who", lambda r: r.who, width=30),
        Column("Notes", lambda r: r.notes, width=30),
    )
    _FIELDS = ("start_time", "title", "who", "notes")

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self.editable = True
        self.on_edit: Callable[[Any, str, str], bool] | None = None
        """(item, field, new text) -> saved."""
        self.on_move: Callable[[list[int], int], None] | None = None
        """(dragged event ids, target row) -> None."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Never sorted: the rows are the ceremony's order, changed only by moving them."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(row) or (None if role == Qt.ItemDataRole.ToolTipRole else "")
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.FontRole and row.inductee_id is None and index.column() == self.TITLE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.inductee_id is not None and index.column() == self.TITLE:
            return QBrush(MUTED)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section].title
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        row = self._rows[index.row()]
        return self.on_edit(row, self._FIELDS[index.column()], str(value).strip())

    # --- drag and drop: rows move within the list -------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [EVENT_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(EVENT_IDS_MIME, json.dumps([self._rows[r].id for r in rows]).encode())
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: AnyIndex) -> bool:
        return self.editable and data.hasFormat(EVENT_IDS_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: AnyIndex) -> bool:
        """Move the dragged lines before `row` (or onto the line dropped on); the store saves the order.

        Returns False so the view does not remove the source rows itself: the reload shows the move.
        """
        if not self.canDropMimeData(data, action, row, column, parent) or self.on_move is None:
            return False
        try:
            ids = [int(i) for i in json.loads(bytes(data.data(EVENT_IDS_MIME).data()).decode())]
        except ValueError:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        self.on_move(ids, row)
        return False


def _days(row: Any) -> str:
    return str(row.when)


class TasksModel(RowListModel):
    """Rows are ``store.ceremonies.TaskRow``: done ones ticked, overdue ones in red."""

    DONE, TITLE, DUE, WHEN, STATE = range(5)
    COLUMNS = (
        Column("Done", lambda r: r.done_date, display_date, width=14),
        Column("Task", lambda r: r.title, width=30),
        Column("Due", lambda r: r.due_date, display_date, width=11),
        Column("When", _days, width=16),
        Column("State", lambda r: "done" if r.done_date else ("OVERDUE" if r.overdue else "to do"), width=10),
    )

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self.on_check: Callable[[Any, bool], None] | None = None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.DONE:
            return Qt.CheckState.Checked if row.done_date else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue:
                return QBrush(WARNING)
            if row.done_date:
                return QBrush(MUTED)
        if role == Qt.ItemDataRole.FontRole and row.overdue:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.DONE and self.on_check is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or self.on_check is None:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if isinstance(value, int) else \
            value == Qt.CheckState.Checked
        self.on_check(self.row_at(index.row()), checked)
        return True


class GuestsModel(RowListModel):
    """Rows are ``store.ceremonies.GuestRow``."""

    PRECEDENCE, NAME, TITLE, ORGANISATION, COUNTRY, CATEGORY, GUEST_OF, RSVP, ANSWERED, DIETARY, TABLE = range(11)
    COLUMNS = (
        Column("Prec.", lambda r: r.precedence, width=4, numeric=True),
        Column("Name", lambda r: r.name, width=26, person=True),
        Column("Title", lambda r: r.title, width=24),
        Column("Organisation / embassy", lambda r: r.organisation, width=24),
        Column("Country", lambda r: r.country_name or r.country_code, width=12, fit=True),
        Column("Category", lambda r: r.category, width=14),
        Column("Guest of", lambda r: r.guest_of, width=18),
        Column("RSVP", lambda r: r.rsvp, width=9, fit=True),
        Column("Answered", lambda r: r.rsvp_date, display_date, width=11),
        Column("Dietary", lambda r: r.dietary, width=9),
        Column("Table", lambda r: r.table_name, width=10),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == self.RSVP:
            rsvp = self.row_at(index.row()).rsvp
            return QBrush(GOOD if rsvp == Rsvp.ACCEPTED else MUTED if rsvp == Rsvp.DECLINED else WARNING) \
                if rsvp != Rsvp.INVITED else None
        return super().data(index, role)


class UnseatedModel(RowListModel):
    """Rows are ``store.ceremonies.SeatedPerson`` without a seat."""

    PRECEDENCE, NAME, CATEGORY, PARTY = range(4)
    COLUMNS = (
        Column("Prec.", lambda r: r.precedence, width=4, numeric=True),
        Column("Name", lambda r: r.name, width=24, person=True),
        Column("Category", lambda r: r.category, width=14),
        Column("Party of", lambda r: "" if r.kind == "inductee" else r.party_name, width=18),
    )


class FlagsModel(RowListModel):
    """Rows are ``store.ceremonies.FlagRow``."""

    COUNTRY, CODE, ANTHEM, WHY = range(4)
    COLUMNS = (
        Column("Flag", lambda r: r.country_name, width=22, fit=True),
        Column("Code", lambda r: r.country_code, width=5, fit=True),
        Column("Anthem", lambda r: r.anthem, width=36),
        Column("Needed for", lambda r: r.why, width=50),
    )
