"""Photos in the window's layer: checking and scaling images with QImage (which may run on a worker
thread: it is not a widget), and the bulk photo import's work.

The store keeps bytes only; what an image is and how large it may be is decided here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

if TYPE_CHECKING:
    from imet_desktop.store.students import PhotoChange

PHOTO_SIZE = QSize(600, 800)  # the stored photo fits in this (passport photos are 35x45 mm, portrait)
THUMBNAIL_SIZE = QSize(48, 64)
JPEG_QUALITY = 88
MAX_PIXELS = 60_000_000  # refuse to decode images larger than this (a "decompression bomb")
PHOTO_FILTER = "Photos (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"


class PhotoImageError(ValueError):
    """A file that is not a usable JPEG or PNG photo; str() says why."""


def _jpeg(image: QImage) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPEG", JPEG_QUALITY):
        raise PhotoImageError("the photo could not be converted to JPEG")
    buffer.close()
    return bytes(array.data())


def scale_photo(data: bytes) -> PhotoChange:
    """A JPEG or PNG file's bytes as the stored photo (fits 600x800) and thumbnail (48x64), both JPEG.

    Transparent areas of a PNG become white. Raises PhotoImageError for anything else.
    """
    from imet_desktop.store.students import PhotoChange

    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    fmt = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if fmt not in ("jpeg", "jpg", "png"):
        raise PhotoImageError("is not a JPEG or PNG image" + (f" (it is {fmt.upper()})" if fmt else ""))
    size = reader.size()
    if size.isValid() and size.width() * size.height() > MAX_PIXELS:
        raise PhotoImageError(f"is {size.width():,} x {size.height():,} pixels; too large to be a photo")
    reader.setAutoTransform(True)  # a phone photo's EXIF orientation
    image = reader.read()
    if image.isNull():
        raise PhotoImageError(f"cannot be read as an image ({reader.errorString()})")
    if image.hasAlphaChannel():
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor("white"))
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    if image.width() > PHOTO_SIZE.width() or image.height() > PHOTO_SIZE.height():
        image = image.scaled(PHOTO_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    thumbnail = image.scaled(THUMBNAIL_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return PhotoChange(_jpeg(image), _jpeg(thumbnail), "image/jpeg")


@dataclass
class PhotoImportReport:
    """What a bulk photo import did: how many photos were stored, and every file it could not use, and why."""

    source: str
    stored: int = 0
    replaced: int = 0
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    cancelled: bool = False

    @property
    def summary(self) -> str:
        """One line for the clerk."""
        if self.cancelled:
            return f"Photo import from {self.source} cancelled: no photo was stored."
        replaced = f" ({self.replaced:,} replacing earlier photos)" if self.replaced else ""
        skipped = f"; {len(self.unmatched):,} files not used" if self.unmatched else ""
        return f"Stored {self.stored:,} photos from {self.source}{replaced}{skipped}."


def import_photos(db_path: Path, source: Path, progress: Callable[[int, int], None] | None = None,
                  cancel: Callable[[], bool] | None = None) -> PhotoImportReport:
    """Work for a worker thread: match every file of a folder or ZIP to a student by WCN or passport
    number in its name, scale the matched photos and store them all as one change (all or nothing).

    Opens its own connection (a connection belongs to the thread that opened it).
    """
    from imet_desktop.exchange.errors import ReadError
    from imet_desktop.exchange.photos import list_photo_files
    from imet_desktop.store.db import connect
    from imet_desktop.store.photos import match_photo_files, set_photos

    report = PhotoImportReport(source.name)
    files = list_photo_files(source)
    db = connect(db_path)
    try:
        matches = match_photo_files(db, [f.name for f in files])
        by_name = {f.name: f for f in files}
        already = {int(r[0]) for r in db.execute("SELECT student_id FROM student_photos")}
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

        class Cancelled(Exception):
            pass

        def scaled() -> Iterator[tuple[int, bytes, bytes, str]]:
            for n, match in enumerate(wanted, 1):
                if cancel is not None and cancel():
                    raise Cancelled
                assert match.student_id is not None
                try:
                    photo = scale_photo(by_name[match.file_name].read())
                except (PhotoImageError, ReadError) as e:
                    report.unmatched.append((match.file_name, str(e).split(": ", 1)[-1] if isinstance(e, ReadError)
                                             else str(e)))
                    continue
                if progress is not None:
                    progress(n, len(wanted))
                if match.student_id in already:
                    report.replaced += 1
                yield match.student_id, photo.image, photo.thumbnail, photo.mime_type

        try:
            report.stored = set_photos(db, scaled())
        except Cancelled:
            return PhotoImportReport(source.name, cancelled=True)
    finally:
        db.close()
    return report
