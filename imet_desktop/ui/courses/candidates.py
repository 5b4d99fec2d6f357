"""The left of the assignment view: the students waiting to be placed, filtered, to drag onto a class."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from imet_desktop.domain.records import StudentStatus
from imet_desktop.ui.common.fields import date_edit, from_qdate
from imet_desktop.ui.common.formatting import count_text
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.courses.common import DropTarget, enable_drag, reselect
from imet_desktop.ui.courses.models import ENROLLMENT_IDS_MIME, CandidatesModel

if TYPE_CHECKING:
    from imet_desktop.store.class_lists import Candidate, CandidateFilter

NOT_YET_GRADUATED = "Not yet graduated"
ANY_STATUS = "Any status"


def _ecl_spin(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(-1, 100)
    spin.setSpecialValueText("any")
    spin.setValue(-1)
    return spin


class CandidatesPanel(QWidget):
    """Students to place: search, status, country, arrival and ECL filters, the list, and Assign.

    ``filters_changed`` says the clerk changed a filter (the view reads the list again). Roster lines
    dropped on the list go to ``on_drop`` (the view takes them out of their class).
    """

    filters_changed = Signal()

    def __init__(self, on_drop: Callable[[QMimeData], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CandidatesModel(self)
        self.table = make_table(self.model, CandidatesModel.COLUMNS, name="candidatesTable")
        enable_drag(self.table)
        self.drop = DropTarget(self.table, ENROLLMENT_IDS_MIME, on_drop)
        self.label = QLabel()
        self.label.setObjectName("candidatesLabel")
        self.search_box = SearchBox("Search names…")
        self.search_box.setObjectName("candidateSearch")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(NOT_YET_GRADUATED)
        self.status_filter.addItems([s.value for s in StudentStatus])
        self.status_filter.addItem(ANY_STATUS)
        self.country_filter = QComboBox()
        self.country_filter.setObjectName("countryFilter")
        self.country_filter.setMinimumContentsLength(10)
        self.country_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.arrival_filter = QCheckBox("Arrived")
        self.arrival_filter.setObjectName("arrivalFilter")
        self.arrival_from = date_edit(dt.date.today() - dt.timedelta(days=30))
        self.arrival_to = date_edit(dt.date.today())
        self.arrival_from.setAccessibleName("Arrived from")
        self.arrival_to.setAccessibleName("Arrived up to")
        self.ecl_min = _ecl_spin("eclMin")
        self.ecl_max = _ecl_spin("eclMax")
        self.without_class = QCheckBox("No class now")
        self.without_class.setObjectName("withoutClass")
        self.without_class.setToolTip("Only students not enrolled or waitlisted in any class now")
        self.assign_button = QPushButton("Assign selected to the class  →")
        self.assign_button.setObjectName("assignButton")
        self.assign_button.setToolTip("Or drag the students onto the class's roster")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.label)
        row1 = QHBoxLayout()
        row1.addWidget(self.search_box, 3)
        row1.addWidget(self.status_filter, 2)
        row1.addWidget(self.country_filter, 2)
        layout.addLayout(row1)
        # Two short rows rather than one long one: the view must fit a 1024-pixel screen too.
        row2 = QHBoxLayout()
        row2.addWidget(self.arrival_filter)
        row2.addWidget(self.arrival_from)
        row2.addWidget(QLabel("to"))
        row2.addWidget(self.arrival_to)
        row2.addStretch(1)
        layout.addLayout(row2)
        row3 = QHBoxLayout()
        row3.addWidget(QLabel("ECL"))
        row3.addWidget(self.ecl_min)
        row3.addWidget(QLabel("to"))
        row3.addWidget(self.ecl_max)
        row3.addSpacing(16)
        row3.addWidget(self.without_class)
        row3.addStretch(1)
        layout.addLayout(row3)
        layout.addWidget(self.table, 1)
        assign_row = QHBoxLayout()
        assign_row.addStretch(1)
        assign_row.addWidget(self.assign_button)
        layout.addLayout(assign_row)

        self.search_box.search_changed.connect(lambda _t: self.filters_changed.emit())
        for combo in (self.status_filter, self.country_filter):
            combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        for spin in (self.ecl_min, self.ecl_max):
            spin.valueChanged.connect(lambda _v: self.filters_changed.emit())
        for check in (self.arrival_filter, self.without_class):
            check.toggled.connect(lambda _c: self.filters_changed.emit())
        for edit in (self.arrival_from, self.arrival_to):
            edit.dateChanged.connect(self._arrival_date_changed)
        self.arrival_filter.toggled.connect(self._arrival_toggled)
        self._arrival_toggled(False)

    def _arrival_date_changed(self, _date: object) -> None:
        if self.arrival_filter.isChecked():
            self.filters_changed.emit()

    def _arrival_toggled(self, checked: bool) -> None:
        self.arrival_from.setEnabled(checked)
        self.arrival_to.setEnabled(checked)

    def set_countries(self, countries: Iterable[tuple[str, str]]) -> None:
        """List these (code, name) countries in the country filter, keeping the one chosen."""
        box = self.country_filter
        current = box.currentData()
        blocked = box.blockSignals(True)
        box.clear()
        box.addItem("All countries", "")
        for code, name in countries:
            box.addItem(name, code)
        box.setCurrentIndex(max(0, box.findData(current or "")))
        box.blockSignals(blocked)

    def candidate_filter(self) -> CandidateFilter:
        """The filters as set."""
        from imet_desktop.store.class_lists import NOT_YET_GRADUATED as ACTIVE
        from imet_desktop.store.class_lists import CandidateFilter

        status = self.status_filter.currentText()
        statuses = ACTIVE if status == NOT_YET_GRADUATED else () if status == ANY_STATUS else (status,)
        dated = self.arrival_filter.isChecked()
        return CandidateFilter(
            arrival_from=from_qdate(self.arrival_from.date()) if dated else None,
            arrival_to=from_qdate(self.arrival_to.date()) if dated else None,
            statuses=statuses, country_code=str(self.country_filter.currentData() or ""),
            ecl_min=None if self.ecl_min.value() < 0 else self.ecl_min.value(),
            ecl_max=None if self.ecl_max.value() < 0 else self.ecl_max.value(),
            search=self.search_box.text(), without_current_class=self.without_class.isChecked())

    def show_rows(self, rows: list[Candidate], course_code: str, min_ecl: int | None, limit: int) -> None:
        """List the students waiting for a course (those selected stay selected)."""
        selected = set(self.selected_ids())
        self.model.min_ecl = min_ecl
        self.model.set_rows(rows)
        reselect(self.table, [r.id for r in rows], selected)
        more = f" (the first {len(rows):,}: narrow the filters)" if len(rows) >= limit else ""
        self.label.setText(f"<b>Students to place</b> — not yet in {escape(course_code)}: "
                           f"{count_text(len(rows), 'student')}{more}")

    def selected_ids(self) -> list[int]:
        """The students selected."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r).id for r in rows if r < self.model.rowCount()]

    def select(self, student_ids: list[int]) -> None:
        """Select these students (those listed)."""
        self.table.clearSelection()
        reselect(self.table, [r.id for r in self.model.rows()], set(student_ids))
