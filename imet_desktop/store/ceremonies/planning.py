"""A ceremony from planning to held: new with the usual program and checklist, warnings, marking it held."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date
from imet_desktop.domain.eligibility import schools_text
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    Ceremony,
    CeremonyStatus,
    NominationStatus,
)
from imet_desktop.store.ceremonies.details import add_ceremony, require_planned
from imet_desktop.store.ceremonies.events import write_default_order_of_events
from imet_desktop.store.ceremonies.inductees import list_inductees
from imet_desktop.store.ceremonies.tasks import add_default_tasks
from imet_desktop.store.db import audit, write
from imet_desktop.store.errors import ValidationError
from imet_desktop.store.honor_roll import add_induction, list_schools


def add_default_order_of_events(db: Database, ceremony_id: int, *, replace: bool = False) -> int:
    """Fill a ceremony's order of events with the usual program; returns how many lines were added.

    The per-inductee steps repeat for each inductee already on the ceremony. A ceremony that
    already has an order of events is refused unless replace is True.
    """
    inductees = [(r.id, r.name) for r in list_inductees(db, ceremony_id)]
    return write_default_order_of_events(db, ceremony_id, inductees, replace=replace)


def new_ceremony(db: Database, ceremony: Ceremony, *, with_defaults: bool = True) -> int:
    """Add a ceremony with the usual order of events and checklist; returns its id."""
    with write(db):
        ceremony_id = add_ceremony(db, ceremony)
        if with_defaults:
            add_default_order_of_events(db, ceremony_id)
            add_default_tasks(db, ceremony_id)
    return ceremony_id


def delete_ceremony(db: Database, ceremony_id: int) -> None:
    """Delete a ceremony that was not held; its nominees stay approved, ready for another one."""
    ceremony = require_planned(db, ceremony_id)
    with write(db):
        db.execute("UPDATE nominations SET ceremony_id = NULL WHERE ceremony_id = ?", [ceremony_id])
        db.execute("DELETE FROM ceremony_guests WHERE ceremony_id = ?", [ceremony_id])
        db.execute("DELETE FROM ceremony_events WHERE ceremony_id = ?", [ceremony_id])
        db.execute("DELETE FROM ceremony_inductees WHERE ceremony_id = ?", [ceremony_id])
        db.execute("DELETE FROM ceremonies WHERE id = ?", [ceremony_id])
        audit(db, "ceremonies", ceremony_id, "delete", {"title": ceremony.title})


def ceremony_warnings(db: Database, ceremony_id: int) -> list[str]:
    """What a clerk should know before marking a ceremony as held (nothing here prevents it)."""
    warnings = []
    for r in list_inductees(db, ceremony_id):
        if r.nomination_status != NominationStatus.APPROVED.value:
            status = r.nomination_status or "no nomination"
            warnings.append(f"{r.name} has no approved nomination ({status})")
        if not r.attending and not r.representative_name:
            warnings.append(f"{r.name} does not attend and no representative is named")
        if not r.position_title:
            warnings.append(f"{r.name} has no position to engrave")
    return warnings


def mark_ceremony_held(db: Database, ceremony_id: int) -> list[int]:
    """Record the ceremony as held: each inductee goes on the Honor Roll with the ceremony's date.

    Returns the new inductions' ids. Refused for a ceremony without a date or inductees, one
    already held or cancelled, or one with an inductee already on the Honor Roll.
    """
    ceremony = require_planned(db, ceremony_id)
    problems = []
    if ceremony.status != CeremonyStatus.PLANNED.value:
        problems.append(Problem("Ceremony", ceremony.title, f"is {ceremony.status}, not planned"))
    if ceremony.ceremony_date is None:
        problems.append(Problem("Ceremony", ceremony.title,
                                "has no date: set it first (the Honor Roll records the date of induction)"))
    inductees = list_inductees(db, ceremony_id)
    if not inductees:
        problems.append(Problem("Ceremony", ceremony.title, "has no inductees: there is nobody to induct"))
    for r in inductees:
        row = db.execute("SELECT induction_date FROM inductions WHERE student_id = ?", [r.student_id]).fetchone()
        if row is not None:
            problems.append(Problem("Inductee", r.name, f"is already on the Honor Roll (inducted "
                                                        f"{format_date(dt.date.fromisoformat(row[0]))})"))
    if problems:
        raise ValidationError(list(problems))
    assert ceremony.ceremony_date is not None and ceremony.id is not None
    day = ceremony.ceremony_date
    induction_ids = []
    with write(db):
        for r in inductees:
            position_id = None
            if r.nomination_id is not None:
                found = db.execute("SELECT position_id FROM nominations WHERE id = ?", [r.nomination_id]).fetchone()
                position_id = None if found is None else found[0]
            induction_ids.append(add_induction(
                db, r.student_id, day, position_title=r.position_title,
                schools_attended=schools_text(list_schools(db, r.student_id)), ceremony_id=ceremony_id,
                position_id=position_id, citation=r.citation))
            if r.nomination_id is not None:  # a nomination that skipped approval is closed all the same
                db.execute("UPDATE nominations SET ceremony_id = ? WHERE id = ?", [ceremony_id, r.nomination_id])
        ceremony.status = CeremonyStatus.HELD.value
        db.execute("UPDATE ceremonies SET status = ? WHERE id = ?", [ceremony.status, ceremony_id])
        audit(db, "ceremonies", ceremony_id, "held", {"date": day.isoformat(), "inducted": len(induction_ids)})
    return induction_ids
