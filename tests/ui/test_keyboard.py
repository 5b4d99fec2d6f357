"""A keyboard path through the program: find, move into the list, open, add, print, close."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.editor import StudentEditor

from .test_roster_editor import driving


def test_ctrl_f_then_down_then_enter_finds_and_opens_a_student(qtbot: QtBot, window: MainWindow,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    tab = window.roster_tab
    opened = driving(monkeypatch, StudentEditor, lambda editor: editor.reject())
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tab.search_box
    qtbot.keyClicks(tab.search_box, "ngu")
    qtbot.keyClick(tab.search_box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not tab.model.loading)
    assert QApplication.focusWidget() is tab.table
    assert tab.table.currentIndex().row() == 0
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert len(opened) == 1 and isinstance(opened[0], QDialog)


def test_enter_in_the_search_box_searches_at_once_and_moves_into_the_list(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.roster_tab
    tab.search_box.setFocus()
    qtbot.keyClicks(tab.search_box, "nguyen")
    qtbot.keyClick(tab.search_box, Qt.Key.Key_Return)
    assert not tab.search_box.pending
    qtbot.waitUntil(lambda: not tab.model.loading)
    assert QApplication.focusWidget() is tab.table
    assert tab.model.search_text == "nguyen"


def test_escape_in_the_search_box_clears_it(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.roster_tab
    tab.search_box.setFocus()
    qtbot.keyClicks(tab.search_box, "nguyen")
    qtbot.keyClick(tab.search_box, Qt.Key.Key_Escape)
    assert tab.search_box.text() == ""
