"""A ceremony from planning to held: new with the usual program and checklist, warnings, marking it held."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain import dates
from imet_desktop.domain.ceremonies import held_problems, reopen_problem
from imet_desktop.domain.dates import format_date
from imet_desktop.domain.eligibility import schools_text
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    Ceremony,
    CeremonyStatus,
    NominationStatus,
)
from imet_desktop.store.ceremonies.details import add_ceremony, get_ceremony, require_planned
from imet_desktop.store.ceremonies.events import write_default_order_of_events
from imet_desktop.store.ceremonies.inductees import list_inductees
from imet_desktop.store.ceremonies.tasks import add_default_tasks
from imet_desktop.store.changes import describe
from imet_desktop.store.db import audit, write
from imet_desktop.store.errors import ValidationError
from imet_desktop.store.honor_roll import add_induction, list_schools, remove_ceremony_inductions


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


@dataclass(frozen=True, slots=True)
class HeldPreview:
    """What marking a ceremony as held would write (an induction per inductee, dated the ceremony's day),
    why it may not be marked now, and what to check first."""

    ceremony_id: int
    title: str
    day: dt.date | None
    names: tuple[str, ...]  # the inductees who go on the Honor Roll, in program order
    problems: tuple[str, ...]  # why it may not be marked as held now (each refuses)
    warnings: tuple[str, ...]  # what the clerk should check first (none refuses)

    @property
    def allowed(self) -> bool:
        """True when the ceremony may be marked as held now."""
        return not self.problems

    def summary(self) -> str:
        """'10 inductions dated 22 APR 2027': what will be written."""
        n = len(self.names)
        return f"{n} induction{'' if n == 1 else 's'} dated {format_date(self.day) or '(no date)'}"


def held_preview(db: Database, ceremony_id: int, *, today: dt.date | None = None) -> HeldPreview:
    """What marking the ceremony as held on today (default: today) would write, and what stops it."""
    ceremony = get_ceremony(db, ceremony_id)
    inductees = list_inductees(db, ceremony_id)
    problems = held_problems(ceremony, len(inductees), today or dates.today())
    for r in inductees:
        row = db.execute("SELECT induction_date FROM inductions WHERE student_id = ?", [r.student_id]).fetchone()
        if row is not None:
            problems.append(f"{r.name} is already on the Honor Roll (inducted "
                            f"{format_date(dt.date.fromisoformat(row[0]))})")
    warnings = ceremony_warnings(db, ceremony_id) if ceremony.status == CeremonyStatus.PLANNED else []
    return HeldPreview(ceremony_id, ceremony.title, ceremony.ceremony_date, tuple(r.name for r in inductees),
                       tuple(problems), tuple(warnings))


def mark_ceremony_held(db: Database, ceremony_id: int, *, today: dt.date | None = None) -> list[int]:
    """Record the ceremony as held: each inductee goes on the Honor Roll with the ceremony's date.

    Returns the new inductions' ids. Refused (ValidationError, every reason) unless the ceremony is
    planned, dated today or earlier (default: today), with its time, venue and inductees known,
    and none of them on the Honor Roll already (domain.ceremonies.held_problems).
    """
    preview = held_preview(db, ceremony_id, today=today)
    if preview.problems:
        raise ValidationError([Problem("Ceremony", preview.title, p) for p in preview.problems])
    ceremony = get_ceremony(db, ceremony_id)
    assert ceremony.ceremony_date is not None
    day = ceremony.ceremony_date
    induction_ids = []
    with write(db):
        describe(db, f"marking of the ceremony {ceremony.title} as held ({preview.summary()})")
        for r in list_inductees(db, ceremony_id):
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
        db.execute("UPDATE ceremonies SET status = ? WHERE id = ?", [CeremonyStatus.HELD, ceremony_id])
        audit(db, "ceremonies", ceremony_id, "held", {"date": day.isoformat(), "inducted": len(induction_ids)})
    return induction_ids


def reopen_ceremony(db: Database, ceremony_id: int, reason: str) -> int:
    """Take back the marking of a ceremony as held, for this reason (kept in its History); returns the
    inductions removed: exactly those the marking wrote (the Honor Roll's records of this ceremony).

    The ceremony is planned again (its inductees, program and guests as they were), and the
    nominations the marking closed are Approved again.
    """
    ceremony = get_ceremony(db, ceremony_id)
    problem = reopen_problem(ceremony, reason)
    if problem is not None:
        raise ValidationError([Problem("Ceremony", ceremony.title, problem)])
    reason = reason.strip()
    with write(db):
        describe(db, f"reopening of the ceremony {ceremony.title}: {reason}")
        removed = remove_ceremony_inductions(db, ceremony_id, dates.today(), f"ceremony reopened: {reason}")
        db.execute("UPDATE ceremonies SET status = ?, reopen_reason = ? WHERE id = ?",
                   [CeremonyStatus.PLANNED, reason, ceremony_id])
        audit(db, "ceremonies", ceremony_id, "reopened", {"reason": reason, "inductions removed": removed})
    return removed
