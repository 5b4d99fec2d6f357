"""The Nominations page: every nomination, its clearances and history, and the moves of the process."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.domain.eligibility import NOMINATOR_KINDS, next_statuses
from imet_desktop.domain.records import CeremonyStatus, Nomination, NominationStatus
from imet_desktop.ui.common.errors import attempt
from imet_desktop.ui.common.formatting import count_text, display_date
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.honor_roll.graduate_dialogs import ChooseGraduateDialog
from imet_desktop.ui.honor_roll.model import NominationsModel
from imet_desktop.ui.honor_roll.nomination_dialogs import (
    AssignCeremonyDialog,
    NominationDialog,
    NominationForm,
    StatusChangeDialog,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.store.honor_roll import NominationRow

# status -> (button text, dialog title, question, reason required)
_MOVES: dict[str, tuple[str, str, str, bool]] = {
    NominationStatus.VERIFIED: ("Verify…", "Verify the nomination",
                                      "The course in residence and the position have been checked against the "
                                      "school's records and the criteria.", False),
    NominationStatus.APPROVED: ("Approve…", "Approve the nomination",
                                      "Every clearance is done: the nominee goes on the next ceremony.", False),
    NominationStatus.DECLINED: ("Decline…", "Decline the nomination",
                                      "Record why the nomination is declined (it stays in the history).", True),
    NominationStatus.NOMINATED: ("Reopen…", "Reopen the nomination",
                                       "Put the nomination back to Nominated, to be verified again.", False),
}


AWAITING_CLEARANCE = "Awaiting clearance"


class NominationsPage(QWidget):
    """Nominations newest first, filtered by status or name; the selected one's details beside them."""

    changed = Signal()
    """A nomination was added or changed (other lists may show it)."""
    graduate_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.status_box = QComboBox()
        self.status_box.setObjectName("nominationStatusFilter")
        self.status_box.addItem("All statuses", "")
        for choice in NominationStatus:
            self.status_box.addItem(choice.value, choice.value)
        self.status_box.addItem(AWAITING_CLEARANCE, AWAITING_CLEARANCE)  # what the Overview counts
        self.search_box = SearchBox("Search nominees by name or country, or who nominated…")
        self.search_box.setObjectName("nominationsSearch")
        self.count_label = QLabel()
        self.model = NominationsModel(self)
        self.table = make_table(self.model, NominationsModel.COLUMNS, name="nominationsTable")
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.detail = QLabel()
        self.detail.setObjectName("nominationDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMargin(8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        scroll.setMinimumWidth(300)

        self.new_button = QPushButton("New nomination…")
        self.new_button.setObjectName("newNominationButton")
        self.open_button = QPushButton("Open…")
        self.move_buttons: dict[str, QPushButton] = {}
        for status, (text, *_rest) in _MOVES.items():
            button = QPushButton(text)
            button.setObjectName(f"move{status}")
            button.clicked.connect(lambda _c=False, s=status: self.move_selected(s))
            self.move_buttons[status] = button
        self.assign_button = QPushButton("Assign to ceremony…")
        self.assign_button.setObjectName("assignCeremonyButton")
        self.graduate_button = QPushButton("Positions and schools…")

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.status_box)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.open_button, *self.move_buttons.values(), self.assign_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.graduate_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.status_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.search_box.search_changed.connect(lambda _t: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self.new_button.clicked.connect(self.new_nomination)
        self.open_button.clicked.connect(self.open_selected)
        self.assign_button.clicked.connect(self.assign_selected)
        self.graduate_button.clicked.connect(self._graduate)
        self._show_selected()

    # --- reading ---------------------------------------------------------------------------------------
    def set_database(self, db: Database | None) -> None:
        """Read from this database from now on."""
        self.db = db

    def reload(self) -> None:
        """Read the nominations again, keeping the selection."""
        from imet_desktop.store.honor_roll import list_nominations

        if self.db is None:
            return
        current = self.selected()
        chosen = str(self.status_box.currentData() or "")
        awaiting = chosen == AWAITING_CLEARANCE
        rows = list_nominations(self.db, status="" if awaiting else chosen, search=self.search_box.text(),
                                awaiting_clearance=awaiting)
        self.model.set_rows(rows)
        self.count_label.setText(count_text(len(rows), "nomination"))
        if current is not None:
            self.select_nomination(current.id)
        self._show_selected()

    def show_awaiting_clearance(self) -> None:
        """List the nominations still in progress with a clearance step not done (search cleared)."""
        self.search_box.clear()
        if self.status_box.currentData() != AWAITING_CLEARANCE:
            self.status_box.setCurrentIndex(self.status_box.findData(AWAITING_CLEARANCE))  # reads them again
        else:
            self.reload()

    def selected(self) -> NominationRow | None:
        """The nomination selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_nomination(self, nomination_id: int) -> bool:
        """Select a nomination's line; False when it is not listed (filtered out)."""
        for n, row in enumerate(self.model.rows()):
            if row.id == nomination_id:
                self.table.selectRow(n)
                return True
        return False

    def _show_selected(self) -> None:
        from imet_desktop.store.clearances import list_clearances
        from imet_desktop.store.honor_roll import get_nomination, nomination_history

        row = self.selected()
        self.open_button.setEnabled(row is not None)
        self.graduate_button.setEnabled(row is not None)
        allowed = next_statuses(row.status) if row is not None else ()
        for status, button in self.move_buttons.items():
            button.setEnabled(status in allowed)
        self.assign_button.setEnabled(row is not None and row.status == NominationStatus.APPROVED)
        if row is None or self.db is None:
            self.detail.setText("<i>Select a nomination to see its clearances and history.</i>")
            return
        nomination = get_nomination(self.db, row.id)
        parts = [f"<b>{escape(row.legal_name)}</b>" + (f"<br>{escape(row.native_name)}" if row.native_name else ""),
                 escape(row.country_name),
                 f"<b>Position:</b> {escape(row.position_title) or '<i>none named</i>'}",
                 f"<b>Nominated by:</b> {escape(row.nominated_by)}"
                 + (f", {display_date(row.nomination_date)}" if row.nomination_date else "")
                 + (f"<br><i>{escape(NOMINATOR_KINDS.get(row.nominated_by_kind, row.nominated_by_kind))}</i>"
                    if row.nominated_by_kind else ""),
                 f"<b>Status:</b> {escape(row.status)}"
                 + (f" — {escape(row.ceremony_title)}" if row.ceremony_title else "")]
        if nomination.evidence:
            parts.append(f"<b>Evidence:</b> {escape(nomination.evidence)}")
        checks = []
        for c in list_clearances(self.db, row.id):
            mark = "<span style='color:#1B5E20'>✔</span>" if c.cleared_date else "<span style='color:#B3261E'>✘</span>"
            when = f" — {display_date(c.cleared_date)}" if c.cleared_date else " — open"
            by = f", {escape(c.cleared_by)}" if c.cleared_by else ""
            checks.append(f"{mark} {escape(c.step)}{when}{by}")
        parts.append("<b>Clearances</b><br>" + "<br>".join(checks))
        history = [f"{display_date(h.effective_date)} {escape(h.status)}" + (f": {escape(h.note)}" if h.note else "")
                   for h in nomination_history(self.db, row.id)]
        parts.append("<b>History</b><br>" + "<br>".join(history))
        self.detail.setText("<br><br>".join(parts))

    # --- changing ---------------------------------------------------------------------------------------
    def nominate(self, student_id: int, position_id: int | None = None) -> int | None:
        """Open the nomination editor for a graduate; returns the new nomination's id when saved."""
        if self.db is None:
            return None
        nomination = Nomination(student_id, "", nomination_date=dt.date.today(), position_id=position_id)
        form = NominationDialog.ask(self, self.db, nomination)
        if form is None:
            return None
        saved = self._save(form)
        if saved is not None:
            self.status_box.setCurrentIndex(0)
            self.search_box.clear()
            self.reload()
            self.select_nomination(saved)
            self.changed.emit()
        return saved

    def new_nomination(self) -> None:
        """Nominate a graduate found by name (one not on the eligible list, e.g. proposed by an embassy)."""
        if self.db is None:
            return
        student_id = ChooseGraduateDialog.ask(self, self.db, "Whom to nominate")
        if student_id is not None:
            self.nominate(student_id)

    def open_selected(self) -> None:
        """Edit the selected nomination: details, evidence and clearances."""
        from imet_desktop.store.honor_roll import get_nomination

        row = self.selected()
        if row is None or self.db is None:
            return
        form = NominationDialog.ask(self, self.db, get_nomination(self.db, row.id))
        if form is not None and self._save(form) is not None:
            self.reload()
            self.changed.emit()

    def _save(self, form: NominationForm) -> int | None:
        from imet_desktop.store.clearances import list_clearances, set_clearance
        from imet_desktop.store.db import write
        from imet_desktop.store.honor_roll import add_nomination, update_nomination
        from imet_desktop.ui.records.stale import save_checked

        db = self.db
        assert db is not None
        saved: list[int] = []

        def save(version: int) -> bool:
            with write(db):
                nomination = replace(form.nomination, version=version)
                if nomination.id is None:
                    nomination_id = add_nomination(db, nomination)
                    before = {}
                else:
                    nomination_id = nomination.id
                    update_nomination(db, nomination)
                    before = {c.step: c for c in list_clearances(db, nomination_id)}
                for c in form.clearances:
                    old = before.get(c.step)
                    if old is None and c.cleared_date is None and not c.cleared_by and not c.note:
                        continue
                    if old is None or (old.cleared_date, old.cleared_by, old.note) != (c.cleared_date, c.cleared_by,
                                                                                       c.note):
                        set_clearance(db, nomination_id, c.step, c.cleared_date, c.cleared_by, c.note)
                saved.append(nomination_id)
            return True

        outcome = save_checked(self, save, form.nomination.version, title="Nomination not saved",
                               doing="saving the nomination")
        return saved[0] if outcome is not None and outcome != "reload" and saved else None

    def move_selected(self, status: str) -> bool:
        """Move the selected nomination to a status (asks the date and a note, or the reason to decline)."""
        from imet_desktop.store.honor_roll import change_nomination_status

        row = self.selected()
        if row is None or self.db is None:
            return False
        _text, title, question, reason = _MOVES[status]
        change = StatusChangeDialog.ask(self, title, f"{row.legal_name}: {question}", note_required=reason,
                                        note_hint="e.g. the position held does not meet the criteria" if reason
                                        else "")
        if change is None:
            return False
        db = self.db
        if attempt(self, f"Cannot mark the nomination {status}",
                   lambda: change_nomination_status(db, row.id, status, change.effective, change.note),
                   doing="changing the nomination's status"):
            self.reload()
            self.changed.emit()
            return True
        return False

    def assign_selected(self) -> bool:
        """Put the selected approved nominee on a planned ceremony."""
        from imet_desktop.store.ceremonies import assign_nomination, list_ceremonies
        from imet_desktop.ui.ceremonies.eligibility import ask_override
        from imet_desktop.ui.ceremonies.moving import ask_moves

        row = self.selected()
        if row is None or self.db is None:
            return False
        planned = [c for c in list_ceremonies(self.db) if c.status == CeremonyStatus.PLANNED]
        choice = AssignCeremonyDialog.ask(self, row.legal_name, planned, row.ceremony_id)
        if choice is None:
            return False
        db = self.db
        title = next((c.title for c in planned if c.id == choice.ceremony_id), "")
        moving, staying = ask_moves(self, db, choice.ceremony_id, title, [(row.student_id, row.legal_name)])
        if staying:
            return False
        override, left_off = ask_override(self, db, [(row.student_id, row.legal_name)])
        if left_off:
            return False
        if attempt(self, "Not assigned", lambda: assign_nomination(
                db, row.id, choice.ceremony_id, representative_name=choice.representative_name,
                representative_title=choice.representative_title, move=bool(moving), override_reason=override),
                doing="assigning the nominee to the ceremony"):
            self.reload()
            self.changed.emit()
            return True
        return False

    def _graduate(self) -> None:
        row = self.selected()
        if row is not None:
            self.graduate_requested.emit(row.student_id)
