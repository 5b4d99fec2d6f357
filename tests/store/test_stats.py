"""The record counts of the status bar, and the stamp that says whether a count read before still holds."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.store import students as st
from imet_desktop.store.db import connect
from imet_desktop.store.roster import count_students
from imet_desktop.store.stats import data_stamp, record_counts


def test_the_students_counted_are_those_not_archived_as_the_roster_counts_them(
        db: Database, roster: dict[str, int]) -> None:
    st.archive_students(db, [roster["SUKARNO"]])
    counts = record_counts(db)
    assert counts.students == len(roster) - 1 == count_students(db)
    assert counts.courses == int(db.execute("SELECT count(*) FROM courses").fetchone()[0])
    assert (counts.classes, counts.honorees, counts.ceremonies) == (0, 0, 0)


def test_the_data_stamp_moves_with_every_write_this_connection_or_another_makes_and_only_then(
        db: Database, db_path: Path, roster: dict[str, int]) -> None:
    stamp = data_stamp(db)
    assert count_students(db) == len(roster)
    assert data_stamp(db) == stamp  # reading changes nothing
    st.archive_students(db, [roster["SUKARNO"]])  # this connection's own write
    assert data_stamp(db) != stamp
    stamp = data_stamp(db)
    other = connect(db_path)  # another connection (an import's, or another program's) commits
    try:
        st.add_student(other, Student(legal_family_name="OTHERWRITER", legal_given_names="Ana"))
    finally:
        other.close()
    assert data_stamp(db) != stamp
    assert data_stamp(db) == data_stamp(db)
    db.conn.execute("BEGIN")  # a write of this connection, not yet committed: others do not see it yet ...
    db.conn.execute("UPDATE students SET notes = 'x' WHERE id = ?", [roster["SUKARNO"]])
    stamp = data_stamp(db)
    db.conn.commit()  # ... and once committed they do: the mark moves with the commit alone
    assert data_stamp(db) != stamp
