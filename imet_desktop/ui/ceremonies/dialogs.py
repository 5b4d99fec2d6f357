"""The Ceremonies tab's editors: a new ceremony, an inductee, a guest, a table, a task, an approved nominee.

Each opens through its ``ask`` class method (the only ``exec()``); tests replace ``ask``. They
return what the clerk entered; the tab writes it through the store.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QWidget,
)

from imet_desktop.domain.records import Ceremony, CeremonyInductee, CeremonyTask, Guest, Rsvp
from imet_desktop.ui.common.dialog_base import FormDialog
from imet_desktop.ui.common.fields import DateEdit, choice_box, country_choices
from imet_desktop.ui.common.table_model import Column, RowListModel
from imet_desktop.ui.common.tables import make_table

if TYPE_CHECKING:
    from imet_desktop.store.ceremonies import InducteeRow
    from imet_desktop.store.honor_roll import NominationRow

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
GUEST_CATEGORIES = ("Official party", "Representative", "Attaché", "Inductee family", "Faculty", "Current student",
                    "Sponsor", "Distinguished visitor", "Media")


# --- a ceremony --------------------------------------------------------------------------------------

class CeremonyDialog(FormDialog):
    """A new ceremony's details; the usual order of events and checklist come with it."""

    def __init__(self, parent: QWidget | None, ceremony: Ceremony | None = None) -> None:
        ceremony = ceremony or Ceremony("International Honor Roll Induction")
        super().__init__(parent, "New ceremony", ok_text="Add ceremony",
                         intro="The usual order of events and the task checklist are added with it; edit them "
                               "afterwards.")
        self.ceremony = ceremony
        self.title_edit = QLineEdit(ceremony.title)
        self.date_edit = DateEdit(ceremony.ceremony_date)
        self.time_edit = QLineEdit(ceremony.ceremony_time)
        self.time_edit.setToolTip("24-hour, as 14:00; leave empty if not decided yet")
        self.venue_edit = QLineEdit(ceremony.venue)
        self.venue_edit.setPlaceholderText("e.g. Maxwell Club Ballroom, Maxwell AFB, Alabama")
        self.presiding_edit = QLineEdit(ceremony.presiding_official)
        self.presiding_edit.setPlaceholderText("e.g. Lieutenant General …, Commander, Air University")
        self.host_edit = QLineEdit(ceremony.host)
        self.host_edit.setPlaceholderText("e.g. Colonel …, Commandant, International Officer School")
        for label, widget in (("Title", self.title_edit), ("Date", self.date_edit), ("Time", self.time_edit),
                              ("Venue", self.venue_edit), ("Presiding official", self.presiding_edit),
                              ("Host", self.host_edit)):
            self.form.addRow(label, widget)
        self.finish()
        self.resize(620, self.sizeHint().height())

    def validate(self) -> str:
        if not self.title_edit.text().strip():
            return "The title is required."
        if self.time_edit.text().strip() and not _TIME.match(self.time_edit.text().strip()):
            return "Write the time as HH:MM, 24-hour (14:00)."
        return ""

    def value(self) -> Ceremony:
        """The ceremony as entered."""
        return replace(self.ceremony, title=self.title_edit.text().strip(), ceremony_date=self.date_edit.value(),
                       ceremony_time=self.time_edit.text().strip(), venue=self.venue_edit.text().strip(),
                       presiding_official=self.presiding_edit.text().strip(), host=self.host_edit.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, ceremony: Ceremony | None = None) -> Ceremony | None:
        """The new ceremony's details, or None when cancelled."""
        dialog = cls(parent, ceremony)
        return dialog.value() if dialog.run() else None


# --- an inductee -------------------------------------------------------------------------------------

class InducteeDialog(FormDialog):
    """An inductee on a ceremony: the position as engraved, attending or who accepts, the citation."""

    def __init__(self, parent: QWidget | None, inductee: CeremonyInductee, name: str) -> None:
        super().__init__(parent, f"Inductee — {name}")
        self.inductee = inductee
        self.position_edit = QLineEdit(inductee.position_title)
        self.attending_check = QCheckBox("Attends in person")
        self.attending_check.setChecked(inductee.attending)
        self.representative_edit = QLineEdit(inductee.representative_name)
        self.representative_edit.setPlaceholderText("e.g. Colonel Oleh Savchenko")
        self.representative_title_edit = QLineEdit(inductee.representative_title)
        self.representative_title_edit.setPlaceholderText("e.g. Air Attaché, Embassy of Ukraine, Washington")
        self.citation_edit = QPlainTextEdit(inductee.citation)
        self.citation_edit.setPlaceholderText("Read by the MC and printed in the program")
        self.citation_edit.setFixedHeight(90)
        self.attending_check.toggled.connect(self._attending)
        for label, widget in (("Position (as engraved)", self.position_edit), ("", self.attending_check),
                              ("Accepted by", self.representative_edit),
                              ("Their title", self.representative_title_edit), ("Citation", self.citation_edit)):
            self.form.addRow(label, widget)
        self._attending(inductee.attending)
        self.finish()
        self.resize(640, self.sizeHint().height())

    def _attending(self, on: bool) -> None:
        self.representative_edit.setEnabled(not on)
        self.representative_title_edit.setEnabled(not on)

    def validate(self) -> str:
        if not self.attending_check.isChecked() and not self.representative_edit.text().strip():
            return "Name the representative who accepts for the inductee (often the embassy's attaché)."
        return ""

    def value(self) -> CeremonyInductee:
        """The inductee as entered."""
        attending = self.attending_check.isChecked()
        return replace(self.inductee, position_title=self.position_edit.text().strip(), attending=attending,
                       representative_name="" if attending else self.representative_edit.text().strip(),
                       representative_title="" if attending else self.representative_title_edit.text().strip(),
                       citation=self.citation_edit.toPlainText().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, inductee: CeremonyInductee, name: str) -> CeremonyInductee | None:
        """The inductee as entered, or None when cancelled."""
        dialog = cls(parent, inductee, name)
        return dialog.value() if dialog.run() else None


# --- approved nominees -------------------------------------------------------------------------------

class _ApprovedModel(RowListModel):
    COLUMNS = (
        Column("Nominee", lambda r: r.legal_name, width=28, person=True),
        Column("Country", lambda r: r.country_name, width=14, fit=True),
        Column("Position", lambda r: r.position_title, width=36),
        Column("Ceremony", lambda r: r.ceremony_title or "not assigned yet", width=28),
    )


class ChooseNominationDialog(FormDialog):
    """Pick approved nominees to put on the ceremony."""

    def __init__(self, parent: QWidget | None, nominations: Sequence[NominationRow]) -> None:
        super().__init__(parent, "Add approved nominees", ok_text="Add to the ceremony",
                         intro="Approved nominations not yet on this ceremony. Select one or more.")
        self.model = _ApprovedModel(self)
        self.model.set_rows(nominations)
        self.table = make_table(self.model, _ApprovedModel.COLUMNS, name="approvedNominations")
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.finish(self.table)
        self.resize(900, 420)

    def chosen(self) -> list[int]:
        """The selected nominations' ids."""
        return [int(self.model.row_at(i.row()).id) for i in sorted(self.table.selectionModel().selectedRows(),
                                                                   key=lambda i: i.row())]

    def validate(self) -> str:
        if not self.model.rowCount():
            return "There is no approved nomination waiting: approve nominations in the Honor Roll tab first."
        return "" if self.chosen() else "Select one or more nominees."

    @classmethod
    def ask(cls, parent: QWidget | None, nominations: Sequence[NominationRow]) -> list[int] | None:
        """The chosen nominations' ids, or None when cancelled."""
        dialog = cls(parent, nominations)
        return dialog.chosen() if dialog.run() else None


# --- a guest -----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class GuestForm:
    """A guest as entered, with the invitation date and whose party they are in."""

    guest: Guest
    invited_date: dt.date | None
    guest_of_inductee_id: int | None


class GuestDialog(FormDialog):
    """A guest: who, from where, the invitation and the answer, needs, precedence, whose party."""

    def __init__(self, parent: QWidget | None, form: GuestForm, inductees: Sequence[InducteeRow]) -> None:
        guest = form.guest
        super().__init__(parent, "Guest" if guest.id else "Add a guest",
                         intro="Precedence orders the seating: 1 is seated first (the presiding official), "
                               "then the official party, inductees and their parties, and so on.")
        self.form_value = form
        self.name_edit = QLineEdit(guest.name)
        self.name_edit.setPlaceholderText("e.g. Colonel Hoàng Văn Thắng")
        self.title_edit = QLineEdit(guest.title)
        self.title_edit.setPlaceholderText("e.g. Air Attaché")
        self.organisation_edit = QLineEdit(guest.organisation)
        self.organisation_edit.setPlaceholderText("e.g. Embassy of Vietnam")
        self.country_box = choice_box(country_choices(), guest.country_code)
        self.category_box = choice_box([(c, c) for c in GUEST_CATEGORIES], guest.category, editable=True)
        if not guest.category:
            self.category_box.setEditText("")
        self.guest_of_box = choice_box([("(nobody: seated on their own)", None)]
                                       + [(f"{i.name} ({i.country_name or i.country_code})", i.id) for i in inductees],
                                       form.guest_of_inductee_id)
        self.precedence_spin = QSpinBox()
        self.precedence_spin.setRange(0, 999)
        self.precedence_spin.setSpecialValueText("none")
        self.precedence_spin.setValue(guest.precedence or 0)
        self.invited_edit = DateEdit(form.invited_date)
        self.rsvp_box = choice_box([(r.value, r.value) for r in Rsvp], guest.rsvp)
        self.answered_edit = DateEdit(guest.rsvp_date)
        self.dietary_edit = QLineEdit(guest.dietary)
        self.dietary_edit.setPlaceholderText("Halal, vegetarian, allergies…")
        self.notes_edit = QLineEdit(guest.notes)
        for label, widget in (("Name", self.name_edit), ("Title", self.title_edit),
                              ("Organisation or embassy", self.organisation_edit), ("Country", self.country_box),
                              ("Category", self.category_box), ("Guest of inductee", self.guest_of_box),
                              ("Precedence", self.precedence_spin), ("Invited on", self.invited_edit),
                              ("RSVP", self.rsvp_box), ("Answered on", self.answered_edit),
                              ("Dietary needs", self.dietary_edit), ("Notes", self.notes_edit)):
            self.form.addRow(label, widget)
        self.rsvp_box.currentIndexChanged.connect(self._answer_changed)
        self.finish()
        self.resize(620, self.sizeHint().height())

    def _answer_changed(self, _index: int) -> None:
        if self.rsvp_box.currentData() in (Rsvp.ACCEPTED, Rsvp.DECLINED) \
                and self.answered_edit.value() is None:
            self.answered_edit.set_value(dt.date.today())

    def validate(self) -> str:
        return "" if self.name_edit.text().strip() else "The guest's name is required."

    def value(self) -> GuestForm:
        """The guest as entered."""
        precedence = self.precedence_spin.value() or None
        guest = replace(self.form_value.guest, name=self.name_edit.text().strip(),
                        title=self.title_edit.text().strip(), organisation=self.organisation_edit.text().strip(),
                        country_code=str(self.country_box.currentData() or ""),
                        category=self.category_box.currentText().strip(), rsvp=str(self.rsvp_box.currentData()),
                        rsvp_date=self.answered_edit.value(), dietary=self.dietary_edit.text().strip(),
                        notes=self.notes_edit.text().strip(), precedence=precedence)
        return GuestForm(guest, self.invited_edit.value(), self.guest_of_box.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, form: GuestForm, inductees: Sequence[InducteeRow]) -> GuestForm | None:
        """The guest as entered, or None when cancelled."""
        dialog = cls(parent, form, inductees)
        return dialog.value() if dialog.run() else None


# --- a table -----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TableForm:
    """A seating table's name and seats."""

    name: str
    capacity: int


class TableDialog(FormDialog):
    """A seating table: its name and number of seats."""

    def __init__(self, parent: QWidget | None, name: str = "", capacity: int = 8) -> None:
        super().__init__(parent, "Table")
        self.name_edit = QLineEdit(name)
        self.name_edit.setPlaceholderText("e.g. Table 5")
        self.capacity_spin = QSpinBox()
        self.capacity_spin.setRange(1, 40)
        self.capacity_spin.setValue(capacity)
        self.form.addRow("Name", self.name_edit)
        self.form.addRow("Seats", self.capacity_spin)
        self.finish()

    def validate(self) -> str:
        return "" if self.name_edit.text().strip() else "Name the table."

    def value(self) -> TableForm:
        """The table as entered."""
        return TableForm(self.name_edit.text().strip(), self.capacity_spin.value())

    @classmethod
    def ask(cls, parent: QWidget | None, name: str = "", capacity: int = 8) -> TableForm | None:
        """The table as entered, or None when cancelled."""
        dialog = cls(parent, name, capacity)
        return dialog.value() if dialog.run() else None


# --- a task ------------------------------------------------------------------------------------------

class TaskDialog(FormDialog):
    """A checklist item and when it is due, counted in days from the ceremony."""

    def __init__(self, parent: QWidget | None, task: CeremonyTask) -> None:
        super().__init__(parent, "Task" if task.id else "Add a task")
        self.task = task
        self.title_edit = QLineEdit(task.title)
        self.title_edit.setPlaceholderText("e.g. Parking passes sent")
        self.days_spin = QSpinBox()
        self.days_spin.setRange(0, 365)
        self.days_spin.setValue(abs(task.due_offset_days))
        self.side_box = QComboBox()
        self.side_box.addItem("days before the ceremony", -1)
        self.side_box.addItem("days after the ceremony", 1)
        self.side_box.setCurrentIndex(0 if task.due_offset_days <= 0 else 1)
        self.done_edit = DateEdit(task.done_date)
        self.form.addRow("Task", self.title_edit)
        self.form.addRow("Due", self.days_spin)
        self.form.addRow("", self.side_box)
        self.form.addRow("Done on", self.done_edit)
        self.finish()
        self.resize(480, self.sizeHint().height())

    def validate(self) -> str:
        return "" if self.title_edit.text().strip() else "Say what is to be done."

    def value(self) -> CeremonyTask:
        """The task as entered."""
        return replace(self.task, title=self.title_edit.text().strip(),
                       due_offset_days=self.days_spin.value() * int(self.side_box.currentData()),
                       done_date=self.done_edit.value())

    @classmethod
    def ask(cls, parent: QWidget | None, task: CeremonyTask) -> CeremonyTask | None:
        """The task as entered, or None when cancelled."""
        dialog = cls(parent, task)
        return dialog.value() if dialog.run() else None
