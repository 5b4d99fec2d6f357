"""Students' photos in the store: bytes in, bytes out, checked; matched to students by file name."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.store import photos
from imet_desktop.store.errors import RecordNotFoundError
from imet_desktop.store.students import add_student, archive_students

JPEG = b"\xff\xd8\xff\xe0" + b"j" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"p" * 100


def test_a_photo_is_stored_replaced_and_removed_with_audit_entries(db: Database) -> None:
    sid = add_student(db, Student("ASANTE", "Yaw"))
    assert photos.get_photo(db, sid) is None
    photos.set_photo(db, sid, JPEG, JPEG[:50], "image/jpeg")
    stored = photos.get_photo(db, sid)
    assert stored is not None and (stored.image, stored.thumbnail, stored.mime_type) == (JPEG, JPEG[:50], "image/jpeg")
    photos.set_photo(db, sid, PNG, PNG, "image/png")
    assert photos.get_photo(db, sid).mime_type == "image/png"  # type: ignore[union-attr]
    assert photos.thumbnails(db, [sid, 999]) == {sid: PNG}
    assert photos.remove_photo(db, sid) is True
    assert photos.remove_photo(db, sid) is False
    actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE table_name = 'student_photos' "
                                        "ORDER BY id")]
    assert actions == ["insert", "replace", "delete"]


@pytest.mark.parametrize(("image", "mime", "words"), [
    (b"GIF89a...", "image/gif", "must be a JPEG or PNG image, not image/gif"),
    (PNG, "image/jpeg", "is not the JPEG image it claims to be"),
    (b"\xff\xd8\xff" + b"x" * (photos.MAX_IMAGE_BYTES + 1), "image/jpeg", "at most 4,194,304 are stored"),
])
def test_what_is_not_a_photo_is_refused_with_the_reason(db: Database, image: bytes, mime: str, words: str) -> None:
    sid = add_student(db, Student("ASANTE", "Yaw"))
    with pytest.raises(photos.PhotoError, match=words):
        photos.set_photo(db, sid, image, JPEG, mime)
    assert photos.get_photo(db, sid) is None


def test_a_photo_for_a_missing_student_is_refused(db: Database) -> None:
    with pytest.raises(RecordNotFoundError):
        photos.set_photo(db, 4242, JPEG, JPEG, "image/jpeg")


def test_many_photos_are_stored_all_or_nothing(db: Database) -> None:
    a = add_student(db, Student("A"))
    b = add_student(db, Student("B"))

    def produced() -> object:
        yield a, JPEG, JPEG, "image/jpeg"
        yield b, b"not an image", JPEG, "image/jpeg"

    with pytest.raises(photos.PhotoError):
        photos.set_photos(db, produced())  # type: ignore[arg-type]
    assert photos.get_photo(db, a) is None
    assert photos.set_photos(db, [(a, JPEG, JPEG, "image/jpeg"), (b, PNG, PNG, "image/png")]) == 2


def test_file_names_are_matched_by_wcn_or_passport_number(db: Database) -> None:
    kim = add_student(db, Student("KIM", "Min-jun", wcn="KR1000001", passport_number="M12345678"))
    lee = add_student(db, Student("LEE", "Ji-woo", wcn="KR1000002", passport_number="M87654321"))
    old = add_student(db, Student("PARK", "Seo-yeon", wcn="KR1000003"))
    archive_students(db, [old])
    both = add_student(db, Student("CHOI", wcn="KR-2000-9"))
    matches = {m.file_name: m for m in photos.match_photo_files(db, [
        "KR1000001.jpg", "kr1000002_portrait.JPEG", "passport M12345678.png", "KR1000003.jpg",
        "KR-2000-9 photo.png", "KR1000001 and M87654321.jpg", "nobody.jpg", "notes.docx"])}
    assert (matches["KR1000001.jpg"].student_id, matches["KR1000001.jpg"].reason) == (kim, "WCN KR1000001")
    assert matches["kr1000002_portrait.JPEG"].student_id == lee  # the name's case does not matter
    assert matches["passport M12345678.png"].reason == "passport number M12345678"
    assert matches["KR1000003.jpg"].student_id == old  # archived students get their photos too
    assert matches["KR-2000-9 photo.png"].student_id == both  # hyphens kept
    assert matches["KR1000001 and M87654321.jpg"].student_id is None
    assert matches["KR1000001 and M87654321.jpg"].reason.startswith("matches several students:")
    assert matches["nobody.jpg"].reason == "no student has a WCN or passport number found in this file name"
    assert matches["notes.docx"].reason == "not a JPEG or PNG file"
    assert not matches["notes.docx"].matched
