"""What the roster shows: columns the clerk shows, hides and reorders (remembered), filters that combine with
each other and with the search ("N of M students"), and the archive (restore, delete for good)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from imet_desktop.store.roster import RosterFilter, student_ids
from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.model import RosterModel
from imet_desktop.ui.roster.tab import RosterTab

from .conftest import wait_until_read
from .test_roster import shown_rows, type_text


def choose(qtbot: QtBot, window: MainWindow, box: QComboBox, text: str) -> None:
    """Pick an entry of a drop-down by its text, as clicking it in the list does, and wait for the rows."""
    index = box.findText(text)
    assert index >= 0, f"{box.objectName()} does not offer {text!r}"
    box.setCurrentIndex(index)
    wait_until_read(qtbot, window)


def drag(widget: QWidget, start: QPoint, end: QPoint) -> None:
    """Press, move (button held, in steps) and release: a mouse drag, as the clerk's hand makes it."""
    def send(kind: QEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:
        point = QPointF(pos)
        event = QMouseEvent(kind, point, QPointF(widget.mapToGlobal(pos)), Qt.MouseButton.LeftButton, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    steps = 8
    for i in range(1, steps + 1):
        pos = start + (end - start) * i / steps
        send(QEvent.Type.MouseMove, pos, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


# --- columns ------------------------------------------------------------------------------------------------

def test_the_clerk_hides_shows_and_reorders_columns_and_the_roster_remembers(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.roster_tab
    header = tab.table.horizontalHeader()
    menu_titles = [a.text() for a in tab.columns_menu.actions() if not a.isSeparator()]
    assert menu_titles[:len(RosterModel.COLUMNS)] == [c.title for c in RosterModel.COLUMNS]
    tab.column_actions[RosterModel.DISPLAY_NAME].trigger()  # untick "Display name" in the Columns menu
    tab.column_actions[RosterModel.ITO_NUMBER].trigger()
    assert header.isSectionHidden(RosterModel.DISPLAY_NAME) and header.isSectionHidden(RosterModel.ITO_NUMBER)
    assert RosterModel.DISPLAY_NAME not in tab.visible_columns()

    # Drag the Status header to the left of the Legal name header.
    status = QPoint(header.sectionViewportPosition(RosterModel.STATUS) + 10, header.height() // 2)
    legal = QPoint(header.sectionViewportPosition(RosterModel.LEGAL_NAME) + 5, header.height() // 2)
    drag(header.viewport(), status, legal)
    assert tab.visible_columns()[:3] == [RosterModel.STATUS, RosterModel.LEGAL_NAME, RosterModel.PHOTO]

    tab.column_actions[RosterModel.LEGAL_NAME].trigger()  # the legal name cannot be hidden
    assert not header.isSectionHidden(RosterModel.LEGAL_NAME)
    assert tab.column_actions[RosterModel.LEGAL_NAME].isChecked()
    tab.save_columns()

    again = RosterTab()  # the next session's roster
    qtbot.addWidget(again)
    assert again.visible_columns() == tab.visible_columns()
    assert not again.column_actions[RosterModel.DISPLAY_NAME].isChecked()

    again.reset_columns_action.trigger()
    assert again.visible_columns() == [RosterModel.LEGAL_NAME, RosterModel.PHOTO,
                                       *(c for c in range(1, RosterModel.PHOTO) if c != RosterModel.SERVICE)]


def test_the_header_menu_offers_the_columns(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.roster_tab
    header = tab.table.horizontalHeader()
    assert header.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    assert tab.columns_button.menu() is tab.columns_menu


# --- filters ------------------------------------------------------------------------------------------------

def test_filters_combine_and_the_count_says_how_many_of_all(qtbot: QtBot, window: MainWindow,
                                                              demo_students: int) -> None:
    tab = window.roster_tab
    bar = tab.filter_bar
    # A country whose students are not all at the same stage.
    code, name = window.db.execute(
        "SELECT c.code, c.name FROM students s JOIN countries c ON c.code = s.country_code "
        "GROUP BY c.code ORDER BY count(DISTINCT s.status) DESC, count(*) DESC LIMIT 1").fetchone()
    choose(qtbot, window, bar.country, f"{name} ({code})")
    rows = shown_rows(tab.model)
    assert rows and {r.country_code for r in rows} == {code}
    assert tab.count_label.text() == f"{len(rows)} of {demo_students} students"
    assert bar.clear_button.isEnabled()

    choose(qtbot, window, bar.status, "Graduated")
    both = shown_rows(tab.model)
    assert both and {(r.country_code, r.status) for r in both} == {(code, "Graduated")}
    assert len(both) < len(rows)
    assert [r.id for r in both] == list(student_ids(window.db, filters=RosterFilter(country_code=code,
                                                                                      status="Graduated")))

    # The search narrows the filtered rows further.
    word = both[0].legal_family_name[:3].lower()
    type_text(tab.search_box, word)
    qtbot.waitUntil(lambda: tab.model.search_text == word and not tab.model.loading, timeout=3000)
    searched = shown_rows(tab.model)
    assert searched and set(r.id for r in searched) <= set(r.id for r in both)

    bar.clear_button.click()
    wait_until_read(qtbot, window)
    assert {r.country_code for r in shown_rows(tab.model)} != {code}
    assert not bar.clear_button.isEnabled()


def test_filtering_by_region_funding_and_arrival_year(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.roster_tab
    bar = tab.filter_bar
    choose(qtbot, window, bar.region, "Africa")
    from imet_desktop.domain.countries import country_by_code

    assert {country_by_code(r.country_code).region for r in shown_rows(tab.model)} == {"AF"}
    choose(qtbot, window, bar.funding, "IMET")
    assert {r.funding_program for r in shown_rows(tab.model)} == {"IMET"}
    year = bar.arrival_year.itemText(3)
    choose(qtbot, window, bar.arrival_year, year)
    rows = shown_rows(tab.model)
    assert all(r.arrival_date.startswith(year) for r in rows)
    assert tab.count_label.text().startswith(f"{len(rows)} of ")


def test_filtering_by_course_then_class(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.roster_tab
    bar = tab.filter_bar
    course_code = bar.course.itemText(1)
    choose(qtbot, window, bar.course, course_code)
    course_id = bar.course.currentData()
    in_course = {r.id for r in shown_rows(tab.model)}
    expected = {int(r[0]) for r in window.db.execute(
        "SELECT e.student_id FROM enrollments e JOIN classes c ON c.id = e.class_id JOIN students s "
        "ON s.id = e.student_id WHERE c.course_id = ? AND s.archived_at IS NULL", [course_id])}
    assert in_course == expected and in_course
    # The class list now offers only this course's classes.
    offered = [bar.training_class.itemData(i) for i in range(1, bar.training_class.count())]
    course_of = dict(window.db.execute("SELECT id, course_id FROM classes").fetchall())
    assert offered and {course_of[c] for c in offered} == {course_id}
    choose(qtbot, window, bar.training_class, bar.training_class.itemText(1))
    class_id = bar.training_class.currentData()
    in_class = {r.id for r in shown_rows(tab.model)}
    assert in_class == {int(r[0]) for r in window.db.execute(
        "SELECT e.student_id FROM enrollments e JOIN students s ON s.id = e.student_id "
        "WHERE e.class_id = ? AND s.archived_at IS NULL", [class_id])}
    assert in_class <= in_course


# --- archive ------------------------------------------------------------------------------------------------

@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every Yes/No question asked, answered Yes; and every error shown."""
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(common_dialogs, "ask_yes_no", lambda parent, title, text: asked.append((title, text)) or True)
    monkeypatch.setattr(common_dialogs, "show_error", lambda parent, title, text: asked.append((title, text)))
    return asked


def select_row(qtbot: QtBot, tab: RosterTab, row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
               ) -> None:
    rect = tab.table.visualRect(tab.model.index(row, RosterModel.LEGAL_NAME))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_archiving_hides_students_and_the_archive_restores_them(qtbot: QtBot, window: MainWindow,
                                                                answers: list[tuple[str, str]],
                                                                demo_students: int) -> None:
    tab = window.roster_tab
    select_row(qtbot, tab, 1)
    select_row(qtbot, tab, 4, Qt.KeyboardModifier.ControlModifier)
    chosen = tab.selected_ids()
    assert len(chosen) == 2 and tab.archive_action.isEnabled() and not tab.restore_action.isVisible()
    tab.archive_action.trigger()
    wait_until_read(qtbot, window)
    assert answers[0][0] == "Archive students" and "Archive 2 students?" in answers[0][1]
    assert not set(chosen) & {r.id for r in shown_rows(tab.model)}
    assert tab.count_label.text() == f"{demo_students - 2} of {demo_students - 2} students"

    tab.archive_view_action.trigger()  # Show the archive
    wait_until_read(qtbot, window)
    assert tab.archive_banner.isVisible()
    assert {r.id for r in shown_rows(tab.model)} == set(chosen)
    assert tab.count_label.text() == "2 of 2 archived students"
    assert tab.restore_action.isVisible() and tab.delete_action.isVisible() and not tab.archive_action.isVisible()
    assert not tab.add_action.isEnabled()

    select_row(qtbot, tab, 0)
    tab.restore_action.trigger()
    wait_until_read(qtbot, window)
    assert tab.model.rowCount() == 1
    tab.archive_view_action.trigger()  # Back to the roster
    wait_until_read(qtbot, window)
    assert not tab.archive_banner.isVisible()
    assert tab.count_label.text() == f"{demo_students - 1} of {demo_students - 1} students"


def test_deleting_for_good_only_from_the_archive_after_confirmation(qtbot: QtBot, window: MainWindow,
                                                                   answers: list[tuple[str, str]],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    tab = window.roster_tab
    select_row(qtbot, tab, 0)
    victim = tab.selected_ids()[0]
    assert not tab.delete_action.isEnabled()  # not from the roster
    tab.archive_action.trigger()
    wait_until_read(qtbot, window)
    tab.archive_view_action.trigger()
    wait_until_read(qtbot, window)
    select_row(qtbot, tab, 0)

    monkeypatch.setattr(common_dialogs, "ask_yes_no",
                        lambda parent, title, text: answers.append((title, text)) and False)
    tab.delete_action.trigger()  # the clerk says No
    assert window.db.execute("SELECT 1 FROM students WHERE id = ?", [victim]).fetchone() is not None
    assert answers[-1][0] == "Delete for good" and "cannot be undone" in answers[-1][1]

    monkeypatch.setattr(common_dialogs, "ask_yes_no", lambda parent, title, text: True)
    tab.delete_action.trigger()
    wait_until_read(qtbot, window)
    assert window.db.execute("SELECT 1 FROM students WHERE id = ?", [victim]).fetchone() is None
    assert tab.model.rowCount() == 0
    assert tab.message.text() == "Deleted 1 student for good."


def test_an_honoree_cannot_be_deleted_and_the_clerk_is_told_why(qtbot: QtBot, window: MainWindow,
                                                               answers: list[tuple[str, str]]) -> None:
    honoree = int(window.db.execute("SELECT student_id FROM inductions LIMIT 1").fetchone()[0])
    from imet_desktop.store.students import archive_students

    archive_students(window.db, [honoree])
    tab = window.roster_tab
    tab.archive_view_action.trigger()
    wait_until_read(qtbot, window)
    tab.select_students([honoree])
    tab.delete_action.trigger()
    assert answers[-1][0] == "Nothing was deleted"
    assert "is on the Honor Roll" in answers[-1][1]
    assert window.db.execute("SELECT 1 FROM students WHERE id = ?", [honoree]).fetchone() is not None
