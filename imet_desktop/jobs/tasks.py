"""The work the main window hands to background jobs. Each opens its own database connection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from imet_desktop.store.db import connect, write_backup_of

Progress = Callable[[str], None]


def fill_demo_data(db_path: Path, students: int = 400) -> Callable[[Progress], Any]:
    """Work that fills the database at db_path with invented demo records."""

    def work(progress: Progress) -> Any:
        from imet_desktop.demo import fill_demo  # large, and only needed on a first start

        db = connect(db_path)  # the window holds the database (and migrated it); this worker borrows it
        try:
            return fill_demo(db, students=students, progress=progress)
        finally:
            db.close()

    return work


def backup_database(db_path: Path, target: Path) -> Callable[[Progress], Path]:
    """Work that writes a consistent copy of the database at db_path to target."""

    def work(progress: Progress) -> Path:
        progress(f"Backing up to {target}…")
        db = connect(db_path)
        try:
            return write_backup_of(db, target)
        finally:
            db.close()

    return work
