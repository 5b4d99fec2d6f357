"""How full a class is, and offering the seats that free up to its waitlist, in order.

Below both the courses (a larger capacity offers seats) and the enrollments (an unassignment,
a withdrawal or a move frees one); it imports neither.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.store.db import audit, now_text, write
from imet_desktop.store.errors import RecordNotFoundError


@dataclass(frozen=True, slots=True)
class ClassSeats:
    """How full a class is."""

    capacity: int | None
    enrolled: int
    completed: int
    offered: int
    waitlisted: int  # including those offered a seat
    withdrawn: int

    @property
    def taken(self) -> int:
        """Seats counted against capacity: enrolled, completed, and offered to the waitlist."""
        return self.enrolled + self.completed + self.offered

    @property
    def free(self) -> int | None:
        """Seats left (None: no limit)."""
        return None if self.capacity is None else max(0, self.capacity - self.taken)


def class_seats(db: Database, class_id: int) -> ClassSeats:
    """How many seats a class has and how they are taken."""
    capacity = db.execute("SELECT capacity FROM classes WHERE id = ?", [class_id]).fetchone()
    if capacity is None:
        raise RecordNotFoundError(f"there is no class with id {class_id}")
    r = db.execute(
        "SELECT coalesce(sum(status = 'Enrolled'), 0), coalesce(sum(status = 'Completed'), 0), "
        "coalesce(sum(status = 'Waitlisted' AND seat_offered_at IS NOT NULL), 0), "
        "coalesce(sum(status = 'Waitlisted'), 0), coalesce(sum(status IN ('Withdrawn', 'Eliminated')), 0) "
        "FROM enrollments WHERE class_id = ?", [class_id]).fetchone()
    return ClassSeats(capacity[0], int(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]))


def next_waitlist_position(db: Database, class_id: int) -> int:
    """The place a student joining the class's waitlist now takes."""
    row = db.execute("SELECT coalesce(max(waitlist_position), 0) FROM enrollments WHERE class_id = ? "
                     "AND status = 'Waitlisted'", [class_id]).fetchone()
    return int(row[0]) + 1


def renumber_waitlist(db: Database, class_id: int) -> None:
    """Number the class's waitlist 1, 2, 3... in its order (after someone left it); call inside a transaction."""
    ids = [int(r[0]) for r in db.execute(
        "SELECT id FROM enrollments WHERE class_id = ? AND status = 'Waitlisted' "
        "ORDER BY waitlist_position, id", [class_id])]
    for position, enrollment_id in enumerate(ids, 1):
        db.execute("UPDATE enrollments SET waitlist_position = ? WHERE id = ?", [position, enrollment_id])


def offer_free_seats(db: Database, class_id: int) -> list[int]:
    """Offer each free seat to the first waitlisted student not yet offered one; returns their enrollments."""
    seats = class_seats(db, class_id)
    free = seats.free
    if free is None:
        # No limit: nobody needs to wait.
        free = seats.waitlisted - seats.offered
    if free <= 0:
        return []
    waiting = [int(r[0]) for r in db.execute(
        "SELECT id FROM enrollments WHERE class_id = ? AND status = 'Waitlisted' AND seat_offered_at IS NULL "
        "ORDER BY waitlist_position, id LIMIT ?", [class_id, free])]
    if not waiting:
        return []
    with write(db):
        for enrollment_id in waiting:
            db.execute("UPDATE enrollments SET seat_offered_at = ? WHERE id = ?", [now_text(), enrollment_id])
            audit(db, "enrollments", enrollment_id, "seat offered", {"class_id": class_id})
    return waiting
