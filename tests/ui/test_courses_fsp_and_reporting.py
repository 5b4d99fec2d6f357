"""The Field Studies Program page (events, attendance, topics lacking) and the reporting clock page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from imet_desktop.app import build_main_window
from imet_desktop.store import fsp
from imet_desktop.store.db import open_database
from imet_desktop.store.enrollments import assign
from imet_desktop.store.reports import ReportingRules, save_reporting_rules
from imet_desktop.ui.common.fields import to_qdate
from imet_desktop.ui.courses import follow_up_dialogs
from imet_desktop.ui.courses.field_studies import FieldStudiesView
from imet_desktop.ui.courses.models import AttendanceModel
from imet_desktop.ui.courses.reporting import ALL_PENDING, FILED, ReportingView
from imet_desktop.ui.main_window import MainWindow
from tests.store.placing import PLACED_ON, D, School, a_school, a_student

from .conftest import close_window, wait_until_read


@pytest.fixture
def office(qtbot: QtBot, db_path: Path) -> Iterator[tuple[MainWindow, School, list[int]]]:
    """A small school with three students in the preparatory class."""
    db = open_database(db_path)
    school = a_school(db)
    ids = [a_student(db, n, arrival=D(2026, 6, 1 + k)) for k, n in enumerate(("ADAMS", "BAKER", "CLARK"))]
    for sid in ids:
        assign(db, sid, school.prep, today=PLACED_ON)
    w = build_main_window(db, db_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    wait_until_read(qtbot, w)
    yield w, school, ids
    close_window(w)


def fsp_page(w: MainWindow, class_id: int) -> FieldStudiesView:
    w.show_tab(w.courses_tab)
    view = w.courses_tab.field_studies
    w.courses_tab.show_page(view)
    view.refresh()
    view.class_combo.choose(class_id)
    return view


def test_an_event_is_added_with_its_topics_and_attendance_ticked(qtbot: QtBot, office: tuple[MainWindow, School,
                                                                                            list[int]],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    w, school, ids = office
    view = fsp_page(w, school.prep)
    assert view.attendance_label.text() == "Select an event to record who attended."

    def ask(_parent: object, event: object, topics: list[str]) -> fsp.FspEvent:
        dialog = follow_up_dialogs.FspEventDialog(view, None, topics)
        dialog.title.setText("Alabama Supreme Court")
        dialog.place.setText("Montgomery, Alabama")
        dialog.date.setDate(to_qdate(D(2026, 6, 26)))
        for check in dialog.topics:
            check.setChecked(check.text() in ("Law of war", "Judicial system"))
        return dialog.answer()

    monkeypatch.setattr(follow_up_dialogs.FspEventDialog, "ask", ask)
    view.add_button.click()
    assert view.events_model.row_at(0).topics == ("Law of war", "Judicial system")
    assert [r.legal_name for r in view.attendance_model.rows()] == ["ADAMS, Kwame", "BAKER, Kwame", "CLARK, Kwame"]

    # A tick in the first column records the student as present.
    index = view.attendance_model.index(0, AttendanceModel.ATTENDED)
    assert view.attendance_model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert view.attendance_model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "1 present, 0 absent, 2 not recorded" in view.attendance_label.text()

    # An absence is recorded with its reason.
    monkeypatch.setattr(follow_up_dialogs.NoteDialog, "ask", lambda *_a, **_k: "excused: medical appointment")
    view.attendance_table.selectRow(1)
    view.absent_button.click()
    assert view.attendance_model.row_at(1).note == "excused: medical appointment"
    lacking = {p.legal_name: p.lacking for p in view.progress_model.rows()}
    assert "Law of war" not in lacking["ADAMS, Kwame"] and len(lacking["ADAMS, Kwame"]) == 9
    assert len(lacking["BAKER, Kwame"]) == 11
    assert view.events_model.row_at(0).attended == 1


def test_everyone_present_covers_the_events_topics_for_the_whole_class(office: tuple[MainWindow, School, list[int]]
                                                                       ) -> None:
    w, school, ids = office
    fsp.add_event(w.db, fsp.FspEvent(D(2026, 6, 19), "Newsroom", topics=("Media",)))
    view = fsp_page(w, school.prep)
    assert view.selected_event_id() is not None
    view.all_present_button.click()
    assert all(r.attended for r in view.attendance_model.rows())
    assert all(p.covered == ("Media",) for p in view.progress_model.rows())
    assert view.progress_label.text() == "<b>Topics still lacking</b> — 0 of 3 students have covered all 11 topics"


def test_the_fsp_models_pass_the_qt_model_tester(qtmodeltester: ModelTester,
                                                office: tuple[MainWindow, School, list[int]]) -> None:
    w, school, _ids = office
    fsp.add_event(w.db, fsp.FspEvent(D(2026, 6, 19), "Newsroom", topics=("Media",)))
    view = fsp_page(w, school.prep)
    for model in (view.events_model, view.attendance_model, view.progress_model):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=False)


# --- the reporting clock ----------------------------------------------------------------------------------------

def reporting_page(w: MainWindow, today: dt.date) -> ReportingView:
    view = w.courses_tab.reporting
    view.today = lambda: today
    w.show_tab(w.courses_tab)
    w.courses_tab.show_page(view)
    view.refresh()
    return view


def test_the_clock_lists_what_is_overdue_or_due_this_week(office: tuple[MainWindow, School, list[int]]) -> None:
    w, _school, ids = office
    save_reporting_rules(w.db, ReportingRules(tracking_since=D(2026, 5, 1)))
    view = reporting_page(w, D(2026, 6, 4))  # a Thursday
    lines = view.model.rows()
    # Arrivals on 1, 2, 3 June (Mon-Wed): due 4, 5, 8 June.
    assert [(line.report.legal_name, line.state) for line in lines] == [
        ("ADAMS, Kwame", "due today"), ("BAKER, Kwame", "due in 1 working day")]
    assert "0 overdue" in view.summary.text() and "2 due this week" in view.summary.text()
    assert "3 working days of an arrival" in view.rules_label.text()
    view.show_filter.setCurrentText(ALL_PENDING)
    assert [line.report.legal_name for line in view.model.rows()] == ["ADAMS, Kwame", "BAKER, Kwame",
                                                                     "CLARK, Kwame"]
    later = reporting_page(w, D(2026, 6, 9))
    assert later.model.rows()[0].state == "3 working days overdue"
    assert later.model.data(later.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None


def test_marking_reports_sent_takes_them_off_the_list(office: tuple[MainWindow, School, list[int]],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("imet_desktop.store.db.current_user", lambda: "clerk.jones")  # who the log says it was
    w, _school, _ids = office
    save_reporting_rules(w.db, ReportingRules(tracking_since=D(2026, 5, 1)))
    view = reporting_page(w, D(2026, 6, 4))
    view.table.selectRow(0)
    assert view.mark_button.isEnabled() and not view.unmark_button.isEnabled()
    assert view.mark_selected() == 1
    assert [line.report.legal_name for line in view.model.rows()] == ["BAKER, Kwame"]
    view.show_filter.setCurrentText(FILED)
    [filed] = view.model.rows()
    assert filed.state == "reported 04 JUN 2026 by clerk.jones"
    view.table.selectRow(0)
    view.unmark_button.click()
    assert view.model.rows() == []


def test_the_working_days_are_set_in_a_dialog(office: tuple[MainWindow, School, list[int]],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    w, _school, _ids = office
    view = reporting_page(w, D(2026, 6, 4))

    def ask(_parent: object, rules: ReportingRules, today: dt.date) -> ReportingRules:
        dialog = follow_up_dialogs.ReportingRulesDialog(view, rules, today)
        dialog.days["arrival_days"].setValue(5)
        dialog.since.setDate(to_qdate(D(2026, 5, 1)))
        return dialog.answer()

    monkeypatch.setattr(follow_up_dialogs.ReportingRulesDialog, "ask", ask)
    view.rules_button.click()
    assert "5 working days of an arrival" in view.rules_label.text()
    assert view.model.rows() == []  # ADAMS (1 June + 5 working days) is now due on Monday 8 June
    view.show_filter.setCurrentText(ALL_PENDING)
    assert view.model.rows()[0].report.due_date == D(2026, 6, 8)
