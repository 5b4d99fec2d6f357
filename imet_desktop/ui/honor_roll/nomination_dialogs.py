"""The Honor Roll's dialogs about a nomination: the nomination and its clearances, a status change, the
ceremony it goes to, and the rules of eligibility.

Each dialog opens through its ``ask`` class method (the one ``run()`` of the dialog base); tests replace
``ask``. Dialogs return what the clerk entered; the tab writes it through the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.domain.eligibility import NOMINATOR_KINDS
from imet_desktop.domain.records import Nomination
from imet_desktop.ui.common.dialog_base import FormDialog
from imet_desktop.ui.common.fields import DateEdit, choice_box
from imet_desktop.ui.common.formatting import count_text, display_date

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.store.ceremonies import CeremonyRow
    from imet_desktop.store.clearances import Clearance

# --- a nomination ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NominationForm:
    """A nomination as entered, with its clearance checklist."""

    nomination: Nomination
    clearances: tuple[Clearance, ...]


class NominationDialog(FormDialog):
    """A nomination: nominee, position, who nominated and when, evidence, clearances, and its history."""

    def __init__(self, parent: QWidget | None, db: Database, nomination: Nomination) -> None:
        from imet_desktop.store.clearances import list_clearances
        from imet_desktop.store.honor_roll import assess_graduate, list_positions, nomination_history
        from imet_desktop.store.students import get_student

        new = nomination.id is None
        super().__init__(parent, "New nomination" if new else "Nomination",
                         ok_text="Nominate" if new else "Save")
        self.setObjectName("NominationDialog")
        self.db = db
        self.nomination = nomination
        student = get_student(db, nomination.student_id)
        verdict = assess_graduate(db, nomination.student_id)
        colour = "#1B5E20" if verdict.eligible else "#B3261E"
        words = ("Eligible: " if verdict.eligible else "") + verdict.reason
        self.nominee_label = QLabel(f"<b>{escape(student.legal_name)}</b>"
                                    + (f" · {escape(student.native_name)}" if student.native_name else "")
                                    + (f" · {escape(student.country_rank)}" if student.country_rank else "")
                                    + f"<br><span style='color:{colour}'>{escape(words)}</span>")
        self.nominee_label.setObjectName("nominationVerdict")
        self.nominee_label.setTextFormat(Qt.TextFormat.RichText)
        self.nominee_label.setWordWrap(True)
        positions = list_positions(db, nomination.student_id)
        default_position = nomination.position_id
        if default_position is None and verdict.position is not None:
            default_position = verdict.position.id
        self.position_box = choice_box(
            [("(no position named)", None)]
            + [(p.title + (f" — {p.category}" if p.category else "")
                + (f", {display_date(p.appointment_date)}" if p.appointment_date else ""), p.id) for p in positions],
            default_position)
        self.nominated_by_edit = QLineEdit(nomination.nominated_by)
        self.nominated_by_edit.setPlaceholderText("e.g. Office of Defense Cooperation, Warsaw")
        self.kind_box = choice_box([(label, kind) for kind, label in NOMINATOR_KINDS.items()],
                                   nomination.nominated_by_kind or "SCO")
        self.date_edit = DateEdit(nomination.nomination_date or dt.date.today(), optional=False)
        self.evidence_edit = QPlainTextEdit(nomination.evidence)
        self.evidence_edit.setPlaceholderText("e.g. appointment order, registrar transcript, embassy cable…")
        self.evidence_edit.setFixedHeight(70)
        status = QLabel(f"<b>{escape(nomination.status)}</b>")
        for label, widget in (("Nominee", self.nominee_label), ("Position", self.position_box),
                              ("Nominated by", self.nominated_by_edit),
                              ("Who is that", self.kind_box), ("Date", self.date_edit),
                              ("Evidence", self.evidence_edit), ("Status", status)):
            self.form.addRow(label, widget)

        self.clearance_rows: list[tuple[Clearance, QCheckBox, DateEdit, QLineEdit, QLineEdit]] = []
        checklist = QGroupBox("Clearances (approval needs every one)")
        grid = QGridLayout(checklist)
        for column, heading in enumerate(("Step", "Cleared on", "By", "Note")):
            grid.addWidget(QLabel(f"<i>{heading}</i>"), 0, column)
        clearances = list_clearances(db, nomination.id) if nomination.id is not None else []
        if not clearances:
            from imet_desktop.store.clearances import Clearance as ClearanceRecord
            from imet_desktop.store.clearances import clearance_steps

            clearances = [ClearanceRecord(step) for step in clearance_steps(db)]
        for n, c in enumerate(clearances, 1):
            check = QCheckBox(c.step + ("" if c.configured else " (no longer on the checklist)"))
            check.setChecked(c.cleared_date is not None)
            day = DateEdit(c.cleared_date)
            by = QLineEdit(c.cleared_by)
            by.setPlaceholderText("who")
            by.setMinimumWidth(240)
            note = QLineEdit(c.note)
            check.toggled.connect(lambda on, d=day: d.set_value(dt.date.today() if on and d.value() is None
                                                                else (d.value() if on else None)))
            grid.addWidget(check, n, 0)
            grid.addWidget(day, n, 1)
            grid.addWidget(by, n, 2)
            grid.addWidget(note, n, 3)
            self.clearance_rows.append((c, check, day, by, note))
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 1)

        history = nomination_history(db, nomination.id) if nomination.id is not None else []
        self.history_label = QLabel()
        self.history_label.setObjectName("nominationHistory")
        self.history_label.setWordWrap(True)
        if history:
            lines = [f"{display_date(h.effective_date)} — <b>{escape(h.status)}</b>"
                     + (f": {escape(h.note)}" if h.note else "") + (f" <i>({escape(h.recorded_by)})</i>"
                                                                    if h.recorded_by else "") for h in history]
            self.history_label.setText("<br>".join(lines))
        else:
            self.history_label.setText("<i>Not saved yet: it starts as Nominated.</i>")
        history_box = QGroupBox("History")
        QVBoxLayout(history_box).addWidget(self.history_label)
        self.finish(checklist, history_box)
        self.resize(900, self.sizeHint().height())

    def validate(self) -> str:
        if not self.nominated_by_edit.text().strip():
            return "Say who nominated the graduate (the embassy's office, a combatant command or the school)."
        return ""

    def value(self) -> NominationForm:
        """The nomination and its checklist as entered."""
        nomination = replace(self.nomination, nominated_by=self.nominated_by_edit.text().strip(),
                             nominated_by_kind=str(self.kind_box.currentData() or ""),
                             nomination_date=self.date_edit.value(), position_id=self.position_box.currentData(),
                             evidence=self.evidence_edit.toPlainText().strip())
        clearances = []
        for c, check, day, by, note in self.clearance_rows:
            cleared = day.value() if check.isChecked() else None
            if check.isChecked() and cleared is None:
                cleared = dt.date.today()
            clearances.append(replace(c, cleared_date=cleared, cleared_by=by.text().strip(),
                                      note=note.text().strip()))
        return NominationForm(nomination, tuple(clearances))

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, nomination: Nomination) -> NominationForm | None:
        """The nomination as entered, or None when cancelled."""
        dialog = cls(parent, db, nomination)
        return dialog.value() if dialog.run() else None


# --- a status change ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DatedNote:
    """When a nomination moved to another status, and the note (the reason, to decline)."""

    effective: dt.date
    note: str


class StatusChangeDialog(FormDialog):
    """When a nomination moved, and a note (a reason is required to decline)."""

    def __init__(self, parent: QWidget | None, title: str, text: str, *, note_required: bool = False,
                 note_hint: str = "") -> None:
        super().__init__(parent, title, intro=text)
        self.note_required = note_required
        self.date_edit = DateEdit(dt.date.today(), optional=False)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(note_hint)
        self.form.addRow("As of", self.date_edit)
        self.form.addRow("Reason" if note_required else "Note", self.note_edit)
        self.finish()
        self.resize(520, self.sizeHint().height())

    def validate(self) -> str:
        return "Give the reason." if self.note_required and not self.note_edit.text().strip() else ""

    def value(self) -> DatedNote:
        """What was entered."""
        return DatedNote(self.date_edit.value() or dt.date.today(), self.note_edit.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, *, note_required: bool = False,
            note_hint: str = "") -> DatedNote | None:
        """The date and note, or None when cancelled."""
        dialog = cls(parent, title, text, note_required=note_required, note_hint=note_hint)
        return dialog.value() if dialog.run() else None


# --- assigning to a ceremony -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Assignment:
    """Which ceremony, and who accepts if the nominee does not attend."""

    ceremony_id: int
    representative_name: str = ""
    representative_title: str = ""


class AssignCeremonyDialog(FormDialog):
    """Put an approved nominee on a planned ceremony, attending or represented."""

    def __init__(self, parent: QWidget | None, nominee: str, ceremonies: Sequence[CeremonyRow],
                 current: int | None = None) -> None:
        super().__init__(parent, "Assign to a ceremony", ok_text="Assign",
                         intro=f"Put {nominee} on a planned ceremony.")
        self.ceremony_box = choice_box(
            [(f"{c.title} — {display_date(c.ceremony_date) or 'no date'} ({count_text(c.inductee_count, 'inductee')})",
              c.id) for c in ceremonies], current)
        self.attending_check = QCheckBox("Attends in person")
        self.attending_check.setChecked(True)
        self.representative_edit = QLineEdit()
        self.representative_edit.setPlaceholderText("e.g. Colonel Oleh Savchenko")
        self.representative_title_edit = QLineEdit()
        self.representative_title_edit.setPlaceholderText("e.g. Air Attaché, Embassy of Ukraine")
        self.attending_check.toggled.connect(self._attending)
        self.form.addRow("Ceremony", self.ceremony_box)
        self.form.addRow("", self.attending_check)
        self.form.addRow("Accepted by", self.representative_edit)
        self.form.addRow("Their title", self.representative_title_edit)
        self._attending(True)
        self.finish()
        self.resize(620, self.sizeHint().height())

    def _attending(self, on: bool) -> None:
        self.representative_edit.setEnabled(not on)
        self.representative_title_edit.setEnabled(not on)

    def validate(self) -> str:
        if self.ceremony_box.currentData() is None:
            return "There is no planned ceremony: add one in the Ceremonies tab first."
        if not self.attending_check.isChecked() and not self.representative_edit.text().strip():
            return "Name the representative who accepts for the nominee."
        return ""

    def value(self) -> Assignment:
        """What was chosen."""
        if self.attending_check.isChecked():
            return Assignment(int(self.ceremony_box.currentData()))
        return Assignment(int(self.ceremony_box.currentData()), self.representative_edit.text().strip(),
                          self.representative_title_edit.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, nominee: str, ceremonies: Sequence[CeremonyRow],
            current: int | None = None) -> Assignment | None:
        """The ceremony and representative chosen, or None when cancelled."""
        dialog = cls(parent, nominee, ceremonies, current)
        return dialog.value() if dialog.run() else None


# --- the rules ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EligibilityRules:
    """The settings that decide who is eligible and what a nomination must clear."""

    courses: tuple[str, ...]
    categories: tuple[str, ...]
    clearance_steps: tuple[str, ...]


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class EligibilitySettingsDialog(FormDialog):
    """The qualifying courses and position categories, and the clearance checklist: one per line."""

    def __init__(self, parent: QWidget | None, rules: EligibilityRules) -> None:
        super().__init__(parent, "Honor Roll rules", ok_text="Save",
                         intro="A graduate is eligible with a qualifying course completed in residence and a "
                               "position in a qualifying category. One entry per line.")
        self.courses_edit = QPlainTextEdit("\n".join(rules.courses))
        self.categories_edit = QPlainTextEdit("\n".join(rules.categories))
        self.steps_edit = QPlainTextEdit("\n".join(rules.clearance_steps))
        for edit, lines in ((self.courses_edit, 5), (self.categories_edit, 7), (self.steps_edit, 5)):
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        self.form.addRow("Qualifying courses", self.courses_edit)
        self.form.addRow("Qualifying position categories", self.categories_edit)
        self.form.addRow("Clearance checklist", self.steps_edit)
        self.finish()
        self.resize(620, self.sizeHint().height())

    def validate(self) -> str:
        if not _lines(self.courses_edit):
            return "Name at least one qualifying course."
        if not _lines(self.categories_edit):
            return "Name at least one qualifying position category."
        if not _lines(self.steps_edit):
            return "The clearance checklist needs at least one step."
        return ""

    def value(self) -> EligibilityRules:
        """The rules as entered."""
        return EligibilityRules(tuple(c.upper() for c in _lines(self.courses_edit)), _lines(self.categories_edit),
                                _lines(self.steps_edit))

    @classmethod
    def ask(cls, parent: QWidget | None, rules: EligibilityRules) -> EligibilityRules | None:
        """The rules as entered, or None when cancelled."""
        dialog = cls(parent, rules)
        return dialog.value() if dialog.run() else None
