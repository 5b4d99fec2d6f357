"""The roster's table view: the rows on screen painted from cells Qt holds, while the clerk is not in the table.

Qt paints a view cell by cell and asks the model for each cell's texts: for the roster's model, written in
Python, that is ~260 calls into Python for a screen of 20 rows, and Qt's own text layout and drawing between them
take 1.5 to 3 times as long as without them (perf's samples in QTextEngine and QTextLine for the same cells; most
likely the processor's caches, cold after each call into Python). The same screen from a QStandardItemModel
repaints in ~11 ms, from the roster's model in ~22-25: most of a keystroke's time in the search box.

So, while the focus is not in the table and the mouse is not over it (the clerk typing a search, say), the rows
on screen are copied (texts, alignments, photos, which rows are selected) into a small QStandardItemModel shown by
a hidden twin of this view: same style, font, palette, columns (order, widths, hidden ones), row height, grid and
alternating rows; and the twin paints the screen in one call. With the focus in the table, or the mouse over it,
the table paints itself as Qt does: the current cell's focus frame and the hover of some styles are its own. A
screen the twin could not show alike (a right-to-left layout, a row selected in part, columns not where the
table has them) is painted by the table too.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelection, QItemSelectionModel, QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QStyleOptionViewItem, QTableView, QWidget

from imet_desktop.ui.roster.model import RosterModel

_ABOVE = QStyleOptionViewItem.Position.Top
_CENTRED = Qt.AlignmentFlag.AlignCenter
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_SELECT_ROWS = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
_ALWAYS_OFF = Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def _picture_above(option: QStyleOptionViewItem) -> None:
    # A cell's picture above its text, centred: only the photo column has a picture, and no text, so its thumbnail
    # is drawn by Qt in the middle of the cell, and the other cells exactly as before (a delegate of our own for
    # the photo column was one call into Python per photo painted).
    option.decorationPosition = _ABOVE  # type: ignore[attr-defined]
    option.decorationAlignment = _CENTRED  # type: ignore[attr-defined]


class _Twin(QTableView):
    """The hidden view that paints the roster's screen from its copy."""

    def initViewItemOption(self, option: QStyleOptionViewItem) -> None:  # noqa: N802
        super().initViewItemOption(option)
        _picture_above(option)


class RosterTable(QTableView):
    """The roster's view (see the module's note)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._screen = QStandardItemModel(self)
        twin = self._twin = _Twin(self)
        twin.setObjectName("rosterScreenTwin")
        twin.hide()
        twin.setModel(self._screen)
        twin.setFrameShape(QFrame.Shape.NoFrame)
        twin.setHorizontalScrollBarPolicy(_ALWAYS_OFF)
        twin.setVerticalScrollBarPolicy(_ALWAYS_OFF)
        twin.horizontalHeader().hide()
        twin.verticalHeader().hide()
        twin.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        twin.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        twin.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._texts: list[tuple[str, ...] | None] = []  # what each of the copy's rows holds
        self._photos: list[int] = []  # the thumbnail each of the copy's rows shows (its cache key; 0: none)
        self._header_state = QByteArray()
        self.twin_paints = 0
        """Screens painted by the twin (for the tests: the table painted them otherwise)."""

    def initViewItemOption(self, option: QStyleOptionViewItem) -> None:  # noqa: N802
        super().initViewItemOption(option)
        _picture_above(option)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self._paint_from_twin(event):
            super().paintEvent(event)

    def _paint_from_twin(self, event: QPaintEvent) -> bool:
        model = self.model()
        viewport = self.viewport()
        if not isinstance(model, RosterModel) or self.hasFocus() or viewport.underMouse() or self.isRightToLeft():
            return False
        first = self.rowAt(0)
        if first < 0:
            return False
        last = self.rowAt(viewport.height() - 1)
        if last < 0:
            last = model.rowCount() - 1
        start = first - first % 2  # the copy's first row has the table's row's parity: alternating rows alike
        selection = self.selectionModel()
        selected = []
        for row in range(start, last + 1):
            if selection.isRowSelected(row):
                selected.append(row - start)
            elif selection.rowIntersectsSelection(row):
                return False  # part of a row selected: the twin's selection is whole rows
        self._copy(model, start, last)
        twin = self._twin
        self._match(twin)
        rows = QItemSelection()
        columns = self._screen.columnCount() - 1
        for row in selected:
            rows.select(self._screen.index(row, 0), self._screen.index(row, columns))
        twin.selectionModel().select(rows, _SELECT_ROWS)
        header = self.horizontalHeader()
        height = self.verticalHeader().defaultSectionSize()
        twin.resize(header.length(), (last - start + 1) * height)
        top = self.rowViewportPosition(start)
        left = -header.offset()
        # What the table is asked to paint, where the twin has it (the columns scrolled out of sight left out).
        region = event.region().translated(-left, -top) & QRect(-left, 0, viewport.width(), twin.height())
        if not region.isEmpty():
            # Through an image of the region: render() into the painter of a paint event on screen would place it
            # by the window's backing store, not by this viewport (a grab of the view, into an image, would not
            # show it). render() puts the region's top left corner at the offset given.
            box = region.boundingRect()
            ratio = viewport.devicePixelRatio()
            image = QImage(box.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.transparent)
            twin.render(image, QPoint(), region)
            painter = QPainter(viewport)
            painter.drawImage(box.topLeft() + QPoint(left, top), image)
            painter.end()
        if not self._alike(twin, start, top, left):
            return False  # painted again by the table, over it
        self.twin_paints += 1
        return True

    def _copy(self, model: RosterModel, start: int, last: int) -> None:
        """The rows start to last into the copy, cell by cell where they changed."""
        screen = self._screen
        count = last - start + 1
        columns = model.columnCount()
        if screen.columnCount() != columns:
            screen.clear()
            self._texts.clear()
            self._photos.clear()
            screen.setColumnCount(columns)
        if screen.rowCount() < count:
            alignments = RosterModel.ALIGNMENTS
            for _ in range(screen.rowCount(), count):
                cells = []
                for column in range(columns):
                    item = QStandardItem()
                    item.setData(alignments[column], _ALIGNMENT)
                    cells.append(item)
                screen.appendRow(cells)
                self._texts.append(None)
                self._photos.append(0)
        elif screen.rowCount() > count:
            screen.removeRows(count, screen.rowCount() - count)
            del self._texts[count:]
            del self._photos[count:]
        photo_column = RosterModel.PHOTO
        shown = model.row_texts(start, last)
        shown += [None] * (count - len(shown))  # rows beyond the last (none on screen): blank
        for offset, texts in enumerate(shown):
            if texts != self._texts[offset]:
                self._texts[offset] = texts
                for column in range(columns):
                    screen.item(offset, column).setData(None if texts is None else texts[column], _DISPLAY)
            # The thumbnail itself, not the student: a photo replaced is a new picture of the same student.
            pixmap = model.thumbnail(start + offset) if texts is not None else None
            photo = 0 if pixmap is None else pixmap.cacheKey()
            if photo != self._photos[offset]:
                self._photos[offset] = photo
                screen.item(offset, photo_column).setData(pixmap, _DECORATION)

    def _match(self, twin: QTableView) -> None:
        """The twin as the table: columns, row height, grid, elision, alternating rows, picture size."""
        state = self.horizontalHeader().saveState()
        if state != self._header_state:
            self._header_state = state
            twin.horizontalHeader().restoreState(state)
        twin.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        twin.setShowGrid(self.showGrid())
        twin.setGridStyle(self.gridStyle())
        twin.setTextElideMode(self.textElideMode())
        twin.setWordWrap(self.wordWrap())
        twin.setAlternatingRowColors(self.alternatingRowColors())
        twin.setIconSize(self.iconSize())

    def _alike(self, twin: QTableView, start: int, top: int, left: int) -> bool:
        """True when the twin drew each column and row where the table has them."""
        header = self.horizontalHeader()
        for column in range(header.count()):
            if header.isSectionHidden(column) != twin.isColumnHidden(column):
                return False
            if not header.isSectionHidden(column) and (
                    twin.columnViewportPosition(column) + left != self.columnViewportPosition(column)
                    or twin.columnWidth(column) != self.columnWidth(column)):
                return False
        return twin.rowViewportPosition(0) + top == self.rowViewportPosition(start) and \
            twin.rowHeight(0) == self.rowHeight(start)
