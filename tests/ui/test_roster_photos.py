"""Bulk photo import from a folder or a ZIP archive, matched by WCN or passport number in the file name,
with a report of every file it could not use."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from imet_desktop.domain.records import Student
from imet_desktop.store import photos
from imet_desktop.store.students import add_student
from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.dialogs import PhotoReportDialog
from imet_desktop.ui.roster.model import RosterModel
from imet_desktop.ui.roster.photos import PhotoImportReport

from .conftest import wait_until_read
from .test_roster_editor import make_image


@pytest.fixture
def three_students(window: MainWindow) -> dict[str, int]:
    return {
        "by wcn": add_student(window.db, Student("MENSAH", "Kofi", wcn="GH4400001", passport_number="G0000001")),
        "by passport": add_student(window.db, Student("OWUSU", "Ama", wcn="GH4400002", passport_number="G7700002")),
        "no photo file": add_student(window.db, Student("BOATENG", "Yaw", wcn="GH4400003")),
    }


def photo_files(folder: Path) -> Path:
    folder.mkdir()
    make_image(folder / "GH4400001.jpg", 900, 1200, "JPEG")
    make_image(folder / "passport_G7700002_scan.PNG", 500, 700)
    make_image(folder / "UNKNOWN999.jpg", 300, 400, "JPEG")
    (folder / "readme.txt").write_text("photos for the ACSC class")
    (folder / "GH4400003.jpg").write_bytes(b"not really a JPEG")
    return folder


def run_report(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[PhotoImportReport]:
    """Catch the report the clerk is shown (and check its dialog lists every file not used)."""
    reports: list[PhotoImportReport] = []

    def ask(cls: type[PhotoReportDialog], parent: object, report: PhotoImportReport) -> None:
        reports.append(report)
        dialog = cls(None, report)
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == len(report.unmatched)

    monkeypatch.setattr(PhotoReportDialog, "ask", classmethod(ask))
    return reports


def test_photos_from_a_folder_are_matched_by_wcn_or_passport_and_the_rest_reported(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        three_students: dict[str, int]) -> None:
    folder = photo_files(tmp_path / "photos")
    monkeypatch.setattr(common_dialogs, "choose_folder", lambda parent, title: folder)
    reports = run_report(qtbot, window, monkeypatch)
    window.roster_tab.photos_folder_action.trigger()
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    report = reports[0]
    assert report.stored == 2
    assert dict(report.unmatched) == {
        "UNKNOWN999.jpg": "no student has a WCN or passport number found in this file name",
        "readme.txt": "not a JPEG or PNG file",
        "GH4400003.jpg": "is not a JPEG or PNG image",
    }
    assert report.summary == "Stored 2 photos from photos; 3 files not used."
    assert photos.get_photo(window.db, three_students["by wcn"]) is not None
    assert photos.get_photo(window.db, three_students["by passport"]) is not None
    assert photos.get_photo(window.db, three_students["no photo file"]) is None
    wait_until_read(qtbot, window)
    model = window.roster_tab.model
    row = model.row_of(three_students["by wcn"])
    assert model.data(model.index(row, RosterModel.PHOTO), Qt.ItemDataRole.DecorationRole) is not None
    assert window.roster_tab.message.text() == report.summary


def test_photos_from_a_zip_archive(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                   tmp_path: Path, three_students: dict[str, int]) -> None:
    folder = photo_files(tmp_path / "photos")
    archive = tmp_path / "class photos.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(folder.iterdir()):
            z.write(path, f"ACSC/{path.name}")
        z.writestr("__MACOSX/._GH4400001.jpg", b"resource fork")
    monkeypatch.setattr(common_dialogs, "choose_open_file", lambda *a, **k: archive)
    reports = run_report(qtbot, window, monkeypatch)
    window.roster_tab.photos_zip_action.trigger()
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    assert reports[0].stored == 2
    assert {name for name, _ in reports[0].unmatched} == {"ACSC/UNKNOWN999.jpg", "ACSC/readme.txt",
                                                           "ACSC/GH4400003.jpg"}


def test_a_second_file_for_the_same_student_is_reported_not_stored_over_the_first(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        three_students: dict[str, int]) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    make_image(folder / "GH4400001 front.jpg", 300, 400, "JPEG")
    make_image(folder / "G0000001.jpg", 300, 400, "JPEG")  # the same student's passport number
    monkeypatch.setattr(common_dialogs, "choose_folder", lambda parent, title: folder)
    reports = run_report(qtbot, window, monkeypatch)
    window.roster_tab.photos_folder_action.trigger()
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    assert reports[0].stored == 1
    assert reports[0].unmatched == [("GH4400001 front.jpg",
                                     f"student #{three_students['by wcn']} already gets G0000001.jpg")]
