"""The roster's table model, built for 600,000 students.

It holds only the sorted array of student ids (sorting, searching and filtering happen in SQL) and
reads the rows shown in pages of 256 by id, keeping the most recently used pages in a small cache.
Photo thumbnails are read with their page and decoded when first drawn.
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPixmap

from imet_desktop.domain.records import FundingProgram, StudentStatus
from imet_desktop.ui.common.formatting import display_date
from imet_desktop.ui.common.table_model import ROW_ROLE, Column, column_header

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sqlite_utils import Database

    from imet_desktop.store.roster import RosterFilter, RosterRow
    from imet_desktop.ui.common.reader import DatabaseReader

log = logging.getLogger(__name__)

type AnyIndex = QModelIndex | QPersistentModelIndex


class _Query(NamedTuple):
    search: str
    column: int
    order: Qt.SortOrder
    filters: RosterFilter | None
    archived: bool

    @property
    def whole_roster(self) -> bool:
        """Every current student: no search, no active filter, not the archive."""
        return not self.search.strip() and not (self.filters is not None and self.filters.active) \
            and not self.archived


_NOT_PAINTED: tuple[int, tuple[str, ...]] = (-1, ())
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROW = int(ROW_ROLE)
_ANSWERED = frozenset((_DISPLAY, _ALIGNMENT, _DECORATION, _TOOLTIP, _ROW))

PAGE_SIZE = 256
# A search's first screen: more rows than a window shows (~45 at full HD), fewer than a page. The fewer asked, the
# further into the roster's order the search of its first students reaches before it leaves them to the full-text
# index, which lists every match first (40-170 ms for 'ma', 'mar', 'sa' on the 600,000-student demo: their 256th
# match lies beyond the 12,288 first students, their 64th within 9,000).
FIRST_SCREEN = 64
FIRST_PAINT_MS = 15  # the first screen is painted before every id (and their number) is read
CACHED_PAGES = 48
CACHED_PIXMAPS = 600


def _ecl(value: object) -> str:
    return "" if value is None else str(value)


def _country(row: RosterRow) -> str:
    return row.country_name or row.country_code


def _country_tip(row: RosterRow) -> str:
    return f"{row.country_name} ({row.country_code})" if row.country_code else ""


def _photo_tip(row: RosterRow) -> str:
    return "Photo on file" if row.has_photo else "No photo"


class RosterModel(QAbstractTableModel):
    """Students in roster order: one row per id, rows fetched on demand."""

    LEGAL_NAME, DISPLAY_NAME, NATIVE_NAME, COUNTRY, RANK, SERVICE, FUNDING, CURRENT_CLASS, STATUS, \
        ARRIVAL, ECL, WCN, ITO_NUMBER, PHOTO = range(14)

    COLUMNS = (
        Column("Legal name", lambda r: r.legal_name, width=24, person=True),
        Column("Display name", lambda r: r.display_name, width=17, person=True),
        Column("Native-script name", lambda r: r.native_name, width=14, person=True),
        Column("Country", _country, width=12, tooltip=_country_tip, fit=True),
        Column("Rank", lambda r: r.country_rank, width=13),
        Column("Service", lambda r: r.service, width=13),
        Column("Funding", lambda r: r.funding_program, samples=[*FundingProgram]),
        Column("Current class", lambda r: r.current_class, width=12),
        Column("Status", lambda r: r.status, samples=[*StudentStatus]),
        Column("Arrival", lambda r: r.arrival_date, display_date, width=11),
        Column("ECL", lambda r: r.ecl_score, _ecl, width=4, numeric=True),
        Column("WCN", lambda r: r.wcn, samples=["WW0000000"]),
        Column("ITO number", lambda r: r.ito_number, samples=["00WW0000000"]),
        Column("Photo", lambda r: "", width=4, tooltip=_photo_tip),
    )
    ALIGNMENTS = tuple(c.alignment() for c in COLUMNS)

    # The store's sort key for each column: every column sorts in SQL.
    SORT_KEYS = {
        LEGAL_NAME: "legal_name",
        DISPLAY_NAME: "display_name",
        NATIVE_NAME: "native_name",
        COUNTRY: "country",
        RANK: "country_rank",
        SERVICE: "service",
        FUNDING: "funding_program",
        CURRENT_CLASS: "current_class",
        STATUS: "status",
        ARRIVAL: "arrival_date",
        ECL: "ecl_score",
        WCN: "wcn",
        ITO_NUMBER: "ito_number",
        PHOTO: "photo",
    }

    ids_loaded = Signal()
    """The rows now shown match the latest search, filters and sort (emitted after every reload)."""
    rows_shown = Signal()
    """New rows are on screen: the first screen of the whole roster (its order still on its way), or all."""

    def __init__(self, db: Database | None = None, parent: object | None = None, *,
                 reader: DatabaseReader | None = None, db_path: Path | None = None) -> None:
        """With a reader, the ids are read on its thread from the file at db_path (which must be given)."""
        super().__init__(parent)  # type: ignore[arg-type]
        self._db = db
        self._db_path = db_path
        self._reader = reader
        self._ids: array[int] = array("q")
        self._row_count = 0  # len(self._ids), or more while only the first rows' ids are known
        self._pages: OrderedDict[int, list[RosterRow | None]] = OrderedDict()
        # Each page's rows as their cells' texts, a row formatted when first painted (a screen asks ~270 cells).
        self._texts: dict[int, list[tuple[str, ...] | None]] = {}
        # The row whose cells were painted last, and their texts: the other cells of that row find them at once.
        self._painted: tuple[int, tuple[str, ...]] = _NOT_PAINTED
        self._thumbnails: dict[int, bytes] = {}
        self._pixmaps: OrderedDict[int, QPixmap] = OrderedDict()
        self._requested = _Query("", self.LEGAL_NAME, Qt.SortOrder.AscendingOrder, None, False)
        self._shown = self._requested
        self._total = 0
        self._loading = False
        self._counting = False  # only the first screen of a search's matches is known, not yet their number
        self._first_screen = False  # the rows shown are a first screen, the rest of the ids on their way
        self.thumbnail_size = QSize(18, 24)

    # --- what the clerk asks for --------------------------------------------------------------------------------
    @property
    def search_text(self) -> str:
        """The search the rows shown match ('' for every student)."""
        return self._shown.search

    @property
    def filters(self) -> RosterFilter:
        """The filters the rows shown match."""
        from imet_desktop.store.roster import NO_FILTER

        return self._shown.filters or NO_FILTER

    @property
    def archived(self) -> bool:
        """True when the rows shown are the archive's (archived students only)."""
        return self._shown.archived

    @property
    def sort_column(self) -> int:
        """The column the rows shown are sorted by."""
        return self._shown.column

    @property
    def sort_order(self) -> Qt.SortOrder:
        """Ascending or descending."""
        return self._shown.order

    @property
    def requested_search(self) -> str:
        """The search asked for last (its rows may still be on their way)."""
        return self._requested.search

    @property
    def requested_sort(self) -> tuple[int, Qt.SortOrder]:
        """The column and order asked for last (the rows may still be on their way)."""
        return self._requested.column, self._requested.order

    @property
    def total(self) -> int:
        """How many students the view holds without search and filters (as of the last reload)."""
        return self._total

    @property
    def counting(self) -> bool:
        """True while only the first screen of the matches is shown: how many match is still being counted."""
        return self._counting

    @property
    def loading(self) -> bool:
        """True while the rows for the latest search, filters or sort are being read."""
        return self._loading

    def is_sortable(self, column: int) -> bool:
        """True when the store can sort by this column."""
        return column in self.SORT_KEYS

    def set_database(self, db: Database, db_path: Path | None = None) -> None:
        """Show another database's students (same search and sort); the rows go at once."""
        self._db = db
        self._db_path = db_path
        self.beginResetModel()
        self._ids = array("q")
        self._row_count = 0
        self._counting = False
        self._first_screen = False
        self._forget_rows()
        self.endResetModel()
        self.reload()

    def set_search(self, text: str) -> None:
        """Show only the students matching text (names, WCN, ITO or passport number)."""
        if text.strip() == self._requested.search.strip():
            return
        self._requested = self._requested._replace(search=text)
        self.reload()

    def set_filters(self, filters: RosterFilter) -> None:
        """Show only the students the filters let through (combined with the search)."""
        if filters == (self._requested.filters or type(filters)()):
            return
        self._requested = self._requested._replace(filters=filters)
        self.reload()

    def set_archived(self, archived: bool) -> None:
        """Show the archive (archived students only) or the roster (the others)."""
        if archived == self._requested.archived:
            return
        self._requested = self._requested._replace(archived=archived)
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by a column."""
        if column not in self.SORT_KEYS or (column, order) == (self._requested.column, self._requested.order):
            return
        self._requested = self._requested._replace(column=column, order=order)
        self.reload()

    def _sort_of(self, query: _Query) -> tuple[str, bool]:
        return self.SORT_KEYS[query.column], query.order == Qt.SortOrder.DescendingOrder

    def reload(self) -> None:
        """Query the ids again (on the reader's thread if there is one) and forget every cached row.

        Until the ids arrive the previous rows stay on screen.
        """
        from imet_desktop.store.roster import NO_FILTER, first_student_ids, remembered_count, student_ids

        if self._db is None:
            return
        query = self._requested
        sort, descending = self._sort_of(query)
        filters = query.filters or NO_FILTER

        def read(db: Database) -> tuple[array[int], int]:
            ids = student_ids(db, search=query.search, sort=sort, descending=descending, filters=filters,
                              archived_only=query.archived)
            return ids, remembered_count(db, archived_only=query.archived)

        first_count = PAGE_SIZE if query.whole_roster else FIRST_SCREEN  # the whole roster's first page: an index

        def read_first_screen(db: Database) -> tuple[array[int], int]:
            ids = first_student_ids(db, search=query.search, sort=sort, descending=descending, filters=filters,
                                    archived_only=query.archived, count=first_count)
            return ids, remembered_count(db, archived_only=query.archived)

        if self._reader is None or self._db_path is None:
            self._show(query, read(self._db))
            return
        path = self._db_path

        def read_the_rest() -> None:
            if query == self._requested and self._reader is not None:
                if not query.whole_roster:
                    # What the clerk's next keystroke looks up (the first students' names, each one's place) before
                    # this search's every match and their number, which that keystroke would stop: read once after
                    # each change of the students (~0.4 s at 600,000), a new search stops it and it goes on after.
                    self._read_ahead(query)
                self._reader.submit("roster", path, read, lambda result: self._show(query, result), self._failed)

        def first_failed(error: Exception) -> None:
            log.error("the roster's first rows could not be read", exc_info=error)
            read_the_rest()

        # The first screen first (the whole roster's from an index, a search's first matches in the roster's
        # order); every id, and so the number of matches, is read once the first screen is painted: the reader
        # working on it meanwhile would hold Python's lock while the window paints.
        # Every id of the previous search, if still being read, is not wanted: stopped, so this one starts at once.
        self._reader.cancel("roster", interrupt=True)
        self._reader.cancel("roster-ahead", interrupt=True)
        self._loading = self._reader.submit("roster-first", path, read_first_screen,
                                            lambda result: self._show_first(query, result, read_the_rest),
                                            first_failed)

    def _show_first(self, query: _Query, result: tuple[array[int], int], read_the_rest: Callable[[], None]) -> None:
        """The first screen: for the whole roster the rows below stay blank until their ids arrive; for a search
        or filters, only the first screen's rows are there until every match (and their number) is known."""
        ids, total = result
        if query != self._requested or not self._loading:
            return  # asked for something else since, or every id is already shown
        QTimer.singleShot(FIRST_PAINT_MS, read_the_rest)
        whole_roster = query.whole_roster
        self.beginResetModel()
        self._forget_rows()
        self._ids = ids
        self._row_count = max(total, len(ids)) if whole_roster else len(ids)
        # Fewer matches than a screen: they are all there is, and their number is known.
        self._counting = not whole_roster and len(ids) >= FIRST_SCREEN
        self._first_screen = True
        self._shown = query
        self.endResetModel()
        self._total = total
        self.rows_shown.emit()

    def _show(self, query: _Query, result: tuple[array[int], int]) -> None:
        ids, total = result
        known = len(self._ids)
        if (self._first_screen and self._shown == query and len(ids) >= self._row_count
                and ids[:known] == self._ids):
            # The first screen was right: the rest fills in without a reset (scroll position and selection stay).
            shown_rows = self._row_count
            self._ids = ids
            if len(ids) > shown_rows:
                self.beginInsertRows(QModelIndex(), shown_rows, len(ids) - 1)
                self._row_count = len(ids)
                self.endInsertRows()
            if shown_rows > known:
                self.dataChanged.emit(self.index(known, 0), self.index(shown_rows - 1, len(self.COLUMNS) - 1))
        else:
            self.beginResetModel()
            self._forget_rows()
            self._ids = ids
            self._row_count = len(ids)
            self._shown = query
            self.endResetModel()
        self._total = total
        self._loading = False
        self._counting = False
        self._first_screen = False
        self.rows_shown.emit()
        self.ids_loaded.emit()
        self._read_ahead(query)

    def _read_ahead(self, query: _Query) -> None:
        """The reader remembers the names of the roster's first students and each student's place in the order
        (store.roster.read_ahead, once the whole roster's order is known), so that the clerk's next searches look
        them up in memory. A new search stops it."""
        from imet_desktop.store.roster import read_ahead

        sort, descending = self._sort_of(query)
        if self._reader is not None and self._db_path is not None and query == self._requested:
            stopped = self._reader.stopper("roster-ahead")  # true once the clerk asks for something else
            self._reader.submit("roster-ahead", self._db_path,
                                lambda db: read_ahead(db, sort=sort, descending=descending, stopped=stopped),
                                lambda _rows: None)

    def _forget_rows(self) -> None:
        self._pages.clear()
        self._texts.clear()
        self._painted = _NOT_PAINTED
        self._thumbnails.clear()
        self._pixmaps.clear()

    def _failed(self, error: Exception) -> None:
        # The query only reads: a failure is a bug or a vanished file; keep the rows shown.
        log.error("the roster could not be read", exc_info=error)
        self._loading = False
        self._counting = False
        self._first_screen = False
        self.ids_loaded.emit()

    def ids(self) -> array[int]:
        """The ids of the students shown whose ids are known (all of them once not loading), in the order shown.

        The array itself: do not change it.
        """
        return self._ids

    def student_id(self, row: int) -> int:
        """The id of the student on a row (IndexError while the rows below the first screen are on their way)."""
        return self._ids[row]

    def row_at(self, row: int) -> RosterRow | None:
        """The roster row shown on a row (None if the student was deleted meanwhile, or is still on its way)."""
        if row >= len(self._ids):
            return None
        page_no, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(page_no)
        if page is None or offset >= len(page):  # not read, or read when only a search's first screen was known
            page = self._fetch(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[offset]

    def _texts_at(self, number: int) -> tuple[str, ...] | None:
        """The texts a row's cells show, formatted once (None while the row is on its way or was deleted)."""
        row = self.row_at(number)
        if row is None:
            return None
        page_no, offset = divmod(number, PAGE_SIZE)
        texts = self._texts[page_no]
        cells = texts[offset]
        if cells is None:
            cells = texts[offset] = tuple(c.text(row) for c in self.COLUMNS)
        return cells

    def row_texts(self, first: int, last: int) -> list[tuple[str, ...] | None]:
        """What the cells of rows first to last show, as data() gives them (None: a row on its way or deleted), in
        one call: the column fitter measures the rows on screen without a call into Python for each cell."""
        texts_at = self._texts_at
        return [texts_at(n) for n in range(max(first, 0), min(last, self._row_count - 1) + 1)]

    def thumbnail(self, number: int) -> QPixmap | None:
        """The photo thumbnail of the student on a row, scaled to thumbnail_size (None: no photo)."""
        row = self.row_at(number) if 0 <= number < self._row_count else None
        return self._pixmap(row.id) if row is not None and row.has_photo else None

    def row_of(self, student_id: int) -> int:
        """The row showing a student, or -1."""
        try:
            return self._ids.index(student_id)
        except ValueError:
            return -1

    def refresh_rows(self) -> None:
        """Read the rows shown again (after an edit that changes no row's place), keeping the order."""
        self._forget_rows()
        if self._row_count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._row_count - 1, len(self.COLUMNS) - 1))

    def _fetch(self, page_no: int) -> list[RosterRow | None]:
        from imet_desktop.store import photos
        from imet_desktop.store.roster import roster_rows

        chunk = self._ids[page_no * PAGE_SIZE:(page_no + 1) * PAGE_SIZE]
        by_id = {r.id: r for r in roster_rows(self._db, chunk)}
        page = [by_id.get(i) for i in chunk]
        with_photo = [r.id for r in by_id.values() if r.has_photo]
        if with_photo:
            self._thumbnails.update(photos.thumbnails(self._db, with_photo))
        self._pages[page_no] = page
        self._texts[page_no] = [None] * len(page)
        while len(self._pages) > CACHED_PAGES:
            dropped_no, dropped = self._pages.popitem(last=False)
            self._texts.pop(dropped_no, None)
            for r in dropped:
                if r is not None:
                    self._thumbnails.pop(r.id, None)
        return page

    def _pixmap(self, student_id: int) -> QPixmap | None:
        pixmap = self._pixmaps.get(student_id)
        if pixmap is not None:
            self._pixmaps.move_to_end(student_id)
            return pixmap
        data = self._thumbnails.get(student_id)
        if data is None:
            return None
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            return None
        pixmap = pixmap.scaled(self.thumbnail_size, Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
        self._pixmaps[student_id] = pixmap
        while len(self._pixmaps) > CACHED_PIXMAPS:
            self._pixmaps.popitem(last=False)
        return pixmap

    # --- Qt model interface ---------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._row_count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    # index(): Qt's own, which asks rowCount() and columnCount() for every cell painted. An index() of our own, one
    # call into Python for the cell rather than two, made a screen's repaint ~1 ms slower, not faster (the index it
    # returns is converted back for Qt; measured side by side in one process on the 600,000-student demo).

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N802, N803
        # Qt's delegate asks for 7 roles of every cell it paints, at once: font, alignment, foreground, check state,
        # decoration, text, background. Answered in one call into Python rather than 7 calls of data() (~3 ms of a
        # screen's repaint of ~28). The delegate keeps its span from one cell to the next (an entry not set keeps
        # the previous cell's value): every role this model can answer is set (or emptied) on each call, and the
        # font, foreground, check state and background, which it never answers, stay empty. Any other span: data()
        # per role, as Qt's own.
        if len(roleDataSpan) == 7:
            alignment, decoration, display = roleDataSpan[1], roleDataSpan[4], roleDataSpan[5]
            if alignment.role() == _ALIGNMENT and decoration.role() == _DECORATION and display.role() == _DISPLAY:
                number, column_no = index.row(), index.column()  # an invalid index's are -1
                texts = None
                if 0 <= number < self._row_count and 0 <= column_no < _COLUMN_COUNT:
                    alignment.setData(self.ALIGNMENTS[column_no])
                    painted = self._painted  # a row's cells are painted one after another
                    if painted[0] == number:
                        texts = painted[1]
                    else:
                        texts = self._texts_at(number)
                        if texts is not None:
                            self._painted = (number, texts)
                    pixmap = self.thumbnail(number) if column_no == self.PHOTO else None
                    if pixmap is None:
                        decoration.clearData()
                    else:
                        decoration.setData(pixmap)
                else:
                    alignment.clearData()
                    decoration.clearData()
                if texts is None:
                    display.clearData()
                else:
                    display.setData(texts[column_no])
                return
        super().multiData(index, roleDataSpan)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The roles not answered go first, and the roles are compared as plain ints (the enums' attribute lookups
        # cost as much as the answer).
        if role not in _ANSWERED or not index.isValid():
            return None
        number, column_no = index.row(), index.column()
        if not 0 <= number < self._row_count:
            return None
        if role == _DISPLAY:
            texts = self._texts_at(number)
            return None if texts is None else texts[column_no]
        if role == _ALIGNMENT:
            return self.ALIGNMENTS[column_no]
        if role == _DECORATION:
            return self.thumbnail(number) if column_no == self.PHOTO else None
        row = self.row_at(number)
        if row is None:
            return None
        if role == _ROW:
            return row
        return self.COLUMNS[column_no].tip(row)  # _TOOLTIP

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.COLUMNS):
            return f"Click to sort by {self.COLUMNS[section].title.lower()}; right-click to show or hide columns"
        return column_header(self.COLUMNS, section, orientation, role)

    # flags(): Qt's own (enabled, selectable, no children) answers without a call into Python for every cell painted.


_COLUMN_COUNT = len(RosterModel.COLUMNS)
