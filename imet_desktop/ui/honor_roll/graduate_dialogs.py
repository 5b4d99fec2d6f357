"""The Honor Roll's dialogs about a graduate: positions held, schools attended, the record, an earlier
graduate, choosing one by name.

Each dialog opens through its ``ask`` class method (the one ``run()`` of the dialog base); tests replace
``ask``. Dialogs return what the clerk entered; the tab writes it through the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.domain.eligibility import SchoolAttended
from imet_desktop.domain.records import Position, Student, StudentStatus
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.accessibility import describe
from imet_desktop.ui.common.dialog_base import FormDialog
from imet_desktop.ui.common.errors import attempt
from imet_desktop.ui.common.fields import DateEdit, choice_box, country_choices
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.honor_roll.model import PositionsModel, SchoolsModel

if TYPE_CHECKING:
    from sqlite_utils import Database


COURSE_CODES = ("SOS", "ACSC", "AWC", "SAASS")


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
        describe(self.year_spin, "Class year", "The year of the class the graduate attended")
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
