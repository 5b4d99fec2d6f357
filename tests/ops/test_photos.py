"""The bulk photo import without a window: files matched by WCN or passport, scaled by the scaler given, one change."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.domain.errors import Cancelled
from imet_desktop.domain.records import Student
from imet_desktop.ops.photos import PhotoImageError, import_photos
from imet_desktop.store.photos import get_photo, students_with_photos
from imet_desktop.store.students import PhotoChange, add_student

JPEG = b"\xff\xd8\xff\xe0" + b"0" * 64


def scale(data: bytes) -> PhotoChange:
    """A stand-in for the window's QImage scaler: JPEG bytes pass, anything else is refused."""
    if not data.startswith(b"\xff\xd8"):
        raise PhotoImageError("is not a JPEG or PNG image")
    return PhotoChange(data, data[:16], "image/jpeg")


@pytest.fixture
def folder(db: Database, tmp_path: Path) -> Path:
    add_student(db, Student("MENSAH", "Kwame", wcn="GH0001"))
    add_student(db, Student("OKAFOR", "Ngozi", passport_number="A1234567"))
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "GH0001.jpg").write_bytes(JPEG)
    (photos / "passport A1234567.jpg").write_bytes(JPEG)
    (photos / "nobody.jpg").write_bytes(JPEG)
    (photos / "GH0001 notes.txt").write_text("not a photo", encoding="utf-8")
    return photos


def test_matched_photos_are_stored_and_every_other_file_says_why(db: Database, db_path: Path, folder: Path) -> None:
    report = import_photos(db_path, folder, scale)
    assert report.stored == 2 and report.replaced == 0
    reasons = dict(report.unmatched)
    assert "no student has a WCN or passport number" in reasons["nobody.jpg"]
    assert len(reasons) == 2
    assert len(students_with_photos(db)) == 2
    assert get_photo(db, 1) is not None
    assert report.summary == f"Stored 2 photos from {folder.name}; 2 files not used."


def test_a_cancelled_import_stores_no_photo(db: Database, db_path: Path, folder: Path) -> None:
    def cancel_after_the_first(done: int, total: int | None = None, text: str = "") -> None:
        if done >= 1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        import_photos(db_path, folder, scale, cancel_after_the_first)
    assert students_with_photos(db) == set()
