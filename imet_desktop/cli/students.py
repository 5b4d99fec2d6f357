"""Commands for the roster: import students from a spreadsheet, export them to one.

Gathered by imet_desktop.cli.main. Nothing heavy is imported at module level (no Qt, no openpyxl):
the store and exchange modules are imported when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from imet_desktop.cli.common import EXIT_OK, PROG, Command, fail, iso_date, path_argument

EXIT_PROBLEMS = 1
"""import-students: some rows had problems (nothing imported, or only the valid rows with --skip-invalid)."""


# --- import-students ------------------------------------------------------------------------------

def _import_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=path_argument, metavar="FILE",
                        help="the CSV (UTF-8 or UTF-16; comma, semicolon or tab; another encoding with --encoding) "
                             "or XLSX file")
    parser.add_argument("--dry-run", action="store_true",
                        help="print how each column is mapped (with its first value), check every row and print "
                             "the report, but import nothing")
    parser.add_argument("--skip-invalid", action="store_true",
                        help="import the valid rows even when others have problems (exit status 1 still "
                             "says some rows were not imported)")
    parser.add_argument("--map", action="append", default=[], metavar='"Header=field"',
                        help="map a column to a student field (a field key such as wcn, its label, a common "
                             "spelling, or 'ignore'); repeat for several columns; overrides the automatic mapping. "
                             "A column that holds values and feeds no field stops the import until it is mapped "
                             "or ignored")
    parser.add_argument("--encoding", default=None, metavar="NAME",
                        help="the CSV's encoding when it is not UTF-8 or UTF-16, e.g. windows-1252 or iso-8859-1 "
                             "(without it, a byte that is not UTF-8 is refused, naming its line)")
    parser.add_argument("--date-order", choices=["day-first", "month-first"], default=None,
                        help="how to read numeric dates such as 03/04/2026 (without it, only unambiguous ones "
                             "are read)")


def problem_line(problem: object) -> str:
    """One report line: row, the name on that row, column, value and why."""
    row = getattr(problem, "row", "?")
    name = getattr(problem, "name", "")
    column = getattr(problem, "column", "")
    value = getattr(problem, "value", "")
    message = getattr(problem, "message", str(problem))
    who = f" ({name})" if name else ""
    return f"row {row}{who}, column {column!r}, value {value!r}: {message}"


def mapping_lines(table: object, mapping: object) -> list[str]:
    """How each column is mapped, with its first value: what --dry-run prints before the rows."""
    from imet_desktop.domain.text_checks import visible
    from imet_desktop.domain.validation import STUDENT_FIELD_LABELS
    from imet_desktop.exchange.errors import column_letter
    from imet_desktop.exchange.mapping import IGNORE, ColumnMapping, is_record_id
    from imet_desktop.exchange.reading import Table

    assert isinstance(table, Table) and isinstance(mapping, ColumnMapping)
    lines = []
    for i, header in enumerate(table.headers):
        name = mapping.columns.get(header)
        if name == IGNORE:
            target = "not imported (the record id of the export)" if is_record_id(header) else "not imported"
        elif name is None:
            target = "FEEDS NO FIELD (map it or ignore it)"
        else:
            target = f"{STUDENT_FIELD_LABELS.get(name, name)} ({name})"
        first = table.first_value(i)
        shown = "empty" if first is None else \
            f"first value {visible(first[1] if isinstance(first[1], str) else first[1].isoformat())[:40]!r}"
        lines.append(f"  {column_letter(i + 1)} {header!r} -> {target}; {shown}")
    return lines


def _run_import(args: argparse.Namespace) -> int:
    from imet_desktop.exchange.errors import ImportRefusedError, MappingError, ReadError
    from imet_desktop.ops.backups import checks_meanwhile
    from imet_desktop.ops.imports import import_valid_rows, read_file
    from imet_desktop.ops.imports import plan as plan_rows
    from imet_desktop.store.db import open_database

    path: Path = args.file
    try:
        table = read_file(path, args.encoding)
    except ReadError as e:
        return fail(str(e))
    # The quick check (and the day's backup) run beside the planning, and end before anything is written.
    db = open_database(args.db, defer_checks=True)
    checks = checks_meanwhile(db)
    try:
        try:
            day_first = {None: None, "day-first": True, "month-first": False}[args.date_order]
            mapping, plan = plan_rows(db, table, overrides=args.map, day_first=day_first)
        except MappingError as e:
            return fail(f"{path.name}: {e}")
        if args.dry_run:
            print(f"Columns of {path.name}:")
            for line in mapping_lines(table, mapping):
                print(line)
        for warning in plan.warnings:
            print(f"{path.name}: warning: {warning}")
        if plan.undecided:
            for column in plan.undecided:
                print(f"{path.name}: {column}", file=sys.stderr)
            count = len(plan.undecided)
            columns = "1 column with values feeds" if count == 1 else f"{count} columns with values feed"
            return fail(f"{path.name}: {columns} no field; nothing was imported. Map each with "
                        "--map \"HEADER=FIELD\" or leave it out with --map \"HEADER=ignore\"")
        for problem in plan.problems:
            print(f"{path.name}: {problem_line(problem)}")
        rows = f"{plan.rows_total:,} row{'s' if plan.rows_total != 1 else ''}"
        if args.dry_run:
            print(f"Dry run: {plan.rows_valid:,} of {rows} of {path.name} can be imported, "
                  f"{plan.rows_rejected:,} have problems; nothing was imported.")
            damage = checks.damage_report() if checks is not None else ""
            if damage:
                print(f"{path.name}: warning: {damage}", file=sys.stderr)
            return EXIT_PROBLEMS if plan.problems else EXIT_OK
        if plan.problems and not args.skip_invalid:
            print(f"Nothing was imported: {plan.rows_rejected:,} of {rows} of {path.name} have problems. "
                  "Correct them, or use --skip-invalid to import only the valid rows.")
            return EXIT_PROBLEMS
        if checks is not None:
            checks.refuse_damage()
        try:
            result = import_valid_rows(db, plan, path.name)
        except ImportRefusedError as e:
            for refused in e.problems:
                print(f"{path.name}: {problem_line(refused)}")
            print(f"Nothing was imported: {e}")
            return EXIT_PROBLEMS
        print(f"{result.message} (import #{result.batch_id} in {args.db})")
        return EXIT_PROBLEMS if plan.problems else EXIT_OK
    finally:
        db.close()
        if checks is not None:
            checks.finish()


# --- export-students ------------------------------------------------------------------------------

def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=path_argument, metavar="OUT",
                        help="the file to write: OUT.csv (UTF-8 with BOM) or OUT.xlsx; the record id is the "
                             "first column")
    parser.add_argument("--search", default="", metavar="TEXT",
                        help="only the students the roster's search box finds for TEXT (names in any script, "
                             "accents optional; exact WCN, ITO or passport number)")
    parser.add_argument("--include-personal", action="store_true",
                        help="add date and place of birth, passport, visa and service numbers; the file is then "
                             "marked CUI//PRIVACY")


def _run_export(args: argparse.Namespace) -> int:
    from imet_desktop.exchange.errors import ExchangeError
    from imet_desktop.files import FileWriteError
    from imet_desktop.ops.backups import checks_meanwhile
    from imet_desktop.ops.roster import export_students, export_whole_roster
    from imet_desktop.store.db import open_for_reading
    from imet_desktop.store.roster import student_ids

    out: Path = args.out
    if out.suffix.casefold() not in (".csv", ".xlsx"):
        return fail(f"{out}: choose a file ending in .csv or .xlsx")
    db = open_for_reading(args.db, defer_checks=True)
    checks = checks_meanwhile(db)  # beside the export, on a core of their own
    try:
        try:
            if args.search:
                result = export_students(db, student_ids(db, search=args.search), out,
                                         include_personal=args.include_personal)
            else:  # the whole roster: read in one query
                result = export_whole_roster(db, out, include_personal=args.include_personal)
        except (ExchangeError, FileWriteError) as e:
            return fail(str(e))
    finally:
        db.close()
        if checks is not None:
            checks.finish()
    damage = checks.damage_report() if checks is not None else ""
    if damage:
        print(f"{PROG}: warning: {damage}", file=sys.stderr)
    marking = " (marked CUI//PRIVACY: it holds personal data)" if result.personal else ""
    print(f"Exported {result.rows_written:,} student{'s' if result.rows_written != 1 else ''} to {out}{marking}",
          file=sys.stdout)
    return EXIT_OK


def _status_due_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="the day to check (default: today)")


def _run_status_due(args: argparse.Namespace) -> int:
    from imet_desktop.domain import dates
    from imet_desktop.store.db import open_for_reading
    from imet_desktop.store.status_due import status_due

    day = args.date or dates.today()
    db = open_for_reading(args.db)
    try:
        rows = status_due(db, day)
    finally:
        db.close()
    if not rows:
        print(f"No status is due to move on {day.isoformat()}.")
        return EXIT_OK
    print(f"{'ID':>6}  {'STATUS':<11}  {'DUE':<34}  NAME — WHY")
    for r in rows:
        print(f"{r.student_id:>6}  {r.status:<11}  {r.due:<34}  {r.legal_name} — {r.why}")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "import-students": Command(
        summary="import students from a CSV or XLSX file, all valid rows or nothing",
        description="Import students from a spreadsheet. Every problem is reported on its own line (row, "
                    "the name on it, column, value, why). Exit status 0: every row was imported; 1: some rows had "
                    "problems (then nothing was imported, or with --skip-invalid exactly the valid rows); 2: the "
                    "file could not be read, or a column that holds values feeds no field (one line per such "
                    "column, with the --map hint). The import is one transaction, recorded and undoable from the "
                    "window's Import history; it never half-imports.",
        add_arguments=_import_arguments,
        run=_run_import,
        uses_database=True,
    ),
    "export-students": Command(
        summary="export students to a CSV or XLSX file, the record id first",
        description="Export the roster (or the students a search finds, matched exactly as the roster's search "
                    "box does) to CSV or XLSX, in roster order, with the record id as the first column so "
                    "scripts can refer to students. Names are written exactly as recorded.",
        add_arguments=_export_arguments,
        run=_run_export,
        uses_database=True,
    ),
    "status-due": Command(
        summary="the day's list of students whose status is due to move (In training, or the outcome)",
        description="List the students whose class has started while they are still Projected or Arrived (due "
                    "for In training), and those In training whose last class has ended with none running or to "
                    "come (due for Graduated, Withdrawn or Eliminated). Nothing is changed: the clerk moves each "
                    "status in the window. Reads only: works while a window holds the database.",
        add_arguments=_status_due_arguments,
        run=_run_status_due,
        uses_database=True,
    ),
}
