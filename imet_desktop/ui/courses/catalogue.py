"""The catalogue: courses above, the selected course's classes below; both editable, classes with seminars."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from imet_desktop.domain.records import Course, TrainingClass
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.formatting import count_text
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.courses.catalogue_dialogs import ClassDialog, CourseDialog
from imet_desktop.ui.courses.common import CourseView
from imet_desktop.ui.courses.models import ClassesModel, CoursesModel


def _button(text: str, name: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    return button


class CatalogueView(CourseView):
    """Courses and their classes: add, edit, delete; a class's seminars are edited with the class."""

    place_requested = Signal(int)
    """The clerk wants to place students in this class (the tab switches to the assignment view)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.courses_model = CoursesModel(self)
        self.classes_model = ClassesModel(self)
        self.courses_table = make_table(self.courses_model, CoursesModel.COLUMNS, name="coursesTable")
        self.courses_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.classes_table = make_table(self.classes_model, ClassesModel.COLUMNS, name="classesTable")
        self.classes_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.courses_label = QLabel("<b>Courses</b>")
        self.classes_label = QLabel()
        self.all_classes_button = _button("Show all classes", "allClasses")
        self.all_classes_button.setEnabled(False)
        self.all_classes_button.clicked.connect(self.courses_table.clearSelection)

        self.add_course_button = _button("Add course…", "addCourse")
        self.edit_course_button = _button("Edit course…", "editCourse")
        self.delete_course_button = _button("Delete course", "deleteCourse",
                                            "Only a course without classes that no course requires")
        self.add_class_button = _button("Add class…", "addClass")
        self.edit_class_button = _button("Edit class…", "editClass", "Dates, seats, location and seminars")
        self.delete_class_button = _button("Delete class", "deleteClass", "Only a class nobody was placed in")
        self.place_button = _button("Place students…", "placeStudents", "Open the class in the assignment view")
        self.add_course_button.clicked.connect(self.add_course)
        self.edit_course_button.clicked.connect(self.edit_course)
        self.delete_course_button.clicked.connect(self.delete_course)
        self.add_class_button.clicked.connect(self.add_class)
        self.edit_class_button.clicked.connect(self.edit_class)
        self.delete_class_button.clicked.connect(self.delete_class)
        self.place_button.clicked.connect(self._place)
        self.courses_table.doubleClicked.connect(lambda _i: self.edit_course())
        self.classes_table.doubleClicked.connect(lambda _i: self.edit_class())

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.courses_label, 1)
        for b in (self.add_course_button, self.edit_course_button, self.delete_course_button):
            heading.addWidget(b)
        top_layout.addLayout(heading)
        top_layout.addWidget(self.courses_table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.classes_label, 1)
        for b in (self.all_classes_button, self.add_class_button, self.edit_class_button, self.delete_class_button,
                  self.place_button):
            heading.addWidget(b)
        bottom_layout.addLayout(heading)
        bottom_layout.addWidget(self.classes_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.courses_table.selectionModel().selectionChanged.connect(self._course_selection_changed)
        self.classes_table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def tables(self) -> list[QTableView]:
        return [self.courses_table, self.classes_table]

    # --- reading --------------------------------------------------------------------------------------------
    def selected_course_id(self) -> int | None:
        """The course whose classes are listed, or None for all classes."""
        rows = self.courses_table.selectionModel().selectedRows()
        if not rows:
            return None
        course_id: int | None = self.courses_model.row_at(rows[0].row()).id
        return course_id

    def selected_class_id(self) -> int | None:
        """The class selected in the classes list."""
        rows = self.classes_table.selectionModel().selectedRows()
        return None if not rows else int(self.classes_model.row_at(rows[0].row()).id)

    def _load(self) -> None:
        from imet_desktop.store.courses import list_courses

        assert self.db is not None
        selected = self.selected_course_id()
        selected_class = self.selected_class_id()
        self.courses_model.set_rows(list_courses(self.db))
        if selected is not None:
            self.select_course(selected)
        self._show_classes()
        if selected_class is not None:
            self.select_class(selected_class)

    def select_course(self, course_id: int) -> None:
        """Select a course (its classes are listed)."""
        for row, course in enumerate(self.courses_model.rows()):
            if course.id == course_id:
                self.courses_table.selectRow(row)
                return

    def select_class(self, class_id: int) -> None:
        """Select a class in the classes list."""
        for row, c in enumerate(self.classes_model.rows()):
            if c.id == class_id:
                self.classes_table.selectRow(row)
                self.classes_table.scrollTo(self.classes_model.index(row, 0))
                return

    def _course_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_classes()

    def _show_classes(self) -> None:
        from imet_desktop.store.courses import list_classes

        if self.db is None:
            return
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
        self._update_buttons()

    def _update_buttons(self) -> None:
        course = self.selected_course_id() is not None
        klass = self.selected_class_id() is not None
        self.edit_course_button.setEnabled(course)
        self.delete_course_button.setEnabled(course)
        self.edit_class_button.setEnabled(klass)
        self.delete_class_button.setEnabled(klass)
        self.place_button.setEnabled(klass)
        self.add_class_button.setEnabled(self.courses_model.rowCount() > 0)

    # --- editing ----------------------------------------------------------------------------------------------
    def _other_codes(self, course_id: int | None) -> list[str]:
        return [c.code for c in self.courses_model.rows() if c.id != course_id]

    def add_course(self) -> int | None:
        """Ask for a new course and add it; returns its id."""
        return self._edit_course(None)

    def edit_course(self) -> int | None:
        """Edit the selected course; returns its id."""
        from imet_desktop.store.courses import get_course

        course_id = self.selected_course_id()
        if course_id is None or self.db is None:
            return None
        return self._edit_course(get_course(self.db, course_id))

    def _edit_course(self, draft: Course | None) -> int | None:
        from imet_desktop.store.courses import save_course

        assert self.db is not None
        own_id = draft.id if draft else None
        while True:  # a refused entry comes back to the dialog as typed
            answer = CourseDialog.ask(self, draft, self._other_codes(own_id))
            if answer is None:
                return None
            try:
                course_id = save_course(self.db, answer)
            except Exception as e:
                show_failure(self, "The course cannot be saved", e, doing="saving the course")
                draft = answer
                continue
            self.changed.emit()
            self.refresh()
            self.select_course(course_id)
            self.status(f"Course {answer.code} saved.")
            return course_id

    def delete_course(self) -> None:
        """Delete the selected course (only one without classes)."""
        from imet_desktop.store.courses import delete_course

        course_id = self.selected_course_id()
        if course_id is None or self.db is None:
            return
        course = next(c for c in self.courses_model.rows() if c.id == course_id)
        if not dialogs.ask_yes_no(self, "Delete course", f"Delete {course.code} — {course.title} from the catalogue?"):
            return
        try:
            delete_course(self.db, course_id)
        except Exception as e:
            show_failure(self, "The course cannot be deleted", e, doing="deleting the course")
            return
        self.changed.emit()
        self.refresh()

    def add_class(self) -> int | None:
        """Ask for a new class (of the selected course, if any) and add it; returns its id."""
        course_id = self.selected_course_id()
        draft = TrainingClass(course_id, "", location="Maxwell AFB, Alabama") if course_id else None
        return self._edit_class(draft, [])

    def edit_class(self) -> int | None:
        """Edit the selected class and its seminars; returns its id."""
        from imet_desktop.store.courses import get_class, list_seminars

        class_id = self.selected_class_id()
        if class_id is None or self.db is None:
            return None
        return self._edit_class(get_class(self.db, class_id), [s.name for s in list_seminars(self.db, class_id)])

    def _edit_class(self, draft: TrainingClass | None, seminars: list[str]) -> int | None:
        from imet_desktop.store.courses import get_class, list_seminars, save_class
        from imet_desktop.ui.records.stale import save_checked

        assert self.db is not None
        while True:  # a refused entry comes back to the dialog as typed
            answer = ClassDialog.ask(self, draft, self.courses_model.rows(), seminars)
            if answer is None:
                return None
            db, chosen = self.db, answer

            def save(version: int, db: Any = db, chosen: Any = chosen) -> int:
                return save_class(db, replace(chosen.training_class, version=version), list(chosen.seminars))

            saved = save_checked(self, save, answer.training_class.version, title="The class cannot be saved",
                                 doing="saving the class")
            if saved == "reload" and answer.training_class.id is not None:
                draft = get_class(db, answer.training_class.id)
                seminars = [s.name for s in list_seminars(db, answer.training_class.id)]
                continue
            if saved is None or saved == "reload":
                draft, seminars = answer.training_class, list(answer.seminars)
                continue
            class_id = saved
            self.changed.emit()
            self.refresh()
            self.select_class(class_id)
            self.status(f"Class {answer.training_class.designator} saved.")
            return class_id

    def delete_class(self) -> None:
        """Delete the selected class (only one nobody was placed in)."""
        from imet_desktop.store.courses import delete_class

        class_id = self.selected_class_id()
        if class_id is None or self.db is None:
            return
        row = next(c for c in self.classes_model.rows() if c.id == class_id)
        if not dialogs.ask_yes_no(self, "Delete class", f"Delete the class {row.designator}?"):
            return
        try:
            delete_class(self.db, class_id)
        except Exception as e:
            show_failure(self, "The class cannot be deleted", e, doing="deleting the class")
            return
        self.changed.emit()
        self.refresh()

    def _place(self) -> None:
        class_id = self.selected_class_id()
        if class_id is not None:
            self.place_requested.emit(class_id)

    def class_index(self, class_id: int) -> QModelIndex:
        """The classes list's index of a class (invalid when not listed)."""
        for row, c in enumerate(self.classes_model.rows()):
            if c.id == class_id:
                return self.classes_model.index(row, 0)
        return QModelIndex()
