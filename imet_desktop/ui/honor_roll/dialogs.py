"""The Honor Roll's editors: positions, schools, an earlier graduate, a nomination, a status change, settings.

Each dialog opens through its ``ask`` class method (the only ``exec()``); tests replace ``ask``.
Dialogs return what the clerk entered; the tab writes it through the store.
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
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.domain.countries import all_countries
from imet_desktop.domain.eligibility import NOMINATOR_KINDS, SchoolAttended
from imet_desktop.domain.records import Nomination, Position, Student, StudentStatus
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.dialog_base import FormDialog
from imet_desktop.ui.common.errors import attempt
from imet_desktop.ui.common.fields import DateEdit, choice_box
from imet_desktop.ui.common.formatting import count_text, display_date
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.honor_roll.model import PositionsModel, SchoolsModel

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.store.ceremonies import CeremonyRow
    from imet_desktop.store.clearances import Clearance

COURSE_CODES = ("SOS", "ACSC", "AWC", "SAASS")


def country_choices() -> list[tuple[str, object]]:
    """Every country by name, with 'no country' first."""
    choices: list[tuple[str, object]] = [("(no country)", "")]
    return choices + [(f"{c.name} ({c.code})", c.code) for c in all_countries()]


# --- a position --------------------------------------------------------------------------------------

class PositionDialog(FormDialog):
    """A position a graduate has held: title, organisation, category, dates, source."""

    def __init__(self, parent: QWidget | None, position: Position, categories: Sequence[str]) -> None:
        super().__init__(parent, "Position" if position.id else "Add a position",
                         intro="The qualifying categories make a graduate eligible for the Honor Roll.")
        self.position = position
        self.title_edit = QLineEdit(position.title)
        self.title_edit.setPlaceholderText("e.g. Commander, Royal Thai Air Force")
        self.organisation_edit = QLineEdit(position.organisation)
        self.category_box = choice_box([("(none)", "")] + [(c, c) for c in categories], position.category,
                                       editable=True)
        self.appointed_edit = DateEdit(position.appointment_date)
        self.ended_edit = DateEdit(position.end_date)
        self.source_edit = QLineEdit(position.source)
        self.source_edit.setPlaceholderText("e.g. defense attaché report, embassy cable, press release…")
        for label, widget in (("Title", self.title_edit), ("Organisation", self.organisation_edit),
                              ("Category", self.category_box), ("Appointed", self.appointed_edit),
                              ("Until", self.ended_edit), ("Source", self.source_edit)):
            self.form.addRow(label, widget)
        self.finish()
        self.resize(560, self.sizeHint().height())

    def category(self) -> str:
        """The chosen or typed category."""
        text = self.category_box.currentText().strip()
        return "" if text == "(none)" else text

    def validate(self) -> str:
        if not self.title_edit.text().strip():
            return "The title is required."
        start, end = self.appointed_edit.value(), self.ended_edit.value()
        if start and end and end < start:
            return "The end date is before the appointment date."
        return ""

    def value(self) -> Position:
        """The position as entered."""
        return replace(self.position, title=self.title_edit.text().strip(),
                       organisation=self.organisation_edit.text().strip(), category=self.category(),
                       appointment_date=self.appointed_edit.value(), end_date=self.ended_edit.value(),
                       source=self.source_edit.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, position: Position, categories: Sequence[str]) -> Position | None:
        """The edited position, or None when cancelled."""
        dialog = cls(parent, position, categories)
        return dialog.value() if dialog.run() else None


# --- a school ----------------------------------------------------------------------------------------

class SchoolDialog(FormDialog):
    """A course an earlier graduate attended, as the registrar's transcript shows it."""

    def __init__(self, parent: QWidget | None, school: SchoolAttended | None = None) -> None:
        school = school or SchoolAttended("ACSC", None)
        super().__init__(parent, "School attended", intro="For graduates whose class is not in the database.")
        self.school = school
        self.course_box = choice_box([(c, c) for c in COURSE_CODES], school.course_code, editable=True)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1940, 2200)
        self.year_spin.setSpecialValueText("unknown")
        self.year_spin.setMinimum(1939)
        self.year_spin.setValue(school.year or 1939)
        self.residence_check = QCheckBox("In residence (not by correspondence)")
        self.residence_check.setChecked(school.in_residence)
        self.completed_check = QCheckBox("Completed (graduated)")
        self.completed_check.setChecked(school.completed)
        self.source_edit = QLineEdit(school.source or "AU registrar transcript")
        for label, widget in (("Course", self.course_box), ("Class year", self.year_spin), ("", self.residence_check),
                              ("", self.completed_check), ("Source", self.source_edit)):
            self.form.addRow(label, widget)
        self.finish()

    def validate(self) -> str:
        return "" if self.course_box.currentText().strip() else "The course is required."

    def value(self) -> SchoolAttended:
        """The school as entered."""
        year = self.year_spin.value()
        return SchoolAttended(self.course_box.currentText().strip().upper(), None if year < 1940 else year,
                              self.residence_check.isChecked(), self.completed_check.isChecked(),
                              self.source_edit.text().strip(), self.school.id)

    @classmethod
    def ask(cls, parent: QWidget | None, school: SchoolAttended | None = None) -> SchoolAttended | None:
        """The school as entered, or None when cancelled."""
        dialog = cls(parent, school)
        return dialog.value() if dialog.run() else None


# --- a graduate's positions and schools ----------------------------------------------------------------

class GraduateRecordDialog(FormDialog):
    """A graduate's record as the Honor Roll needs it: who, the positions held, the schools attended.

    Changes are saved as they are made (each through its own small editor); Close ends.
    """

    def __init__(self, parent: QWidget | None, db: Database, student_id: int) -> None:
        from imet_desktop.store.honor_roll import assess_graduate
        from imet_desktop.store.students import get_student

        super().__init__(parent, "Graduate")
        self.db = db
        self.student_id = student_id
        self.changed = False
        self.buttons.clear()
        close = self.buttons.addButton("Close", self.buttons.ButtonRole.AcceptRole)
        close.clicked.connect(self.accept)
        self.ok_button = close  # changes are saved as they are made: Close is the only way out
        student = get_student(db, student_id)
        self.setWindowTitle(f"Graduate — {student.legal_name}")
        self.student_label = QLabel()
        self.student_label.setObjectName("graduateSummary")
        self.student_label.setWordWrap(True)
        self.student_label.setTextFormat(Qt.TextFormat.RichText)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("graduateVerdict")
        self.verdict_label.setWordWrap(True)
        self._assess = assess_graduate
        self._describe(student)

        self.positions_model = PositionsModel(self)
        self.positions_table = make_table(self.positions_model, PositionsModel.COLUMNS, name="positionsTable")
        self.positions_table.doubleClicked.connect(lambda _i: self.edit_position())
        self.add_position_button = QPushButton("Add position…")
        self.edit_position_button = QPushButton("Edit…")
        self.remove_position_button = QPushButton("Remove")
        self.add_position_button.clicked.connect(self.add_position)
        self.edit_position_button.clicked.connect(self.edit_position)
        self.remove_position_button.clicked.connect(self.remove_position)

        self.schools_model = SchoolsModel(self)
        self.schools_table = make_table(self.schools_model, SchoolsModel.COLUMNS, name="schoolsTable")
        self.schools_table.doubleClicked.connect(lambda _i: self.edit_school())
        self.add_school_button = QPushButton("Add school…")
        self.edit_school_button = QPushButton("Edit…")
        self.remove_school_button = QPushButton("Remove")
        self.add_school_button.clicked.connect(self.add_school)
        self.edit_school_button.clicked.connect(self.edit_school)
        self.remove_school_button.clicked.connect(self.remove_school)

        self.body.addWidget(self.student_label)
        self.body.addWidget(self.verdict_label)
        self.body.addWidget(self._group("Positions held", self.positions_table, self.add_position_button,
                                        self.edit_position_button, self.remove_position_button), 3)
        self.body.addWidget(self._group("Schools attended", self.schools_table, self.add_school_button,
                                        self.edit_school_button, self.remove_school_button), 2)
        self.finish()
        self.resize(1000, 640)
        self.reload()

    @staticmethod
    def _group(title: str, table: QTableView, *buttons: QPushButton) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _describe(self, student: Student) -> None:
        from imet_desktop.domain.countries import country_by_code

        try:
            country = country_by_code(student.country_code).name if student.country_code else "no country"
        except KeyError:
            country = student.country_code
        native = f" · {escape(student.native_name)}" if student.native_name else ""
        rank = ", ".join(p for p in (student.country_rank, student.service) if p)
        self.student_label.setText(
            f"<b>{escape(student.legal_name)}</b>{native}<br>{escape(country)}"
            f"{' · ' + escape(rank) if rank else ''} · student record {student.id} ({escape(student.status)})")

    def reload(self) -> None:
        """Read the positions, schools and verdict again."""
        from imet_desktop.store.honor_roll import list_positions, list_schools

        self.positions_model.set_rows(list_positions(self.db, self.student_id))
        self.schools_model.set_rows(list_schools(self.db, self.student_id))
        verdict = self._assess(self.db, self.student_id)
        colour = "#1B5E20" if verdict.eligible else "#B3261E"
        words = ("Eligible for the Honor Roll: " + verdict.reason) if verdict.eligible else verdict.reason
        self.verdict_label.setText(f"<span style='color:{colour}'>{escape(words)}</span>")

    def _selected(self, table: QTableView) -> object | None:
        rows = table.selectionModel().selectedRows()
        model = table.model()
        return model.row_at(rows[0].row()) if rows else None  # type: ignore[attr-defined]

    def add_position(self) -> None:
        """Record another position (opens the position editor)."""
        from imet_desktop.store.honor_roll import add_position, position_categories

        position = PositionDialog.ask(self, Position(self.student_id, ""), position_categories(self.db))
        if position is not None and attempt(self, "Position not saved", lambda: add_position(self.db, position),
                                            doing="saving the position"):
            self.changed = True
            self.reload()

    def edit_position(self) -> None:
        """Change the selected position."""
        from imet_desktop.store.honor_roll import position_categories, update_position

        current = self._selected(self.positions_table)
        if not isinstance(current, Position):
            return
        position = PositionDialog.ask(self, current, position_categories(self.db))
        if position is not None and attempt(self, "Position not saved", lambda: update_position(self.db, position),
                                            doing="saving the position"):
            self.changed = True
            self.reload()

    def remove_position(self) -> None:
        """Remove the selected position (one recorded by mistake)."""
        from imet_desktop.store.honor_roll import delete_position

        current = self._selected(self.positions_table)
        if not isinstance(current, Position) or current.id is None:
            return
        position_id = current.id
        if dialogs.ask_yes_no(self, "Remove position", f"Remove the position “{current.title}”?") and attempt(
                self, "Position not removed", lambda: delete_position(self.db, position_id),
                doing="removing the position"):
            self.changed = True
            self.reload()

    def add_school(self) -> None:
        """Record a course the graduate attended (a transcript from before the database)."""
        from imet_desktop.store.honor_roll import add_school

        school = SchoolDialog.ask(self)
        if school is not None and attempt(self, "School not saved",
                                          lambda: add_school(self.db, self.student_id, school),
                                          doing="saving the school"):
            self.changed = True
            self.reload()

    def edit_school(self) -> None:
        """Change the selected recorded school (those from class records are changed in the Courses tab)."""
        from imet_desktop.store.honor_roll import update_school

        current = self._selected(self.schools_table)
        if not isinstance(current, SchoolAttended):
            return
        if current.from_enrollment:
            from imet_desktop.ui.common import dialogs

            dialogs.show_error(self, "From the class records",
                               f"{current.label} comes from the school's class records ({current.source}); "
                               "change it in the Courses tab.")
            return
        school = SchoolDialog.ask(self, current)
        if school is not None and attempt(self, "School not saved", lambda: update_school(self.db, school),
                                          doing="saving the school"):
            self.changed = True
            self.reload()

    def remove_school(self) -> None:
        """Remove the selected recorded school."""
        from imet_desktop.store.honor_roll import delete_school

        current = self._selected(self.schools_table)
        if not isinstance(current, SchoolAttended) or current.id is None:
            return
        school_id = current.id
        if dialogs.ask_yes_no(self, "Remove school",
                              f"Remove {current.label} from this graduate's schools?") and attempt(
                self, "School not removed", lambda: delete_school(self.db, school_id), doing="removing the school"):
            self.changed = True
            self.reload()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, student_id: int) -> bool:
        """Show a graduate's positions and schools for editing; True when something changed."""
        dialog = cls(parent, db, student_id)
        dialog.run()
        return dialog.changed


# --- an earlier graduate -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NewGraduate:
    """An earlier graduate as entered: the record, the school attended and the highest position."""

    student: Student
    school: SchoolAttended
    position: Position | None


class AddGraduateDialog(FormDialog):
    """A graduate from before the database: a student record of their own, with a school and a position."""

    def __init__(self, parent: QWidget | None, categories: Sequence[str]) -> None:
        super().__init__(parent, "Add an earlier graduate", ok_text="Add graduate",
                         intro="A graduate from before the database gets a record of their own. The legal "
                               "name is the passport's, as certificates print it.")
        self.family_edit = QLineEdit()
        self.family_edit.setPlaceholderText("Family name as in the passport, e.g. SZŰCS")
        self.given_edit = QLineEdit()
        self.native_edit = QLineEdit()
        self.native_edit.setPlaceholderText("Name in the native script, if it differs")
        self.country_box = choice_box(country_choices())
        self.rank_edit = QLineEdit()
        self.rank_edit.setPlaceholderText("Country rank, e.g. General de Fuerza Aérea")
        self.service_edit = QLineEdit()
        self.course_box = choice_box([(c, c) for c in COURSE_CODES], "ACSC", editable=True)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1940, 2200)
        self.year_spin.setValue(2005)
        self.residence_check = QCheckBox("In residence")
        self.residence_check.setChecked(True)
        self.position_edit = QLineEdit()
        self.position_edit.setPlaceholderText("Highest position, e.g. Commander, Peruvian Air Force")
        self.category_box = choice_box([("(none)", "")] + [(c, c) for c in categories], "", editable=True)
        self.appointed_edit = DateEdit(None)
        school = QHBoxLayout()
        school.addWidget(self.course_box)
        school.addWidget(self.year_spin)
        school.addWidget(self.residence_check)
        for label, widget in (("Legal family name", self.family_edit), ("Legal given names", self.given_edit),
                              ("Native-script name", self.native_edit), ("Country", self.country_box),
                              ("Rank", self.rank_edit), ("Service", self.service_edit)):
            self.form.addRow(label, widget)
        self.form.addRow("School attended", school)
        self.form.addRow("Position", self.position_edit)
        self.form.addRow("Category", self.category_box)
        self.form.addRow("Appointed", self.appointed_edit)
        self.finish()
        self.resize(620, self.sizeHint().height())

    def validate(self) -> str:
        if not self.family_edit.text().strip():
            return "The legal family name is required (a one-word name goes there)."
        return ""

    def value(self) -> NewGraduate:
        """What was entered."""
        student = Student(self.family_edit.text().strip(), self.given_edit.text().strip(),
                          native_name=self.native_edit.text().strip(),
                          country_code=str(self.country_box.currentData() or ""),
                          country_rank=self.rank_edit.text().strip(), service=self.service_edit.text().strip(),
                          status=StudentStatus.GRADUATED, notes="Earlier graduate (before the database)")
        school = SchoolAttended(self.course_box.currentText().strip().upper(), self.year_spin.value(),
                                self.residence_check.isChecked(), True, "AU registrar transcript")
        category = self.category_box.currentText().strip()
        position = None
        if self.position_edit.text().strip():
            position = Position(0, self.position_edit.text().strip(), category="" if category == "(none)" else category,
                                appointment_date=self.appointed_edit.value())
        return NewGraduate(student, school, position)

    @classmethod
    def ask(cls, parent: QWidget | None, categories: Sequence[str]) -> NewGraduate | None:
        """The graduate as entered, or None when cancelled."""
        dialog = cls(parent, categories)
        return dialog.value() if dialog.run() else None


# --- choosing a graduate -----------------------------------------------------------------------------

class ChooseGraduateDialog(FormDialog):
    """Find a graduate by name (any script, accents optional) and pick one."""

    def __init__(self, parent: QWidget | None, db: Database, title: str = "Choose a graduate") -> None:
        from imet_desktop.ui.roster.model import RosterModel

        super().__init__(parent, title, ok_text="Choose")
        self.db = db
        self.search_box = SearchBox("Name, WCN, ITO or passport number…")
        self.search_box.setObjectName("chooseGraduateSearch")
        self.model = RosterModel(db, self)
        self.table = make_table(self.model, RosterModel.COLUMNS, sortable=False, name="chooseGraduateTable")
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda _i: self.try_accept())
        self.search_box.search_changed.connect(self.model.set_search)
        self.body.addWidget(self.search_box)
        self.finish(self.table)
        self.resize(1000, 520)

    def validate(self) -> str:
        return "" if self.chosen() is not None else "Select a graduate in the list."

    def chosen(self) -> int | None:
        """The selected graduate's id."""
        from imet_desktop.ui.common.table_model import ROW_ROLE

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.model.data(rows[0], ROW_ROLE)
        return None if row is None else int(row.id)

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, title: str = "Choose a graduate") -> int | None:
        """The chosen graduate's id, or None when cancelled."""
        dialog = cls(parent, db, title)
        return dialog.chosen() if dialog.run() else None


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

