"""A ceremony's order of events: the lines, their order, and each inductee's steps in it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlite_utils import Database

from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    OrderOfEventsItem,
)
from imet_desktop.store.ceremonies.details import require_ceremony
from imet_desktop.store.convert import from_row, to_row
from imet_desktop.store.db import audit, fetch_record, insert_record, update_record, write
from imet_desktop.store.errors import ValidationError

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

# The marker in DEFAULT_ORDER_OF_EVENTS where the per-inductee steps repeat for every inductee.
FOR_EACH_INDUCTEE = "For each inductee"
INDUCTEE_EVENTS: tuple[str, ...] = ("Citation read", "Certificate presented", "Plaque unveiled")
DEFAULT_ORDER_OF_EVENTS: tuple[str, ...] = (
    "Official party arrives",
    "Posting of the colors",
    "National anthems",
    "Invocation",
    "Welcome remarks",
    FOR_EACH_INDUCTEE,
    "Inductee remarks",
    "Closing remarks",
    "Benediction",
    "Retiring of the colors",
    "Reception",
)


def list_events(db: Database, ceremony_id: int) -> list[OrderOfEventsItem]:
    """A ceremony's order of events."""
    return [from_row(OrderOfEventsItem, r) for r in db.query(
        "SELECT * FROM ceremony_events WHERE ceremony_id = ? ORDER BY sort_order, id", [ceremony_id])]


def add_event(db: Database, item: OrderOfEventsItem) -> int:
    """Add one line to a ceremony's order of events (at the end unless it has a place); returns its id."""
    if not item.title.strip():
        raise ValidationError([Problem("Title", item.title, "is required")])
    require_ceremony(db, item.ceremony_id)
    row = to_row(item)
    with write(db):
        if item.sort_order <= 0:
            row["sort_order"] = int(db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM ceremony_events "
                                               "WHERE ceremony_id = ?", [item.ceremony_id]).fetchone()[0])
        return insert_record(db, "ceremony_events", row, {"ceremony_id": item.ceremony_id, "title": item.title})


def _get_event(db: Database, event_id: int) -> OrderOfEventsItem:
    return fetch_record(db, OrderOfEventsItem, "ceremony_events", event_id,
                        f"there is no line {event_id} in an order of events")


def update_event(db: Database, item: OrderOfEventsItem) -> None:
    """Save a line of the order of events: its title, time, who and notes."""
    if item.id is None:
        raise ValueError("update_event needs a line with an id")
    problems = []
    if not item.title.strip():
        problems.append(Problem("Event", item.title, "is required"))
    if item.start_time and not _TIME.match(item.start_time):
        problems.append(Problem("Time", item.start_time, "must be HH:MM, 24-hour"))
    if problems:
        raise ValidationError(list(problems))
    update_record(db, "ceremony_events", item.id, to_row(_get_event(db, item.id)), to_row(item),
                  fields=("title", "start_time", "who", "notes"), version=item.version,
                  what=f"the step {item.title!r} of the order of events")


def delete_event(db: Database, event_id: int) -> None:
    """Take a line out of the order of events."""
    item = _get_event(db, event_id)
    with write(db):
        db.execute("DELETE FROM ceremony_events WHERE id = ?", [event_id])
        renumber_events(db, item.ceremony_id)
        audit(db, "ceremony_events", event_id, "delete", {"ceremony_id": item.ceremony_id, "title": item.title})


def reorder_events(db: Database, ceremony_id: int, event_ids: Sequence[int]) -> None:
    """Put the order of events in this order (every line of the ceremony, each once)."""
    current = [e.id for e in list_events(db, ceremony_id)]
    if sorted(i for i in current if i is not None) != sorted(event_ids):
        raise ValidationError([Problem("Order of events", list(event_ids),
                                       "must list this ceremony's lines, each once")])
    with write(db):
        db.conn.executemany("UPDATE ceremony_events SET sort_order = ? WHERE id = ?",
                            [(n, i) for n, i in enumerate(event_ids, 1)])
        audit(db, "ceremony_events", None, "reorder", {"ceremony_id": ceremony_id, "order": list(event_ids)})


def move_event(db: Database, event_id: int, to_index: int) -> None:
    """Move one line of the order of events to a position (0 is first)."""
    item = _get_event(db, event_id)
    ids = [e.id for e in list_events(db, item.ceremony_id) if e.id is not None]
    ids.remove(event_id)
    ids.insert(max(0, min(to_index, len(ids))), event_id)
    reorder_events(db, item.ceremony_id, ids)


def renumber_events(db: Database, ceremony_id: int) -> None:
    """Number the ceremony's lines 1, 2, 3... in their order (after a line or an inductee left)."""
    ids = [int(r[0]) for r in db.execute(
        "SELECT id FROM ceremony_events WHERE ceremony_id = ? ORDER BY sort_order, id", [ceremony_id])]
    db.conn.executemany("UPDATE ceremony_events SET sort_order = ? WHERE id = ?",
                        [(n, i) for n, i in enumerate(ids, 1)])


# --- each inductee's steps (called by the inductees' functions, inside their transaction) ----------------

def insert_inductee_steps(db: Database, ceremony_id: int, inductee_id: int, who: str) -> None:
    """The inductee's steps in an existing order of events: after the last inductee's, else as the template has it.

    A few index lookups whatever the size of the ceremony (the order of events is not read).
    """
    def last(condition: str, params: list[object]) -> int | None:
        row = db.execute(f"SELECT sort_order FROM ceremony_events WHERE ceremony_id = ? AND {condition} "
                         "ORDER BY sort_order DESC, id DESC LIMIT 1", [ceremony_id, *params]).fetchone()
        return None if row is None else int(row[0])

    end = last("1", [])
    if end is None:
        return
    after = last("inductee_id IS NOT NULL AND inductee_id <> ?", [inductee_id])
    if after is None:
        marker = DEFAULT_ORDER_OF_EVENTS.index(FOR_EACH_INDUCTEE)
        before_titles = list(DEFAULT_ORDER_OF_EVENTS[:marker])
        after = last(f"title IN ({', '.join('?' * len(before_titles))})", list(before_titles))
        after = end if after is None else after
    db.execute("UPDATE ceremony_events SET sort_order = sort_order + ? WHERE ceremony_id = ? AND sort_order > ?",
               [len(INDUCTEE_EVENTS), ceremony_id, after])
    db.conn.executemany(
        "INSERT INTO ceremony_events (ceremony_id, sort_order, title, who, inductee_id) VALUES (?, ?, ?, ?, ?)",
        [(ceremony_id, after + n, step, who, inductee_id) for n, step in enumerate(INDUCTEE_EVENTS, 1)])


def swap_inductee_steps(db: Database, first_id: int, second_id: int) -> None:
    """Two inductees exchange places in the order of events: first's steps take the earliest of the places both
    hold, second's the rest (what order_inductee_steps does for the whole ceremony, for two of them)."""
    rows = db.execute("SELECT id, inductee_id, sort_order FROM ceremony_events WHERE inductee_id IN (?, ?) "
                      "ORDER BY sort_order, id", [first_id, second_id]).fetchall()
    slots = [int(r[2]) for r in rows]
    ordered = [int(r[0]) for r in rows if r[1] == first_id] + [int(r[0]) for r in rows if r[1] == second_id]
    db.conn.executemany("UPDATE ceremony_events SET sort_order = ? WHERE id = ?",
                        list(zip(slots, ordered, strict=True)))


def order_inductee_steps(db: Database, ceremony_id: int, inductee_ids: Sequence[int]) -> None:
    """Give the inductees' steps the slots the inductees' steps hold now, in this order of inductees."""
    events = list_events(db, ceremony_id)
    slots = [e.sort_order for e in events if e.inductee_id is not None]
    by_inductee: dict[int, list[int]] = {}
    for e in events:
        if e.inductee_id is not None and e.id is not None:
            by_inductee.setdefault(e.inductee_id, []).append(e.id)
    ordered_events = [event_id for i in inductee_ids for event_id in by_inductee.get(i, [])]
    db.conn.executemany("UPDATE ceremony_events SET sort_order = ? WHERE id = ?",
                        list(zip(slots, ordered_events, strict=True)))


def write_default_order_of_events(db: Database, ceremony_id: int, inductees: Sequence[tuple[int, str]], *,
                                  replace: bool = False) -> int:
    """Fill the order of events with the usual program, the per-inductee steps once per (id, name) given.

    Returns how many lines were written. A ceremony that already has lines is refused unless replace.
    """
    require_ceremony(db, ceremony_id)
    existing = int(db.execute("SELECT count(*) FROM ceremony_events WHERE ceremony_id = ?",
                              [ceremony_id]).fetchone()[0])
    if existing and not replace:
        raise ValidationError([Problem("Order of events", existing,
                                       "already has lines; replace them or edit them")])
    lines: list[tuple[str, str, int | None]] = []
    for title in DEFAULT_ORDER_OF_EVENTS:
        if title != FOR_EACH_INDUCTEE:
            lines.append((title, "", None))
            continue
        for inductee_id, who in inductees:
            for step in INDUCTEE_EVENTS:
                lines.append((step, who, inductee_id))
    with write(db):
        db.execute("DELETE FROM ceremony_events WHERE ceremony_id = ?", [ceremony_id])
        db.conn.executemany(
            "INSERT INTO ceremony_events (ceremony_id, sort_order, title, who, inductee_id) VALUES (?, ?, ?, ?, ?)",
            [(ceremony_id, n, title, who, inductee_id) for n, (title, who, inductee_id) in enumerate(lines, 1)])
        audit(db, "ceremony_events", None, "default order of events",
              {"ceremony_id": ceremony_id, "lines": len(lines), "replaced": existing})
    return len(lines)
