"""What the Courses tab's views share: the view base, drop targets, the class chooser, messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QMainWindow, QTableView, QWidget

from imet_desktop.ui.common.formatting import display_date

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from sqlite_utils import Database

    from imet_desktop.store.courses import ClassRow


class CourseView(QWidget):
    """One page of the Courses tab: reads from ``db`` in ``refresh()``; says ``changed`` after it writes."""

    changed = Signal()
    """The view wrote to the database: the other views must read again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.stale = True

    def set_database(self, db: Database) -> None:
        """Show another database (read when next refreshed)."""
        self.db = db
        self.stale = True

    def refresh(self) -> None:
        """Read everything the view shows."""
        if self.db is not None:
            self._load()
            self.stale = False

    def tables(self) -> list[QTableView]:
        """The view's tables, the main one first."""
        raise NotImplementedError

    def _load(self) -> None:
        raise NotImplementedError

    def status(self, text: str) -> None:
        """A passing message in the main window's status bar."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15_000)


class DropTarget(QObject):
    """Lets a table view accept drops of one kind of ids; the handler gets the QMimeData and says if it took it."""

    def __init__(self, view: QAbstractItemView, mime_type: str, handler: Callable[[QMimeData], bool]) -> None:
        super().__init__(view)
        self.mime_type = mime_type
        self.handler = handler
        view.setAcceptDrops(True)
        view.viewport().setAcceptDrops(True)
        view.setDropIndicatorShown(False)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, (QDragEnterEvent, QDragMoveEvent))
            if event.mimeData().hasFormat(self.mime_type):
                event.setDropAction(Qt.DropAction.MoveAction)
                event.accept()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            if event.mimeData().hasFormat(self.mime_type) and self.handler(event.mimeData()):
                event.setDropAction(Qt.DropAction.MoveAction)
                event.accept()
            else:
                event.ignore()
            return True
        return False


def enable_drag(view: QAbstractItemView) -> None:
    """Rows of the view can be dragged out (the model supplies the payload)."""
    view.setDragEnabled(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    view.setDefaultDropAction(Qt.DropAction.MoveAction)


def class_label(row: ClassRow) -> str:
    """'ACSC AY2027 · 20 JUL 2026 – 04 JUN 2027'."""
    period = " – ".join(p for p in (display_date(row.start_date), display_date(row.end_date)) if p)
    return f"{row.designator}  ·  {period}" if period else row.designator


class ClassCombo(QComboBox):
    """Choose a class: newest first, the item data is its id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.rows: list[ClassRow] = []

    def set_classes(self, rows: list[ClassRow], keep: int | None = None) -> None:
        """List these classes, keeping the chosen one if it is still there (else keep, else the first)."""
        current = self.current_class_id() if keep is None else keep
        blocked = self.blockSignals(True)
        self.clear()
        self.rows = list(rows)
        for row in rows:
            self.addItem(class_label(row), row.id)
            self.setItemData(self.count() - 1, row.course_title, Qt.ItemDataRole.ToolTipRole)
        index = self.findData(current) if current is not None else -1
        self.setCurrentIndex(index if index >= 0 else (0 if rows else -1))
        self.blockSignals(blocked)

    def current_class_id(self) -> int | None:
        """The chosen class's id."""
        data = self.currentData()
        return None if data is None else int(data)

    def choose(self, class_id: int) -> None:
        """Choose a class by id."""
        index = self.findData(class_id)
        if index >= 0:
            self.setCurrentIndex(index)

    def current_row(self) -> ClassRow | None:
        """The chosen class's list row."""
        class_id = self.current_class_id()
        return next((r for r in self.rows if r.id == class_id), None)


def message_label(name: str) -> QLabel:
    """A label for the outcome of the clerk's last action (placed, waitlisted, refused...)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def reselect(table: QTableView, ids: list[int], wanted: set[int]) -> None:
    """Select the rows of table whose id (ids: one per row, in order) is wanted; nothing when none is."""
    if not wanted:
        return
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    selection = QItemSelection()
    model = table.model()
    for row, i in enumerate(ids):
        if i in wanted:
            selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
