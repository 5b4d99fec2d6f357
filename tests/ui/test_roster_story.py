"""Issue 3's "done when", as one clerk's afternoon: import a spreadsheet export of 40 students with names in a
dozen scripts and a few bad rows, see exactly which rows are wrong and why, import the rest, find each student
by typing part of a name without accents, edit one, and export the list to Excel with every name intact."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWizard
from pytestqt.qtbot import QtBot

from imet_desktop.domain.names import search_fold
from imet_desktop.store.students import get_student
from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.dialogs import ExportDialog
from imet_desktop.ui.roster.editor import StudentEditor
from imet_desktop.ui.roster.import_wizard import ImportWizard
from imet_desktop.ui.roster.model import RosterModel
from tests.exchange.roster_data import Person, expected_problems, people, valid_people, write_xlsx

from .conftest import wait_until_read
from .test_roster import shown_rows, type_text
from .test_roster_editor import driving, type_into
from .test_roster_import import finish, next_page, wizard_driven_by

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def part_of_the_name(person: Person) -> str:
    """What a clerk types to find someone: part of the family name, accents left out (any script as written)."""
    words = [w for w in re.split(r"[\W_]+", search_fold(person.family)) if w]
    longest = max(words, key=len)
    return longest[:5] if longest.isascii() else person.family[:2]


def search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type into the search box and press Enter, then wait for the table."""
    box = window.roster_tab.search_box
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    type_text(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.roster_tab.model.search_text == text and not window.roster_tab.model.loading,
                    timeout=5000)


def test_a_clerk_imports_finds_edits_and_exports_forty_students_in_a_dozen_scripts(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        demo_students: int) -> None:
    rows = people()
    spreadsheet = write_xlsx(tmp_path / "SCO export.xlsx", rows)
    good = valid_people(rows)
    assert len(rows) == 40 and len(good) == 35
    tab = window.roster_tab

    # 1. Import through the wizard: the bad rows are named, the rest imported.
    seen: dict[str, object] = {}

    def clerk(wizard: ImportWizard) -> None:
        type_text(wizard.file_page.path_edit, str(spreadsheet))
        next_page(qtbot, wizard, ImportWizard.MAPPING)
        mapping = wizard.mapping_page.mapping()
        seen["mapping"] = {h: mapping.field_for(h) for h in ("Surname", "Given names", "Native name", "DOB",
                                                             "Country", "Passport No", "WCN", "ECL")}
        next_page(qtbot, wizard, ImportWizard.PREVIEW)
        problems = wizard.preview_page.problems.rows()
        seen["problems"] = {(p.row, p.column, p.value) for p in problems}
        seen["why"] = {p.row: p.message for p in problems}
        seen["summary"] = wizard.preview_page.summary.text()
        seen["button"] = wizard.button(QWizard.WizardButton.CommitButton).text()
        next_page(qtbot, wizard, ImportWizard.PROGRESS)
        finish(qtbot, wizard)

    wizard_driven_by(monkeypatch, clerk)
    tab.import_action.trigger()
    assert seen["mapping"] == {"Surname": "legal_family_name", "Given names": "legal_given_names",
                               "Native name": "native_name", "DOB": "date_of_birth", "Country": "country_code",
                               "Passport No": "passport_number", "WCN": "wcn", "ECL": "ecl_score"}
    assert seen["problems"] == expected_problems(rows)
    why = seen["why"]
    assert isinstance(why, dict)
    messages = sorted(why.values())
    assert any("not a real date" in m for m in messages)
    assert any("not a country the program knows" in m for m in messages)
    assert any("between 0 and 100" in m for m in messages)
    assert any(m.startswith("is required") for m in messages)
    assert any(m.startswith("same passport number as row") for m in messages)
    assert seen["summary"] == ("35 of 40 rows of SCO export.xlsx can be imported. 5 rows have problems and will not "
                               "be imported (5 problems, listed below by row).")
    assert seen["button"] == "Import 35 students"
    wait_until_read(qtbot, window)
    total = demo_students + 35
    assert tab.count_label.text() == f"{total:,} of {total:,} students"
    assert tab.message.text().startswith("Imported 35 of 40 students from SCO export.xlsx; 5 rows with problems "
                                         "skipped.")

    # 2. Each student is found by typing part of the name, without accents.
    for person in good:
        typed = part_of_the_name(person)
        search(qtbot, window, typed)
        found = {r.wcn: r for r in shown_rows(tab.model)}
        assert person.wcn in found, f"typing {typed!r} did not find {person.family}"
        assert found[person.wcn].legal_family_name == unicodedata.normalize("NFC", person.family)
        assert found[person.wcn].native_name == person.native

    # 3. Edit one: open Nguyễn Văn Đức from the search and give him a display name.
    nguyen = next(p for p in good if unicodedata.normalize("NFC", p.family) == "Nguyễn")
    search(qtbot, window, "nguyen van duc")
    row = next(i for i, r in enumerate(shown_rows(tab.model)) if r.wcn == nguyen.wcn)

    def edit(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        assert editor.fields["legal_family_name"].text() == "Nguyễn"
        type_into(qtbot, editor, "display_name", "Đức Nguyễn")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    driving(monkeypatch, StudentEditor, edit)
    rect = tab.table.visualRect(tab.model.index(row, RosterModel.LEGAL_NAME))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_until_read(qtbot, window)
    edited = shown_rows(tab.model)[tab.model.row_of(tab.selected_ids()[0])]
    assert (edited.wcn, edited.display_name) == (nguyen.wcn, "Đức Nguyễn")

    # 4. Export everyone to Excel: every name exactly as imported.
    search(qtbot, window, "")
    target = tmp_path / "roster.xlsx"

    def export(dialog: ExportDialog) -> None:
        dialog.show()
        assert dialog.format_radios["xlsx"].isChecked()
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)

    driving(monkeypatch, ExportDialog, export)  # type: ignore[arg-type]
    monkeypatch.setattr(common_dialogs, "choose_save_file", lambda *a, **k: target)
    tab.export_action.trigger()
    qtbot.waitUntil(lambda: not tab.busy, timeout=20_000)
    workbook = load_workbook(target, read_only=True)
    exported = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    header = exported[0]
    column = {name: header.index(name) for name in ("Record id", "Legal family name", "Legal given names",
                                                     "Name in native script", "WCN", "Display name")}
    by_wcn = {r[column["WCN"]]: r for r in exported[1:]}
    assert len(exported) - 1 == total
    for person in good:
        line = by_wcn[person.wcn]
        assert line[column["Legal family name"]] == unicodedata.normalize("NFC", person.family)
        assert (line[column["Legal given names"]] or "") == unicodedata.normalize("NFC", person.given)
        assert (line[column["Name in native script"]] or "") == unicodedata.normalize("NFC", person.native)
        assert get_student(window.db, line[column["Record id"]]).wcn == person.wcn
    assert by_wcn[nguyen.wcn][column["Display name"]] == "Đức Nguyễn"
    # typed decomposed (NFD), stored and exported composed (NFC): the same letters
    assert any(r[column["Legal family name"]] == "Nguy\u1ec5n" for r in exported[1:])
