"""Photo files for the bulk photo import: every file of a folder or a ZIP archive, read one at a time.

Only names and sizes are listed up front; the bytes of a file are read when it is imported, so a
folder of a thousand photos never sits in memory at once. Reading refuses what cannot be a photo
(too large, a ZIP that unpacks to far more than it holds) with a reason per file.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from imet_desktop.exchange.errors import ReadError

MAX_PHOTO_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 20_000
# A ZIP entry claiming to unpack to more than this many times its packed size is refused (a "zip bomb").
MAX_COMPRESSION_RATIO = 200


@dataclass(frozen=True)
class PhotoFile:
    """One file found in the folder or archive: its name (for matching and the report) and how to read it."""

    name: str
    size: int
    read: Callable[[], bytes]


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def list_photo_files(source: Path | str) -> list[PhotoFile]:
    """The files of a folder (and its sub-folders) or of a .zip archive, by name; ReadError when neither."""
    source = Path(source)
    if source.is_dir():
        return _folder(source)
    if not source.exists():
        raise ReadError(source, "does not exist")
    if source.suffix.casefold() != ".zip" and not zipfile.is_zipfile(source):
        raise ReadError(source, "is neither a folder nor a ZIP archive of photos")
    return _archive(source)


def _folder(folder: Path) -> list[PhotoFile]:
    files: list[PhotoFile] = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if _hidden(relative.parts) or not path.is_file():
            continue
        files.append(PhotoFile(relative.as_posix(), path.stat().st_size, _file_reader(path)))
        if len(files) > MAX_FILES:
            raise ReadError(folder, f"holds more than {MAX_FILES:,} files; import the photos in smaller folders")
    return files


def _file_reader(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        size = path.stat().st_size
        if size > MAX_PHOTO_FILE_BYTES:
            raise ReadError(path, f"is {size:,} bytes; a photo may be at most {MAX_PHOTO_FILE_BYTES:,}")
        try:
            return path.read_bytes()
        except OSError as e:
            raise ReadError(path, f"cannot be read: {e.strerror or e}") from None
    return read


def _archive(path: Path) -> list[PhotoFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as e:
        raise ReadError(path, f"is not a ZIP archive that can be read ({e})") from None
    if len(infos) > MAX_FILES:
        raise ReadError(path, f"holds more than {MAX_FILES:,} files; import the photos in smaller archives")
    files: list[PhotoFile] = []
    for info in infos:
        name = PurePosixPath(info.filename)
        if _hidden(name.parts):
            continue
        files.append(PhotoFile(str(name), info.file_size, _entry_reader(path, info)))
    return files


def _entry_reader(path: Path, info: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        if info.file_size > MAX_PHOTO_FILE_BYTES:
            raise ReadError(path, f"{info.filename} is {info.file_size:,} bytes; a photo may be at most "
                                  f"{MAX_PHOTO_FILE_BYTES:,}")
        if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
            raise ReadError(path, f"{info.filename} would unpack to {info.file_size:,} bytes from "
                                  f"{info.compress_size:,}; refused as unsafe")
        try:
            with zipfile.ZipFile(path) as archive, archive.open(info) as entry:
                data = entry.read(MAX_PHOTO_FILE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError) as e:  # RuntimeError: an encrypted entry
            raise ReadError(path, f"{info.filename} cannot be read ({e})") from None
        if len(data) > MAX_PHOTO_FILE_BYTES:
            raise ReadError(path, f"{info.filename} is larger than it claims; refused")
        return data
    return read
