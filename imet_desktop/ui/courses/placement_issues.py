"""Below the assignment view: the students the school's rules kept out of a class, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from imet_desktop.ui.common.formatting import count_text
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.courses.common import reselect
from imet_desktop.ui.courses.models import PlacementIssuesModel

if TYPE_CHECKING:
    from imet_desktop.store.enrollments import AssignResult


class IssuesPanel(QWidget):
    """'Not placed': one line per student kept out, the rule in plain words; Override… and Dismiss above.

    Hidden while the list is empty. The assignment view connects the two buttons.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PlacementIssuesModel(self)
        self.table = make_table(self.model, PlacementIssuesModel.COLUMNS, name="placementIssues")
        self.table.setWordWrap(True)
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(4 * rows + self.table.horizontalHeader().sizeHint().height() + 4)
        self.override_button = QPushButton("Override with a reason…")
        self.override_button.setObjectName("overrideButton")
        self.override_button.setToolTip("Waive the rules the school may waive for the selected students")
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setObjectName("dismissIssues")
        self.label = QLabel()
        self.label.setObjectName("issuesLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.label, 1)
        head.addWidget(self.override_button)
        head.addWidget(self.dismiss_button)
        layout.addLayout(head)
        layout.addWidget(self.table)
        self.hide()

    def add_results(self, results: list[AssignResult]) -> None:
        """Take in a placement's results: those now decided leave the list, those kept out join it.

        A student placed in a class leaves the list for every class of that course (the earlier
        "not placed" line of another class of the course is answered by this placement).
        """
        done = {(r.student_id, r.class_id) for r in results}
        placed = {(r.student_id, r.check.training_class.course_id) for r in results if r.placed}
        issues = [r for r in self.model.rows() if (r.student_id, r.class_id) not in done
                  and (r.student_id, r.check.training_class.course_id) not in placed]
        issues += [r for r in results if not r.placed]
        self.model.set_rows(issues)
        self.setVisible(bool(issues))
        self.label.setText(f"<b>Not placed</b> — {count_text(len(issues), 'student')}; select and "
                           "override where the school may waive the rule")

    def clear(self) -> None:
        """Empty the list (Dismiss)."""
        self.model.set_rows([])
        self.hide()

    def selected(self) -> list[AssignResult]:
        """The lines selected."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows if r < self.model.rowCount()]

    def select(self, student_ids: list[int]) -> None:
        """Select the lines of these students."""
        self.table.clearSelection()
        reselect(self.table, [r.student_id for r in self.model.rows()], set(student_ids))
