"""The assignment view: students waiting to be placed on the left, the chosen class's roster on the right.

Students are placed by dragging them onto the roster or with Assign; every placement goes through
the school's rules (store.enrollments). Those the rules keep out are listed below with the reason in
plain words; a waivable rule can be overridden with a reason. A full class puts students on its
waitlist; when a seat frees, the first waitlisted student is offered it and the banner above the
roster asks for their answer.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.domain.placement import Verdict
from imet_desktop.domain.records import EnrollmentStatus, StudentStatus
from imet_desktop.store.errors import StoreError
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.fields import date_edit, from_qdate
from imet_desktop.ui.common.formatting import count_text, display_date
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.courses import printing
from imet_desktop.ui.courses.common import ClassCombo, CourseView, DropTarget, enable_drag, message_label
from imet_desktop.ui.courses.dialogs import (
    ClassChoiceDialog,
    GraduateClassDialog,
    OutcomeDialog,
    OverrideDialog,
    SeminarDialog,
)
from imet_desktop.ui.courses.models import (
    ENROLLMENT_IDS_MIME,
    STUDENT_IDS_MIME,
    CandidatesModel,
    ClassRosterModel,
    PlacementIssuesModel,
    decode_ids,
)

if TYPE_CHECKING:
    from imet_desktop.store.class_lists import Candidate, CandidateFilter, RosterEntry
    from imet_desktop.store.enrollments import AssignResult

ENROLLED, WAITLISTED = EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED
NOT_YET_GRADUATED = "Not yet graduated"
ANY_STATUS = "Any status"

FULL = QColor("#B3261E")
NEARLY_FULL = QColor("#C77700")
ROOM = QColor("#2E7D32")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class AssignmentView(CourseView):
    """Place students in a class, with the rules, overrides, the waitlist and outcomes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = dt.date.today

        # --- left: the students waiting ---------------------------------------------------------------------
        self.candidates_model = CandidatesModel(self)
        self.candidates_table = make_table(self.candidates_model, CandidatesModel.COLUMNS, name="candidatesTable")
        enable_drag(self.candidates_table)
        self.candidates_drop = DropTarget(self.candidates_table, ENROLLMENT_IDS_MIME, self.drop_on_candidates)
        self.candidates_label = QLabel()
        self.candidates_label.setObjectName("candidatesLabel")
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
        self.ecl_min = self._ecl_spin("eclMin")
        self.ecl_max = self._ecl_spin("eclMax")
        self.without_class = QCheckBox("No class now")
        self.without_class.setObjectName("withoutClass")
        self.without_class.setToolTip("Only students not enrolled or waitlisted in any class now")
        self.assign_button = QPushButton("Assign selected to the class  →")
        self.assign_button.setObjectName("assignButton")
        self.assign_button.setToolTip("Or drag the students onto the class's roster")
        self.assign_button.clicked.connect(self.assign_selected)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(self.candidates_label)
        row1 = QHBoxLayout()
        row1.addWidget(self.search_box, 3)
        row1.addWidget(self.status_filter, 2)
        row1.addWidget(self.country_filter, 2)
        left_layout.addLayout(row1)
        # Two short rows rather than one long one: the view must fit a 1024-pixel screen too.
        row2 = QHBoxLayout()
        row2.addWidget(self.arrival_filter)
        row2.addWidget(self.arrival_from)
        row2.addWidget(QLabel("to"))
        row2.addWidget(self.arrival_to)
        row2.addStretch(1)
        left_layout.addLayout(row2)
        row3 = QHBoxLayout()
        row3.addWidget(QLabel("ECL"))
        row3.addWidget(self.ecl_min)
        row3.addWidget(QLabel("to"))
        row3.addWidget(self.ecl_max)
        row3.addSpacing(16)
        row3.addWidget(self.without_class)
        row3.addStretch(1)
        left_layout.addLayout(row3)
        left_layout.addWidget(self.candidates_table, 1)
        assign_row = QHBoxLayout()
        assign_row.addStretch(1)
        assign_row.addWidget(self.assign_button)
        left_layout.addLayout(assign_row)

        # --- right: the class ---------------------------------------------------------------------------
        self.class_combo = ClassCombo()
        self.class_combo.setObjectName("classCombo")
        self.class_info = QLabel()
        self.class_info.setObjectName("classInfo")
        self.class_info.setWordWrap(True)
        self.gauge = QProgressBar()
        self.gauge.setObjectName("capacityGauge")
        self.gauge.setTextVisible(True)
        self.gauge.setMaximumHeight(18)
        self.seats_label = QLabel()
        self.seats_label.setObjectName("seatsLabel")
        self.roster_model = ClassRosterModel(self)
        self.roster_table = make_table(self.roster_model, ClassRosterModel.COLUMNS, name="classRosterTable")
        enable_drag(self.roster_table)
        self.roster_drop = DropTarget(self.roster_table, STUDENT_IDS_MIME, self.drop_on_roster)
        self.roster_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.roster_table.customContextMenuRequested.connect(self._roster_menu)

        self.offer_banner = QFrame()
        self.offer_banner.setObjectName("offerBanner")
        self.offer_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.offer_banner.setStyleSheet("#offerBanner { background: #FFF4D6; border: 1px solid #E0B84C; }")
        self.offer_label = QLabel()
        self.offer_label.setObjectName("offerLabel")
        self.offer_label.setWordWrap(True)
        self.accept_button = QPushButton("Accept seat")
        self.accept_button.setObjectName("acceptSeat")
        self.decline_button = QPushButton("Decline")
        self.decline_button.setObjectName("declineSeat")
        self.accept_button.clicked.connect(lambda: self.accept_offer())
        self.decline_button.clicked.connect(lambda: self.decline_offer())
        banner = QHBoxLayout(self.offer_banner)
        banner.setContentsMargins(8, 4, 8, 4)
        banner.addWidget(self.offer_label, 1)
        banner.addWidget(self.accept_button)
        banner.addWidget(self.decline_button)
        self.offer_banner.hide()

        self.unassign_button = QPushButton("Unassign")
        self.unassign_button.setObjectName("unassignButton")
        self.unassign_button.setToolTip("Take the selected students out of the class or its waitlist "
                                        "(or drag them back to the left)")
        self.move_button = QPushButton("Move to…")
        self.move_button.setObjectName("moveButton")
        self.outcome_button = QPushButton("Outcome…")
        self.outcome_button.setObjectName("outcomeButton")
        self.outcome_button.setToolTip("Completed, withdrawn or eliminated, with the date and a note")
        self.graduate_button = QPushButton("Graduate class…")
        self.graduate_button.setObjectName("graduateButton")
        self.seminar_button = QToolButton()
        self.seminar_button.setObjectName("seminarButton")
        self.seminar_button.setText("Seminar")
        self.seminar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        seminar_menu = QMenu(self.seminar_button)
        self.seminar_action = seminar_menu.addAction("Put the selected in a seminar…", self.choose_seminar)
        self.spread_action = seminar_menu.addAction("Spread students without a seminar over the seminars",
                                                    self.spread_seminars)
        self.seminar_button.setMenu(seminar_menu)
        self.print_button = QToolButton()
        self.print_button.setObjectName("printButton")
        self.print_button.setText("Print")
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        self.print_roster_action = print_menu.addAction("Class roster…", lambda: self.print_roster())
        self.print_roster_personal_action = print_menu.addAction(
            "Class roster with dates of birth and passports (CUI)…", lambda: self.print_roster(personal=True))
        print_menu.addSeparator()
        self.print_certificates_action = print_menu.addAction("Completion certificates of the graduates…",
                                                              self.print_certificates)
        print_menu.addSeparator()
        self.print_report_action = print_menu.addAction("Academic report of the selected students…",
                                                        self.print_selected_reports)
        self.print_class_reports_action = print_menu.addAction("Academic reports of the whole class…",
                                                               self.print_class_reports)
        self.print_button.setMenu(print_menu)
        self.unassign_button.clicked.connect(self.unassign_selected)
        self.move_button.clicked.connect(self.move_selected)
        self.outcome_button.clicked.connect(self.record_outcome)
        self.graduate_button.clicked.connect(self.graduate_class)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        class_row = QHBoxLayout()
        class_row.addWidget(QLabel("<b>Class</b>"))
        class_row.addWidget(self.class_combo, 1)
        right_layout.addLayout(class_row)
        right_layout.addWidget(self.class_info)
        gauge_row = QHBoxLayout()
        gauge_row.addWidget(self.gauge, 1)
        gauge_row.addWidget(self.seats_label)
        right_layout.addLayout(gauge_row)
        right_layout.addWidget(self.offer_banner)
        right_layout.addWidget(self.roster_table, 1)
        buttons = QHBoxLayout()
        for w in (self.unassign_button, self.move_button, self.seminar_button, self.outcome_button,
                  self.graduate_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        right_layout.addLayout(buttons)

        # --- below: who could not be placed, and why ----------------------------------------------------------
        self.message = message_label("assignmentMessage")
        self.issues_model = PlacementIssuesModel(self)
        self.issues_table = make_table(self.issues_model, PlacementIssuesModel.COLUMNS, name="placementIssues")
        self.issues_table.setWordWrap(True)
        rows = self.issues_table.verticalHeader().defaultSectionSize()
        self.issues_table.setMinimumHeight(4 * rows + self.issues_table.horizontalHeader().sizeHint().height() + 4)
        self.override_button = QPushButton("Override with a reason…")
        self.override_button.setObjectName("overrideButton")
        self.override_button.setToolTip("Waive the rules the school may waive for the selected students")
        self.override_button.clicked.connect(self.override_selected)
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setObjectName("dismissIssues")
        self.dismiss_button.clicked.connect(self.dismiss_issues)
        self.issues_panel = QWidget()
        issues_layout = QVBoxLayout(self.issues_panel)
        issues_layout.setContentsMargins(0, 0, 0, 0)
        issues_head = QHBoxLayout()
        self.issues_label = QLabel()
        self.issues_label.setObjectName("issuesLabel")
        issues_head.addWidget(self.issues_label, 1)
        issues_head.addWidget(self.override_button)
        issues_head.addWidget(self.dismiss_button)
        issues_layout.addLayout(issues_head)
        issues_layout.addWidget(self.issues_table)
        self.issues_panel.hide()

        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(left)
        sides.addWidget(right)
        sides.setStretchFactor(0, 1)
        sides.setStretchFactor(1, 1)
        sides.setSizes([560, 700])  # the roster has more columns; both fit a 1280-pixel window
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(sides)
        self.splitter.addWidget(self.issues_panel)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)

        self.class_combo.currentIndexChanged.connect(self._class_changed)
        self.search_box.search_changed.connect(lambda _t: self.load_candidates())
        for combo in (self.status_filter, self.country_filter):
            combo.currentIndexChanged.connect(lambda _i: self.load_candidates())
        for spin in (self.ecl_min, self.ecl_max):
            spin.valueChanged.connect(lambda _v: self.load_candidates())
        for check in (self.arrival_filter, self.without_class):
            check.toggled.connect(lambda _c: self.load_candidates())
        for edit in (self.arrival_from, self.arrival_to):
            edit.dateChanged.connect(lambda _d: self.load_candidates() if self.arrival_filter.isChecked() else None)
        self.arrival_filter.toggled.connect(self._arrival_toggled)
        self._arrival_toggled(False)
        self.roster_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.candidates_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.issues_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    @staticmethod
    def _ecl_spin(name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(-1, 100)
        spin.setSpecialValueText("any")
        spin.setValue(-1)
        return spin

    def _arrival_toggled(self, checked: bool) -> None:
        self.arrival_from.setEnabled(checked)
        self.arrival_to.setEnabled(checked)

    def tables(self) -> list[QTableView]:
        return [self.candidates_table, self.roster_table, self.issues_table]

    # --- reading ----------------------------------------------------------------------------------------------
    def current_class_id(self) -> int | None:
        """The class on the right."""
        return self.class_combo.current_class_id()

    def select_class(self, class_id: int) -> None:
        """Show this class on the right."""
        if self.stale:
            self.refresh()
        self.class_combo.choose(class_id)

    def _load(self) -> None:
        from imet_desktop.store.class_lists import candidate_countries
        from imet_desktop.store.courses import list_classes

        assert self.db is not None
        self.class_combo.set_classes(list_classes(self.db))
        current = self.country_filter.currentData()
        blocked = self.country_filter.blockSignals(True)
        self.country_filter.clear()
        self.country_filter.addItem("All countries", "")
        for code, name in candidate_countries(self.db):
            self.country_filter.addItem(name, code)
        self.country_filter.setCurrentIndex(max(0, self.country_filter.findData(current or "")))
        self.country_filter.blockSignals(blocked)
        self._show_class()

    def _class_changed(self, _index: int) -> None:
        if self.db is not None:
            self._show_class()

    def _show_class(self) -> None:
        self.load_roster()
        self.load_candidates()

    def candidate_filter(self) -> CandidateFilter:
        """The filters as set on the left."""
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

    def load_candidates(self) -> None:
        """Read the students waiting to be placed in the chosen class, as filtered."""
        from imet_desktop.store.class_lists import candidates

        if self.db is None:
            return
        class_id = self.current_class_id()
        selected = set(self.selected_candidate_ids())
        filters = self.candidate_filter()
        rows = candidates(self.db, class_id, filters)
        klass = self.class_combo.current_row()
        self.candidates_model.min_ecl = self._min_ecl(klass.course_id) if klass else None
        self.candidates_model.set_rows(rows)
        self._reselect(self.candidates_table, [r.id for r in rows], selected)
        course = klass.course_code if klass else "a class"
        more = f" (the first {len(rows):,}: narrow the filters)" if len(rows) >= filters.limit else ""
        self.candidates_label.setText(f"<b>Students to place</b> — not yet in {escape(course)}: "
                                      f"{count_text(len(rows), 'student')}{more}")
        self._update_buttons()

    def _min_ecl(self, course_id: int) -> int | None:
        from imet_desktop.store.courses import get_course

        assert self.db is not None
        return get_course(self.db, course_id).min_ecl

    def load_roster(self) -> None:
        """Read the chosen class's roster, seats and seat offers."""
        from imet_desktop.store.class_lists import class_roster
        from imet_desktop.store.courses import get_course
        from imet_desktop.store.seats import class_seats

        if self.db is None:
            return
        class_id = self.current_class_id()
        selected = set(self.selected_enrollment_ids())
        if class_id is None:
            self.roster_model.set_rows([])
            self.class_info.setText("No classes yet: add one in the catalogue.")
            self.gauge.hide()
            self.seats_label.setText("")
            self.offer_banner.hide()
            self._update_buttons()
            return
        entries = class_roster(self.db, class_id)
        self.roster_model.set_rows(entries)
        self._reselect(self.roster_table, [e.enrollment_id for e in entries], selected)
        klass = self.class_combo.current_row()
        assert klass is not None
        course = get_course(self.db, klass.course_id)
        parts = [f"<b>{escape(course.code)}</b> {escape(course.title)}"]
        parts.append(f"minimum ECL {course.min_ecl}" if course.min_ecl is not None else "no ECL minimum")
        if course.prerequisite_codes:
            parts.append("requires " + ", ".join(escape(c) for c in course.prerequisite_codes))
        if klass.location:
            parts.append(escape(klass.location))
        self.class_info.setText("  ·  ".join(parts))
        self._show_seats(class_seats(self.db, class_id))
        self._show_offer(entries)
        self._update_buttons()

    def _show_seats(self, seats: object) -> None:
        from imet_desktop.store.seats import ClassSeats

        assert isinstance(seats, ClassSeats)
        parts = [f"{seats.enrolled} enrolled"]
        if seats.completed:
            parts.append(f"{seats.completed} completed")
        if seats.waitlisted:
            parts.append(f"{seats.waitlisted} waitlisted")
        if seats.offered:
            parts.append(f"{seats.offered} seat{'s' if seats.offered > 1 else ''} offered")
        if seats.capacity is None:
            self.gauge.hide()
            parts.append("no seat limit")
        else:
            self.gauge.show()
            self.gauge.setRange(0, max(1, seats.capacity))
            self.gauge.setValue(min(seats.taken, seats.capacity))
            self.gauge.setFormat(f"{seats.taken} of {seats.capacity} seats taken")
            share = seats.taken / seats.capacity if seats.capacity else 1.0
            colour = FULL if share >= 1 else NEARLY_FULL if share >= 0.9 else ROOM
            palette = self.gauge.palette()
            palette.setColor(QPalette.ColorRole.Highlight, colour)
            self.gauge.setPalette(palette)
            parts.append("full" if seats.free == 0 else f"{seats.free} free")
        self.seats_label.setText(" · ".join(parts))

    def _show_offer(self, entries: list[RosterEntry]) -> None:
        offers = [e for e in entries if e.seat_offered]
        if not offers:
            self.offer_banner.hide()
            return
        first = offers[0]
        more = f" ({len(offers) - 1} more offer{'s' if len(offers) > 2 else ''} below)" if len(offers) > 1 else ""
        self.offer_label.setText(
            f"A seat is free. It is offered to <b>{escape(first.legal_name)}</b>, "
            f"{_ordinal(first.waitlist_position or 1)} on the waitlist{more}. Record the answer:")
        self.offer_banner.show()

    @staticmethod
    def _reselect(table: QTableView, ids: list[int], wanted: set[int]) -> None:
        if not wanted:
            return
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection()
        model = table.model()
        for row, i in enumerate(ids):
            if i in wanted:
                selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
        table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected_candidate_ids(self) -> list[int]:
        """The students selected on the left."""
        rows = sorted({i.row() for i in self.candidates_table.selectionModel().selectedRows()})
        return [self.candidates_model.row_at(r).id for r in rows if r < self.candidates_model.rowCount()]

    def selected_entries(self) -> list[RosterEntry]:
        """The roster lines selected on the right."""
        rows = sorted({i.row() for i in self.roster_table.selectionModel().selectedRows()})
        return [self.roster_model.row_at(r) for r in rows if r < self.roster_model.rowCount()]

    def selected_enrollment_ids(self) -> list[int]:
        """The enrollments selected on the right."""
        return [e.enrollment_id for e in self.selected_entries()]

    def select_candidates(self, student_ids: list[int]) -> None:
        """Select these students on the left (those listed)."""
        self.candidates_table.clearSelection()
        self._reselect(self.candidates_table, [r.id for r in self.candidates_model.rows()], set(student_ids))

    def select_entries(self, enrollment_ids: list[int]) -> None:
        """Select these enrollments on the right."""
        self.roster_table.clearSelection()
        self._reselect(self.roster_table, [e.enrollment_id for e in self.roster_model.rows()], set(enrollment_ids))

    def _update_buttons(self) -> None:
        klass = self.current_class_id() is not None
        entries = self.selected_entries()
        self.assign_button.setEnabled(klass and bool(self.selected_candidate_ids()))
        movable = bool(entries) and all(e.status in (ENROLLED, WAITLISTED) for e in entries)
        self.unassign_button.setEnabled(movable)
        self.move_button.setEnabled(movable)
        self.outcome_button.setEnabled(len(entries) == 1 and entries[0].status != WAITLISTED)
        self.graduate_button.setEnabled(any(e.status == ENROLLED for e in self.roster_model.rows()))
        self.seminar_button.setEnabled(klass)
        self.seminar_action.setEnabled(bool(entries) and all(e.status != WAITLISTED for e in entries))
        self.print_button.setEnabled(klass)
        self.print_report_action.setEnabled(bool(entries) and all(e.status != WAITLISTED for e in entries))
        self.override_button.setEnabled(any(r.verdict is Verdict.NEEDS_OVERRIDE for r in self.selected_issues()))

    # --- placing ----------------------------------------------------------------------------------------------
    def assign_selected(self) -> list[AssignResult]:
        """Place the students selected on the left in the chosen class."""
        return self.assign_students(self.selected_candidate_ids())

    def drop_on_roster(self, mime: QMimeData) -> bool:
        """Students dropped on the class's roster: place them."""
        ids = decode_ids(mime, STUDENT_IDS_MIME)
        if not ids or self.current_class_id() is None:
            return False
        self.assign_students(ids)
        return True

    def drop_on_candidates(self, mime: QMimeData) -> bool:
        """Roster lines dropped back on the students' list: take them out of the class."""
        ids = decode_ids(mime, ENROLLMENT_IDS_MIME)
        if not ids:
            return False
        self.unassign(ids)
        return True

    def assign_students(self, student_ids: list[int], override_reason: str = "") -> list[AssignResult]:
        """Place students in the chosen class through the rules; those kept out are listed with the reason."""
        from imet_desktop.store.enrollments import assign_many

        class_id = self.current_class_id()
        if self.db is None or class_id is None or not student_ids:
            return []
        try:
            results = assign_many(self.db, student_ids, class_id, override_reason=override_reason)
        except Exception as e:
            show_failure(self, "Students not placed", e, doing="placing students in the class")
            return []
        self._show_results(results)
        return results

    def _show_results(self, results: list[AssignResult]) -> None:
        placed = [r for r in results if r.verdict is Verdict.ENROLL]
        waiting = [r for r in results if r.verdict is Verdict.WAITLIST]
        kept_out = [r for r in results if not r.placed]
        done = {(r.student_id, r.class_id) for r in results}
        issues = [r for r in self.issues_model.rows() if (r.student_id, r.class_id) not in done] + kept_out
        self.issues_model.set_rows(issues)
        self.issues_panel.setVisible(bool(issues))
        self.issues_label.setText(f"<b>Not placed</b> — {count_text(len(issues), 'student')}; select and "
                                  "override where the school may waive the rule")
        klass = self.class_combo.current_row()
        where = klass.designator if klass else "the class"
        parts = []
        if placed:
            overridden = sum(1 for r in placed if r.check.waivable)
            parts.append(f"{count_text(len(placed), 'student')} placed in {where}"
                         + (f" ({overridden} by override)" if overridden else ""))
        if waiting:
            numbers = ", ".join(str(r.waitlist_position) for r in waiting)
            parts.append(f"{count_text(len(waiting), 'student')} on the waitlist (class full; "
                         f"number{'s' if len(waiting) > 1 else ''} {numbers})")
        if kept_out:
            parts.append(f"{count_text(len(kept_out), 'student')} not placed (see below)")
        text = "; ".join(parts) + "." if parts else ""
        self.message.setText(text)
        if placed or waiting:
            self.changed.emit()
        self.load_roster()
        self.load_candidates()
        self.select_entries([r.enrollment_id for r in placed + waiting if r.enrollment_id])

    def selected_issues(self) -> list[AssignResult]:
        """The lines selected in the 'not placed' list."""
        rows = sorted({i.row() for i in self.issues_table.selectionModel().selectedRows()})
        return [self.issues_model.row_at(r) for r in rows if r < self.issues_model.rowCount()]

    def select_issues(self, student_ids: list[int]) -> None:
        """Select the 'not placed' lines of these students."""
        self.issues_table.clearSelection()
        self._reselect(self.issues_table, [r.student_id for r in self.issues_model.rows()], set(student_ids))

    def override_selected(self) -> list[AssignResult]:
        """Ask for the reason, then place the selected students with the waivable rules overridden."""
        from imet_desktop.store.enrollments import try_assign

        chosen = [r for r in self.selected_issues() if r.verdict is Verdict.NEEDS_OVERRIDE]
        refused = [r for r in self.selected_issues() if r.verdict is Verdict.REFUSED]
        if refused:
            self.message.setText("No override possible for " + ", ".join(r.student_name for r in refused)
                                 + ": " + refused[0].check.explain())
        if not chosen or self.db is None:
            return []
        reasons = list(dict.fromkeys(f.reason for r in chosen for f in r.check.waivable))
        reason = OverrideDialog.ask(self, [r.student_name for r in chosen], reasons)
        if not reason:
            return []
        try:
            results = [try_assign(self.db, r.student_id, r.class_id, override_reason=reason) for r in chosen]
        except Exception as e:
            show_failure(self, "Override not recorded", e, doing="placing students by override")
            return []
        self._show_results(results)
        return results

    def dismiss_issues(self) -> None:
        """Clear the 'not placed' list."""
        self.issues_model.set_rows([])
        self.issues_panel.hide()
        self._update_buttons()

    # --- the roster ---------------------------------------------------------------------------------------------
    def unassign_selected(self) -> None:
        """Take the selected students out of the class (or its waitlist)."""
        self.unassign(self.selected_enrollment_ids())

    def unassign(self, enrollment_ids: list[int]) -> None:
        """Take these enrollments out; a freed seat is offered to the first waitlisted student."""
        from imet_desktop.store.class_lists import roster_entry
        from imet_desktop.store.enrollments import unassign

        if self.db is None or not enrollment_ids:
            return
        names, offered = [], []
        try:
            for enrollment_id in enrollment_ids:
                names.append(roster_entry(self.db, enrollment_id).legal_name)
                offered += unassign(self.db, enrollment_id)
        except Exception as e:
            show_failure(self, "Not unassigned", e, doing="taking students out of the class")
        if names:
            text = f"Unassigned: {', '.join(names)}."
            offered_names = [roster_entry(self.db, i).legal_name for i in offered]
            if offered_names:
                text += f" The freed seat is offered to {', '.join(offered_names)}."
            self.message.setText(text)
            self.changed.emit()
        self.load_roster()
        self.load_candidates()

    def move_selected(self) -> None:
        """Move the selected students to another class (the rules are checked there)."""
        from imet_desktop.store.courses import list_classes
        from imet_desktop.store.enrollments import PlacementRefused, move

        entries = [e for e in self.selected_entries() if e.status in (ENROLLED, WAITLISTED)]
        class_id = self.current_class_id()
        if not entries or self.db is None or class_id is None:
            return
        who = entries[0].legal_name if len(entries) == 1 else f"{len(entries)} students"
        target = ClassChoiceDialog.ask(self, "Move to another class", f"Move {who} to:", list_classes(self.db),
                                       exclude_id=class_id)
        if target is None:
            return
        moved, problems = [], []
        for e in entries:
            reason = ""
            while True:
                try:
                    result = move(self.db, e.enrollment_id, target, override_reason=reason)
                    moved.append(result)
                    break
                except PlacementRefused as refusal:
                    if refusal.verdict is Verdict.NEEDS_OVERRIDE and not reason:
                        answer = OverrideDialog.ask(self, [e.legal_name],
                                                    [f.reason for f in refusal.check.waivable])
                        if answer:
                            reason = answer
                            continue
                    problems.append(str(refusal))
                    break
                except StoreError as error:
                    problems.append(str(error))
                    break
        if moved:
            self.changed.emit()
        where = moved[0].check.training_class.designator if moved else ""
        text = f"{count_text(len(moved), 'student')} moved to {where}." if moved else ""
        if problems:
            text = (text + " " if text else "") + "Not moved: " + " ".join(problems)
        self.message.setText(text)
        self.load_roster()
        self.load_candidates()

    def accept_offer(self, enrollment_id: int | None = None) -> bool:
        """The student offered a seat takes it (the first offer, or the one given)."""
        from imet_desktop.store.enrollments import PlacementRefused, accept_seat

        entry = self._offer(enrollment_id)
        if entry is None or self.db is None:
            return False
        reason = ""
        while True:
            try:
                accept_seat(self.db, entry.enrollment_id, override_reason=reason)
                break
            except PlacementRefused as refusal:
                if refusal.verdict is Verdict.NEEDS_OVERRIDE and not reason:
                    answer = OverrideDialog.ask(self, [entry.legal_name], [f.reason for f in refusal.check.waivable])
                    if answer:
                        reason = answer
                        continue
                show_failure(self, "Seat not taken", refusal, doing="giving the student the seat offered")
                return False
            except Exception as error:
                show_failure(self, "Seat not taken", error, doing="giving the student the seat offered")
                return False
        self.message.setText(f"{entry.legal_name} took the seat offered and is enrolled.")
        self.changed.emit()
        self.load_roster()
        return True

    def decline_offer(self, enrollment_id: int | None = None) -> bool:
        """The student offered a seat turns it down and leaves the waitlist; the next one is offered it."""
        from imet_desktop.store.class_lists import roster_entry
        from imet_desktop.store.enrollments import decline_seat

        entry = self._offer(enrollment_id)
        if entry is None or self.db is None:
            return False
        try:
            offered = decline_seat(self.db, entry.enrollment_id)
        except Exception as error:
            show_failure(self, "Offer not recorded", error, doing="recording the declined seat")
            return False
        text = f"{entry.legal_name} declined the seat and left the waitlist."
        if offered:
            names = ", ".join(roster_entry(self.db, i).legal_name for i in offered)
            text += f" The seat is now offered to {names}."
        self.message.setText(text)
        self.changed.emit()
        self.load_roster()
        self.load_candidates()
        return True

    def _offer(self, enrollment_id: int | None) -> RosterEntry | None:
        offers = [e for e in self.roster_model.rows() if e.seat_offered]
        if enrollment_id is not None:
            offers = [e for e in offers if e.enrollment_id == enrollment_id]
        else:
            selected = [e for e in self.selected_entries() if e.seat_offered]
            offers = selected or offers
        return offers[0] if offers else None

    def move_on_waitlist(self, step: int) -> None:
        """Move the selected waitlisted student up (-1) or down (+1) the waitlist."""
        from imet_desktop.store.enrollments import move_on_waitlist

        entries = [e for e in self.selected_entries() if e.status == WAITLISTED]
        if len(entries) != 1 or self.db is None:
            return
        entry = entries[0]
        move_on_waitlist(self.db, entry.enrollment_id, max(1, (entry.waitlist_position or 1) + step))
        self.load_roster()
        self.select_entries([entry.enrollment_id])

    def _roster_menu(self, pos: QPoint) -> None:
        self.roster_menu().popup(self.roster_table.viewport().mapToGlobal(pos))

    def roster_menu(self) -> QMenu:
        """The roster's context menu for the selected lines."""
        menu = QMenu(self)
        actions: list[tuple[str, object, bool]] = [
            ("Unassign", self.unassign_selected, self.unassign_button.isEnabled()),
            ("Move to…", self.move_selected, self.move_button.isEnabled()),
            ("Outcome…", self.record_outcome, self.outcome_button.isEnabled()),
            ("Seminar…", self.choose_seminar, self.seminar_action.isEnabled()),
        ]
        waitlisted = [e for e in self.selected_entries() if e.status == WAITLISTED]
        if len(waitlisted) == 1:
            actions += [("Up the waitlist", lambda: self.move_on_waitlist(-1), True),
                        ("Down the waitlist", lambda: self.move_on_waitlist(1), True)]
            if waitlisted[0].seat_offered:
                actions += [("Accept the seat offered", lambda: self.accept_offer(), True),
                            ("Decline the seat offered", lambda: self.decline_offer(), True)]
        for text, slot, enabled in actions:
            action = QAction(text, menu)
            action.triggered.connect(slot)
            action.setEnabled(enabled)
            menu.addAction(action)
        return menu

    # --- outcomes ---------------------------------------------------------------------------------------------
    def _class_end(self) -> dt.date:
        klass = self.class_combo.current_row()
        if klass and klass.end_date:
            return dt.date.fromisoformat(klass.end_date)
        return self._today()

    def record_outcome(self) -> None:
        """Record how the selected student's enrollment ended."""
        from imet_desktop.store.class_lists import roster_entry
        from imet_desktop.store.enrollments import record_outcome

        entries = self.selected_entries()
        if len(entries) != 1 or self.db is None:
            return
        entry = entries[0]
        default = self._class_end() if entry.status in (ENROLLED, EnrollmentStatus.COMPLETED) else self._today()
        answer = OutcomeDialog.ask(self, entry, min(default, self._class_end()))
        if answer is None:
            return
        try:
            offered = record_outcome(self.db, entry.enrollment_id, answer.status, answer.outcome_date,
                                     distinction=answer.distinction, note=answer.note,
                                     update_student_status=answer.update_student_status)
        except Exception as e:
            show_failure(self, "Outcome not recorded", e, doing="recording the outcome")
            return
        text = f"{entry.legal_name}: {answer.status.lower()}"
        if answer.outcome_date:
            text += f" on {display_date(answer.outcome_date)}"
        text += "."
        if offered:
            text += " The freed seat is offered to " + ", ".join(roster_entry(self.db, i).legal_name
                                                                  for i in offered) + "."
        self.message.setText(text)
        self.changed.emit()
        self.load_roster()
        self.load_candidates()

    def graduate_class(self) -> list[int]:
        """Graduate every enrolled student of the class in one step, with exceptions and distinctions."""
        from imet_desktop.store.enrollments import graduate_class

        class_id = self.current_class_id()
        klass = self.class_combo.current_row()
        enrolled = [e for e in self.roster_model.rows() if e.status == ENROLLED]
        if class_id is None or klass is None or not enrolled or self.db is None:
            return []
        answer = GraduateClassDialog.ask(self, klass.designator, enrolled, self._class_end())
        if answer is None:
            return []
        try:
            done = graduate_class(self.db, class_id, answer.graduation_date, exceptions=answer.exceptions,
                                  distinctions=answer.distinctions)
        except Exception as e:
            show_failure(self, "Class not graduated", e, doing="graduating the class")
            return []
        text = (f"{count_text(len(done), 'student')} of {klass.designator} graduated on "
                f"{display_date(answer.graduation_date)}")
        if answer.exceptions:
            text += f"; {len(answer.exceptions)} left enrolled to record their own outcome"
        text += ". Print their completion certificates from Print."
        self.message.setText(text)
        self.changed.emit()
        self.load_roster()
        return done

    def choose_seminar(self) -> None:
        """Put the selected students in one of the class's seminars."""
        from imet_desktop.store.courses import list_seminars
        from imet_desktop.store.enrollments import set_seminar

        entries = [e for e in self.selected_entries() if e.status != WAITLISTED]
        class_id = self.current_class_id()
        if not entries or class_id is None or self.db is None:
            return
        seminars = list_seminars(self.db, class_id)
        if not seminars:
            self.message.setText("This class has no seminars: add them with Edit class… in the catalogue.")
            return
        choice = SeminarDialog.ask(self, [e.legal_name for e in entries], seminars, entries[0].seminar_id)
        if choice is None:
            return
        try:
            for e in entries:
                set_seminar(self.db, e.enrollment_id, choice.seminar_id)
        except Exception as error:
            show_failure(self, "Seminar not set", error, doing="putting students in a seminar")
        self.changed.emit()
        self.load_roster()

    def spread_seminars(self) -> int:
        """Put every enrolled student without a seminar into one, spreading countries over the seminars."""
        from imet_desktop.store.enrollments import spread_over_seminars

        class_id = self.current_class_id()
        if class_id is None or self.db is None:
            return 0
        n = spread_over_seminars(self.db, class_id)
        self.message.setText(f"{count_text(n, 'student')} put in a seminar." if n else
                             "Nobody to place: every enrolled student has a seminar, or the class has none.")
        if n:
            self.changed.emit()
        self.load_roster()
        return n

    # --- printing ---------------------------------------------------------------------------------------------
    def print_roster(self, personal: bool = False) -> None:
        """Preview and print the class roster."""
        class_id = self.current_class_id()
        if class_id is not None and self.db is not None:
            printing.print_class_roster(self, self.db, class_id, include_personal=personal)

    def print_certificates(self) -> int:
        """Preview and print the completion certificates of the class's graduates."""
        class_id = self.current_class_id()
        if class_id is None or self.db is None:
            return 0
        n = printing.print_completion_certificates(self, self.db, class_id)
        if not n:
            self.message.setText("Nobody has completed this class yet: graduate the class first.")
        return n

    def print_selected_reports(self) -> int:
        """Preview and print the academic reports of the selected students."""
        if self.db is None:
            return 0
        ids = [e.enrollment_id for e in self.selected_entries() if e.status != WAITLISTED]
        return printing.print_academic_reports(self, self.db, ids)

    def print_class_reports(self) -> int:
        """Preview and print an academic report for everyone in the class."""
        if self.db is None:
            return 0
        ids = [e.enrollment_id for e in self.roster_model.rows() if e.status != WAITLISTED]
        return printing.print_academic_reports(self, self.db, ids)

    def candidate_rows(self) -> list[Candidate]:
        """The students listed on the left."""
        return self.candidates_model.rows()
