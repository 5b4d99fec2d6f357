"""Courses, Honor Roll and Ceremonies tabs on the demo database, and every table model under qtmodeltester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from imet_desktop.domain.records import Course
from imet_desktop.store.ceremonies import CeremonyRow, InducteeRow, list_ceremonies, list_inductees
from imet_desktop.store.courses import ClassRow, list_classes, list_courses
from imet_desktop.store.honor_roll import HonoreeRow, list_honorees
from imet_desktop.ui.ceremonies.models import CeremoniesModel, InducteesModel
from imet_desktop.ui.common.table_model import ROW_ROLE
from imet_desktop.ui.courses.models import ClassesModel, CoursesModel
from imet_desktop.ui.honor_roll.model import HonoreesModel
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.model import RosterModel


def column_titles(model: object) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]  # type: ignore


def rows_of(model: object) -> list[object]:
    return [model.data(model.index(r, 0), ROW_ROLE) for r in range(model.rowCount())]  # type: ignore


# --- Courses ------------------------------------------------------------------------------------------------------

def test_the_courses_tab_lists_the_courses_and_all_their_classes(window: MainWindow) -> None:
    window.view_actions[2].trigger()
    tab = window.courses_tab
    courses = list_courses(window.db)
    assert rows_of(tab.courses_model) == courses
    assert all(isinstance(c, Course) for c in rows_of(tab.courses_model))
    assert tab.classes_model.rowCount() == len(list_classes(window.db)) > 0
    assert column_titles(tab.classes_model) == ["Designator", "Course", "Start", "End", "Capacity", "Enrolled",
                                                "Completed", "Location"]
    first: ClassRow = tab.classes_model.row_at(0)
    assert tab.classes_model.data(tab.classes_model.index(0, ClassesModel.DESIGNATOR)) == first.designator
    assert tab.classes_model.data(tab.classes_model.index(0, ClassesModel.ENROLLED)) == f"{first.enrolled:,}"
    assert "all courses" in tab.classes_label.text()


def test_selecting_a_course_lists_only_its_classes(window: MainWindow) -> None:
    window.view_actions[2].trigger()
    tab = window.courses_tab
    with_classes = next(i for i, c in enumerate(tab.courses_model.rows()) if list_classes(window.db, c.id))
    course = tab.courses_model.row_at(with_classes)
    tab.courses_table.selectRow(with_classes)
    assert rows_of(tab.classes_model) == list_classes(window.db, course_id=course.id)
    assert all(r.course_id == course.id for r in rows_of(tab.classes_model))  # type: ignore[attr-defined]
    assert f"Classes of {course.code}" in tab.classes_label.text()
    assert tab.all_classes_button.isEnabled()
    tab.all_classes_button.click()
    assert tab.classes_model.rowCount() == len(list_classes(window.db))


def test_dates_read_the_way_the_office_writes_them(window: MainWindow) -> None:
    window.view_actions[2].trigger()
    model = window.courses_tab.classes_model
    row: ClassRow = model.row_at(0)
    shown = model.data(model.index(0, ClassesModel.START))
    assert row.start_date and shown != row.start_date
    assert shown.split()[1].isupper() and shown.split()[2] == row.start_date[:4]  # 05 JUN 2026


def test_clicking_a_course_column_sorts_the_small_list_in_memory(qtbot: QtBot, window: MainWindow) -> None:
    window.view_actions[2].trigger()
    tab = window.courses_tab
    tab.classes_table.sortByColumn(ClassesModel.START, Qt.SortOrder.DescendingOrder)
    starts = [r.start_date for r in tab.classes_model.rows()]
    assert starts == sorted(starts, reverse=True)


# --- Honor Roll ---------------------------------------------------------------------------------------------------

def test_the_honor_roll_tab_lists_the_honorees(window: MainWindow) -> None:
    window.view_actions[3].trigger()
    tab = window.honor_roll_tab
    honorees = list_honorees(window.db)
    assert len(honorees) > 0
    assert rows_of(tab.model) == honorees
    assert all(isinstance(r, HonoreeRow) for r in rows_of(tab.model))
    assert column_titles(tab.model) == ["Year", "Country", "Name", "Native name", "Rank", "Position", "Schools"]
    assert tab.model.data(tab.model.index(0, HonoreesModel.YEAR)) == str(honorees[0].induction_year)
    assert tab.count_label.text() == f"{len(honorees)} honorees"


def test_searching_the_honor_roll_by_country(qtbot: QtBot, window: MainWindow) -> None:
    window.view_actions[3].trigger()
    tab = window.honor_roll_tab
    country = tab.model.row_at(0).country_name
    window.find_action.trigger()  # Find goes to the tab's own search box
    qtbot.keyClicks(tab.search_box, country)
    qtbot.waitUntil(lambda: not tab.search_box.pending and tab.model.rowCount() == len(
        list_honorees(window.db, search=country)), timeout=3000)
    assert rows_of(tab.model) == list_honorees(window.db, search=country)
    assert 0 < tab.model.rowCount() < len(list_honorees(window.db))
    assert window.current_tab() is tab


# --- Ceremonies ---------------------------------------------------------------------------------------------------

def test_the_ceremonies_tab_lists_ceremonies_and_the_selected_ones_inductees(window: MainWindow) -> None:
    window.view_actions[4].trigger()
    tab = window.ceremonies_tab
    ceremonies = list_ceremonies(window.db)
    assert rows_of(tab.ceremonies_model) == ceremonies
    assert all(isinstance(c, CeremonyRow) for c in ceremonies)
    assert column_titles(tab.ceremonies_model) == ["Date", "Time", "Title", "Venue", "Status", "Inductees", "Guests"]
    assert tab.selected_ceremony_id() == ceremonies[0].id
    inductees = list_inductees(window.db, ceremonies[0].id)
    assert rows_of(tab.inductees_model) == inductees
    assert column_titles(tab.inductees_model) == ["Name", "Native name", "Country", "Position",
                                                  "Attending / representative"]


def test_every_ceremony_shows_its_own_inductees(window: MainWindow) -> None:
    window.view_actions[4].trigger()
    tab = window.ceremonies_tab
    seen = 0
    for row, ceremony in enumerate(tab.ceremonies_model.rows()):
        tab.ceremonies_table.selectRow(row)
        inductees = list_inductees(window.db, ceremony.id)
        assert rows_of(tab.inductees_model) == inductees
        assert ceremony.title in tab.inductees_label.text()
        seen += len(inductees)
    assert seen > 0


def test_an_absent_inductee_shows_who_accepts_for_them(window: MainWindow) -> None:
    model = InducteesModel()
    base = dict(id=1, student_id=1, legal_name="AL-SAUD, Fahd", native_name="فهد آل سعود", country_code="SA",
                country_name="Saudi Arabia", rank="Lieutenant General", position_title="Commander, RSAF",
                sort_order=1)
    model.set_rows([
        InducteeRow(**base, attending=True, representative_name="", representative_title=""),
        InducteeRow(**base, attending=False, representative_name="Col. Nasser Al-Otaibi",
                    representative_title="Air Attaché"),
        InducteeRow(**base, attending=False, representative_name="", representative_title=""),
    ])
    shown = [model.data(model.index(r, InducteesModel.ATTENDANCE)) for r in range(3)]
    assert shown == ["Attending", "Represented by Col. Nasser Al-Otaibi, Air Attaché",
                     "Not attending (no representative yet)"]


# --- every model under Qt's model tester -------------------------------------------------------------------------

def test_every_table_model_passes_the_qt_model_tester(qtmodeltester: ModelTester, window: MainWindow) -> None:
    for action in window.view_actions:
        action.trigger()
    models = [
        window.roster_tab.model,
        window.courses_tab.courses_model,
        window.courses_tab.classes_model,
        window.honor_roll_tab.model,
        window.ceremonies_tab.ceremonies_model,
        window.ceremonies_tab.inductees_model,
    ]
    assert all(m.rowCount() > 0 for m in models)
    for model in models:
        qtmodeltester.check(model, force_py=False)


def test_models_stay_valid_while_they_change(qtmodeltester: ModelTester, window: MainWindow) -> None:
    roster = RosterModel(window.db)
    qtmodeltester.check(roster, force_py=False)
    roster.reload()
    roster.set_search("a")
    roster.sort(RosterModel.COUNTRY, Qt.SortOrder.DescendingOrder)
    roster.set_search("")
    for model, rows in ((CoursesModel(), list_courses(window.db)), (ClassesModel(), list_classes(window.db)),
                        (HonoreesModel(), list_honorees(window.db)), (CeremoniesModel(), list_ceremonies(window.db))):
        qtmodeltester.check(model, force_py=False)
        model.set_rows(rows)
        model.sort(1, Qt.SortOrder.AscendingOrder)
        model.sort(0, Qt.SortOrder.DescendingOrder)
        model.set_rows(rows[:1])
        model.set_rows([])


# --- tabs talk through the window ---------------------------------------------------------------------------------

def test_a_ceremony_added_in_its_tab_has_the_other_tabs_read_again_and_the_counts_updated(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    from imet_desktop.domain.records import Ceremony
    from imet_desktop.ui.ceremonies.dialogs import CeremonyDialog

    honor_roll = window.honor_roll_tab
    honor_roll.ensure_loaded()
    window.view_actions[4].trigger()  # Ceremonies
    before = len(list_ceremonies(window.db))
    monkeypatch.setattr(CeremonyDialog, "ask", classmethod(lambda _c, _p: Ceremony("Induction 2031")))
    with qtbot.waitSignal(window.records_changed, timeout=5000):
        window.ceremonies_tab.new_button.click()
    assert not honor_roll.is_loaded  # read again when next shown
    assert window.ceremonies_tab.is_loaded
    qtbot.waitUntil(lambda: f"{before + 1} ceremonies" in window.counts_label.text(), timeout=5000)
