"""Commands that keep the records safe: check the database, back it up, list the backups, restore one.

`check`, `backup` and `backups` only read, so they work while a window holds the database;
`restore` writes and exits 2 with "in use by USER on HOST since TIME" while anyone else holds it.
Gathered by imet_desktop.cli.main; the work is in imet_desktop.ops.backups.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from imet_desktop.cli.common import EXIT_OK, Command, fail, path_argument

EXIT_DAMAGED = 1
"""check: SQLite found damage (or the file is not one of ours)."""


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


def _run_check(args: argparse.Namespace) -> int:
    from imet_desktop.ops.backups import check_database

    report = check_database(args.db)
    if report.healthy:
        schema = f"schema {report.schema} of {report.known_schema}"
        print(f"{report.path}: healthy ({report.size:,} bytes, {schema}; SQLite's integrity and "
              "foreign-key checks found nothing wrong)")
        return EXIT_OK
    print(f"{report.path}: DAMAGED: {len(report.problems)} problem{'s' if len(report.problems) != 1 else ''}")
    for problem in report.problems:
        print(f"  {problem}")
    print("Restore the newest good backup: `imet-desktop backups` lists them, `imet-desktop restore BACKUP` "
          "restores one (keeping a copy of this file first).")
    return EXIT_DAMAGED


def _backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=path_argument, metavar="FILE", default=None,
                        help="where to write the backup (a new file; its folder must exist); without it, the "
                             "backups folder, next to the automatic ones")


def _run_backup(args: argparse.Namespace) -> int:
    from imet_desktop.ops.backups import backup_now

    out: Path | None = args.out
    if out is not None and out.exists():
        return fail(f"{out} already exists; a backup never replaces a file: choose another name")
    written = backup_now(args.db, out)
    print(f"Backed up {args.db} to {written} (checked by SQLite; readable by you only)")
    return EXIT_OK


def _run_backups(args: argparse.Namespace) -> int:
    from imet_desktop.domain.dates import format_date_time
    from imet_desktop.ops.backups import listed_backups
    from imet_desktop.store.backups import backups_folder

    listed = listed_backups(args.db)
    if not listed:
        print(f"No backups of {args.db.name} in {backups_folder()}")
        return EXIT_OK
    print(f"Backups of {args.db.name} in {backups_folder()}, newest first:")
    for item in listed:
        b = item.backup
        if item.contents is None:
            held = f"UNREADABLE: {item.unreadable}"
        else:
            c = item.contents
            held = (f"{c.students if c.students is not None else '?'} students, {c.classes or 0} classes, "
                    f"{c.honorees or 0} honorees, {c.ceremonies or 0} ceremonies")
            if c.problems:
                held += f"; DAMAGED: {c.problems[0]}"
        print(f"  {format_date_time(b.taken_at)}  {b.kind.value:<14} {b.size / 1_048_576:8.1f} MB  {held}  {b.path}")
    return EXIT_OK


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", type=path_argument, metavar="BACKUP",
                        help="the backup file to restore (see `imet-desktop backups`)")


def _run_restore(args: argparse.Namespace) -> int:
    from imet_desktop.ops.backups import restore_database

    kept = restore_database(args.db, args.backup)
    print(f"Restored {args.db} from {args.backup}; the file as it was before is kept at {kept}")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "check": Command(
        summary="check the database with SQLite's full integrity check (exit 0 healthy, 1 damaged)",
        description="Run SQLite's full integrity check and foreign-key check on the database and print what they "
                    "found. Exit status 0: healthy; 1: damaged (each problem printed), or not an IMET Desktop "
                    "database. Works while a window has the database open.",
        add_arguments=_no_arguments,
        run=_run_check,
        uses_database=True,
    ),
    "backup": Command(
        summary="write a checked backup of the database (to the backups folder, or --out FILE)",
        description="Write a consistent copy of the database with SQLite's online backup (it works while a window "
                    "has the database open), readable by you only, checked by SQLite before it gets its name. "
                    "Never replaces an existing file.",
        add_arguments=_backup_arguments,
        run=_run_backup,
        uses_database=True,
    ),
    "backups": Command(
        summary="list the database's backups, newest first, with their record counts",
        description="List the backups of the database in the backups folder (automatic daily ones kept in "
                    "rotation: 7 daily, 8 weekly, 12 monthly; those taken before an upgrade or a restore; those "
                    "written by `imet-desktop backup`), with date, kind, size and record counts.",
        add_arguments=_no_arguments,
        run=_run_backups,
        uses_database=True,
    ),
    "restore": Command(
        summary="restore the database from a backup, keeping a copy of the current file first",
        description="Replace the database's records with a backup's (after checking the backup with SQLite's full "
                    "check), in one transaction; the current file is copied to the backups folder first. Exit "
                    "status 2, changing nothing, while a window or another program holds the database.",
        add_arguments=_restore_arguments,
        run=_run_restore,
        uses_database=True,
    ),
}
