"""The bulk photo import: every file of a folder or ZIP matched to a student, scaled, stored as one change.

Qt-free: the window passes in its image scaler (ui.roster.photos.scale_photo, on QImage), which
turns a file's bytes into the stored photo and thumbnail or raises PhotoImageError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from imet_desktop.domain.errors import UserError
from imet_desktop.domain.progress import Progress, no_progress

if TYPE_CHECKING:
    from imet_desktop.store.students import PhotoChange

Scale = Callable[[bytes], "PhotoChange"]


class PhotoImageError(UserError):
    """A file that is not a usable JPEG or PNG photo; str() says why."""


@dataclass
class PhotoImportReport:
    """What a bulk photo import did: how many photos were stored, and every file it could not use, and why."""

    source: str
    stored: int = 0
    replaced: int = 0
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)

    @property
    def summary(self) -> str:
        """One line for the clerk."""
        replaced = f" ({self.replaced:,} replacing earlier photos)" if self.replaced else ""
        skipped = f"; {len(self.unmatched):,} files not used" if self.unmatched else ""
        return f"Stored {self.stored:,} photos from {self.source}{replaced}{skipped}."


def import_photos(db_path: Path, source: Path, scale: Scale, progress: Progress = no_progress) -> PhotoImportReport:
    """Match every file of a folder or ZIP to a student by WCN or passport number in its name, scale the
    matched photos and store them all as one change (all or nothing: a cancel stores none).

    Opens its own connection (a connection belongs to the thread that opened it).
    """
    from imet_desktop.exchange.errors import ReadError
    from imet_desktop.exchange.photos import list_photo_files
    from imet_desktop.store.db import connect
    from imet_desktop.store.photos import match_photo_files, set_photos, students_with_photos

    report = PhotoImportReport(source.name)
    progress(0, None, f"Reading the photos in {source.name}…")
    files = list_photo_files(source)
    db = connect(db_path)
    try:
        matches = match_photo_files(db, [f.name for f in files])
        by_name = {f.name: f for f in files}
        already = students_with_photos(db)
        claimed: dict[int, str] = {}
        wanted = []
        for match in matches:
            if match.student_id is None:
                report.unmatched.append((match.file_name, match.reason))
            elif match.student_id in claimed:
                report.unmatched.append((match.file_name, f"student #{match.student_id} already gets "
                                                          f"{claimed[match.student_id]}"))
            else:
                claimed[match.student_id] = match.file_name
                wanted.append(match)

        def scaled() -> Iterator[tuple[int, bytes, bytes, str]]:
            for n, match in enumerate(wanted, 1):
                assert match.student_id is not None
                try:
                    photo = scale(by_name[match.file_name].read())
                except (PhotoImageError, ReadError) as e:
                    report.unmatched.append((match.file_name, str(e).split(": ", 1)[-1] if isinstance(e, ReadError)
                                             else str(e)))
                    continue
                progress(n, len(wanted), f"Photo {n:,} of {len(wanted):,}…")
                if match.student_id in already:
                    report.replaced += 1
                yield match.student_id, photo.image, photo.thumbnail, photo.mime_type

        report.stored = set_photos(db, scaled())
    finally:
        db.close()
    return report
