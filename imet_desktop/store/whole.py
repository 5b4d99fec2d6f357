"""A database file SQLite's quick check found whole is remembered until anything writes to it, so opening it
again does not read its every page again (2 s on 600,000 students, before each command).

What is remembered is the file's identity and its size, modification and change times, and that its
write-ahead log held nothing: any write to the file changes those (the change time even when a program
puts the modification time back). A file written less than QUIET_SECONDS before the check is not
remembered, so a write in the same tick of the file system's clock cannot pass unseen, and neither is
one that changed while it was being checked. The record lives in the user's data folder, never beside
the database. Damage no program wrote (a failing disk) is found by the full check of the day's backup.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from imet_desktop import paths
from imet_desktop.files import FileWriteError, write_atomically
from imet_desktop.store.integrity import problems

QUIET_SECONDS = 2.0
RECORD_NAME = "whole-databases.json"

type State = list[int]


def _record() -> Path:
    return paths.user_data_dir() / RECORD_NAME


def file_state(path: Path) -> State | None:
    """What any write would change, or None when the file cannot be vouched for (just written, or with
    changes still in its write-ahead log)."""
    try:
        stat = path.stat()
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
    except OSError:
        return None
    if time.time() - max(stat.st_mtime, stat.st_ctime) < QUIET_SECONDS:
        return None
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def _remembered() -> dict[str, State]:
    try:
        data = json.loads(_record().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def found_whole(path: Path) -> bool:
    """Whether the file is exactly as it was when the quick check last found it whole."""
    state = file_state(path)
    return state is not None and _remembered().get(str(path.resolve())) == state


def quick_check(conn: sqlite3.Connection, path: Path) -> list[str]:
    """SQLite's quick check of the open database at path (integrity.problems), unless the file has not been
    written since it last passed; a file that passes is remembered."""
    before = file_state(path)
    key = str(path.resolve())
    remembered = _remembered()
    if before is not None and remembered.get(key) == before:
        return []
    found = problems(conn, full=False)
    if not found and before is not None and file_state(path) == before:
        remembered[key] = before
        try:
            record = _record()
            record.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(record, json.dumps(remembered, indent=1), private=True)
        except (OSError, FileWriteError):
            pass  # not remembered: the next open checks again
    return found
