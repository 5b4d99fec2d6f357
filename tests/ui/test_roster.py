"""The Roster tab: type-ahead search (accents optional), sorting in SQL by clicking headers, paging."""

from __future__ import annotations

import unicodedata
from array import array
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from imet_desktop.domain.records import Student
from imet_desktop.store import roster as roster_store
from imet_desktop.store.db import connect
from imet_desktop.store.roster import RosterRow, roster_rows, student_ids
from imet_desktop.store.students import add_student
from imet_desktop.ui.common.table_model import ROW_ROLE
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster import model as roster_model
from imet_desktop.ui.roster.model import RosterModel

from .conftest import wait_until_read


def fold(text: str) -> str:
    """Text without accents, lower case (what the search ignores)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


def type_text(widget: QWidget, text: str) -> None:
    """Type text key by key, any script (QTest's keyClicks only knows ASCII): each key press carries its text,
    as a keyboard layout or input method delivers it."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def shown_rows(model: RosterModel) -> list[RosterRow]:
    return [model.data(model.index(r, 0), ROW_ROLE) for r in range(model.rowCount())]


def click_header(qtbot: QtBot, window: MainWindow, column: int) -> None:
    header = window.roster_tab.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    wait_until_read(qtbot, window)


def test_the_roster_lists_every_student_and_says_how_many(window: MainWindow, demo_students: int) -> None:
    tab = window.roster_tab
    assert tab.model.rowCount() == demo_students
    assert tab.count_label.text() == f"{demo_students} of {demo_students} students"
    titles = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())]
    assert titles == ["Legal name", "Display name", "Native-script name", "Country", "Rank", "Service", "Funding",
                      "Current class", "Status", "Arrival", "ECL", "WCN", "ITO number", "Photo"]
    header = tab.table.horizontalHeader()
    assert header.logicalIndex(1) == RosterModel.PHOTO  # the thumbnail beside the name
    tip = tab.model.headerData(RosterModel.LEGAL_NAME, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Click to sort by legal name; right-click to show or hide columns"
    assert tab.model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole) is None
    assert tab.model.headerData(len(titles), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
    first = tab.model.data(tab.model.index(0, RosterModel.LEGAL_NAME), ROW_ROLE)
    assert isinstance(first, RosterRow)
    assert tab.model.data(tab.model.index(0, RosterModel.LEGAL_NAME)) == first.legal_name
    assert ", " in first.legal_name or first.legal_given_names == ""


def test_searching_nguyen_without_accents_finds_nguyen_with_accents(qtbot: QtBot, window: MainWindow,
                                                                   demo_students: int) -> None:
    student_id = add_student(window.db, Student(legal_family_name="NGUYỄN", legal_given_names="Văn Đức",
                                                native_name="Nguyễn Văn Đức", country_code="VN"))
    window.refresh_action.trigger()
    wait_until_read(qtbot, window)
    tab = window.roster_tab
    qtbot.keyClicks(tab.search_box, "nguyen")
    qtbot.waitUntil(lambda: tab.model.search_text == "nguyen", timeout=3000)
    rows = shown_rows(tab.model)
    assert student_id in [r.id for r in rows]
    assert all("nguyen" in fold(f"{r.legal_name} {r.display_name} {r.native_name}") for r in rows)
    assert tab.model.data(tab.model.index(tab.model.row_of(student_id), RosterModel.LEGAL_NAME)) == \
        "NGUYỄN, Văn Đức"
    assert tab.count_label.text() == f"{len(rows)} of {demo_students + 1} students"


def test_every_keystroke_searches_at_once_even_the_first_letter(qtbot: QtBot, window: MainWindow,
                                                               demo_students: int) -> None:
    tab = window.roster_tab
    qtbot.keyClick(tab.search_box, "z")
    assert tab.model.requested_search == "z"  # asked for at once, without waiting for a pause
    qtbot.keyClick(tab.search_box, "z")
    assert tab.model.requested_search == "zz"
    wait_until_read(qtbot, window)
    assert tab.model.search_text == "zz" and tab.model.rowCount() == 0
    assert tab.count_label.text() == f"0 of {demo_students} students"
    tab.search_box.clear()
    qtbot.waitUntil(lambda: tab.model.rowCount() == demo_students, timeout=3000)


def test_the_first_students_names_are_read_ahead_and_the_first_search_reads_no_more(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, demo_students: int) -> None:
    from imet_desktop.store.search import Head

    read: list[int] = []
    extend = Head.extend

    def counted(head: Head, db: object, ids: array[int]) -> None:
        read.append(len(ids))
        extend(head, db, ids)  # type: ignore[arg-type]

    monkeypatch.setattr(Head, "extend", counted)
    tab, reader = window.roster_tab, window.reader
    add_student(window.db, Student("READAHEAD", "Zoe"))  # a change: what the reader remembered is forgotten
    tab.model.reload()  # as after any of the clerk's changes
    wait_until_read(qtbot, window)
    qtbot.waitUntil(lambda: not reader.pending("roster-ahead"), timeout=10_000)
    assert sum(read) == demo_students + 1  # every name of the (small) demo, a chunk at a time, before any search
    read.clear()
    type_text(tab.search_box, "read")
    wait_until_read(qtbot, window)
    assert [r.legal_family_name for r in shown_rows(tab.model)] == ["READAHEAD"]
    assert read == []  # the search checked the names in memory
    tab.search_box.clear()
    wait_until_read(qtbot, window)
    import threading

    gate, ahead = threading.Event(), roster_store.read_ahead
    monkeypatch.setattr(roster_store, "read_ahead", lambda *a, **k: gate.wait(10) and ahead(*a, **k))  # slow
    add_student(window.db, Student("READAHEAD", "Yves"))
    tab.model.reload()
    qtbot.waitUntil(lambda: reader.pending("roster-ahead"), timeout=10_000)
    qtbot.keyClick(tab.search_box, "r")  # the clerk types while the names are read ahead: they wait no longer
    assert not reader.pending("roster-ahead") and tab.model.requested_search == "r"
    gate.set()
    wait_until_read(qtbot, window)
    assert tab.model.rowCount() == len(student_ids(window.db, search="r"))


def test_a_search_reads_the_names_ahead_before_every_match_and_their_number(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    tab, reader = window.roster_tab, window.reader
    asked: list[str] = []
    ahead, ids = roster_store.read_ahead, roster_store.student_ids

    stops: list[Any] = []

    def reading_ahead(*args: Any, **kwargs: Any) -> int:
        asked.append("names ahead")
        stops.append(kwargs["stopped"])
        return ahead(*args, **kwargs)

    def every_match(*args: Any, **kwargs: Any) -> array[int]:
        asked.append(f"every match of {kwargs.get('search', '')!r}")
        return ids(*args, **kwargs)

    monkeypatch.setattr(roster_store, "read_ahead", reading_ahead)
    monkeypatch.setattr(roster_store, "student_ids", every_match)
    add_student(window.db, Student("READAHEAD", "Zoe"))  # what the reader remembered is forgotten
    tab.model.reload()
    wait_until_read(qtbot, window)
    qtbot.waitUntil(lambda: not reader.pending("roster-ahead"), timeout=10_000)
    assert asked == ["every match of ''", "names ahead"]  # the whole roster's order first: the names follow it
    asked.clear()
    type_text(tab.search_box, "read")
    wait_until_read(qtbot, window)
    # The clerk's next keystroke checks the names read ahead; this search's every match, which it stops, comes after.
    assert asked[:2] == ["names ahead", "every match of 'read'"]
    assert [r.legal_family_name for r in shown_rows(tab.model)] == ["READAHEAD"]
    # this search's own reading ahead, submitted as its rows were shown, read by the worker (not an earlier one's)
    qtbot.waitUntil(lambda: not reader.pending("roster-ahead"), timeout=10_000)
    assert not stops[-1]()  # nothing asked since: it would read on
    qtbot.keyClick(tab.search_box, "a")
    assert stops[-1]()  # the clerk typed: what is read ahead (each student's place) stops where it is


def _held_back(monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[str]]:
    """Every match of a search (and so their number) waits until released; the first screen does not."""
    import threading

    release = threading.Event()
    real = roster_store.student_ids
    asked: list[str] = []

    def slow(*args: object, **kwargs: object) -> array[int]:
        asked.append(str(kwargs.get("search", "")))
        if kwargs.get("search"):
            release.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(roster_store, "student_ids", slow)
    return release, asked


def test_one_letter_shows_the_first_screen_then_the_count_arrives(qtbot: QtBot, window: MainWindow,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 demo_students: int) -> None:
    monkeypatch.setattr(roster_model, "FIRST_SCREEN", 16)
    release, _asked = _held_back(monkeypatch)
    tab = window.roster_tab
    model = tab.model
    every = student_ids(window.db, search="a")
    assert len(every) > 16
    qtbot.keyClick(tab.search_box, "a")
    qtbot.waitUntil(lambda: model.search_text == "a", timeout=5000)
    # The first screen: the first matches in roster order; how many match is still being counted, and says so.
    assert model.counting and model.loading
    assert list(model.ids()) == list(every[:16]) and model.rowCount() == 16
    assert [r.id for r in shown_rows(model)] == list(every[:16])
    assert tab.count_label.text() == f"16+ of {demo_students} students, counting…"
    assert not tab.export_action.isEnabled()  # not every id is known yet
    tab.table.selectRow(3)
    release.set()  # type: ignore[attr-defined]
    wait_until_read(qtbot, window)
    assert not model.counting
    assert list(model.ids()) == list(every) and model.rowCount() == len(every)
    assert tab.count_label.text() == f"{len(every)} of {demo_students} students"
    assert tab.selected_ids() == [every[3]]  # the rest came in below: no reset, the selection stayed
    # The first screen's rows were read as a page of 16; the rows below it on the same page are read now.
    assert [r.id for r in shown_rows(model)] == list(every)
    assert tab.export_action.isEnabled()


def test_a_later_keystroke_ignores_the_count_of_an_earlier_search(qtbot: QtBot, window: MainWindow,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 demo_students: int) -> None:
    monkeypatch.setattr(roster_model, "FIRST_SCREEN", 16)
    release, asked = _held_back(monkeypatch)
    tab = window.roster_tab
    model = tab.model
    qtbot.keyClick(tab.search_box, "a")
    qtbot.waitUntil(lambda: model.search_text == "a", timeout=5000)
    assert model.counting
    qtbot.waitUntil(lambda: asked == ["a"], timeout=5000)  # the count of "a" is being read, held back
    qtbot.keyClick(tab.search_box, "z")
    qtbot.keyClick(tab.search_box, "z")
    release.set()  # type: ignore[attr-defined]  # "a"'s matches arrive now: too late, "azz" was asked for since
    wait_until_read(qtbot, window)
    expected = student_ids(window.db, search="azz")
    assert model.search_text == "azz" and list(model.ids()) == list(expected)
    assert not model.counting
    assert tab.count_label.text() == f"{len(expected)} of {demo_students} students"
    assert "az" not in asked  # superseded before it started: never read


def test_fewer_matches_than_a_screen_are_counted_at_once(qtbot: QtBot, window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch, demo_students: int) -> None:
    release, _asked = _held_back(monkeypatch)
    student_id = add_student(window.db, Student(legal_family_name="QUIXOTEWSKI", legal_given_names="Alonso"))
    window.refresh_action.trigger()
    tab = window.roster_tab
    release.set()  # type: ignore[attr-defined]
    wait_until_read(qtbot, window)
    release.clear()  # type: ignore[attr-defined]
    tab.search_box.setText("quixotew")  # pasted: one search
    qtbot.waitUntil(lambda: tab.model.search_text == "quixotew", timeout=5000)
    assert tab.model.loading and not tab.model.counting  # every match is on screen: their number is known
    assert list(tab.model.ids()) == [student_id]
    assert tab.count_label.text() == f"1 of {demo_students + 1} students"
    release.set()  # type: ignore[attr-defined]
    wait_until_read(qtbot, window)
    assert list(tab.model.ids()) == [student_id]


def test_the_count_beside_the_box_is_not_read_again_per_keystroke_but_is_after_any_write(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, demo_students: int) -> None:
    counted: list[bool] = []
    count = roster_store.count_students

    def counting(*args: object, **kwargs: bool) -> int:
        counted.append(True)
        return count(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(roster_store, "count_students", counting)
    tab = window.roster_tab

    def search(text: str) -> None:
        tab.search_box.setText(text)
        qtbot.waitUntil(lambda: tab.model.search_text == text, timeout=5000)
        wait_until_read(qtbot, window)

    for text in ("a", "an", "ana", ""):
        search(text)
    assert counted == []  # nothing written since the roster was read: the same number
    assert tab.count_label.text() == f"{demo_students} of {demo_students} students"
    add_student(window.db, Student(legal_family_name="COUNTEDAGAIN", legal_given_names="Ana"))  # the window's write
    search("countedag")
    assert counted and tab.count_label.text() == f"1 of {demo_students + 1} students"
    counted.clear()
    other = connect(window.db_path)  # another connection's write (an import's worker, another program)
    try:
        add_student(other, Student(legal_family_name="COUNTEDAGAIN", legal_given_names="Bea"))
    finally:
        other.close()
    search("countedaga")
    assert counted and tab.count_label.text() == f"2 of {demo_students + 2} students"
    counted.clear()
    tab.search_box.clear()
    tab.archive_view_action.trigger()  # the archive's number is another one
    qtbot.waitUntil(lambda: tab.model.archived and not tab.model.loading, timeout=5000)
    assert counted
    archived = count(window.db, archived_only=True)
    assert tab.count_label.text() == f"{tab.model.rowCount():,} of {archived:,} archived student" \
        + ("" if archived == 1 else "s")


def test_a_search_with_an_apostrophe_is_not_an_error(qtbot: QtBot, window: MainWindow) -> None:
    add_student(window.db, Student(legal_family_name="O'BRIEN", legal_given_names="Seán"))
    window.refresh_action.trigger()
    wait_until_read(qtbot, window)
    tab = window.roster_tab
    qtbot.keyClicks(tab.search_box, "o'brien")
    qtbot.waitUntil(lambda: tab.model.search_text == "o'brien", timeout=3000)
    assert "O'BRIEN, Seán" in [r.legal_name for r in shown_rows(tab.model)]


def test_clicking_a_header_sorts_by_that_column_in_sql(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.roster_tab
    header = tab.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (RosterModel.LEGAL_NAME,
                                                                           Qt.SortOrder.AscendingOrder)
    click_header(qtbot, window, RosterModel.COUNTRY)
    assert header.sortIndicatorSection() == RosterModel.COUNTRY
    assert tab.model.sort_column == RosterModel.COUNTRY
    names = [r.country_name for r in shown_rows(tab.model)]  # by the country's name, as the column shows it
    assert names == sorted(names) and len(set(names)) > 1
    assert [r.id for r in shown_rows(tab.model)] == list(student_ids(window.db, sort="country"))

    click_header(qtbot, window, RosterModel.COUNTRY)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    names = [r.country_name for r in shown_rows(tab.model)]
    assert names == sorted(names, reverse=True)

    click_header(qtbot, window, RosterModel.ECL)
    scores = [r.ecl_score for r in shown_rows(tab.model) if r.ecl_score is not None]
    assert scores == sorted(scores)


def test_every_column_sorts_in_sql_including_current_class_and_photo(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.roster_tab
    header = tab.table.horizontalHeader()
    tab.set_column_shown(RosterModel.SERVICE, True)  # hidden at first, to fit a 1280-pixel window
    for column in range(RosterModel.PHOTO + 1):
        click_header(qtbot, window, column)
        assert header.sortIndicatorSection() == column
        key = RosterModel.SORT_KEYS[column]
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        assert [r.id for r in shown_rows(tab.model)] == list(student_ids(window.db, sort=key,
                                                                         descending=descending)), key
    click_header(qtbot, window, RosterModel.CURRENT_CLASS)
    classes = [r.current_class for r in shown_rows(tab.model)]
    assert classes == sorted(classes) and classes[-1]
    click_header(qtbot, window, RosterModel.CURRENT_CLASS)
    assert [r.current_class for r in shown_rows(tab.model)] == sorted(classes, reverse=True)


def test_sorting_keeps_the_search(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.roster_tab
    first = shown_rows(tab.model)[0]
    word = first.legal_family_name.split()[0][:3]
    qtbot.keyClicks(tab.search_box, word)
    qtbot.waitUntil(lambda: tab.model.search_text == word, timeout=3000)
    found = {r.id for r in shown_rows(tab.model)}
    click_header(qtbot, window, RosterModel.STATUS)
    assert {r.id for r in shown_rows(tab.model)} == found
    statuses = [r.status for r in shown_rows(tab.model)]
    assert statuses == sorted(statuses)


def test_the_model_reads_rows_page_by_page_and_keeps_only_a_few_pages(monkeypatch: pytest.MonkeyPatch,
                                                                      window: MainWindow) -> None:
    monkeypatch.setattr(roster_model, "PAGE_SIZE", 16)
    monkeypatch.setattr(roster_model, "CACHED_PAGES", 3)
    model = RosterModel(window.db)  # no reader: the ids are read at once
    model.reload()
    fetched: list[int] = []
    real = roster_store.roster_rows

    def counting(db: object, ids: object) -> list[RosterRow]:
        fetched.append(len(ids))  # type: ignore[arg-type]
        return real(db, ids)  # type: ignore[arg-type]

    monkeypatch.setattr(roster_store, "roster_rows", counting)
    rows = [model.row_at(r) for r in range(model.rowCount())]
    assert rows == roster_rows(window.db, student_ids(window.db))
    pages = -(-model.rowCount() // 16)
    assert len(fetched) == pages and set(fetched[:-1]) == {16}
    assert len(model._pages) == 3
    model.row_at(0), model.row_at(17)
    assert len(fetched) == pages + 2  # pages 0 and 1 had been dropped
    model.row_at(1)
    assert len(fetched) == pages + 2  # page 0 is cached again


def test_a_student_deleted_meanwhile_leaves_an_empty_row_not_an_error(window: MainWindow) -> None:
    model = RosterModel(window.db)
    model.reload()
    # As if the second student was deleted between the id query and the reading of the page.
    model.beginResetModel()
    model._ids = array("q", [model.student_id(0), 10**9])
    model.endResetModel()
    assert model.data(model.index(0, 0))
    assert model.data(model.index(1, 0)) is None
    assert model.data(model.index(1, 0), ROW_ROLE) is None


def test_clearing_the_box_right_after_a_quick_search_shows_everyone_again(qtbot: QtBot, window: MainWindow,
                                                                          demo_students: int) -> None:
    tab = window.roster_tab
    qtbot.keyClicks(tab.search_box, "zzz")  # searched at once, before any pause
    wait_until_read(qtbot, window)
    assert tab.model.rowCount() == 0
    tab.search_box.clear()  # within the pause: the search box itself never announced "zzz"
    qtbot.waitUntil(lambda: tab.model.search_text == "" and not tab.model.loading, timeout=3000)
    assert tab.model.rowCount() == demo_students


def test_the_first_screen_shows_before_the_whole_order_arrives(qtbot: QtBot, window: MainWindow,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                demo_students: int) -> None:
    import threading

    release = threading.Event()
    real = roster_store.student_ids

    def slow(*args: object, **kwargs: object) -> array[int]:
        release.wait(10)  # the whole order takes its time (0.1 s at 600,000 students)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(roster_store, "student_ids", slow)
    tab = window.roster_tab
    header = tab.table.horizontalHeader()
    x = header.sectionViewportPosition(RosterModel.STATUS) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))
    qtbot.waitUntil(lambda: tab.model.sort_column == RosterModel.STATUS, timeout=5000)
    model = tab.model
    assert model.loading and model.rowCount() == demo_students
    first = [model.row_at(r) for r in range(roster_model.PAGE_SIZE)]
    expected = roster_rows(window.db, real(window.db, sort="status")[:roster_model.PAGE_SIZE])
    assert first == expected  # the first screen, in the new order
    assert model.data(model.index(roster_model.PAGE_SIZE + 1, RosterModel.LEGAL_NAME)) is None  # still on its way
    assert tab.count_label.text() == f"{demo_students} of {demo_students} students"
    assert not tab.export_action.isEnabled()
    tab.table.selectRow(3)
    release.set()
    wait_until_read(qtbot, window)
    assert model.data(model.index(roster_model.PAGE_SIZE + 1, RosterModel.LEGAL_NAME))  # filled in
    assert tab.selected_ids() == [first[3].id]  # type: ignore[union-attr]  # no reset: the selection stayed
    assert tab.export_action.isEnabled()


def test_the_model_answers_each_role_a_cell_is_painted_with(window: MainWindow) -> None:
    """data() answers the text, alignment, tip, row and photo roles (whether Qt passes the role as an enum or an
    int) and nothing else; flags() the same for every cell."""
    model = RosterModel(window.db)
    model.reload()
    row = model.row_at(0)
    assert row is not None
    name, country = model.index(0, RosterModel.LEGAL_NAME), model.index(0, RosterModel.COUNTRY)
    for role in (Qt.ItemDataRole.DisplayRole, int(Qt.ItemDataRole.DisplayRole)):
        assert model.data(name, role) == RosterModel.COLUMNS[RosterModel.LEGAL_NAME].text(row)
    assert model.data(country, int(Qt.ItemDataRole.ToolTipRole)) == RosterModel.COLUMNS[RosterModel.COUNTRY].tip(row)
    assert model.data(name, Qt.ItemDataRole.TextAlignmentRole) == \
        RosterModel.COLUMNS[RosterModel.LEGAL_NAME].alignment()
    assert model.data(name, ROW_ROLE) == row
    assert model.data(name, Qt.ItemDataRole.DecorationRole) is None  # only the photo column has a picture
    for role in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.EditRole):
        assert model.data(name, role) is None
    assert model.data(model.index(model.rowCount(), 0)) is None
    assert model.flags(name) == Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
        Qt.ItemFlag.ItemNeverHasChildren
    assert model.flags(model.index(-1, 0)) == Qt.ItemFlag.NoItemFlags
