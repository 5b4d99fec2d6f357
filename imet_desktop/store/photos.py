"""Students' photos: stored as bytes (already scaled by the window, which owns the image code),
with a small thumbnail for the roster, and matched to students by WCN or passport number in a
file name for the bulk import."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from sqlite_utils import Database

from imet_desktop.store.db import audit, now_text, write
from imet_desktop.store.errors import RecordNotFoundError, StoreError

MIME_TYPES = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}
MAX_IMAGE_BYTES = 4 * 1024 * 1024
MAX_THUMBNAIL_BYTES = 256 * 1024
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png"})
_SPLIT = re.compile(r"[^0-9A-Za-z]+")


class PhotoError(StoreError):
    """A photo that cannot be stored (not a JPEG or PNG, too large)."""


@dataclass(frozen=True, slots=True)
class Photo:
    """A student's photo as stored."""

    student_id: int
    image: bytes
    thumbnail: bytes
    mime_type: str
    updated_at: str


def _check(data: bytes, mime_type: str, limit: int, what: str) -> None:
    magic = MIME_TYPES.get(mime_type)
    if magic is None:
        raise PhotoError(f"a photo must be a JPEG or PNG image, not {mime_type or 'an unknown type'}")
    if not data.startswith(magic):
        raise PhotoError(f"the {what} is not the {mime_type.removeprefix('image/').upper()} image it claims to be")
    if len(data) > limit:
        raise PhotoError(f"the {what} is {len(data):,} bytes; at most {limit:,} are stored (scale it down first)")


def set_photo(db: Database, student_id: int, image: bytes, thumbnail: bytes, mime_type: str) -> None:
    """Store (or replace) a student's photo and thumbnail, both already scaled, of the same type."""
    _check(image, mime_type, MAX_IMAGE_BYTES, "photo")
    _check(thumbnail, mime_type, MAX_THUMBNAIL_BYTES, "thumbnail")
    with write(db):
        if db.execute("SELECT 1 FROM students WHERE id = ?", [student_id]).fetchone() is None:
            raise RecordNotFoundError(f"there is no student with id {student_id}")
        replaced = db.execute("SELECT 1 FROM student_photos WHERE student_id = ?", [student_id]).fetchone()
        db.execute("INSERT INTO student_photos (student_id, image, thumbnail, mime_type, updated_at) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT(student_id) DO UPDATE SET image = excluded.image, "
                   "thumbnail = excluded.thumbnail, mime_type = excluded.mime_type, updated_at = excluded.updated_at",
                   [student_id, image, thumbnail, mime_type, now_text()])
        audit(db, "student_photos", student_id, "replace" if replaced else "insert",
              {"bytes": len(image), "mime_type": mime_type})


def get_photo(db: Database, student_id: int) -> Photo | None:
    """A student's photo, or None."""
    row = db.execute("SELECT student_id, image, thumbnail, mime_type, updated_at FROM student_photos "
                     "WHERE student_id = ?", [student_id]).fetchone()
    return None if row is None else Photo(int(row[0]), bytes(row[1]), bytes(row[2]), str(row[3]), str(row[4]))


def remove_photo(db: Database, student_id: int) -> bool:
    """Remove a student's photo; False when there was none."""
    with write(db):
        removed = db.execute("DELETE FROM student_photos WHERE student_id = ?", [student_id]).rowcount
        if removed:
            audit(db, "student_photos", student_id, "delete")
    return bool(removed)


def thumbnails(db: Database, ids: Sequence[int]) -> dict[int, bytes]:
    """The thumbnails of those of these students who have a photo."""
    found: dict[int, bytes] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for student_id, thumb in db.execute(
                f"SELECT student_id, thumbnail FROM student_photos WHERE student_id IN ({marks})", chunk):
            found[int(student_id)] = bytes(thumb)
    return found


@dataclass(frozen=True, slots=True)
class PhotoMatch:
    """Which student a photo file belongs to (student_id None: no single one), and why."""

    file_name: str
    student_id: int | None
    reason: str  # how it matched ("WCN KR1000001"), or why it did not

    @property
    def matched(self) -> bool:
        """True when exactly one student was found."""
        return self.student_id is not None


def file_name_tokens(file_name: str) -> list[str]:
    """The candidate WCNs and passport numbers in a file name: the whole stem and its parts
    split at anything not a letter or digit ('KR1000001_photo.jpg' -> 'KR1000001_photo', 'KR1000001', 'photo')."""
    stem = PurePath(file_name).stem.strip()
    tokens = [stem, *(t for t in _SPLIT.split(stem) if t)]
    for part in re.split(r"[\s_]+", stem):  # parts that keep their hyphens, such as 'ITO-IE-0042'
        if part and part not in tokens:
            tokens.append(part)
    return list(dict.fromkeys(t for token in tokens for t in (token, token.upper()) if len(t) >= 4))


def match_photo_files(db: Database, file_names: Iterable[str]) -> list[PhotoMatch]:
    """Match each file name to a student by a WCN or passport number it contains (one query for all files).

    A file matches when exactly one student (archived ones too) has one of its tokens as WCN or
    passport number; no match, or several students, is reported with the reason.
    """
    names = list(file_names)
    tokens = {name: file_name_tokens(name) for name in names}
    every = sorted({t for ts in tokens.values() for t in ts})
    by_wcn: dict[str, set[int]] = {}
    by_passport: dict[str, set[int]] = {}
    if every:
        for student_id, wcn, passport in db.execute(
                "SELECT id, wcn, passport_number FROM students "
                "WHERE (wcn <> '' AND wcn IN (SELECT value FROM json_each(?))) "
                "OR (passport_number <> '' AND passport_number IN (SELECT value FROM json_each(?)))",
                [json.dumps(every), json.dumps(every)]):
            by_wcn.setdefault(str(wcn), set()).add(int(student_id))
            by_passport.setdefault(str(passport), set()).add(int(student_id))
    result: list[PhotoMatch] = []
    for name in names:
        if PurePath(name).suffix.casefold() not in PHOTO_SUFFIXES:
            result.append(PhotoMatch(name, None, "not a JPEG or PNG file"))
            continue
        found: dict[int, str] = {}
        for token in tokens[name]:
            for student_id in by_wcn.get(token, ()):
                found.setdefault(student_id, f"WCN {token}")
            for student_id in by_passport.get(token, ()):
                found.setdefault(student_id, f"passport number {token}")
        if len(found) == 1:
            (student_id, how), = found.items()
            result.append(PhotoMatch(name, student_id, how))
        elif not found:
            result.append(PhotoMatch(name, None, "no student has a WCN or passport number found in this file name"))
        else:
            listed = ", ".join(f"#{i} ({how})" for i, how in sorted(found.items()))
            result.append(PhotoMatch(name, None, f"matches several students: {listed}"))
    return result


def set_photos(db: Database, photos: Iterable[tuple[int, bytes, bytes, str]]) -> int:
    """Store many photos (student id, image, thumbnail, MIME type) as one change; returns how many.

    The photos may be produced one by one (scaled as they are read): only one is held at a time.
    """
    count = 0
    with write(db):
        for student_id, image, thumbnail, mime_type in photos:
            set_photo(db, student_id, image, thumbnail, mime_type)
            count += 1
    return count


def students_with_photos(db: Database) -> set[int]:
    """The ids of the students who have a photo."""
    return {int(r[0]) for r in db.execute("SELECT student_id FROM student_photos")}
