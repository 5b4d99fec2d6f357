"""The one date field: the clerk types a date the way it comes, or picks it from a calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from imet_desktop.ui.common.dates import DateEdit, date_problem


def field(qtbot: QtBot, value: dt.date | None = None, *, optional: bool = True) -> DateEdit:
    edit = DateEdit(value, optional=optional)
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    return edit


def type_and_leave(qtbot: QtBot, edit: DateEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    edit.editingFinished.emit()  # offscreen, Tab may find nowhere to go; leaving is what matters


@pytest.mark.parametrize("typed", ["22 APR 2027", "22 april 2027", "22APR2027", "2027-04-22", "April 22, 2027",
                                   "22-Apr-2027", "apr 22 2027"])
def test_the_clerk_types_a_date_as_it_comes_and_it_reads_the_offices_way(qtbot: QtBot, typed: str) -> None:
    edit = field(qtbot)
    changes: list[object] = []
    edit.value_changed.connect(changes.append)
    type_and_leave(qtbot, edit, typed)
    assert edit.text() == "22 APR 2027"
    assert edit.value() == dt.date(2027, 4, 22)
    assert edit.problem() == ""
    assert changes == [dt.date(2027, 4, 22)]


def test_an_empty_date_is_shown_empty_with_no_example_that_looks_like_a_value(qtbot: QtBot) -> None:
    edit = field(qtbot)
    assert edit.text() == ""
    assert edit.placeholderText() == ""
    assert edit.value() is None
    assert edit.problem() == ""


def test_a_required_date_left_empty_is_refused(qtbot: QtBot) -> None:
    edit = field(qtbot, dt.date(2027, 4, 22), optional=False)
    assert edit.text() == "22 APR 2027"
    edit.clear()
    assert "required" in edit.problem()


def test_typing_after_an_empty_date_gives_the_date_typed_not_a_mixture(qtbot: QtBot) -> None:
    # The old field showed "no date" and typing appended to it: "no date22APR2028".
    edit = field(qtbot)
    type_and_leave(qtbot, edit, "22 APR 2028")
    assert edit.text() == "22 APR 2028"
    assert edit.value() == dt.date(2028, 4, 22)


def test_text_that_is_not_a_date_stays_as_typed_and_says_why(qtbot: QtBot) -> None:
    edit = field(qtbot)
    type_and_leave(qtbot, edit, "22 APX 2027")
    assert edit.text() == "22 APX 2027"  # never thrown away, never saved as "no date"
    assert "no month called 'APX'" in edit.problem()
    assert "no month called 'APX'" in edit.toolTip()
    assert "no month called 'APX'" in edit.accessibleDescription()
    with pytest.raises(ValueError, match="APX"):
        edit.value()


def test_a_form_with_a_wrong_date_names_the_field_and_the_reason(qtbot: QtBot) -> None:
    form_widget = QWidget()
    qtbot.addWidget(form_widget)
    form = QFormLayout(form_widget)
    form.addRow("Name", QLineEdit())
    arrival = DateEdit()
    form.addRow("Arrival", arrival)
    form_widget.show()
    assert date_problem(form_widget) == ""
    arrival.setText("31 FEB 2027")
    assert date_problem(form_widget) == "Arrival: '31 FEB 2027' is not a real date"


def test_the_calendar_opens_at_the_fields_date(qtbot: QtBot) -> None:
    edit = field(qtbot, dt.date(2028, 4, 22))
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = edit.calendar()
    assert calendar is not None
    assert calendar.selectedDate() == QDate(2028, 4, 22)
    assert (calendar.yearShown(), calendar.monthShown()) == (2028, 4)


def test_the_calendar_of_an_empty_date_opens_at_today_not_in_1900(qtbot: QtBot) -> None:
    edit = field(qtbot)
    edit.calendar_action.trigger()
    calendar = edit.calendar()
    assert calendar is not None
    today = dt.date.today()
    assert calendar.selectedDate() == QDate(today.year, today.month, today.day)


def test_picking_a_day_in_the_calendar_with_the_keyboard_fills_the_field(qtbot: QtBot) -> None:
    edit = field(qtbot, dt.date(2027, 4, 22))
    edit.open_calendar()
    calendar = edit.calendar()
    assert calendar is not None
    view = calendar.focusWidget() or calendar
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert edit.text() == "23 APR 2027"
    assert edit.calendar() is None


def test_escape_closes_the_calendar_and_keeps_the_date(qtbot: QtBot) -> None:
    edit = field(qtbot, dt.date(2027, 4, 22))
    edit.open_calendar()
    calendar = edit.calendar()
    assert calendar is not None
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
    assert edit.calendar() is None
    assert edit.value() == dt.date(2027, 4, 22)


def test_up_and_down_move_the_date_by_a_day_and_page_keys_by_a_month(qtbot: QtBot) -> None:
    edit = field(qtbot, dt.date(2027, 1, 31))
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert edit.value() == dt.date(2027, 2, 1)
    qtbot.keyClick(edit, Qt.Key.Key_Down)
    qtbot.keyClick(edit, Qt.Key.Key_PageUp)
    assert edit.value() == dt.date(2027, 2, 28)


def test_forms_written_for_qdateedit_keep_working(qtbot: QtBot) -> None:
    edit = field(qtbot)
    seen: list[QDate] = []
    edit.dateChanged.connect(seen.append)
    edit.setDate(QDate(2027, 4, 22))
    assert edit.date() == QDate(2027, 4, 22)
    assert edit.text() == "22 APR 2027"
    assert seen == [QDate(2027, 4, 22)]
