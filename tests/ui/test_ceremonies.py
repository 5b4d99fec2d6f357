"""The Ceremonies tab as the clerk plans one: details, inductees, order of events, guests, seating, tasks, flags."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from imet_desktop.store.ceremonies import (
    get_ceremony,
    list_ceremonies,
    list_events,
    list_guest_rows,
    list_inductees,
    list_seating,
    list_tables,
    list_tasks,
)
from imet_desktop.store.honor_roll import list_honorees, list_nominations
from imet_desktop.ui.ceremonies.dialogs import (
    CeremonyDialog,
    ChooseNominationDialog,
    GuestDialog,
    InducteeDialog,
    TableDialog,
    TaskDialog,
)
from imet_desktop.ui.ceremonies.models import GuestsModel, OrderOfEventsModel, TasksModel
from imet_desktop.ui.ceremonies.tab import CeremoniesTab
from imet_desktop.ui.main_window import MainWindow

from .test_honor_roll import answer_with, answer_yes, errors_shown, select_row

PLANNED = "International Honor Roll Induction 2027"
HELD = "International Honor Roll Induction 2000"


def ceremonies(window: MainWindow, title: str = PLANNED) -> CeremoniesTab:
    window.view_actions[4].trigger()
    tab = window.ceremonies_tab
    select_row(tab.ceremonies_table, tab.ceremonies_model, lambda c: c.title == title)
    return tab


# --- the list and the details ----------------------------------------------------------------------------------

def test_a_new_ceremony_comes_with_the_usual_program_and_checklist(monkeypatch: pytest.MonkeyPatch,
                                                                   window: MainWindow) -> None:
    tab = ceremonies(window)

    def fill(d: CeremonyDialog) -> None:
        d.title_edit.setText("International Honor Roll Induction 2028")
        d.date_edit.set_value(dt.date(2028, 4, 20))
        d.time_edit.setText("10:00")
        d.venue_edit.setText("Polifka Auditorium, Maxwell AFB, Alabama")

    answer_with(monkeypatch, CeremonyDialog, fill)
    tab.new_button.click()
    ceremony_id = tab.selected_ceremony_id()
    assert ceremony_id is not None and get_ceremony(window.db, ceremony_id).title.endswith("2028")
    assert tab.views.currentWidget() is tab.inductees_page
    assert tab.program_page.model.rowCount() == 10
    assert tab.tasks_page.model.rowCount() == 6
    assert "0 inductees" in tab.inductees_label.text()


def test_a_new_ceremony_with_a_bad_time_stays_open_with_the_reason(qtbot: QtBot) -> None:
    dialog = CeremonyDialog(None)
    qtbot.addWidget(dialog)
    dialog.time_edit.setText("2 pm")
    dialog.try_accept()
    assert "HH:MM" in dialog.error_label.text()


def test_the_details_are_edited_in_place_and_saved(qtbot: QtBot, window: MainWindow) -> None:
    tab = ceremonies(window)
    page = tab.details_page
    tab.views.setCurrentWidget(page)
    assert not page.save_button.isEnabled()
    page.time_edit.clear()
    qtbot.keyClicks(page.time_edit, "15:30")
    page.presiding_edit.setText("General Avery L. Stone, Commander, Air Education and Training Command")
    page.presiding_edit.textEdited.emit(page.presiding_edit.text())
    assert page.save_button.isEnabled()
    page.save_button.click()
    saved = get_ceremony(window.db, tab.selected_ceremony_id() or 0)
    assert (saved.ceremony_time, saved.presiding_official) == (
        "15:30", "General Avery L. Stone, Commander, Air Education and Training Command")
    assert tab.ceremonies_model.row_at(tab.ceremonies_table.currentIndex().row()).ceremony_time == "15:30"


def test_a_held_ceremony_can_no_longer_be_changed(window: MainWindow) -> None:
    tab = ceremonies(window, HELD)
    assert not tab.held_button.isEnabled() and not tab.delete_button.isEnabled()
    assert not tab.details_page.title_edit.isEnabled()
    assert "Held" in tab.details_page.status_label.text()
    assert not tab.inductees_page.add_nominees_button.isEnabled()
    assert not tab.program_page.model.flags(tab.program_page.model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not tab.guests_page.add_button.isEnabled()
    assert not tab.seating_page.auto_button.isEnabled()


# --- inductees ------------------------------------------------------------------------------------------------

def test_approved_nominees_are_added_from_the_list_of_those_waiting(monkeypatch: pytest.MonkeyPatch,
                                                                   window: MainWindow) -> None:
    tab = ceremonies(window)
    tab.views.setCurrentWidget(tab.inductees_page)
    before = tab.inductees_model.rowCount()
    shown = answer_with(monkeypatch, ChooseNominationDialog, lambda d: d.table.selectAll(),
                        result=lambda d: d.chosen())
    tab.inductees_page.add_nominees_button.click()
    assert [r.country_name for r in shown[0].model.rows()] == ["Morocco"]
    assert tab.inductees_model.rowCount() == before + 1
    assert tab.inductees_model.row_at(before).country_name == "Morocco"
    assert f"{before + 1} inductees" in tab.inductees_label.text()
    assert tab.flags_page.model.rowCount() == 10  # Morocco's flag and anthem join the list
    assert [e.who for e in tab.program_page.model.rows()].count("Samir BENNANI") == 3


def test_an_inductee_is_represented_by_the_attache(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    page = tab.inductees_page
    row = select_row(page.table, page.model, lambda r: r.country_code == "KR")

    def fill(d: InducteeDialog) -> None:
        d.attending_check.setChecked(False)
        d.representative_edit.setText("Colonel Kim Min-jun")
        d.representative_title_edit.setText("Air Attaché, Embassy of the Republic of Korea")

    answer_with(monkeypatch, InducteeDialog, fill)
    page.edit_button.click()
    updated = next(r for r in list_inductees(window.db, tab.selected_ceremony_id() or 0) if r.id == row.id)
    assert (updated.attending, updated.representative_name) == (False, "Colonel Kim Min-jun")
    assert page.summary_label.text() == "6 attending, 2 represented"


def test_an_inductee_who_does_not_attend_needs_someone_to_accept(qtbot: QtBot, window: MainWindow) -> None:
    from imet_desktop.store.ceremonies import get_inductee

    tab = ceremonies(window)
    row = tab.inductees_model.row_at(0)
    dialog = InducteeDialog(window, get_inductee(window.db, row.id), row.name)
    qtbot.addWidget(dialog)
    dialog.attending_check.setChecked(False)
    dialog.try_accept()
    assert "Name the representative" in dialog.error_label.text()


def test_inductees_are_reordered_and_their_steps_follow(window: MainWindow) -> None:
    tab = ceremonies(window)
    page = tab.inductees_page
    first, second = page.model.row_at(0), page.model.row_at(1)
    page.table.selectRow(1)
    page.up_button.click()
    assert [r.id for r in page.model.rows()][:2] == [second.id, first.id]
    steps = [e.inductee_id for e in list_events(window.db, tab.selected_ceremony_id() or 0) if e.inductee_id]
    assert steps[:6] == [second.id] * 3 + [first.id] * 3


def test_an_inductee_is_removed_after_a_question(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    asked = answer_yes(monkeypatch)
    tab.inductees_table.selectRow(0)
    name = tab.inductees_model.row_at(0).name
    tab.inductees_page.remove_button.click()
    assert name in asked[0]
    assert tab.inductees_model.rowCount() == 7
    assert name not in [e.who for e in tab.program_page.model.rows()]


def test_adding_removing_and_moving_an_inductee_changes_one_row_and_reads_the_ceremony_no_more(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    """A ceremony of 1,000 inductees stays instant: each change touches its own row, the list is not read again,
    and the order of events, seating, flags, guests and tasks are read when the clerk looks at them, not at every
    change."""
    from imet_desktop.domain.records import Student
    from imet_desktop.store import ceremonies as store
    from imet_desktop.store.students import add_student
    from imet_desktop.ui.honor_roll.graduate_dialogs import ChooseGraduateDialog

    sid = add_student(window.db, Student("ŁUKASZEWICZ", "Bartłomiej", country_code="PL"))
    tab = ceremonies(window)
    tab.views.setCurrentWidget(tab.inductees_page)
    page = tab.inductees_page
    qtbot.waitUntil(page.isVisible)  # the tab, built on first use, is shown by the event loop
    reads: list[str] = []
    for name in ("list_inductees", "list_events", "list_seating", "flags_and_anthems", "list_guest_rows",
                 "list_task_rows"):
        real = getattr(store, name)
        monkeypatch.setattr(store, name, lambda *a, _real=real, _name=name, **k: reads.append(_name) or _real(*a, **k))
    changes: list[tuple[object, ...]] = []
    page.model.modelReset.connect(lambda: changes.append(("reset", -1)))
    page.model.rowsInserted.connect(lambda _p, first, _last: changes.append(("inserted", first)))
    page.model.rowsRemoved.connect(lambda _p, first, _last: changes.append(("removed", first)))
    page.model.rowsMoved.connect(lambda _p, first, _last, _d, to: changes.append(("moved", first)))
    page.model.dataChanged.connect(lambda top, bottom, *_r: changes.append(("changed", top.row(), bottom.row())))

    def choose(d: ChooseGraduateDialog) -> None:
        d.search_box.setText("lukaszewicz")
        d.search_box.returnPressed.emit()
        qtbot.waitUntil(lambda: d.model.rowCount() == 1, timeout=3000)
        d.table.selectRow(0)

    answer_with(monkeypatch, ChooseGraduateDialog, choose, result=lambda d: d.chosen())
    from imet_desktop.ui.ceremonies.held import ReasonDialog  # he has no school or position on record: overridden

    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda *_a: "his records are on their way"))
    page.add_graduate_button.click()
    assert page.model.rowCount() == 9 and page.model.row_at(8).student_id == sid
    answer_yes(monkeypatch)
    first, second, third = page.model.row_at(0), page.model.row_at(1), page.model.row_at(2)
    page.table.selectRow(0)
    page.remove_button.click()
    page.table.selectRow(1)
    page.up_button.click()
    assert [r.id for r in page.model.rows()][:2] == [third.id, second.id]
    assert [r.id for r in page.model.rows()] == [r.id for r in list_inductees(window.db, tab.selected_ceremony_id()
                                                                                or 0)]
    # The row added is told inserted, then filled (its cells are Qt's); a step up: two rows change places.
    assert changes == [("inserted", 8), ("changed", 8, 8), ("removed", 0), ("changed", 0, 1)]
    assert reads == []
    assert "8 inductees" in tab.inductees_label.text()
    assert first.id not in {r.id for r in page.model.rows()}

    tab.views.setCurrentWidget(tab.program_page)  # shown: read now, and right
    assert reads == ["list_events"]
    tab.views.setCurrentWidget(tab.tasks_page)
    tab.views.setCurrentWidget(tab.guests_page)
    assert reads == ["list_events", "list_task_rows", "list_guest_rows"]
    who = [e.who for e in tab.program_page.model.rows() if e.inductee_id]
    assert who[:6] == [third.name] * 3 + [second.name] * 3 and who[-3:] == [page.model.row_at(7).name] * 3


def test_inductees_removed_together_go_from_their_own_rows(monkeypatch: pytest.MonkeyPatch,
                                                             window: MainWindow) -> None:
    tab = ceremonies(window)
    tab.views.setCurrentWidget(tab.inductees_page)
    page = tab.inductees_page
    staying = [r.id for n, r in enumerate(page.model.rows()) if n not in (1, 4)]
    removed: list[int] = []
    page.model.rowsRemoved.connect(lambda _p, first, _last: removed.append(first))
    page.table.selectRow(1)
    page.table.selectionModel().select(page.model.index(4, 0), page.table.selectionModel().SelectionFlag.Select
                                       | page.table.selectionModel().SelectionFlag.Rows)
    answer_yes(monkeypatch)
    assert page.remove_selected()
    assert removed == [4, 1]  # the later row first: the earlier one keeps its place meanwhile
    assert [r.id for r in page.model.rows()] == staying
    assert staying == [r.id for r in list_inductees(window.db, tab.selected_ceremony_id() or 0)]


def test_an_inductee_row_answers_each_role_as_before(window: MainWindow) -> None:
    """What the inductees' table paints (text, colour, alignment) and what views ask of a row (tooltip, the row,
    its sort value), every column, for an inductee attending, represented and neither."""
    from dataclasses import replace

    from PySide6.QtGui import QBrush
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    from imet_desktop.ui.ceremonies.models import WARNING, InducteesModel
    from imet_desktop.ui.common.table_model import ROW_ROLE, SORT_ROLE

    tab = ceremonies(window)
    first = list_inductees(window.db, tab.selected_ceremony_id() or 0)[0]
    rows = [replace(first, attending=True),
            replace(first, attending=False, representative_name="Col. A. Attaché", representative_title="Air Attaché"),
            replace(first, attending=False, representative_name="")]
    model = InducteesModel()
    model.set_rows(rows)
    delegate = QStyledItemDelegate()
    for n, row in enumerate(rows):
        for c, column in enumerate(InducteesModel.COLUMNS):
            index = model.index(n, c)
            assert model.data(index) == model.data(index, Qt.ItemDataRole.DisplayRole) == column.text(row)
            assert model.data(index, Qt.ItemDataRole.ToolTipRole) == column.tip(row)
            assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) == column.alignment()
            assert model.data(index, ROW_ROLE) is row
            assert model.data(index, SORT_ROLE) == column.value(row)
            assert model.data(index, Qt.ItemDataRole.FontRole) is None
            brush = model.data(index, Qt.ItemDataRole.ForegroundRole)
            warned = n == 2 and c == InducteesModel.ATTENDANCE
            assert (isinstance(brush, QBrush) and brush.color() == WARNING) if warned else brush is None
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)  # as the view asks, for each cell painted
            assert option.text == column.text(row)  # type: ignore[attr-defined]
    assert model.data(model.index(2, InducteesModel.ATTENDANCE)) == "Not attending (no representative yet)"
    assert model.data(model.index(1, InducteesModel.ATTENDANCE)) == "Represented by Col. A. Attaché, Air Attaché"
    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, ROW_ROLE):
        assert model.data(QModelIndex(), role) is None
        assert model.data(model.createIndex(3, InducteesModel.ATTENDANCE), role) is None  # past the last row


def test_the_selected_inductees_are_exposed_for_their_certificates(window: MainWindow) -> None:
    tab = ceremonies(window)
    tab.inductees_table.selectRow(2)
    assert tab.selected_inductee_student_ids() == [tab.inductees_model.row_at(2).student_id]


# --- order of events ----------------------------------------------------------------------------------------------

def test_a_line_is_dragged_to_a_new_place(window: MainWindow) -> None:
    tab = ceremonies(window)
    model = tab.program_page.model
    reception = next(n for n, e in enumerate(model.rows()) if e.title == "Reception")
    data = model.mimeData([model.index(reception, OrderOfEventsModel.TITLE)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    titles = [e.title for e in list_events(window.db, tab.selected_ceremony_id() or 0)]
    assert titles[0] == "Reception" and titles[1] == "Official party arrives"
    assert [e.title for e in model.rows()] == titles


def test_times_and_who_are_typed_into_the_order_of_events(qtbot: QtBot, window: MainWindow) -> None:
    tab = ceremonies(window)
    model = tab.program_page.model
    assert model.setData(model.index(0, OrderOfEventsModel.TIME), "13:55")
    assert model.setData(model.index(3, OrderOfEventsModel.WHO), "Chaplain (Lt Col) Jason Radford")
    events = list_events(window.db, tab.selected_ceremony_id() or 0)
    assert (events[0].start_time, events[3].who) == ("13:55", "Chaplain (Lt Col) Jason Radford")


def test_a_bad_time_in_the_order_of_events_is_refused_with_the_reason(monkeypatch: pytest.MonkeyPatch,
                                                                      window: MainWindow) -> None:
    tab = ceremonies(window)
    errors = errors_shown(monkeypatch)
    model = tab.program_page.model
    assert not model.setData(model.index(0, OrderOfEventsModel.TIME), "2 pm")
    assert "HH:MM" in errors[0][1]


def test_lines_are_added_moved_and_removed_with_the_buttons(window: MainWindow) -> None:
    tab = ceremonies(window)
    page = tab.program_page
    ceremony_id = tab.selected_ceremony_id() or 0
    page.table.selectRow(3)
    page.add_button.click()
    assert [e.title for e in list_events(window.db, ceremony_id)][4] == "New step"
    page.model.setData(page.model.index(4, OrderOfEventsModel.TITLE), "Flyover")
    page.table.selectRow(4)
    page.up_button.click()
    assert [e.title for e in list_events(window.db, ceremony_id)][3] == "Flyover"
    page.remove_button.click()
    assert "Flyover" not in [e.title for e in list_events(window.db, ceremony_id)]


def test_the_usual_program_is_restored_after_a_question(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    answer_yes(monkeypatch)
    model = tab.program_page.model
    model.setData(model.index(0, OrderOfEventsModel.TIME), "13:55")
    tab.program_page.reset_button.click()
    assert model.row_at(0).start_time == ""
    assert model.rowCount() == 10 + 3 * tab.inductees_model.rowCount()


# --- guests ----------------------------------------------------------------------------------------------------

def test_a_guest_is_invited_with_their_party_and_needs(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    page = tab.guests_page
    tab.views.setCurrentWidget(page)
    thai = next(i for i in tab.inductees_model.rows() if i.country_code == "TH")

    def fill(d: GuestDialog) -> None:
        d.name_edit.setText("Flight Lieutenant Naree Prasertwong")
        d.title_edit.setText("Daughter of the inductee")
        d.country_box.setCurrentIndex(d.country_box.findData("TH"))
        d.category_box.setEditText("Inductee family")
        d.guest_of_box.setCurrentIndex(d.guest_of_box.findData(thai.id))
        d.precedence_spin.setValue(30)
        d.rsvp_box.setCurrentIndex(d.rsvp_box.findData("Accepted"))
        d.dietary_edit.setText("Vegetarian")

    answer_with(monkeypatch, GuestDialog, fill)
    page.add_button.click()
    guest = next(g for g in list_guest_rows(window.db, tab.selected_ceremony_id() or 0)
                 if g.name == "Flight Lieutenant Naree Prasertwong")
    assert (guest.guest_of, guest.rsvp, guest.dietary, guest.precedence) == (
        "Apichart PRASERTWONG", "Accepted", "Vegetarian", 30)
    assert guest.rsvp_date == dt.date.today() and guest.invited_date == dt.date.today()
    assert page.counts_label.text().startswith("31 invited: 15 accepted")


def test_guests_are_searched_and_filtered_by_answer(qtbot: QtBot, window: MainWindow) -> None:
    page = ceremonies(window).guests_page
    qtbot.keyClicks(page.search_box, "hoang")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.model.row_at(0).name == "Colonel Hoàng Văn Thắng"
    assert page.counts_label.text().startswith("Showing 1. 30 invited")
    page.search_box.clear()
    page.search_box.returnPressed.emit()
    page.rsvp_box.setCurrentIndex(page.rsvp_box.findData("Declined"))
    assert {g.rsvp for g in page.model.rows()} == {"Declined"}


def test_answers_are_marked_for_several_guests_at_once(window: MainWindow) -> None:
    tab = ceremonies(window)
    page = tab.guests_page
    page.rsvp_box.setCurrentIndex(page.rsvp_box.findData("Invited"))
    waiting = page.model.rowCount()
    page.table.selectRow(0)
    page.table.selectionModel().select(page.model.index(1, 0), page.table.selectionModel().SelectionFlag.Select
                                       | page.table.selectionModel().SelectionFlag.Rows)
    names = [g.name for g in page.selected()]
    page.accept_button.click()
    assert page.model.rowCount() == waiting - 2
    answered = {g.name: g.rsvp for g in list_guest_rows(window.db, tab.selected_ceremony_id() or 0)}
    assert [answered[n] for n in names] == ["Accepted", "Accepted"]
    assert page.model.data(page.model.index(0, GuestsModel.RSVP)) == "Invited"


# --- seating ---------------------------------------------------------------------------------------------------

def test_seating_automatically_keeps_parties_together_and_a_guest_is_moved_by_hand(
        monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    page = tab.seating_page
    tab.views.setCurrentWidget(page)
    ceremony_id = tab.selected_ceremony_id() or 0
    answer_yes(monkeypatch)
    page.auto_button.click()
    assert "seated" in page.summary_label.text()
    people = list_seating(window.db, ceremony_id)
    tables = {p.id: p.table_id for p in people if p.kind == "inductee"}
    party_guests = [p for p in people if p.kind == "guest" and p.party in tables]
    assert party_guests and all(p.table_id == tables[p.party] for p in party_guests)
    student = next(p for p in people if p.category == "Current student")
    assert page.select_person("guest", student.id)
    page.table_box.setCurrentIndex(page.table_box.count() - 1)
    page.move_button.click()
    moved = next(p for p in list_seating(window.db, ceremony_id) if p.id == student.id and p.kind == "guest")
    assert moved.table_name == "Table 4"


def test_tables_are_added_edited_and_removed(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    page = tab.seating_page
    ceremony_id = tab.selected_ceremony_id() or 0

    def fill(d: TableDialog) -> None:
        d.name_edit.setText("Table 5")
        d.capacity_spin.setValue(10)

    answer_with(monkeypatch, TableDialog, fill)
    page.add_table_button.click()
    assert list_tables(window.db, ceremony_id)[-1].label == "Table 5 (0 of 10)"
    page.tree.setCurrentItem(page.tree.topLevelItem(page.tree.topLevelItemCount() - 1))
    answer_with(monkeypatch, TableDialog, lambda d: d.capacity_spin.setValue(6))
    page.edit_table_button.click()
    assert list_tables(window.db, ceremony_id)[-1].capacity == 6
    answer_yes(monkeypatch)
    page.tree.setCurrentItem(page.tree.topLevelItem(page.tree.topLevelItemCount() - 1))
    page.remove_table_button.click()
    assert [t.name for t in list_tables(window.db, ceremony_id)][-1] == "Table 4"


def test_a_full_table_refuses_one_more_with_the_reason(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    page = tab.seating_page
    errors = errors_shown(monkeypatch)
    seated_elsewhere = next(p for p in list_seating(window.db, tab.selected_ceremony_id() or 0)
                            if p.table_name == "Head table")
    page.select_person(seated_elsewhere.kind, seated_elsewhere.id)
    page.table_box.setCurrentIndex(page.table_box.findText("Table 1", Qt.MatchFlag.MatchStartsWith))
    page.move_button.click()
    assert errors and "'Table 1': is full (8 of 8)" in errors[0][1]


# --- tasks and flags -------------------------------------------------------------------------------------------

def test_overdue_tasks_are_red_and_ticking_one_marks_it_done(window: MainWindow) -> None:
    tab = ceremonies(window)
    page = tab.tasks_page
    page.today = lambda: dt.date(2027, 3, 25)
    page.reload()
    overdue = [r.title for r in page.model.rows() if r.overdue]
    assert overdue == ["Flags and anthems ordered", "Plaques engraved"]
    assert "2 overdue" in page.summary_label.text()
    row = next(n for n, r in enumerate(page.model.rows()) if r.title == "Plaques engraved")
    assert page.model.data(page.model.index(row, TasksModel.STATE)) == "OVERDUE"
    assert page.model.data(page.model.index(row, TasksModel.TITLE), Qt.ItemDataRole.ForegroundRole) is not None
    assert page.set_done("Plaques engraved")
    done = next(t for t in list_tasks(window.db, tab.selected_ceremony_id() or 0) if t.title == "Plaques engraved")
    assert done.done_date == dt.date(2027, 3, 25)
    assert "1 overdue" in page.summary_label.text()


def test_a_task_is_added_counted_in_days_before_the_ceremony(monkeypatch: pytest.MonkeyPatch,
                                                             window: MainWindow) -> None:
    tab = ceremonies(window)

    def fill(d: TaskDialog) -> None:
        d.title_edit.setText("Base access list sent to security forces")
        d.days_spin.setValue(7)

    answer_with(monkeypatch, TaskDialog, fill)
    tab.tasks_page.add_button.click()
    row = next(r for r in tab.tasks_page.model.rows() if r.title.startswith("Base access"))
    assert (row.due_offset_days, row.due_date, row.when) == (-7, dt.date(2027, 4, 15), "7 days before")


def test_the_flags_and_anthems_follow_the_inductees_countries(window: MainWindow) -> None:
    tab = ceremonies(window)
    rows = tab.flags_page.model.rows()
    assert [r.country_code for r in rows] == ["US", "GR", "JP", "NP", "SA", "KR", "TH", "UA", "VN"]
    assert rows[0].anthem == "The Star-Spangled Banner"
    assert "9 flags and 9 anthems" in tab.flags_page.summary_label.text()


# --- held --------------------------------------------------------------------------------------------------------

def test_marking_the_ceremony_held_puts_the_inductees_on_the_honor_roll(monkeypatch: pytest.MonkeyPatch,
                                                                         window: MainWindow) -> None:
    tab = ceremonies(window)
    ceremony_id = tab.selected_ceremony_id() or 0
    inductees = {r.student_id for r in list_inductees(window.db, ceremony_id)}
    asked = answer_yes(monkeypatch)
    monkeypatch.setattr("imet_desktop.domain.dates.today", lambda: dt.date(2027, 4, 22))  # the day it takes place
    tab.held_button.click()
    assert "inductions dated 22 APR 2027 on the Honor Roll" in asked[0]
    honorees = [r for r in list_honorees(window.db) if r.ceremony_id == ceremony_id]
    assert {r.student_id for r in honorees} == inductees
    assert {r.induction_date for r in honorees} == {"2027-04-22"}
    assert tab.ceremonies_model.row_at(tab.ceremonies_table.currentIndex().row()).status == "Held"
    assert not tab.held_button.isEnabled()
    inducted = [n for n in list_nominations(window.db) if n.student_id in inductees]
    assert {n.status for n in inducted} == {"Inducted"}
    window.view_actions[3].trigger()
    assert {r.student_id for r in window.honor_roll_tab.model.rows() if r.induction_year == 2027} == inductees


def test_the_clerk_is_warned_before_marking_held_and_may_say_no(monkeypatch: pytest.MonkeyPatch,
                                                                window: MainWindow) -> None:
    tab = ceremonies(window)
    db = window.db
    db.execute("UPDATE ceremony_inductees SET attending = 0, representative_name = '' WHERE id = ?",
               [tab.inductees_model.row_at(0).id])
    asked: list[str] = []
    monkeypatch.setattr("imet_desktop.ui.common.dialogs.ask_yes_no",
                        lambda _p, _t, text: asked.append(text) or False)
    monkeypatch.setattr("imet_desktop.domain.dates.today", lambda: dt.date(2027, 4, 23))
    tab.held_button.click()
    assert "does not attend and no representative is named" in asked[0]
    assert get_ceremony(db, tab.selected_ceremony_id() or 0).status == "Planned"


def test_a_planned_ceremony_is_deleted_after_a_question(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    answer_yes(monkeypatch)
    tab.delete_button.click()
    assert PLANNED not in [c.title for c in list_ceremonies(window.db)]
    assert {n.status for n in list_nominations(window.db, status="Approved")} == {"Approved"}


# --- every view draws ----------------------------------------------------------------------------------------------

def test_every_view_of_a_ceremony_draws(tmp_path: Path, window: MainWindow) -> None:
    tab = ceremonies(window)
    for index in range(tab.views.count()):
        tab.views.setCurrentIndex(index)
        image = tab.grab()
        assert not image.isNull() and image.width() > 0
        assert image.save(str(tmp_path / f"view-{index}.png"))


def test_the_new_models_pass_the_qt_model_tester(qtmodeltester: object, window: MainWindow) -> None:
    tab = ceremonies(window)
    honor_roll = window.honor_roll_tab
    honor_roll.refresh()
    models = [tab.program_page.model, tab.guests_page.model, tab.tasks_page.model, tab.flags_page.model,
              tab.seating_page.unseated_model, honor_roll.eligible_page.model, honor_roll.nominations_page.model]
    assert all(m.rowCount() > 0 for m in models[:4])
    for model in models:
        qtmodeltester.check(model, force_py=False)  # type: ignore[attr-defined]
