"""Is the graduate already on another planned ceremony? Taking them off it to put them on this one is
always asked first (the window asks, the command line needs --move); nothing moves silently."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date
from imet_desktop.domain.names import printed_name
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import CeremonyStatus
from imet_desktop.store.errors import ValidationError


@dataclass(frozen=True, slots=True)
class Elsewhere:
    """The graduate's place on another planned ceremony."""

    inductee_id: int
    ceremony_id: int
    title: str
    day: dt.date | None

    def named(self) -> str:
        """'“Induction 2027” (22 APR 2027)'."""
        return f"“{self.title}” ({format_date(self.day) or 'no date yet'})"


class MoveNotConfirmed(ValidationError):
    """The graduate is on another planned ceremony and moving them was not confirmed."""

    def __init__(self, name: str, elsewhere: Elsewhere) -> None:
        self.elsewhere = elsewhere
        super().__init__([Problem("Inductee", name, f"is on the ceremony {elsewhere.named()}: moving them to this "
                                                    "one is asked first (on the command line, add --move)")])


def check_move(db: Database, student_id: int, ceremony_id: int, move: bool) -> Elsewhere | None:
    """The graduate's place on another planned ceremony, to be taken when move is True; raises
    MoveNotConfirmed when they have one and move is False. None: they are on no other planned ceremony."""
    elsewhere = inductee_elsewhere(db, student_id, ceremony_id)
    if elsewhere is not None and not move:
        raise MoveNotConfirmed(student_name(db, student_id), elsewhere)
    return elsewhere


def student_name(db: Database, student_id: int) -> str:
    """The graduate's name as the certificate prints it ('' for no such student)."""
    row = db.execute("SELECT legal_family_name, legal_given_names, coalesce(country_code, '') FROM students "
                     "WHERE id = ?", [student_id]).fetchone()
    return "" if row is None else printed_name(str(row[0]), str(row[1] or ""), str(row[2]))


def inductee_elsewhere(db: Database, student_id: int, ceremony_id: int) -> Elsewhere | None:
    """The graduate's place on a planned ceremony other than this one, if they have one."""
    row = db.execute("SELECT i.id, c.id, c.title, c.ceremony_date FROM ceremony_inductees i "
                     "JOIN ceremonies c ON c.id = i.ceremony_id "
                     "WHERE i.student_id = ? AND i.ceremony_id <> ? AND c.status = ? ORDER BY i.id LIMIT 1",
                     [student_id, ceremony_id, CeremonyStatus.PLANNED]).fetchone()
    if row is None:
        return None
    return Elsewhere(int(row[0]), int(row[1]), str(row[2]), dt.date.fromisoformat(row[3]) if row[3] else None)
