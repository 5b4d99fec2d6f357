"""Students who may be the same person: by date of birth, passport number or WCN, then by name.

Used by the record editor (a student being added or changed) and by the import (every row of a file).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.records import Student


@dataclass(frozen=True, slots=True)
class ExistingStudent:
    """A student already in the database, as duplicate checks need it."""

    id: int
    legal_family_name: str
    legal_given_names: str
    date_of_birth: str
    passport_number: str
    wcn: str
    archived: bool

    @property
    def legal_name(self) -> str:
        """FAMILY, Given."""
        return f"{self.legal_family_name}, {self.legal_given_names}" if self.legal_given_names \
            else self.legal_family_name


def students_matching(db: Database, *, dates_of_birth: Iterable[str] = (), passport_numbers: Iterable[str] = (),
                      wcns: Iterable[str] = ()) -> list[ExistingStudent]:
    """Students (archived ones too) whose date of birth (ISO), passport number or WCN is among these.

    The candidates for duplicate checks; comparing names is the caller's business. One query,
    each list passed as a JSON array, so 10,000 values cost one scan, not 20.
    """
    params = [json.dumps(sorted(set(values))) for values in (dates_of_birth, passport_numbers, wcns)]
    sql = """
    SELECT id, legal_family_name, legal_given_names, coalesce(date_of_birth, ''), passport_number, wcn,
           archived_at IS NOT NULL
    FROM students
    WHERE date_of_birth IN (SELECT value FROM json_each(?))
       OR (passport_number <> '' AND passport_number IN (SELECT value FROM json_each(?)))
       OR (wcn <> '' AND wcn IN (SELECT value FROM json_each(?)))
    ORDER BY id
    """
    return [ExistingStudent(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in db.execute(sql, params)]


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    """A student already recorded who may be the one being added, and why."""

    id: int
    legal_name: str
    date_of_birth: str
    passport_number: str
    wcn: str
    archived: bool
    reasons: tuple[str, ...]


def _name_key(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def possible_duplicates(db: Database, student: Student) -> list[PossibleDuplicate]:
    """Students (archived ones too) with the same legal name and date of birth, passport number or WCN.

    Names are compared ignoring case and Unicode composition only; passport numbers and WCNs exactly,
    as the import does. The student itself (when it has an id) is not its own duplicate.
    """
    birth = student.date_of_birth.isoformat() if student.date_of_birth else ""
    candidates = students_matching(db, dates_of_birth=[birth] if birth else [],
                                   passport_numbers=[student.passport_number] if student.passport_number else [],
                                   wcns=[student.wcn] if student.wcn else [])
    found: list[PossibleDuplicate] = []
    for c in candidates:
        if c.id == student.id:
            continue
        reasons: list[str] = []
        if birth and c.date_of_birth == birth and (_name_key(c.legal_family_name), _name_key(c.legal_given_names)) \
                == (_name_key(student.legal_family_name), _name_key(student.legal_given_names)):
            reasons.append("same legal name and date of birth")
        if student.passport_number and c.passport_number == student.passport_number:
            reasons.append("same passport number")
        if student.wcn and c.wcn == student.wcn:
            reasons.append("same WCN")
        if reasons:
            found.append(PossibleDuplicate(c.id, c.legal_name, c.date_of_birth, c.passport_number, c.wcn,
                                           c.archived, tuple(reasons)))
    return found


