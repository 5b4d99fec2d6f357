"""A keyboard path through the program: find, move into the list, open, add, print, close."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QToolButton
from pytestqt.qtbot import QtBot

from imet_desktop.ui.documents.viewer import PreviewWindow
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


def a_preview(qtbot: QtBot) -> PreviewWindow:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Roster")
    canvas.showPage()
    canvas.save()
    window = PreviewWindow(None, "Roster", out.getvalue(), 1, suggested_name="roster.pdf")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.mark.parametrize("keys", [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                  (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)], ids=["Esc", "Ctrl+W"])
def test_esc_and_ctrl_w_close_the_preview(qtbot: QtBot, keys: tuple[Qt.Key, Qt.KeyboardModifier]) -> None:
    window = a_preview(qtbot)
    qtbot.keyClick(window.view, *keys)
    assert not window.isVisible()


def test_the_preview_opens_within_the_screen(qtbot: QtBot) -> None:
    window = a_preview(qtbot)
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()


def test_the_previews_buttons_are_reached_with_tab(qtbot: QtBot) -> None:
    window = a_preview(qtbot)
    buttons = [b for b in window.toolbar.findChildren(QToolButton) if b.defaultAction() is window.print_action]
    assert buttons and buttons[0].focusPolicy() & Qt.FocusPolicy.TabFocus


def test_ctrl_w_closes_a_dialog(qtbot: QtBot) -> None:
    from imet_desktop.ui.ceremonies.dialogs import TableDialog

    dialog = TableDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def press_in(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.current_tab(), key, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_n_adds_a_record_of_the_tab_on_screen_and_file_new_says_which(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from imet_desktop.ui.ceremonies.dialogs import CeremonyDialog
    from imet_desktop.ui.courses.catalogue_dialogs import ClassDialog

    asked: list[str] = []
    monkeypatch.setattr(CeremonyDialog, "ask", classmethod(lambda cls, *a, **k: asked.append("ceremony")))
    monkeypatch.setattr(ClassDialog, "ask", classmethod(lambda cls, *a, **k: asked.append("class")))
    assert window.new_action.shortcuts() == []  # a new database is never one key away from a new record
    window.show_tab(window.ceremonies_tab)
    assert window.new_record_action.text() == "New ceremony…"
    press_in(qtbot, window, Qt.Key.Key_N)
    window.show_tab(window.courses_tab)
    assert window.new_record_action.text() == "New class…"
    press_in(qtbot, window, Qt.Key.Key_N)
    assert asked == ["ceremony", "class"]
    window.courses_tab.show_page(window.courses_tab.reporting)
    assert not window.new_record_action.isEnabled()  # nothing to add on the reporting clock


def test_ctrl_p_opens_the_ceremonys_print_menu_to_choose_a_document(qtbot: QtBot, window: MainWindow) -> None:
    window.show_tab(window.ceremonies_tab)
    window.ceremonies_tab.ceremonies_table.selectRow(0)
    menu = window.ceremonies_tab.print_button.menu()
    press_in(qtbot, window, Qt.Key.Key_P)
    qtbot.waitUntil(menu.isVisible)
    menu.hide()


def test_the_toolbar_buttons_are_reached_with_tab(window: MainWindow) -> None:
    from PySide6.QtWidgets import QToolBar

    buttons = [b for bar in window.roster_tab.findChildren(QToolBar) for b in bar.findChildren(QToolButton)
               if b.isVisible()]
    assert buttons and all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in buttons)


def test_ctrl_n_on_the_roster_opens_a_new_students_record_and_ctrl_p_previews_the_roster(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from imet_desktop.ui.documents import preview
    from imet_desktop.ui.roster.dialogs import ExportDialog

    opened = driving(monkeypatch, StudentEditor, lambda editor: editor.reject())
    assert window.new_record_action.text() == "New student…"
    press_in(qtbot, window, Qt.Key.Key_N)
    assert len(opened) == 1 and opened[0].windowTitle().startswith("New student")
    monkeypatch.setattr(ExportDialog, "run", lambda self: True)  # the clerk keeps the choices offered: OK
    assert window.print_view_action.text() == "Print the roster…"
    press_in(qtbot, window, Qt.Key.Key_P)
    jobs = preview.running_jobs()
    assert len(jobs) == 1
    qtbot.waitUntil(lambda: bool(jobs[0].outcome), timeout=30_000)
    assert jobs[0].outcome == "previewed" and jobs[0].preview is not None
    qtbot.addWidget(jobs[0].preview)
