"""The catalogue page: courses and classes added, edited and deleted, classes with their seminars."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from imet_desktop.domain.records import Course, TrainingClass
from imet_desktop.store.courses import get_course, list_classes, list_seminars
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.fields import to_qdate
from imet_desktop.ui.courses import catalogue_dialogs
from imet_desktop.ui.courses import dialogs as course_dialogs
from imet_desktop.ui.main_window import MainWindow


def answers(monkeypatch: pytest.MonkeyPatch, dialog: type, *replies: object) -> list[tuple[object, ...]]:
    """Answer a dialog's ask() with these replies in turn; returns the arguments it was opened with."""
    seen: list[tuple[object, ...]] = []
    queue = list(replies)

    def ask(*args: object) -> object:
        seen.append(args)
        return queue.pop(0)

    monkeypatch.setattr(dialog, "ask", ask)
    return seen


def test_a_course_is_added_with_its_prerequisite(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.view_actions[2].trigger()
    catalogue = window.courses_tab.catalogue
    seen = answers(monkeypatch, catalogue_dialogs.CourseDialog,
                   Course("IMSO", "International Military Student Officer Course", "D171099", 75, 2, ("ACSC",)))
    course_id = catalogue.add_course()
    assert course_id is not None
    assert seen[0][1] is None and "ACSC" in seen[0][2]  # a new course; the codes it may require
    assert catalogue.selected_course_id() == course_id
    assert get_course(window.db, course_id).prerequisite_codes == ("ACSC",)
    assert "Classes of IMSO" in catalogue.classes_label.text()


def test_a_refused_course_comes_back_to_the_dialog_as_typed(window: MainWindow,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window.view_actions[2].trigger()
    catalogue = window.courses_tab.catalogue
    duplicate = Course("ACSC", "Another college")
    seen = answers(monkeypatch, catalogue_dialogs.CourseDialog, duplicate, None)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: errors.append(text))
    assert catalogue.add_course() is None
    assert errors == ["Code 'ACSC': is already used by another course"]
    assert seen[1][1] is duplicate  # the clerk's typing is not lost


def test_a_class_is_added_with_seminars_and_edited(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window.view_actions[2].trigger()
    catalogue = window.courses_tab.catalogue
    acsc = next(c for c in catalogue.courses_model.rows() if c.code == "ACSC")
    catalogue.select_course(acsc.id)
    new = TrainingClass(acsc.id, "ACSC AY2030", dt.date(2029, 7, 16), dt.date(2030, 5, 31), 70, "Maxwell AFB")
    answer = catalogue_dialogs.ClassAnswer(new, ("Seminar 01", "Seminar 02"))
    answers(monkeypatch, catalogue_dialogs.ClassDialog, answer)
    class_id = catalogue.add_class()
    assert class_id is not None and catalogue.selected_class_id() == class_id
    assert [s.name for s in list_seminars(window.db, class_id)] == ["Seminar 01", "Seminar 02"]

    changed = TrainingClass(acsc.id, "ACSC AY2030", dt.date(2029, 7, 16), dt.date(2030, 5, 31), 75, "Maxwell AFB",
                            id=class_id)
    seen = answers(monkeypatch, catalogue_dialogs.ClassDialog, catalogue_dialogs.ClassAnswer(changed, ("Seminar 01",)))
    catalogue.edit_class_button.click()
    assert seen[0][3] == ["Seminar 01", "Seminar 02"]  # the dialog opened with the class's seminars
    assert next(c for c in list_classes(window.db) if c.id == class_id).capacity == 75
    assert [s.name for s in list_seminars(window.db, class_id)] == ["Seminar 01"]


def test_a_class_with_students_cannot_be_deleted_but_an_empty_one_can(window: MainWindow,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    window.view_actions[2].trigger()
    catalogue = window.courses_tab.catalogue
    used = next(c for c in catalogue.classes_model.rows() if c.enrolled)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_a: True)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: errors.append(text))
    catalogue.select_class(used.id)
    catalogue.delete_class_button.click()
    assert "cannot be deleted" in errors[0]
    acsc = next(c for c in catalogue.courses_model.rows() if c.code == "ACSC")
    answers(monkeypatch, catalogue_dialogs.ClassDialog,
            catalogue_dialogs.ClassAnswer(TrainingClass(acsc.id or 0, "ACSC spare"), ()))
    spare = catalogue.add_class()
    assert spare is not None
    catalogue.select_class(spare)
    catalogue.delete_class_button.click()
    assert spare not in [c.id for c in list_classes(window.db)]


def test_the_class_dialog_checks_dates_and_numbers_seminars(qtbot: QtBot, window: MainWindow) -> None:
    window.view_actions[2].trigger()
    courses = window.courses_tab.catalogue.courses_model.rows()
    dialog = catalogue_dialogs.ClassDialog(None, None, courses)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()  # no designator yet
    dialog.designator.setText("SOS 29A")
    dialog.start.setDate(to_qdate(dt.date(2028, 10, 9)))
    dialog.end.setDate(to_qdate(dt.date(2028, 10, 1)))
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "The class ends before it starts."
    dialog.end.setDate(to_qdate(dt.date(2028, 12, 1)))
    dialog.make_seminars.setValue(3)
    answer = dialog.answer()
    assert answer.seminars == ("Seminar 01", "Seminar 02", "Seminar 03")
    assert answer.training_class.capacity is None  # "No limit"
    assert answer.training_class.minimum_seats is None  # "No minimum"
    dialog.capacity.setValue(24)
    dialog.minimum.setValue(6)
    assert (dialog.answer().training_class.capacity, dialog.answer().training_class.minimum_seats) == (24, 6)


def test_the_override_dialog_needs_a_reason(qtbot: QtBot) -> None:
    dialog = course_dialogs.OverrideDialog(None, ["OWUSU, Kwame"], ["ECL 76 is below the ACSC minimum of 80"])
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setPlainText("Commandant's waiver")
    assert dialog.ok_button.isEnabled() and dialog.answer() == "Commandant's waiver"


def test_place_students_opens_the_class_in_the_assignment_page(window: MainWindow) -> None:
    window.view_actions[2].trigger()
    tab = window.courses_tab
    row = tab.catalogue.classes_model.row_at(0)
    tab.catalogue.select_class(row.id)
    tab.catalogue.place_button.click()
    assert tab.current_view() is tab.assignment
    assert tab.assignment.current_class_id() == row.id
    assert tab.tables()[0] is tab.assignment.candidates_table


def test_find_on_the_assignment_page_searches_the_students_waiting(window: MainWindow) -> None:
    window.view_actions[2].trigger()
    tab = window.courses_tab
    window.find_action.trigger()
    assert window.current_tab() is window.roster_tab  # from the catalogue, Find goes to the roster
    window.view_actions[2].trigger()
    tab.show_page(tab.assignment)
    window.find_action.trigger()
    assert window.current_tab() is tab and tab.assignment.search_box.hasFocus()
