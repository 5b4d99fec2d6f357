"""A ceremony's task checklist (due dates counted from the ceremony, what is overdue) and its flags and anthems."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from imet_desktop.domain.records import CeremonyTask
from imet_desktop.ui.ceremonies.dialogs import TaskDialog
from imet_desktop.ui.ceremonies.models import FlagsModel, TasksModel
from imet_desktop.ui.ceremonies.page import CeremonyPage
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.tables import make_table

if TYPE_CHECKING:
    from imet_desktop.store.ceremonies import TaskRow


class TasksPage(CeremonyPage):
    """The checklist by due date; tick a task done, and see in red what is overdue."""

    lazy = True  # not read again for every inductee added, moved or removed while another view is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = dt.date.today
        self.model = TasksModel(self)
        self.model.on_check = self._checked
        self.table = make_table(self.model, TasksModel.COLUMNS, sortable=False, name="tasksTable")
        self.table.doubleClicked.connect(lambda index: self.edit_selected() if index.column() else None)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("tasksSummary")
        self.add_button = self.button("Add task…", self.add_task, "addTask")
        self.edit_button = self.button("Edit…", self.edit_selected, "editTask")
        self.remove_button = self.button("Remove", self.remove_selected, "removeTask")
        self.defaults_button = self.button("Add the usual tasks", self.add_usual, "defaultTasks")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(self.button_row(self.add_button, self.edit_button, self.remove_button,
                                         self.defaults_button, stretch_at=3))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.enable())

    def reload(self) -> None:
        from imet_desktop.store.ceremonies import list_task_rows

        if self.db is None or self.ceremony_id is None:
            self.model.set_rows([])
            self.summary_label.setText("")
            return
        rows = list_task_rows(self.db, self.ceremony_id, self.today())
        self.model.on_check = self._checked if self.editable else None
        self.model.set_rows(rows)
        done = sum(1 for r in rows if r.done_date)
        overdue = [r for r in rows if r.overdue]
        text = f"{done} of {len(rows)} done"
        if overdue:
            text += (f"; <span style='color:#B3261E'><b>{len(overdue)} overdue</b>: "
                     + ", ".join(r.title for r in overdue) + "</span>")
        if self.ceremony is not None and self.ceremony.ceremony_date is None:
            text += ". The ceremony has no date yet, so nothing is due."
        self.summary_label.setText(text)

    def allowed_by_selection(self) -> dict[QPushButton, bool]:
        one = len(self.selected_rows(self.table)) == 1
        return {self.edit_button: one, self.remove_button: one}

    def selected(self) -> TaskRow | None:
        """The task selected."""
        rows = self.selected_rows(self.table)
        return rows[0] if rows else None  # type: ignore[return-value]

    def _checked(self, row: Any, done: bool) -> None:
        from imet_desktop.store.ceremonies import set_task_done

        if self.db is None:
            return
        db = self.db
        self.change("Task not changed", lambda: set_task_done(db, row.id, self.today() if done else None),
                    doing="ticking the task")

    def set_done(self, title: str, done: bool = True) -> bool:
        """Tick (or untick) a task by its title, as a click on its box does."""
        for n, row in enumerate(self.model.rows()):
            if row.title == title:
                from PySide6.QtCore import Qt

                state = Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
                return self.model.setData(self.model.index(n, TasksModel.DONE), state, Qt.ItemDataRole.CheckStateRole)
        return False

    def add_task(self) -> bool:
        """Add a task to the checklist."""
        from imet_desktop.store.ceremonies import add_task

        if self.db is None or self.ceremony_id is None:
            return False
        task = TaskDialog.ask(self, CeremonyTask(self.ceremony_id, "", -14, sort_order=100))
        if task is None:
            return False
        db = self.db
        return self.change("Task not added", lambda: add_task(db, task), doing="adding the task")

    def edit_selected(self) -> bool:
        """Change the selected task: its title, when it is due, when it was done."""
        from imet_desktop.store.ceremonies import update_task

        row = self.selected()
        if row is None or self.db is None or not self.editable:
            return False
        task = TaskDialog.ask(self, CeremonyTask(row.ceremony_id, row.title, row.due_offset_days, row.done_date,
                                                 row.sort_order, row.id))
        if task is None:
            return False
        db = self.db
        return self.change("Task not saved", lambda: update_task(db, task), doing="saving the task")

    def remove_selected(self) -> bool:
        """Take the selected task off the checklist."""
        from imet_desktop.store.ceremonies import delete_task

        row = self.selected()
        if row is None or self.db is None:
            return False
        if not dialogs.ask_yes_no(self, "Remove task", f"Take “{row.title}” off the checklist?"):
            return False
        db = self.db
        return self.change("Task not removed", lambda: delete_task(db, row.id), doing="removing the task")

    def add_usual(self) -> bool:
        """Add the usual tasks that are not on the checklist yet."""
        from imet_desktop.store.ceremonies import add_default_tasks

        if self.db is None or self.ceremony_id is None:
            return False
        db, ceremony_id = self.db, self.ceremony_id
        return self.change("Tasks not added", lambda: add_default_tasks(db, ceremony_id),
                           doing="adding the usual tasks")


class FlagsPage(CeremonyPage):
    """The national flags to display and anthems to play: the host nation's and each inductee country's."""

    lazy = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FlagsModel(self)
        self.table = make_table(self.model, FlagsModel.COLUMNS, sortable=False, name="flagsTable")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("flagsSummary")
        self.summary_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)

    def reload(self) -> None:
        from imet_desktop.store.ceremonies import flags_and_anthems

        rows = [] if self.db is None or self.ceremony_id is None else flags_and_anthems(self.db, self.ceremony_id)
        self.model.set_rows(rows)
        nations = len(rows)
        self.summary_label.setText(
            f"{nations} flags and {nations} anthems, from the inductees' countries and the host nation. Order "
            "them with the task “Flags and anthems ordered”." if nations > 1 else
            "Only the host nation's flag and anthem until inductees are added.")
