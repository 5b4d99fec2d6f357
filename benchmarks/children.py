"""The processes the benchmarks time: the program itself where the clerk waits in the window, and each row's
reference. Run by run_all.py as `python benchmarks/children.py KIND ARGS...`, one fresh process per run.

A child prints its measurements as one JSON line on stdout; the parent adds the process's wall time (spawn
to exit, or to a line the child prints) and its peak resident memory (ru_maxrss, from wait4).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

WINDOW_SIZE = (1280, 800)


def rss_mib() -> float:
    """This process's resident memory now."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mib() -> float:
    """This process's peak resident memory so far."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def say(**values: Any) -> None:
    print(json.dumps(values), flush=True)


# --- the window ---------------------------------------------------------------------------------------

def bare_window() -> None:
    """The reference for start-up and memory: an empty PySide6 main window, to its first paint."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Painted(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                say(event="painted", rss=rss_mib(), peak=peak_mib())
                os._exit(0)
            return False

    app = QApplication([])
    window = QMainWindow()
    window.resize(*WINDOW_SIZE)
    spy = Painted()
    window.installEventFilter(spy)
    window.show()
    app.exec()


def furnished_window() -> None:
    """The program's window and first tab in PySide6 alone (benchmarks/furnished.py), to its page painted."""
    from furnished import build

    def painted() -> None:
        say(event="painted", rss=rss_mib(), peak=peak_mib())
        os._exit(0)

    app, window, page = build(WINDOW_SIZE)
    spy = paint_spy(painted)  # as the program's first tab is timed
    page.installEventFilter(spy)
    window.show()
    app.exec()


def when_imported(name: str, then: Any) -> None:
    """Call ``then(module)`` right after the module named is first imported, wherever the program imports it.

    The window child hooks the program's start this way rather than by importing it first: importing
    imet_desktop.app loads Qt, and the command line (`imet-desktop --db`) looks at the file, and may start counting
    its figures, before Qt loads. Once Qt is loaded every module imported costs more (PySide6's import hook), so
    importing the program first made the child's start ~0.1 s slower than the clerk's. The finder is a class with
    the one method the import system asks for, not an ``importlib.abc.MetaPathFinder``: importing that module (and
    importlib.resources with it, ~6 ms) is nothing the program's own start does."""
    import importlib.util

    class Finder:
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            loader = spec.loader if spec is not None else None
            if loader is None:
                return spec
            run_module = loader.exec_module

            def exec_module(module: Any) -> None:
                run_module(module)
                then(module)

            loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, Finder())


def program_window(db_path: str, plan_file: str = "") -> None:
    """The program as the clerk starts it (`imet-desktop --db PATH`), to its first tab painted with what it reads
    (the Overview's figures); then, with a plan, the type-ahead measurements on the Roster of that same window.
    The program's modules are imported in the program's own order (see when_imported)."""
    plan = json.loads(Path(plan_file).read_text()) if plan_file else None
    when_imported("imet_desktop.app", lambda program: hook_start(program, plan))
    from imet_desktop.cli import main

    sys.exit(main(["--db", db_path]))


def program_session(db_path: str) -> None:
    """A clerk's session as the program runs it (`imet-desktop --db PATH`): once the file is open, a change recorded
    (a student's notes saved, with its history), then the window closed as the clerk closes it, and the program's
    own close after it (which keeps the Overview's figures for the next start on the file as it leaves it)."""
    when_imported("imet_desktop.app", hook_session)
    from imet_desktop.cli import main

    status = main(["--db", db_path])
    say(event="closed", rss=rss_mib(), peak=peak_mib())
    sys.exit(status)


def hook_session(program: Any) -> None:
    """Wrap the program's start_gui: the session's change and the window's close once the database is attached."""
    from PySide6.QtCore import QTimer

    started = program.start_gui

    def start_gui(path: Path | None = None) -> Any:
        window = started(path)

        def session() -> None:
            from imet_desktop.store.db import write

            with write(window.db) as db:
                db.execute("UPDATE students SET notes = coalesce(notes, '') || '.' "
                           "WHERE id = (SELECT min(id) FROM students)")
            window.close()

        window.database_attached.connect(lambda: QTimer.singleShot(0, session))
        return window

    program.start_gui = start_gui


def paint_spy(then: Any) -> Any:
    """An event filter that calls ``then`` after the first paint of the widget it is installed on, from the event
    loop once the events queued by that paint are through (the program's first tab, the furnished page)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Painted(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    return Painted()


def hook_start(program: Any, plan: dict[str, Any] | None) -> None:
    """Wrap the program's start_gui (just imported, with Qt) to time the first tab painted, then the plan."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QTableView, QWidget

    started = program.start_gui

    def start_gui(path: Path | None = None) -> Any:
        window = started(path)

        def wait_for_rows() -> None:
            # The first tab with what it reads painted: the Overview's figures (the first tab since issue 15),
            # else (older versions) the roster's first rows.
            overview = window.findChild(QWidget, "overviewTab")
            if overview is not None:
                if overview.figures is None or overview._pending:
                    QTimer.singleShot(1, wait_for_rows)
                    return
                page = overview.pages.currentWidget()
                target = page.widget() if hasattr(page, "widget") else page  # the scroll area's contents
                target.installEventFilter(spy)
                target.update()
                return
            table = window.findChild(QTableView, "rosterTable")
            if table is None or table.model().rowCount() == 0 or table.model().row_at(0) is None:
                QTimer.singleShot(1, wait_for_rows)
                return
            table.viewport().installEventFilter(spy)
            table.viewport().update()

        def shown() -> None:
            say(event="shown", rss=rss_mib(), peak=peak_mib())
            if plan is None:
                os._exit(0)
            try:
                result = typeahead(window, plan)
            except BaseException as e:  # noqa: BLE001 - the parent reports it
                import traceback

                traceback.print_exc()
                say(event="failed", error=repr(e))
                os._exit(1)
            say(event="typed", rss=rss_mib(), peak=peak_mib(), **result)
            os._exit(0)

        spy = paint_spy(shown)
        QTimer.singleShot(0, wait_for_rows)
        return window

    program.start_gui = start_gui


def typeahead(window: Any, plan: dict[str, Any]) -> dict[str, Any]:
    """For each prefix: the box holds all but its last letter (settled), then the last letter's key press to the
    first screen of its matches painted. The clock stops when the rows are on screen, whatever follows (the count)."""
    from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    tab = window.roster_tab
    window.show_tab(tab)  # the clerk goes to the Roster (the window opens on the Overview)
    model, table, box = tab.model, tab.table, tab.search_box
    shown = [0]
    model.rows_shown.connect(lambda: shown.__setitem__(0, shown[0] + 1))

    # One event loop, woken after a millisecond or when rows are shown, for every wait: a loop, a single-shot timer
    # and a connection made afresh for each turn cost PySide6 ~45 bytes apiece that it never frees (~100,000 turns,
    # 4.3 MiB, in a session's peak memory that is the program's to show, not this harness's).
    loop, tick = QEventLoop(), QTimer()
    tick.setSingleShot(True)
    tick.setInterval(1)
    tick.timeout.connect(loop.quit)
    model.rows_shown.connect(loop.quit)

    def wait(condition: Any, timeout: float = 60.0) -> None:
        """Run Qt's event loop (as the program does; a Python loop would starve the reader thread) until true."""
        end = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > end:
                raise TimeoutError("the roster did not answer")
            tick.start()
            loop.exec()

    def settled(text: str) -> bool:
        return (model.search_text.strip() == text.strip() and not model.loading
                and not tab._pause.isActive())

    def settle(text: str) -> None:
        wait(lambda: settled(text))
        end = time.perf_counter() + 0.03
        while time.perf_counter() < end:
            QApplication.processEvents()

    wait(lambda: not model.loading and model.rowCount() > 0)
    box.setFocus()
    results: dict[str, list[float]] = {}
    for prefix in plan["prefixes"]:
        for _ in range(plan.get("repeat", 1)):
            box.clear()
            settle("")
            if len(prefix) > 1:
                QTest.keyClicks(box, prefix[:-1])
                settle(prefix[:-1])
            before = shown[0]
            start = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(box, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, prefix[-1]))
            wait(lambda p=prefix, b=before: shown[0] > b and model.search_text.strip() == p)
            table.viewport().repaint()
            results.setdefault(prefix, []).append((time.perf_counter() - start) * 1000)
    box.clear()
    settle("")
    return {"typeahead": results, "rows": model.rowCount()}


# --- a ceremony of 1,000 ------------------------------------------------------------------------------

def ceremony(db_path: str, ceremony_id: str, adds: str) -> None:
    """The Ceremonies tab on a ceremony of 1,000 inductees: adding a graduate (as Add graduate… does), removing
    one and moving one, each timed from the call to the inductees' table painted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from imet_desktop import app as program
    from imet_desktop.store.db import open_database
    from imet_desktop.ui.ceremonies import held as held_module
    from imet_desktop.ui.ceremonies import inductees as page_module
    from imet_desktop.ui.common import dialogs

    qapp = QApplication([])
    db = open_database(Path(db_path), daily_backup=False)
    window = program.build_main_window(db, Path(db_path))
    window.resize(*WINDOW_SIZE)
    window.show()
    tab = window.ceremonies_tab
    window.show_tab(tab)
    qapp.processEvents()
    assert tab.select_ceremony(int(ceremony_id))
    page = tab.inductees_page
    tab.views.setCurrentWidget(page)
    qapp.processEvents()
    count = page.model.rowCount()
    candidates = [r[0] for r in db.execute(
        "SELECT id FROM students WHERE archived_at IS NULL AND id NOT IN (SELECT student_id FROM inductions) "
        "AND id NOT IN (SELECT student_id FROM ceremony_inductees) ORDER BY id LIMIT ?", [int(adds)])]
    queue = list(candidates)
    # The clerk's choices, where the page asks for them (whichever module the dialog lives in).
    page_module.ChooseGraduateDialog.ask = classmethod(lambda cls, *a, **k: queue.pop(0))  # type: ignore
    page_module.dialogs.ask_yes_no = dialogs.ask_yes_no = lambda *a, **k: True  # type: ignore
    # the graduates are not all eligible for the Honor Roll: the clerk gives the override's reason
    held_module.ReasonDialog.ask = classmethod(lambda cls, *a, **k: "a benchmark's override")  # type: ignore

    def timed(action: Any) -> float:
        start = time.perf_counter()
        assert action() is not False
        qapp.processEvents()
        page.table.viewport().repaint()
        return (time.perf_counter() - start) * 1000

    added = [timed(page.add_graduate) for _ in candidates]
    moved, removed = [], []
    for _ in candidates:
        # The clerk's click selects the row (and scrolls to it) before the move is asked for: that click's
        # repaint is the click's, so it is painted before the clock starts, not charged to the move.
        page.table.selectRow(page.model.rowCount() - 1)
        qapp.processEvents()
        moved.append(timed(lambda: page.move_selected(-1)))
        page.table.selectRow(page.model.rowCount() - 2)
        qapp.processEvents()
        removed.append(timed(page.remove_selected))
    say(event="done", inductees=count, add=added, move=moved, remove=removed, after=page.model.rowCount())
    window.close()
    os._exit(0)


# --- references -----------------------------------------------------------------------------------

def plain_import(csv_path: str, db_path: str) -> None:
    """The import's floor: csv.reader over the file, one executemany of its rows into the same schema (same
    indexes), one transaction, written as the import writes: the students' per-row insert triggers set aside in
    the transaction and the full-text index filled in one statement after the rows, temporary storage in memory,
    the same cache. No checks, no conversion beyond what the columns need, no history, no search text."""
    import csv
    import sqlite3

    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA cache_size = -32768")
    codes = {name: code for code, name in con.execute("SELECT code, name FROM countries")}
    fts = ["legal_family_name", "legal_given_names", "display_name", "native_name", "search_text"]
    with open(csv_path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        rows = ((r[0], r[1], r[2], codes.get(r[3]), r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], int(r[12]),
                 r[13], r[14], r[15], r[16], r[17], r[18]) for r in reader)
        con.execute("BEGIN IMMEDIATE")
        triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'students' "
                               "AND upper(sql) LIKE '%AFTER INSERT%'").fetchall()
        for name, _sql in triggers:
            con.execute(f"DROP TRIGGER [{name}]")
        first = con.execute("SELECT coalesce(max(id), 0) FROM students").fetchone()[0]
        con.executemany(
            "INSERT INTO students (legal_family_name, legal_given_names, native_name, country_code, country_rank, "
            "us_rank, pay_grade, service, sex, date_of_birth, place_of_birth, wcn, ecl_score, ito_number, "
            "fms_case_id, funding_program, arrival_date, passport_number, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        con.execute(f"INSERT INTO students_fts (rowid, {', '.join(fts)}) SELECT id, {', '.join(fts)} FROM students "
                    "WHERE id > ? ORDER BY id", [first])
        for _name, sql in triggers:
            con.execute(sql)
        con.execute("COMMIT")
    count = con.execute("SELECT count(*) FROM students").fetchone()[0]
    con.close()
    say(event="done", students=count)


def plain_xlsx(xlsx_path: str) -> None:
    """The XLSX floor: openpyxl's read-only parse of every row (values only), nothing else."""
    from openpyxl import load_workbook

    workbook = load_workbook(xlsx_path, read_only=True, data_only=True)
    rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    say(event="done", rows=rows)


EXPORT_SQL = """
SELECT id, {columns} FROM students WHERE archived_at IS NULL
ORDER BY legal_family_name COLLATE NOCASE, legal_given_names COLLATE NOCASE, id
"""


def plain_export(db_path: str, out: str, columns: str) -> None:
    """The export's floor: the same students in the same order, one query, csv.writer."""
    import csv
    import sqlite3

    con = sqlite3.connect(db_path)
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        cursor = con.execute(EXPORT_SQL.format(columns=columns))
        writer.writerow([d[0] for d in cursor.description])
        count = 0
        while rows := cursor.fetchmany(2000):
            writer.writerows(rows)
            count += len(rows)
    con.close()
    say(event="done", rows=count)


def plain_certificates(db_path: str, ceremony_id: str, out: str) -> None:
    """The certificates' floor: plain ReportLab, the same page, seal and text, each name in the same embedded font
    the program's certificate uses for its script (every bundled font registered up front), no shaping."""
    import sqlite3
    import unicodedata

    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from imet_desktop.paths import resource

    fonts = {"Serif": "DejaVuSerif.ttf", "Serif-Bold": "DejaVuSerif-Bold.ttf", "Serif-Italic": "DejaVuSerif-Italic.ttf",
             "Sans": "DejaVuSans.ttf", "Hebrew": "NotoSansHebrew-Regular.ttf", "Thai": "NotoSansThai-Regular.ttf",
             "Devanagari": "NotoSansDevanagari-Regular.ttf", "Bengali": "NotoSansBengali-Regular.ttf",
             "CJK": "wqy-microhei.ttc"}
    for name, file in fonts.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file))))

    def font_for(text: str) -> str:
        for ch in text:
            script = unicodedata.name(ch, "").split(" ")[0]
            if script in ("HEBREW", "THAI", "DEVANAGARI", "BENGALI"):
                return script.capitalize()
            if script in ("CJK", "HANGUL", "HIRAGANA", "KATAKANA"):
                return "CJK"
        return "Serif-Bold"

    con = sqlite3.connect(db_path)
    rows = con.execute(
        "SELECT s.legal_family_name, s.legal_given_names, s.native_name, s.country_rank, coalesce(c.name, ''), "
        "i.position_title FROM ceremony_inductees i JOIN students s ON s.id = i.student_id "
        "LEFT JOIN countries c ON c.code = s.country_code WHERE i.ceremony_id = ? ORDER BY i.sort_order, i.id",
        [int(ceremony_id)]).fetchall()
    con.close()
    width, height = landscape(letter)
    c = Canvas(out, pagesize=(width, height))
    c.beginForm("static")
    c.setLineWidth(3)
    c.rect(24, 24, width - 48, height - 48)
    c.drawImage(str(resource("images", "seal.png")), width / 2 - 33, height - 128, 66, 66, mask="auto")
    c.setFont("Serif-Bold", 30)
    c.drawCentredString(width / 2, height - 186, "International Honor Roll")
    c.endForm()
    for family, given, native, rank, country, position in rows:
        c.doForm("static")
        y = height - 232
        for text, font, size in (("This is to certify that", "Serif-Italic", 13), (rank, "Serif", 15),
                                 (f"{family} {given}", font_for(family + given), 32),
                                 (native, font_for(native) if native else "Serif", 21),
                                 (position, "Serif-Italic", 14), (country, "Serif-Bold", 13)):
            c.setFont(font, size)
            c.drawCentredString(width / 2, y, text)
            y -= 30
        c.showPage()
    c.save()
    say(event="done", pages=len(rows))


KINDS = {"bare-window": bare_window, "furnished-window": furnished_window, "window": program_window,
         "session": program_session, "ceremony": ceremony, "plain-import": plain_import,
         "plain-xlsx": plain_xlsx, "plain-export": plain_export, "plain-certificates": plain_certificates}

if __name__ == "__main__":
    KINDS[sys.argv[1]](*sys.argv[2:])
