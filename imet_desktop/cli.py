"""The command line: open the window on a database, or run a headless command.

Headless commands never load Qt: the GUI is imported only when the window is to be opened, so
`imet-desktop --version` and the commands start fast and work on machines without Qt libraries.

Adding a command: write `_<name>_arguments(parser)` and `_run_<name>(args) -> int`, then add a
`Command` to `COMMANDS`. Set `uses_database=True` and the command gets `--db PATH` (default: the
user's database) and finds the path, resolved, in `args.db`.

Exit status: 0 done; 1 a bug in this program (apology and traceback on stderr); 2 something the
user can fix (bad arguments, a wrong or damaged file: one line on stderr); 130 interrupted.
"""

from __future__ import annotations

import argparse
import dataclasses
import sqlite3
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from imet_desktop import __version__, paths
from imet_desktop.store.errors import StoreError

PROG = "imet-desktop"

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130

# Mirrors the defaults of imet_desktop.demo.generate_demo (tests/test_cli.py checks they agree);
# repeated here so `--help` can show them without importing the generator.
DEMO_STUDENTS = 400
DEMO_SEED = 2000


@dataclass(frozen=True)
class Command:
    """One subcommand: its help texts, its arguments and what it does."""

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


def _path(text: str) -> Path:
    return Path(text).expanduser()


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _add_db_option(parser: argparse.ArgumentParser, *, for_window: bool) -> None:
    default = paths.default_database_path()
    if for_window:
        parser.add_argument(
            "--db", type=_path, metavar="PATH", default=None,
            help=f"the database file to open; created if it does not exist (default: the last one "
                 f"opened in the window, at first {default}); commands that work on a database take it too",
        )
    else:
        # SUPPRESS: a --db given before the command name is not overwritten by a default here.
        parser.add_argument(
            "--db", type=_path, metavar="PATH", default=argparse.SUPPRESS,
            help=f"the database file to work on (default: {default})",
        )


# --- the window (no command) ---------------------------------------------------------------------

def _open_window(args: argparse.Namespace) -> int:
    """Check the database file (before Qt is loaded, so a wrong file is one line), then open the window."""
    db_path: Path | None = args.db
    if db_path is not None:
        from imet_desktop.store.db import open_database

        open_database(db_path).close()
    try:
        from imet_desktop.app import run_gui
    except ImportError as e:
        if not (e.name or "").startswith(("PySide6", "shiboken6")):
            raise
        # A machine without Qt's system libraries: the user's (or admin's) to fix, not our bug.
        return _fail(_one_line(f"the window cannot open because Qt cannot be loaded ({e}); "
                               f"the commands in `{PROG} --help` still work", None))
    return run_gui(db_path)


# --- demo ----------------------------------------------------------------------------------------

def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", type=_path, metavar="PATH",
        help="the database file to write: a new file, or an empty database; its folder must exist",
    )
    parser.add_argument(
        "--students", type=_positive_int, default=DEMO_STUDENTS, metavar="N",
        help="how many students to invent; the Honor Roll's graduates come on top (default: %(default)s)",
    )
    parser.add_argument(
        "--seed", type=int, default=DEMO_SEED, metavar="S",
        help="seed of the random choices; the same seed writes the same records (default: %(default)s)",
    )


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def describe_summary(summary: object) -> str:
    """One line about what a command produced: the object's own str(), else its dataclass fields."""
    if type(summary).__str__ is object.__str__ and dataclasses.is_dataclass(summary):
        text = ", ".join(f"{f.name.replace('_', ' ')}: {getattr(summary, f.name)}"
                         for f in dataclasses.fields(summary))
    else:
        text = str(summary)
    return " ".join(text.split())


def _run_demo(args: argparse.Namespace) -> int:
    path: Path = args.path
    # generate_demo would find these too; checking here keeps the message short and first.
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if not path.parent.is_dir():
        raise StoreError(f"the folder {path.parent} does not exist")
    from imet_desktop.demo import generate_demo

    summary = generate_demo(path, students=args.students, seed=args.seed, progress=_progress)
    print(f"Demo database written to {path}: {describe_summary(summary)}")
    return EXIT_OK


# --- the registry --------------------------------------------------------------------------------

COMMANDS: dict[str, Command] = {
    "demo": Command(
        summary="write a demo database of invented students, courses and Honor Roll records",
        description="Write a database filled with invented but realistic records, to try the program "
                    "or to train clerks. Refuses a file that already holds students. Progress goes to "
                    "stderr, a one-line summary to stdout.",
        add_arguments=_demo_arguments,
        run=_run_demo,
        target="path",
    ),
}

# Each area keeps its commands in a module of its own (cli_<area>.py) holding a COMMANDS dict of
# the same shape; they are merged here. Those modules import nothing heavy (no Qt, no ReportLab)
# at module level, so every command starts fast.
# (area command modules are registered below this line)
from imet_desktop.cli_students import COMMANDS as _STUDENT_COMMANDS  # noqa: E402

COMMANDS.update(_STUDENT_COMMANDS)
from imet_desktop.cli_ceremonies import COMMANDS as _CEREMONY_COMMANDS  # noqa: E402

COMMANDS.update(_CEREMONY_COMMANDS)
from imet_desktop.cli_courses import COMMANDS as _COURSE_COMMANDS  # noqa: E402

COMMANDS.update(_COURSE_COMMANDS)
from imet_desktop.cli_documents import COMMANDS as _DOCUMENT_COMMANDS  # noqa: E402

COMMANDS.update(_DOCUMENT_COMMANDS)


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

# SQLite's primary result codes that mean the file or the machine, not our SQL, is at fault.
_ENVIRONMENT_ERRORS = {
    sqlite3.SQLITE_PERM, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PROTOCOL, sqlite3.SQLITE_NOLFS, sqlite3.SQLITE_NOTADB,
}


def _database_problem(error: sqlite3.Error, target: Path | None) -> str | None:
    """The message for an SQLite error the user can act on, or None when it is our bug."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        # Raised without a result code: only the bare DatabaseError ("malformed") is the file's fault.
        if type(error) is not sqlite3.DatabaseError:
            return None
        code = sqlite3.SQLITE_CORRUPT
    code &= 0xFF  # extended codes carry the primary code in their low byte
    if code not in _ENVIRONMENT_ERRORS:
        return None
    where = str(target) if target is not None else "the database"
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return f"{where} is locked by another program; close it and try again"
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return f"{where} is damaged ({error}). Restore it from a backup."
    return f"{where} cannot be used: {error}"


def _one_line(message: str, target: Path | None) -> str:
    message = " ".join(message.split()) or "unknown problem"
    if target is not None and str(target) not in message:
        message = f"{target}: {message}"
    return message


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return EXIT_USER_ERROR


def _bug() -> int:
    """Call inside an except block: apologise and show the traceback."""
    print(f"{PROG}: sorry, something went wrong inside the program (a bug, not your doing). "
          "Please report it with the details below.", file=sys.stderr)
    traceback.print_exc(file=sys.stderr)
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
        if command is not None and not command.uses_database and args.db is not None:
            parser.error(f"the {args.command} command does not take --db")
    except SystemExit as stop:  # --help, --version and usage errors: argparse has printed them
        return _exit_status(stop.code)

    if command is None:
        run: Callable[[argparse.Namespace], int] = _open_window
        target: Path | None = args.db
    else:
        if command.uses_database and args.db is None:
            args.db = paths.default_database_path()
        run = command.run
        target = getattr(args, command.target, None)

    try:
        return run(args)
    except StoreError as e:
        return _fail(_one_line(str(e), target))
    except sqlite3.Error as e:
        message = _database_problem(e, target)
        return _bug() if message is None else _fail(_one_line(message, target))
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        return _bug()
