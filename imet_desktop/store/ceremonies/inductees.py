"""The graduates on a ceremony: adding them (from a nomination or not), their details and program order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date
from imet_desktop.domain.names import legal_name, printed_name
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.records import (
    CeremonyInductee,
    NominationStatus,
)
from imet_desktop.store.ceremonies.details import require_planned
from imet_desktop.store.ceremonies.eligibility import override_columns
from imet_desktop.store.ceremonies.events import insert_inductee_steps, order_inductee_steps, swap_inductee_steps
from imet_desktop.store.ceremonies.moves import check_move, student_name
from imet_desktop.store.convert import to_row
from imet_desktop.store.db import audit, fetch_record, insert_row, update_record, write
from imet_desktop.store.errors import RecordNotFoundError, ValidationError


@dataclass(frozen=True, slots=True)
class InducteeRow:
    """One inductee on a ceremony, with what the program and certificates need."""

    id: int
    student_id: int
    legal_name: str  # FAMILY, Given (domain.names.legal_name)
    native_name: str
    country_code: str
    country_name: str
    rank: str  # the country rank
    position_title: str
    attending: bool
    representative_name: str
    representative_title: str
    sort_order: int
    citation: str = ""
    nomination_id: int | None = None
    nomination_status: str = ""
    table_id: int | None = None
    table_name: str = ""
    seat_number: int | None = None
    pronunciation: str = ""
    name: str = ""  # as the certificate prints it (domain.names.printed_name)


_INDUCTEES_SQL = """
SELECT i.id, i.student_id, s.legal_family_name, s.legal_given_names, s.native_name,
       coalesce(s.country_code, '') AS country_code, coalesce(c.name, '') AS country_name, s.country_rank AS rank,
       i.position_title, i.attending, i.representative_name, i.representative_title, i.sort_order, i.citation,
       i.nomination_id, coalesce(n.status, '') AS nomination_status, i.table_id, coalesce(t.name, '') AS table_name,
       i.seat_number, s.pronunciation
FROM ceremony_inductees i
CROSS JOIN students s ON s.id = i.student_id  -- CROSS: inductees drive the join, never the students table
LEFT JOIN countries c ON c.code = s.country_code
LEFT JOIN nominations n ON n.id = i.nomination_id
LEFT JOIN ceremony_tables t ON t.id = i.table_id
WHERE {where}
ORDER BY i.sort_order, i.id
"""


def _inductee_rows(db: Database, where: str, params: list[object]) -> list[InducteeRow]:
    rows = []
    for r in db.query(_INDUCTEES_SQL.format(where=where), params):
        family, given = r.pop("legal_family_name"), r.pop("legal_given_names")
        rows.append(InducteeRow(**{**r, "attending": bool(r["attending"])}, legal_name=legal_name(family, given),
                                name=printed_name(family, given, r["country_code"])))
    return rows


def list_inductees(db: Database, ceremony_id: int) -> list[InducteeRow]:
    """A ceremony's inductees in program order."""
    return _inductee_rows(db, "i.ceremony_id = ?", [ceremony_id])


def inductee_row(db: Database, inductee_id: int) -> InducteeRow:
    """One inductee of a ceremony as the ceremony's list shows it (a view updates its row without reading the
    others)."""
    rows = _inductee_rows(db, "i.id = ?", [inductee_id])
    if not rows:
        raise RecordNotFoundError(f"there is no inductee with id {inductee_id}")
    return rows[0]


def add_inductee(db: Database, ceremony_id: int, student_id: int, position_title: str = "",
                 representative_name: str = "", representative_title: str = "", *,
                 nomination_id: int | None = None, move: bool = False, override_reason: str = "") -> int:
    """Put a graduate on a ceremony, last in program order; returns the inductee's id.

    A graduate on another planned ceremony is moved from it only with move=True (MoveNotConfirmed
    otherwise, naming that ceremony: the window asks, the command line needs --move).
    A graduate the Honor Roll's rules do not admit is added only with an override reason (NotEligible
    otherwise, with the rule's reason); the reason is kept on the inductee with who gave it and when.

    A named representative means the inductee does not attend and the representative accepts.
    Without a position title, the nomination's position (else the graduate's latest one) is used.
    The graduate's nomination in progress is linked (an approved one is assigned to the ceremony),
    and when the ceremony already has an order of events, the inductee's citation, certificate
    and plaque are added after the other inductees'.
    """
    ceremony = require_planned(db, ceremony_id)
    if db.execute("SELECT 1 FROM students WHERE id = ?", [student_id]).fetchone() is None:
        raise RecordNotFoundError(f"there is no student with id {student_id}")
    if db.execute("SELECT 1 FROM ceremony_inductees WHERE ceremony_id = ? AND student_id = ?",
                  [ceremony_id, student_id]).fetchone() is not None:
        raise ValidationError([Problem("Inductee", student_id, "is already on this ceremony")])
    inducted = db.execute("SELECT induction_date FROM inductions WHERE student_id = ?", [student_id]).fetchone()
    if inducted is not None:
        raise ValidationError([Problem("Inductee", student_id, "is already on the Honor Roll (inducted "
                                       f"{format_date(dt.date.fromisoformat(inducted[0]))})")])
    elsewhere = check_move(db, student_id, ceremony_id, move)
    name = student_name(db, student_id)  # as the certificate prints it: the override's message, the steps' "who"
    override = override_columns(db, student_id, name, override_reason)
    if nomination_id is None:
        row = db.execute("SELECT id FROM nominations WHERE student_id = ? AND status NOT IN ('Declined', 'Inducted') "
                         "ORDER BY nomination_date DESC, id DESC LIMIT 1", [student_id]).fetchone()
        nomination_id = None if row is None else int(row[0])
    nomination = None if nomination_id is None else db.execute(
        "SELECT status, position_id FROM nominations WHERE id = ? AND student_id = ?",
        [nomination_id, student_id]).fetchone()
    if nomination_id is not None and nomination is None:
        raise RecordNotFoundError(f"the graduate has no nomination with id {nomination_id}")
    if not position_title and nomination is not None and nomination[1] is not None:
        row = db.execute("SELECT title FROM positions WHERE id = ?", [nomination[1]]).fetchone()
        position_title = "" if row is None else str(row[0])
    if not position_title:
        row = db.execute("SELECT title FROM positions WHERE student_id = ? "
                         "ORDER BY appointment_date IS NULL, appointment_date DESC, id DESC LIMIT 1",
                         [student_id]).fetchone()
        position_title = "" if row is None else str(row[0])
    citation = ""
    with write(db):
        if elsewhere is not None:
            remove_inductee(db, elsewhere.inductee_id)
        sort_order = int(db.execute("SELECT coalesce(max(sort_order), 0) + 1 FROM ceremony_inductees "
                                    "WHERE ceremony_id = ?", [ceremony_id]).fetchone()[0])
        inductee_id = insert_row(db, "ceremony_inductees", {
            "ceremony_id": ceremony_id, "student_id": student_id, "nomination_id": nomination_id,
            "position_title": position_title, "attending": 0 if representative_name.strip() else 1,
            "representative_name": representative_name, "representative_title": representative_title,
            "citation": citation, "sort_order": sort_order, **override})
        if nomination is not None and nomination[0] == NominationStatus.APPROVED.value:
            db.execute("UPDATE nominations SET ceremony_id = ? WHERE id = ?", [ceremony_id, nomination_id])
        insert_inductee_steps(db, ceremony_id, inductee_id, name)
        audit(db, "ceremony_inductees", inductee_id, "insert",
              {"ceremony_id": ceremony_id, "student_id": student_id, "representative_name": representative_name,
               **({"override": override["override_reason"]} if override else {}),
               "ceremony": ceremony.title})
    return inductee_id


def get_inductee(db: Database, inductee_id: int) -> CeremonyInductee:
    """One inductee of a ceremony."""
    return fetch_record(db, CeremonyInductee, "ceremony_inductees", inductee_id,
                        f"there is no inductee with id {inductee_id}")


def update_inductee(db: Database, inductee: CeremonyInductee) -> None:
    """Save an inductee's position as engraved, attendance or representative, and citation.

    Someone who does not attend needs a named representative to accept for them.
    """
    if inductee.id is None:
        raise ValueError("update_inductee needs an inductee with an id")
    old = get_inductee(db, inductee.id)
    require_planned(db, old.ceremony_id)
    if inductee.attending:
        inductee.representative_name = inductee.representative_name.strip()
    elif not inductee.representative_name.strip():
        raise ValidationError([Problem("Representative", "", "is required when the inductee does not attend "
                                       "(who accepts for them?)")])
    fields = ("position_title", "attending", "representative_name", "representative_title", "citation")
    with write(db):
        changed = update_record(db, "ceremony_inductees", inductee.id, to_row(old), to_row(inductee), fields=fields,
                                version=inductee.version, what="the inductee")
        if changed and not inductee.attending:  # no seat for someone who is not there
            db.execute("UPDATE ceremony_inductees SET table_id = NULL, seat_number = NULL WHERE id = ?",
                       [inductee.id])


def remove_inductee(db: Database, inductee_id: int) -> None:
    """Take an inductee off a ceremony being planned (their steps in the order of events go too)."""
    inductee = get_inductee(db, inductee_id)
    require_planned(db, inductee.ceremony_id)
    nomination = db.execute("SELECT nomination_id FROM ceremony_inductees WHERE id = ?", [inductee_id]).fetchone()[0]
    with write(db):
        if nomination is not None:
            db.execute("UPDATE nominations SET ceremony_id = NULL WHERE id = ? AND ceremony_id = ?",
                       [nomination, inductee.ceremony_id])
        # Their steps go with them (ON DELETE CASCADE); the lines after keep their numbers: the order is the
        # same, and renumbering would rewrite every line of a large ceremony.
        db.execute("DELETE FROM ceremony_inductees WHERE id = ?", [inductee_id])
        audit(db, "ceremony_inductees", inductee_id, "delete",
              {"ceremony_id": inductee.ceremony_id, "student_id": inductee.student_id})


def reorder_inductees(db: Database, ceremony_id: int, inductee_ids: Sequence[int]) -> None:
    """Put a ceremony's inductees in this program order; their steps in the order of events follow."""
    require_planned(db, ceremony_id)
    current = [r.id for r in list_inductees(db, ceremony_id)]
    if sorted(current) != sorted(inductee_ids):
        raise ValidationError([Problem("Inductees", list(inductee_ids),
                                       "must be this ceremony's inductees, each once")])
    with write(db):
        db.conn.executemany("UPDATE ceremony_inductees SET sort_order = ? WHERE id = ?",
                            [(n, i) for n, i in enumerate(inductee_ids, 1)])
        order_inductee_steps(db, ceremony_id, inductee_ids)
        audit(db, "ceremony_inductees", None, "reorder", {"ceremony_id": ceremony_id, "order": list(inductee_ids)})


def move_inductee(db: Database, inductee_id: int, step: int) -> bool:
    """Move an inductee one place up (step -1) or down (1) in program order, their steps in the order of events
    with them; False when there is no place to go. Touches the two inductees and their steps only."""
    inductee = get_inductee(db, inductee_id)
    require_planned(db, inductee.ceremony_id)
    ordered = [(int(r[0]), int(r[1])) for r in db.execute(
        "SELECT id, sort_order FROM ceremony_inductees WHERE ceremony_id = ? AND (sort_order, id) "
        + ("< (?, ?) ORDER BY sort_order DESC, id DESC" if step < 0 else "> (?, ?) ORDER BY sort_order, id")
        + " LIMIT 1", [inductee.ceremony_id, inductee.sort_order, inductee_id])]
    if not ordered:
        return False
    other_id, other_order = ordered[0]
    with write(db):
        if other_order == inductee.sort_order:  # equal places (an older database): number them all first
            ids = [r.id for r in list_inductees(db, inductee.ceremony_id)]
            db.conn.executemany("UPDATE ceremony_inductees SET sort_order = ? WHERE id = ?",
                                [(n, i) for n, i in enumerate(ids, 1)])
            return move_inductee(db, inductee_id, step)
        db.conn.executemany("UPDATE ceremony_inductees SET sort_order = ? WHERE id = ?",
                            [(other_order, inductee_id), (inductee.sort_order, other_id)])
        first, second = (inductee_id, other_id) if step < 0 else (other_id, inductee_id)
        swap_inductee_steps(db, first, second)
        audit(db, "ceremony_inductees", inductee_id, "move",
              {"ceremony_id": inductee.ceremony_id, "step": step, "passed": other_id})
    return True


def assign_nomination(db: Database, nomination_id: int, ceremony_id: int, *, representative_name: str = "",
                      representative_title: str = "", move: bool = False, override_reason: str = "") -> int:
    """Put an approved nomination's nominee on a ceremony; returns the inductee's id.

    A nominee on another planned ceremony moves to this one only with move=True (MoveNotConfirmed
    otherwise, naming that ceremony), and an ineligible one only with override_reason (see add_inductee).
    """
    row = db.execute("SELECT student_id, status, ceremony_id FROM nominations WHERE id = ?",
                     [nomination_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no nomination with id {nomination_id}")
    student_id, status = int(row[0]), str(row[1])
    if status != NominationStatus.APPROVED.value:
        raise ValidationError([Problem("Nomination", status, "must be Approved before it is assigned to a ceremony")])
    require_planned(db, ceremony_id)
    elsewhere = check_move(db, student_id, ceremony_id, move)
    with write(db):
        if elsewhere is not None:
            remove_inductee(db, elsewhere.inductee_id)
        existing = db.execute("SELECT id FROM ceremony_inductees WHERE ceremony_id = ? AND student_id = ?",
                              [ceremony_id, student_id]).fetchone()
        if existing is not None:
            db.execute("UPDATE ceremony_inductees SET nomination_id = ? WHERE id = ?", [nomination_id, existing[0]])
            db.execute("UPDATE nominations SET ceremony_id = ? WHERE id = ?", [ceremony_id, nomination_id])
            return int(existing[0])
        return add_inductee(db, ceremony_id, student_id, representative_name=representative_name,
                            representative_title=representative_title, nomination_id=nomination_id,
                            override_reason=override_reason)
