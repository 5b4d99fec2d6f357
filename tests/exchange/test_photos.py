"""Listing the photo files of a folder or a ZIP archive, and reading them one at a time, safely."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from imet_desktop.exchange import photos
from imet_desktop.exchange.errors import ReadError


def test_a_folder_is_listed_with_its_sub_folders_and_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "ACSC").mkdir()
    (tmp_path / "ACSC" / "KR1.jpg").write_bytes(b"\xff\xd8\xff1")
    (tmp_path / "KR2.png").write_bytes(b"\x89PNG2")
    (tmp_path / ".DS_Store").write_bytes(b"x")
    files = photos.list_photo_files(tmp_path)
    assert [(f.name, f.size) for f in files] == [("ACSC/KR1.jpg", 4), ("KR2.png", 5)]
    assert files[0].read() == b"\xff\xd8\xff1"


def test_a_zip_archive_is_listed_and_read_entry_by_entry(tmp_path: Path) -> None:
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("class/KR1.jpg", b"\xff\xd8\xff" + b"1" * 50)
        z.writestr("__MACOSX/class/._KR1.jpg", b"junk")
        z.writestr("class/", b"")
    files = photos.list_photo_files(archive)
    assert [f.name for f in files] == ["class/KR1.jpg"]
    assert files[0].read().startswith(b"\xff\xd8\xff")


def test_a_zip_entry_that_would_unpack_to_far_more_than_it_holds_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("huge.jpg", b"\0" * (5 * 1024 * 1024))
    entry = photos.list_photo_files(archive)[0]
    with pytest.raises(ReadError, match="refused as unsafe"):
        entry.read()


def test_a_photo_file_larger_than_any_photo_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(photos, "MAX_PHOTO_FILE_BYTES", 10)
    (tmp_path / "big.jpg").write_bytes(b"\xff\xd8\xff" + b"x" * 20)
    with pytest.raises(ReadError, match="big.jpg: is 23 bytes; a photo may be at most 10"):
        photos.list_photo_files(tmp_path)[0].read()


@pytest.mark.parametrize(("name", "content", "words"), [
    ("missing", None, "does not exist"),
    ("notes.txt", b"hello", "is neither a folder nor a ZIP archive"),
    ("broken.zip", b"PK\x03\x04 not really", "is not a ZIP archive that can be read"),
])
def test_what_is_neither_a_folder_nor_a_zip_is_named(tmp_path: Path, name: str, content: bytes | None,
                                                    words: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReadError, match=words):
        photos.list_photo_files(path)
