"""A graduate on one planned ceremony is never taken off it silently to go on another: the move is asked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Ceremony, Student
from imet_desktop.store.ceremonies import add_inductee, assign_nomination, list_events, list_inductees, new_ceremony
from imet_desktop.store.ceremonies.moves import MoveNotConfirmed, inductee_elsewhere
from imet_desktop.store.honor_roll import (
    get_nomination,
)
from imet_desktop.store.students import add_student
from tests.store.office import approved_graduate

_approved = approved_graduate


@pytest.fixture
def two(db: Database) -> tuple[int, int]:
    """The 2027 ceremony with eight nominees, and the 2028 one being planned."""
    c2027 = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22), "14:00", "Maxwell Club"))
    for n in range(8):
        assign_nomination(db, _approved(db, f"NOMINEE{n}", "BR")[1], c2027)
    c2028 = new_ceremony(db, Ceremony("Induction 2028", dt.date(2028, 4, 20), "14:00", "Maxwell Club"))
    return c2027, c2028


def test_an_approved_nominee_on_another_ceremony_is_not_taken_off_it_unasked(db: Database,
                                                                            two: tuple[int, int]) -> None:
    c2027, c2028 = two
    nomination = next(r.nomination_id for r in list_inductees(db, c2027))
    assert nomination is not None
    with pytest.raises(MoveNotConfirmed, match="is on the ceremony “Induction 2027” \\(22 APR 2027\\): moving them "
                                               "to this one is asked first"):
        assign_nomination(db, nomination, c2028)
    assert len(list_inductees(db, c2027)) == 8 and list_inductees(db, c2028) == []
    assert get_nomination(db, nomination).ceremony_id == c2027


def test_a_confirmed_move_takes_the_nominee_and_their_steps_to_the_other_ceremony(db: Database,
                                                                                 two: tuple[int, int]) -> None:
    c2027, c2028 = two
    row = list_inductees(db, c2027)[0]
    steps = len(list_events(db, c2027))
    assert row.nomination_id is not None
    assert inductee_elsewhere(db, row.student_id, c2028) is not None
    assign_nomination(db, row.nomination_id, c2028, move=True)
    assert len(list_inductees(db, c2027)) == 7
    assert [r.student_id for r in list_inductees(db, c2028)] == [row.student_id]
    assert len(list_events(db, c2027)) == steps - 3
    assert get_nomination(db, row.nomination_id).ceremony_id == c2028
    assert inductee_elsewhere(db, row.student_id, c2028) is None


def test_a_graduate_added_by_hand_is_not_put_on_two_ceremonies(db: Database, two: tuple[int, int]) -> None:
    c2027, c2028 = two
    student = add_student(db, Student("KIM", "Min-jun", country_code="KR"))
    add_inductee(db, c2028, student, override_reason="test")
    with pytest.raises(MoveNotConfirmed, match="KIM Min-jun.*“Induction 2028” \\(20 APR 2028\\)"):
        add_inductee(db, c2027, student, override_reason="test")
    add_inductee(db, c2027, student, move=True, override_reason="test")
    assert student in [r.student_id for r in list_inductees(db, c2027)]
    assert list_inductees(db, c2028) == []
