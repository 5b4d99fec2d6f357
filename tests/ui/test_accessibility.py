"""A screen reader can name every control: each input, button and list of every window, tab and dialog has an
accessible name and a description, in the clerks' words.

The walk builds every tab (all their pages) and every dialog of the program (each built with what it
is given when the clerk opens it, or opened through the clerk's own button with its run() answered
at once), then asks Qt's accessibility layer what a screen reader would hear.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

import imet_desktop.ui
from imet_desktop.ui.common import dialog_base
from imet_desktop.ui.main_window import MainWindow

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)


def _inside_another_control(widget: QWidget) -> bool:
    """Qt's own parts of a control (a spin box's line edit, a combo's list, a table's header and corner button)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar, QScrollBar,
                               QCalendarWidget, QLineEdit)):
            return True
        parent = parent.parentWidget()
    return False


def controls(root: QWidget) -> Iterator[QWidget]:
    """Every control of root that the clerk works with (Qt's inner parts and toolbar extension arrows left out)."""
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
            continue
        if widget.objectName().startswith("qt_") or _inside_another_control(widget):
            continue
        if isinstance(widget.parentWidget(), QToolBar) and not widget.isVisibleTo(widget.parentWidget()):
            continue
        yield widget


def what_a_screen_reader_hears(widget: QWidget) -> tuple[str, str]:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name).strip(), interface.text(QAccessible.Text.Description).strip()


def unnamed(where: str, root: QWidget) -> list[str]:
    """One line per control without a name or a description."""
    problems = []
    for widget in controls(root):
        name, description = what_a_screen_reader_hears(widget)
        if not name or not description:
            label = name or widget.objectName() or type(widget).__name__
            missing = " and ".join(w for w, v in (("name", name), ("description", description)) if not v)
            problems.append(f"{where}: {type(widget).__name__} '{label}' has no {missing}"
                            + (f" [{widget.objectName()}]" if widget.objectName() else ""))
    return problems


# --- every dialog -----------------------------------------------------------------------------------------------

def every_dialog_class() -> set[str]:
    for info in pkgutil.walk_packages(imet_desktop.ui.__path__, "imet_desktop.ui."):
        importlib.import_module(info.name)
    found: set[str] = set()

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("imet_desktop."):
                found.add(sub.__name__)
            walk(sub)

    walk(QDialog)
    return found - {"Dialog", "FormDialog", "WizardDialog", "RecordsDialog", "_HelpWindow"}  # bases


class Opened:
    """The dialogs opened through run() while a clerk's action is performed (each answered Cancel at once)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.dialogs: list[QDialog] = []

        def run(dialog: QDialog) -> bool:
            self.dialogs.append(dialog)
            dialog.show()
            return False

        monkeypatch.setattr(dialog_base.DialogBehaviour, "run", run)

    def by(self, action: Callable[[], object]) -> list[QDialog]:
        before = len(self.dialogs)
        action()
        return self.dialogs[before:]


def dialogs_of_the_program(window: MainWindow, opened: Opened) -> Iterator[QDialog]:
    """Each dialog of the program, as the clerk would open it."""
    from imet_desktop.documents.fonts import MissingGlyph
    from imet_desktop.domain.eligibility import SchoolAttended
    from imet_desktop.domain.records import CeremonyTask, Nomination, Position
    from imet_desktop.ops.photos import PhotoImportReport
    from imet_desktop.store.ceremonies import get_inductee, list_ceremonies
    from imet_desktop.store.class_lists import class_roster
    from imet_desktop.store.courses import list_classes, list_courses, list_seminars
    from imet_desktop.store.duplicates import PossibleDuplicate
    from imet_desktop.store.honor_roll import list_nominations, position_categories
    from imet_desktop.store.reports import load_reporting_rules
    from imet_desktop.ui.ceremonies import dialogs as ceremony_dialogs
    from imet_desktop.ui.ceremonies.held import ReasonDialog
    from imet_desktop.ui.courses import catalogue_dialogs, follow_up_dialogs
    from imet_desktop.ui.courses import dialogs as course_dialogs
    from imet_desktop.ui.documents.preprint import PreprintCheckDialog
    from imet_desktop.ui.honor_roll import graduate_dialogs, nomination_dialogs
    from imet_desktop.ui.roster import dialogs as roster_dialogs
    from imet_desktop.ui.roster.editor import StudentEditor
    from imet_desktop.ui.roster.import_wizard import ImportWizard
    from imet_desktop.ui.settings.countries import AddCountryDialog

    db = window.db
    assert db is not None
    today = dt.date(2027, 4, 22)
    classes = list_classes(db)
    full = max(classes, key=lambda c: c.enrolled)
    entries = class_roster(db, full.id)
    ceremony = next(c for c in list_ceremonies(db) if c.status == "Planned")
    window.show_tab(window.ceremonies_tab)
    window.ceremonies_tab.select_ceremony(ceremony.id)
    inductee_rows = window.ceremonies_tab.inductees_model.rows()
    student_id = window.honor_roll_tab.model.rows()[0].student_id
    categories = position_categories(db)
    missing = [MissingGlyph("Student", "native name", "AMENHOTEP, Ramses", "\U00013000", 0x13000)]

    yield ImportWizard(db, window.db_path, window)
    yield ceremony_dialogs.CeremonyDialog(window)
    yield ceremony_dialogs.InducteeDialog(window, get_inductee(db, inductee_rows[0].id), inductee_rows[0].name)
    yield ceremony_dialogs.ChooseNominationDialog(window, list_nominations(db))
    yield ceremony_dialogs.GuestDialog(window, ceremony_dialogs.GuestForm(
        window.ceremonies_tab.guests_page.model.rows()[0].as_guest(), today, None), inductee_rows)
    yield ceremony_dialogs.TableDialog(window)
    yield ceremony_dialogs.TaskDialog(window, CeremonyTask(ceremony.id, "Parking passes sent"))
    yield ReasonDialog(window, "Reopen ceremony", "Reopen it?", "Reopen ceremony", "Why it is reopened")
    yield graduate_dialogs.PositionDialog(window, Position(student_id, ""), categories)
    yield graduate_dialogs.SchoolDialog(window, SchoolAttended("ACSC", 2010))
    yield graduate_dialogs.GraduateRecordDialog(window, db, student_id)
    yield graduate_dialogs.AddGraduateDialog(window, categories)
    yield graduate_dialogs.ChooseGraduateDialog(window, db)
    yield course_dialogs.OverrideDialog(window, [e.legal_name for e in entries[:2]], ["ECL below the minimum"])
    yield course_dialogs.ClassChoiceDialog(window, "Move to another class", "Move them to:", classes, full.id)
    yield course_dialogs.SeminarDialog(window, [e.legal_name for e in entries[:2]], list_seminars(db, full.id))
    yield course_dialogs.OutcomeDialog(window, entries[0], today)
    yield course_dialogs.GraduateClassDialog(window, full.designator, entries, today)
    yield catalogue_dialogs.CourseDialog(window, None, [c.code for c in list_courses(db)])
    yield catalogue_dialogs.ClassDialog(window, None, list_courses(db))
    yield follow_up_dialogs.NoteDialog(window, "Absent", "Why was the student absent?")
    yield follow_up_dialogs.FspEventDialog(window, None, ["Human rights", "Law of war"])
    yield follow_up_dialogs.ReportingRulesDialog(window, load_reporting_rules(db), today)
    yield nomination_dialogs.NominationDialog(window, db, Nomination(student_id, "Office of Defense Cooperation"))
    yield nomination_dialogs.StatusChangeDialog(window, "Verify", "Verified against the school's records")
    yield nomination_dialogs.AssignCeremonyDialog(window, "KIBET, David", list_ceremonies(db))
    yield from opened.by(window.honor_roll_tab.edit_rules)
    yield PreprintCheckDialog(window, "Induction certificates", missing)
    yield roster_dialogs.StatusDialog(window, current="Projected", who="KOWALSKI, Jan")
    yield roster_dialogs.DuplicateDialog(window, [PossibleDuplicate(
        1, "KOWALSKI, Jan", "1985-03-14", "EA1234567", "PL1000001", False, ("same legal name and date of birth",))],
        "KOWALSKI, Jan")
    yield roster_dialogs.ExportDialog(window, shown=400, selected=3)
    yield roster_dialogs.ImportHistoryDialog(window, db)
    yield roster_dialogs.PhotoReportDialog(window, PhotoImportReport("photos.zip", 3, 0, [("x.png", "no WCN")]))
    yield StudentEditor(db, window.roster_tab.model.ids()[0], window)
    yield StudentEditor(db, None, window)
    yield AddCountryDialog(window)
    yield from opened.by(window.records.restore)
    yield from opened.by(window.records.show_log)
    yield from opened.by(lambda: window.records.show_history("students", student_id, "KIBET, David"))
    yield window.show_guide()
    yield window.show_shortcuts()


def test_every_window_tab_and_dialog_names_every_control(qtbot: QtBot, window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    problems: list[str] = []
    for tab in window.all_tabs():
        window.show_tab(tab)
        for pages in tab.findChildren(QTabWidget):  # every page of the tab, as the clerk goes through them
            for i in range(pages.count()):
                pages.setCurrentIndex(i)
        window.show_tab(tab)
        problems += unnamed(f"{tab.title} tab", tab)
    problems += unnamed("main window", window.statusBar())
    opened = Opened(monkeypatch)
    seen: set[str] = set()
    for dialog in dialogs_of_the_program(window, opened):
        qtbot.addWidget(dialog)
        dialog.show()  # as the clerk (and a screen reader) meets it
        seen.add(type(dialog).__name__)
        problems += unnamed(type(dialog).__name__, dialog)
    from imet_desktop.ui.settings.countries import open_countries_editor

    from .test_keyboard import a_preview

    problems += unnamed("Settings ▸ Countries", open_countries_editor(window, window.db))
    problems += unnamed("Preview", a_preview(qtbot))
    assert problems == [], "\n".join(problems)
    assert every_dialog_class() - seen == set(), "a dialog the walk does not open yet"


def test_a_table_is_named_for_what_it_lists_and_describes_its_columns(window: MainWindow) -> None:
    name, description = what_a_screen_reader_hears(window.roster_tab.table)
    assert name == "Students"
    assert "Legal name" in description and "Arrival" in description
