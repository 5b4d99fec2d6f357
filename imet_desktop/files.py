"""Writing files so that a target is either its old self or the whole new file, never half written.

Every file the program writes goes through here. The temporary file lives in the target's own
folder (never the system temp folder, where another user could read it), is created with mode
0600 from its first byte (opened to the umask's 0644 only once complete, when it holds no personal
data), is renamed into place when complete, and is
removed when anything fails. A process killed half way leaves a hidden ``.NAME.PID-TOKEN.imet-partial``
file behind (owner-only, whatever it holds); ``remove_stale_partials`` removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from imet_desktop.domain.errors import UserError

PARTIAL_SUFFIX = ".imet-partial"
PRIVATE_MODE = 0o600
SHARED_MODE = 0o644
# errno values that mean the file system refused the write (EDQUOT does not exist everywhere).
_WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EACCES, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)})


class FileWriteError(UserError):
    """A file that could not be written; the target is untouched and no partial file is left."""


def check_target(target: Path) -> None:
    """Refuse a target that is a folder or whose folder does not exist, before any work is done."""
    if target.is_dir():
        raise FileWriteError(f"{target} is a folder; choose a file name")
    if not target.parent.is_dir():
        raise FileWriteError(f"cannot write {target.name}: the folder {target.parent} does not exist")


def partial_path(target: Path) -> Path:
    """The temporary name for target while it is being written (hidden, in the same folder)."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}{PARTIAL_SUFFIX}")


def _create_empty(path: Path, private: bool) -> None:
    # O_EXCL: never write through a file (or link) someone else put there; the mode applies from byte one.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE if private else SHARED_MODE)
    try:
        if private:
            os.fchmod(fd, PRIVATE_MODE)  # the umask may only remove bits; make sure of 0600 exactly
    finally:
        os.close(fd)


def _message(target: Path, error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return f"cannot write {target}: the disk is full; nothing was written"
    if isinstance(error, PermissionError):
        return (f"cannot write {target.name}: it is open in another program (close it there) or the folder "
                f"{target.parent} is not writable")
    return f"cannot write {target}: {error.strerror or error}"


def _umask() -> int:
    """The process's umask, read without changing it (Linux reports it; elsewhere the usual 022)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform or file system can sync a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class TargetExistsError(FileWriteError):
    """A file that must not replace another (replace=False) found its name taken; nothing was written."""


def _put_in_place(temporary: Path, target: Path, replace: bool) -> None:
    if replace:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # fails, atomically, when target exists
    except FileExistsError:
        raise TargetExistsError(f"{target} already exists; it was left as it is") from None
    except OSError:  # a file system without hard links (FAT on a memory stick): check, then rename
        if target.exists():
            raise TargetExistsError(f"{target} already exists; it was left as it is") from None
        os.rename(temporary, target)  # on Windows, rename never replaces
        return
    temporary.unlink()


@contextmanager
def atomic_path(target: Path | str, *, private: bool, replace: bool = True) -> Iterator[Path]:
    """A temporary path beside target, already created (0600 when private); renamed onto target at the end.

    For writers that need a path rather than a stream (SQLite's backup, ReportLab's canvas). When
    the block raises, the temporary file is removed, target is left as it was and the error goes on;
    a failure of the file system itself (disk full, no permission) becomes a FileWriteError naming target.
    With replace=False an existing target is never replaced: TargetExistsError, and the new file is removed.
    """
    target = Path(target)
    check_target(target)
    temporary = partial_path(target)
    try:
        # owner-only while it is being written, whatever it holds: a half-written file left by a killed
        # program is nobody else's to read; one that holds no personal data opens up when complete
        _create_empty(temporary, True)
    except OSError as error:
        raise FileWriteError(_message(target, error)) from error
    try:
        yield temporary
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError) and error.errno in _WRITE_FAILURES:
            raise FileWriteError(_message(target, error)) from error
        raise
    try:
        os.chmod(temporary, PRIVATE_MODE)  # a writer may have replaced the file: it stays owner-only
        with open(temporary, "rb+") as f:
            os.fsync(f.fileno())
        _put_in_place(temporary, target, replace)
        if not private:
            os.chmod(target, SHARED_MODE & ~_umask())  # no personal data: opens up only once whole, in place
    except TargetExistsError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise FileWriteError(_message(target, error)) from error
    _fsync_folder(target.parent)


@contextmanager
def open_atomically(target: Path | str, mode: str = "wb", *, private: bool, encoding: str | None = None,
                    newline: str | None = None) -> Iterator[IO[Any]]:
    """A file object over a temporary file beside target; target is replaced only if the block completes."""
    if "w" not in mode:
        raise ValueError(f"open_atomically writes; mode {mode!r} has no 'w'")
    with atomic_path(target, private=private) as temporary, open(temporary, mode, encoding=encoding,
                                                                 newline=newline) as f:
        yield f
        f.flush()
        os.fsync(f.fileno())


def write_atomically(target: Path | str, data: bytes | str, *, private: bool, encoding: str = "utf-8") -> None:
    """Write the whole of data to target, or leave target as it was."""
    if isinstance(data, str):
        with open_atomically(target, "w", private=private, encoding=encoding, newline="") as f:
            f.write(data)
    else:
        with open_atomically(target, "wb", private=private) as f:
            f.write(data)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


# SQLite writes sidecar files beside a partial database (a backup being written); they go with it.
_SIDECARS = ("", "-journal", "-wal", "-shm")


def remove_stale_partials(folder: Path | str) -> list[Path]:
    """Remove the partial files in folder that a killed process left behind; the paths removed.

    A partial file belongs to the process whose id is in its name; it is stale once that process
    is gone. SQLite's -journal, -wal and -shm files beside a partial database are removed with it.
    """
    removed: list[Path] = []
    folder = Path(folder)
    try:
        candidates = sorted(folder.glob(f".*{PARTIAL_SUFFIX}*"))
    except OSError:
        return removed
    for path in candidates:
        head, _, sidecar = path.name.rpartition(PARTIAL_SUFFIX)
        if sidecar not in _SIDECARS:
            continue
        pid_text = head.rsplit(".", 1)[-1].split("-", 1)[0]
        if not pid_text.isdigit():
            continue
        pid = int(pid_text)
        if pid == os.getpid() or _process_alive(pid):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed
