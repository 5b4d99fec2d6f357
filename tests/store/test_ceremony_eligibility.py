"""A graduate goes on a ceremony only if the Honor Roll's rules admit them, or with an override and its reason."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from imet_desktop.domain.eligibility import SchoolAttended
from imet_desktop.domain.records import Ceremony, Nomination, Position, Student
from imet_desktop.store.ceremonies import add_inductee, assign_nomination, list_inductees, new_ceremony
from imet_desktop.store.ceremonies.eligibility import NotEligible
from imet_desktop.store.history import record_history
from imet_desktop.store.honor_roll import add_nomination, add_position, add_school
from imet_desktop.store.students import add_student


@pytest.fixture
def ceremony(db: Database) -> int:
    return new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22), "14:00", "Maxwell Club"))


def _override(db: Database, inductee_id: int) -> tuple[str, str, str | None]:
    row = db.execute("SELECT override_reason, override_by, override_at FROM ceremony_inductees WHERE id = ?",
                     [inductee_id]).fetchone()
    return str(row[0]), str(row[1]), row[2]


def test_a_projected_student_is_refused_with_the_rule(db: Database, ceremony: int) -> None:
    sid = add_student(db, Student("NOVAK", "Jan", country_code="CZ", status="Projected"))
    with pytest.raises(NotEligible, match="Jan NOVAK'?: Not eligible: no course at the school on record; no "
                                          "position on record"):
        add_inductee(db, ceremony, sid)
    with pytest.raises(NotEligible):
        add_inductee(db, ceremony, sid, override_reason="   ")
    assert list_inductees(db, ceremony) == []


def test_a_graduate_in_a_position_that_does_not_qualify_is_refused(db: Database, ceremony: int) -> None:
    sid = add_student(db, Student("SILVA", "Ana", country_code="BR"))
    add_school(db, sid, SchoolAttended("ACSC", 2005))
    add_position(db, Position(sid, "Deputy Director, Logistics", category="Staff",
                              appointment_date=dt.date(2024, 1, 1)))
    with pytest.raises(NotEligible, match="no position in a qualifying category \\(latest: Deputy Director, "
                                          "Logistics\\)"):
        add_inductee(db, ceremony, sid)


def test_an_override_is_recorded_with_its_reason_who_and_when(db: Database, ceremony: int) -> None:
    sid = add_student(db, Student("NOVAK", "Jan", country_code="CZ"))
    inductee = add_inductee(db, ceremony, sid, override_reason="Commandant's decision, memo of 2 March")
    reason, by, at = _override(db, inductee)
    assert reason == ("Commandant's decision, memo of 2 March (waived: Not eligible: no course at the school on "
                      "record; no position on record.)")
    assert by and at
    recorded = {h.field: h.new for h in record_history(db, "ceremony_inductees", inductee) if h.what == "recorded"}
    assert recorded["Override reason"] == reason and recorded["Override by"] == by


def test_an_eligible_graduate_needs_no_override_and_none_is_written(db: Database, ceremony: int) -> None:
    sid = add_student(db, Student("PRASERTWONG", "Apichart", country_code="TH"))
    add_school(db, sid, SchoolAttended("ACSC", 2005))
    add_position(db, Position(sid, "Commander-in-Chief, Royal Thai Air Force", category="Commander of the Air Force",
                              appointment_date=dt.date(2024, 10, 1)))
    inductee = add_inductee(db, ceremony, sid, override_reason="not needed")
    assert _override(db, inductee) == ("", "", None)


def test_an_approved_nominee_who_does_not_qualify_needs_the_override_too(db: Database, ceremony: int) -> None:
    sid = add_student(db, Student("NOVAK", "Jan", country_code="CZ"))
    nid = add_nomination(db, Nomination(sid, "SCO", nomination_date=dt.date(2026, 1, 1)))
    db.execute("UPDATE nominations SET status = 'Approved' WHERE id = ?", [nid])  # approved before the rules changed
    with pytest.raises(NotEligible):
        assign_nomination(db, nid, ceremony)
    assign_nomination(db, nid, ceremony, override_reason="approved by the board under the 2020 rules")
    assert [r.student_id for r in list_inductees(db, ceremony)] == [sid]

