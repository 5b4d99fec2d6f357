"""The Courses tab: the catalogue, placing students in classes, the Field Studies Program, the reporting clock.

Each page reads from the database when it is first shown; a page that writes says so (``changed``)
and the others read again when next shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTableView, QTabWidget, QVBoxLayout, QWidget

from imet_desktop.ui.common.tab import Tab, popup_menu
from imet_desktop.ui.courses.assignment import AssignmentView
from imet_desktop.ui.courses.catalogue import CatalogueView
from imet_desktop.ui.courses.common import CourseView
from imet_desktop.ui.courses.field_studies import FieldStudiesView
from imet_desktop.ui.courses.reporting import ReportingView

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QLabel, QPushButton
    from sqlite_utils import Database

    from imet_desktop.ui.courses.models import ClassesModel, CoursesModel


class CoursesTab(Tab):
    """Four pages: Catalogue, Assignment, Field studies, Reporting."""

    title = "Courses"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = CatalogueView()
        self.assignment = AssignmentView()
        self.field_studies = FieldStudiesView()
        self.reporting = ReportingView()
        self.pages = QTabWidget()
        self.pages.setObjectName("coursesPages")
        self.pages.addTab(self.catalogue, "Catalogue and classes")
        self.pages.addTab(self.assignment, "Assignment")
        self.pages.addTab(self.field_studies, "Field Studies Program")
        self.pages.addTab(self.reporting, "Reporting clock")
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        for view in self.views():
            view.changed.connect(lambda v=view: self._view_changed(v))
        self.pages.currentChanged.connect(self._page_changed)
        self.pages.currentChanged.connect(lambda _index: self.commands_changed.emit())
        self.catalogue.place_requested.connect(self.place_in_class)

    def views(self) -> list[CourseView]:
        """The pages, in order."""
        return [self.catalogue, self.assignment, self.field_studies, self.reporting]

    def current_view(self) -> CourseView:
        """The page on screen."""
        widget = self.pages.currentWidget()
        assert isinstance(widget, CourseView)
        return widget

    # The catalogue's widgets, where the first version of this tab had them.
    @property
    def courses_model(self) -> CoursesModel:
        """The course catalogue's model."""
        return self.catalogue.courses_model

    @property
    def classes_model(self) -> ClassesModel:
        """The classes list's model."""
        return self.catalogue.classes_model

    @property
    def courses_table(self) -> QTableView:
        """The course catalogue's table."""
        return self.catalogue.courses_table

    @property
    def classes_table(self) -> QTableView:
        """The classes list."""
        return self.catalogue.classes_table

    @property
    def classes_label(self) -> QLabel:
        """The heading over the classes list."""
        return self.catalogue.classes_label

    @property
    def all_classes_button(self) -> QPushButton:
        """Show every course's classes."""
        return self.catalogue.all_classes_button

    def selected_course_id(self) -> int | None:
        """The course whose classes are listed, or None for all classes."""
        return self.catalogue.selected_course_id()

    def tables(self) -> list[QTableView]:
        return self.current_view().tables()

    def new_record_text(self) -> str:
        view = self.current_view()
        if view is self.catalogue:
            return "New class…"
        if view is self.field_studies:
            return "New field studies event…"
        return ""

    def new_record(self) -> object:
        view = self.current_view()
        button = self.catalogue.add_class_button if view is self.catalogue else self.field_studies.add_button
        if view in (self.catalogue, self.field_studies) and button.isEnabled():
            button.click()
        return None

    def print_text(self) -> str:
        return "Print the class…" if self.current_view() is self.assignment else ""

    def print_view(self) -> object:
        """The class's Print menu (roster, certificates, academic reports), open under its button."""
        return popup_menu(self.assignment.print_button)

    def focus_search(self) -> bool:
        """Find (Ctrl+F) on the assignment page searches the students waiting; elsewhere, the roster."""
        if self.current_view() is not self.assignment:
            return False
        self.assignment.search_box.setFocus()
        self.assignment.search_box.selectAll()
        return True

    def set_database(self, db: Database, db_path: Path) -> None:
        for view in self.views():
            view.set_database(db)
        super().set_database(db, db_path)

    def _load(self) -> None:
        assert self.db is not None
        for view in self.views():
            view.set_database(self.db)
        self.current_view().refresh()

    def _page_changed(self, _index: int) -> None:
        view = self.current_view()
        if view.stale and view.db is not None:
            view.refresh()

    def _view_changed(self, source: CourseView) -> None:
        for view in self.views():
            if view is not source:
                view.stale = True
        self.records_changed.emit()

    def show_page(self, view: CourseView) -> None:
        """Bring a page to the front (it reads the database if it must)."""
        self.pages.setCurrentWidget(view)
        if view.stale and view.db is not None:
            view.refresh()

    def show_reports(self, overdue: bool) -> None:
        """Open the reporting clock on the overdue reports, or on those due in the next days."""
        self.show_page(self.reporting)
        self.reporting.show_reports(overdue)

    def place_in_class(self, class_id: int) -> None:
        """Open the assignment page on a class."""
        self.show_page(self.assignment)
        self.assignment.select_class(class_id)
