"""Record counts for the status bar and the start page; cheap enough to refresh after every change."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.store.roster import count_students


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
    row = db.execute(
        "SELECT (SELECT count(*) FROM courses), (SELECT count(*) FROM classes), "
        "(SELECT count(*) FROM inductions), (SELECT count(*) FROM ceremonies)").fetchone()
    return RecordCounts(students=count_students(db), courses=int(row[0]), classes=int(row[1]),
                        honorees=int(row[2]), ceremonies=int(row[3]))
