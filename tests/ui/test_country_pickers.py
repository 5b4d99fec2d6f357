"""The country pickers list the office's countries: its names, and the countries it added by hand."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from imet_desktop.domain.records import Guest
from imet_desktop.store.countries import add_country, update_country
from imet_desktop.ui.ceremonies.dialogs import GuestDialog, GuestForm
from imet_desktop.ui.common.country_field import CountryCompleter, country_text
from imet_desktop.ui.common.fields import country_choices
from imet_desktop.ui.main_window import MainWindow


def test_a_renamed_and_a_hand_added_country_are_offered_by_the_office_names(window: MainWindow) -> None:
    db = window.db
    update_country(db, "TR", name="Turkey", official_name="Republic of Türkiye", region="EUR",
                   combatant_command="USEUCOM")
    add_country(db, code="XS", alpha3="XSA", name="Sealand", official_name="Principality of Sealand")
    labels = [label for label, _code in country_choices()]
    assert "Turkey (TR)" in labels and "Türkiye (TR)" not in labels
    assert "Sealand (XS)" in labels and "Taiwan (TW)" in labels
    completer = CountryCompleter(window)
    model = completer.model()
    shown = [model.index(n, 0).data() for n in range(model.rowCount())]
    assert "Turkey (TR)" in shown and "Sealand (XS)" in shown
    assert country_text("XS") == "Sealand (XS)"
    dialog = GuestDialog(window, GuestForm(Guest(1, "Prince Regent", country_code="XS"), None, None), [])
    assert dialog.country_box.currentText() == "Sealand (XS)"
    dialog.close()


def test_a_student_of_a_country_added_by_hand_is_saved_from_the_editor(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    from imet_desktop.store.students import get_student
    from imet_desktop.ui.roster.editor import StudentEditor

    from .test_roster_editor import click, driving, type_into, wait_until_read

    add_country(window.db, code="XS", alpha3="XSA", name="Sealand", official_name="Principality of Sealand")

    def clerk(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        type_into(qtbot, editor, "legal_family_name", "BATES")
        type_into(qtbot, editor, "legal_given_names", "Michael")
        type_into(qtbot, editor, "country_code", "sealand")
        assert editor.fields["country_code"].problem.isHidden()
        type_into(qtbot, editor, "country_code", "Atlantis")
        assert not editor.fields["country_code"].problem.isHidden()
        type_into(qtbot, editor, "country_code", "Sealand (XS)")
        click(qtbot, editor.save_button)

    driving(monkeypatch, StudentEditor, clerk)
    window.roster_tab.add_action.trigger()
    wait_until_read(qtbot, window)
    assert get_student(window.db, window.roster_tab.selected_ids()[0]).country_code == "XS"
