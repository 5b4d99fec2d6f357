"""The assignment view, driven as a clerk drives it: every placement rule, overrides, the waitlist, outcomes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from imet_desktop.app import build_main_window
from imet_desktop.store.class_lists import class_roster
from imet_desktop.store.db import open_database
from imet_desktop.store.enrollments import assign
from imet_desktop.store.students import get_student
from imet_desktop.ui.common.fields import to_qdate
from imet_desktop.ui.courses import dialogs as course_dialogs
from imet_desktop.ui.courses.assignment import AssignmentView
from imet_desktop.ui.courses.models import STUDENT_IDS_MIME, ClassRosterModel, encode_ids
from imet_desktop.ui.main_window import MainWindow
from tests.store.placing import PLACED_ON, D, School, a_school, a_student

from .conftest import close_window, wait_until_read


@pytest.fixture
def office(qtbot: QtBot, db_path: Path) -> Iterator[tuple[MainWindow, School]]:
    """The main window on a small school: IOS-PREP (3 seats), ACSC AY2027 (60), SOS 27A (36)."""
    db = open_database(db_path)
    school = a_school(db, prep_seats=3)
    w = build_main_window(db, db_path)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    wait_until_read(qtbot, w)
    yield w, school
    from imet_desktop.ui.documents import preview

    preview.wait_for_documents()
    close_window(w)


def open_class(w: MainWindow, class_id: int) -> AssignmentView:
    """The Courses tab's assignment page on a class, freshly read."""
    w.show_tab(w.courses_tab)
    view = w.courses_tab.assignment
    view._today = lambda: PLACED_ON  # the small school's classes have not ended yet on that day
    w.courses_tab.place_in_class(class_id)
    view.refresh()
    view.class_combo.choose(class_id)
    return view


def roster(view: AssignmentView) -> dict[str, str]:
    """Who is on the roster shown, with the status column's text."""
    model = view.roster_model
    return {model.row_at(r).legal_name: model.data(model.index(r, ClassRosterModel.STATUS))
            for r in range(model.rowCount())}


def drop_students(view: AssignmentView, student_ids: list[int]) -> None:
    """Drop students on the roster the way Qt delivers a drag: enter, move, then drop on the table's viewport."""
    mime = encode_ids(STUDENT_IDS_MIME, student_ids)
    viewport = view.roster_table.viewport()
    where, move, buttons, keys = QPointF(20, 20), Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, \
        Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where, move, mime, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()  # the roster takes students
    over = QDragMoveEvent(where, move, mime, buttons, keys)
    QApplication.sendEvent(viewport, over)
    assert over.isAccepted()
    drop = QDropEvent(where, move, mime, buttons, keys)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()


def override_with(monkeypatch: pytest.MonkeyPatch, reason: str | None) -> list[tuple[list[str], list[str]]]:
    """Answer the override dialog with this reason (None: cancel); returns what it was shown."""
    shown: list[tuple[list[str], list[str]]] = []

    def ask(_parent: object, students: list[str], reasons: list[str]) -> str | None:
        shown.append((list(students), list(reasons)))
        return reason

    monkeypatch.setattr(course_dialogs.OverrideDialog, "ask", ask)
    return shown


def issues(view: AssignmentView) -> dict[str, str]:
    """The 'not placed' list: student -> why."""
    return {r.student_name: r.check.explain() for r in view.issues_model.rows()}


# --- placing by drag and drop and by the Assign button ------------------------------------------------------------

def test_students_dragged_onto_the_roster_are_placed(office: tuple[MainWindow, School]) -> None:
    w, school = office
    ids = [a_student(w.db, n) for n in ("ADAMS", "BAKER")]
    view = open_class(w, school.prep)
    assert {c.legal_name for c in view.candidate_rows()} == {"ADAMS, Kwame", "BAKER, Kwame"}
    # What the left list puts on the drag is what the roster accepts.
    mime = view.candidates_model.mimeData([view.candidates_model.index(r, 0) for r in range(2)])
    assert sorted(int(i) for i in bytes(mime.data(STUDENT_IDS_MIME).data()).decode().strip("[]").split(", ")) == ids
    drop_students(view, ids)
    assert roster(view) == {"ADAMS, Kwame": "Enrolled", "BAKER, Kwame": "Enrolled"}
    assert view.candidate_rows() == []
    assert view.message.text() == "2 students placed in IOS ACSC Prep 2026."
    assert view.gauge.text() == "2 of 3 seats taken"
    assert view.issues_panel.isHidden()


def test_several_selected_students_are_placed_with_the_assign_button(qtbot: QtBot,
                                                                    office: tuple[MainWindow, School]) -> None:
    w, school = office
    ids = [a_student(w.db, n) for n in ("ADAMS", "BAKER", "CLARK")]
    view = open_class(w, school.prep)
    assert not view.assign_button.isEnabled()
    view.select_candidates(ids[:2])
    assert view.assign_button.isEnabled()
    qtbot.mouseClick(view.assign_button, Qt.MouseButton.LeftButton)
    assert set(roster(view)) == {"ADAMS, Kwame", "BAKER, Kwame"}
    assert [c.id for c in view.candidate_rows()] == [ids[2]]


def test_students_dragged_back_to_the_left_are_unassigned(office: tuple[MainWindow, School]) -> None:
    w, school = office
    sid = a_student(w.db, "ADAMS")
    view = open_class(w, school.prep)
    drop_students(view, [sid])
    mime = view.roster_model.mimeData([view.roster_model.index(0, 0)])
    students = encode_ids(STUDENT_IDS_MIME, [sid])  # kept: the event holds only a pointer to it
    enter = QDragEnterEvent(QPointF(5, 5), Qt.DropAction.MoveAction, students, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.candidates_table.viewport(), enter)
    assert not enter.isAccepted()  # students cannot be dropped on the students waiting
    assert view.drop_on_candidates(mime)
    assert roster(view) == {}
    assert [c.id for c in view.candidate_rows()] == [sid]
    assert view.message.text() == "Unassigned: ADAMS, Kwame."


# --- each rule, with its reason in plain words ----------------------------------------------------------------------

def test_ecl_below_the_minimum_is_listed_and_overridden_with_a_reason_recorded_with_who_and_when(
        qtbot: QtBot, office: tuple[MainWindow, School], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("imet_desktop.store.enrollments.current_user", lambda: "clerk.jones")
    w, school = office
    low = a_student(w.db, "OWUSU", 72)
    view = open_class(w, school.prep)
    assert view.candidates_model.data(view.candidates_model.index(0, view.candidates_model.ECL),
                                      Qt.ItemDataRole.ToolTipRole) == "Below the course minimum of 80"
    drop_students(view, [low])
    assert roster(view) == {}
    assert issues(view) == {"OWUSU, Kwame": "ECL 72 is below the IOS-PREP minimum of 80 (may be waived)"}
    assert view.issues_panel.isVisible()
    assert view.message.text() == "1 student not placed (see below)."
    assert not view.override_button.isEnabled()
    shown = override_with(monkeypatch, "ECL 72 accepted by the Commandant, memo of 3 May")
    view.select_issues([low])
    assert view.override_button.isEnabled()
    view.override_button.click()
    assert shown == [(["OWUSU, Kwame"], ["ECL 72 is below the IOS-PREP minimum of 80"])]
    assert roster(view) == {"OWUSU, Kwame": "Enrolled"}
    assert view.issues_panel.isHidden()
    assert view.message.text() == "1 student placed in IOS ACSC Prep 2026 (1 by override)."
    entry = view.roster_model.row_at(0)
    assert (entry.override_reason, entry.override_by) == ("ECL 72 accepted by the Commandant, memo of 3 May",
                                                          "clerk.jones")
    tip = view.roster_model.data(view.roster_model.index(0, ClassRosterModel.OVERRIDE), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Override: ECL 72 accepted") and "by clerk.jones on" in tip


def test_an_override_cancelled_places_nobody(qtbot: QtBot, office: tuple[MainWindow, School],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    w, school = office
    low = a_student(w.db, "OWUSU", 72)
    view = open_class(w, school.prep)
    drop_students(view, [low])
    override_with(monkeypatch, None)
    view.select_issues([low])
    view.override_selected()
    assert roster(view) == {}
    assert list(issues(view)) == ["OWUSU, Kwame"]


def test_overlapping_dates_are_named_and_may_be_waived(office: tuple[MainWindow, School]) -> None:
    w, school = office
    sid = a_student(w.db, "MENSAH")
    assign(w.db, sid, school.prep, today=PLACED_ON)
    assign(w.db, sid, school.acsc, today=PLACED_ON)
    view = open_class(w, school.sos)
    drop_students(view, [sid])
    assert issues(view) == {"MENSAH, Kwame": "SOS 27A (12 OCT 2026 to 04 DEC 2026) overlaps ACSC AY2027 "
                                             "(20 JUL 2026 to 04 JUN 2027) (may be waived)"}
    assert view.issues_model.data(view.issues_model.index(0, 2)) == "Possible"


def test_a_missing_prerequisite_is_named_and_may_be_waived(qtbot: QtBot, office: tuple[MainWindow, School],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    w, school = office
    sid = a_student(w.db, "MENSAH")
    view = open_class(w, school.acsc)
    view.select_candidates([sid])
    view.assign_selected()
    assert issues(view)["MENSAH, Kwame"].startswith("ACSC requires IOS-PREP first: MENSAH, Kwame has not completed")
    override_with(monkeypatch, "Completed the course at Lackland (DLIELC)")
    view.select_issues([sid])
    view.override_selected()
    assert roster(view) == {"MENSAH, Kwame": "Enrolled"}


def test_a_class_that_has_ended_is_refused_with_its_end_date_and_placed_by_override(
        qtbot: QtBot, office: tuple[MainWindow, School], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("imet_desktop.store.enrollments.current_user", lambda: "clerk.jones")
    w, school = office
    sid = a_student(w.db, "MENSAH")
    view = open_class(w, school.prep)
    view._today = lambda: D(2026, 12, 4)
    drop_students(view, [sid])
    assert roster(view) == {}
    assert issues(view) == {"MENSAH, Kwame": "IOS ACSC Prep 2026 has already ended (on 17 JUL 2026) (may be waived)"}
    shown = override_with(monkeypatch, "Attended in full; placement recorded late (registrar, 3 DEC)")
    view.select_issues([sid])
    view.override_button.click()
    assert shown == [(["MENSAH, Kwame"], ["IOS ACSC Prep 2026 has already ended (on 17 JUL 2026)"])]
    assert roster(view) == {"MENSAH, Kwame": "Enrolled"}
    entry = view.roster_model.row_at(0)
    assert (entry.override_reason, entry.override_by) == (
        "Attended in full; placement recorded late (registrar, 3 DEC)", "clerk.jones")
    # Edit ▸ History of the selected roster line: the placement, with the override, who and when
    from imet_desktop.ui.records.dialogs import HistoryDialog

    opened: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "run", lambda self: opened.append(self) or False)
    view.select_entries([entry.enrollment_id])
    view.roster_table.setFocus()
    w.records.history_action.trigger()
    [dialog] = opened
    assert dialog.windowTitle() == "History of MENSAH, Kwame"
    lines = [[dialog.model.index(r, c).data() for c in (2, 4)] for r in range(dialog.model.rowCount())]
    assert lines[:3] == [["(the record)", "added"],
                         ["Override reason", "Attended in full; placement recorded late (registrar, 3 DEC)"],
                         ["Override by", "clerk.jones"]]


def test_placing_a_student_in_another_class_of_the_course_clears_the_earlier_not_placed_line(
        office: tuple[MainWindow, School]) -> None:
    from imet_desktop.domain.records import TrainingClass
    from imet_desktop.store.courses import add_class

    w, school = office
    sid = a_student(w.db, "MENSAH")
    later = add_class(w.db, TrainingClass(school.prep_course, "IOS ACSC Prep 2027", D(2027, 1, 4), D(2027, 2, 12),
                                          20))
    view = open_class(w, school.prep)
    view._today = lambda: D(2026, 12, 4)
    drop_students(view, [sid])
    assert list(issues(view)) == ["MENSAH, Kwame"]
    view.class_combo.choose(later)
    view.select_candidates([sid])
    view.assign_selected()
    assert roster(view) == {"MENSAH, Kwame": "Enrolled"}
    assert issues(view) == {} and view.issues_panel.isHidden()


def test_already_in_the_course_is_refused_and_cannot_be_overridden(office: tuple[MainWindow, School],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from imet_desktop.domain.records import TrainingClass
    from imet_desktop.store.courses import add_class

    w, school = office
    sid = a_student(w.db, "MENSAH")
    assign(w.db, sid, school.prep, today=PLACED_ON)
    second = add_class(w.db, TrainingClass(school.prep_course, "IOS ACSC Prep 2026B", D(2026, 8, 3),
                                           D(2026, 9, 11), 20))
    view = open_class(w, second)
    assert sid not in [c.id for c in view.candidate_rows()]  # not offered for another class of the course
    drop_students(view, [sid])  # a drag from a list read before the placement
    assert issues(view) == {"MENSAH, Kwame": "MENSAH, Kwame is enrolled in IOS ACSC Prep 2026, a class of the same "
                                             "course (IOS-PREP); move the student instead"}
    assert view.issues_model.data(view.issues_model.index(0, 2)) == "No"
    shown = override_with(monkeypatch, "anything")
    view.select_issues([sid])
    assert not view.override_button.isEnabled()
    view.override_selected()
    assert shown == []
    assert "No override possible for MENSAH, Kwame" in view.message.text()


@pytest.mark.parametrize("status", ["Withdrawn", "Eliminated"])
def test_a_withdrawn_or_eliminated_student_is_refused(office: tuple[MainWindow, School], status: str) -> None:
    w, school = office
    sid = a_student(w.db, "MENSAH", status=status)
    view = open_class(w, school.prep)
    assert view.candidate_rows() == []  # the default filter: students not yet graduated
    view.status_filter.setCurrentText(status)
    assert [c.id for c in view.candidate_rows()] == [sid]
    view.select_candidates([sid])
    view.assign_selected()
    assert issues(view) == {"MENSAH, Kwame": f"MENSAH, Kwame is {status.lower()} and cannot be placed in a class"}
    assert roster(view) == {}


# --- the waitlist -----------------------------------------------------------------------------------------------

def test_a_full_class_waitlists_in_order_and_offers_a_freed_seat_to_the_first(
        qtbot: QtBot, office: tuple[MainWindow, School]) -> None:
    w, school = office
    names = ("ADAMS", "BAKER", "CLARK", "DAVIS", "EVANS")
    ids = dict(zip(names, (a_student(w.db, n) for n in names), strict=True))
    view = open_class(w, school.prep)
    drop_students(view, list(ids.values()))
    assert roster(view) == {"ADAMS, Kwame": "Enrolled", "BAKER, Kwame": "Enrolled", "CLARK, Kwame": "Enrolled",
                            "DAVIS, Kwame": "Waitlist 1", "EVANS, Kwame": "Waitlist 2"}
    assert view.message.text() == ("3 students placed in IOS ACSC Prep 2026; 2 students on the waitlist "
                                   "(class full; numbers 1, 2).")
    assert view.gauge.text() == "3 of 3 seats taken"
    assert view.seats_label.text() == "3 enrolled · 2 waitlisted · full"
    assert view.offer_banner.isHidden()

    # A seat frees: the first on the waitlist is offered it, and the banner asks for the answer.
    adams = next(e.enrollment_id for e in view.roster_model.rows() if e.student_id == ids["ADAMS"])
    view.select_entries([adams])
    qtbot.mouseClick(view.unassign_button, Qt.MouseButton.LeftButton)
    assert view.message.text() == "Unassigned: ADAMS, Kwame. The freed seat is offered to DAVIS, Kwame."
    assert roster(view)["DAVIS, Kwame"] == "Waitlist 1 · seat offered"
    assert view.offer_banner.isVisible()
    assert "offered to <b>DAVIS, Kwame</b>, 1st on the waitlist" in view.offer_label.text()
    assert view.gauge.text() == "3 of 3 seats taken"  # the offered seat is held

    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    assert roster(view)["DAVIS, Kwame"] == "Enrolled"
    assert roster(view)["EVANS, Kwame"] == "Waitlist 1"
    assert view.offer_banner.isHidden()


def test_a_declined_seat_is_offered_to_the_next_on_the_waitlist(qtbot: QtBot,
                                                               office: tuple[MainWindow, School]) -> None:
    w, school = office
    ids = [a_student(w.db, n) for n in ("ADAMS", "BAKER", "CLARK", "DAVIS", "EVANS")]
    view = open_class(w, school.prep)
    drop_students(view, ids)
    view.unassign([view.roster_model.row_at(0).enrollment_id])
    qtbot.mouseClick(view.decline_button, Qt.MouseButton.LeftButton)
    assert "DAVIS, Kwame" not in roster(view)
    assert roster(view)["EVANS, Kwame"] == "Waitlist 1 · seat offered"
    assert view.message.text() == ("DAVIS, Kwame declined the seat and left the waitlist. "
                                   "The seat is now offered to EVANS, Kwame.")


def test_a_withdrawal_frees_a_seat_for_the_waitlist(office: tuple[MainWindow, School],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    w, school = office
    ids = [a_student(w.db, n) for n in ("ADAMS", "BAKER", "CLARK", "DAVIS")]
    view = open_class(w, school.prep)
    drop_students(view, ids)
    adams = next(e for e in view.roster_model.rows() if e.student_id == ids[0])

    def ask(_parent: object, entry: object, default: object) -> course_dialogs.OutcomeAnswer:
        dialog = course_dialogs.OutcomeDialog(view, adams, D(2026, 6, 20))
        dialog.status.setCurrentIndex(dialog.STATUSES.index("Withdrawn"))
        dialog.note.setText("recalled by his government")
        assert not dialog.distinction.isEnabled()
        return dialog.answer()

    monkeypatch.setattr(course_dialogs.OutcomeDialog, "ask", ask)
    view.select_entries([adams.enrollment_id])
    assert view.outcome_button.isEnabled()
    view.outcome_button.click()
    assert roster(view)["ADAMS, Kwame"] == "Withdrawn 20 JUN 2026"
    assert roster(view)["DAVIS, Kwame"] == "Waitlist 1 · seat offered"
    assert view.message.text() == ("ADAMS, Kwame: withdrawn on 20 JUN 2026. The freed seat is offered to "
                                   "DAVIS, Kwame.")
    assert get_student(w.db, ids[0]).status == "Withdrawn"


def test_the_waitlist_order_can_be_changed(office: tuple[MainWindow, School]) -> None:
    w, school = office
    ids = [a_student(w.db, n) for n in ("ADAMS", "BAKER", "CLARK", "DAVIS", "EVANS")]
    view = open_class(w, school.prep)
    drop_students(view, ids)
    evans = next(e.enrollment_id for e in view.roster_model.rows() if e.student_id == ids[4])
    view.select_entries([evans])
    view.move_on_waitlist(-1)
    assert roster(view)["EVANS, Kwame"] == "Waitlist 1"
    assert roster(view)["DAVIS, Kwame"] == "Waitlist 2"


# --- moving, outcomes, graduating, seminars --------------------------------------------------------------------------

def test_moving_to_another_class_checks_the_rules_there(office: tuple[MainWindow, School],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    w, school = office
    sid = a_student(w.db, "MENSAH")
    view = open_class(w, school.sos)
    drop_students(view, [sid])
    monkeypatch.setattr(course_dialogs.ClassChoiceDialog, "ask",
                        lambda _p, _t, _prompt, classes, exclude_id=None: school.acsc)
    override_with(monkeypatch, "Prep done at home: certificate on file")
    view.select_entries([view.roster_model.row_at(0).enrollment_id])
    view.move_button.click()
    assert roster(view) == {}
    assert view.message.text() == "1 student moved to ACSC AY2027."
    entry = class_roster(w.db, school.acsc)[0]
    assert (entry.student_id, entry.override_reason) == (sid, "Prep done at home: certificate on file")


def test_graduating_the_class_with_an_exception_and_a_distinction(office: tuple[MainWindow, School],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    w, school = office
    ids = [a_student(w.db, n) for n in ("ADAMS", "BAKER", "CLARK")]
    view = open_class(w, school.prep)
    drop_students(view, ids)
    entries = {e.student_id: e.enrollment_id for e in view.roster_model.rows()}

    def ask(_parent: object, designator: str, enrolled: list[object], default: object) -> object:
        dialog = course_dialogs.GraduateClassDialog(view, designator, enrolled, D(2026, 7, 17))  # type: ignore[arg-type]
        assert dialog.ok_button.text() == "Graduate 3"
        dialog.set_graduates(entries[ids[1]], False)
        dialog.set_distinction(entries[ids[0]], "Distinguished Graduate")
        assert dialog.count.text() == "2 of 3 students graduate."
        return dialog.answer()

    monkeypatch.setattr(course_dialogs.GraduateClassDialog, "ask", ask)
    view.graduate_button.click()
    assert roster(view) == {"ADAMS, Kwame": "Completed 17 JUL 2026", "BAKER, Kwame": "Enrolled",
                            "CLARK, Kwame": "Completed 17 JUL 2026"}
    assert view.roster_model.row_at(0).distinction == "Distinguished Graduate"
    assert view.message.text().startswith("2 students of IOS ACSC Prep 2026 graduated on 17 JUL 2026; "
                                          "1 left enrolled")


def test_seminars_are_chosen_or_spread(office: tuple[MainWindow, School], monkeypatch: pytest.MonkeyPatch) -> None:
    from imet_desktop.store.courses import list_seminars, set_seminars

    w, school = office
    set_seminars(w.db, school.prep, ["Seminar 01", "Seminar 02"])
    ids = [a_student(w.db, n, country=c) for n, c in (("ADAMS", "GH"), ("BAKER", "GH"), ("CLARK", "NG"))]
    view = open_class(w, school.prep)
    drop_students(view, ids)
    seminar = list_seminars(w.db, school.prep)[1]
    monkeypatch.setattr(course_dialogs.SeminarDialog, "ask",
                        lambda _p, _students, _seminars, _current=None: course_dialogs.SeminarChoice(seminar.id))
    view.select_entries([view.roster_model.row_at(0).enrollment_id])
    view.seminar_action.trigger()
    assert view.roster_model.row_at(0).seminar == "Seminar 02"
    assert view.spread_seminars() == 2
    assert all(e.seminar for e in view.roster_model.rows())


def test_the_filters_narrow_the_students_waiting(qtbot: QtBot, office: tuple[MainWindow, School]) -> None:
    w, school = office
    early = a_student(w.db, "EARLY", 70, arrival=D(2026, 5, 4), country="NG")
    late = a_student(w.db, "LATE", 95, arrival=D(2026, 6, 22))
    view = open_class(w, school.prep)
    assert [c.id for c in view.candidate_rows()] == [early, late]
    assert view.candidates_label.text() == "<b>Students to place</b> — not yet in IOS-PREP: 2 students"
    view.arrival_filter.setChecked(True)
    view.arrival_from.setDate(to_qdate(D(2026, 6, 1)))
    view.arrival_to.setDate(to_qdate(D(2026, 6, 30)))
    assert [c.id for c in view.candidate_rows()] == [late]
    view.arrival_filter.setChecked(False)
    view.country_filter.setCurrentIndex(view.country_filter.findData("NG"))
    assert [c.id for c in view.candidate_rows()] == [early]
    view.country_filter.setCurrentIndex(0)
    view.ecl_min.setValue(80)
    assert [c.id for c in view.candidate_rows()] == [late]
    view.ecl_min.setValue(-1)
    qtbot.keyClicks(view.search_box, "earl")
    qtbot.waitUntil(lambda: [c.id for c in view.candidate_rows()] == [early], timeout=3000)


def test_the_assignment_models_pass_the_qt_model_tester(qtmodeltester: ModelTester,
                                                       office: tuple[MainWindow, School]) -> None:
    w, school = office
    ids = [a_student(w.db, n, 70 if n == "LOW" else 85) for n in ("ADAMS", "BAKER", "CLARK", "DAVIS", "LOW")]
    view = open_class(w, school.prep)
    drop_students(view, ids)
    for model in (view.candidates_model, view.roster_model, view.issues_model):
        qtmodeltester.check(model, force_py=False)
    assert view.roster_model.rowCount() == 4 and view.issues_model.rowCount() == 1


def test_the_roster_menu_offers_the_waitlist_actions(office: tuple[MainWindow, School]) -> None:
    w, school = office
    ids = [a_student(w.db, n) for n in ("ADAMS", "BAKER", "CLARK", "DAVIS")]
    view = open_class(w, school.prep)
    drop_students(view, ids)
    view.select_entries([view.roster_model.rows()[-1].enrollment_id])
    menu = view.roster_menu()
    assert [a.text() for a in menu.actions()] == ["Unassign", "Move to…", "Outcome…", "Seminar…", "Up the waitlist",
                                                  "Down the waitlist"]
    assert not menu.actions()[2].isEnabled()  # no outcome for a waitlisted student


# --- printing from the Print menu ---------------------------------------------------------------------------------

def _previewed(qtbot: QtBot) -> bytes:
    from imet_desktop.ui.documents import preview

    jobs = preview.running_jobs()
    assert len(jobs) == 1
    job = jobs[0]
    if job.outcome == "":
        with qtbot.waitSignal(job.finished, timeout=30_000):
            pass
    assert job.outcome == "previewed" and job.preview is not None
    qtbot.addWidget(job.preview)
    return bytes(job.preview.data)


def test_the_roster_and_academic_reports_print_from_the_print_menu(
        qtbot: QtBot, office: tuple[MainWindow, School], tmp_path: Path) -> None:
    from tests.documents.pdfcheck import page_count, page_texts

    w, school = office
    ids = [a_student(w.db, n) for n in ("ADAMS", "BAKER")]
    view = open_class(w, school.prep)
    drop_students(view, ids)
    view.print_roster_action.trigger()
    roster_pdf = tmp_path / "roster.pdf"
    roster_pdf.write_bytes(_previewed(qtbot))
    assert page_count(roster_pdf) == 1
    assert "ADAMS" in page_texts(roster_pdf)[0] and "IOS ACSC Prep 2026" in page_texts(roster_pdf)[0]

    view.select_entries([view.roster_model.row_at(1).enrollment_id])
    view.print_report_action.trigger()
    report_pdf = tmp_path / "report.pdf"
    report_pdf.write_bytes(_previewed(qtbot))
    assert page_count(report_pdf) == 1
    text = page_texts(report_pdf)[0]
    assert "International Student Academic Report" in text and "BAKER, Kwame" in text

    assert view.print_certificates() == 0  # nobody has completed the class yet
    assert view.message.text() == "Nobody has completed this class yet: graduate the class first."
