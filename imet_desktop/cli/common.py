"""What every command module shares: the Command record, exit statuses, argument types, one-line errors.

The subject modules (students, courses, ceremonies, documents, demo) import only this module from
the command line package; imet_desktop.cli.main gathers their COMMANDS and is imported by none of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

PROG = "imet-desktop"

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130


class Command(NamedTuple):
    """One subcommand: its help texts, its arguments and what it does. (A named tuple, not a frozen dataclass: this
    module is imported at every start, and Python 3.12 takes ~1 ms to make a dataclass; see domain.overview.)"""

    summary: str
    """One line, shown in the command list of `imet-desktop --help`."""
    description: str
    """A paragraph, shown by `imet-desktop <command> --help`."""
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    uses_database: bool = False
    """True: the command accepts --db PATH and receives it resolved in args.db."""
    target: str = "db"
    """The argument naming the file the command works on, for error messages."""


# --- argument types ------------------------------------------------------------------------------

def path_argument(text: str) -> Path:
    """A file name as typed: ~ expanded."""
    return Path(text).expanduser()


def positive_int(text: str) -> int:
    """A count of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def record_id(text: str) -> int:
    """A record's id: a whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an id (a whole number): {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"ids are 1 or more, not {value}")
    return value


def iso_date(text: str) -> dt.date:
    """A date typed as YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def add_db_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    """--db PATH and --create on a sub-parser; SUPPRESS keeps those given before the command name."""
    parser.add_argument("--db", type=path_argument, metavar="PATH", default=argparse.SUPPRESS, help=help_text)
    parser.add_argument("--create", action="store_true", default=argparse.SUPPRESS,
                        help="make a new, empty database at the --db PATH if there is none there")


# --- messages ------------------------------------------------------------------------------------

def fail(message: str) -> int:
    """One line on stderr, exit status 2: something the user can fix."""
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_USER_ERROR
