"""Columns fit what they show: dates, ids, numbers and countries whole; names shortened in the middle; layouts kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from imet_desktop.ui.common.table_model import Column
from imet_desktop.ui.main_window import MainWindow

TEXT_MARGINS = 8  # what the style keeps around a cell's text


def columns_of(table: QTableView) -> list[Column] | None:
    model = table.model()
    return list(getattr(model, "COLUMNS", ())) or None


def shown_tables(qtbot: QtBot, window: MainWindow) -> Iterator[tuple[str, QTableView, list[Column]]]:
    """Each tab in turn, and every table on screen in it with the columns it was made with."""
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(50)
        tab = window.current_tab()
        for table in tab.findChildren(QTableView):
            columns = columns_of(table)
            if table.isVisible() and columns:
                yield window.tabs.tabText(i), table, columns


@pytest.fixture
def wide_window(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.resize(1280, 800)
    qtbot.wait(50)
    return window


def test_no_date_id_number_or_country_is_cut_short_in_any_tab(qtbot: QtBot, wide_window: MainWindow) -> None:
    checked = 0
    for tab, table, columns in shown_tables(qtbot, wide_window):
        qtbot.wait(20)  # the columns widen once the rows are in
        model, header, metrics = table.model(), table.horizontalHeader(), table.fontMetrics()
        for page in range(3):  # the first screens of rows, as the clerk scrolls down
            table.verticalScrollBar().setValue(page * table.verticalScrollBar().pageStep())
            qtbot.wait(20)
            first = max(table.rowAt(0), 0)
            last = table.rowAt(table.viewport().height() - 1)
            last = model.rowCount() - 1 if last < 0 else last
            for c, column in enumerate(columns):
                if not column.fit or header.isSectionHidden(c):
                    continue
                for r in range(first, last + 1):
                    text = model.data(model.index(r, c)) or ""
                    if text:
                        assert metrics.horizontalAdvance(text) + TEXT_MARGINS <= header.sectionSize(c), \
                            f"{tab}: {column.title} {text!r} is cut ({header.sectionSize(c)} px)"
                        checked += 1
    assert checked > 200


def test_a_date_column_is_as_wide_as_the_widest_months_date_before_any_row_is_in(qtbot: QtBot,
                                                                                 window: MainWindow) -> None:
    table = window.roster_tab.table
    arrival = next(i for i, c in enumerate(columns_of(table) or []) if c.title == "Arrival")
    widest = max(table.fontMetrics().horizontalAdvance(f"28 {m} 2027") for m in
                 ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"))
    assert table.horizontalHeader().sectionSize(arrival) >= widest + TEXT_MARGINS


def test_names_are_shortened_in_the_middle_with_the_whole_name_in_the_tooltip(qtbot: QtBot,
                                                                             wide_window: MainWindow) -> None:
    """A table of people shortens a cut text in the middle (Qt's own drawing, for each of its columns); a table
    without names at its end. Checked on what each cell is drawn with: the view's option as its delegate fills it."""
    people = others = 0
    modes: set[Qt.TextElideMode] = set()
    for tab, table, columns in shown_tables(qtbot, wide_window):
        model = table.model()
        expected = Qt.TextElideMode.ElideMiddle if any(c.person for c in columns) else Qt.TextElideMode.ElideRight
        modes.add(expected)
        for c, column in enumerate(columns):
            option = QStyleOptionViewItem()
            table.initViewItemOption(option)
            if model.rowCount():
                delegate = table.itemDelegateForColumn(c) or table.itemDelegate()
                delegate.initStyleOption(option, model.index(0, c))  # type: ignore[attr-defined]
            assert option.textElideMode == expected, (tab, column.title)
            if column.person:
                if model.rowCount():
                    index = model.index(0, c)
                    assert model.data(index, Qt.ItemDataRole.ToolTipRole) in (model.data(index), None, "") or \
                        str(model.data(index)) in str(model.data(index, Qt.ItemDataRole.ToolTipRole))
                people += 1
            else:
                others += 1
    assert people >= 5 and others >= 20 and len(modes) == 2  # tables of both kinds were checked


def test_the_rosters_default_columns_fit_a_1280_pixel_window(wide_window: MainWindow) -> None:
    table = wide_window.roster_tab.table
    header = table.horizontalHeader()
    shown = [header.sectionSize(i) for i in range(header.count()) if not header.isSectionHidden(i)]
    assert sum(shown) <= table.viewport().width()


def test_a_tables_column_widths_are_remembered(qtbot: QtBot, window: MainWindow) -> None:
    from imet_desktop.ui.ceremonies.models import CeremoniesModel
    from imet_desktop.ui.common.tables import make_table

    window.show_tab(window.ceremonies_tab)
    table = window.ceremonies_tab.ceremonies_table
    header = table.horizontalHeader()
    venue = next(i for i, c in enumerate(columns_of(table) or []) if c.title == "Venue")
    header.resizeSection(venue, 333)
    qtbot.wait(600)  # saved once the dragging stops
    again = make_table(CeremoniesModel(), CeremoniesModel.COLUMNS, name=table.objectName())  # the next session's
    qtbot.addWidget(again)
    assert again.horizontalHeader().sectionSize(venue) == 333


def test_the_roster_behind_another_tab_is_measured_when_shown_not_row_by_row(qtbot: QtBot, window: MainWindow) -> None:
    """Qt measures every row of a hidden table: the office's 600,000 students froze the window for minutes when
    the clerk moved to another tab before the roster was read. The roster's columns are fitted when it is shown."""
    from imet_desktop.ui.common.tables import _ColumnFitter

    roster = window.roster_tab.table
    fitter = next(c for c in roster.children() if isinstance(c, _ColumnFitter))
    measured: list[int] = []
    roster.sizeHintForColumn = lambda i: measured.append(i) or QTableView.sizeHintForColumn(roster, i)  # type: ignore
    # The roster's rows on screen are measured from their texts, Qt asked for the widest cell of each column.
    roster.sizeHintForIndex = lambda i: measured.append(i.column()) or QTableView.sizeHintForIndex(roster, i)  # type: ignore
    window.show_tab(window.ceremonies_tab)
    qtbot.waitUntil(lambda: not roster.isVisible())
    fitter.fit()
    window.roster_tab.model.modelReset.emit()  # rows come in while the clerk is elsewhere
    qtbot.wait(20)
    assert measured == []
    window.show_tab(window.roster_tab)
    qtbot.waitUntil(lambda: bool(measured))


def test_a_row_added_is_measured_alone_and_widens_its_column(qtbot: QtBot, window: MainWindow) -> None:
    """An inductee added to a ceremony of 1,000 costs one row's measuring, not a thousand's."""
    import dataclasses

    window.show_tab(window.ceremonies_tab)
    page = window.ceremonies_tab.inductees_page
    window.ceremonies_tab.views.setCurrentWidget(page)
    qtbot.waitUntil(page.table.isVisible)
    qtbot.wait(50)  # the ceremony's rows are in and measured
    table, model = page.table, page.model
    measured: list[int] = []
    table.sizeHintForColumn = lambda i: measured.append(i) or QTableView.sizeHintForColumn(table, i)  # type: ignore
    country = "Saint Vincent and the Grenadines and the Northern Territories, Commonwealth of"
    model.insert_row(model.rowCount(), dataclasses.replace(model.row_at(0), id=-1, country_name=country))
    qtbot.wait(20)
    assert table.columnWidth(2) >= table.fontMetrics().horizontalAdvance(country)
    assert measured == []


def test_a_cell_changed_is_measured_in_its_own_column_only(qtbot: QtBot) -> None:
    """A ceremony's count changed: the never-cut column of that cell is measured (and widened), not the others."""
    from types import SimpleNamespace

    from imet_desktop.ui.common.table_model import RowListModel
    from imet_desktop.ui.common.tables import make_table

    class Counts(RowListModel):
        COLUMNS = (Column("Date", lambda r: r.date, samples=["28 Sep 2027"]),
                   Column("Title", lambda r: r.title, width=20),
                   Column("Inductees", lambda r: r.count, numeric=True, width=3))

    model = Counts()
    model.set_rows([SimpleNamespace(date="1 May 2031", title="Induction", count=7)])
    table = make_table(model, Counts.COLUMNS)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    qtbot.wait(20)
    measured: list[int] = []
    table.sizeHintForIndex = lambda i: measured.append(i.column()) or QTableView.sizeHintForIndex(table, i)  # type: ignore
    big = 10 ** 40
    model.replace_row(0, SimpleNamespace(date="1 May 2031", title="Induction", count=big))
    assert measured == [0, 2]  # RowListModel tells the whole row
    measured.clear()
    model.dataChanged.emit(model.index(0, 2), model.index(0, 2))
    assert measured == [2]
    assert table.columnWidth(2) >= table.fontMetrics().horizontalAdvance(str(big))


def test_a_scroll_far_down_the_roster_leaves_the_next_rows_measured_at_once(qtbot: QtBot, window: MainWindow) -> None:
    """The scroll bar's position is not taken for the column fitter's delay: after a scroll to row 3,000 each
    keystroke's rows were measured 3 s after they came."""
    from imet_desktop.ui.common.tables import _ColumnFitter

    table = window.roster_tab.table
    fitter = next(c for c in table.children() if isinstance(c, _ColumnFitter))
    table.verticalScrollBar().setValue(300)
    assert table.verticalScrollBar().value() == 300
    assert fitter._timer.interval() == 0
