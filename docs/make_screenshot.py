"""Screenshots of the main window on a fresh demo database, for the README.

Usage: python docs/make_screenshot.py [--out docs/main-window.png] [--tabs-dir DIR] [--students N]

Writes the Roster tab to --out and, with --tabs-dir, every tab as tab-<n>-<name>.png. Runs
offscreen, with settings in a temporary folder (the user's own settings are never touched).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

WINDOW_SIZE = (1280, 800)


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Let Qt run until condition() holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window to read the database")
        QTest.qWait(20)


def main() -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=here / "main-window.png", help="the Roster screenshot")
    parser.add_argument("--tabs-dir", type=Path, help="also save every tab into this folder")
    parser.add_argument("--students", type=int, default=400, help="size of the demo database")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="imet-screenshot-") as tmp:
        folder = Path(tmp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder / "settings"))
        app = QApplication(sys.argv[:1])

        from imet_desktop.app import build_main_window
        from imet_desktop.ops.demo import generate_demo
        from imet_desktop.store.db import open_database

        path = folder / "office.db"
        generate_demo(path, students=args.students)
        window = build_main_window(open_database(path), path)
        window.resize(*WINDOW_SIZE)
        window.show()
        try:
            wait_for(lambda: not window.roster_tab.model.loading and bool(window.counts_label.text()))
            window.roster_tab.table.selectRow(2)
            shots = [(0, args.out)]
            if args.tabs_dir:
                args.tabs_dir.mkdir(parents=True, exist_ok=True)
                shots += [(i, args.tabs_dir / f"tab-{i + 1}-{window.tabs.tabText(i).lower().replace(' ', '-')}.png")
                          for i in range(window.tabs.count())]
            for index, target in shots:
                window.tabs.setCurrentIndex(index)
                QTest.qWait(50)
                if not window.grab().save(str(target)):
                    raise SystemExit(f"could not write {target}")
                print(f"wrote {target}")
        finally:
            window.close()
            if window.db is not None:
                window.db.close()
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
