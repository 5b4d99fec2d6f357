"""The issue's "done when", as one story on the demo database.

A clerk places 20 newly arrived students into a preparatory class and then their ACSC class with a few
drags, sees who cannot be placed and why, overrides one ECL shortfall with a reason, graduates the class,
and prints their completion certificates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from imet_desktop.domain.names import printed_name
from imet_desktop.domain.records import Student, TrainingClass
from imet_desktop.store.courses import course_id_by_code
from imet_desktop.store.students import add_student, get_student
from imet_desktop.ui.common.fields import to_qdate
from imet_desktop.ui.courses import catalogue_dialogs
from imet_desktop.ui.courses import dialogs as course_dialogs
from imet_desktop.ui.courses.assignment import AssignmentView
from imet_desktop.ui.documents import preview
from imet_desktop.ui.main_window import MainWindow

TODAY = dt.date.today()

NEW_STUDENTS = [  # (family, given, country, ECL)
    ("HORVÁTH", "Győző Ödön", "HU", 88), ("NGUYỄN", "Văn Đức", "VN", 84), ("ÇAĞLAR", "Mehmet", "TR", 91),
    ("OKAFOR", "Chinedu", "NG", 86), ("O'BRIEN", "Seán", "IE", 97), ("AL-HARBI", "Faisal", "SA", 82),
    ("DUBOIS", "Jean-Luc", "FR", 93), ("KOWALSKI", "Łukasz", "PL", 85), ("SANTOS", "João", "BR", 83),
    ("MWANGI", "Peter", "KE", 89), ("PHAM", "Thi Lan", "VN", 81), ("ANDERSSON", "Björn", "SE", 98),
    ("RAHMAN", "Abdul", "BD", 80), ("TAN", "Wei Ming", "SG", 90), ("GARCÍA", "María José", "CO", 87),
    ("MÜLLER", "Jürgen", "DE", 95), ("SILVA", "Ana", "PT", 92), ("PETROV", "Ivan", "BG", 84),
    ("KIM", "Min-jun", "KR", 83), ("OWUSU", "Kwame", "GH", 76),  # the one ECL shortfall
]


def add_newcomers(w: MainWindow) -> list[int]:
    """The 20 students who arrived this week, as the import or the record editor would have opened them."""
    ids = []
    for n, (family, given, country, ecl) in enumerate(NEW_STUDENTS):
        ids.append(add_student(w.db, Student(
            legal_family_name=family, legal_given_names=given, country_code=country, ecl_score=ecl,
            status="Arrived", arrival_date=TODAY - dt.timedelta(days=n % 3), country_rank="Major",
            us_rank="Major")))
    return ids


def add_class_in_catalogue(w: MainWindow, monkeypatch: pytest.MonkeyPatch, course_code: str, designator: str,
                           start: dt.date, end: dt.date, seats: int) -> int:
    """Add a class through the catalogue page's Add class… button (the dialog answered)."""
    catalogue = w.courses_tab.catalogue
    course_id = course_id_by_code(w.db, course_code)
    assert course_id is not None
    training_class = TrainingClass(course_id, designator, start, end, seats, "Maxwell AFB, Alabama")
    answer = catalogue_dialogs.ClassAnswer(training_class, ("Seminar 01", "Seminar 02"))
    monkeypatch.setattr(catalogue_dialogs.ClassDialog, "ask", lambda *_args: answer)
    catalogue.add_class_button.click()
    class_id = catalogue.selected_class_id()
    assert class_id is not None
    assert catalogue.classes_model.row_at(catalogue.classes_table.selectionModel().selectedRows()[0].row()) \
        .designator == designator
    return class_id


def drag_selected_onto_roster(view: AssignmentView) -> None:
    """Drag the students selected on the left onto the class's roster."""
    indexes = view.candidates_table.selectionModel().selectedIndexes()
    mime = view.candidates_model.mimeData(indexes)
    viewport = view.roster_table.viewport()
    args = (QPointF(30, 30), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(viewport, enter)
    drop = QDropEvent(*args)
    QApplication.sendEvent(viewport, drop)
    assert enter.isAccepted() and drop.isAccepted()


def test_placing_twenty_newcomers_overriding_one_graduating_and_printing_certificates(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    w = window
    monkeypatch.setattr("imet_desktop.store.enrollments.current_user", lambda: "clerk.jones")
    newcomers = add_newcomers(w)
    w.view_actions[2].trigger()
    tab = w.courses_tab

    # The classes: next year's preparatory class and the ACSC class it prepares for.
    prep = add_class_in_catalogue(w, monkeypatch, "IOS-PREP", "IOS ACSC Prep 2029", dt.date(2028, 6, 5),
                                  dt.date(2028, 7, 14), 24)
    acsc = add_class_in_catalogue(w, monkeypatch, "ACSC", "ACSC AY2029", dt.date(2028, 7, 17),
                                  dt.date(2029, 6, 1), 72)

    # 1. The preparatory class: the clerk narrows the list to this week's arrivals with no class yet.
    tab.catalogue.select_class(prep)
    tab.catalogue.place_button.click()
    view = tab.assignment
    assert tab.current_view() is view and view.current_class_id() == prep
    view.arrival_filter.setChecked(True)
    view.arrival_from.setDate(to_qdate(TODAY - dt.timedelta(days=7)))
    view.arrival_to.setDate(to_qdate(TODAY))
    view.without_class.setChecked(True)
    listed = [c.id for c in view.candidate_rows()]
    assert set(newcomers) <= set(listed)
    view.select_candidates(newcomers)
    drag_selected_onto_roster(view)

    # 19 are placed; the list below says who is not, and why.
    assert view.roster_model.rowCount() == 19
    assert view.message.text() == "19 students placed in IOS ACSC Prep 2029; 1 student not placed (see below)."
    assert {r.student_name: r.check.explain() for r in view.issues_model.rows()} == \
        {"OWUSU, Kwame": "ECL 76 is below the IOS-PREP minimum of 80 (may be waived)"}

    # 2. The ECL shortfall is overridden with a reason, recorded with who and when.
    monkeypatch.setattr(course_dialogs.OverrideDialog, "ask",
                        lambda _p, _students, _reasons: "ECL 76 accepted by the Commandant; retest in week 3")
    view.select_issues([newcomers[-1]])
    view.override_button.click()
    assert view.roster_model.rowCount() == 20
    owusu = next(e for e in view.roster_model.rows() if e.student_id == newcomers[-1])
    assert (owusu.override_reason, owusu.override_by) == ("ECL 76 accepted by the Commandant; retest in week 3",
                                                          "clerk.jones")
    # stamped today (the clock may have passed midnight since the test's TODAY was taken)
    assert owusu.override_at[:10] in {TODAY.isoformat(), dt.date.today().isoformat()}
    assert view.gauge.text() == "20 of 24 seats taken"
    assert view.issues_panel.isHidden()

    # 3. Their ACSC class: the same students, now in the preparatory class (which ends before ACSC starts).
    view.class_combo.choose(acsc)
    view.without_class.setChecked(False)
    view.select_candidates(newcomers)
    assert len(view.selected_candidate_ids()) == 20
    view.assign_button.click()
    assert view.roster_model.rowCount() == 19
    assert {r.student_name: r.check.explain() for r in view.issues_model.rows()} == \
        {"OWUSU, Kwame": "ECL 76 is below the ACSC minimum of 80 (may be waived)"}
    view.dismiss_button.click()  # OWUSU waits for the next ACSC class, after his retest

    # 4. The preparatory class graduates, then ACSC: one exception, one distinction.
    view.class_combo.choose(prep)
    monkeypatch.setattr(course_dialogs.GraduateClassDialog, "ask",
                        lambda _p, _d, _entries, default: course_dialogs.GraduateAnswer(default, (), {}))
    assert len(view.graduate_class()) == 20
    view.class_combo.choose(acsc)
    entries = {e.student_id: e.enrollment_id for e in view.roster_model.rows()}
    exception, top = entries[newcomers[3]], entries[newcomers[1]]

    def graduate(_parent: object, designator: str, enrolled: list[object], default: dt.date) -> object:
        dialog = course_dialogs.GraduateClassDialog(view, designator, enrolled, default)  # type: ignore[arg-type]
        dialog.set_graduates(exception, False)
        dialog.set_distinction(top, "Distinguished Graduate")
        return dialog.answer()

    monkeypatch.setattr(course_dialogs.GraduateClassDialog, "ask", graduate)
    view.graduate_button.click()
    completed = [e for e in view.roster_model.rows() if e.status == "Completed"]
    assert len(completed) == 18
    assert all(e.outcome_date == "2029-06-01" for e in completed)
    assert get_student(w.db, newcomers[1]).status == "Graduated"
    assert get_student(w.db, newcomers[3]).status == "Arrived"  # the exception: still enrolled

    # 5. Their completion certificates: one page per graduate, every name on it.
    view.print_certificates_action.trigger()
    jobs = preview.running_jobs()
    assert len(jobs) == 1
    job = jobs[0]
    if job.outcome == "":
        with qtbot.waitSignal(job.finished, timeout=30_000):
            pass
    assert job.outcome == "previewed" and job.preview is not None
    qtbot.addWidget(job.preview)
    pdf = tmp_path / "certificates.pdf"
    pdf.write_bytes(job.preview.data)
    graduates = [get_student(w.db, e.student_id) for e in completed]
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == len(graduates) == 18
        text = "\n".join(page.extract_text() or "" for page in doc.pages)
    for student in graduates:
        assert printed_name(student.legal_family_name, student.legal_given_names, student.country_code) in text
    assert "Distinguished Graduate" in text
    assert "OKAFOR" not in text and "OWUSU" not in text  # the exception and the one left out
    preview.wait_for_documents()
