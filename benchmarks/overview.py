"""The Overview on the 600,000-student demo: counted and painted within 300 ms of being shown (issue 15).

Usage: python benchmarks/overview.py DEMO.db [--runs N]

Each run is a fresh Python process (imports included) started by this parent; the program's
window opens on the Overview, as a clerk's does. The child notes, with its own clock:
- **first show**: from the moment the Overview tab is shown with the database (its ``activate``)
  to the first paint after its figures arrived. This is the cold case: the worker thread imports
  the store's modules and SQLite's pages come from the disk cache;
- **shown again**: the clerk goes to the Roster and comes back (Ctrl+2, Ctrl+1): the Overview
  reads every figure again (it does each time it is shown), from activation to painted.
The parent also times the whole process, from spawning the child to the Overview painted with its
figures ("ready"), beside a bare PySide6 window in the same run (alternating, as benchmarks/startup.py).
Medians of --runs runs with their min and max. Target: 300 ms from shown to filled.

Then the counting alone (ops.overview.overview_figures), in this process, warm: all but the alumni
by country (what the tab waits for; it counts the alumni right after, for the map) and everything.
The load average is printed: on a shared machine, compare runs made at a similar load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

CHILD = """
import os, sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from imet_desktop import app as program
from imet_desktop.ui.overview.tab import OverviewTab

marks = {}
round_ = [0]

class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, after_paint)
        return False

painted = Painted()
shown_at = [0.0]
real_activate = OverviewTab.activate

def activate(self):
    shown_at[0] = time.perf_counter()
    real_activate(self)

OverviewTab.activate = activate

def filled():
    tab = window.overview_tab
    page = tab.pages.currentWidget()
    target = page.widget() if hasattr(page, "widget") else page  # the scroll area's contents
    target.installEventFilter(painted)
    target.update()

def after_paint():
    elapsed = (time.perf_counter() - shown_at[0]) * 1000
    if round_[0] == 0:
        print(f"ready {elapsed:.1f}", flush=True)
        round_[0] = 1
        window.view_actions[1].trigger()  # to the Roster...
        QTimer.singleShot(300, lambda: window.view_actions[0].trigger())  # ...and back
    else:
        print(f"again {elapsed:.1f}", flush=True)
        os._exit(0)

qapp = QApplication([])
window = program.start_gui(Path(sys.argv[1]))
window.resize(1280, 800)

def hook():
    if window.db is None:
        QTimer.singleShot(1, hook)
        return
    tab = window.overview_tab
    tab.filled.connect(filled)
    if tab.figures is not None and not tab._pending:
        filled()

QTimer.singleShot(0, hook)
qapp.exec()
"""

BARE = """
import os
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            os._exit(0)
        return False

app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""


def _run(code: str, *args: str) -> tuple[float, dict[str, float]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env, text=True)
    assert child.stdout is not None
    marks: dict[str, float] = {}
    whole = 0.0
    for line in child.stdout:
        key, _, value = line.strip().partition(" ")
        if key == "ready" or key == "painted":
            whole = time.perf_counter() - start
        if value:
            marks[key] = float(value)
    child.wait(timeout=120)
    if not whole:
        raise SystemExit(f"the child did not finish: {child.stderr.read() if child.stderr else ''}")
    return whole * 1000, marks


def _line(label: str, values: list[float], unit: str = "ms") -> str:
    return (f"  {label:<34}: {statistics.median(values):7.0f} {unit}   "
            f"(min {min(values):.0f}, max {max(values):.0f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not args.database.exists():
        raise SystemExit(f"{args.database} does not exist; make it with: imet-desktop demo {args.database} "
                         "--students 600000")
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "imet_desktop"), quiet=1)
    _run(BARE)
    _run(CHILD, str(args.database))  # warm the disk cache
    bare, whole, first, again = [], [], [], []
    for _ in range(args.runs):
        bare.append(_run(BARE)[0])
        total, marks = _run(CHILD, str(args.database))
        whole.append(total)
        first.append(marks["ready"])
        again.append(marks["again"])

    from imet_desktop.ops.overview import overview_figures
    from imet_desktop.store.db import open_database

    db = open_database(args.database, create=False)
    counting, quick = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        overview_figures(db, alumni=False)
        middle = time.perf_counter()
        overview_figures(db)
        quick.append((middle - started) * 1000)
        counting.append((time.perf_counter() - middle) * 1000)
    students = db.execute("SELECT count(*) FROM students").fetchone()[0]
    db.close()
    print(f"database: {args.database} ({students:,} students); the Overview as of today, {dt.date.today()}; "
          f"runs: {args.runs}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(_line("Overview first shown -> painted", first) + "   target: 300 ms")
    print(_line("Overview shown again -> painted", again) + "   target: 300 ms")
    print(_line("counting, all but alumni (warm)", quick) + "   what the tab waits for")
    print(_line("counting, everything (warm)", counting) + "   the printed report, the CSV")
    print(_line("whole process: start -> ready", whole))
    print(_line("bare PySide6 window (same runs)", bare))
    return 0


if __name__ == "__main__":
    sys.exit(main())
