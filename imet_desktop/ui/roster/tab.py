"""The Roster tab: every student, searched as the clerk types, filtered and sorted by any column in SQL;
add, edit, change status, archive, restore, delete from the archive; import, export, print, photos.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.formatting import count_text, display_date
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.tab import Tab
from imet_desktop.ui.common.tables import make_table, widen_to_fit
from imet_desktop.ui.roster.columns import RosterColumns
from imet_desktop.ui.roster.exports import RosterExports
from imet_desktop.ui.roster.filters import FilterBar
from imet_desktop.ui.roster.model import RosterModel
from imet_desktop.ui.roster.view import RosterTable

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database

    from imet_desktop.domain.overview import StudentSelection
    from imet_desktop.store.roster_choices import RosterFilterChoices
    from imet_desktop.ui.common.jobs import Job
    from imet_desktop.ui.common.reader import DatabaseReader

# The dialogs, the editor and the import wizard are imported when first opened: the main window (and this
# tab) must be drawn before the store, pycountry or dataclasses are loaded (benchmarks/startup.py).

log = logging.getLogger(__name__)

IMMEDIATE_SEARCH_CHARACTERS = 1  # every keystroke: the first screen of matches comes first, the count after
SEARCH_PAUSE_MS = 150
PROBLEM_STYLE = "color: #b00020;"
ARCHIVE_STYLE = "background: #fff4e5; border: 1px solid #f0c36d; padding: 4px;"


class RosterTab(RosterExports, Tab):
    """Toolbar, search box and count, filters, the roster table."""

    title = "Roster"

    def __init__(self, parent: QWidget | None = None, *, reader: DatabaseReader | None = None) -> None:
        super().__init__(parent)
        self.model = RosterModel(None, self, reader=reader)
        self._reader = reader
        self._jobs: list[Job] = []
        self._select_after_load: list[int] = []

        self.toolbar = QToolBar("Roster")
        self.toolbar.setObjectName("rosterToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setIconSize(QSize(16, 16))
        self._build_actions()

        self.search_box = SearchBox("Search names (any script, accents optional), WCN, ITO or passport number…")
        self.search_box.setObjectName("rosterSearch")
        self.count_label = QLabel()
        self.count_label.setObjectName("rosterCount")
        self.filter_bar = FilterBar()
        self.filter_bar.setObjectName("rosterFilters")
        self.archive_banner = QLabel("Archive: students hidden from the roster. Select students to restore them, or "
                                     "to delete them for good (after confirmation). Deleting cannot be undone.")
        self.archive_banner.setObjectName("archiveBanner")
        self.archive_banner.setWordWrap(True)
        self.archive_banner.setStyleSheet(ARCHIVE_STYLE)
        self.archive_banner.setVisible(False)
        self.table = make_table(self.model, RosterModel.COLUMNS, self, sortable=False, name="rosterTable",
                                remember=False,  # columns.py keeps the roster's columns (and resets them)
                                view_type=RosterTable)
        self.message = QLabel()
        self.message.setObjectName("rosterMessage")
        self.message.setWordWrap(True)
        self._configure_table()

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.archive_banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

        # The table follows every keystroke (the first screen of matches is read first, their number after);
        # a box emptied waits for a pause in the typing (its own timer: the search box's signal skips a text it
        # emitted last, e.g. a box cleared right after a quick "ngu" that was never emitted).
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(lambda: self.model.set_search(self.search_box.text()))
        self.search_box.search_changed.connect(self._search)
        self.search_box.textChanged.connect(self._typed)
        self.filter_bar.changed.connect(self.model.set_filters)
        self.model.rows_shown.connect(self._show_count)
        self.model.rows_shown.connect(self._update_actions)
        self.model.ids_loaded.connect(self._ids_loaded)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.doubleClicked.connect(self._double_clicked)
        self._update_actions()

    # --- building ---------------------------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], name: str, tip: str = "",
                shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setToolTip(tip or text.rstrip("…"))
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action("Add student…", self.add_student, "addStudent",
                                       "Open a new student's record to fill in (File › New student…, Ctrl+N)")
        self.edit_action = self._action("Open…", self.edit_selected, "editStudent",
                                        "Open the selected student's record")
        self.status_action = self._action("Change status…", self.change_status, "changeStatus",
                                          "Change the selected students' status, with the date it took effect")
        self.archive_action = self._action("Archive", self.archive_selected, "archiveStudents",
                                           "Hide the selected students from the roster (restorable)",
                                           QKeySequence.StandardKey.Delete)
        self.restore_action = self._action("Restore", self.restore_selected, "restoreStudents",
                                           "Bring the selected students back to the roster")
        self.delete_action = self._action("Delete for good…", self.delete_selected, "deleteStudents",
                                          "Delete the selected archived students and everything recorded about them")
        self.import_action = self._action("Import…", self.import_students, "importStudents",
                                          "Import students from a CSV or Excel file")
        self.history_action = self._action("Import history…", self.import_history, "importHistory",
                                           "Earlier imports; undo one")
        self.photos_folder_action = self._action("Import photos from a folder…", self.import_photos_from_folder,
                                                 "importPhotosFolder")
        self.photos_zip_action = self._action("Import photos from a ZIP archive…", self.import_photos_from_zip,
                                              "importPhotosZip")
        self.export_action = self._action("Export…", lambda: self.export("xlsx"), "exportStudents",
                                          "Export the students shown, or the selected ones, to Excel or CSV")
        self.print_action = self._action("Print…", lambda: self.export("pdf"), "printRoster",
                                         "A printable PDF roster of the students shown or selected")
        self.archive_view_action = QAction("Show the archive", self)
        self.archive_view_action.setObjectName("archiveView")
        self.archive_view_action.setCheckable(True)
        self.archive_view_action.toggled.connect(self.show_archive)

        tb = self.toolbar
        for action in (self.add_action, self.edit_action, self.status_action, self.archive_action,
                       self.restore_action, self.delete_action):
            tb.addAction(action)
        tb.addSeparator()
        tb.addAction(self.import_action)
        tb.addAction(self.history_action)
        self.photos_button = QToolButton()
        self.photos_button.setObjectName("photosButton")
        self.photos_button.setText("Photos")
        self.photos_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        photos_menu = QMenu(self.photos_button)
        photos_menu.addAction(self.photos_folder_action)
        photos_menu.addAction(self.photos_zip_action)
        self.photos_button.setMenu(photos_menu)
        tb.addWidget(self.photos_button)
        tb.addSeparator()
        tb.addAction(self.export_action)
        tb.addAction(self.print_action)
        tb.addSeparator()
        self.columns_button = QToolButton()
        self.columns_button.setObjectName("columnsButton")
        self.columns_button.setText("Columns")
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        tb.addWidget(self.columns_button)
        tb.addAction(self.archive_view_action)

    def _configure_table(self) -> None:
        table = self.table
        # A 3:4 photo's thumbnail as tall as a row leaves it, between Qt's margins: drawn whole, centred.
        table.setIconSize(QSize(18, 24))
        table.verticalHeader().setDefaultSectionSize(max(table.verticalHeader().defaultSectionSize(), 28))
        self.model.thumbnail_size = table.iconSize()
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSectionsMovable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        header.sortIndicatorChanged.connect(self._sort_requested)
        header.resizeSection(RosterModel.PHOTO, 40)
        # The thumbnail beside the name; the name stays first, so copied rows start with it.
        header.moveSection(header.visualIndex(RosterModel.PHOTO), header.visualIndex(RosterModel.LEGAL_NAME) + 1)
        self.open_on_enter = QAction("Open the student", table)
        self.open_on_enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.open_on_enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the table's Enter only
        self.open_on_enter.triggered.connect(lambda _checked=False: self.edit_selected())
        table.addAction(self.open_on_enter)
        self.row_menu = QMenu(table)
        self.row_menu.addActions([self.edit_action, self.status_action, self.archive_action, self.restore_action,
                                  self.delete_action])
        self.row_menu.addSeparator()
        self.row_menu.addActions([self.export_action, self.print_action])
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda pos: self.row_menu.popup(table.viewport().mapToGlobal(pos)))
        # Shown at first: what fits a 1280-pixel window whole; the service is one tick away under Columns.
        header.setSectionHidden(RosterModel.SERVICE, True)
        self.columns = RosterColumns(table, self.model, self.columns_button)
        self.column_actions, self.columns_menu = self.columns.actions, self.columns.menu
        self.reset_columns_action = self.columns.reset_action

    # --- columns (RosterColumns keeps them) ----------------------------------------------------------------------
    def set_column_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column (the legal name always stays)."""
        self.columns.set_shown(column, shown)

    def visible_columns(self) -> list[int]:
        """The columns shown, in the order shown."""
        return self.columns.visible()

    def move_column(self, column: int, to_position: int) -> None:
        """Move a column to a position among all columns (as dragging its header does)."""
        self.columns.move(column, to_position)

    def save_columns(self) -> None:
        """Remember which columns are shown, their order and widths."""
        self.columns.save()

    def reset_columns(self) -> None:
        """Every column back, in the original order and widths."""
        self.columns.reset()

    # --- the Tab interface ----------------------------------------------------------------------------------
    def tables(self) -> list[QTableView]:
        return [self.table]

    def new_record_text(self) -> str:
        return "New student…"

    def new_record(self) -> object:
        if self.add_action.isEnabled():
            self.add_student()
        return None

    def print_text(self) -> str:
        return "Print the roster…"

    def print_view(self) -> object:
        if self.print_action.isEnabled():
            self.print_action.trigger()
        return None

    def focus_search(self) -> bool:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()
        return True

    def set_database(self, db: Database, db_path: Path) -> None:
        # Reload even when hidden: the model reads rows lazily and must not keep the old connection.
        super().set_database(db, db_path)
        self.ensure_loaded()

    def _load(self) -> None:
        assert self.db is not None
        self.count_label.setText("Reading the roster…")
        self._read_filter_choices()
        self.model.set_filters(self.filter_bar.value())
        self.model.set_database(self.db, self.db_path)

    def _set_choices(self, choices: RosterFilterChoices) -> None:
        self.filter_bar.set_choices(choices)
        # Every country the roster holds fits its column (the rows are read page by page, never all measured).
        widen_to_fit(self.table, RosterModel.COUNTRY, [name for _code, name in choices.countries])

    def reload(self, select: list[int] | None = None) -> None:
        """Read the roster again after a change (the filters' choices too), then select these students."""
        if self.db is None:
            return
        self._select_after_load = list(select or [])
        self._read_filter_choices()
        self.model.reload()
        self.records_changed.emit()

    def _read_filter_choices(self) -> None:
        """What the filters offer, read on the reader's thread when there is one (queued before the roster's
        rows, so it arrives first; the window never waits for it, nor fails with it)."""
        from imet_desktop.store.roster_choices import roster_filter_choices

        if self._reader is not None and self.db_path is not None:
            self._reader.submit("roster-filters", self.db_path, roster_filter_choices, self._set_choices,
                                lambda error: log.error("the roster's filters could not be read", exc_info=error))
        elif self.db is not None:
            self._set_choices(roster_filter_choices(self.db))

    # --- what the view shows ------------------------------------------------------------------------------
    def _search(self, text: str) -> None:
        self.model.set_search(text)

    def _typed(self, text: str) -> None:
        # A search's first screen takes milliseconds even at 600,000 students, however many match.
        if len(text.strip()) >= IMMEDIATE_SEARCH_CHARACTERS:
            self._pause.stop()
            self.model.set_search(text)
        else:
            self._pause.start()

    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        if not self.model.is_sortable(column):
            header = self.table.horizontalHeader()
            blocked = header.blockSignals(True)
            header.setSortIndicator(*self.model.requested_sort)
            header.blockSignals(blocked)
            return
        self.model.sort(column, order)

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        what = "archived student" if self.model.archived else "student"
        if self.model.counting:  # the first screen of matches is shown; how many match follows
            self.count_label.setText(f"{shown:,}+ of {count_text(self.model.total, what)}, counting…")
        else:
            self.count_label.setText(f"{shown:,} of {count_text(self.model.total, what)}")

    def _ids_loaded(self) -> None:
        if self._select_after_load:
            self.select_students(self._select_after_load)
            self._select_after_load = []
        self._update_actions()

    def select_students(self, ids: list[int]) -> None:
        """Select these students' rows (those shown) and scroll to the first."""
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection()
        first: QModelIndex | None = None
        for sid in ids:
            row = self.model.row_of(sid)
            if row < 0:
                continue
            left, right = self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1)
            selection.select(left, right)
            first = first or left
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)
        if first is not None:
            self.table.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first, QAbstractItemView.ScrollHint.PositionAtCenter)

    def selected_ids(self) -> list[int]:
        """The selected students, in the order shown."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        known = len(self.model.ids())
        return [self.model.student_id(r) for r in rows if r < known]

    def show_selection(self, selection: StudentSelection) -> None:
        """List exactly the students behind an Overview figure (search and other filters cleared)."""
        from imet_desktop.store.roster import RosterFilter

        if self.archive_view_action.isChecked():
            self.show_archive(False)
        self.search_box.clear()
        self.model.set_search("")
        self.filter_bar.set_value(RosterFilter(selection=selection))
        self.model.set_filters(self.filter_bar.value())

    def show_archive(self, archived: bool) -> None:
        """Show the archive (archived students only), or the roster."""
        if self.archive_view_action.isChecked() != archived:
            self.archive_view_action.setChecked(archived)  # comes back here through toggled
            return
        self.archive_banner.setVisible(archived)
        self.archive_view_action.setText("Back to the roster" if archived else "Show the archive")
        self.model.set_archived(archived)
        self._update_actions()

    def _update_actions(self) -> None:
        archived = self.model.archived or self.archive_view_action.isChecked()
        selected = len(self.table.selectionModel().selectedRows()) if self.table.selectionModel() else 0
        has_db = self.db is not None
        self.add_action.setEnabled(has_db and not archived)
        self.edit_action.setEnabled(selected == 1)
        self.status_action.setEnabled(selected > 0 and not archived)
        self.archive_action.setEnabled(selected > 0 and not archived)
        self.archive_action.setVisible(not archived)
        self.restore_action.setEnabled(selected > 0 and archived)
        self.restore_action.setVisible(archived)
        self.delete_action.setEnabled(selected > 0 and archived)
        self.delete_action.setVisible(archived)
        for action in (self.import_action, self.history_action, self.photos_folder_action, self.photos_zip_action):
            action.setEnabled(has_db and not self.busy)
        self.photos_button.setEnabled(has_db and not self.busy)
        ready = self.model.rowCount() > 0 and not self.model.loading  # every id shown is known
        self.export_action.setEnabled(has_db and ready and not self.busy)
        self.print_action.setEnabled(has_db and ready and not self.busy)

    def say(self, text: str, *, problem: bool = False) -> None:
        """A line under the table about what was just done."""
        self.message.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.message.setText(text)

    # --- the student record -----------------------------------------------------------------------------------
    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_student(self.model.student_id(index.row()))

    def add_student(self) -> None:
        """Open the editor on a new student."""
        from imet_desktop.ui.roster.editor import StudentEditor

        if self.db is None:
            return
        self._after_editor(StudentEditor.ask(self, self.db))

    def edit_selected(self) -> None:
        """Open the selected student's record."""
        ids = self.selected_ids()
        if ids:
            self.open_student(ids[0])

    def open_student(self, student_id: int) -> None:
        """Open a student's record in the editor."""
        from imet_desktop.ui.roster.editor import StudentEditor

        if self.db is None:
            return
        self._after_editor(StudentEditor.ask(self, self.db, student_id))

    def _after_editor(self, outcome: Any) -> None:
        if outcome is None:
            return
        if outcome.open_id is not None:
            self.open_student(outcome.open_id)
            return
        self.say(f"Saved student #{outcome.saved_id}.")
        self.reload(select=[outcome.saved_id])

    def change_status(self) -> None:
        """Change the selected students' status as of a date."""
        from imet_desktop.store.students import change_status_many
        from imet_desktop.ui.roster.dialogs import StatusDialog

        ids = self.selected_ids()
        if not ids or self.db is None:
            return
        row = self.model.row_at(self.model.row_of(ids[0]))
        who = row.legal_name if len(ids) == 1 and row is not None else f"{len(ids):,} students"
        change = StatusDialog.ask(self, current=row.status if len(ids) == 1 and row is not None else "", who=who)
        if change is None:
            return
        try:
            count = change_status_many(self.db, ids, change.status, change.effective_date, change.note)
        except Exception as e:
            show_failure(self, "The status was not changed", e, doing="changing the students' status")
            return
        self.say(f"{count_text(count, 'student')} now {change.status} as of {display_date(change.effective_date)}.")
        self.reload(select=ids)

    def archive_selected(self) -> None:
        """Archive the selected students (hidden from the roster, restorable) after the clerk confirms."""
        from imet_desktop.store.students import archive_students

        ids = self.selected_ids()
        if not ids or self.db is None or self.model.archived:
            return
        if not common_dialogs.ask_yes_no(self, "Archive students",
                                         f"Archive {self._who(ids)}? They leave the roster and can be restored "
                                         "from the archive."):
            return
        archive_students(self.db, ids)
        self.say(f"Archived {count_text(len(ids), 'student')}. Restore from the archive (Show the archive).")
        self.reload()

    def restore_selected(self) -> None:
        """Bring the selected archived students back to the roster."""
        from imet_desktop.store.students import restore_students

        ids = self.selected_ids()
        if not ids or self.db is None or not self.model.archived:
            return
        restore_students(self.db, ids)
        self.say(f"Restored {count_text(len(ids), 'student')} to the roster.")
        self.reload()

    def delete_selected(self) -> None:
        """Delete the selected archived students for good, after the clerk confirms."""
        from imet_desktop.store.students import delete_students

        ids = self.selected_ids()
        if not ids or self.db is None or not self.model.archived:
            return
        if not common_dialogs.ask_yes_no(
                self, "Delete for good",
                f"Delete {self._who(ids)} for good, with their status history, classes, attendance and photo?\n\n"
                "This cannot be undone."):
            return
        try:
            count = delete_students(self.db, ids)
        except Exception as e:
            show_failure(self, "Nothing was deleted", e, doing="deleting students for good")
            return
        self.say(f"Deleted {count_text(count, 'student')} for good.")
        self.reload()

    def _who(self, ids: list[int]) -> str:
        if len(ids) == 1:
            row = self.model.row_at(self.model.row_of(ids[0]))
            if row is not None:
                return row.legal_name
        return count_text(len(ids), "student")

    # --- import ---------------------------------------------------------------------------------------------
    def import_students(self) -> None:
        """The import wizard; the roster is read again after an import."""
        from imet_desktop.ui.roster.import_wizard import ImportWizard

        if self.db is None or self.db_path is None:
            return
        result = ImportWizard.ask(self, self.db, self.db_path)
        if result is not None and not result.cancelled:
            self.say(result.message + " Undo it from Import history if it was a mistake.")
            self.reload()
        elif result is not None:
            self.say(result.message)

    def import_history(self) -> None:
        """Earlier imports, and undo."""
        from imet_desktop.ui.roster.dialogs import ImportHistoryDialog

        if self.db is not None and ImportHistoryDialog.ask(self, self.db):
            self.reload()
