"""The roster's view: the screen painted by its twin (cells Qt holds) while the clerk types, exactly as the table
paints it itself; the table painting itself whenever the clerk is in it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.tab import RosterTab
from imet_desktop.ui.roster.view import RosterTable

from .test_roster_painting import photo_for_the_first


def _search(qtbot: QtBot, tab: RosterTab, text: str) -> None:
    """The clerk types text into the search box (the focus stays there) and the rows come."""
    tab.search_box.setFocus()
    tab.search_box.clear()
    qtbot.keyClicks(tab.search_box, text)
    qtbot.waitUntil(lambda: tab.model.search_text == text and not tab.model.loading)
    qtbot.wait(20)


def _painted(table: RosterTable, rect: QRect | None = None) -> QImage:
    """The table's screen as painted now on screen, read back from the window (rect: only that part repainted,
    and read back)."""
    viewport = table.viewport()
    part = viewport.rect() if rect is None else rect
    viewport.repaint(part)
    window = viewport.window()
    shot = window.screen().grabWindow(window.winId()).toImage()
    corner = viewport.mapTo(window, part.topLeft())
    return shot.copy(corner.x(), corner.y(), part.width(), part.height())


def _by_the_table(table: RosterTable, monkeypatch: pytest.MonkeyPatch, rect: QRect | None = None) -> QImage:
    """The same, painted by the table itself, cell by cell from the roster's model."""
    with monkeypatch.context() as patch:
        patch.setattr(RosterTable, "_paint_from_twin", lambda _self, _event: False)
        return _painted(table, rect)


def test_while_the_clerk_types_the_twin_paints_the_screen_exactly_as_the_table_would(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts, alignments, the photo, alternating rows, a selected row, the columns moved (the photo beside the
    name) and hidden (Service), scrolled across and down: pixel for pixel what the table itself paints."""
    window.resize(1000, 700)
    tab = window.roster_tab
    table = tab.table
    _search(qtbot, tab, "a")
    photo_for_the_first(window, QColor(200, 30, 30))
    assert tab.model.rowCount() > 30 and tab.search_box.hasFocus() and not table.hasFocus()
    assert tab.model.thumbnail(0) is not None and table.isColumnHidden(tab.model.SERVICE)
    table.selectRow(1)

    def same_as_the_table(where: str) -> None:
        before = table.twin_paints
        ours = _painted(table)
        assert table.twin_paints == before + 1, where
        assert ours == _by_the_table(table, monkeypatch), where

    same_as_the_table("the first screen of 'a', its second row selected")
    photo_for_the_first(window, QColor(30, 160, 60))  # the clerk replaces the first student's photo
    same_as_the_table("the first student's new photo")  # the same student: a new picture
    table.selectRow(2)
    same_as_the_table("another row selected")
    table.verticalScrollBar().setValue(5)  # an odd first row: the alternating rows keep their colours
    same_as_the_table("scrolled down five rows")
    assert table.horizontalScrollBar().maximum() > 0
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum() // 2)
    same_as_the_table("scrolled across")
    _search(qtbot, tab, "ab")  # the rows on screen change as the clerk types
    same_as_the_table("the screen of 'ab'")
    # A part of the screen asked for alone (Qt repaints only the rows whose selection changed): in its place.
    height = table.verticalHeader().defaultSectionSize()
    part = QRect(0, height, table.viewport().width(), height * 2)  # the screen's second and third rows
    before = table.twin_paints
    ours = _painted(table, part)
    assert ours == _by_the_table(table, monkeypatch, part)
    assert table.twin_paints == before + 1


def test_the_table_paints_itself_when_the_clerk_is_in_it_or_a_row_is_selected_in_part(
        qtbot: QtBot, window: MainWindow) -> None:
    """With the focus in the table, the current cell's focus frame is Qt's own: the table paints itself; and a
    selection the twin cannot show (one cell of a row, not the row) is left to the table too."""
    tab = window.roster_tab
    table = tab.table
    _search(qtbot, tab, "a")
    before = table.twin_paints
    _painted(table)
    assert table.twin_paints == before + 1
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.selectRow(0)
    _painted(table)
    assert table.twin_paints == before + 1  # the table's own painting
    tab.search_box.setFocus()
    qtbot.waitUntil(tab.search_box.hasFocus)
    selection = table.selectionModel()
    selection.select(tab.model.index(3, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert selection.rowIntersectsSelection(3) and not selection.isRowSelected(3)
    _painted(table)
    assert table.twin_paints == before + 1
    table.selectRow(3)
    _painted(table)
    assert table.twin_paints == before + 2
    twin = table.findChild(QTableView, "rosterScreenTwin")
    assert twin is not None and twin.isHidden()  # never on screen itself

