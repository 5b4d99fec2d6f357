"""One writer per database: a lock file beside it names who holds it (user, host, process, since when).

The first window or command that opens a database for writing holds ``NAME.lock`` beside it for as
long as it has the database open. The file records the holder; the operating system's own lock on
it (``flock`` on POSIX, ``msvcrt.locking`` on Windows) says whether the holder is still alive, so a
lock left by a process that died (killed, crashed, power cut) is taken over without asking. A lock
file naming another workstation cannot be judged from here (that workstation's process may still
run): it is shown with its age and broken only when the caller says so, after the clerk confirmed.

Two opens in one process conflict too (flock locks belong to the open file, not the process):
a second window on the same database is told it is in use, like a second program.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from imet_desktop.domain.dates import format_date_time
from imet_desktop.store.errors import StoreError

LOCK_SUFFIX = ".lock"
_WINDOWS_LOCK_OFFSET = 1 << 20  # Windows locks a byte far past the text, so others can still read who holds it


def lock_path(db_path: Path) -> Path:
    """The lock file of a database: NAME.lock beside NAME."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def this_host() -> str:
    """This workstation's name, as lock files record it."""
    return socket.gethostname() or "this workstation"


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "an unknown user"


@dataclass(frozen=True)
class LockHolder:
    """Who holds a database: the workstation user, the host, the process and since when."""

    user: str
    host: str
    pid: int
    since: str  # ISO 8601, local time, to the second

    @property
    def on_this_host(self) -> bool:
        """True when the holder runs on this workstation."""
        return self.host == this_host()

    def age(self, now: dt.datetime | None = None) -> dt.timedelta | None:
        """How long the lock has been held (None when its time cannot be read)."""
        try:
            since = dt.datetime.fromisoformat(self.since)
        except ValueError:
            return None
        return (now or dt.datetime.now()) - since

    def sentence(self) -> str:
        """'in use by USER on HOST since 22 APR 2027 14:00'."""
        return f"in use by {self.user} on {self.host} since {format_date_time(self.since) or 'an unknown time'}"

    def to_json(self) -> str:
        """The lock file's text."""
        return json.dumps({"user": self.user, "host": self.host, "pid": self.pid, "since": self.since})


def age_text(age: dt.timedelta | None) -> str:
    """'3 days', '5 hours', '12 minutes': how old a lock is, for the clerk."""
    if age is None:
        return "an unknown time"
    seconds = max(int(age.total_seconds()), 0)
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "less than a minute"


class DatabaseInUseError(StoreError):
    """Another window, program or workstation holds the database for writing."""

    def __init__(self, db_path: Path, holder: LockHolder) -> None:
        self.db_path = db_path
        self.holder = holder
        self.other_host = not holder.on_this_host
        message = f"{db_path} is {holder.sentence()}"
        if self.other_host:
            message += (f" (the lock is {age_text(holder.age())} old; if that workstation is off or its program "
                        "crashed, the lock can be broken)")
        super().__init__(message)


def read_holder(path: Path) -> LockHolder | None:
    """Who the lock file at path names, or None when there is none (or it says nothing readable)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return _parse(text)


def _parse(text: str) -> LockHolder | None:
    try:
        data = json.loads(text.strip().rstrip("\x00") or "null")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    try:
        return LockHolder(user=str(data["user"]), host=str(data["host"]), pid=int(data["pid"]),
                          since=str(data["since"]))
    except (KeyError, TypeError, ValueError):
        return None


# --- the operating system's lock on the open file --------------------------------------------------------

def _try_os_lock(fd: int) -> bool:
    """Take the OS lock on the file without waiting; False when someone alive holds it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _os_unlock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _same_file(fd: int, path: Path) -> bool:
    """True while path still names the file open at fd (a releasing holder may have just removed it)."""
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (mine.st_dev, mine.st_ino)


def _read_fd(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 4096):
        chunks.append(chunk)
        if sum(len(c) for c in chunks) > 64_000:
            break
    return b"".join(chunks).decode("utf-8", errors="replace")


class WriterLock:
    """The lock on one database, held from ``acquire`` until ``release`` (or the process ends)."""

    def __init__(self, db_path: Path, fd: int, holder: LockHolder) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self.holder = holder
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        """True until released."""
        return self._fd is not None

    def release(self) -> None:
        """Remove the lock file and let go (idempotent)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if _same_file(fd, self.path):
                with contextlib.suppress(OSError):
                    self.path.unlink()
            with contextlib.suppress(OSError):
                _os_unlock(fd)
        finally:
            os.close(fd)

    def __del__(self) -> None:  # a forgotten lock must not outlive its object in a long-running window
        with contextlib.suppress(Exception):
            self.release()


def acquire(db_path: Path, *, break_foreign: LockHolder | None = None) -> WriterLock:
    """Hold the database at db_path for writing, or raise DatabaseInUseError naming who holds it.

    A lock whose process is gone (the OS lock is free) and that names this workstation is taken
    over. One naming another workstation is refused unless break_foreign is that very holder
    (what the clerk was shown and confirmed breaking).
    """
    path = lock_path(Path(db_path))
    for _attempt in range(20):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise StoreError(f"cannot lock {db_path} for writing: {path} cannot be created "
                             f"({e.strerror or e}); is the folder read-only?") from None
        try:
            if not _try_os_lock(fd):
                holder = _parse(_read_fd(fd)) or LockHolder("another program", "this workstation", 0, "")
                raise DatabaseInUseError(Path(db_path), holder)
            if not _same_file(fd, path):
                os.close(fd)  # the holder removed it between our open and our lock: try the new one
                continue
            recorded = _parse(_read_fd(fd))
            if recorded is not None and not recorded.on_this_host and recorded != break_foreign:
                _os_unlock(fd)
                raise DatabaseInUseError(Path(db_path), recorded)
            holder = LockHolder(user=_user(), host=this_host(), pid=os.getpid(),
                                since=dt.datetime.now().replace(microsecond=0).isoformat())
            data = holder.to_json().encode("utf-8")
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, data)
            with contextlib.suppress(OSError):
                os.fsync(fd)
            return WriterLock(Path(db_path), fd, holder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
    raise StoreError(f"cannot lock {db_path} for writing: its lock file keeps changing; try again")


def holder_of(db_path: Path) -> LockHolder | None:
    """Who holds the database now (None when nobody does): for read-only windows and `backups`."""
    path = lock_path(Path(db_path))
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return read_holder(path) if path.exists() else None
    try:
        if _try_os_lock(fd):
            recorded = _parse(_read_fd(fd))
            _os_unlock(fd)
            return recorded if recorded is not None and not recorded.on_this_host else None
        return _parse(_read_fd(fd)) or LockHolder("another program", "this workstation", 0, "")
    finally:
        os.close(fd)
