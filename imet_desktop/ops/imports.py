"""Importing students from a spreadsheet, for the command line and the import wizard alike.

Reading the file (exchange.reading), mapping its columns and checking every row against the rules
and the database (exchange.student_import), and writing the valid rows as one undoable batch (the
store) are three steps the caller shows in between; each is one call here. The ``*_at`` forms open
a connection of their own, for a worker thread (a connection belongs to the thread that opened it).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlite_utils import Database

from imet_desktop.domain.progress import Progress, no_progress
from imet_desktop.exchange.mapping import ColumnMapping, apply_overrides, auto_map
from imet_desktop.exchange.reading import Table, read_table
from imet_desktop.exchange.student_import import ImportPlan, ImportResult, plan_import, run_import


def read_file(path: Path, encoding: str | None = None) -> Table:
    """The file as a table of cells; ReadError (naming the file, row and column) when it cannot be read."""
    return read_table(path, encoding)


def plan(db: Database, table: Table, *, mapping: ColumnMapping | None = None, overrides: Iterable[str] = (),
         day_first: bool | None = None) -> tuple[ColumnMapping, ImportPlan]:
    """Map the columns (the mapping given, else the guesses, then 'Header=field' overrides) and check every row.

    Returns the mapping used and the plan: the rows that can be imported and every problem. Nothing
    is written. MappingError when the mapping cannot be used.
    """
    chosen = apply_overrides(mapping if mapping is not None else auto_map(table.headers), overrides)
    return chosen, plan_import(db, table, chosen, day_first)


def plan_at(db_path: Path, table: Table, mapping: ColumnMapping, day_first: bool | None) -> ImportPlan:
    """plan() with this mapping, on a connection of its own."""
    from imet_desktop.store.db import connect

    db = connect(db_path)
    try:
        return plan(db, table, mapping=mapping, day_first=day_first)[1]
    finally:
        db.close()


def import_valid_rows(db: Database, planned: ImportPlan, file_name: str, *,
                      progress: Progress = no_progress) -> ImportResult:
    """Write the plan's valid rows as one batch (all or nothing; undoable from the import history).

    ImportRefusedError when the database changed since the plan so that a row is now a duplicate;
    a cancel (progress raising Cancelled) rolls everything back and the result says so.
    """
    return run_import(db, planned, file_name, skip_invalid=True, progress=progress)


def import_valid_rows_at(db_path: Path, planned: ImportPlan, file_name: str, *,
                         progress: Progress = no_progress) -> ImportResult:
    """import_valid_rows on a connection of its own."""
    from imet_desktop.store.db import connect

    db = connect(db_path)
    try:
        return import_valid_rows(db, planned, file_name, progress=progress)
    finally:
        db.close()
