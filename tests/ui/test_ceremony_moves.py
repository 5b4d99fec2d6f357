"""Adding approved nominees to the 2028 ceremony never takes them off the 2027 one without asking, by name."""

from __future__ import annotations

import datetime as dt

import pytest

from imet_desktop.domain.records import Ceremony
from imet_desktop.store.ceremonies import list_inductees, new_ceremony
from imet_desktop.ui.ceremonies.dialogs import ChooseNominationDialog
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.main_window import MainWindow

from .test_ceremonies import PLANNED, ceremonies
from .test_honor_roll import answer_with, errors_shown

NEXT = "International Honor Roll Induction 2028"


def answer(monkeypatch: pytest.MonkeyPatch, yes: bool) -> list[str]:
    asked: list[str] = []

    def reply(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return yes

    monkeypatch.setattr(dialogs, "ask_yes_no", reply)
    return asked


@pytest.mark.parametrize("yes", [False, True], ids=["the clerk says no", "the clerk says yes"])
def test_adding_nominees_of_the_2027_ceremony_to_the_2028_one_is_asked(monkeypatch: pytest.MonkeyPatch,
                                                                      window: MainWindow, yes: bool) -> None:
    db = window.db
    tab = ceremonies(window)
    planned = tab.selected_ceremony_id() or 0
    before = len(list_inductees(db, planned))
    new_ceremony(db, Ceremony(NEXT, dt.date(2028, 4, 20), "14:00", "Maxwell Club"))
    tab.refresh()
    tab = ceremonies(window, NEXT)
    tab.views.setCurrentWidget(tab.inductees_page)
    errors = errors_shown(monkeypatch)

    def two_of_2027(d: ChooseNominationDialog) -> None:
        rows = [n for n, r in enumerate(d.model.rows()) if r.ceremony_title == PLANNED][:2]
        assert len(rows) == 2
        for n in rows:
            d.table.selectionModel().select(d.model.index(n, 0), d.table.selectionModel().SelectionFlag.Select
                                            | d.table.selectionModel().SelectionFlag.Rows)

    shown = answer_with(monkeypatch, ChooseNominationDialog, two_of_2027, result=lambda d: d.chosen())
    asked = answer(monkeypatch, yes)
    tab.inductees_page.add_nominees_button.click()
    assert len(shown) == 1 and errors == []
    assert len(asked) == 1
    assert asked[0].count(f"is on “{PLANNED}” (22 APR 2027)") == 2
    assert f"to “{NEXT}”" in asked[0]
    moved = 2 if yes else 0
    assert len(list_inductees(db, planned)) == before - moved
    assert tab.inductees_model.rowCount() == moved
