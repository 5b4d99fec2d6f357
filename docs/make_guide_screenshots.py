"""The clerk's guide's pictures (resources/guide/images), made from a fresh demo database.

Usage: python docs/make_guide_screenshots.py [--out resources/guide/images] [--students N]

Run it after a change to the screens the guide shows, so its pictures stay those of the program. It
drives the window as a clerk would (buttons and menus; each dialog is shown, photographed and
cancelled), offscreen, with settings in a temporary folder: the user's own settings are never touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QSettings  # noqa: E402
from PySide6.QtGui import QPixmap  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget, QWizard  # noqa: E402

WINDOW_SIZE = (1180, 720)
PICTURES = ("overview", "roster", "import", "assignment", "graduate", "nominations", "ceremony", "preview", "backup")
"""The pictures the guide shows, images/<name>.png."""

# Arrivals as a security cooperation office sends them (invented people), for the import wizard's picture.
ARRIVALS = (
    "Surname,Given names,DOB,Nationality,Passport No,WCN,English score,Remarks\n"
    "MENSAH,Kwabena,1988-03-14,Ghana,G01234567,GH9000001,84,\n"
    "NGUYỄN,Văn Đức,1987-11-02,Vietnam,C1234567,VM9000002,81,\n"
    "KARIMOVA,Dilnoza,1989-05-21,Uzbekistan,FA1234567,UZ9000003,86,interpreter requested\n"
    "AL-HASHEMI,Omar,1986-01-30,Jordan,N123456,JO9000004,79,\n"
)


def wait_for(condition: Callable[[], bool], timeout: float = 60.0, what: str = "the window") -> None:
    """Let Qt run until condition() holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QTest.qWait(20)


def save(widget: QWidget | QPixmap, target: Path) -> None:
    """Write a widget (as drawn now) or a picture to target."""
    QTest.qWait(80)
    picture = widget if isinstance(widget, QPixmap) else widget.grab()
    if not picture.save(str(target)):
        raise SystemExit(f"could not write {target}")
    print(f"wrote {target}")


def photographing_dialogs(target: Path, prepare: Callable[[QDialog], None] | None = None) -> Callable[..., bool]:
    """A stand-in for Dialog.run: show the dialog, photograph it, cancel it."""

    def run(dialog: QDialog) -> bool:
        dialog.show()
        if prepare is not None:
            prepare(dialog)
        save(dialog, target)
        dialog.reject()
        return False

    return run


def make_pictures(out: Path, students: int) -> list[Path]:
    """Make every picture of the guide into out; the files written."""
    from imet_desktop.app import build_main_window
    from imet_desktop.ops.demo import generate_demo
    from imet_desktop.store.db import open_database
    from imet_desktop.ui.common import dialog_base
    from imet_desktop.ui.roster.import_wizard import ImportWizard

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="imet-guide-") as tmp:
        folder = Path(tmp)
        path = folder / "office.db"
        generate_demo(path, students=students)
        window = build_main_window(open_database(path), path)
        window.resize(*WINDOW_SIZE)
        window.show()
        original_run = dialog_base.DialogBehaviour.run
        try:
            wait_for(lambda: not window.roster_tab.model.loading and bool(window.counts_label.text()))

            def shot(name: str, widget: QWidget | QPixmap) -> None:
                target = out / f"{name}.png"
                save(widget, target)
                written.append(target)

            # Getting started: the Overview the window opens on, then the roster.
            overview = window.overview_tab
            window.show_tab(overview)
            wait_for(lambda: overview.figures is not None and overview.figures.alumni_counted
                     and not overview._pending, what="the overview's figures")
            shot("overview", window)
            window.show_tab(window.roster_tab)
            window.roster_tab.table.selectRow(2)
            shot("roster", window)

            # 1. Import: the wizard's columns page on a file of arrivals.
            arrivals = folder / "arrivals from the SCO.csv"
            arrivals.write_text(ARRIVALS, encoding="utf-8")
            wizard = ImportWizard(window.db, window.db_path, window, path=arrivals)
            wizard.show()
            wizard.button(QWizard.WizardButton.NextButton).click()
            wait_for(lambda: wizard.currentId() == ImportWizard.MAPPING and not wizard.busy, what="the columns")
            shot("import", wizard)
            wizard.reject()

            # 2. Place: Courses, Assignment, on the class with the most students.
            window.show_tab(window.courses_tab)
            courses = window.courses_tab
            courses.pages.setCurrentWidget(courses.assignment)
            assignment = courses.assignment
            QTest.qWait(200)
            fullest = max(assignment.class_combo.rows, key=lambda row: row.enrolled)
            assignment.select_class(fullest.id)
            QTest.qWait(200)
            shot("assignment", window)

            # 3. Graduate: the dialog of Graduate class….
            dialog_base.DialogBehaviour.run = photographing_dialogs(out / "graduate.png")  # type: ignore[method-assign]
            if assignment.graduate_button.isEnabled():
                assignment.graduate_button.click()
                written.append(out / "graduate.png")
            dialog_base.DialogBehaviour.run = original_run  # type: ignore[method-assign]

            # 4. Nominate: the Honor Roll's nominations.
            window.show_tab(window.honor_roll_tab)
            honor_roll = window.honor_roll_tab
            honor_roll.pages.setCurrentWidget(honor_roll.nominations_page)
            QTest.qWait(200)
            honor_roll.nominations_page.table.selectRow(0)
            shot("nominations", window)

            # 5. The ceremony: the planned one's inductees.
            window.show_tab(window.ceremonies_tab)
            ceremonies = window.ceremonies_tab
            ceremonies.ceremonies_table.selectRow(0)
            ceremonies.views.setCurrentWidget(ceremonies.inductees_page)
            QTest.qWait(200)
            shot("ceremony", window)

            # 6. Print: the program booklet in the preview.
            preview = _preview_of_the_program(window)
            shot("preview", preview)
            preview.close()

            # 7. Back up: the File menu.
            shot("backup", _menu_picture(window, "File"))
        finally:
            dialog_base.DialogBehaviour.run = original_run  # type: ignore[method-assign]
            window.close()
            if window.db is not None:
                window.db.close()
    return written


def _preview_of_the_program(window: Any) -> QWidget:
    from imet_desktop.ui.documents.entries import print_ceremony_document
    from imet_desktop.ui.documents.preview import running_jobs

    tab = window.ceremonies_tab
    before = set(running_jobs())
    print_ceremony_document(tab, tab.db, tab.selected_ceremony_id(), "program")
    started = [job for job in running_jobs() if job not in before]
    if not started:
        raise SystemExit("the program booklet was not started")
    job = started[0]
    wait_for(lambda: bool(job.outcome), timeout=120, what="the program booklet")
    if job.preview is None:
        raise SystemExit(f"the program booklet was not previewed: {job.outcome}")
    job.preview.resize(900, 640)
    QTest.qWait(400)
    return job.preview


def _menu_picture(window: Any, title: str) -> QPixmap:
    action = next(a for a in window.menuBar().actions() if a.menu() is not None and a.text().replace("&", "") == title)
    menu = action.menu()
    menu.popup(window.mapToGlobal(QPoint(0, window.menuBar().height())))
    QTest.qWait(200)
    picture = menu.grab()
    menu.hide()
    return picture


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=here.parent / "resources" / "guide" / "images",
                        help="where the pictures go")
    parser.add_argument("--students", type=int, default=400, help="size of the demo database")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="imet-guide-settings-") as settings_folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(QSettings.Format.IniFormat, scope, settings_folder)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        written = make_pictures(args.out, args.students)
        missing = [name for name in PICTURES if args.out / f"{name}.png" not in written]
        if missing:
            raise SystemExit(f"no picture made for {', '.join(missing)}")
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
