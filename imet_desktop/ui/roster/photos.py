"""Photos in the window's layer: checking and scaling images with QImage (which may run on a worker
thread: it is not a widget); the bulk photo import itself is ops.photos, given this scaler.

The store keeps bytes only; what an image is and how large it may be is decided here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

from imet_desktop.ops.photos import PhotoImageError, PhotoImportReport

if TYPE_CHECKING:
    from imet_desktop.domain.progress import Progress
    from imet_desktop.store.students import PhotoChange

__all__ = ["PHOTO_FILTER", "PhotoImageError", "PhotoImportReport", "import_photos", "scale_photo"]

PHOTO_SIZE = QSize(600, 800)  # the stored photo fits in this (passport photos are 35x45 mm, portrait)
THUMBNAIL_SIZE = QSize(48, 64)
JPEG_QUALITY = 88
MAX_PIXELS = 60_000_000  # refuse to decode images larger than this (a "decompression bomb")
PHOTO_FILTER = "Photos (*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG)"


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


def import_photos(db_path: Path, source: Path, progress: Progress) -> PhotoImportReport:
    """Work for a worker thread: ops.photos.import_photos with the QImage scaler."""
    from imet_desktop.ops.photos import import_photos as import_with

    return import_with(db_path, source, scale_photo, progress)
