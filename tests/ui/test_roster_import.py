"""The import wizard, page by page as a clerk goes through it, and the import history's undo."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from imet_desktop.exchange import student_import
from imet_desktop.exchange.mapping import IGNORE
from imet_desktop.store.roster import count_students, student_ids
from imet_desktop.store.students import get_student, update_student
from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.dialogs import ImportHistoryDialog
from imet_desktop.ui.roster.import_wizard import ImportWizard

from .conftest import wait_until_read
from .test_roster import type_text

HEADER = "Surname,Given names,DOB,Nationality,Passport No,WCN,English score\n"


def wizard_driven_by(monkeypatch: pytest.MonkeyPatch, steps: Callable[[ImportWizard], None]) -> list[ImportWizard]:
    """Replace the wizard's one modal entry point: show it and let the clerk go through it."""
    opened: list[ImportWizard] = []

    def run(self: ImportWizard) -> bool:
        opened.append(self)
        self.show()
        steps(self)
        return self.result() == QWizard.DialogCode.Accepted

    monkeypatch.setattr(ImportWizard, "run", run)
    return opened


def press(qtbot: QtBot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be pressed"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_page(qtbot: QtBot, wizard: ImportWizard, expected: int) -> None:
    """Press Next (or the commit button) and wait for the page, which may be read or checked on a worker first."""
    commit = wizard.currentPage().isCommitPage()
    press(qtbot, wizard, QWizard.WizardButton.CommitButton if commit else QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == expected and not wizard.busy, timeout=10_000)


def choose_file(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    type_text(wizard.file_page.path_edit, str(path))
    next_page(qtbot, wizard, ImportWizard.MAPPING)


def finish(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: wizard.import_result is not None or wizard.failure is not None, timeout=10_000)
    press(qtbot, wizard, QWizard.WizardButton.FinishButton)


def write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_columns_are_mapped_automatically_overridden_by_the_clerk_and_remembered(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    first = tmp_path / "sco.csv"
    first.write_text("Surname,Given names,DOB,Nationality,Passport No,WCN,LRC result,Blank\n"
                     "ADEYEMI,Tunde,1985-03-14,Nigeria,A01234567,NG9000001,85,\n", encoding="utf-8")

    def clerk(wizard: ImportWizard) -> None:
        choose_file(qtbot, wizard, first)
        page = wizard.mapping_page
        mapping = page.mapping()
        assert mapping.field_for("Surname") == "legal_family_name"
        assert mapping.field_for("Nationality") == "country_code"
        assert mapping.field_for("LRC result") is None  # not a spelling the program knows
        assert page.table.item(0, 1).text() == "ADEYEMI"  # examples from the file
        # The column holds values: it is marked, and Next waits until the clerk decides.
        assert page.undecided() == ["LRC result"]  # "Blank" is empty: it may stay undecided
        assert "“LRC result”" in page.message.text() and "Do not import" in page.message.text()
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        page.set_field("LRC result", "ecl_score")  # the clerk picks "ECL score" in its list
        assert page.undecided() == []
        page.set_field("Surname", IGNORE)
        assert "no column is mapped to Legal family name" in page.message.text()
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        page.set_field("Surname", "legal_family_name")
        next_page(qtbot, wizard, ImportWizard.PREVIEW)
        assert wizard.preview_page.summary.text() == "The only row of sco.csv can be imported."
        next_page(qtbot, wizard, ImportWizard.PROGRESS)
        finish(qtbot, wizard)

    wizard_driven_by(monkeypatch, clerk)
    window.roster_tab.import_action.trigger()
    wait_until_read(qtbot, window)
    sid = student_ids(window.db, search="A01234567")[0]
    assert get_student(window.db, sid).ecl_score == 85

    second = tmp_path / "sco-2.csv"
    second.write_text("Surname,Given names,DOB,Nationality,Passport No,WCN,LRC result\n"
                      "OKORO,Chidi,1986-04-15,Nigeria,A07654321,NG9000002,91\n", encoding="utf-8")

    def next_time(wizard: ImportWizard) -> None:
        choose_file(qtbot, wizard, second)
        assert wizard.mapping_page.mapping().field_for("LRC result") == "ecl_score"  # remembered
        wizard.reject()

    wizard_driven_by(monkeypatch, next_time)
    window.roster_tab.import_action.trigger()


def test_ambiguous_dates_are_read_in_the_order_the_clerk_chooses(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write(tmp_path / "dates.csv", ["BERISHA,Arben,03/04/1990,Kosovo,K1111111,XK0000001,80",
                                          "HOXHA,Drita,25/12/1991,Kosovo,K2222222,XK0000002,82"])

    def clerk(wizard: ImportWizard) -> None:
        choose_file(qtbot, wizard, path)
        next_page(qtbot, wizard, ImportWizard.PREVIEW)
        page = wizard.preview_page
        assert page.date_box.isVisible()
        problems = [(p.row, p.column, p.value) for p in page.problems.rows()]
        assert problems == [(2, "DOB", "03/04/1990")]
        assert "03 APR 1990 or 04 MAR 1990" in page.problems.rows()[0].message
        assert wizard.button(QWizard.WizardButton.CommitButton).text() == "Import 1 student"
        page.date_box.setCurrentIndex(page.date_box.findData(True))  # "day first"
        qtbot.waitUntil(lambda: not wizard.busy and wizard.plan is not None and wizard.plan.day_first is True)
        assert page.problems.rowCount() == 0
        assert wizard.button(QWizard.WizardButton.CommitButton).text() == "Import 2 students"
        next_page(qtbot, wizard, ImportWizard.PROGRESS)
        finish(qtbot, wizard)

    wizard_driven_by(monkeypatch, clerk)
    window.roster_tab.import_action.trigger()
    sid = student_ids(window.db, search="K1111111")[0]
    assert get_student(window.db, sid).date_of_birth.isoformat() == "1990-04-03"  # type: ignore[union-attr]


@pytest.mark.parametrize(("content", "words"), [
    (b"%PDF-1.7\n%binary\x00\x01", "a PDF document"),
    (b"", "empty"),
    ((",".join(f"c{i}" for i in range(5000)) + "\n").encode(), "has 5,000 columns; the limit is 500"),
    (b"Surname,Notes\nA," + b"x" * 1_100_000 + b"\n", "row 2, column B ('Notes'): a cell is longer than"),
])
def test_a_file_that_cannot_be_read_says_why_and_nothing_is_imported(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        content: bytes, words: str, demo_students: int) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(content)

    def clerk(wizard: ImportWizard) -> None:
        type_text(wizard.file_page.path_edit, str(path))
        press(qtbot, wizard, QWizard.WizardButton.NextButton)
        qtbot.waitUntil(lambda: not wizard.busy and bool(wizard.file_page.message.text())
                        and not wizard.file_page.message.text().startswith("Reading"))
        assert wizard.currentId() == ImportWizard.FILE
        assert wizard.file_page.message.text().startswith("Nothing can be imported from this file. roster.csv")
        assert words in wizard.file_page.message.text()
        wizard.reject()

    wizard_driven_by(monkeypatch, clerk)
    window.roster_tab.import_action.trigger()
    assert count_students(window.db) == demo_students


def test_the_clerk_chooses_the_file_with_the_browse_button(qtbot: QtBot, window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write(tmp_path / "browse.csv", ["MENSAH,Kofi,1984-05-16,Ghana,G1234567,GH0000001,88"])
    monkeypatch.setattr(common_dialogs, "choose_open_file", lambda *a, **k: path)

    def clerk(wizard: ImportWizard) -> None:
        qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
        assert wizard.file_page.path_edit.text() == str(path)
        wizard.reject()

    wizard_driven_by(monkeypatch, clerk)
    window.roster_tab.import_action.trigger()


def test_cancelling_an_import_while_it_runs_imports_nothing(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        demo_students: int) -> None:
    path = write(tmp_path / "big.csv", [f"FAMILY{i:05d},Given,1980-01-{1 + i % 28:02d},Ghana,GP{i:07d},GH{i:07d},80"
                                        for i in range(3000)])
    cancel_clicked = threading.Event()
    real_insert = student_import.insert_student_rows

    def insert_once_cancelled(*args: object) -> None:
        cancel_clicked.wait(10)  # the worker reaches the writing when the clerk has pressed Cancel
        real_insert(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(student_import, "insert_student_rows", insert_once_cancelled)

    def clerk(wizard: ImportWizard) -> None:
        choose_file(qtbot, wizard, path)
        next_page(qtbot, wizard, ImportWizard.PREVIEW)
        press(qtbot, wizard, QWizard.WizardButton.CommitButton)
        qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.PROGRESS)
        assert wizard.busy  # the import runs on a worker; this thread stays free
        qtbot.mouseClick(wizard.progress_page.cancel_button, Qt.MouseButton.LeftButton)
        cancel_clicked.set()
        qtbot.waitUntil(lambda: wizard.import_result is not None, timeout=10_000)
        assert wizard.import_result.cancelled  # type: ignore[union-attr]
        assert wizard.progress_page.status.text() == "Import of big.csv cancelled: nothing was imported."
        press(qtbot, wizard, QWizard.WizardButton.FinishButton)

    wizard_driven_by(monkeypatch, clerk)
    window.roster_tab.import_action.trigger()
    assert count_students(window.db) == demo_students
    assert window.db.execute("SELECT count(*) FROM import_batches WHERE kind = 'students'").fetchone()[0] == 0
    assert window.roster_tab.message.text() == "Import of big.csv cancelled: nothing was imported."


def test_the_import_shows_its_progress(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path) -> None:
    path = write(tmp_path / "progress.csv", [f"FAM{i:05d},G,1980-02-{1 + i % 28:02d},Ghana,QP{i:07d},QH{i:07d},80"
                                             for i in range(2500)])
    seen: list[tuple[int, int]] = []

    def clerk(wizard: ImportWizard) -> None:
        wizard.import_progress.connect(lambda done, total: seen.append((done, total)))
        choose_file(qtbot, wizard, path)
        next_page(qtbot, wizard, ImportWizard.PREVIEW)
        next_page(qtbot, wizard, ImportWizard.PROGRESS)
        finish(qtbot, wizard)

    wizard_driven_by(monkeypatch, clerk)
    window.roster_tab.import_action.trigger()
    assert seen == [(1000, 2500), (2000, 2500), (2500, 2500)]


def test_an_import_is_undone_from_the_import_history(qtbot: QtBot, window: MainWindow,
                                                     monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                     demo_students: int) -> None:
    path = write(tmp_path / "undo-me.csv", ["ASANTE,Yaw,1983-06-17,Ghana,U1111111,UH0000001,70",
                                            "BOATENG,Ama,1984-07-18,Ghana,U2222222,UH0000002,75"])
    plan = student_import.plan_import_file(window.db, path)
    student_import.run_import(window.db, plan, path.name, skip_invalid=False)
    window.refresh_action.trigger()
    wait_until_read(qtbot, window)
    assert window.roster_tab.model.rowCount() == demo_students + 2
    asked: list[str] = []
    monkeypatch.setattr(common_dialogs, "ask_yes_no", lambda parent, title, text: asked.append(text) or True)

    def clerk(dialog: ImportHistoryDialog) -> None:
        assert dialog.table.item(0, 1).text() == "undo-me.csv"
        assert re.fullmatch(r"\d\d [A-Z]{3} \d{4} \d\d:\d\d", dialog.table.item(0, 0).text())  # 04 DEC 2026 05:33
        assert dialog.table.item(0, 4).text() == "2"
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
        assert dialog.message.text() == "Undone: 2 students of undo-me.csv removed."
        assert not dialog.undo_button.isEnabled()  # already undone
        dialog.accept()

    def run(self: ImportHistoryDialog) -> bool:
        self.show()
        clerk(self)
        return True

    monkeypatch.setattr(ImportHistoryDialog, "run", run)
    window.roster_tab.history_action.trigger()
    wait_until_read(qtbot, window)
    assert asked and asked[0].startswith("Remove the 2 students imported from undo-me.csv")
    assert window.roster_tab.model.rowCount() == demo_students


def test_an_import_whose_students_were_worked_on_is_not_undone_and_the_clerk_is_told_why(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write(tmp_path / "keep.csv", ["DARKO,Kwame,1982-08-19,Ghana,V1111111,VH0000001,70"])
    plan = student_import.plan_import_file(window.db, path)
    student_import.run_import(window.db, plan, path.name, skip_invalid=False)
    sid = student_ids(window.db, search="V1111111")[0]
    student = get_student(window.db, sid)
    student.country_rank = "Major"
    update_student(window.db, student)
    errors: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(common_dialogs, "ask_yes_no", lambda parent, title, text: asked.append(text) or True)
    monkeypatch.setattr(common_dialogs, "show_error", lambda parent, title, text: errors.append(text))
    dialog = ImportHistoryDialog(window, window.db)
    qtbot.addWidget(dialog)
    dialog.undo_selected()
    assert errors and "cannot be undone" in errors[0] and "was edited since the import" in errors[0]
    assert asked == []  # told it cannot, without first being asked whether to
    assert get_student(window.db, sid).legal_family_name == "DARKO"


def test_back_from_the_rows_page_says_what_the_columns_come_to_not_checking_every_row(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = write(tmp_path / "back.csv", ["ASANTE,Yaw,1983-06-17,Ghana,U1111111,UH0000001,70"])
    seen: list[str] = []

    def clerk(wizard: ImportWizard) -> None:
        choose_file(qtbot, wizard, path)
        next_page(qtbot, wizard, ImportWizard.PREVIEW)
        press(qtbot, wizard, QWizard.WizardButton.BackButton)
        qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.MAPPING)
        seen.append(wizard.mapping_page.message.text())
        wizard.reject()

    wizard_driven_by(monkeypatch, clerk)
    window.roster_tab.import_action.trigger()
    assert seen and "Checking" not in seen[0] and seen[0].endswith("will be imported.")
