"""The main window: menus, the five tabs, the status bar, and which database is open.

The window is shown before the database is opened (``attach_database`` follows); this module does not import the
store or sqlite-utils at the top: the window is on screen nearly as fast as a bare Qt window (see imet_desktop.app).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from imet_desktop.ui import database_files
from imet_desktop.ui.common import dialogs, settings
from imet_desktop.ui.common.formatting import count_text
from imet_desktop.ui.common.reader import DatabaseReader, use_window_cache
from imet_desktop.ui.common.tab import Tab
from imet_desktop.ui.common.widgets import ElidedLabel
from imet_desktop.ui.records.window import RecordsSupport

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QCloseEvent
    from sqlite_utils import Database

    from imet_desktop.domain.overview import Overview
    from imet_desktop.store.stats import RecordCounts
    from imet_desktop.ui.ceremonies.tab import CeremoniesTab
    from imet_desktop.ui.common.jobs import Job, Work
    from imet_desktop.ui.courses.tab import CoursesTab
    from imet_desktop.ui.honor_roll.tab import HonorRollTab
    from imet_desktop.ui.overview.tab import OverviewTab
    from imet_desktop.ui.roster.tab import RosterTab

WINDOW_NAME = "main"
DEFAULT_SIZE = (1280, 800)
FIRST_FIGURES_WAIT_MS = 3000
"""How long the work that waits for the Overview's first figures (after_first_figures) waits at most."""
DEMO_STUDENTS = 400
"""How many invented students the demo data offered on a new database brings."""


def _lazy_tab(package: str, name: str) -> Callable[[], Tab]:
    """A tab's factory: its module (imet_desktop.ui.<package>.tab) is imported the first time the tab is built."""
    return lambda: getattr(importlib.import_module(f"imet_desktop.ui.{package}.tab"), name)()


def _complete_accessibility(tab: QWidget) -> None:
    """A tab's toolbar buttons put in the Tab order and every control named for a screen reader: for the tab on screen
    at start, once the Overview's first figures are painted (the Qt classes and the walk would delay them)."""
    from imet_desktop.ui.common.accessibility import complete, toolbars_in_tab_order

    toolbars_in_tab_order(tab)
    complete(tab)


class _Page(QWidget):
    """A page of the tab widget; the tab on it is built the first time it is needed."""

    def __init__(self, title: str, factory: Callable[[], Tab]) -> None:
        super().__init__()
        self.title = title
        self.tab: Tab | None = None
        self._factory = factory
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> None:
        self.tab = self._factory()
        self.layout().addWidget(self.tab)


class MainWindow(QMainWindow):
    """The program's window over one open database; it owns the connection it is given."""

    database_attached = Signal()
    """A database was opened in the window (at startup, or another one through the File menu)."""
    records_changed = Signal()
    """A tab wrote to the database; the other tabs read again when next shown and the counts are read again."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.db: Database | None = None
        self.db_path = Path(db_path).resolve()
        self.startup_failed = False
        self._closed = False
        self.reader = DatabaseReader(self)  # slow reads (the roster's ids, counts) off the GUI thread
        self.overview_reader: DatabaseReader | None = None

        # Each tab is built (and its module imported) the first time it is shown.
        self._pages = [
            _Page("Overview", self._overview_tab),
            _Page("Roster", self._roster_tab),
            _Page("Courses", _lazy_tab("courses", "CoursesTab")),
            _Page("Honor Roll", _lazy_tab("honor_roll", "HonorRollTab")),
            _Page("Ceremonies", _lazy_tab("ceremonies", "CeremoniesTab")),
        ]
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for page in self._pages:
            self.tabs.addTab(page, page.title)
        self.setCentralWidget(self.tabs)

        self.path_label = ElidedLabel()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("recordCounts")
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)

        self._build_menus()
        self.records = RecordsSupport(self)  # restore, backups folder, undo/redo, database log, read-only mode
        self.tabs.currentChanged.connect(self._tab_changed)
        # The first tab (the Overview) is built with the database, right after the window is first painted
        # (start-up: its module and Qt's enums cost ~35 ms that the first frame need not wait for).
        self._current_tab: Tab | None = None
        self._waiting: list[Callable[[], None]] = []  # see after_first_figures
        self._kept_at_start: Overview | None = None  # see show_kept_figures
        self._opening: Callable[[], None] | None = None
        self._show_database_name()
        self._set_database_actions_enabled(False)
        self._restore_geometry()

    def attach_database(self, db: Database, db_path: Path | None = None) -> None:
        """Show an open database (the window's first, or in place of the current one, which is closed)."""
        from imet_desktop.ui.common.fonts import install_screen_fonts

        install_screen_fonts()  # before any name is drawn; after the first figures, which it would slow
        from imet_desktop.ui.common.country_field import use_office_countries

        old, old_path = self.db, self.db_path
        self.db = db
        use_window_cache(db)
        use_office_countries(db)  # the country pickers list the office's names
        if db_path is not None:
            self.db_path = Path(db_path).resolve()
        for tab in self.built_tabs():
            tab.set_database(db, self.db_path)
        if self._current_tab is None:
            self._tab_changed(self.tabs.currentIndex())
        if old is not None:  # its figures kept as the window's close keeps them: its next start shows them at once
            from imet_desktop.ops.kept import close_keeping

            close_keeping(old, old_path)
        self._show_database_name()
        self._set_database_actions_enabled(True)
        settings.remember_database(self.db_path)
        database_files.rebuild_recent_menu(self)
        self.counts_label.setText("")
        self.after_first_figures(self.update_counts)  # the Overview's count first: it is what the clerk waits for
        self.records.attached(db)
        self.database_attached.emit()

    def _show_database_name(self) -> None:
        self.setWindowTitle(f"IMET Desktop — {self.db_path.name}")
        self.path_label.setText(str(self.db_path))

    def _set_database_actions_enabled(self, enabled: bool) -> None:
        for action in (self.backup_action, self.copy_action, self.find_action, self.refresh_action,
                       self.countries_action, self.print_overview_action):
            action.setEnabled(enabled)
        self._show_tab_commands()

    # --- tabs --------------------------------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        """True once the window has been closed (its threads have ended)."""
        return self._closed

    def _tab(self, index: int, *, complete: bool = True) -> Tab:
        page = self._pages[index]
        if page.tab is None:
            page.build()
            assert page.tab is not None
            tab = page.tab
            tab.records_changed.connect(lambda: self._records_changed_by(tab))
            tab.uncounted_records_changed.connect(lambda: self._records_changed_by(tab, recount=False))
            tab.commands_changed.connect(self._show_tab_commands)
            if complete:
                _complete_accessibility(tab)
            if self.db is not None:
                page.tab.set_database(self.db, self.db_path)
        return page.tab

    def _overview_tab(self) -> OverviewTab:
        self.overview_reader = DatabaseReader(self, close_when_idle=True)  # asked seldom: no connection in between
        counting, kept, kept_of = None, self._kept_at_start, None if self.db is not None else self.db_path
        if self.db is not None and self.tabs.currentIndex() == 0:  # its figures asked for now (see counting.ahead)
            from imet_desktop.ui.overview.counting import ahead

            counting, kept = ahead(self.overview_reader, self.db_path)
        from imet_desktop.ui.overview.tab import OverviewTab

        # A reader of its own: the Overview is counted at once, never behind the roster's 600,000 ids.
        tab = OverviewTab(reader=self.overview_reader, counting=counting, kept=kept, kept_of=kept_of)
        tab.painted.connect(self._run_waiting_in_turn)
        tab.link_activated.connect(self._follow)
        return tab

    def _follow(self, link: object) -> None:
        from imet_desktop.ui.overview import navigate  # when a figure is first opened, not before the first paint

        if self.db is not None:  # kept figures are on screen a moment before their file is open (show_kept_figures)
            navigate.follow(self, link)

    def show_kept_figures(self, kept: Overview, then: Callable[[], None]) -> None:
        """At start, before the file is opened: the Overview with the figures kept for it from the last start on the
        unchanged file (ops.kept), and ``then`` (the file opened) once they are painted, before what else waits."""
        from imet_desktop.domain.overview import texts
        from imet_desktop.ui.common.fonts import drawn_by_desktop_font, install_screen_fonts

        if not drawn_by_desktop_font(texts(kept)):
            install_screen_fonts()  # before a name the desktop's font may not draw; else once the file is opened
        self._kept_at_start = kept
        self.current_tab()  # the Overview, built with them
        self._kept_at_start = None
        self._opening = then  # dropped if the window is closed first (closeEvent): nothing to open then
        self.after_first_figures(then, first=True)

    def after_first_figures(self, then: Callable[[], None], *, first: bool = False) -> None:
        """Run ``then`` once the Overview on screen has painted the figures it is counting (or after a few seconds,
        if it cannot); at once if it is not counting; before what already waits if ``first``. At start, the status
        bar's counts and the file's checks and daily backup wait for the first figures painted: on two cores they
        would slow what the clerk waits for. Closing the window runs whatever still waits (a daily backup is taken
        all the same)."""
        tab = self._pages[0].tab
        if tab is None or self._current_tab is not tab or not getattr(tab, "is_counting", False):
            then()
            return
        self._waiting.insert(0 if first else len(self._waiting), then)
        if len(self._waiting) == 1:
            QTimer.singleShot(FIRST_FIGURES_WAIT_MS, self._run_waiting_in_turn)

    def _run_waiting(self) -> None:
        while self._waiting:
            self._waiting.pop(0)()

    def _run_waiting_in_turn(self) -> None:
        """What waits for the first figures, one per turn of the event loop (a paint asked for meanwhile goes first)."""
        if self._waiting:
            self._waiting.pop(0)()
        if self._waiting:
            QTimer.singleShot(0, self._run_waiting_in_turn)

    @property
    def overview_tab(self) -> OverviewTab:
        """The Overview tab (the first)."""
        return self._tab(0)  # type: ignore[return-value]

    def print_overview(self) -> None:
        """File ▸ Print overview: the Overview's figures through the print preview (once counted)."""
        tab = self.overview_tab
        self.show_tab(tab)
        tab.print_view()

    def _roster_tab(self) -> RosterTab:
        from imet_desktop.ui.roster.tab import RosterTab

        return RosterTab(reader=self.reader)

    @property
    def roster_tab(self) -> RosterTab:
        """The Roster tab."""
        return self._tab(1)  # type: ignore[return-value]

    @property
    def courses_tab(self) -> CoursesTab:
        """The Courses tab (built when first asked for)."""
        return self._tab(2)  # type: ignore[return-value]

    @property
    def honor_roll_tab(self) -> HonorRollTab:
        """The Honor Roll tab (built when first asked for)."""
        return self._tab(3)  # type: ignore[return-value]

    @property
    def ceremonies_tab(self) -> CeremoniesTab:
        """The Ceremonies tab (built when first asked for)."""
        return self._tab(4)  # type: ignore[return-value]

    def all_tabs(self) -> list[Tab]:
        """The tabs, in order (building those not built yet)."""
        return [self._tab(i) for i in range(len(self._pages))]

    def built_tabs(self) -> list[Tab]:
        """The tabs built so far."""
        return [p.tab for p in self._pages if p.tab is not None]

    def current_tab(self) -> Tab:
        """The tab on screen."""
        if self._current_tab is None:
            self._tab_changed(self.tabs.currentIndex())
            assert self._current_tab is not None
        return self._current_tab

    def show_tab(self, tab: Tab) -> None:
        """Bring a tab to the front."""
        self.tabs.setCurrentWidget(tab.parentWidget())

    def _tab_changed(self, index: int) -> None:
        if self._current_tab is not None:
            self._current_tab.deactivate()
            if self._waiting and self._current_tab is self._pages[0].tab:
                # The clerk left the Overview before its first figures: what waited for them need wait no longer.
                QTimer.singleShot(0, self._run_waiting_in_turn)
        tab = self._current_tab = self._tab(index, complete=False)
        tab.activate()
        # Toolbar buttons in the Tab order and controls named for a screen reader (its pages may have made controls
        # since); once the Overview's figures are painted.
        self.after_first_figures(lambda: _complete_accessibility(tab))
        self.view_actions[index].setChecked(True)
        self._show_tab_commands()

    def _show_tab_commands(self) -> None:
        """Word File ▸ New… and Print… for the tab on screen ("New student…", "Print the roster…")."""
        tab = self._current_tab
        new = tab.new_record_text() if tab is not None else ""
        printing = tab.print_text() if tab is not None else ""
        self.new_record_action.setText(new or "&New…")
        self.print_view_action.setText(printing or "&Print…")
        self.new_record_action.setEnabled(bool(new) and self.db is not None)
        self.print_view_action.setEnabled(bool(printing) and self.db is not None)

    # --- menus -------------------------------------------------------------------------------------------
    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.aboutToShow.connect(self._show_tab_commands)
        # Ctrl+N and Ctrl+P work on the tab on screen: a new student, class, nomination, ceremony…
        self.new_record_action = self._action("&New…", self.new_record, QKeySequence.StandardKey.New, "newRecord")
        self.print_view_action = self._action("&Print…", self.print_view, QKeySequence.StandardKey.Print,
                                              "printView")
        # No shortcut: a new database is rare, and one key away from a new record it would be a trap.
        self.new_action = self._action("New &database…", lambda: database_files.new_database(self),
                                       name="newDatabase")
        self.open_action = self._action("&Open…", lambda: database_files.open_database_dialog(self),
                                        QKeySequence.StandardKey.Open, "openDatabase")
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.setObjectName("recentMenu")
        self.backup_action = self._action("&Backup now…", lambda: database_files.backup_now(self),
                                          "Ctrl+Shift+B", "backupNow")
        self.print_overview_action = self._action("&Print overview…", self.print_overview, name="printOverview")
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "quit")
        file_menu.insertActions(self.recent_menu.menuAction(), [self.new_record_action, self.print_view_action])
        file_menu.insertSeparator(self.recent_menu.menuAction())
        file_menu.insertActions(self.recent_menu.menuAction(), [self.new_action, self.open_action])
        file_menu.addSeparator()
        file_menu.addAction(self.print_overview_action)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        self.copy_action = self._action("&Copy selected rows", self.copy_selection, QKeySequence.StandardKey.Copy,
                                        "copyRows")
        self.find_action = self._action("&Find…", self.find, QKeySequence.StandardKey.Find, "find")
        edit_menu.addActions([self.copy_action, self.find_action])

        view_menu = bar.addMenu("&View")
        group = QActionGroup(self)
        self.view_actions: list[QAction] = []
        for i, page in enumerate(self._pages):
            action = self._action(f"&{page.title}", lambda _checked=False, i=i: self.tabs.setCurrentIndex(i),
                                  f"Ctrl+{i + 1}")
            action.setCheckable(True)
            group.addAction(action)
            self.view_actions.append(action)
        self.view_actions[0].setChecked(True)
        view_menu.addActions(self.view_actions)
        view_menu.addSeparator()
        self.refresh_action = self._action("&Refresh", self.refresh, QKeySequence.StandardKey.Refresh, "refresh")
        self.refresh_action.setShortcut("F5")
        view_menu.addAction(self.refresh_action)

        self.countries_action = self._action("&Countries…", self.show_countries, name="countries")
        bar.addMenu("&Settings").addAction(self.countries_action)

        help_menu = bar.addMenu("&Help")
        self.guide_action = self._action("Clerk's &guide", self.show_guide, QKeySequence.StandardKey.HelpContents,
                                         "clerksGuide")
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts, name="keyboardShortcuts")
        self.about_action = self._action("&About IMET Desktop", self.show_about, name="about")
        help_menu.addActions([self.guide_action, self.shortcuts_action])
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def show_countries(self) -> None:
        """Settings ▸ Countries: the office's names for every country, beside the window."""
        from imet_desktop.ui.settings.countries import open_countries_editor

        if self.db is not None:
            self.countries_editor = open_countries_editor(self, self.db)

    # --- the open database -----------------------------------------------------------------------------
    def switch_database(self, path: Path, *, create: bool = False) -> bool:
        """Open another database in place of the current one; on failure say why and keep the current one. A path
        with no file is made a new database only with ``create`` or when the clerk says so (demo data offered too)."""
        from imet_desktop.ui.records.opening import open_database_in

        path = Path(path).expanduser().resolve()
        if path == self.db_path and self.db is not None:
            return True
        asked = not create and not path.exists()
        if asked:
            # A path that is not there is often a mistyped or moved one: never work in an empty file unasked.
            if not dialogs.ask_yes_no(self, "Open database",
                                      f"There is no database at\n{path}\n\nCreate a new, empty database there?"):
                return False
            create = True
        # held, damaged or shared: says why and offers a way out
        db = open_database_in(self, path, create=create, note=f"{self.db_path.name} stays open.")
        if db is None:
            return False
        self.attach_database(db, db.path)
        if asked:
            self.offer_demo_data()
        return True

    def offer_demo_data(self) -> bool:
        """A new database: offer to fill it with invented records to try the program; True when filled."""
        from imet_desktop.store.roster import count_students

        if self.db is None or count_students(self.db) != 0:
            return False
        if not dialogs.ask_yes_no(
                self, "A new database",
                f"A new, empty database was created at\n{self.db_path}\n\n"
                f"Fill it with demo data ({DEMO_STUDENTS} invented students, courses, classes, honorees and "
                "ceremonies) to try the program? Start a clean database for the real records with "
                "File › New database…"):
            return False
        self.fill_demo_data(DEMO_STUDENTS)
        return True

    def update_counts(self) -> None:
        """Count the records of the open database (in the background) and show them in the status bar."""
        from imet_desktop.store.stats import record_counts

        if not self._closed and self.db is not None:
            self.reader.submit("counts", self.db_path, record_counts, self._show_counts)

    def _show_counts(self, c: RecordCounts) -> None:
        self.counts_label.setText(" · ".join([
            count_text(c.students, "student"), count_text(c.courses, "course"),
            count_text(c.classes, "class", "classes"), count_text(c.honorees, "honoree"),
            count_text(c.ceremonies, "ceremony", "ceremonies")]))

    def _records_changed_by(self, source: Tab, *, recount: bool = True) -> None:
        # Not recounted for a change that cannot alter the counts (600,000 students counted for an inductee added).
        for tab in self.built_tabs():
            if tab is not source:
                tab.invalidate()
        if recount:
            self.update_counts()
        self.records_changed.emit()

    def refresh(self) -> None:
        """Read everything again (F5): the tab on screen now, the others when next shown."""
        for tab in self.built_tabs():
            tab.invalidate()
        self.update_counts()

    # --- background work --------------------------------------------------------------------------------
    def job(self, doing: str, work: Work, *, title: str = "") -> Job:
        """A job of the window's (ui.common.jobs), its progress in the status bar; chain, then run_in_background()."""
        from imet_desktop.ui.common.jobs import Job

        job = Job(self, doing, work, title=title)
        shown = [""]  # the job's last words in the status bar, taken down when it ends unless others came since
        job.on_progress(lambda _done, _total, text: self._job_progress(text, shown))
        job.finished.connect(lambda outcome: self._job_finished(outcome, shown[0]))
        return job

    def jobs(self) -> list[Job]:
        """The jobs started from the window or a tab of it, still running."""
        from imet_desktop.ui.common.jobs import running_jobs

        return running_jobs(self)

    def _job_progress(self, text: str, shown: list[str]) -> None:
        if text and not self._closed:
            self.statusBar().showMessage(text)
            shown[0] = text

    def _job_finished(self, outcome: str, shown: str) -> None:
        # A success's callback may have said something (today's backup): only the job's own "Checking…" goes then.
        if not self._closed and (outcome != "succeeded" or self.statusBar().currentMessage() == shown):
            self.statusBar().clearMessage()

    def fill_demo_data(self, students: int = 400) -> Job:
        """Fill the open database with invented records, in the background."""
        from imet_desktop.ops.demo import fill_demo_data

        db_path = self.db_path
        self.statusBar().showMessage("Adding demo data…")
        return (self.job("adding demo data", lambda progress: fill_demo_data(db_path, students, progress),
                         title="Demo data could not be added")
                .success(self._demo_data_added).run_in_background())

    def _demo_data_added(self, _summary: object) -> None:
        if self._closed:
            return
        self.statusBar().showMessage("Demo data added.", 10_000)
        self.refresh()

    # --- Edit and Help ----------------------------------------------------------------------------------
    def copy_selection(self) -> str:
        """Copy the selected rows of the table in use as tab-separated text; returns the text."""
        from imet_desktop.ui.common.tables import selected_rows_as_text

        text = selected_rows_as_text(self.current_tab().current_table())
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def new_record(self) -> object:
        """File ▸ New… (Ctrl+N): a new record of what the tab on screen lists."""
        if self.db is None or not self.current_tab().new_record_text():
            return None
        return self.current_tab().new_record()

    def print_view(self) -> object:
        """File ▸ Print… (Ctrl+P): what the tab on screen shows, through the preview."""
        if self.db is None or not self.current_tab().print_text():
            return None
        return self.current_tab().print_view()

    def find(self) -> None:
        """Put the cursor in a search box: the tab's own, else the roster's."""
        if not self.current_tab().focus_search():
            self.show_tab(self.roster_tab)
            self.roster_tab.focus_search()

    def show_guide(self, section: str = "") -> QWidget:
        """Help ▸ Clerk's guide, beside the window (once: asking again brings it to the front)."""
        from imet_desktop.ui.help import GuideWindow, show_once

        self.guide_window = show_once(self, "guide_window", lambda: GuideWindow(self))
        if section:
            self.guide_window.show_section(section)
        return self.guide_window

    def show_shortcuts(self) -> QWidget:
        """Help ▸ Keyboard shortcuts: every key, read from the menus and tabs (once, like the guide)."""
        from imet_desktop.ui.help import ShortcutsWindow, show_once

        self.shortcuts_window = show_once(self, "shortcuts_window", lambda: ShortcutsWindow(self, self.all_tabs()))
        return self.shortcuts_window

    def show_about(self) -> None:
        """The About box: versions and the open database's path."""
        from imet_desktop.ui import about

        dialogs.show_about(self, "About IMET Desktop", about.about_text(self.db_path))

    # --- window state -----------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry, state = settings.window_state(WINDOW_NAME)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        settings.save_window_state(WINDOW_NAME, self.saveGeometry(), self.saveState())
        if self.db is not None:
            settings.remember_database(self.db_path)
        from imet_desktop.ui.common.jobs import wait_for_jobs

        if self._opening in self._waiting:
            self._waiting.remove(self._opening)
        self._run_waiting()  # the day's backup, if it was still to start
        wait_for_jobs(self.jobs(), cancel=False)  # a thread destroyed while running aborts the program
        self.reader.shutdown()
        from imet_desktop.ui.common.search import SearchBox

        for box in self.findChildren(SearchBox):
            box.drop_pending()  # a search still waiting for the typing to pause would read a closed database
        if self.overview_reader is not None:
            self.overview_reader.shutdown()
        self._closed = True
        super().closeEvent(event)
