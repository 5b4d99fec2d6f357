"""What acts on the class shown in the assignment view: unassign, move, seat offers, the waitlist, outcomes,
graduation, seminars and printing.

A mixin of ``AssignmentView`` (assignment.py), which provides ``db``, ``class_panel`` and its aliases
(``roster_model``, the buttons), ``message``, ``changed``, ``current_class_id()``, ``selected_entries()``,
``select_entries()``, ``load_roster()`` and ``load_candidates()``; every change goes through the store's
rules, and a failure through the one error path (``ui.common.errors``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from imet_desktop.domain.placement import Verdict
from imet_desktop.domain.records import EnrollmentStatus
from imet_desktop.store.errors import StoreError
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.formatting import count_text, display_date
from imet_desktop.ui.courses import printing
from imet_desktop.ui.courses.dialogs import (
    ClassChoiceDialog,
    GraduateClassDialog,
    OutcomeDialog,
    OverrideDialog,
    SeminarDialog,
)

if TYPE_CHECKING:
    from imet_desktop.store.class_lists import RosterEntry

ENROLLED, WAITLISTED = EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED


class ClassActions:
    """The class roster's actions (mixed into AssignmentView, which is the QWidget: ``self`` parents the dialogs)."""

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
                    result = move(self.db, e.enrollment_id, target, override_reason=reason, today=self._today())
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
                accept_seat(self.db, entry.enrollment_id, override_reason=reason, today=self._today())
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

