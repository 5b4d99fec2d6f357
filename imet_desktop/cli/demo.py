"""`imet-desktop demo PATH`: write a database of invented records, to try the program or train clerks.

Nothing heavy is imported at module level: the generator loads when the command runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from imet_desktop.cli.common import EXIT_OK, Command, path_argument, positive_int

# Mirrors the defaults of imet_desktop.ops.demo.generate_demo (tests/cli/test_main.py checks they agree);
# repeated here so `--help` can show them without importing the generator.
DEMO_STUDENTS = 400
DEMO_SEED = 2000


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", type=path_argument, metavar="PATH",
        help="the database file to write: a new file, or an empty database; its folder must exist",
    )
    parser.add_argument(
        "--students", type=positive_int, default=DEMO_STUDENTS, metavar="N",
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
    from imet_desktop.store.errors import StoreError

    path: Path = args.path
    # generate_demo would find these too; checking here keeps the message short and first.
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if not path.parent.is_dir():
        raise StoreError(f"the folder {path.parent} does not exist")
    from imet_desktop.ops.demo import generate_demo

    summary = generate_demo(path, students=args.students, seed=args.seed, progress=_progress)
    print(f"Demo database written to {path}: {describe_summary(summary)}")
    return EXIT_OK


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
