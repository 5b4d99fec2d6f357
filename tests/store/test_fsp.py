"""The Field Studies Program: events with their topics, attendance, and which topics each student still lacks."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from imet_desktop.store import fsp
from imet_desktop.store.enrollments import assign
from imet_desktop.store.errors import RecordNotFoundError, ValidationError

from .placing import PLACED_ON, D, a_school, a_student


def test_there_are_eleven_topics_and_us_spellings_are_recognised() -> None:
    assert len(fsp.FSP_TOPICS) == 11
    assert fsp.canonical_topic("US government institutions") == "U.S. government institutions"
    assert fsp.canonical_topic("law of WAR") == "Law of war"
    assert fsp.canonical_topic("Sports") is None


def test_an_event_is_saved_with_its_topics_in_the_programs_order(db: Database) -> None:
    event_id = fsp.add_event(db, fsp.FspEvent(D(2026, 9, 11), "Alabama Supreme Court", "Montgomery, Alabama",
                                              ("Law of war", "judicial system")))
    event = fsp.get_event(db, event_id)
    assert event.topics == ("Law of war", "Judicial system")
    [row] = fsp.list_events(db)
    assert (row.title, row.attended, row.absent) == ("Alabama Supreme Court", 0, 0)


def test_an_event_without_a_title_or_with_an_unknown_topic_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        fsp.add_event(db, fsp.FspEvent(D(2026, 9, 11), " ", topics=("Sports",)))
    assert len(caught.value.problems) == 2


def test_attendance_and_the_topics_each_student_lacks(db: Database) -> None:
    school = a_school(db)
    present, absent, unrecorded = (a_student(db, n) for n in ("ADAMS", "BAKER", "CLARK"))
    for sid in (present, absent, unrecorded):
        assign(db, sid, school.prep, today=PLACED_ON)
    court = fsp.add_event(db, fsp.FspEvent(D(2026, 9, 11), "Court", topics=("Law of war", "Judicial system")))
    media = fsp.add_event(db, fsp.FspEvent(D(2026, 11, 6), "Newsroom", topics=("Media",)))
    fsp.set_attendance(db, court, [present, absent], True)
    fsp.set_attendance(db, court, [absent], False, "excused: medical appointment")
    fsp.set_attendance(db, media, [present], True)
    rows = {r.student_id: r for r in fsp.attendance(db, court, school.prep)}
    assert (rows[present].recorded, rows[present].attended) == (True, True)
    assert (rows[absent].attended, rows[absent].note) == (False, "excused: medical appointment")
    assert rows[unrecorded].recorded is False
    progress = {p.student_id: p for p in fsp.topic_progress(db, school.prep)}
    assert progress[present].covered == ("Law of war", "Judicial system", "Media")
    assert len(progress[present].lacking) == 8 and progress[present].events_attended == 2
    assert progress[absent].covered == () and len(progress[absent].lacking) == 11
    assert fsp.student_topics(db, present)[0] == progress[present].covered
    assert {r.id: (r.attended, r.absent) for r in fsp.list_events(db)} == {court: (1, 1), media: (1, 0)}
    fsp.clear_attendance(db, court, [absent])
    assert {r.student_id: r.recorded for r in fsp.attendance(db, court, school.prep)}[absent] is False


def test_editing_and_deleting_an_event(db: Database) -> None:
    event_id = fsp.add_event(db, fsp.FspEvent(D(2026, 9, 11), "Court", topics=("Law of war",)))
    fsp.update_event(db, fsp.FspEvent(D(2026, 9, 12), "State court", "Montgomery", ("Judicial system",), event_id))
    assert fsp.get_event(db, event_id).topics == ("Judicial system",)
    fsp.delete_event(db, event_id)
    with pytest.raises(RecordNotFoundError):
        fsp.get_event(db, event_id)
