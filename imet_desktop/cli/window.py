"""No command: check the database file before Qt loads (not one the Overview's figures were kept for, unchanged since:
the window opens that one after showing them), count its Overview's figures of today on a thread while Qt loads,
then open the window on it."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from imet_desktop.cli.common import PROG, fail

if TYPE_CHECKING:
    from imet_desktop.ops.kept import CountAhead
    from imet_desktop.store.db import OpenDatabase


def open_window(args: argparse.Namespace) -> int:
    """Check the database file (before Qt is loaded, so a wrong file is one line), then open the window. A file the
    program kept the Overview's figures for, unchanged since, is opened by the window, after those figures."""
    db_path: Path | None = args.db
    checked: OpenDatabase | None = None
    ahead: CountAhead | None = None
    if db_path is not None and not db_path.exists():
        # --create: the window makes the new database (and offers demo data); its folder must exist.
        if not db_path.parent.is_dir():
            return fail(f"{db_path.parent} is not a folder; create it first, or name a database in another one")
    elif db_path is not None and not _kept_for(db_path):
        from imet_desktop.store.db import DamagedDatabaseError, open_database
        from imet_desktop.store.location import NetworkLocationError
        from imet_desktop.store.lock import DatabaseInUseError

        # the window explains these and offers a way out (read-only, restore, a local copy). The quick check and
        # the day's backup (a minute on a 650 MB file) are the window's, in the background after its first paint.
        with contextlib.suppress(DatabaseInUseError, DamagedDatabaseError, NetworkLocationError):
            checked = open_database(db_path, defer_checks=True)
        if checked is not None:  # the Overview's figures of today, counted while Qt loads (ops.kept.CountAhead)
            from imet_desktop.ops.kept import CountAhead

            ahead = CountAhead(db_path.resolve())  # named as the window keeps and finds them
    try:
        from imet_desktop.app import hand_over, run_gui
    except ImportError as e:
        if checked is not None:
            checked.close()
        if not (e.name or "").startswith(("PySide6", "shiboken6")):
            raise
        # A machine without Qt's system libraries: the user's (or admin's) to fix, not our bug.
        return fail(f"the window cannot open because Qt cannot be loaded ({e}); "
                    f"the commands in `{PROG} --help` still work")
    # The window takes over the check's connection (and its lock) rather than opening the file again, and shows the
    # figures counted ahead in its first paint if they are ready in time.
    hand_over(checked, ahead)
    try:
        status: int = run_gui(db_path)
    finally:
        untaken = hand_over(None)
        if untaken is not None:
            untaken.close()
    return status


def _kept_for(db_path: Path) -> bool:
    """True if the Overview's figures of today were kept for this file from the last start and it has not changed
    since (ops.kept): it was then opened and counted as it is now, so it is not checked before Qt loads. The window
    shows those figures first and opens the file after them (imet_desktop.app._show_kept)."""
    from imet_desktop.ops.kept import todays_figures

    return todays_figures(db_path.resolve()) is not None  # named as the window keeps them
