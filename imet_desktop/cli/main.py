"""The command line: open the window on a database, or run a headless command.

Headless commands never load Qt: the GUI is imported only when the window is to be opened, so
`imet-desktop --version` and the commands start fast and work on machines without Qt libraries.

Adding a command: in the subject's module (imet_desktop/cli/<subject>.py) write
`_<name>_arguments(parser)` and `_run_<name>(args) -> int` and add a `Command` to its `COMMANDS`;
this module gathers them. Set `uses_database=True` and the command gets `--db PATH` (default: the
user's database) and finds the path, resolved, in `args.db`. The subject modules import only
imet_desktop.cli.common, never this module.

Exit status: 0 done; 1 a bug in this program (apology, where the details were logged, and the
traceback on stderr); 2 something the user can fix (bad arguments, a wrong or damaged file: one
line on stderr); 130 interrupted. Which is which is decided by domain.errors.classify alone.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from imet_desktop import __version__, bugs, paths
from imet_desktop.cli import ceremonies, courses, demo, documents, records, reports, students
from imet_desktop.cli.common import (
    EXIT_BUG,
    EXIT_INTERRUPTED,
    EXIT_OK,
    PROG,
    Command,
    add_db_option,
    fail,
    path_argument,
)
from imet_desktop.cli.window import open_window
from imet_desktop.domain.errors import ErrorKind, classify

# Each subject keeps its commands in a module of its own holding a COMMANDS dict; they are merged
# here, in the order of `imet-desktop --help`. Those modules import nothing heavy (no Qt, no
# ReportLab) at module level, so every command starts fast.
COMMANDS: dict[str, Command] = {
    **demo.COMMANDS,
    **students.COMMANDS,
    **ceremonies.COMMANDS,
    **courses.COMMANDS,
    **documents.COMMANDS,
    **reports.COMMANDS,
    **records.COMMANDS,
}


def _add_db_option(parser: argparse.ArgumentParser, *, for_window: bool) -> None:
    default = paths.default_database_path()
    if for_window:
        parser.add_argument(
            "--db", type=path_argument, metavar="PATH", default=None,
            help=f"the database file to open (default: the last one opened in the window, at first {default}); "
                 f"commands that work on a database take it too",
        )
        parser.add_argument(
            "--create", action="store_true",
            help="with --db: make a new, empty database at PATH if there is none there (without it, a PATH "
                 "that does not exist is refused, so a mistyped name never means working in an empty file)",
        )
    else:
        # SUPPRESS: a --db given before the command name is not overwritten by a default here.
        add_db_option(parser, f"the database file to work on (default: {default})")


def _missing_database(args: argparse.Namespace) -> str:
    """Why a database named with --db cannot be used: it does not exist and --create was not given ('' if fine)."""
    named: Path | None = args.db
    if named is None or named.exists() or getattr(args, "create", False):
        return ""
    return f"{named} does not exist; to start a new database there, add --create"


def build_parser(commands: dict[str, Command] | None = None) -> argparse.ArgumentParser:
    """The argument parser: top-level options and one subparser per registered command."""
    commands = COMMANDS if commands is None else commands
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Records, course placement and Honor Roll ceremonies for an international "
                    "officers office. Without a command, opens the window.",
        epilog="Exit status: 0 done, 1 a bug in this program, 2 a problem you can fix (the message says what).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}",
                        help="print the program's version and exit")
    _add_db_option(parser, for_window=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands",
                                help=f"run `{PROG} COMMAND --help` for its options")
    for name, command in commands.items():
        sub_parser = sub.add_parser(name, help=command.summary, description=command.description)
        command.add_arguments(sub_parser)
        if command.uses_database:
            _add_db_option(sub_parser, for_window=False)
    return parser


# --- running -------------------------------------------------------------------------------------

def _one_line(message: str, target: Path | None) -> str:
    message = " ".join(message.split()) or "unknown problem"
    if target is not None and str(target) not in message:
        message = f"{target}: {message}"
    return message


def _as_users(error: Exception, target: Path | None) -> BaseException:
    """The error as the clerk should see it: an SQLite error that is the file's fault becomes a StoreError."""
    if isinstance(error, sqlite3.Error):
        from imet_desktop.store.errors import database_problem

        return database_problem(error, target) or error
    return error


def _bug(error: BaseException, doing: str) -> int:
    """Log the bug to the data folder, apologise (saying where the details are) and show the traceback."""
    logged = bugs.record_bug(error, doing)
    print(f"{PROG}: {bugs.apology(error, logged, doing)}", file=sys.stderr)
    traceback.print_exception(error, file=sys.stderr)
    return EXIT_BUG


def _exit_status(code: object) -> int:
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_BUG


def main(argv: list[str] | None = None, *, commands: dict[str, Command] | None = None) -> int:
    """Parse the arguments, run the command (or open the window), and return the exit status."""
    commands = COMMANDS if commands is None else commands
    parser = build_parser(commands)
    try:
        args = parser.parse_args(argv)
        command = commands.get(args.command) if args.command else None
        if command is not None and not command.uses_database and (args.db is not None or args.create):
            parser.error(f"the {args.command} command does not take --db or --create")
    except SystemExit as stop:  # --help, --version and usage errors: argparse has printed them
        return _exit_status(stop.code)

    missing = _missing_database(args)
    if missing:
        return fail(missing)
    if command is None:
        run: Callable[[argparse.Namespace], int] = open_window
        target: Path | None = args.db
        doing = "opening the window"
    else:
        if command.uses_database and args.db is None:
            args.db = paths.default_database_path()
        run = command.run
        target = getattr(args, command.target, None)
        doing = f"the {args.command} command"

    try:
        if command is not None and command.uses_database and getattr(args, "create", False) and not args.db.exists():
            from imet_desktop.store.db import open_database

            open_database(args.db).close()  # --create: the command finds an empty database there
        return run(args)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as raised:
        error = _as_users(raised, target)
        kind = classify(error)
        if kind is ErrorKind.USER:
            return fail(_one_line(str(error), target))
        if kind is ErrorKind.CANCELLED:
            print(f"{PROG}: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
        return _bug(raised, doing)
