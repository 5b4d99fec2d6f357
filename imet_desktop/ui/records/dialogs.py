"""The records dialogs: File ▸ Restore…, a record's History, and the database log.

Each opens modally only through its ``ask(...)`` class method (``run()``), which tests replace.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.domain.dates import format_date_time, parse_date
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.dialog_base import Dialog
from imet_desktop.ui.common.formatting import display_date
from imet_desktop.ui.common.table_model import ROW_ROLE, Column, RowListModel
from imet_desktop.ui.common.tables import make_table

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.ops.backups import ListedBackup
    from imet_desktop.store.history import FieldChange, LogEntry


class RecordsDialog(Dialog):
    """The records dialogs: the program's dialog base, opening at a size that shows their tables."""

    default_size = (900, 520)

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent, title)
        self.resize(*self.default_size)  # until the clerk's own size is remembered


def select_first(view: QTableView) -> None:
    """Select the first row whatever keys the clerk holds (selectRow follows Ctrl and Shift)."""
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(view.model().index(0, 0), flags)


def _value(value: object) -> str:
    """A stored value as the clerk reads it: dates as 22 APR 2027, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return display_date(value)
    if isinstance(value, str) and len(value) == 19 and value[10] == "T":
        return format_date_time(value)
    text = str(value)
    return text if len(text) <= 200 else text[:200] + "…"


def _count(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


# --- File ▸ Restore… --------------------------------------------------------------------------------------

class BackupsModel(RowListModel):
    """The backups of the open database, newest first."""

    COLUMNS = (
        Column("Taken", lambda b: b.backup.taken_at, lambda v: format_date_time(v), width=21),
        Column("Kind", lambda b: b.backup.kind.value, width=13),
        Column("Size", lambda b: b.backup.size, lambda v: f"{v / 1_048_576:,.1f} MB", width=9, numeric=True),
        Column("Students", lambda b: b.contents.students if b.contents else None, _count, width=8, numeric=True),
        Column("Classes", lambda b: b.contents.classes if b.contents else None, _count, width=7, numeric=True),
        Column("Honorees", lambda b: b.contents.honorees if b.contents else None, _count, width=8, numeric=True),
        Column("Ceremonies", lambda b: b.contents.ceremonies if b.contents else None, _count, width=11,
               numeric=True),
        Column("File", lambda b: b.backup.path.name if b.contents else f"{b.backup.path.name}: {b.unreadable}",
               stretch=True, tooltip=lambda b: str(b.backup.path)),
    )


class RestoreDialog(RecordsDialog):
    """Choose a backup of the open database to restore; the current file is kept first."""


    def __init__(self, parent: QWidget | None, db_path: Path, backups: list[ListedBackup], folder: Path) -> None:
        super().__init__(parent, "Restore from a backup")
        self.db_path = db_path
        layout = QVBoxLayout(self)
        intro = QLabel(f"Backups of <b>{db_path.name}</b> in {folder}, newest first. Restoring one replaces every "
                       "record with the backup's; the database as it is now is copied to the backups folder first, "
                       "so the restore itself can be undone by restoring that copy.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = BackupsModel(self)
        self.model.set_rows(backups)
        self.table = make_table(self.model, self.model.COLUMNS, self)
        self.table.setObjectName("backupsTable")
        self.table.setAccessibleName("Backups")
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel("There are no backups of this database yet: one is taken on the first opening "
                                  "of each day, and with File ▸ Backup now….")
        self.empty_label.setVisible(not backups)
        layout.addWidget(self.empty_label)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("Restore the selected backup…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreBackup")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        if backups:
            select_first(self.table)
        self._selection_changed()

    def selected(self) -> ListedBackup | None:
        """The backup on the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen.contents is not None)

    def accept(self) -> None:
        if self.selected() is not None:
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, db_path: Path) -> Path | None:
        """The backup the clerk chose to restore, or None."""
        from imet_desktop.ops.backups import listed_backups
        from imet_desktop.store.backups import backups_folder

        dialog = cls(parent, db_path, listed_backups(db_path), backups_folder())
        chosen = dialog.selected() if dialog.run() else None
        return chosen.backup.path if chosen is not None else None


# --- a record's History ----------------------------------------------------------------------------------

class HistoryModel(RowListModel):
    """A record's changes, newest first, a line per field."""

    COLUMNS = (
        Column("When", lambda c: c.at, format_date_time, width=21),
        Column("User", lambda c: c.user, width=12),
        Column("Field", lambda c: c.field, width=20),
        Column("Old", lambda c: _value(c.old) if c.what == "changed" else "", width=24),
        Column("New", lambda c: _value(c.new) if c.what in ("changed", "recorded") else c.what, width=24,
               stretch=True),
    )


class HistoryDialog(RecordsDialog):
    """Who changed what in one record, and when."""

    default_size = (860, 460)

    def __init__(self, parent: QWidget | None, title: str, lines: list[FieldChange]) -> None:
        super().__init__(parent, f"History of {title}")
        layout = QVBoxLayout(self)
        self.model = HistoryModel(self)
        self.model.set_rows(lines)
        self.table = make_table(self.model, self.model.COLUMNS, self)
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName(f"History of {title}")
        layout.addWidget(QLabel(f"Every change to <b>{title}</b>, newest first: when, the workstation user, the "
                                "field, its old and new value."))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, table: str, row_id: int, title: str) -> None:
        """Show the History of one record."""
        from imet_desktop.store.history import record_history

        cls(parent, title, record_history(db, table, row_id)).run()


# --- the database log ------------------------------------------------------------------------------------

class LogModel(RowListModel):
    """The changes of the database, newest first."""

    COLUMNS = (
        Column("When", lambda e: e.at, format_date_time, width=21),
        Column("User", lambda e: e.user, width=12),
        Column("Change", lambda e: e.name, width=50, stretch=True),
        Column("Rows", lambda e: e.records, width=6, numeric=True),
        Column("Undone", lambda e: "undone" if e.undone else "", width=8),
    )


class DetailModel(RowListModel):
    """The fields one change touched."""

    COLUMNS = (
        Column("Record", lambda d: d[0], width=30),
        Column("Field", lambda d: d[1], width=20),
        Column("Old", lambda d: d[2], _value, width=24),
        Column("New", lambda d: d[3], _value, width=24, stretch=True),
    )


def _date_filter(text: str) -> dt.date | None:
    return parse_date(text) if text.strip() else None


class DatabaseLogDialog(RecordsDialog):
    """Every change to the database, filtered by date, user and record, exportable."""

    default_size = (1000, 640)

    def __init__(self, parent: QWidget | None, db: Database) -> None:
        from imet_desktop.store.history import log_users

        super().__init__(parent, "Database log")
        self.db = db
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.since_edit = QLineEdit()
        self.since_edit.setPlaceholderText("from (22 APR 2027)")
        self.since_edit.setAccessibleName("From date")
        self.until_edit = QLineEdit()
        self.until_edit.setPlaceholderText("to (22 APR 2027)")
        self.until_edit.setAccessibleName("To date")
        self.user_combo = QComboBox()
        self.user_combo.setAccessibleName("User")
        self.user_combo.addItem("Every user", "")
        for user in log_users(db):
            self.user_combo.addItem(user, user)
        self.record_edit = QLineEdit()
        self.record_edit.setPlaceholderText("record: a name, or a student's id")
        self.record_edit.setAccessibleName("Record")
        self.filter_button = QPushButton("Show")
        self.export_button = QPushButton("Export…")
        self.export_button.setObjectName("exportLog")
        for label, widget in (("From", self.since_edit), ("to", self.until_edit), ("User", self.user_combo),
                              ("Record", self.record_edit)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget, 1 if widget is self.record_edit else 0)
        filters.addWidget(self.filter_button)
        filters.addWidget(self.export_button)
        layout.addLayout(filters)
        self.message = QLabel()
        layout.addWidget(self.message)
        self.model = LogModel(self)
        self.table = make_table(self.model, self.model.COLUMNS, self)
        self.table.setObjectName("logTable")
        self.table.setAccessibleName("Database log")
        layout.addWidget(self.table, 3)
        self.detail_model = DetailModel(self)
        self.detail = make_table(self.detail_model, self.detail_model.COLUMNS, self)
        self.detail.setObjectName("logDetail")
        self.detail.setAccessibleName("The selected change's fields")
        layout.addWidget(self.detail, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for edit in (self.since_edit, self.until_edit, self.record_edit):
            edit.returnPressed.connect(self.show_entries)
        self.filter_button.clicked.connect(self.show_entries)
        self.user_combo.currentIndexChanged.connect(lambda _i: self.show_entries())
        self.export_button.clicked.connect(self.export)
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        self.show_entries()

    def filters(self) -> dict[str, Any]:
        """The filters as typed; raises ValueError naming a date that is not one."""
        since, until = _date_filter(self.since_edit.text()), _date_filter(self.until_edit.text())
        record_text = self.record_edit.text().strip()
        record = ("students", int(record_text)) if record_text.isdigit() else None
        return {"since": since, "until": until, "user": self.user_combo.currentData() or "", "record": record,
                "text": "" if record is not None else record_text}

    def show_entries(self) -> list[LogEntry]:
        """Read the log with the filters as typed."""
        from imet_desktop.store.history import database_log

        try:
            entries = database_log(self.db, **self.filters())
        except ValueError as e:
            self.message.setText(f"<span style='color:#B3261E'>{e}</span>")
            return []
        self.model.set_rows(entries)
        self.message.setText(f"{len(entries):,} change{'s' if len(entries) != 1 else ''}")
        if entries:
            select_first(self.table)
        else:
            self.detail_model.set_rows([])
        return entries

    def _show_detail(self) -> None:
        from imet_desktop.store.changes import field_label, group_changes
        from imet_desktop.store.history import HIDDEN_COLUMNS, record_name

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail_model.set_rows([])
            return
        entry = self.model.data(rows[0], ROW_ROLE)
        lines: list[tuple[str, str, object, object]] = []
        for change in group_changes(self.db, entry.group_id)[:500]:
            who = record_name(self.db, change)
            if change.op == "update":
                lines += [(who, field_label(change.table, c), change.old.get(c), change.new.get(c))
                          for c in change.new if c not in HIDDEN_COLUMNS]
            else:
                lines.append((who, "(the record)", "" if change.op == "insert" else "present",
                              "added" if change.op == "insert" else "deleted"))
        self.detail_model.set_rows(lines)

    def export(self) -> Path | None:
        """Save the log as shown (with each change's fields) to a CSV file readable by its owner only."""
        from imet_desktop.ops.history import export_log
        from imet_desktop.ui.common.errors import show_failure

        target = dialogs.choose_save_file(self, "Export the database log", Path.home() / "database-log.csv",
                                          "CSV files (*.csv)", "csv")
        if target is None:
            return None
        try:
            written = export_log(self.db, target, **self.filters())
        except Exception as e:
            show_failure(self, "The log was not exported", e, doing="exporting the database log")
            return None
        self.message.setText(f"Exported to {written} (readable by you only: it holds personal data)")
        return written

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database) -> None:
        """Show the database log."""
        cls(parent, db).run()

