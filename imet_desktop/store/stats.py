"""Record counts for the status bar and the start page; cheap enough to refresh after every change.

It imports nothing of the store's other modules: the window counts right after the Overview's first paint, and
importing the roster's store for its count of students (~50 ms on the GUI thread at start) held that paint up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class RecordCounts:
    """How many records of each kind the database holds."""

    students: int  # not archived
    courses: int
    classes: int
    honorees: int
    ceremonies: int


def record_counts(db: Database) -> RecordCounts:
    """The counts of students (not archived), courses, classes, honorees and ceremonies."""
    # Students not archived, counted as store.roster.count_students does: all minus the archived (a partial index;
    # filtering archived_at IS NULL directly scans the whole table).
    row = db.execute(
        "SELECT (SELECT count(*) FROM students), (SELECT count(*) FROM students WHERE archived_at IS NOT NULL), "
        "(SELECT count(*) FROM courses), (SELECT count(*) FROM classes), "
        "(SELECT count(*) FROM inductions), (SELECT count(*) FROM ceremonies)").fetchone()
    return RecordCounts(students=int(row[0]) - int(row[1]), courses=int(row[2]), classes=int(row[3]),
                        honorees=int(row[4]), ceremonies=int(row[5]))
