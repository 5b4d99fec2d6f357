"""The Roster tab's small dialogs. Each opens through its ``ask(...)`` class method, the only place
that shows it modally (``run()``, from the one dialog base), so tests replace ``ask`` (or ``run``) and
drive the dialog directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.domain.dates import format_date, format_date_time
from imet_desktop.domain.records import StudentStatus
from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.common.dialog_base import Dialog
from imet_desktop.ui.common.fields import date_edit, from_qdate
from imet_desktop.ui.common.tables import fill_table, table_widget

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.store.duplicates import PossibleDuplicate
    from imet_desktop.store.imports import ImportBatch
    from imet_desktop.store.students import NewStatus
    from imet_desktop.ui.roster.photos import PhotoImportReport


# --- status change ---------------------------------------------------------------------------------------

class StatusDialog(Dialog):
    """A status change: the new status, the date it took effect, a note."""


    def __init__(self, parent: QWidget | None, *, current: str = "", who: str = "",
                 today: dt.date | None = None) -> None:
        super().__init__(parent, "Change status")
        today = today or dt.date.today()
        layout = QVBoxLayout(self)
        intro = QLabel(f"Change the status of {who}." if who else "Change the status.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.status_box = QComboBox()
        self.status_box.setObjectName("statusChoice")
        for status in StudentStatus:
            self.status_box.addItem(status.value)
        following = list(StudentStatus)
        if current in following:
            index = following.index(StudentStatus(current))
            self.status_box.setCurrentIndex(min(index + 1, len(following) - 1))
        self.date_edit = date_edit(today)
        self.date_edit.setObjectName("statusDate")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("statusNote")
        self.note_edit.setPlaceholderText("e.g. arrived MGM on flight DL 1234; withdrawn at own request")
        if current:
            form.addRow("Now", QLabel(current))
        form.addRow("New status", self.status_box)
        form.addRow("Effective", self.date_edit)
        form.addRow("Note", self.note_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Change status")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def value(self) -> NewStatus:
        """The change as entered."""
        from imet_desktop.store.students import NewStatus

        return NewStatus(self.status_box.currentText(), from_qdate(self.date_edit.date()), self.note_edit.text())

    @classmethod
    def ask(cls, parent: QWidget | None, *, current: str = "", who: str = "") -> NewStatus | None:
        """The status change, or None when cancelled."""
        dialog = cls(parent, current=current, who=who)
        return dialog.value() if dialog.run() else None


# --- possible duplicate ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DuplicateDecision:
    """What the clerk chose: open an existing record (open_id), or save anyway with a reason."""

    open_id: int | None = None
    reason: str = ""


class DuplicateDialog(Dialog):
    """The records a new student may duplicate; open one of them, or save anyway with a reason."""


    def __init__(self, parent: QWidget | None, matches: Sequence[PossibleDuplicate], new_name: str) -> None:
        super().__init__(parent, "Possible duplicate")
        self.matches = list(matches)
        layout = QVBoxLayout(self)
        count = "a student in the database matches" if len(matches) == 1 else \
            f"{len(matches)} students in the database match"
        intro = QLabel(f"<b>{_html(new_name)}</b> may already be recorded: {count} the legal name and date of "
                       "birth, the passport number or the WCN. Open the existing record, or save a new one "
                       "with the reason.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = table_widget(["Record", "Legal name", "Date of birth", "Passport", "WCN", "Matches on"],
                                  "duplicateMatches")
        fill_table(self.table, [
            (f"#{m.id}" + (" (archived)" if m.archived else ""), m.legal_name, _date_text(m.date_of_birth),
             m.passport_number, m.wcn, "; ".join(m.reasons)) for m in matches])
        self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self._open())
        layout.addWidget(self.table, 1)
        box = QGroupBox("Save as a new student anyway")
        box_layout = QFormLayout(box)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("duplicateReason")
        self.reason_edit.setPlaceholderText("why this is a different person, e.g. namesake, passport re-issued")
        box_layout.addRow("Reason", self.reason_edit)
        layout.addWidget(box)
        row = QHBoxLayout()
        self.open_button = QPushButton("Open the existing record")
        self.open_button.setObjectName("openExisting")
        self.save_button = QPushButton("Save as a new student")
        self.save_button.setObjectName("saveAnyway")
        self.back_button = QPushButton("Back to editing")
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.back_button)
        layout.addLayout(row)
        self.open_button.clicked.connect(self._open)
        self.save_button.clicked.connect(self._save)
        self.back_button.clicked.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update)
        self.decision: DuplicateDecision | None = None
        self._update()
        self.resize(760, 340)

    def _update(self) -> None:
        self.save_button.setEnabled(bool(self.reason_edit.text().strip()))

    def _open(self) -> None:
        row = max(self.table.currentRow(), 0)
        self.decision = DuplicateDecision(open_id=self.matches[row].id)
        self.accept()

    def _save(self) -> None:
        if not self.reason_edit.text().strip():
            return
        self.decision = DuplicateDecision(reason=self.reason_edit.text().strip())
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, matches: Sequence[PossibleDuplicate], new_name: str
            ) -> DuplicateDecision | None:
        """Open an existing record, save anyway (with the reason), or None: back to editing."""
        dialog = cls(parent, matches, new_name)
        return dialog.decision if dialog.run() else None


def _html(text: str) -> str:
    from html import escape

    return escape(text)


def _date_text(iso: str) -> str:
    try:
        return format_date(dt.date.fromisoformat(iso)) if iso else ""
    except ValueError:
        return iso


# --- export ---------------------------------------------------------------------------------------------

FORMATS = {"xlsx": "Excel workbook (.xlsx)", "csv": "CSV, UTF-8 (.csv)", "pdf": "Printable roster (PDF)"}


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """What to export: the students shown or the selected ones, the format, and whether personal fields go too."""

    selection_only: bool
    file_format: str  # "xlsx", "csv" or "pdf"
    include_personal: bool


class ExportDialog(Dialog):
    """Which students, which format, personal data or not."""


    def __init__(self, parent: QWidget | None, *, shown: int, selected: int, file_format: str = "xlsx") -> None:
        super().__init__(parent, "Export students" if file_format != "pdf" else "Print the roster")
        layout = QVBoxLayout(self)
        who = QGroupBox("Students")
        who_layout = QVBoxLayout(who)
        self.shown_radio = QRadioButton(f"The {shown:,} students shown (search and filters as now, in this order)")
        self.shown_radio.setObjectName("exportShown")
        self.selected_radio = QRadioButton(f"The {selected:,} selected students" if selected else
                                           "The selected students (none selected)")
        self.selected_radio.setObjectName("exportSelected")
        self.selected_radio.setEnabled(selected > 0)
        (self.selected_radio if selected > 1 else self.shown_radio).setChecked(True)
        who_layout.addWidget(self.shown_radio)
        who_layout.addWidget(self.selected_radio)
        layout.addWidget(who)
        what = QGroupBox("Format")
        what_layout = QVBoxLayout(what)
        self.format_group = QButtonGroup(self)
        self.format_radios: dict[str, QRadioButton] = {}
        for key, text in FORMATS.items():
            radio = QRadioButton(text)
            radio.setObjectName(f"exportFormat_{key}")
            self.format_group.addButton(radio)
            self.format_radios[key] = radio
            what_layout.addWidget(radio)
        self.format_radios.get(file_format, self.format_radios["xlsx"]).setChecked(True)
        layout.addWidget(what)
        self.personal_check = QCheckBox("Include personal data (date of birth, passport, visa and service numbers)")
        self.personal_check.setObjectName("exportPersonal")
        layout.addWidget(self.personal_check)
        self.personal_note = QLabel("The file will be marked CUI (Controlled Unclassified Information, privacy): "
                                    "store and send it accordingly.")
        self.personal_note.setWordWrap(True)
        self.personal_note.setStyleSheet("color: #8a4b00")
        layout.addWidget(self.personal_note)
        self.personal_check.toggled.connect(self.personal_note.setVisible)
        self.personal_note.setVisible(False)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose the file…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def value(self) -> ExportChoice:
        """The choice as made."""
        fmt = next(key for key, radio in self.format_radios.items() if radio.isChecked())
        return ExportChoice(self.selected_radio.isChecked(), fmt, self.personal_check.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, *, shown: int, selected: int, file_format: str = "xlsx"
            ) -> ExportChoice | None:
        """The export asked for, or None when cancelled."""
        dialog = cls(parent, shown=shown, selected=selected, file_format=file_format)
        return dialog.value() if dialog.run() else None


# --- import history ----------------------------------------------------------------------------------------

class ImportHistoryDialog(Dialog):
    """Every import of students, newest first; an import can be undone as a whole while nothing depends on it."""


    def __init__(self, parent: QWidget | None, db: Database) -> None:
        super().__init__(parent, "Import history")
        self.db = db
        self.changed = False
        layout = QVBoxLayout(self)
        intro = QLabel("Each import is one change. Undo removes every student it brought in, as long as none of "
                       "them has been worked on since (edited, placed in a class, given a photo…).")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = table_widget(["Imported", "File", "By", "Rows", "Imported", "Skipped", "Still here", "Undone"],
                                  "importHistory")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setObjectName("importHistoryMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.undo_button = QPushButton("Undo this import…")
        self.undo_button.setObjectName("undoImport")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.undo_button.clicked.connect(self.undo_selected)
        self.table.itemSelectionChanged.connect(self._update)
        self.batches: list[ImportBatch] = []
        self.reload()
        self.resize(860, 420)

    def reload(self) -> None:
        """Read the imports again."""
        from imet_desktop.exchange.student_import import BATCH_KIND
        from imet_desktop.store.imports import list_batches

        self.batches = list(list_batches(self.db, kind=BATCH_KIND))
        fill_table(self.table, [
            (format_date_time(b.started_at), b.file_name, b.user_name, b.rows_total, b.rows_imported, b.rows_rejected,
             b.students_present, format_date_time(b.undone_at)) for b in self.batches])
        if self.batches:
            self.table.selectRow(0)
        self._update()

    def _update(self) -> None:
        row = self.table.currentRow()
        batch = self.batches[row] if 0 <= row < len(self.batches) else None
        self.undo_button.setEnabled(batch is not None and not batch.undone)

    def undo_selected(self) -> None:
        """Undo the selected import after the clerk confirms; a refusal says why."""
        from imet_desktop.store.imports import UndoRefusedError, undo_batch, undo_refusal
        from imet_desktop.ui.common.errors import show_failure

        row = self.table.currentRow()
        if not 0 <= row < len(self.batches):
            return
        batch = self.batches[row]
        refusal = undo_refusal(self.db, batch.id)  # say so before asking "are you sure?"
        if refusal:
            show_failure(self, "The import cannot be undone", UndoRefusedError(refusal), doing="undoing the import")
            return
        if not common_dialogs.ask_yes_no(
                self, "Undo the import",
                f"Remove the {batch.students_present:,} students imported from {batch.file_name} "
                f"on {format_date_time(batch.started_at)}?"):
            return
        try:
            removed = undo_batch(self.db, batch.id)
        except Exception as e:
            show_failure(self, "The import cannot be undone", e, doing="undoing the import")
            return
        self.changed = True
        self.message.setText(f"Undone: {removed:,} students of {batch.file_name} removed.")
        self.reload()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database) -> bool:
        """Show the history; True when an import was undone (the roster must be read again)."""
        dialog = cls(parent, db)
        dialog.run()
        return dialog.changed


# --- photo import report -----------------------------------------------------------------------------------

class PhotoReportDialog(Dialog):
    """What the bulk photo import did, and every file it could not use with the reason."""


    def __init__(self, parent: QWidget | None, report: PhotoImportReport) -> None:
        super().__init__(parent, "Photo import")
        layout = QVBoxLayout(self)
        summary = QLabel(report.summary)
        summary.setObjectName("photoSummary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        if report.unmatched:
            layout.addWidget(QLabel("Files not used — rename a file to contain the student's WCN or passport "
                                    "number, or add the photo from the student's record:"))
        self.table = table_widget(["File", "Why it was not used"], "photoUnmatched")
        fill_table(self.table, report.unmatched)
        self.table.setVisible(bool(report.unmatched))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(720, 380 if report.unmatched else 140)

    @classmethod
    def ask(cls, parent: QWidget | None, report: PhotoImportReport) -> None:
        """Show the report."""
        cls(parent, report).run()
