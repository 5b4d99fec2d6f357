"""Demo data: invented but realistic records, to try the program or to train clerks."""

from __future__ import annotations

from pathlib import Path

from imet_desktop.domain.progress import Progress, no_progress
from imet_desktop.store.db import connect


def fill_demo_data(db_path: Path, students: int = 400, progress: Progress = no_progress) -> object:
    """Fill the (empty) database at db_path with invented demo records; what was written.

    The window holds the database (and migrated it); this worker borrows it on a connection of its own.
    """
    from imet_desktop.demo import fill_demo  # large, and only needed on a first start

    db = connect(db_path)
    try:
        return fill_demo(db, students=students, progress=lambda text: progress(0, None, text))
    finally:
        db.close()
