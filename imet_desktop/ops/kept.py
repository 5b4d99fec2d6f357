"""The Overview's figures of an unchanged database file, kept for the next start (the window shows them at once):
today's, kept by the start that counted them, and today's and the next week's, kept by the window as it closes.

Apart from the functions that count them (importing ops.overview and store.db when called), this module imports
neither the store nor sqlite-utils, so the window (and the command line before Qt loads, cli.window) can find and
show the figures kept for a file before the file is opened (imet_desktop.app._show_kept).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from imet_desktop.domain.overview import Overview, overview_from_plain, overview_to_plain

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.store.reading import Reads

KEPT_FIGURES_VERSION = 3
"""Raised when what is kept changes shape: figures kept by another version are counted again (3: the figures of
one or more days, 2: JSON, was a pickle)."""
DAYS_KEPT_AT_CLOSE = 8
"""At close the window keeps the figures of today and of the seven days after it (close_keeping): the next start on
the unchanged file, the next morning or after a weekend or a week away, shows its day's figures at once."""
_KEPT_LIMIT = 4 << 20
"""A kept file larger than this (a few kB is usual) is not read: not one this program wrote."""

log = logging.getLogger(__name__)

type FileState = tuple[int, ...]


def file_state(path: Path) -> FileState | None:
    """What changes whenever the database file's contents may have: the file's and its write-ahead log's identity,
    size and time of change (None if the file cannot be read). Taken before counting, so a change made during the
    count makes the figures kept with it never match the file again. A log that is empty and one that is absent
    (the last connection closed) hold the same data."""
    try:
        db = os.stat(path)
    except OSError:
        return None
    try:
        wal = os.stat(f"{path}-wal")
        log: tuple[int, ...] = (wal.st_ino, wal.st_size, wal.st_mtime_ns) if wal.st_size else ()
    except OSError:
        log = ()
    return (db.st_dev, db.st_ino, db.st_size, db.st_mtime_ns, db.st_ctime_ns, *log)


def _kept_path(path: Path) -> Path:
    from hashlib import sha256

    from imet_desktop import paths

    name = sha256(str(Path(path).absolute()).encode()).hexdigest()[:24]
    return paths.user_data_dir() / "overview" / f"{name}.figures"


def _read_kept(path: Path) -> tuple[FileState, list[list[object]]] | None:
    """The file state and the days' figures (as keep_figures writes them, each a list beginning with its date and
    year) kept for this database file, whatever its state now; None if none are, or the kept file is not as
    keep_figures writes it (an older version, a damaged or foreign file)."""
    try:  # never blocks (a pipe put there) and reads only a regular file (not a link to a device)
        fd = os.open(_kept_path(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            kept = f.read(_KEPT_LIMIT + 1)
    except OSError:
        return None
    if len(kept) > _KEPT_LIMIT:
        return None
    try:
        data = json.loads(kept)
    except (ValueError, RecursionError):  # not JSON
        return None
    if type(data) is not dict or data.keys() != {"version", "state", "figures"} \
            or type(data["version"]) is not int or data["version"] != KEPT_FIGURES_VERSION \
            or type(data["state"]) is not list or any(type(n) is not int for n in data["state"]) \
            or type(data["figures"]) is not list or any(type(f) is not list for f in data["figures"]):
        return None
    return tuple(data["state"]), data["figures"]


def kept_figures(path: Path, on: dt.date, year: int) -> Overview | None:
    """The figures last kept for this date and year of this database file, if it has not changed since (its
    file_state is the same); else None. The window shows them at once and counts again behind them (see the
    Overview tab), so figures kept for a file changed in a way its state did not show are replaced within a second.

    The file is JSON read back field by field (domain.overview.overview_from_plain), never code: anything not as
    keep_figures writes it (an older version, a damaged or foreign file) is None, so the figures are counted again.
    """
    state = file_state(path)
    if state is None:
        return None
    kept = _read_kept(path)
    if kept is None or kept[0] != state:
        return None
    # each day's figures begin with their date and year (overview_to_plain); only the day's are read back
    day = [f for f in kept[1] if f[:2] == [on.isoformat(), year]]
    if len(day) != 1:
        return None
    try:
        figures = overview_from_plain(day[0])
    except (ValueError, RecursionError):  # not the figures (NotFigures is a ValueError)
        return None
    if (figures.on, figures.year) != (on, year):
        return None
    return figures


def todays_figures(path: Path) -> Overview | None:
    """The figures of today (arrivals and departures of this year) kept for this file, if it has not changed since
    (kept_figures): what the window shows at start before the file is opened."""
    today = dt.date.today()
    return kept_figures(path, today, today.year)


def count_ahead(path: Path) -> CountAhead | None:
    """Today's figures of the database file about to be opened, counted from now by a process of its own (CountAhead),
    unless figures were kept for it as it is now (shown instead) or it is not yet a database of this program's schema
    (the window makes it one, or upgrades it, as it opens it): None then. Raises for a file that cannot be one of
    this program's databases (store.reading.schema_version: not an SQLite file, a folder, from a newer version)."""
    path = path.resolve()  # named as the window keeps and finds them
    if not path.exists() or todays_figures(path) is not None:
        return None
    from imet_desktop.store.reading import SCHEMA_VERSION, schema_version  # here: a start with kept figures needs none

    return CountAhead(path) if schema_version(path) == SCHEMA_VERSION else None


def keep_figures(path: Path, state: FileState | None, *figures: Overview) -> None:
    """Keep these figures (of one day or several), counted from the file as it was in state, for the next start, in
    place of any kept before: owner-only, whole or not at all (files.write_atomically). Nothing if it fails (logged):
    the figures are then counted again.

    The later days kept before for the same state stay kept (_days_still_kept): a start that counts today's figures
    again behind the ones kept at close does not undo the next days'."""
    from imet_desktop.files import FileWriteError, write_atomically  # here: reading them (at start) needs neither

    if state is None:
        return
    target = _kept_path(path)
    plain = [overview_to_plain(f) for f in figures]
    kept = json.dumps({"version": KEPT_FIGURES_VERSION, "state": list(state),
                       "figures": plain + _days_still_kept(path, state, plain)}, separators=(",", ":"))
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(target, kept.encode("ascii"), private=True)
    except (OSError, FileWriteError) as error:
        log.warning("the Overview's figures were not kept for the next start: %s", error)


def _days_still_kept(path: Path, state: FileState, plain: list[list[object]]) -> list[list[object]]:
    """The figures kept for the file in this same state of the days after the ones counted now (plain), which the
    new ones do not replace: none if the figures kept for any of the days counted now differ from them (the file
    changed in a way its state did not show, so the other days' may be wrong as well), nor days before them."""
    kept = _read_kept(path)
    if kept is None or kept[0] != state or not plain:
        return []
    now = {_day(p): p for p in json.loads(json.dumps(plain))}  # as they read back: JSON's types
    if any(_day(day) in now and day != now[_day(day)] for day in kept[1]):
        return []
    first = min(str(p[0]) for p in plain)
    return [day for day in kept[1] if (key := _day(day)) is not None and key not in now and key[0] > first]


def _day(figures: list[object]) -> tuple[str, int] | None:
    """The date (ISO) and year a day's kept figures begin with; None if they do not."""
    on, year = (figures + [None, None])[:2]
    return (on, year) if type(on) is str and type(year) is int else None


def count_and_keep(db: Reads, on: dt.date, year: int, path: Path | None = None) -> Overview:
    """The figures as of a date without the alumni (the window counts those after the figures are shown). With the
    database's path, the figures are kept for the next start on the unchanged file."""
    from imet_desktop.ops.overview import overview_figures

    state = file_state(path) if path is not None else None  # before counting: a change meanwhile never matches
    figures = overview_figures(db, on, year, alumni=False)
    if path is not None:
        # Kept on a thread of its own: the write waits for the disk (fsync, ~10-20 ms) and the window should not
        # wait for it to paint these figures. Not a daemon: the program's exit waits for a write under way.
        threading.Thread(target=keep_figures, args=(path, state, figures), name="keep-overview-figures").start()
    return figures


def close_keeping(db: Database, path: Path, on: dt.date | None = None) -> None:
    """Close the window's database, keeping the Overview's figures of today and the next days (DAYS_KEPT_AT_CLOSE)
    for the next start on the file as this close leaves it.

    Without this, the start after a session that wrote counts them before its first paint (~50 ms more on 600,000
    students): the close folds the write-ahead log into the file, a change of its state (file_state), whatever the
    figures kept at start. Counted here, after the session's last write; the state read once the connection is
    closed and before the lock is let go (store.db.OpenDatabase.close), when no other window or workstation can have
    written. A file open read-only (no lock: another may be writing) is only closed. A count that fails is logged:
    the file is closed all the same, and the next start counts."""
    from imet_desktop.store.db import OpenDatabase

    if not isinstance(db, OpenDatabase) or db.read_only:
        db.close()
        return
    first = on if on is not None else dt.date.today()
    days = [first + dt.timedelta(days=n) for n in range(DAYS_KEPT_AT_CLOSE)]
    try:
        from imet_desktop.ops.overview import overview_figures

        figures = [overview_figures(db, day, day.year, alumni=False) for day in days]
    except Exception:
        log.exception("the Overview's figures were not kept at close (the next start counts them)")
        db.close()
        return
    states: list[FileState | None] = []
    db.close(before_release=lambda: states.append(file_state(path)))
    keep_figures(path, states[0], *figures)


AHEAD_WAIT_S = 0.25
"""How long the window, built, waits for figures counted ahead (CountAhead) before it shows itself without them and
counts them itself. On the 600,000-student file they are ready when it is built (counted on another core)."""


class CountAhead:
    """Today's figures of a database file, counted by a process of its own while the window loads, and kept for the
    next start as the window's counts are (keep_figures, by that process once the window has them).

    The command line starts it before Qt loads, for a file of this program's schema changed since figures were last
    kept for it (cli.window: another program wrote to it, the last session did not close, or it closed more than a
    week ago); the window shows them in its first paint as it shows kept figures, opens the file once they are
    painted, and counts them again behind them (imet_desktop.app). The process (this Python, _count_for_parent)
    reads the file with a read-only connection of sqlite3's own (store.reading) and writes the figures as one line
    of JSON (domain.overview.overview_to_plain) to this one, read by a thread that waits for it without holding the
    interpreter: counted in the same process, the count's modules and queries shared the interpreter's lock with
    Qt's import and made it later. A count that fails (or a process that cannot be started) is logged and gives
    none: the window then counts as without one."""

    def __init__(self, path: Path, on: dt.date | None = None) -> None:
        self.path = path
        self.on = on if on is not None else dt.date.today()
        self._figures: Overview | None = None
        self._answered = threading.Event()  # the figures read, or none to come: the process may still be keeping them
        self._thread = threading.Thread(target=self._count, name="overview-count-ahead")
        self._thread.start()

    def _count(self) -> None:
        import subprocess
        import sys

        child: subprocess.Popen[bytes] | None = None
        try:
            child = subprocess.Popen(  # -P and this program's folder first: the child runs this very code
                [sys.executable, "-P", "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                 "from imet_desktop.ops.kept import _count_for_parent; _count_for_parent()",
                 str(Path(__file__).resolve().parents[2]), str(self.path), self.on.isoformat()],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))  # Windows: no console flashes up
            assert child.stdout is not None
            with child.stdout:
                answer = child.stdout.read(_KEPT_LIMIT + 1)  # until the count closes it, its keeping under way
            self._figures = _figures_answered(answer)
        except Exception:
            log.exception("the Overview's figures were not counted ahead of the window (it counts them itself)")
        finally:
            self._answered.set()
        if child is not None:
            child.wait()  # the figures being kept: this thread is not a daemon, so the program's exit waits for them

    def figures(self, wait: float = AHEAD_WAIT_S) -> Overview | None:
        """The figures, once counted, waiting for them at most `wait` seconds (None: still counting, or failed)."""
        self._answered.wait(wait)
        return self._figures if self._answered.is_set() else None


def _figures_answered(answer: bytes) -> Overview | None:
    """The figures in the count's answer (_count_for_parent); None, and why logged, if it gave none."""
    try:
        data = json.loads(answer)
    except (ValueError, RecursionError):
        data = None
    if type(data) is dict and type(data.get("figures")) is list:
        return overview_from_plain(data["figures"])
    why = data["error"] if type(data) is dict and type(data.get("error")) is str else f"it answered {answer[:200]!r}"
    log.error("the Overview's figures were not counted ahead of the window (it counts them itself): %s", why)
    return None


def _count_for_parent() -> None:
    """The process CountAhead starts, the same Python running the same program (its arguments: the program's folder,
    put first on its path, the database file and the day): one line of JSON on its output, the day's figures
    ({"figures": ...}) or why there are none ({"error": ...}), then its output is closed (the window has them). The
    figures are kept for the next start as every count keeps them (count_and_keep: on a thread of their own, which
    the process's exit waits for). Started with -P: no module where the program was started (a json.py, a copy of
    the program) is imported in place of the right one."""
    import sys
    import traceback

    path, on = Path(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])
    try:
        from imet_desktop.store.reading import connect_read_only

        db = connect_read_only(path)  # sqlite3's own: the store's modules (sqlite-utils) are not loaded
        try:
            answer: dict[str, object] = {"figures": overview_to_plain(count_and_keep(db, on, on.year, path))}
        finally:
            db.close()
    except Exception:
        answer = {"error": traceback.format_exc()}
    sys.stdout.write(json.dumps(answer, separators=(",", ":")) + "\n")
    sys.stdout.close()
