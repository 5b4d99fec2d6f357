"""Export of the roster as shown (or the selection) to Excel and CSV, and the printable PDF roster."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.documents import preprint, preview
from imet_desktop.ui.documents.preview import DocumentJob
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.dialogs import ExportDialog
from imet_desktop.ui.roster.model import RosterModel

from .conftest import wait_until_read
from .test_roster import shown_rows
from .test_roster_view import choose, select_row


def exporting(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, target: Path,
              steps: Callable[[ExportDialog], None]) -> list[str]:
    """Drive the export dialog with steps, answer the file dialog with target; returns the dialogs' titles."""
    titles: list[str] = []

    def run(self: ExportDialog) -> bool:
        titles.append(self.windowTitle())
        self.show()
        steps(self)
        qtbot.mouseClick(self.buttons.button(self.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        return True

    def save_as(parent: object, title: str, suggested: object = "", file_filter: str = "",
                default_suffix: str = "") -> Path:
        titles.append(f"{title} [{file_filter}] {suggested}")
        return target

    monkeypatch.setattr(ExportDialog, "run", run)
    monkeypatch.setattr(common_dialogs, "choose_save_file", save_as)
    return titles


def wait_for_export(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.roster_tab.busy, timeout=20_000)


def printed(qtbot: QtBot, window: MainWindow) -> DocumentJob:
    """Print… on the roster: the roster is made on the PDF worker and opens in the preview (never a file dialog)."""
    before = set(preview.running_jobs())
    window.roster_tab.print_action.trigger()
    jobs = [job for job in preview.running_jobs() if job not in before]
    assert len(jobs) == 1
    job = jobs[0]
    qtbot.waitUntil(lambda: bool(job.outcome), timeout=30_000)
    if job.preview is not None:
        qtbot.addWidget(job.preview)
    return job


def pdf_of(job: DocumentJob) -> pdfplumber.PDF:
    assert job.outcome == "previewed" and job.preview is not None
    return pdfplumber.open(io.BytesIO(job.preview.data))


def test_the_filtered_view_is_exported_to_excel_in_the_order_shown(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    tab = window.roster_tab
    choose(qtbot, window, tab.filter_bar.status, "Graduated")
    shown = shown_rows(tab.model)
    target = tmp_path / "graduates.xlsx"

    def steps(dialog: ExportDialog) -> None:
        assert dialog.shown_radio.text().startswith(f"The {len(shown):,} students shown")
        assert dialog.shown_radio.isChecked() and not dialog.selected_radio.isEnabled()
        assert dialog.format_radios["xlsx"].isChecked()

    titles = exporting(monkeypatch, qtbot, target, steps)
    tab.export_action.trigger()
    wait_for_export(qtbot, window)
    assert titles[0] == "Export students" and "Excel workbook (*.xlsx)" in titles[1]
    workbook = load_workbook(target, read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    assert rows[0][:3] == ("Record id", "Legal family name", "Legal given names")
    assert [r[0] for r in rows[1:]] == [r.id for r in shown]
    assert [(r[1], r[2] or "") for r in rows[1:]] == [(r.legal_family_name, r.legal_given_names) for r in shown]
    assert "Date of birth" not in rows[0]
    assert tab.message.text() == f"Exported {len(shown):,} students to {target}."


def test_the_selection_is_exported_to_csv_with_personal_data_marked_cui(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    tab = window.roster_tab
    select_row(qtbot, tab, 2)
    select_row(qtbot, tab, 5, Qt.KeyboardModifier.ControlModifier)
    chosen = tab.selected_ids()
    target = tmp_path / "two.csv"

    def steps(dialog: ExportDialog) -> None:
        assert dialog.selected_radio.text() == "The 2 selected students"
        dialog.format_radios["csv"].click()
        dialog.personal_check.click()
        assert dialog.personal_note.isVisible()

    exporting(monkeypatch, qtbot, target, steps)
    tab.export_action.trigger()
    wait_for_export(qtbot, window)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: spreadsheet programs show accents
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["CUI//PRIVACY"]
    assert "Date of birth" in rows[1] and "Passport number" in rows[1]
    assert [int(r[0]) for r in rows[2:]] == chosen
    assert tab.message.text().endswith("It is marked CUI//PRIVACY.")


def test_the_printed_roster_is_landscape_with_its_header_on_every_page_and_page_numbers(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        demo_students: int) -> None:
    tab = window.roster_tab
    tab.column_actions[RosterModel.NATIVE_NAME].trigger()  # hidden: not printed
    titles = exporting(monkeypatch, qtbot, tmp_path / "never.pdf", lambda dialog: None)
    job = printed(qtbot, window)
    assert titles == ["Print the roster"]  # the preview, not a file dialog
    assert job.preview is not None and job.preview.suggested_name.endswith(".pdf")
    with pdf_of(job) as pdf:
        pages = pdf.pages
        assert len(pages) > 1
        for n, page in enumerate(pages, 1):
            assert page.width > page.height  # landscape
            text = page.extract_text()
            assert "Legal name" in text and "Country" in text and "Native-script name" not in text
            assert f"Page {n} of {len(pages)}" in text
            assert "CUI" not in text
        first = pages[0].extract_text()
    assert shown_rows(tab.model)[0].legal_name in first
    assert f"{demo_students:,} students" in first


def test_a_printed_roster_with_personal_data_is_marked_cui_on_every_page(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    tab = window.roster_tab
    choose(qtbot, window, tab.filter_bar.status, "Graduated")
    for column in (RosterModel.DISPLAY_NAME, RosterModel.NATIVE_NAME, RosterModel.SERVICE, RosterModel.ITO_NUMBER,
                   RosterModel.CURRENT_CLASS):
        tab.column_actions[column].trigger()  # the clerk prints a narrower roster
    exporting(monkeypatch, qtbot, tmp_path / "never.pdf", lambda dialog: dialog.personal_check.click())
    with pdf_of(printed(qtbot, window)) as pdf:
        for page in pdf.pages:
            words = [w for w in page.extract_words() if w["text"] == "CUI"]
            tops = sorted(w["top"] for w in words)
            assert tops and tops[0] < 40 and tops[-1] > page.height - 40  # top and bottom of the page
            assert "Date of birth" in page.extract_text()


def test_an_export_that_cannot_be_written_says_why(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    errors: list[str] = []
    monkeypatch.setattr(common_dialogs, "show_error", lambda parent, title, text: errors.append(f"{title}: {text}"))
    exporting(monkeypatch, qtbot, tmp_path / "no such folder" / "x.xlsx", lambda dialog: None)
    window.roster_tab.export_action.trigger()
    wait_for_export(qtbot, window)
    assert errors == [f"The students were not exported: the folder {tmp_path / 'no such folder'} does not exist; "
                      "choose another folder"]
    wait_until_read(qtbot, window)


def test_a_name_no_font_can_print_stops_the_roster_and_says_which(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from imet_desktop.domain.records import Student
    from imet_desktop.store.students import add_student

    add_student(window.db, Student("AMENHOTEP", "Ramses", native_name="\U00013000 Amun"))
    window.refresh_action.trigger()
    wait_until_read(qtbot, window)
    checks: list[str] = []
    monkeypatch.setattr(preprint, "show_preprint_check",
                        lambda parent, title, missing: checks.append(" ".join(f"{m.name} U+{ord(m.character):04X}"
                                                                              for m in missing)))
    exporting(monkeypatch, qtbot, tmp_path / "nope.pdf", lambda dialog: None)
    job = printed(qtbot, window)
    assert job.outcome == "refused" and job.preview is None
    assert len(checks) == 1 and "AMENHOTEP, Ramses" in checks[0] and "U+13000" in checks[0]
    assert not list(tmp_path.glob("*nope.pdf*"))
