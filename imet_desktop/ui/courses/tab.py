"""The Courses tab: the course catalogue above, the classes of the selected course below."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from imet_desktop.ui.common.formatting import count_text
from imet_desktop.ui.common.tab import Tab
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.courses.models import ClassesModel, CoursesModel


class CoursesTab(Tab):
    """Courses and their classes (read-only in this version)."""

    title = "Courses"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.courses_model = CoursesModel(self)
        self.classes_model = ClassesModel(self)
        self.courses_table = make_table(self.courses_model, CoursesModel.COLUMNS, name="coursesTable")
        self.courses_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.classes_table = make_table(self.classes_model, ClassesModel.COLUMNS, name="classesTable")
        self.courses_label = QLabel("<b>Courses</b>")
        self.classes_label = QLabel()
        self.all_classes_button = QPushButton("Show all classes")
        self.all_classes_button.setEnabled(False)
        self.all_classes_button.clicked.connect(self.courses_table.clearSelection)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.courses_label)
        top_layout.addWidget(self.courses_table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.classes_label, 1)
        heading.addWidget(self.all_classes_button)
        bottom_layout.addLayout(heading)
        bottom_layout.addWidget(self.classes_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        selection = self.courses_table.selectionModel()
        selection.selectionChanged.connect(self._course_selection_changed)

    def tables(self) -> list[QTableView]:
        return [self.courses_table, self.classes_table]

    def selected_course_id(self) -> int | None:
        """The course whose classes are listed, or None for all classes."""
        rows = self.courses_table.selectionModel().selectedRows()
        if not rows:
            return None
        course_id: int | None = self.courses_model.row_at(rows[0].row()).id
        return course_id

    def _load(self) -> None:
        from imet_desktop.store.courses import list_courses

        selected = self.selected_course_id()
        self.courses_model.set_rows(list_courses(self.db))
        if selected is not None:
            for row, course in enumerate(self.courses_model.rows()):
                if course.id == selected:
                    self.courses_table.selectRow(row)
                    break
        self._show_classes()

    def _course_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_classes()

    def _show_classes(self) -> None:
        from imet_desktop.store.courses import list_classes

        course_id = self.selected_course_id()
        classes = list_classes(self.db, course_id=course_id)
        self.classes_model.set_rows(classes)
        self.all_classes_button.setEnabled(course_id is not None)
        if course_id is None:
            self.classes_label.setText(f"<b>Classes</b> — all courses ({count_text(len(classes), 'class', 'classes')})")
        else:
            course = next(c for c in self.courses_model.rows() if c.id == course_id)
            counted = count_text(len(classes), "class", "classes")
            self.classes_label.setText(
                f"<b>Classes of {escape(course.code)}</b> — {escape(course.title)} ({counted})")
