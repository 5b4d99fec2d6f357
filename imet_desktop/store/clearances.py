"""A nomination's clearance checklist: the office's steps (a setting), and when and by whom each was done."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from imet_desktop.domain.eligibility import DEFAULT_CLEARANCE_STEPS
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import NominationStatus
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.reading import Reads

if TYPE_CHECKING:
    from sqlite_utils import Database

CLEARANCE_STEPS_KEY = "nomination_clearance_steps"


def clearance_steps(db: Reads) -> tuple[str, ...]:
    """The office's clearance checklist for nominations (a setting; default: school, headquarters, host, nominee)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [CLEARANCE_STEPS_KEY]).fetchone()
    if row is None:
        return DEFAULT_CLEARANCE_STEPS
    try:
        value = json.loads(row[0])
    except ValueError:
        return DEFAULT_CLEARANCE_STEPS
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return DEFAULT_CLEARANCE_STEPS
    return tuple(value)


def awaiting_clearance(db: Reads) -> tuple[str, list[object]]:
    """The SQL condition (on nominations n) of a nomination still in progress with a step of the office's
    checklist not yet cleared, and its parameters: the Overview's "nominations awaiting clearance"."""
    steps = clearance_steps(db)
    marks = ",".join("?" * len(steps))
    return ("n.status IN (?, ?) AND (SELECT count(*) FROM nomination_clearances k WHERE k.nomination_id = n.id "
            f"AND k.cleared_date IS NOT NULL AND k.step IN ({marks})) < ?",
            [NominationStatus.NOMINATED.value, NominationStatus.VERIFIED.value, *steps, len(steps)])


def save_clearance_steps(db: Database, steps: Sequence[str]) -> None:
    """Set the clearance checklist (steps in order; blank and repeated ones dropped)."""
    from imet_desktop.store.db import audit, write  # here: the Overview's count reads this without sqlite-utils

    cleaned: list[str] = []
    for step in steps:
        if step.strip() and step.strip() not in cleaned:
            cleaned.append(step.strip())
    if not cleaned:
        raise ValidationError([Problem("Clearance steps", "", "need at least one step")])
    old = clearance_steps(db)
    with write(db):
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   [CLEARANCE_STEPS_KEY, json.dumps(cleaned, ensure_ascii=False)])
        audit(db, "settings", None, "update", {CLEARANCE_STEPS_KEY: [list(old), cleaned]})


@dataclass(frozen=True, slots=True)
class Clearance:
    """One step of a nomination's clearance checklist and whether (when, by whom) it is done."""

    step: str
    cleared_date: dt.date | None = None
    cleared_by: str = ""
    note: str = ""
    configured: bool = True  # False: recorded under a step the office no longer uses


def list_clearances(db: Database, nomination_id: int) -> list[Clearance]:
    """The checklist of a nomination: the office's steps in order, then any other step recorded on it."""
    recorded = {str(r[0]): r for r in db.execute(
        "SELECT step, cleared_date, cleared_by, note FROM nomination_clearances WHERE nomination_id = ? "
        "ORDER BY sort_order, id", [nomination_id])}
    found = []
    for step in clearance_steps(db):
        r = recorded.pop(step, None)
        if r is None:
            found.append(Clearance(step))
        else:
            found.append(Clearance(step, dt.date.fromisoformat(r[1]) if r[1] else None, str(r[2]), str(r[3])))
    for step, r in recorded.items():
        found.append(Clearance(step, dt.date.fromisoformat(r[1]) if r[1] else None, str(r[2]), str(r[3]), False))
    return found


def set_clearance(db: Database, nomination_id: int, step: str, cleared_date: dt.date | None, cleared_by: str = "",
                  note: str = "") -> None:
    """Record a clearance step as done on a date (or not done, with None)."""
    from imet_desktop.store.db import audit, write

    if db.execute("SELECT 1 FROM nominations WHERE id = ?", [nomination_id]).fetchone() is None:
        raise RecordNotFoundError(f"there is no nomination with id {nomination_id}")
    if not step.strip():
        raise ValidationError([Problem("Clearance", step, "needs a name")])
    steps = clearance_steps(db)
    order = steps.index(step) + 1 if step in steps else len(steps) + 1
    with write(db):
        db.execute("INSERT INTO nomination_clearances (nomination_id, step, sort_order, cleared_date, cleared_by, "
                   "note) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(nomination_id, step) DO UPDATE SET "
                   "cleared_date = excluded.cleared_date, cleared_by = excluded.cleared_by, note = excluded.note",
                   [nomination_id, step, order, None if cleared_date is None else cleared_date.isoformat(),
                    cleared_by, note])
        audit(db, "nomination_clearances", nomination_id, "clearance",
              {"step": step, "cleared_date": cleared_date, "cleared_by": cleared_by})
