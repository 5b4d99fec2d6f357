"""`imet-desktop print ...`: every printed document, written to a PDF file from the command line.

The same store queries (imet_desktop.store.printing) and document functions (imet_desktop.documents)
as the window's Print… entries. Exit status: 0 written (the page count on stdout); 1 the pre-print
check found names no bundled font can draw (the list on stderr, nothing written); 2 a missing
ceremony, class or inductee, or an output file that cannot be written (one line on stderr).

Gathered by imet_desktop.cli.main; it imports no ReportLab and no Qt at module level.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from imet_desktop.cli.common import EXIT_OK, PROG, Command, add_db_option, fail, path_argument

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.documents.data import SchoolInfo

EXIT_UNPRINTABLE = 1

# (database, arguments) -> (school, a function writing the PDF into a stream and returning its page count)
Render = Callable[[BinaryIO], int]
Prepare = Callable[["Database", argparse.Namespace], tuple["SchoolInfo", Render]]


@dataclass(frozen=True)
class _Document:
    help: str
    scope: str  # "ceremony" or "class"
    prepare: Prepare
    extra: Callable[[argparse.ArgumentParser], None] | None = None


def _require(items: object, what: str) -> None:
    """Refuse to print an empty document (ReportLab would write one blank page)."""
    if not items:
        from imet_desktop.store.errors import StoreError

        raise StoreError(f"nothing to print: {what}")


# --- what each document reads and draws (imports inside: the CLI starts without ReportLab) ---------

def _certificates(db: Database, args: argparse.Namespace) -> tuple[SchoolInfo, Render]:
    from imet_desktop.documents.certificate import induction_certificates
    from imet_desktop.store import printing

    school = printing.school_info(db)
    items = printing.ceremony_certificates(db, args.ceremony, args.inductee or None)
    _require(items, f"ceremony {args.ceremony} has no inductees")
    return school, lambda out: induction_certificates(items, school, out)


def _program(db: Database, args: argparse.Namespace) -> tuple[SchoolInfo, Render]:
    from imet_desktop.documents.program import ceremony_program
    from imet_desktop.store import printing

    school = printing.school_info(db)
    data = printing.ceremony_program(db, args.ceremony)
    return school, lambda out: ceremony_program(data, school, out, booklet=args.booklet)


def _place_cards(db: Database, args: argparse.Namespace) -> tuple[SchoolInfo, Render]:
    from imet_desktop.documents.ceremony import place_cards
    from imet_desktop.store import printing

    school = printing.school_info(db)
    items = printing.place_cards(db, args.ceremony)
    _require(items, f"ceremony {args.ceremony} has no inductees attending and no guest who accepted")
    return school, lambda out: place_cards(items, school, out)


def _invitations(db: Database, args: argparse.Namespace) -> tuple[SchoolInfo, Render]:
    from imet_desktop.documents.ceremony import invitations
    from imet_desktop.store import printing

    school = printing.school_info(db)
    items = printing.invitations(db, args.ceremony, args.guest or None)
    _require(items, f"ceremony {args.ceremony} has no guests")
    return school, lambda out: invitations(items, school, out)


def _mc_script(db: Database, args: argparse.Namespace) -> tuple[SchoolInfo, Render]:
    from imet_desktop.documents.ceremony import mc_script
    from imet_desktop.store import printing

    school = printing.school_info(db)
    data = printing.mc_script(db, args.ceremony)
    return school, lambda out: mc_script(data, school, out)


def _engraving_order(db: Database, args: argparse.Namespace) -> tuple[SchoolInfo, Render]:
    from imet_desktop.documents.ceremony import engraving_order
    from imet_desktop.store import printing

    school = printing.school_info(db)
    data = printing.engraving_order(db, args.ceremony)
    _require(data.entries, f"ceremony {args.ceremony} has no inductees")
    return school, lambda out: engraving_order(data, school, out)


def _seating_chart(db: Database, args: argparse.Namespace) -> tuple[SchoolInfo, Render]:
    from imet_desktop.documents.ceremony import seating_chart
    from imet_desktop.store import printing

    school = printing.school_info(db)
    data = printing.seating_chart(db, args.ceremony)
    _require(data.tables, f"ceremony {args.ceremony} has no tables")
    return school, lambda out: seating_chart(data, school, out)


def _class_roster(db: Database, args: argparse.Namespace) -> tuple[SchoolInfo, Render]:
    from imet_desktop.documents.roster import class_roster
    from imet_desktop.store import printing

    school = printing.school_info(db)
    data = printing.class_roster(db, args.class_id, include_personal=args.personal)
    return school, lambda out: class_roster(data, school, out)


def _course_certificates(db: Database, args: argparse.Namespace) -> tuple[SchoolInfo, Render]:
    from imet_desktop.documents.certificate import course_certificates
    from imet_desktop.store import printing

    school = printing.school_info(db)
    items = printing.course_certificates(db, args.class_id, args.student or None)
    _require(items, f"class {args.class_id} has no student who completed or is completing it")
    return school, lambda out: course_certificates(items, school, out)


def _inductee_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--inductee", type=int, action="append", metavar="STUDENT_ID",
                        help="print only this inductee's certificate (a student id; repeat for more); "
                             "default: every inductee of the ceremony")


def _booklet_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--booklet", action="store_true",
                        help="impose the half-letter pages two-up on landscape letter sheets in booklet order "
                             "(print both sides, fold, staple)")


def _guest_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--guest", type=int, action="append", metavar="GUEST_ID",
                        help="print only this guest's letter (repeat for more); default: every guest")


def _personal_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--personal", action="store_true",
                        help="include dates of birth and passport numbers (the roster is then marked CUI)")


def _student_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--student", type=int, action="append", metavar="STUDENT_ID",
                        help="print only this student's certificate (repeat for more); default: every student "
                             "who completed or is completing the class")


DOCUMENTS: dict[str, _Document] = {
    "certificates": _Document("Honor Roll induction certificates, one page per inductee", "ceremony",
                              _certificates, _inductee_option),
    "program": _Document("the ceremony program: cover, order of events, biographies, the Honor Roll",
                         "ceremony", _program, _booklet_option),
    "place-cards": _Document("folded name tents for the inductees and the guests who accepted", "ceremony",
                             _place_cards),
    "invitations": _Document("invitation letters with an RSVP slip, one per guest", "ceremony", _invitations,
                             _guest_option),
    "mc-script": _Document("the master of ceremonies' script with every inductee's pronunciation", "ceremony",
                           _mc_script),
    "engraving-order": _Document("the plaque engraving order for the engraver", "ceremony", _engraving_order),
    "seating-chart": _Document("the seating chart: each table and who sits where", "ceremony", _seating_chart),
    "class-roster": _Document("a class's roster of international students", "class", _class_roster,
                              _personal_option),
    "course-certificates": _Document("course completion certificates for a class", "class", _course_certificates,
                                     _student_option),
}


# --- arguments ---------------------------------------------------------------------------------------

def _print_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="document", metavar="DOCUMENT", required=True, title="documents",
                                help="which document to print: " + ", ".join(DOCUMENTS))
    for name, document in DOCUMENTS.items():
        p = sub.add_parser(name, help=document.help, description=f"Print {document.help} into a PDF file.")
        if document.scope == "ceremony":
            p.add_argument("--ceremony", type=int, required=True, metavar="ID",
                           help="the ceremony's id (as `imet-desktop ceremony list` shows it)")
        else:
            p.add_argument("--class", dest="class_id", type=int, required=True, metavar="ID",
                           help="the class's id")
        if document.extra is not None:
            document.extra(p)
        p.add_argument("--out", type=path_argument, required=True, metavar="FILE.pdf",
                       help="the PDF file to write (replaced whole, or left as it was)")
        # the same --db as `imet-desktop print --db PATH`; SUPPRESS keeps one given earlier
        add_db_option(p, "the database file to read (default: the user's database)")


# --- running -----------------------------------------------------------------------------------------

def _output_problem(out: Path) -> str | None:
    """Why the PDF cannot be written there, or None."""
    if out.is_dir():
        return f"{out} is a folder, not a file name"
    if not out.parent.is_dir():
        return f"cannot write {out}: the folder {out.parent} does not exist"
    if not os.access(out.parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        return f"cannot write {out}: permission denied"
    return None


def write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file or leave the old one: a temporary file beside it, then a rename."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with open(temporary, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _report_unprintable(missing: list[Any]) -> int:
    names = {(m.record, m.name) for m in missing}
    print(f"{PROG}: cannot print: {len(names)} name(s) contain characters that no bundled font can draw; "
          "nothing was written. Correct these records:", file=sys.stderr)
    print("record\tfield\tname\tcharacter\tcode point", file=sys.stderr)
    for m in missing:
        label = f" {m.character_name}" if m.character_name else ""
        print(f"{m.record}\t{m.field}\t{m.name}\t{m.character}\t{m.code}{label}", file=sys.stderr)
    return EXIT_UNPRINTABLE


def _run_print(args: argparse.Namespace) -> int:
    from imet_desktop.documents.fonts import UndrawableTextError
    from imet_desktop.store.db import open_for_reading

    document = DOCUMENTS[args.document]
    out: Path = args.out
    problem = _output_problem(out)
    if problem:
        return fail(problem)
    db = open_for_reading(args.db)
    try:
        _school, render = document.prepare(db, args)
    finally:
        db.close()
    buffer = io.BytesIO()
    try:
        pages = render(buffer)
    except UndrawableTextError as error:
        return _report_unprintable(list(error.missing))
    try:
        write_atomically(out, buffer.getvalue())
    except OSError as error:
        return fail(f"cannot write {out}: {error.strerror or error}")
    print(f"Wrote {pages} page{'s' if pages != 1 else ''} to {out}")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "print": Command(
        summary="print certificates, the program and other documents of a ceremony or a class to PDF",
        description="Print a document into a PDF file: certificates, program (--booklet), place-cards, "
                    "invitations, mc-script, engraving-order or seating-chart of a ceremony (--ceremony ID); "
                    "class-roster or course-certificates of a class (--class ID). Exit status 1 with the "
                    "list of names that cannot be printed (record, name, character, code point) when a "
                    "bundled font lacks a character; nothing is written then.",
        add_arguments=_print_arguments,
        run=_run_print,
        uses_database=True,
    ),
}
