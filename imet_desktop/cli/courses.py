"""Command-line commands of the Courses area: place a student in a class, print a class roster.

Gathered by imet_desktop.cli.main. Nothing heavy is imported at module level: the store and ReportLab
load when a command runs. A rule that refuses a placement is a problem the user can fix: one line
on stderr with the rule's reason, exit status 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from imet_desktop.cli.common import EXIT_OK, Command, fail, path_argument, record_id

# --- assign --------------------------------------------------------------------------------------

def _assign_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("student_id", type=record_id, metavar="STUDENT_ID", help="the student's id (the roster's id)")
    parser.add_argument("class_id", type=record_id, metavar="CLASS_ID", help="the class's id")
    parser.add_argument("--override", metavar="REASON", default="",
                        help="waive the rules the school may waive (ECL minimum, prerequisite, overlapping dates), "
                             "recording this reason with your user name and the time")


def _run_assign(args: argparse.Namespace) -> int:
    from imet_desktop.domain.placement import Verdict
    from imet_desktop.store.db import open_database
    from imet_desktop.store.enrollments import try_assign
    from imet_desktop.store.errors import RecordNotFoundError

    db = open_database(args.db, create=False)
    try:
        try:
            result = try_assign(db, args.student_id, args.class_id, override_reason=args.override)
        except RecordNotFoundError as e:
            return fail(str(e))
        where = result.check.training_class.designator
        if result.verdict is Verdict.REFUSED:
            return fail(f"{result.student_name} cannot be placed in {where}: {result.check.explain()}")
        if result.verdict is Verdict.NEEDS_OVERRIDE:
            return fail(f"{result.student_name} cannot be placed in {where}: {result.check.explain()}; "
                           f"to waive this, run again with --override \"reason\"")
        print(result.describe() + (f" (override: {args.override.strip()})" if result.check.waivable else ""))
        return EXIT_OK
    finally:
        db.close()


# --- class-roster --------------------------------------------------------------------------------

def _roster_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("class_id", type=record_id, metavar="CLASS_ID", help="the class's id")
    parser.add_argument("--out", type=path_argument, metavar="FILE.pdf", required=True,
                        help="the PDF file to write (its folder must exist; an existing file is replaced)")
    parser.add_argument("--personal", action="store_true",
                        help="add dates of birth and passports (the roster is then marked CUI)")


def _run_roster(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.is_dir():
        return fail(f"{out} is a folder; name a PDF file")
    if not out.parent.is_dir():
        return fail(f"the folder {out.parent} does not exist")
    from imet_desktop.documents.fonts import UndrawableTextError
    from imet_desktop.files import FileWriteError
    from imet_desktop.ops.documents import PrintOptions, write_document
    from imet_desktop.store.db import current_user
    from imet_desktop.store.errors import RecordNotFoundError

    options = PrintOptions(include_personal=args.personal, prepared_by=current_user())
    try:
        pages, prepared = write_document(args.db, "class-roster", args.class_id, options, out)
    except RecordNotFoundError as e:
        return fail(str(e))
    except UndrawableTextError as e:
        first = e.missing[0]
        return fail(f"the roster cannot be printed: {first.describe()}"
                    + (f" (and {len(e.missing) - 1} more)" if len(e.missing) > 1 else ""))
    except FileWriteError as e:
        return fail(str(e))
    data = prepared.data
    print(f"Class roster of {data.class_designator} written to {out}: {len(data.students)} students, "
          f"{pages} page{'s' if pages != 1 else ''}")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "assign": Command(
        summary="place a student in a class, checking the school's rules",
        description="Place a student in a class (or on its waitlist when the class is full). The school's rules "
                    "are checked: eligible status, not already in the course, prerequisites, ECL minimum, "
                    "overlapping dates. A rule the school may waive needs --override with a reason; a refusal "
                    "prints the rule's reason and exits with status 2.",
        add_arguments=_assign_arguments,
        run=_run_assign,
        uses_database=True,
    ),
    "class-roster": Command(
        summary="print a class's roster to a PDF file",
        description="Write the roster of a class (enrolled and graduated students, by name) as a landscape PDF. "
                    "With --personal it lists dates of birth and passports and is marked CUI.",
        add_arguments=_roster_arguments,
        run=_run_roster,
        uses_database=True,
    ),
}
