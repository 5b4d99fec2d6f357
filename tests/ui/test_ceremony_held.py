"""The clerk marks the 2027 ceremony held only once it has taken place, and reopens it with a reason."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from imet_desktop.domain import dates
from imet_desktop.store.ceremonies import get_ceremony, list_inductees
from imet_desktop.store.history import record_history
from imet_desktop.store.honor_roll import list_honorees
from imet_desktop.ui.ceremonies.held import ReasonDialog
from imet_desktop.ui.main_window import MainWindow

from .test_ceremonies import ceremonies
from .test_honor_roll import answer_with, answer_yes, errors_shown

DAY = dt.date(2027, 4, 22)


def on(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    monkeypatch.setattr(dates, "today", lambda: day)


def test_the_ceremony_is_not_marked_held_before_its_day(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    on(monkeypatch, DAY - dt.timedelta(days=2))
    errors = errors_shown(monkeypatch)
    asked = answer_yes(monkeypatch)
    assert tab.held_button.isEnabled() and not tab.reopen_button.isEnabled()
    tab.held_button.click()
    assert asked == []
    assert errors[0][0] == "Not marked as held"
    assert "is dated 22 APR 2027: it can be marked as held on that day or after, not on 20 APR 2027" in errors[0][1]
    assert get_ceremony(window.db, tab.selected_ceremony_id() or 0).status == "Planned"


def test_the_ceremony_without_a_venue_is_not_marked_held(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                         window: MainWindow) -> None:
    tab = ceremonies(window)
    on(monkeypatch, DAY)
    errors = errors_shown(monkeypatch)
    tab.views.setCurrentWidget(tab.details_page)
    tab.details_page.venue_edit.clear()  # the clerk empties the venue and marks it held straight away
    qtbot.keyClicks(tab.details_page.venue_edit, " ")
    tab.held_button.click()
    assert "has no venue: set where it was held" in errors[0][1]


def test_marking_held_says_what_it_writes_and_reopening_takes_exactly_that_back(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    db = window.db
    ceremony_id = tab.selected_ceremony_id() or 0
    inductees = len(list_inductees(db, ceremony_id))
    before = {r.student_id for r in list_honorees(db)}
    on(monkeypatch, DAY)
    asked = answer_yes(monkeypatch)
    tab.held_button.click()
    assert f"This writes {inductees} inductions dated 22 APR 2027 on the Honor Roll" in asked[0]
    assert len({r.student_id for r in list_honorees(db)} - before) == inductees
    assert not tab.held_button.isEnabled() and tab.reopen_button.isEnabled()

    # the clerk opens Reopen, then thinks better of it: nothing changes
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda *_a: None))
    tab.reopen_button.click()
    assert get_ceremony(db, ceremony_id).status == "Held"

    def type_reason(d: ReasonDialog) -> None:
        assert not d.ok_button.isEnabled()  # no reason, no reopening
        assert any(f"The {inductees} inductions dated 22 APR 2027" in label.text() for label in d.findChildren(QLabel))
        qtbot.keyClicks(d.reason, "Marked as held by mistake: the ceremony was postponed")
        assert d.ok_button.isEnabled()

    shown = answer_with(monkeypatch, ReasonDialog, type_reason, lambda d: d.answer())
    tab.reopen_button.click()
    assert len(shown) == 1
    assert {r.student_id for r in list_honorees(db)} == before  # exactly the inductions it wrote are gone
    ceremony = get_ceremony(db, ceremony_id)
    assert (ceremony.status, ceremony.reopen_reason) == ("Planned", "Marked as held by mistake: the ceremony was "
                                                                    "postponed")
    assert tab.held_button.isEnabled() and not tab.reopen_button.isEnabled()
    assert any(h.field == "Reopen reason" and h.new == ceremony.reopen_reason
               for h in record_history(db, "ceremonies", ceremony_id))
