"""A ceremony's checklist: the usual tasks, due dates counted from the ceremony date, done or overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    CeremonyTask,
)
from imet_desktop.store.ceremonies.details import get_ceremony, require_ceremony
from imet_desktop.store.convert import from_row, to_row
from imet_desktop.store.db import audit, fetch_record, insert_record, update_record, write
from imet_desktop.store.errors import ValidationError

# Checklist: (title, days relative to the ceremony date; negative is before).
DEFAULT_TASKS: tuple[tuple[str, int], ...] = (
    ("Invitations sent", -60),
    ("Flags and anthems ordered", -30),
    ("Plaques engraved", -30),
    ("RSVPs closed", -21),
    ("Certificates printed", -14),
    ("Programs printed", -10),
)

def list_tasks(db: Database, ceremony_id: int) -> list[CeremonyTask]:
    """A ceremony's checklist, in its order."""
    return [from_row(CeremonyTask, r) for r in db.query(
        "SELECT * FROM ceremony_tasks WHERE ceremony_id = ? ORDER BY sort_order, due_offset_days, id",
        [ceremony_id])]


def add_task(db: Database, task: CeremonyTask) -> int:
    """Add a checklist item; returns its id."""
    if not task.title.strip():
        raise ValidationError([Problem("Title", task.title, "is required")])
    require_ceremony(db, task.ceremony_id)
    return insert_record(db, "ceremony_tasks", to_row(task), {"ceremony_id": task.ceremony_id, "title": task.title})


def add_default_tasks(db: Database, ceremony_id: int) -> int:
    """Add the usual checklist (invitations, RSVPs, certificates...) except titles already there.

    Returns how many tasks were added.
    """
    require_ceremony(db, ceremony_id)
    existing = {str(r[0]) for r in db.execute("SELECT title FROM ceremony_tasks WHERE ceremony_id = ?",
                                              [ceremony_id])}
    start = int(db.execute("SELECT coalesce(max(sort_order), 0) FROM ceremony_tasks WHERE ceremony_id = ?",
                           [ceremony_id]).fetchone()[0])
    new = [(title, offset) for title, offset in DEFAULT_TASKS if title not in existing]
    with write(db):
        db.conn.executemany(
            "INSERT INTO ceremony_tasks (ceremony_id, title, due_offset_days, sort_order) VALUES (?, ?, ?, ?)",
            [(ceremony_id, title, offset, start + n) for n, (title, offset) in enumerate(new, 1)])
        audit(db, "ceremony_tasks", None, "default tasks", {"ceremony_id": ceremony_id, "added": len(new)})
    return len(new)


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A checklist item with its due date counted from the ceremony date, and whether it is overdue."""

    id: int
    ceremony_id: int
    title: str
    due_offset_days: int
    due_date: dt.date | None  # None while the ceremony has no date
    done_date: dt.date | None
    sort_order: int
    overdue: bool

    @property
    def when(self) -> str:
        """'60 days before', 'on the day', '2 days after'."""
        n = self.due_offset_days
        if n == 0:
            return "on the day"
        days = "day" if abs(n) == 1 else "days"
        return f"{abs(n)} {days} before" if n < 0 else f"{n} {days} after"


def list_task_rows(db: Database, ceremony_id: int, today: dt.date | None = None) -> list[TaskRow]:
    """A ceremony's checklist with due dates; a task not done by its due date (before today) is overdue."""
    today = today or dt.date.today()
    day = get_ceremony(db, ceremony_id).ceremony_date
    rows = []
    for t in list_tasks(db, ceremony_id):
        due = None if day is None else day + dt.timedelta(days=t.due_offset_days)
        overdue = t.done_date is None and due is not None and due < today
        rows.append(TaskRow(t.id or 0, ceremony_id, t.title, t.due_offset_days, due, t.done_date, t.sort_order,
                            overdue))
    return sorted(rows, key=lambda r: (r.due_offset_days, r.sort_order, r.id))


def _get_task(db: Database, task_id: int) -> CeremonyTask:
    return fetch_record(db, CeremonyTask, "ceremony_tasks", task_id, f"there is no task with id {task_id}")


def update_task(db: Database, task: CeremonyTask) -> None:
    """Save a checklist item's title, days from the ceremony and done date."""
    if task.id is None:
        raise ValueError("update_task needs a task with an id")
    if not task.title.strip():
        raise ValidationError([Problem("Title", task.title, "is required")])
    old = _get_task(db, task.id)
    update_record(db, "ceremony_tasks", task.id, to_row(old), to_row(task),
                  fields=("title", "due_offset_days", "done_date"), version=task.version,
                  what=f"the task {task.title!r}")


def set_task_done(db: Database, task_id: int, done: dt.date | None) -> None:
    """Tick a checklist item done on a date (or untick it with None)."""
    task = _get_task(db, task_id)
    task.done_date = done
    update_task(db, task)


def delete_task(db: Database, task_id: int) -> None:
    """Take an item off the checklist."""
    with write(db):
        db.execute("DELETE FROM ceremony_tasks WHERE id = ?", [task_id])
        audit(db, "ceremony_tasks", task_id, "delete", {})
