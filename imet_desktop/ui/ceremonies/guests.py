"""A ceremony's guests: who is invited, their answers and needs, their precedence and whose party they join."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from imet_desktop.domain.records import Guest, Rsvp
from imet_desktop.ui.ceremonies.dialogs import GuestDialog, GuestForm
from imet_desktop.ui.ceremonies.models import GuestsModel
from imet_desktop.ui.ceremonies.page import CeremonyPage
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.tables import make_table

if TYPE_CHECKING:
    from imet_desktop.store.ceremonies import GuestRow


class GuestsPage(CeremonyPage):
    """The guest list by precedence, searched by name, organisation or country, filtered by answer."""

    lazy = True  # not read again for every inductee added, moved or removed while another view is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_box = SearchBox("Search guests by name, organisation, country or category…")
        self.search_box.setObjectName("guestsSearch")
        self.rsvp_box = QComboBox()
        self.rsvp_box.setObjectName("guestsRsvpFilter")
        self.rsvp_box.addItem("All answers", "")
        for choice in Rsvp:
            self.rsvp_box.addItem(choice.value, choice.value)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("rsvpCounts")
        self.model = GuestsModel(self)
        self.table = make_table(self.model, GuestsModel.COLUMNS, name="guestsTable")
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button = self.button("Add guest…", self.add_guest, "addGuest")
        self.edit_button = self.button("Edit…", self.edit_selected, "editGuest")
        self.remove_button = self.button("Remove", self.remove_selected, "removeGuest")
        self.accept_button = self.button("Accepted", lambda: self.answer_selected(Rsvp.ACCEPTED.value),
                                         "guestAccepted")
        self.decline_button = self.button("Declined", lambda: self.answer_selected(Rsvp.DECLINED.value),
                                          "guestDeclined")
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.rsvp_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts_label)
        answer = QLabel("Mark the answer:")
        layout.addLayout(self.button_row(self.add_button, self.edit_button, self.remove_button, answer,
                                         self.accept_button, self.decline_button, stretch_at=3))
        self.search_box.search_changed.connect(lambda _t: self.reload())
        self.rsvp_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.enable())

    def reload(self) -> None:
        from imet_desktop.store.ceremonies import list_guest_rows, rsvp_counts

        if self.db is None or self.ceremony_id is None:
            self.model.set_rows([])
            self.counts_label.setText("")
            return
        selected = {g.id for g in self.selected()}
        rows = list_guest_rows(self.db, self.ceremony_id, search=self.search_box.text(),
                               rsvp=str(self.rsvp_box.currentData() or ""))
        self.model.set_rows(rows)
        for n, g in enumerate(self.model.rows()):
            if g.id in selected:
                self.table.selectRow(n)
        counts = rsvp_counts(self.db, self.ceremony_id)
        shown = f"Showing {len(rows)}. " if len(rows) != counts.total else ""
        self.counts_label.setText(f"{shown}{counts.summary()}.")

    def allowed_by_selection(self) -> dict[QPushButton, bool]:
        selected = len(self.selected())
        return {self.remove_button: selected > 0, self.accept_button: selected > 0, self.decline_button: selected > 0,
                self.edit_button: selected == 1}

    def selected(self) -> list[GuestRow]:
        """The guests selected."""
        return self.selected_rows(self.table)  # type: ignore[return-value]

    def _inductees(self) -> list[object]:
        from imet_desktop.store.ceremonies import list_inductees

        assert self.db is not None and self.ceremony_id is not None
        return list(list_inductees(self.db, self.ceremony_id))

    def add_guest(self) -> bool:
        """Invite someone."""
        from imet_desktop.store.ceremonies import add_guest

        if self.db is None or self.ceremony_id is None:
            return False
        form = GuestDialog.ask(self, GuestForm(Guest(self.ceremony_id, ""), dt.date.today(), None),
                               self._inductees())  # type: ignore[arg-type]
        if form is None:
            return False
        db = self.db
        return self.change("Guest not added", lambda: add_guest(
            db, form.guest, invited_date=form.invited_date, guest_of_inductee_id=form.guest_of_inductee_id),
            doing="adding the guest")

    def edit_selected(self) -> bool:
        """Change the selected guest (details, answer, party)."""
        from imet_desktop.store.ceremonies import update_guest

        rows = self.selected()
        if len(rows) != 1 or self.db is None or not self.editable:
            return False
        row = rows[0]
        form = GuestDialog.ask(self, GuestForm(row.as_guest(), row.invited_date, row.guest_of_inductee_id),
                               self._inductees())  # type: ignore[arg-type]
        if form is None:
            return False
        db = self.db
        return self.change("Guest not saved", lambda: update_guest(
            db, form.guest, invited_date=form.invited_date, guest_of_inductee_id=form.guest_of_inductee_id),
            doing="saving the guest")

    def answer_selected(self, answer: str) -> bool:
        """Record the selected guests' answer as of today (a guest who declines loses their seat)."""
        from imet_desktop.store.ceremonies import update_guest
        from imet_desktop.store.db import write

        rows = self.selected()
        if not rows or self.db is None:
            return False
        db = self.db

        def save() -> None:
            with write(db):
                for g in rows:
                    update_guest(db, replace(g.as_guest(), rsvp=answer, rsvp_date=dt.date.today()),
                                 invited_date=g.invited_date, guest_of_inductee_id=g.guest_of_inductee_id)

        return self.change("Answer not saved", save, doing="saving the guest's answer")

    def remove_selected(self) -> bool:
        """Take the selected guests off the list."""
        from imet_desktop.store.ceremonies import delete_guest
        from imet_desktop.store.db import write

        rows = self.selected()
        if not rows or self.db is None:
            return False
        if not dialogs.ask_yes_no(self, "Remove guests", f"Take {', '.join(g.name for g in rows)} off the guest list?"):
            return False
        db = self.db

        def remove() -> None:
            with write(db):
                for g in rows:
                    delete_guest(db, g.id)

        return self.change("Not removed", remove, doing="removing the guest")
