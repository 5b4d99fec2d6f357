"""No command: check that the database file named can be ours before Qt loads (a wrong file is one line, not a
window), count its Overview's figures of today in a process of its own while Qt loads (unless they were kept for the
file as it is), then open the window, which opens the file once those figures are painted."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from imet_desktop.cli.common import PROG, fail

if TYPE_CHECKING:
    from imet_desktop.ops.kept import CountAhead


def open_window(args: argparse.Namespace) -> int:
    """Check the database file named (before Qt is loaded, so a wrong file is one line), then open the window."""
    db_path: Path | None = args.db
    ahead: CountAhead | None = None
    if db_path is not None and not db_path.exists():
        # --create: the window makes the new database (and offers demo data); its folder must exist.
        if not db_path.parent.is_dir():
            return fail(f"{db_path.parent} is not a folder; create it first, or name a database in another one")
    elif db_path is not None:
        from imet_desktop.ops.kept import count_ahead

        # Not an SQLite file, a folder, from a newer version: raised, one line. The window opens the file after the
        # figures are painted and explains what else it finds, with a way out (held by another window or
        # workstation, damaged, on a network drive; an older schema it upgrades): nothing is counted ahead for those,
        # nor for a file whose figures were kept as it is now (the window shows those).
        ahead = count_ahead(db_path)
    try:
        from imet_desktop.app import hand_over, run_gui
    except ImportError as e:
        if not (e.name or "").startswith(("PySide6", "shiboken6")):
            raise
        # A machine without Qt's system libraries: the user's (or admin's) to fix, not our bug.
        return fail(f"the window cannot open because Qt cannot be loaded ({e}); "
                    f"the commands in `{PROG} --help` still work")
    hand_over(ahead)  # the figures counted ahead, for the window's first paint if they are ready in time
    try:
        status: int = run_gui(db_path)
    finally:
        hand_over(None)
    return status

