"""A change on the Ceremonies tab shows on the other tabs when the clerk looks at them; the status bar's counts,
which such a change cannot alter, are not counted again for it (issue 16: 600,000 students counted on every
inductee added competed with the table's repaint)."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from imet_desktop.ui.ceremonies.dialogs import ChooseNominationDialog
from imet_desktop.ui.main_window import MainWindow

from .test_ceremonies import PLANNED, ceremonies
from .test_honor_roll import answer_with, answer_yes, honor_roll


def _counts_asked(monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> list[str]:
    """The keys of the reads the window asks of its worker from now on ("counts": the status bar's)."""
    asked: list[str] = []
    real = window.reader.submit

    def submit(key: str, *args: Any, **kwargs: Any) -> bool:
        asked.append(key)
        return real(key, *args, **kwargs)

    monkeypatch.setattr(window.reader, "submit", submit)
    return asked


def test_an_inductee_added_on_the_ceremony_shows_on_the_honor_roll_and_the_overview(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    # The clerk has the Honor Roll's nominations open first: the tab is built and has read its lists.
    roll = honor_roll(window)
    roll.pages.setCurrentWidget(roll.nominations_page)
    nominations = roll.nominations_page.model
    moroccan = next(r for r in nominations.rows() if r.country_name == "Morocco")
    assert moroccan.ceremony_title != PLANNED
    qtbot.waitUntil(lambda: window.counts_label.text() != "", timeout=5000)
    counts = window.counts_label.text()
    asked = _counts_asked(monkeypatch, window)

    tab = ceremonies(window)
    tab.views.setCurrentWidget(tab.inductees_page)
    before = tab.inductees_model.rowCount()
    answer_with(monkeypatch, ChooseNominationDialog, lambda d: d.table.selectAll(), result=lambda d: d.chosen())
    tab.inductees_page.add_nominees_button.click()
    assert tab.inductees_model.rowCount() == before + 1
    qtbot.wait(50)  # anything the change set going on the event loop has run
    assert "counts" not in asked  # no count of the status bar can change: the students are not counted again
    assert window.counts_label.text() == counts

    # On the Honor Roll, the nomination now names the ceremony.
    honor_roll(window)
    roll.pages.setCurrentWidget(roll.nominations_page)
    shown = next(r for r in nominations.rows() if r.id == moroccan.id)
    assert shown.ceremony_title == PLANNED

    # The Overview, counted again when shown, has the ceremony's new inductee.
    window.view_actions[0].trigger()
    overview = window.overview_tab
    qtbot.waitUntil(lambda: f"{before + 1} inductees" in overview.ceremony_text.text(), timeout=10_000)
    assert PLANNED in overview.ceremony_text.text()  # the newest ceremony: the one the inductee joined


def test_an_inductee_moved_and_removed_leaves_the_counts_alone_but_a_ceremony_held_counts_again(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    tab = ceremonies(window)
    tab.views.setCurrentWidget(tab.inductees_page)
    page = tab.inductees_page
    qtbot.waitUntil(page.isVisible)
    asked = _counts_asked(monkeypatch, window)
    answer_yes(monkeypatch)
    page.table.selectRow(1)
    page.up_button.click()
    page.table.selectRow(0)
    page.remove_button.click()
    qtbot.wait(50)
    assert "counts" not in asked

    # A ceremony deleted is one the status bar counts: counted again, and shown.
    qtbot.waitUntil(lambda: "ceremon" in window.counts_label.text(), timeout=5000)
    ceremonies_before = tab.ceremonies_model.rowCount()
    tab.delete_button.click()
    assert tab.ceremonies_model.rowCount() == ceremonies_before - 1
    assert asked.count("counts") == 1
    qtbot.waitUntil(lambda: f"{ceremonies_before - 1} ceremon" in window.counts_label.text(), timeout=5000)
