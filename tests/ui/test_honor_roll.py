"""The Honor Roll tab as the clerk uses it: the register, the eligible list, nominations through approval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from imet_desktop.domain.records import Position, Student
from imet_desktop.store.ceremonies import list_ceremonies, list_inductees
from imet_desktop.store.clearances import list_clearances
from imet_desktop.store.honor_roll import (
    get_nomination,
    list_eligible,
    list_honorees,
    list_nominations,
    list_positions,
    list_schools,
)
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.honor_roll import graduate_dialogs as hr_dialogs
from imet_desktop.ui.honor_roll.graduate_dialogs import (
    AddGraduateDialog,
    GraduateRecordDialog,
    PositionDialog,
    SchoolDialog,
)
from imet_desktop.ui.honor_roll.model import EligibleModel, HonoreesModel
from imet_desktop.ui.honor_roll.nomination_dialogs import (
    AssignCeremonyDialog,
    EligibilitySettingsDialog,
    NominationDialog,
    StatusChangeDialog,
)
from imet_desktop.ui.honor_roll.tab import HonorRollTab
from imet_desktop.ui.main_window import MainWindow

# --- helpers: the clerk's answers to dialogs --------------------------------------------------------------------


def answer_with(monkeypatch: pytest.MonkeyPatch, cls: type, fill: Callable[[Any], None],
                result: Callable[[Any], Any] = lambda d: d.value()) -> list[Any]:
    """Replace cls.ask: the real dialog is built, filled by `fill` as the clerk would, and OK is pressed.

    Returns the list of dialogs shown (to look at them afterwards). A dialog that refuses OK
    (its validation fails) answers like Cancel.
    """
    shown: list[Any] = []

    def ask(_cls: type, *args: Any, **kwargs: Any) -> Any:
        dialog = cls(*args, **kwargs)
        shown.append(dialog)
        fill(dialog)
        dialog.try_accept()
        return result(dialog) if dialog.result() == QDialog.DialogCode.Accepted else None

    monkeypatch.setattr(cls, "ask", classmethod(ask))
    return shown


def errors_shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record the error messages instead of showing them."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, text: shown.append((title, text)))
    return shown


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer Yes to every question; returns the questions asked."""
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs, "ask_yes_no", yes)
    return asked


def honor_roll(window: MainWindow) -> HonorRollTab:
    window.view_actions[3].trigger()
    return window.honor_roll_tab


def select_row(table: Any, model: Any, predicate: Callable[[Any], bool]) -> Any:
    for n, row in enumerate(model.rows()):
        if predicate(row):
            table.selectRow(n)
            return row
    raise AssertionError("no such row")


# --- the register ------------------------------------------------------------------------------------------------

def test_the_register_filters_by_country_and_year_and_searches(qtbot: QtBot, window: MainWindow) -> None:
    tab = honor_roll(window)
    total = len(list_honorees(window.db))
    assert tab.count_label.text() == f"{total} honorees"
    tab.country_box.setCurrentIndex(tab.country_box.findText("Hungary"))
    assert {r.country_name for r in tab.model.rows()} == {"Hungary"}
    tab.year_box.setCurrentIndex(tab.year_box.findText("2000"))
    assert [r.legal_name for r in tab.model.rows()] == ["SZŰCS, Győző Ödön"]
    assert tab.model.data(tab.model.index(0, HonoreesModel.YEAR), Qt.ItemDataRole.ToolTipRole) == (
        "Inducted 15 JUN 2000 at the International Honor Roll Induction 2000")
    tab.country_box.setCurrentIndex(0)
    qtbot.keyClicks(tab.search_box, "gyozo")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=3000)
    assert tab.model.row_at(0).legal_name == "SZŰCS, Győző Ödön"
    tab.search_box.clear()
    tab.year_box.setCurrentIndex(0)
    qtbot.waitUntil(lambda: tab.model.rowCount() == total, timeout=3000)
    qtbot.waitUntil(lambda: not tab.search_box.pending, timeout=3000)  # its timer must not fire after the close


def test_an_honoree_opens_on_the_graduates_positions_and_schools(monkeypatch: pytest.MonkeyPatch,
                                                                 window: MainWindow) -> None:
    tab = honor_roll(window)
    opened: list[int] = []
    monkeypatch.setattr(GraduateRecordDialog, "ask", classmethod(lambda _c, _p, _db, sid: opened.append(sid) or False))
    tab.table.selectRow(0)
    tab.graduate_button.click()
    assert opened == [tab.model.row_at(0).student_id]


def test_the_graduate_dialog_edits_positions_and_schools(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                         window: MainWindow) -> None:
    db = window.db
    estonian = next(r for r in list_eligible(db, include_not_eligible=True) if r.country_code == "EE")
    dialog = GraduateRecordDialog(window, db, estonian.student_id)
    qtbot.addWidget(dialog)
    assert "no course at the school on record" in dialog.verdict_label.text()

    def school(d: SchoolDialog) -> None:
        d.course_box.setEditText("ACSC")
        d.year_spin.setValue(2009)

    answer_with(monkeypatch, SchoolDialog, school)
    dialog.add_school_button.click()
    assert [s.label for s in dialog.schools_model.rows()] == ["ACSC 2009"]
    assert "Eligible for the Honor Roll: ACSC 2009 in residence" in dialog.verdict_label.text()

    def position(d: PositionDialog) -> None:
        d.title_edit.setText("Chief of Defence, Estonian Defence Forces")
        d.category_box.setEditText("Chief of Defence")
        d.appointed_edit.set_value(dt.date(2026, 7, 1))

    answer_with(monkeypatch, PositionDialog, position)
    dialog.add_position_button.click()
    assert list_positions(db, estonian.student_id)[-1].title == "Chief of Defence, Estonian Defence Forces"
    assert "Chief of Defence: Chief of Defence, Estonian Defence Forces" in dialog.verdict_label.text()
    assert dialog.changed

    answer_yes(monkeypatch)
    dialog.schools_table.selectRow(0)
    dialog.remove_school_button.click()
    assert list_schools(db, estonian.student_id) == []


def test_a_position_needs_a_title_and_dates_in_order(qtbot: QtBot) -> None:
    dialog = PositionDialog(None, Position(1, ""), ["Chief of Defence"])
    qtbot.addWidget(dialog)
    dialog.try_accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "title is required" in dialog.error_label.text()
    dialog.title_edit.setText("Chief of Defence")
    dialog.appointed_edit.set_value(dt.date(2024, 1, 1))
    dialog.ended_edit.set_value(dt.date(2023, 1, 1))
    dialog.try_accept()
    assert "end date is before" in dialog.error_label.text()


def test_an_earlier_graduate_is_added_and_shows_on_the_eligible_list(monkeypatch: pytest.MonkeyPatch,
                                                                     window: MainWindow) -> None:
    tab = honor_roll(window)

    def fill(d: AddGraduateDialog) -> None:
        d.family_edit.setText("MENSAH")
        d.given_edit.setText("Kwame")
        d.country_box.setCurrentIndex(d.country_box.findData("GH"))
        d.rank_edit.setText("Air Vice Marshal")
        d.course_box.setEditText("ACSC")
        d.year_spin.setValue(2012)
        d.position_edit.setText("Chief of the Air Staff, Ghana Air Force")
        d.category_box.setEditText("Chief of Staff of the Air Force")
        d.appointed_edit.set_value(dt.date(2026, 9, 1))

    answer_with(monkeypatch, AddGraduateDialog, fill)
    tab.add_graduate_button.click()
    assert tab.pages.currentIndex() == tab.ELIGIBLE
    row = tab.eligible_page.selected()
    assert row is not None and row.legal_name == "MENSAH, Kwame"
    assert "ACSC 2012 in residence" in tab.eligible_page.reason_label.text()


# --- the eligible list -----------------------------------------------------------------------------------------

def test_the_eligible_list_shows_why_each_graduate_qualifies(window: MainWindow) -> None:
    tab = honor_roll(window)
    tab.pages.setCurrentIndex(tab.ELIGIBLE)
    page = tab.eligible_page
    assert [r.country_name for r in page.model.rows()] == ["Ghana", "Peru", "Philippines", "Romania"]
    assert page.count_label.text() == "4 eligible graduates"
    assert "SOS, ACSC, AWC, SAASS" in page.rules_label.text()
    page.table.selectRow(1)
    assert "qualifies: SOS 2002; ACSC 2009 in residence; Commander of the Air Force" in page.reason_label.text()
    why = page.model.data(page.model.index(1, EligibleModel.REASON))
    assert why.startswith("SOS 2002; ACSC 2009 in residence")


def test_near_misses_say_what_is_missing(window: MainWindow) -> None:
    page = honor_roll(window).eligible_page
    page.near_misses_check.setChecked(True)
    misses = [r for r in page.model.rows() if not r.eligible]
    assert {r.country_name: r.reason for r in misses} == {
        "Bulgaria": "Not eligible: no qualifying course completed in residence (ACSC 2011 not in residence).",
        "Estonia": "Not eligible: no course at the school on record."}
    assert page.count_label.text() == "4 eligible graduates, 2 near misses"


def test_the_rules_are_settings_the_clerk_can_change(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = honor_roll(window)

    def only_awc(d: EligibilitySettingsDialog) -> None:
        d.courses_edit.setPlainText("AWC\nSAASS")

    answer_with(monkeypatch, EligibilitySettingsDialog, only_awc)
    tab.eligible_page.rules_button.click()
    assert [r.country_name for r in tab.eligible_page.model.rows()] == ["Philippines"]
    assert "AWC, SAASS" in tab.eligible_page.rules_label.text()


# --- nominations -------------------------------------------------------------------------------------------------

def nominate_from_eligible(monkeypatch: pytest.MonkeyPatch, tab: HonorRollTab, country: str,
                           by: str = "Office of Defense Cooperation, Bucharest") -> int:
    """The clerk selects a graduate on the eligible list, presses Nominate… and fills the editor."""
    tab.pages.setCurrentIndex(tab.ELIGIBLE)
    select_row(tab.eligible_page.table, tab.eligible_page.model, lambda r: r.country_name == country)

    def fill(d: NominationDialog) -> None:
        d.nominated_by_edit.setText(by)
        d.kind_box.setCurrentIndex(d.kind_box.findData("SCO"))
        d.evidence_edit.setPlainText("Appointment order; AU registrar transcript")

    answer_with(monkeypatch, NominationDialog, fill)
    before = {n.id for n in list_nominations(tab.db)}
    tab.eligible_page.nominate_button.click()
    (new,) = {n.id for n in list_nominations(tab.db)} - before
    return int(new)


def clear_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clerk ticks every clearance in the nomination editor, each with who cleared it."""
    def fill(d: NominationDialog) -> None:
        for _c, check, day, by, _note in d.clearance_rows:
            check.setChecked(True)
            day.set_value(dt.date(2026, 11, 20))
            by.setText("IOS")

    answer_with(monkeypatch, NominationDialog, fill)


def move(monkeypatch: pytest.MonkeyPatch, tab: HonorRollTab, status: str, note: str = "") -> None:
    def fill(d: StatusChangeDialog) -> None:
        d.date_edit.set_value(dt.date(2026, 11, 25))
        d.note_edit.setText(note)

    answer_with(monkeypatch, StatusChangeDialog, fill)
    tab.nominations_page.move_buttons[status].click()


def test_nominating_from_the_eligible_list_opens_the_editor_prefilled(monkeypatch: pytest.MonkeyPatch,
                                                                       window: MainWindow) -> None:
    tab = honor_roll(window)
    nomination_id = nominate_from_eligible(monkeypatch, tab, "Romania")
    nomination = get_nomination(window.db, nomination_id)
    assert nomination.status == "Nominated" and nomination.nominated_by_kind == "SCO"
    assert nomination.position_id == next(p.id for p in list_positions(window.db, nomination.student_id)
                                          if p.category)
    assert tab.pages.currentIndex() == tab.NOMINATIONS
    assert tab.nominations_page.selected().id == nomination_id  # type: ignore[union-attr]
    assert "Romania" not in [r.country_name for r in tab.eligible_page.model.rows()]
    detail = tab.nominations_page.detail.text()
    assert "School review — open" in detail and "Nominated" in detail


def test_a_nomination_needs_to_say_who_nominated(qtbot: QtBot, window: MainWindow) -> None:
    from imet_desktop.domain.records import Nomination

    row = list_eligible(window.db)[0]
    dialog = NominationDialog(window, window.db, Nomination(row.student_id, ""))
    qtbot.addWidget(dialog)
    assert "Eligible: ACSC 2010 in residence" in dialog.nominee_label.text()
    dialog.try_accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Say who nominated" in dialog.error_label.text()


def test_a_nomination_goes_through_verification_clearances_and_approval(monkeypatch: pytest.MonkeyPatch,
                                                                         window: MainWindow) -> None:
    tab = honor_roll(window)
    nomination_id = nominate_from_eligible(monkeypatch, tab, "Peru", "U.S. Military Group, Lima")
    page = tab.nominations_page
    assert not page.move_buttons["Approved"].isEnabled()
    move(monkeypatch, tab, "Verified", "ACSC 2009 in residence checked with the registrar")
    assert get_nomination(window.db, nomination_id).status == "Verified"

    errors = errors_shown(monkeypatch)
    move(monkeypatch, tab, "Approved")
    assert errors and "still open: School review, Headquarters" in errors[0][1]
    assert get_nomination(window.db, nomination_id).status == "Verified"

    clear_everything(monkeypatch)
    page.open_button.click()
    assert all(c.cleared_date == dt.date(2026, 11, 20) for c in list_clearances(window.db, nomination_id))
    move(monkeypatch, tab, "Approved")
    assert get_nomination(window.db, nomination_id).status == "Approved"
    assert page.assign_button.isEnabled()
    assert "25 NOV 2026 Approved" in page.detail.text()


def test_declining_needs_a_reason(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = honor_roll(window)
    nomination_id = nominate_from_eligible(monkeypatch, tab, "Ghana")
    move(monkeypatch, tab, "Declined", "")
    assert get_nomination(window.db, nomination_id).status == "Nominated"
    move(monkeypatch, tab, "Declined", "the nominee has retired")
    assert get_nomination(window.db, nomination_id).status == "Declined"
    assert tab.nominations_page.move_buttons["Nominated"].isEnabled()  # it may be reopened


def test_an_approved_nominee_is_assigned_to_the_planned_ceremony(monkeypatch: pytest.MonkeyPatch,
                                                                 window: MainWindow) -> None:
    tab = honor_roll(window)
    tab.pages.setCurrentIndex(tab.NOMINATIONS)
    page = tab.nominations_page
    page.status_box.setCurrentIndex(page.status_box.findData("Approved"))
    morocco = select_row(page.table, page.model, lambda r: r.country_name == "Morocco")
    planned = next(c for c in list_ceremonies(window.db) if c.status == "Planned")

    def fill(d: AssignCeremonyDialog) -> None:
        d.ceremony_box.setCurrentIndex(d.ceremony_box.findData(planned.id))
        d.attending_check.setChecked(False)
        d.representative_edit.setText("Colonel Youssef Alaoui")
        d.representative_title_edit.setText("Defense Attaché, Embassy of Morocco")

    answer_with(monkeypatch, AssignCeremonyDialog, fill)
    page.assign_button.click()
    inductee = next(i for i in list_inductees(window.db, planned.id) if i.student_id == morocco.student_id)
    assert (inductee.attending, inductee.representative_name) == (False, "Colonel Youssef Alaoui")
    assert page.selected().ceremony_title == planned.title  # type: ignore[union-attr]


def test_a_graduate_not_on_the_eligible_list_is_nominated_by_name(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                                  window: MainWindow) -> None:
    from imet_desktop.store.students import add_student

    sid = add_student(window.db, Student("ŁUKASZEWICZ", "Bartłomiej", country_code="PL"))
    tab = honor_roll(window)
    tab.pages.setCurrentIndex(tab.NOMINATIONS)

    def choose(d: hr_dialogs.ChooseGraduateDialog) -> None:
        d.search_box.setText("lukaszewicz")
        d.search_box.returnPressed.emit()
        qtbot.waitUntil(lambda: d.model.rowCount() == 1, timeout=3000)
        d.table.selectRow(0)

    answer_with(monkeypatch, hr_dialogs.ChooseGraduateDialog, choose, result=lambda d: d.chosen())
    answer_with(monkeypatch, NominationDialog, lambda d: d.nominated_by_edit.setText("Air University"))
    tab.nominations_page.new_button.click()
    assert list_nominations(window.db)[0].student_id == sid


def test_the_nominations_are_filtered_by_status(window: MainWindow) -> None:
    page = honor_roll(window).nominations_page
    page.status_box.setCurrentIndex(page.status_box.findData("Verified"))
    assert {r.country_name for r in page.model.rows()} == {"Colombia", "Indonesia"}
    assert page.count_label.text() == "2 nominations"
