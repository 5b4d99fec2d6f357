"""Start-up: process start to main window painted, against a bare PySide6 window.

Usage: python benchmarks/startup.py DEMO.db [--runs N]

Each measurement is a fresh Python process (imports included), timed by this parent from the
moment it spawns the child until the child reports the window's first paint. The two kinds of run
alternate, so a busy machine slows both alike. Target (issue 2): ratio within 1.5.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

_FIRST_PAINT = """
import os
from PySide6.QtCore import QEvent, QObject

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            os._exit(0)
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
from PySide6.QtWidgets import QApplication
from imet_desktop import app as program
qapp = QApplication([])
window = program.start_gui(Path(sys.argv[1]))
spy = FirstPaint()
window.installEventFilter(spy)
qapp.exec()
"""


def time_child(code: str, *args: str) -> float:
    """Seconds from spawning a Python child to its first-paint line."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, text=True)
    line = child.stdout.readline() if child.stdout else ""
    elapsed = time.perf_counter() - start
    child.wait(timeout=60)
    if line.strip() != "painted":
        raise SystemExit(f"child did not paint: {child.stderr.read() if child.stderr else ''}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database", type=Path, help="a demo database, e.g. made with --students 600000")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not args.database.exists():
        raise SystemExit(f"{args.database} does not exist; make it with: imet-desktop demo {args.database} "
                         "--students 600000")
    time_child(BARE)  # warm the disk cache for both
    time_child(PROGRAM, str(args.database))
    bare, program = [], []
    for _ in range(args.runs):
        bare.append(time_child(BARE))
        program.append(time_child(PROGRAM, str(args.database)))
    b, p = statistics.median(bare), statistics.median(program)
    import sqlite3
    students = sqlite3.connect(args.database).execute("SELECT count(*) FROM students").fetchone()[0]
    print(f"database: {args.database} ({students:,} students, {args.database.stat().st_size / 2**20:.0f} MiB)")
    print(f"runs: {args.runs} each, alternating; median seconds from process start to first paint")
    for label, runs, median in (("bare PySide6 window", bare, b), ("IMET Desktop window", program, p)):
        print(f"  {label} : {median * 1000:7.0f} ms   (min {min(runs) * 1000:.0f}, max {max(runs) * 1000:.0f})")
    print(f"  ratio               : {p / b:7.2f}     (target: within 1.50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
