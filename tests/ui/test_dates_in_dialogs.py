"""Dates in the program's dialogs: one field everywhere, typed as they come, never saved as "no date" by mistake."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from imet_desktop.store.ceremonies import get_ceremony
from imet_desktop.ui.ceremonies.dialogs import CeremonyDialog
from imet_desktop.ui.common.dates import DateEdit
from imet_desktop.ui.courses.catalogue_dialogs import ClassDialog
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.dialogs import StatusDialog
from imet_desktop.ui.roster.editor import DATE_FIELDS, StudentEditor

from .test_ceremonies import ceremonies
from .test_honor_roll import answer_with


def new_ceremony_dialog(qtbot: QtBot) -> CeremonyDialog:
    dialog = CeremonyDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_new_ceremony_dialog_shows_an_empty_date_and_takes_the_date_typed(qtbot: QtBot) -> None:
    dialog = new_ceremony_dialog(qtbot)
    assert isinstance(dialog.date_edit, DateEdit)
    assert dialog.date_edit.text() == ""  # not "no date", not an example
    dialog.date_edit.setFocus()
    qtbot.keyClicks(dialog.date_edit, "22 APR 2028")
    dialog.try_accept()
    assert dialog.value().ceremony_date == dt.date(2028, 4, 22)  # not "no date22APR2028"


def test_the_new_ceremony_dialogs_calendar_opens_at_today_not_january_1900(qtbot: QtBot) -> None:
    dialog = new_ceremony_dialog(qtbot)
    dialog.date_edit.open_calendar()
    calendar = dialog.date_edit.calendar()
    assert calendar is not None
    today = dt.date.today()
    assert calendar.selectedDate() == QDate(today.year, today.month, today.day)


def test_the_new_ceremony_dialog_has_no_example_that_looks_like_a_value(qtbot: QtBot) -> None:
    dialog = new_ceremony_dialog(qtbot)
    for edit in dialog.findChildren(QLineEdit):
        hint = edit.placeholderText()
        assert hint == "" or hint.startswith("e.g. "), (edit.objectName(), hint)
    assert dialog.time_edit.placeholderText() == ""


def test_a_date_that_is_not_a_date_keeps_the_dialog_open_naming_the_field(qtbot: QtBot) -> None:
    dialog = new_ceremony_dialog(qtbot)
    dialog.date_edit.setText("22 APX 2028")
    dialog.try_accept()
    assert dialog.result() != CeremonyDialog.DialogCode.Accepted
    assert dialog.error_label.text() == "Date: '22 APX 2028' has no month called 'APX'"
    assert dialog.date_edit.text() == "22 APX 2028"  # what was typed is kept, to correct


def test_even_accept_itself_refuses_a_date_that_is_not_a_date(qtbot: QtBot) -> None:
    dialog = StatusDialog(None, current="Projected", who="KOWALSKI, Jan")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_edit.setText("yesterday")
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != StatusDialog.DialogCode.Accepted
    dialog.date_edit.setText("April 22, 2027")
    dialog.accept()
    assert dialog.value().effective_date == dt.date(2027, 4, 22)


def test_a_new_ceremony_typed_with_the_month_in_words_is_saved_with_its_date(
        monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)

    def fill(d: CeremonyDialog) -> None:
        d.title_edit.setText("International Honor Roll Induction 2028")
        d.date_edit.setText("April 20, 2028")

    answer_with(monkeypatch, CeremonyDialog, fill)
    tab.new_button.click()
    ceremony_id = tab.selected_ceremony_id()
    assert ceremony_id is not None
    assert get_ceremony(window.db, ceremony_id).ceremony_date == dt.date(2028, 4, 20)
    assert tab.details_page.date_edit.text() == "20 APR 2028"


def test_a_class_ends_where_its_course_says_in_the_one_date_field(qtbot: QtBot) -> None:
    from imet_desktop.domain.records import Course

    course = Course("ACSC", "Air Command and Staff College", length_weeks=44)
    dialog = ClassDialog(None, None, [course])
    qtbot.addWidget(dialog)
    assert isinstance(dialog.start, DateEdit) and isinstance(dialog.end, DateEdit)
    assert re.fullmatch(r"\d\d [A-Z]{3} \d{4}", dialog.start.text())


def test_the_student_editors_dates_are_date_fields_with_no_example_date(
        qtbot: QtBot, window: MainWindow) -> None:
    editor = StudentEditor(window.db, None, window)
    qtbot.addWidget(editor)
    for key in DATE_FIELDS:
        widget = editor.fields[key].widget
        assert isinstance(widget, DateEdit), key
        assert widget.placeholderText() == "", key
    arrival = editor.fields["arrival_date"].widget
    arrival.setFocus()
    qtbot.keyClicks(arrival, "2027-04-22")
    qtbot.keyClick(arrival, Qt.Key.Key_Tab)
    arrival.editingFinished.emit()
    assert arrival.text() == "22 APR 2027"
