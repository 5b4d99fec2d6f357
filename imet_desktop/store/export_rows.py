"""The rows of an export of the whole roster, read in one query in the roster's order.

An export of every current student (the command line's export-students without --search) needs no list of
ids: the students are read in one scan of the roster's name index, every value as text (as
store.students.student_texts gives them: the text columns as stored, the others made text by SQLite). That
spares the query for the roster's order and the 300 reads by id (the ids passed as JSON, joined in their order)
an export of a chosen list of students needs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.store.roster import SORT_COLUMNS

# The file read through a memory map while the rows are read (SQLite's mmap_size, this connection only, set back
# after): the students come in name order, so nearly every row is on another page; a mapped page costs no read()
# call and no copy into SQLite's page cache (1.3 s of CPU on 600,000 students). The one difference: a read error
# of the disk under a mapped page ends the process (SIGBUS) instead of raising SQLite's I/O error.
EXPORT_MMAP_BYTES = 1 << 30

_FIELDS = frozenset(f.name for f in dataclasses.fields(Student)) - {"id"}


def whole_roster_texts(db: Database, names: Sequence[str], *, chunk: int = 2_000) -> Iterator[list[tuple[str, ...]]]:
    """Every student not archived, in the roster's order by legal name (store.roster.student_ids's order with no
    search, no filter), each as text: the id, then the stored values of these fields ('' when empty, dates as
    stored ISO text, numbers as their digits); in lists of up to `chunk` students.

    One query, read as it is written: the connection holds one read transaction until the last chunk is taken.
    """
    unknown = [n for n in names if n not in _FIELDS]
    if unknown:
        raise ValueError(f"not student fields: {', '.join(unknown)}")
    as_stored = _text_columns(db)
    columns = ", ".join(["CAST(s.id AS TEXT)",
                         *(f"s.[{n}]" if n in as_stored else f"coalesce(CAST(s.[{n}] AS TEXT), '')" for n in names)])
    before = int(db.execute("PRAGMA mmap_size").fetchone()[0])
    db.execute(f"PRAGMA mmap_size = {EXPORT_MMAP_BYTES}").fetchall()
    try:
        cursor = db.execute(f"SELECT {columns} FROM students s WHERE s.archived_at IS NULL "
                            f"ORDER BY {SORT_COLUMNS['legal_name']}")
        try:
            while rows := cursor.fetchmany(chunk):
                yield rows
        finally:
            cursor.close()
    finally:
        db.execute(f"PRAGMA mmap_size = {before}").fetchall()


def _text_columns(db: Database) -> frozenset[str]:
    """The students' columns declared TEXT NOT NULL: read as they are stored, already text and never NULL. The
    CAST of such a value is not free (SQLite copies it: 0.4 s of CPU on 600,000 students), and it gives the same
    text (the program stores text in them; a TEXT column keeps a number given to it as text). Any other column
    (a number, one that may be empty) is made text by SQLite, as student_texts does."""
    return frozenset(str(r[1]) for r in db.execute("PRAGMA table_info(students)").fetchall()
                     if str(r[2]).upper() == "TEXT" and r[3])
