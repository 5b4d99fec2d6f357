"""The assignment view: students waiting to be placed on the left, the chosen class's roster on the right.

Students are placed by dragging them onto the roster or with Assign; every placement goes through
the school's rules (store.enrollments). Those the rules keep out are listed below with the reason in
plain words; a waivable rule can be overridden with a reason. A full class puts students on its
waitlist; when a seat frees, the first waitlisted student is offered it and the banner above the
roster asks for their answer.

The view is three parts and what ties them: ``CandidatesPanel`` (candidates.py) on the left,
``ClassPanel`` (class_panel.py) on the right, ``IssuesPanel`` (placement_issues.py) below; placing
and overriding are here, what acts on the class's roster is ``ClassActions`` (class_actions.py).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QSplitter, QTableView, QVBoxLayout, QWidget

from imet_desktop.domain.placement import Verdict
from imet_desktop.domain.records import EnrollmentStatus
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.formatting import count_text
from imet_desktop.ui.courses.candidates import CandidatesPanel
from imet_desktop.ui.courses.class_actions import ClassActions
from imet_desktop.ui.courses.class_panel import ClassPanel
from imet_desktop.ui.courses.common import CourseView, message_label
from imet_desktop.ui.courses.dialogs import OverrideDialog
from imet_desktop.ui.courses.models import ENROLLMENT_IDS_MIME, STUDENT_IDS_MIME, decode_ids
from imet_desktop.ui.courses.placement_issues import IssuesPanel

if TYPE_CHECKING:
    from imet_desktop.store.class_lists import Candidate, CandidateFilter, RosterEntry
    from imet_desktop.store.enrollments import AssignResult

ENROLLED, WAITLISTED = EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED


class AssignmentView(ClassActions, CourseView):
    """Place students in a class, with the rules, overrides, the waitlist and outcomes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = dt.date.today
        self.candidates = CandidatesPanel(self.drop_on_candidates)
        self.class_panel = ClassPanel(self.drop_on_roster)
        self.issues_panel = IssuesPanel()
        self.message = message_label("assignmentMessage")
        self._name_parts()

        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(self.candidates)
        sides.addWidget(self.class_panel)
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
        self._connect()
        self._update_buttons()

    def _name_parts(self) -> None:
        # The parts' widgets under the names the Courses tab, the tests and ClassActions use.
        left, right, below = self.candidates, self.class_panel, self.issues_panel
        self.candidates_model, self.candidates_table, self.candidates_label = left.model, left.table, left.label
        self.search_box, self.status_filter, self.country_filter = left.search_box, left.status_filter, \
            left.country_filter
        self.arrival_filter, self.arrival_from, self.arrival_to = left.arrival_filter, left.arrival_from, \
            left.arrival_to
        self.ecl_min, self.ecl_max, self.without_class = left.ecl_min, left.ecl_max, left.without_class
        self.assign_button = left.assign_button
        self.class_combo, self.class_info, self.gauge, self.seats_label = right.class_combo, right.class_info, \
            right.gauge, right.seats_label
        self.roster_model, self.roster_table = right.model, right.table
        self.offer_banner, self.offer_label = right.offer_banner, right.offer_label
        self.accept_button, self.decline_button = right.accept_button, right.decline_button
        self.unassign_button, self.move_button, self.outcome_button = right.unassign_button, right.move_button, \
            right.outcome_button
        self.graduate_button, self.seminar_button, self.print_button = right.graduate_button, right.seminar_button, \
            right.print_button
        self.seminar_action, self.spread_action = right.seminar_action, right.spread_action
        self.print_roster_action, self.print_roster_personal_action = right.print_roster_action, \
            right.print_roster_personal_action
        self.print_certificates_action, self.print_report_action = right.print_certificates_action, \
            right.print_report_action
        self.print_class_reports_action = right.print_class_reports_action
        self.issues_model, self.issues_table, self.issues_label = below.model, below.table, below.label
        self.override_button, self.dismiss_button = below.override_button, below.dismiss_button

    def _connect(self) -> None:
        right = self.class_panel
        self.candidates.filters_changed.connect(self.load_candidates)
        self.candidates.assign_button.clicked.connect(self.assign_selected)
        right.class_combo.currentIndexChanged.connect(self._class_changed)
        right.table.customContextMenuRequested.connect(self._roster_menu)
        right.accept_button.clicked.connect(lambda: self.accept_offer())
        right.decline_button.clicked.connect(lambda: self.decline_offer())
        right.unassign_button.clicked.connect(self.unassign_selected)
        right.move_button.clicked.connect(self.move_selected)
        right.outcome_button.clicked.connect(self.record_outcome)
        right.graduate_button.clicked.connect(self.graduate_class)
        for action, slot in ((right.seminar_action, self.choose_seminar), (right.spread_action, self.spread_seminars),
                             (right.print_roster_action, lambda: self.print_roster()),
                             (right.print_roster_personal_action, lambda: self.print_roster(personal=True)),
                             (right.print_certificates_action, self.print_certificates),
                             (right.print_report_action, self.print_selected_reports),
                             (right.print_class_reports_action, self.print_class_reports)):
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
        self.issues_panel.override_button.clicked.connect(self.override_selected)
        self.issues_panel.dismiss_button.clicked.connect(self.dismiss_issues)
        for table in self.tables():
            table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

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
        self.candidates.set_countries(candidate_countries(self.db))
        self._show_class()

    def _class_changed(self, _index: int) -> None:
        if self.db is not None:
            self._show_class()

    def _show_class(self) -> None:
        self.load_roster()
        self.load_candidates()

    def candidate_filter(self) -> CandidateFilter:
        """The filters as set on the left."""
        return self.candidates.candidate_filter()

    def load_candidates(self) -> None:
        """Read the students waiting to be placed in the chosen class, as filtered."""
        from imet_desktop.store.class_lists import candidates
        from imet_desktop.store.courses import get_course

        if self.db is None:
            return
        filters = self.candidate_filter()
        rows = candidates(self.db, self.current_class_id(), filters)
        klass = self.class_combo.current_row()
        min_ecl = get_course(self.db, klass.course_id).min_ecl if klass else None
        self.candidates.show_rows(rows, klass.course_code if klass else "a class", min_ecl, filters.limit)
        self._update_buttons()

    def load_roster(self) -> None:
        """Read the chosen class's roster, seats and seat offers."""
        from imet_desktop.store.class_lists import class_roster
        from imet_desktop.store.courses import get_course
        from imet_desktop.store.seats import class_seats

        if self.db is None:
            return
        class_id = self.current_class_id()
        klass = self.class_combo.current_row()
        if class_id is None or klass is None:
            self.class_panel.show_no_class()
        else:
            self.class_panel.show_class(get_course(self.db, klass.course_id), klass, class_roster(self.db, class_id),
                                        class_seats(self.db, class_id))
        self._update_buttons()

    def selected_candidate_ids(self) -> list[int]:
        """The students selected on the left."""
        return self.candidates.selected_ids()

    def selected_entries(self) -> list[RosterEntry]:
        """The roster lines selected on the right."""
        return self.class_panel.selected_entries()

    def selected_enrollment_ids(self) -> list[int]:
        """The enrollments selected on the right."""
        return self.class_panel.selected_enrollment_ids()

    def select_candidates(self, student_ids: list[int]) -> None:
        """Select these students on the left (those listed)."""
        self.candidates.select(student_ids)

    def select_entries(self, enrollment_ids: list[int]) -> None:
        """Select these enrollments on the right."""
        self.class_panel.select(enrollment_ids)

    def candidate_rows(self) -> list[Candidate]:
        """The students listed on the left."""
        return self.candidates_model.rows()

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
            results = assign_many(self.db, student_ids, class_id, override_reason=override_reason,
                                  today=self._today())
        except Exception as e:
            show_failure(self, "Students not placed", e, doing="placing students in the class")
            return []
        self._show_results(results)
        return results

    def _show_results(self, results: list[AssignResult]) -> None:
        placed = [r for r in results if r.verdict is Verdict.ENROLL]
        waiting = [r for r in results if r.verdict is Verdict.WAITLIST]
        kept_out = [r for r in results if not r.placed]
        self.issues_panel.add_results(results)
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
        return self.issues_panel.selected()

    def select_issues(self, student_ids: list[int]) -> None:
        """Select the 'not placed' lines of these students."""
        self.issues_panel.select(student_ids)

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
            results = [try_assign(self.db, r.student_id, r.class_id, override_reason=reason, today=self._today())
                       for r in chosen]
        except Exception as e:
            show_failure(self, "Override not recorded", e, doing="placing students by override")
            return []
        self._show_results(results)
        return results

    def dismiss_issues(self) -> None:
        """Clear the 'not placed' list."""
        self.issues_panel.clear()
        self._update_buttons()
