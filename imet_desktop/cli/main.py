"""The command line: open the window on a database, or run a headless command.

Headless commands never load Qt: the GUI is imported only when the window is to be opened, so
`imet-desktop --version` and the commands start fast and work on machines without Qt libraries.

Adding a command: in the subject's module (imet_desktop/cli/<subject>.py) write
`_<name>_arguments(parser)` and `_run_<name>(args) -> int` and add a `Command` to its `COMMANDS`,
then its name, module and summary to COMMAND_TABLE here (a test checks the two agree). Set
`uses_database=True` and the command gets `--db PATH` (default: the user's database) and finds the
path, resolved, in `args.db`. The subject modules import only imet_desktop.cli.common, never this module.

Exit status: 0 done; 1 a bug in this program (apology, where the details were logged, and the
traceback on stderr); 2 something the user can fix (bad arguments, a wrong or damaged file: one
line on stderr); 130 interrupted. Which is which is decided by domain.errors.classify alone.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from imet_desktop import __version__, paths
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

# Each subject keeps its commands in a module of its own holding a COMMANDS dict. A run imports only the module
# of the command it runs (none for the window or --version: importing all seven cost ~0.1-0.3 s of every start);
# `imet-desktop --help` lists the commands from this table, in its order: (module, summary) by name.
COMMAND_TABLE: dict[str, tuple[str, str]] = {
    "demo": ("demo", "write a demo database of invented students, courses and Honor Roll records"),
    "import-students": ("students", "import students from a CSV or XLSX file, all valid rows or nothing"),
    "export-students": ("students", "export students to a CSV or XLSX file, the record id first"),
    "status-due": ("students", "the day's list of students whose status is due to move (In training, or the "
                               "outcome)"),
    "ceremony": ("ceremonies", "list, show and plan Honor Roll induction ceremonies"),
    "assign": ("courses", "place a student in a class, checking the school's rules"),
    "class-roster": ("courses", "print a class's roster to a PDF file"),
    "print": ("documents", "print certificates, the program and other documents of a ceremony or a class to PDF"),
    "report": ("reports", "print the overview of the office (PDF), or write its figures (CSV, XLSX)"),
    "check": ("records", "check the database with SQLite's full integrity check (exit 0 healthy, 1 damaged)"),
    "backup": ("records", "write a checked backup of the database (to the backups folder, or --out FILE)"),
    "backups": ("records", "list the database's backups, newest first, with their record counts"),
    "restore": ("records", "restore the database from a backup, keeping a copy of the current file first"),
}


def find_command(name: str) -> Command:
    """The command of that name (KeyError if there is none), its module imported now."""
    module = importlib.import_module(f"imet_desktop.cli.{COMMAND_TABLE[name][0]}")
    found: Command = module.COMMANDS[name]
    return found


def all_commands() -> dict[str, Command]:
    """Every command, in the order of `imet-desktop --help` (every subject module imported)."""
    return {name: find_command(name) for name in COMMAND_TABLE}


def __getattr__(name: str) -> dict[str, Command]:
    """COMMANDS, every command by name, made when first asked for (the program itself never asks)."""
    if name == "COMMANDS":
        return all_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    """The argument parser: top-level options and one subparser per command (every command's module imported)."""
    return _parser(all_commands() if commands is None else commands)


def _parser(commands: dict[str, Command] | None) -> argparse.ArgumentParser:
    """The parser for these commands, or (None) for COMMAND_TABLE's: then only the command named on the line
    gets its arguments, when argparse reaches it (its module imported then)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Records, course placement and Honor Roll ceremonies for an international "
                    "officers office. Without a command, opens the window.",
        epilog="Exit status: 0 done, 1 a bug in this program, 2 a problem you can fix (the message says what).",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}",
                        help="print the program's version and exit")
    _add_db_option(parser, for_window=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", action=_Commands,
                                help=f"run `{PROG} COMMAND --help` for its options")
    assert isinstance(sub, _Commands)
    if commands is None:
        for name, (_module, summary) in COMMAND_TABLE.items():
            sub.add_parser(name, help=summary)
    else:
        for name, found in commands.items():
            _fill(sub.add_parser(name, help=found.summary), found)
            sub.filled.add(name)
    return parser


def _fill(sub_parser: argparse.ArgumentParser, found: Command) -> None:
    """A command's sub-parser given its description and arguments."""
    sub_parser.description = found.description
    found.add_arguments(sub_parser)
    if found.uses_database:
        _add_db_option(sub_parser, for_window=False)


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The commands' sub-parsers: the one named on the command line is given its arguments (its module
    imported) just before argparse hands it the rest of the line, unless it has them already."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filled: set[str] = set()  # the commands whose sub-parsers have their arguments

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        if isinstance(values, list) and values and values[0] in self.choices and values[0] not in self.filled:
            _fill(self.choices[values[0]], find_command(values[0]))
            self.filled.add(values[0])
        super().__call__(parser, namespace, values, option_string)


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
    from imet_desktop import bugs

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
    parser = _parser(commands)
    try:
        args = parser.parse_args(argv)
        if not args.command:
            command = None
        else:
            command = commands.get(args.command) if commands is not None else find_command(args.command)
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
