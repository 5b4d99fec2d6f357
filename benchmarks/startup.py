"""Start-up: process start to main window painted, against a bare PySide6 window.

Usage: python benchmarks/startup.py DEMO.db [--runs N]

Each measurement is a fresh Python process (imports included), timed by this parent from the
moment it spawns the child until the child reports the window's first paint. The two kinds of run
alternate, so a busy machine slows both alike. Target (issue 2): ratio within 1.5.

The program is started as the clerk starts it (`imet-desktop --db DEMO.db`, through imet_desktop.cli), and
paints its window before it opens the database, so a second figure is reported too:
process start until the first tab has painted what it reads from the database ("first tab shown"):
the Overview's figures (the first tab since issue 15), or on older versions the roster's first rows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_FIRST_PAINT = """
import os
from PySide6.QtCore import QEvent, QObject

class FirstPaint(QObject):
    def __init__(self, then=None):
        super().__init__()
        self.then = then
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            print("painted", flush=True)
            if self.then is None:
                os._exit(0)
            self.then()
        return False
"""

BARE = _FIRST_PAINT + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""

PROGRAM = _FIRST_PAINT + """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTableView, QWidget
from imet_desktop import app as program

class RowsPainted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("ready", flush=True)
            os._exit(0)
        return False

def wait_for_rows():
    # The first tab with what it reads from the database painted: the Overview's figures (the first
    # tab since the Overview came), else the roster's first rows.
    overview = window.findChild(QWidget, "overviewTab")
    if overview is not None:
        if overview.figures is None:
            QTimer.singleShot(1, wait_for_rows)
            return
        page = overview.pages.currentWidget()
        target = page.widget() if hasattr(page, "widget") else page  # the scroll area's contents
        target.installEventFilter(rows_spy)
        target.update()
        return
    table = window.findChild(QTableView, "rosterTable")
    if table is None or table.model().rowCount() == 0:
        QTimer.singleShot(1, wait_for_rows)
        return
    table.viewport().installEventFilter(rows_spy)
    table.viewport().update()

# Started as the clerk starts it (`imet-desktop --db PATH`): the command line's imports, its look at the file and
# the figures it counts while Qt loads (a file changed since figures were kept for it) are part of the wait.
rows_spy = RowsPainted()
spy = FirstPaint(then=wait_for_rows)
started = program.start_gui

def start_gui(path=None):
    global window
    window = started(path)
    window.installEventFilter(spy)
    return window

program.start_gui = start_gui
from imet_desktop.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def time_child(code: str, *args: str) -> tuple[float, float]:
    """Seconds from spawning a Python child to its first paint, and to its last report line."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, text=True)
    assert child.stdout is not None
    times = {}
    for line in child.stdout:
        times[line.strip()] = time.perf_counter() - start
    child.wait(timeout=60)
    if "painted" not in times:
        raise SystemExit(f"child did not paint: {child.stderr.read() if child.stderr else ''}")
    return times["painted"], times.get("ready", times["painted"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database", type=Path, help="a demo database, e.g. made with --students 600000")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not args.database.exists():
        raise SystemExit(f"{args.database} does not exist; make it with: imet-desktop demo {args.database} "
                         "--students 600000")
    # An installed wheel carries compiled bytecode; a checkout under PYTHONDONTWRITEBYTECODE would
    # recompile the program on every start, which no clerk's installation does.
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "imet_desktop"), quiet=1)
    time_child(BARE)  # warm the disk cache for both
    time_child(PROGRAM, str(args.database))
    bare, program, ready = [], [], []
    for _ in range(args.runs):
        bare.append(time_child(BARE)[0])
        painted, shown = time_child(PROGRAM, str(args.database))
        program.append(painted)
        ready.append(shown)
    b, p, r = statistics.median(bare), statistics.median(program), statistics.median(ready)
    import sqlite3
    students = sqlite3.connect(args.database).execute("SELECT count(*) FROM students").fetchone()[0]
    print(f"database: {args.database} ({students:,} students, {args.database.stat().st_size / 2**20:.0f} MiB)")
    print(f"runs: {args.runs} each, alternating; median seconds from process start to first paint")
    for label, runs, median in (("bare PySide6 window", bare, b), ("IMET Desktop window", program, p),
                                ("first tab shown    ", ready, r)):
        print(f"  {label} : {median * 1000:7.0f} ms   (min {min(runs) * 1000:.0f}, max {max(runs) * 1000:.0f})")
    print(f"  ratio, window       : {p / b:7.2f}     (target: within 1.50)")
    print(f"  ratio, first tab    : {r / b:7.2f}")
    return 0


if __name__ == "__main__":
    from harness import scratch_folders  # benchmarks/ is the script's folder, first on sys.path

    scratch_folders(Path(tempfile.gettempdir()) / "imet-bench-scratch")  # never the user's data folder
    sys.exit(main())
