"""Demo data: invented but realistic records, to try the program or to train clerks.

One module per subject: pools (names, countries), catalogue (courses, classes), people (the
students' rows), students, classes, honor_roll, ceremonies; state holds one generation's
progress and generator runs them in order. Everyone in it is fictional.
"""

from __future__ import annotations

from pathlib import Path

from imet_desktop.domain.progress import Progress, no_progress
from imet_desktop.ops.demo.generator import DemoSummary, demo_countries, fill_demo, generate_demo, iter_native_names
from imet_desktop.ops.demo.state import DEMO_TODAY
from imet_desktop.store.db import connect

__all__ = ["DEMO_TODAY", "DemoSummary", "demo_countries", "fill_demo", "fill_demo_data", "generate_demo",
           "iter_native_names"]


def fill_demo_data(db_path: Path, students: int = 400, progress: Progress = no_progress) -> DemoSummary:
    """Fill the (empty) database at db_path with invented demo records; what was written.

    The window holds the database (and migrated it); this worker borrows it on a connection of its own.
    """
    db = connect(db_path)
    try:
        return fill_demo(db, students=students, progress=lambda text: progress(0, None, text))
    finally:
        db.close()
