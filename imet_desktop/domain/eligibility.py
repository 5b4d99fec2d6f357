"""Who qualifies for the Honor Roll, and how a nomination moves from proposed to inducted.

A graduate qualifies with a qualifying course (a setting; default SOS, ACSC, AWC, SAASS) completed
in residence and a position in a qualifying category (a setting too). The reason is said in words,
because the clerk reads it to the approving officials.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from imet_desktop.domain.dates import format_date
from imet_desktop.domain.records import NominationStatus, Position

# The clearance checklist a nomination goes through, unless the office configures its own.
DEFAULT_CLEARANCE_STEPS: tuple[str, ...] = (
    "School review",
    "Headquarters",
    "Host government accepts",
    "Nominee accepts",
)

# Who proposes a graduate: stored value -> the clerk's words.
NOMINATOR_KINDS: dict[str, str] = {
    "SCO": "Security cooperation office at the embassy",
    "Combatant command": "Combatant command",
    "School": "The school",
}

# Where a nomination may go next by hand. Inducted is reached only when a ceremony is held.
_NEXT: dict[str, tuple[str, ...]] = {
    NominationStatus.NOMINATED.value: (NominationStatus.VERIFIED.value, NominationStatus.DECLINED.value),
    NominationStatus.VERIFIED.value: (NominationStatus.APPROVED.value, NominationStatus.DECLINED.value,
                                      NominationStatus.NOMINATED.value),
    NominationStatus.APPROVED.value: (NominationStatus.DECLINED.value,),
    NominationStatus.DECLINED.value: (NominationStatus.NOMINATED.value,),
    NominationStatus.INDUCTED.value: (),
}


@dataclass(frozen=True, slots=True)
class SchoolAttended:
    """A course a graduate attended at the school: from an enrollment, or recorded for an earlier graduate."""

    course_code: str
    year: int | None = None
    in_residence: bool = True
    completed: bool = True
    source: str = ""
    id: int | None = None  # the recorded row; None when it comes from an enrollment

    @property
    def label(self) -> str:
        """'ACSC 2005', as the plaque and the program write it."""
        return f"{self.course_code} {self.year}" if self.year else self.course_code

    @property
    def from_enrollment(self) -> bool:
        """True when the school's own class records show it (it cannot be edited here)."""
        return self.id is None


@dataclass(frozen=True, slots=True)
class Assessment:
    """Whether a graduate qualifies, and why (or why not) in words."""

    eligible: bool
    reason: str
    schools: tuple[SchoolAttended, ...] = ()  # the qualifying ones
    position: Position | None = None  # the qualifying position reached most recently


def schools_text(schools: Iterable[SchoolAttended]) -> str:
    """'SOS 1998; ACSC 2005': completed courses in order of year, each once."""
    seen: list[str] = []
    ordered = sorted((s for s in schools if s.completed), key=lambda s: (s.year is None, s.year or 0, s.course_code))
    for s in ordered:
        if s.label not in seen:
            seen.append(s.label)
    return "; ".join(seen)


_SCHOOL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 .\-]*?)\s*((?:19|20)\d\d)?\s*$")


def parse_schools(text: str) -> list[SchoolAttended]:
    """The courses in a 'SOS 1972; ACSC 1981' text (as kept on older Honor Roll records).

    Parts that do not read as a course code with an optional year are skipped, not guessed.
    """
    found = []
    for part in re.split(r"[;,]", text):
        if not part.strip():
            continue
        m = _SCHOOL.match(part)
        if m is None:
            continue
        found.append(SchoolAttended(m.group(1).strip().upper(), int(m.group(2)) if m.group(2) else None))
    return found


def _codes(values: Iterable[str]) -> set[str]:
    return {v.strip().casefold() for v in values if v.strip()}


def qualifying_schools(schools: Iterable[SchoolAttended], courses: Iterable[str]) -> list[SchoolAttended]:
    """The schools completed in residence whose course is a qualifying one."""
    wanted = _codes(courses)
    return [s for s in schools if s.completed and s.in_residence and s.course_code.strip().casefold() in wanted]


def qualifying_positions(positions: Iterable[Position], categories: Iterable[str]) -> list[Position]:
    """The positions in a qualifying category, most recently appointed first (undated last)."""
    wanted = _codes(categories)
    found = [p for p in positions if p.category.strip().casefold() in wanted]
    return sorted(found, key=lambda p: (p.appointment_date is None, -(p.appointment_date or dt.date.min).toordinal()))


def _position_words(position: Position) -> str:
    words = f"{position.category}: {position.title}"
    if position.appointment_date:
        words += f" (appointed {format_date(position.appointment_date)})"
    return words


def assess(schools: Sequence[SchoolAttended], positions: Sequence[Position], *, courses: Sequence[str],
           categories: Sequence[str]) -> Assessment:
    """Whether a graduate qualifies for the Honor Roll, with the reason in words."""
    good_schools = qualifying_schools(schools, courses)
    good_positions = qualifying_positions(positions, categories)
    problems = []
    if not good_schools:
        others = [s for s in schools if s.course_code.strip().casefold() in _codes(courses)]
        if others:
            notes = []
            for s in others:
                if not s.in_residence:
                    notes.append(f"{s.label} not in residence")
                elif not s.completed:
                    notes.append(f"{s.label} not completed")
            problems.append("no qualifying course completed in residence (" + "; ".join(notes) + ")")
        elif schools:
            problems.append(f"no qualifying course completed in residence (attended {schools_text(schools)}; "
                            f"qualifying: {', '.join(courses)})")
        else:
            problems.append("no course at the school on record")
    if not good_positions:
        if positions:
            latest = max(positions, key=lambda p: p.appointment_date or dt.date.min)
            problems.append(f"no position in a qualifying category (latest: {latest.title})")
        else:
            problems.append("no position on record")
    if problems:
        return Assessment(False, "Not eligible: " + "; ".join(problems) + ".", tuple(good_schools),
                          good_positions[0] if good_positions else None)
    best = good_positions[0]
    reason = f"{schools_text(good_schools)} in residence; {_position_words(best)}"
    return Assessment(True, reason, tuple(good_schools), best)


def next_statuses(status: str) -> tuple[str, ...]:
    """The statuses a clerk may move a nomination to from this one."""
    return _NEXT.get(status, ())


def status_change_problem(current: str, new: str, *, uncleared: Sequence[str] = (),
                          assessment: Assessment | None = None) -> str | None:
    """Why a nomination cannot move from current to new, in words; None when it can.

    Approval needs every clearance step done (uncleared names those that are not); verification
    needs the graduate to qualify (assessment, when given).
    """
    if new == current:
        return f"the nomination is already {new}"
    if new == NominationStatus.INDUCTED.value:
        return "a nomination becomes Inducted when its ceremony is marked as held"
    if new not in next_statuses(current):
        allowed = ", ".join(next_statuses(current)) or "nothing (it is final)"
        return f"a {current} nomination can move to {allowed}, not to {new}"
    if new == NominationStatus.APPROVED.value and uncleared:
        return "approval needs every clearance; still open: " + ", ".join(uncleared)
    if new == NominationStatus.VERIFIED.value and assessment is not None and not assessment.eligible:
        return assessment.reason[0].lower() + assessment.reason[1:].removesuffix(".")
    return None
