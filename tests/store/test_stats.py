"""The record counts of the status bar."""

from __future__ import annotations

from sqlite_utils import Database

from imet_desktop.store import students as st
from imet_desktop.store.roster import count_students
from imet_desktop.store.stats import record_counts


def test_the_students_counted_are_those_not_archived_as_the_roster_counts_them(
        db: Database, roster: dict[str, int]) -> None:
    st.archive_students(db, [roster["SUKARNO"]])
    counts = record_counts(db)
    assert counts.students == len(roster) - 1 == count_students(db)
    assert counts.courses == int(db.execute("SELECT count(*) FROM courses").fetchone()[0])
    assert (counts.classes, counts.honorees, counts.ceremonies) == (0, 0, 0)
