"""A ceremony's inductees: from the approved nominations (or any graduate), attending or represented, in order."""

from __future__ import annotations

from operator import attrgetter, countOf
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from imet_desktop.domain.records import NominationStatus
from imet_desktop.ui.ceremonies.dialogs import ChooseNominationDialog, InducteeDialog
from imet_desktop.ui.ceremonies.eligibility import ask_override
from imet_desktop.ui.ceremonies.models import InducteesModel
from imet_desktop.ui.ceremonies.moving import ask_moves, graduate_name
from imet_desktop.ui.ceremonies.page import CeremonyPage
from imet_desktop.ui.ceremonies.steady import SteadyLabel
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.honor_roll.graduate_dialogs import ChooseGraduateDialog

if TYPE_CHECKING:
    from imet_desktop.store.ceremonies import InducteeRow

_ATTENDING = attrgetter("attending")


class InducteesPage(CeremonyPage):
    """The inductees in program order; select some to print only their certificates."""

    lazy = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = InducteesModel(self)
        self.table = make_table(self.model, InducteesModel.COLUMNS, sortable=False, name="inducteesTable")
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.summary_label = SteadyLabel("inducteesSummary")
        self.add_nominees_button = self.button("Add approved nominees…", self.add_nominees, "addNominees")
        self.add_graduate_button = self.button("Add graduate…", self.add_graduate, "addInducteeGraduate")
        self.edit_button = self.button("Attendance and citation…", self.edit_selected, "editInductee")
        self.remove_button = self.button("Remove", self.remove_selected, "removeInductee")
        self.up_button = self.button("Move up", lambda: self.move_selected(-1), "inducteeUp")
        self.down_button = self.button("Move down", lambda: self.move_selected(1), "inducteeDown")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(self.button_row(self.add_nominees_button, self.add_graduate_button, self.edit_button,
                                         self.remove_button, self.up_button, self.down_button))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.enable())

    def reload(self) -> None:
        from imet_desktop.store.ceremonies import list_inductees

        selected = [r.id for r in self.selected()]
        rows = [] if self.db is None or self.ceremony_id is None else list_inductees(self.db, self.ceremony_id)
        self.model.set_rows(rows)
        for n, r in enumerate(rows):
            if r.id in selected:
                self.table.selectRow(n)
        self._show_summary()

    def _show_summary(self) -> None:
        rows = self._model.rows()
        attending = countOf(map(_ATTENDING, rows), True)  # in C: a generator was ~0.3 ms of each inductee added
        represented = len(rows) - attending
        self.summary_label.setText(f"{attending} attending, {represented} represented" if rows else
                                   "No inductees yet: add the approved nominees.")

    def _show_rows(self, inductee_ids: list[int]) -> None:
        """These inductees read one by one (not the whole list again): a row already shown is replaced in place,
        a new inductee (last in program order) is appended."""
        from imet_desktop.store.ceremonies import inductee_row

        assert self.db is not None
        for inductee_id in inductee_ids:
            row = inductee_row(self.db, inductee_id)
            ids = [r.id for r in self._model.rows()]
            shown = ids.index(inductee_id) if inductee_id in ids else None
            if shown is None:
                self._model.insert_row(self._model.rowCount(), row)
            else:
                self._model.replace_row(shown, row)
        self._show_summary()

    def allowed_by_selection(self) -> dict[QPushButton, bool]:
        # The rows selected by their places (not looked up among 1,000 inductees compared field by field: asked
        # after every change and every click).
        places = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        one = len(places) == 1
        position = places[0] if one else -1
        return {self.edit_button: one, self.remove_button: bool(places), self.up_button: one and position > 0,
                self.down_button: one and 0 <= position < self.model.rowCount() - 1}

    def selected(self) -> list[InducteeRow]:
        """The inductees selected, in program order."""
        return self.selected_rows(self.table)  # type: ignore[return-value]

    def add_nominees(self) -> int:
        """Put approved nominees on the ceremony; returns how many were added."""
        from imet_desktop.store.ceremonies import assign_nomination
        from imet_desktop.store.db import write
        from imet_desktop.store.honor_roll import list_nominations

        if self.db is None or self.ceremony_id is None:
            return 0
        approved = list_nominations(self.db, status=NominationStatus.APPROVED)
        waiting = [n for n in approved if n.ceremony_id != self.ceremony_id]
        chosen = ChooseNominationDialog.ask(self, waiting)
        if not chosen:
            return 0
        db, ceremony_id = self.db, self.ceremony_id
        by_id = {n.id: n for n in waiting}
        moving, staying = ask_moves(self, db, ceremony_id, self.ceremony.title if self.ceremony else "",
                                    [(by_id[i].student_id, by_id[i].legal_name) for i in chosen])
        chosen = [i for i in chosen if by_id[i].student_id not in staying]
        override, left_off = ask_override(self, db, [(by_id[i].student_id, by_id[i].legal_name) for i in chosen])
        chosen = [i for i in chosen if by_id[i].student_id not in left_off]
        if not chosen:
            return 0
        added: list[int] = []

        def add() -> None:
            added.clear()
            with write(db):
                for nomination_id in chosen:
                    added.append(assign_nomination(db, nomination_id, ceremony_id,
                                                   move=by_id[nomination_id].student_id in moving,
                                                   override_reason=override))

        return len(chosen) if self.change("Nominees not added", add, doing="adding approved nominees to the ceremony",
                                          update=lambda: self._show_rows(added)) else 0

    def add_graduate(self) -> bool:
        """Put any graduate on the ceremony (one whose nomination is kept outside the program, say)."""
        from imet_desktop.store.ceremonies import add_inductee

        if self.db is None or self.ceremony_id is None:
            return False
        student_id = ChooseGraduateDialog.ask(self, self.db, "Add an inductee")
        if student_id is None:
            return False
        db, ceremony_id = self.db, self.ceremony_id
        graduate = [(student_id, graduate_name(db, student_id))]
        moving, staying = ask_moves(self, db, ceremony_id, self.ceremony.title if self.ceremony else "", graduate)
        if staying:
            return False
        override, left_off = ask_override(self, db, graduate)
        if left_off:
            return False
        added: list[int] = []
        return self.change("Inductee not added", lambda: added.append(add_inductee(
            db, ceremony_id, student_id, move=bool(moving), override_reason=override)),
                           doing="adding the inductee", update=lambda: self._show_rows(added))

    def edit_selected(self) -> bool:
        """Attendance or representative, position as engraved, citation of the selected inductee."""
        from imet_desktop.store.ceremonies import get_inductee, update_inductee

        rows = self.selected()
        if len(rows) != 1 or self.db is None or not self.editable:
            return False
        db = self.db
        edited = InducteeDialog.ask(self, get_inductee(db, rows[0].id), rows[0].name)
        if edited is None:
            return False
        return self.change("Inductee not saved", lambda: update_inductee(db, edited), doing="saving the inductee",
                           update=lambda: self._show_rows([rows[0].id]))

    def remove_selected(self) -> bool:
        """Take the selected inductees off the ceremony (their nominations stay approved)."""
        from imet_desktop.store.ceremonies import remove_inductee
        from imet_desktop.store.db import write

        rows = self.selected()
        if not rows or self.db is None:
            return False
        names = ", ".join(r.name for r in rows)
        if not dialogs.ask_yes_no(self, "Remove inductees",
                                  f"Take {names} off this ceremony? Their steps in the order of events go too; "
                                  "an approved nomination stays approved."):
            return False
        db = self.db

        def remove() -> None:
            with write(db):
                for r in rows:
                    remove_inductee(db, r.id)

        def removed() -> None:
            gone = {r.id for r in rows}
            model = self._model
            for n in reversed([n for n, r in enumerate(model.rows()) if r.id in gone]):
                model.remove_row(n)
            self._show_summary()

        return self.change("Not removed", remove, doing="removing the inductee", update=removed)

    def move_selected(self, step: int) -> bool:
        """Move the selected inductee up (-1) or down (1) in program order (their steps follow)."""
        from imet_desktop.store.ceremonies import move_inductee

        rows = self.selected()
        if len(rows) != 1 or self.db is None or self.ceremony_id is None:
            return False
        i = [r.id for r in self.model.rows()].index(rows[0].id)
        j = i + step
        if not 0 <= j < self.model.rowCount():
            return False
        db, inductee_id = self.db, rows[0].id

        def moved() -> None:  # the two rows change places; nothing is read again
            self._model.swap_with_next(min(i, j))
            self.table.selectRow(j)

        return self.change("Not moved", lambda: move_inductee(db, inductee_id, step),
                           doing="reordering the inductees", update=moved)
