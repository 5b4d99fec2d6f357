"""The Ceremonies tab: the ceremonies, past and planned, above; the selected one's plan below.

Below the list, one view per part of the plan: details, inductees, order of events, guests,
seating, tasks, and the flags and anthems. "Mark as held…" (once the ceremony has taken place) puts every
inductee on the Honor Roll with the ceremony's date; "Reopen ceremony…" takes that back, with a reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget

from imet_desktop.domain.records import CeremonyStatus
from imet_desktop.ui.ceremonies.checklist import FlagsPage, TasksPage
from imet_desktop.ui.ceremonies.details import DetailsPage
from imet_desktop.ui.ceremonies.dialogs import CeremonyDialog
from imet_desktop.ui.ceremonies.guests import GuestsPage
from imet_desktop.ui.ceremonies.inductees import InducteesPage
from imet_desktop.ui.ceremonies.models import CeremoniesModel
from imet_desktop.ui.ceremonies.page import CeremonyPage
from imet_desktop.ui.ceremonies.program import ProgramPage
from imet_desktop.ui.ceremonies.seating import SeatingPage
from imet_desktop.ui.ceremonies.steady import SteadyHeading
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.errors import attempt
from imet_desktop.ui.common.formatting import count_text, display_date
from imet_desktop.ui.common.tab import Tab, popup_menu
from imet_desktop.ui.common.tables import make_table

if TYPE_CHECKING:
    from imet_desktop.store.ceremonies import CeremonyRow, InducteeRow


class CeremoniesTab(Tab):
    """Honor Roll induction ceremonies: plan one from its inductees to its seating, then mark it held."""

    title = "Ceremonies"
    DETAILS, INDUCTEES, PROGRAM, GUESTS, SEATING, TASKS, FLAGS = range(7)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ceremonies_model = CeremoniesModel(self)
        self.ceremonies_table = make_table(self.ceremonies_model, CeremoniesModel.COLUMNS, name="ceremoniesTable")
        self.ceremonies_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.ceremonies_label = QLabel("<b>Ceremonies</b>")
        self.inductees_label = SteadyHeading("ceremonyHeading")
        self.new_button = QPushButton("New ceremony…")
        self.new_button.setObjectName("newCeremony")
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setObjectName("deleteCeremony")
        self.held_button = QPushButton("Mark as held…")
        self.held_button.setObjectName("markHeld")
        self.held_button.setToolTip("Put every inductee on the Honor Roll with the ceremony's date")
        self.reopen_button = QPushButton("Reopen ceremony…")
        self.reopen_button.setObjectName("reopenCeremony")
        self.reopen_button.setToolTip("Take back a marking as held, with a reason: its inductions come off the "
                                      "Honor Roll")

        self.details_page = DetailsPage()
        self.inductees_page = InducteesPage()
        self.program_page = ProgramPage()
        self.guests_page = GuestsPage()
        self.seating_page = SeatingPage()
        self.tasks_page = TasksPage()
        self.flags_page = FlagsPage()
        self.pages: list[CeremonyPage] = [self.details_page, self.inductees_page, self.program_page,
                                          self.guests_page, self.seating_page, self.tasks_page, self.flags_page]
        # The inductees' table and model keep their names: the Print menu certifies the selected inductees.
        self.inductees_model = self.inductees_page.model
        self.inductees_table = self.inductees_page.table
        self.views = QTabWidget()
        self.views.setObjectName("ceremonyViews")
        for page, title in zip(self.pages, ("Details", "Inductees", "Order of events", "Guests", "Seating",
                                            "Tasks", "Flags and anthems"), strict=True):
            self.views.addTab(page, title)
            page.changed.connect(self._ceremony_changed)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        heading = self._print_row()
        for n, button in enumerate((self.new_button, self.delete_button, self.held_button,
                                            self.reopen_button)):
            heading.insertWidget(2 + n, button)
        top_layout.addLayout(heading)
        top_layout.addWidget(self.ceremonies_table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.inductees_label)
        bottom_layout.addWidget(self.views, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([170, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.new_button.clicked.connect(self.new_ceremony)
        self.delete_button.clicked.connect(self.delete_ceremony)
        self.held_button.clicked.connect(self.mark_held)
        self.reopen_button.clicked.connect(self.reopen)
        self.ceremonies_table.selectionModel().selectionChanged.connect(self._ceremony_selection_changed)

    def tables(self) -> list[QTableView]:
        return [self.ceremonies_table, self.inductees_table, self.guests_page.table, self.program_page.table,
                self.tasks_page.table]

    def _print_row(self) -> QHBoxLayout:
        """The ceremonies heading with the Print menu (certificates, program... of the selected ceremony)."""
        from imet_desktop.ui.documents.entries import ceremony_print_button, print_ceremony_document, with_button

        self.print_button = ceremony_print_button(
            self, lambda kind: print_ceremony_document(self, self.db, self.selected_ceremony_id(), kind,
                                                       self.selected_inductee_student_ids()),
            lambda: len(self.selected_inductees()))
        return with_button(self.ceremonies_label, self.print_button)

    def new_record_text(self) -> str:
        return "New ceremony…"

    def new_record(self) -> object:
        return self.new_ceremony()

    def print_text(self) -> str:
        return "Print a ceremony document…"

    def print_view(self) -> object:
        """The Print menu of the selected ceremony's documents, open under its button (arrows choose, Enter prints)."""
        return popup_menu(self.print_button)

    def focus_search(self) -> bool:
        self.views.setCurrentWidget(self.guests_page)
        self.guests_page.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.guests_page.search_box.selectAll()
        return True

    # --- the selection ---------------------------------------------------------------------------------------
    def selected_ceremony_id(self) -> int | None:
        """The ceremony whose plan is shown."""
        rows = self.ceremonies_table.selectionModel().selectedRows()
        if not rows:
            return None
        ceremony_id: int = self.ceremonies_model.row_at(rows[0].row()).id
        return ceremony_id

    def selected_ceremony(self) -> CeremonyRow | None:
        """The ceremony selected in the list."""
        rows = self.ceremonies_table.selectionModel().selectedRows()
        return self.ceremonies_model.row_at(rows[0].row()) if rows else None

    def select_ceremony(self, ceremony_id: int) -> bool:
        """Select a ceremony in the list; False when it is not there."""
        for n, row in enumerate(self.ceremonies_model.rows()):
            if row.id == ceremony_id:
                self.ceremonies_table.selectRow(n)
                return True
        return False

    def selected_inductees(self) -> list[InducteeRow]:
        """The inductees selected in the Inductees view, in program order (all certificates when empty)."""
        return self.inductees_page.selected()

    def selected_inductee_student_ids(self) -> list[int]:
        """The student ids of the selected inductees: the Print menu's certificates for the selected ones."""
        return [r.student_id for r in self.selected_inductees()]

    # --- reading ---------------------------------------------------------------------------------------------
    def _load(self) -> None:
        from imet_desktop.store.ceremonies import list_ceremonies

        assert self.db is not None
        selected = self.selected_ceremony_id()
        ceremonies = list_ceremonies(self.db)
        blocked = self.ceremonies_table.selectionModel().blockSignals(True)
        self.ceremonies_model.set_rows(ceremonies)
        self.ceremonies_table.selectionModel().blockSignals(blocked)
        self.ceremonies_label.setText(f"<b>Ceremonies</b> ({count_text(len(ceremonies), 'ceremony', 'ceremonies')})")
        row = next((i for i, c in enumerate(self.ceremonies_model.rows()) if c.id == selected), None)
        if row is None and ceremonies:
            row = 0  # the first one listed, so the plan below is never blank for nothing
        if row is not None:
            blocked = self.ceremonies_table.selectionModel().blockSignals(True)
            self.ceremonies_table.selectRow(row)
            self.ceremonies_table.selectionModel().blockSignals(blocked)
        self._show_ceremony()

    def _ceremony_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self.details_page.dirty and not dialogs.ask_yes_no(
                self, "Details not saved", "The ceremony's details have changes not saved. Save them?"):
            self.details_page.reload()
        elif self.details_page.dirty:
            self.details_page.save()
        self._show_ceremony()

    def _show_ceremony(self) -> None:
        from imet_desktop.store.ceremonies import get_ceremony

        row = self.selected_ceremony()
        ceremony = None if row is None or self.db is None else get_ceremony(self.db, row.id)
        for page in self.pages:
            page.show_ceremony(self.db, ceremony)
        self.delete_button.setEnabled(row is not None and row.status != CeremonyStatus.HELD)
        self.held_button.setEnabled(row is not None and row.status == CeremonyStatus.PLANNED)
        self.reopen_button.setEnabled(row is not None and row.status == CeremonyStatus.HELD)
        if row is None:
            self.inductees_label.show_text("Inductees", " — select a ceremony above")
            return
        self._show_heading(row)

    def _ceremony_changed(self) -> None:
        """A view changed the ceremony: read the list (counts) again and the other views with it."""
        sender = self.sender()
        selected = self.selected_ceremony_id()
        from imet_desktop.store.ceremonies import get_ceremony, list_ceremonies

        if self.db is None or selected is None:
            return
        self._show_ceremony_rows(list_ceremonies(self.db), selected)
        ceremony = get_ceremony(self.db, selected)
        for page in self.pages:
            if page is not sender:
                page.ceremony_changed(self.db, ceremony)
            else:
                page.ceremony = ceremony
        row = self.selected_ceremony()
        if row is not None:
            self._show_heading(row)
        # Nothing the status bar counts changes here (inductees, guests, the order of events...): the other tabs
        # read again when next shown, and 600,000 students are not counted again for an inductee moved.
        self.uncounted_records_changed.emit()

    def _show_ceremony_rows(self, ceremonies: list[CeremonyRow], selected: int) -> None:
        """The list read again after a change to one ceremony: the same ceremonies in the same order have the rows
        that changed replaced in place (the selection and the view stay: no reset of the list, no selection
        cascade); anything else (or a list the clerk sorted) resets the list, the selected ceremony selected again."""
        model = self.ceremonies_model
        sorted_by_clerk = self.ceremonies_table.horizontalHeader().sortIndicatorSection() >= 0  # set_rows re-sorts
        if not sorted_by_clerk and [c.id for c in ceremonies] == [c.id for c in model.rows()]:
            for n, row in enumerate(ceremonies):
                if row != model.row_at(n):
                    model.replace_row(n, row)
            return
        blocked = self.ceremonies_table.selectionModel().blockSignals(True)
        model.set_rows(ceremonies)
        self.select_ceremony(selected)
        self.ceremonies_table.selectionModel().blockSignals(blocked)

    def _show_heading(self, row: CeremonyRow) -> None:
        when = display_date(row.ceremony_date) or "no date yet"
        venue = f", {row.venue}" if row.venue else ""
        self.inductees_label.show_text(row.title, f" — {when}{venue} · {count_text(row.inductee_count, 'inductee')} · "
                                                  f"{count_text(row.guest_count, 'guest')} invited · {row.status}")

    # --- ceremonies ------------------------------------------------------------------------------------------
    def new_ceremony(self) -> int | None:
        """Add a planned ceremony with the usual order of events and checklist; returns its id."""
        from imet_desktop.store.ceremonies import new_ceremony

        if self.db is None:
            return None
        entered = CeremonyDialog.ask(self)
        if entered is None:
            return None
        db = self.db
        added: list[int] = []
        if not attempt(self, "Ceremony not added", lambda: added.append(new_ceremony(db, entered)),
                       doing="adding the ceremony"):
            return None
        self.refresh()
        self.select_ceremony(added[0])
        self.views.setCurrentWidget(self.inductees_page)
        self.records_changed.emit()
        return added[0]

    def delete_ceremony(self) -> bool:
        """Delete the selected ceremony (not one held); its approved nominees wait for another."""
        from imet_desktop.store.ceremonies import delete_ceremony

        row = self.selected_ceremony()
        if row is None or self.db is None:
            return False
        if not dialogs.ask_yes_no(
                self, "Delete ceremony",
                f"Delete “{row.title}” with its order of events, {count_text(row.guest_count, 'guest')} "
                f"and seating? Its {count_text(row.inductee_count, 'inductee')} stay approved for another ceremony."):
            return False
        db = self.db
        if attempt(self, "Ceremony not deleted", lambda: delete_ceremony(db, row.id), doing="deleting the ceremony"):
            self.refresh()
            self.records_changed.emit()
            return True
        return False

    def mark_held(self) -> bool:
        """Record the ceremony as held (on or after its day): each inductee goes on the Honor Roll with its date."""
        from imet_desktop.ui.ceremonies.held import mark_held

        row = self.selected_ceremony()
        if row is None or self.db is None:
            return False
        if self.details_page.dirty:
            self.details_page.save()
            row = self.selected_ceremony() or row
        if mark_held(self, self.db, row):
            self.refresh()
            self.records_changed.emit()
            return True
        return False

    def reopen(self) -> bool:
        """Reopen a ceremony marked as held by mistake, with a reason; its inductions come off the Honor Roll."""
        from imet_desktop.ui.ceremonies.held import reopen

        row = self.selected_ceremony()
        if row is None or self.db is None or not reopen(self, self.db, row):
            return False
        self.refresh()
        self.records_changed.emit()
        return True
