"""`imet-desktop print ...`: every printed document, written to a PDF file from the command line.

The documents are those of ops.documents, the one list the window's Print… entries use too, so
both print the same thing. Exit status: 0 written (the page count on stdout); 1 the pre-print
check found names no bundled font can draw (the list on stderr, nothing written); 2 a missing
ceremony, class or inductee, nothing to print, or an output file that cannot be written (one line
on stderr).

Gathered by imet_desktop.cli.main; it imports no ReportLab and no Qt at module level.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from imet_desktop.cli.common import EXIT_OK, PROG, Command, add_db_option, fail, path_argument
from imet_desktop.ops.documents import DOCUMENTS, PrintOptions, Scope, kinds

EXIT_UNPRINTABLE = 1


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


# What `imet-desktop print` offers: the ceremony's and the class's documents, with their own options.
_EXTRA_OPTIONS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "certificates": _inductee_option,
    "program": _booklet_option,
    "invitations": _guest_option,
    "class-roster": _personal_option,
    "course-certificates": _student_option,
}
PRINTED: list[str] = [k.key for k in (*kinds(Scope.CEREMONY), *kinds(Scope.CLASS))]


# --- arguments ---------------------------------------------------------------------------------------

def _print_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="document", metavar="DOCUMENT", required=True, title="documents",
                                help="which document to print: " + ", ".join(PRINTED))
    for name in PRINTED:
        document = DOCUMENTS[name]
        p = sub.add_parser(name, help=document.summary, description=f"Print {document.summary} into a PDF file.")
        if document.scope is Scope.CEREMONY:
            p.add_argument("--ceremony", type=int, required=True, metavar="ID",
                           help="the ceremony's id (as `imet-desktop ceremony list` shows it)")
        else:
            p.add_argument("--class", dest="class_id", type=int, required=True, metavar="ID",
                           help="the class's id")
        if name in _EXTRA_OPTIONS:
            _EXTRA_OPTIONS[name](p)
        p.add_argument("--out", type=path_argument, required=True, metavar="FILE.pdf",
                       help="the PDF file to write (replaced whole, or left as it was)")
        add_db_option(p, "the database file to read (default: the user's database)")


def print_options(args: argparse.Namespace) -> PrintOptions:
    """The document's options as the command line gave them."""
    ids = getattr(args, "inductee", None) or getattr(args, "guest", None) or getattr(args, "student", None)
    return PrintOptions(ids=tuple(ids) if ids else None, booklet=bool(getattr(args, "booklet", False)),
                        include_personal=bool(getattr(args, "personal", False)))


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
    from imet_desktop.files import FileWriteError
    from imet_desktop.ops.documents import write_document

    out: Path = args.out
    problem = _output_problem(out)
    if problem:
        return fail(problem)
    subject = args.ceremony if DOCUMENTS[args.document].scope is Scope.CEREMONY else args.class_id
    try:
        pages, _prepared = write_document(args.db, args.document, subject, print_options(args), out,
                                          damaged=lambda text: print(f"{PROG}: warning: {text}", file=sys.stderr))
    except UndrawableTextError as error:
        return _report_unprintable(list(error.missing))
    except FileWriteError as error:
        return fail(str(error))
    for warning in _prepared.warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
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
