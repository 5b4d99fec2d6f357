"""A ceremony is marked as held only once it has taken place, and a marking made in error is taken back.

The clerk marks the ceremony held on or after its day, with its time and venue known; the marking
writes one induction per inductee dated that day. "Reopen ceremony" with a reason takes off the
Honor Roll exactly the inductions that marking wrote, and the ceremony's History keeps the reason.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Ceremony, Student
from imet_desktop.store.ceremonies import (
    add_ceremony,
    assign_nomination,
    get_ceremony,
    held_preview,
    mark_ceremony_held,
    new_ceremony,
    reopen_ceremony,
    update_ceremony,
)
from imet_desktop.store.errors import ValidationError
from imet_desktop.store.history import record_history
from imet_desktop.store.honor_roll import (
    add_induction,
    get_nomination,
    list_honorees,
)
from imet_desktop.store.students import add_student
from tests.store.office import approved_graduate

DAY = dt.date(2027, 4, 22)


def _approved(db: Database, family: str, country: str) -> int:
    """The nomination id of an eligible graduate, approved."""
    return approved_graduate(db, family, country)[1]


def _ceremony(db: Database, time: str = "14:00", venue: str = "Maxwell Club") -> tuple[int, list[int]]:
    cid = new_ceremony(db, Ceremony("Induction 2027", DAY, time, venue))
    nominations = [_approved(db, "HWANG", "KR"), _approved(db, "SILVA", "BR")]
    for nid in nominations:
        assign_nomination(db, nid, cid)
    return cid, nominations


def test_a_ceremony_dated_in_the_future_is_not_marked_held(db: Database) -> None:
    cid, _ = _ceremony(db)
    with pytest.raises(ValidationError, match="is dated 22 APR 2027: it can be marked as held on that day or after, "
                                              "not on 21 APR 2027"):
        mark_ceremony_held(db, cid, today=DAY - dt.timedelta(days=1))
    assert get_ceremony(db, cid).status == "Planned"
    assert list_honorees(db) == []


def test_a_ceremony_without_its_time_and_venue_is_not_marked_held(db: Database) -> None:
    cid, _ = _ceremony(db, time="", venue=" ")
    preview = held_preview(db, cid, today=DAY)
    assert not preview.allowed
    assert preview.problems == ("has no time: set the time it was held", "has no venue: set where it was held")
    with pytest.raises(ValidationError, match="has no time.*has no venue"):
        mark_ceremony_held(db, cid, today=DAY)
    assert list_honorees(db) == []


def test_the_preview_says_what_marking_will_write_and_marking_writes_exactly_that(db: Database) -> None:
    cid, _ = _ceremony(db)
    preview = held_preview(db, cid, today=DAY + dt.timedelta(days=3))
    assert preview.allowed
    assert preview.summary() == "2 inductions dated 22 APR 2027"
    assert preview.names == ("HWANG Test", "Test SILVA")  # a Korean name is printed family name first
    ids = mark_ceremony_held(db, cid, today=DAY + dt.timedelta(days=3))
    assert len(ids) == 2
    assert sorted(int(r[0]) for r in db.execute("SELECT id FROM inductions")) == sorted(ids)
    assert {r.induction_date for r in list_honorees(db)} == {"2027-04-22"}
    assert not held_preview(db, cid, today=DAY).allowed  # held already


def test_reopening_needs_a_reason_and_takes_back_exactly_the_inductions_the_marking_wrote(db: Database) -> None:
    earlier = add_ceremony(db, Ceremony("Induction 2012", dt.date(2012, 4, 20), "14:00", "Club", status="Held"))
    old_honoree = add_student(db, Student("MÜLLER", "Hans", country_code="DE"))
    add_induction(db, old_honoree, dt.date(2012, 4, 20), ceremony_id=earlier)
    by_hand = add_student(db, Student("DUPONT", "Jean", country_code="FR"))
    add_induction(db, by_hand, dt.date(2015, 5, 1))
    cid, nominations = _ceremony(db)
    mark_ceremony_held(db, cid, today=DAY)
    assert len(list_honorees(db)) == 4

    with pytest.raises(ValidationError, match="needs a reason"):
        reopen_ceremony(db, cid, "  ")
    with pytest.raises(ValidationError, match="not held: there is nothing to reopen"):
        reopen_ceremony(db, new_ceremony(db, Ceremony("Induction 2028", dt.date(2028, 4, 20))), "why not")

    assert reopen_ceremony(db, cid, "marked held by mistake: the ceremony was postponed") == 2
    assert sorted(r.student_id for r in list_honorees(db)) == sorted([old_honoree, by_hand])
    ceremony = get_ceremony(db, cid)
    assert (ceremony.status, ceremony.reopen_reason) == ("Planned", "marked held by mistake: the ceremony was "
                                                                    "postponed")
    for nid in nominations:
        nomination = get_nomination(db, nid)
        assert (nomination.status, nomination.ceremony_id) == ("Approved", cid)
    history = [(h.field, h.old, h.new) for h in record_history(db, "ceremonies", cid)]
    assert ("Reopen reason", "", "marked held by mistake: the ceremony was postponed") in history
    assert ("Status", "Held", "Planned") in history
    assert ("Status", "Planned", "Held") in history

    # planned again, it is marked held again once it has taken place
    assert len(mark_ceremony_held(db, cid, today=DAY)) == 2
    assert get_ceremony(db, cid).status == "Held"


def test_a_held_ceremony_is_not_edited_and_no_edit_marks_one_held(db: Database) -> None:
    cid, _ = _ceremony(db)
    ceremony = get_ceremony(db, cid)
    ceremony.status = "Held"
    with pytest.raises(ValidationError, match="marked as held with Mark as held"):
        update_ceremony(db, ceremony)
    mark_ceremony_held(db, cid, today=DAY)
    held = get_ceremony(db, cid)
    held.venue = "Elsewhere"
    with pytest.raises(ValidationError, match="reopen it \\(with a reason\\) to change it"):
        update_ceremony(db, held)
    with pytest.raises(ValidationError, match="mark it as held once it has taken place"):
        add_ceremony(db, Ceremony("Induction 2099", dt.date(2099, 4, 20), status="Held"))
