"""Settings ▸ Countries as a clerk uses it: find Taiwan, change its formal name, add a country by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from imet_desktop.store.countries import get_country, printed_country
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.settings.countries import AddCountryDialog, CountriesEditor, status_text


def _open_editor(qtbot: QtBot, window: MainWindow) -> CountriesEditor:
    settings_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Settings")
    assert window.countries_action in settings_menu.actions()
    window.countries_action.trigger()
    editor = window.countries_editor
    qtbot.waitExposed(editor)
    return editor


def _find(qtbot: QtBot, editor: CountriesEditor, text: str) -> None:
    qtbot.keyClicks(editor.search_box, text)
    qtbot.keyClick(editor.search_box, Qt.Key.Key_Return)


def test_the_clerk_changes_taiwans_formal_name_and_it_is_saved(qtbot: QtBot, window: MainWindow) -> None:
    editor = _open_editor(qtbot, window)
    assert editor.model.rowCount() >= 250
    _find(qtbot, editor, "taiwan")
    assert [c.code for c in editor.model.rows()] == ["TW"]
    editor.table.selectRow(0)
    assert editor.form.name_edit.text() == "Taiwan"
    assert editor.form.formal_edit.text() == "Taiwan"
    assert status_text(editor.selected()) == "US government name"  # type: ignore[arg-type]

    editor.form.formal_edit.clear()
    qtbot.keyClicks(editor.form.formal_edit, "Taiwan (Republic of China)")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert window.db is not None
    assert printed_country(window.db, "TW").formal_name == "Taiwan (Republic of China)"
    assert editor.model.rows()[0].official_name == "Taiwan (Republic of China)"
    assert status_text(editor.selected()) == "Changed by the office"  # type: ignore[arg-type]
    assert "Saved Taiwan (TW)" in editor.message.text()

    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    assert printed_country(window.db, "TW").formal_name == "Taiwan"


def test_a_name_the_program_could_not_use_is_refused_with_the_reason(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr("imet_desktop.ui.common.dialogs.show_error", lambda _p, _t, text: errors.append(text))
    editor = _open_editor(qtbot, window)
    _find(qtbot, editor, "VN")
    editor.select_country("VN")
    editor.form.name_edit.clear()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert errors == ["country VN: name on documents: required"]
    assert window.db is not None and get_country(window.db, "VN").name == "Vietnam"


def test_the_clerk_adds_a_country_by_hand_and_confirms_it(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = _open_editor(qtbot, window)

    def fill_in(parent: object) -> dict[str, str]:
        dialog = AddCountryDialog(None)
        qtbot.addWidget(dialog)
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert not ok.isEnabled()
        qtbot.keyClicks(dialog.code_edit, "XS")
        qtbot.keyClicks(dialog.alpha3_edit, "XSA")
        qtbot.keyClicks(dialog.form.name_edit, "Somaliland")
        qtbot.keyClicks(dialog.form.formal_edit, "Republic of Somaliland")
        dialog.form.region_box.setCurrentIndex(dialog.form.region_box.findData("AF"))
        dialog.form.command_box.setCurrentIndex(dialog.form.command_box.findData("USAFRICOM"))
        assert ok.isEnabled()
        return dialog.answer()

    monkeypatch.setattr(AddCountryDialog, "ask", classmethod(lambda cls, parent: fill_in(parent)))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)

    added = editor.selected()
    assert added is not None and added.code == "XS"
    assert status_text(added) == "Added by the office · unconfirmed"
    assert editor.confirm_button.isVisible()
    assert not editor.restore_button.isEnabled()
    assert window.db is not None and printed_country(window.db, "XS").confirmed is False

    qtbot.mouseClick(editor.confirm_button, Qt.MouseButton.LeftButton)
    assert printed_country(window.db, "XS").confirmed is True
    assert status_text(editor.selected()) == "Added by the office"  # type: ignore[arg-type]
    assert not editor.confirm_button.isVisible()


def test_the_editor_closes_when_another_database_is_opened(qtbot: QtBot, window: MainWindow,
                                                            tmp_path: Path) -> None:
    editor = _open_editor(qtbot, window)
    assert editor.isVisible()
    window.switch_database(tmp_path / "other.db", create=True)
    qtbot.waitUntil(lambda: not editor.isVisible())
