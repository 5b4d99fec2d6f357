"""Ceremonies: planning an induction, its inductees, program, guests, tables and checklist."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Ceremony, CeremonyTask, Guest, Nomination, OrderOfEventsItem, Position, Student
from imet_desktop.store.ceremonies import (
    DEFAULT_ORDER_OF_EVENTS,
    DEFAULT_TASKS,
    FOR_EACH_INDUCTEE,
    INDUCTEE_EVENTS,
    add_ceremony,
    add_default_order_of_events,
    add_default_tasks,
    add_event,
    add_guest,
    add_table,
    add_task,
    assign_nomination,
    auto_seat,
    ceremony_warnings,
    delete_ceremony,
    delete_event,
    delete_guest,
    delete_table,
    flags_and_anthems,
    get_ceremony,
    get_inductee,
    list_ceremonies,
    list_events,
    list_guest_rows,
    list_guests,
    list_inductees,
    list_seating,
    list_tables,
    list_task_rows,
    list_tasks,
    mark_ceremony_held,
    move_event,
    move_inductee,
    new_ceremony,
    remove_inductee,
    reorder_inductees,
    rsvp_counts,
    seat_person,
    set_task_done,
    update_ceremony,
    update_event,
    update_guest,
    update_inductee,
    update_table,
)
from imet_desktop.store.ceremonies import add_inductee as _add_inductee
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.honor_roll import (
    add_induction,
    add_nomination,
    add_position,
    change_nomination_status,
    get_nomination,
    list_honorees,
)
from imet_desktop.store.students import add_student
from tests.store.office import approved_graduate


def add_inductee(db: Database, ceremony_id: int, student_id: int, *args: Any, **kwargs: Any) -> int:
    """These tests plan ceremonies; the Honor Roll's rules are tested in test_ceremony_eligibility.py. Their
    graduates, most with no school or position on record, go on with an override."""
    kwargs.setdefault("override_reason", "a planning test")
    return _add_inductee(db, ceremony_id, student_id, *args, **kwargs)


def _ceremony(db: Database, title: str = "International Honor Roll Induction 2027",
              date: dt.date | None = dt.date(2027, 4, 22)) -> int:
    return add_ceremony(db, Ceremony(title, date, "14:00", "Maxwell Club"))


def test_ceremonies_are_listed_newest_first_with_counts(db: Database) -> None:
    old = _ceremony(db, "Induction 2000", dt.date(2000, 6, 15))
    new = _ceremony(db, "Induction 2027", dt.date(2027, 4, 22))
    sid = add_student(db, Student("ROSSI", "Marco", country_code="IT"))
    add_inductee(db, old, sid)
    add_guest(db, Guest(old, "Colonel Ada Example"))
    add_guest(db, Guest(old, "Brig Gen Bo Sample", rsvp="Declined"))
    rows = list_ceremonies(db)
    assert [r.id for r in rows] == [new, old]
    assert (rows[1].inductee_count, rows[1].guest_count) == (1, 2)
    assert rows[0].ceremony_date == "2027-04-22"
    assert rows[0].status == "Planned"


def test_a_ceremony_reads_back_and_updates(db: Database) -> None:
    cid = _ceremony(db)
    ceremony = get_ceremony(db, cid)
    assert ceremony.ceremony_date == dt.date(2027, 4, 22)
    ceremony.venue = "Officers' Club"
    update_ceremony(db, ceremony)
    assert get_ceremony(db, cid).venue == "Officers' Club"
    with pytest.raises(RecordNotFoundError):
        get_ceremony(db, 404)


def test_a_ceremony_with_a_bad_time_is_refused(db: Database) -> None:
    with pytest.raises(ValidationError, match="HH:MM"):
        add_ceremony(db, Ceremony("Induction", ceremony_time="2 pm"))


def test_inductees_keep_program_order_and_take_the_latest_position(db: Database) -> None:
    cid = _ceremony(db)
    th = add_student(db, Student("SUWANNARAT", "Somchai", native_name="สมชาย สุวรรณรัตน์", country_code="TH",
                                 country_rank="พลอากาศเอก"))
    add_position(db, Position(th, "Deputy Commander", appointment_date=dt.date(2020, 1, 1)))
    add_position(db, Position(th, "Commander-in-Chief, Royal Thai Air Force", appointment_date=dt.date(2024, 10, 1)))
    kr = add_student(db, Student("KIM", "Min-jun", native_name="김민준", country_code="KR"))
    first = add_inductee(db, cid, th)
    second = add_inductee(db, cid, kr, position_title="Chief of Staff, ROK Air Force")
    rows = list_inductees(db, cid)
    assert [(r.id, r.sort_order) for r in rows] == [(first, 1), (second, 2)]
    assert rows[0].position_title == "Commander-in-Chief, Royal Thai Air Force"
    assert rows[0].legal_name == "SUWANNARAT, Somchai"
    assert rows[0].native_name == "สมชาย สุวรรณรัตน์"
    assert rows[0].country_name == "Thailand"
    assert rows[0].rank == "พลอากาศเอก"
    assert rows[0].attending is True


def test_an_inductee_accepted_by_a_representative_is_not_attending(db: Database) -> None:
    cid = _ceremony(db)
    sid = add_student(db, Student("AL-SAUD", "Faisal", country_code="SA"))
    add_inductee(db, cid, sid, representative_name="Brig Gen Khalid Example",
                 representative_title="Air Attaché, Embassy of Saudi Arabia")
    row = list_inductees(db, cid)[0]
    assert row.attending is False
    assert row.representative_title == "Air Attaché, Embassy of Saudi Arabia"


def test_the_same_graduate_cannot_be_inducted_twice_at_one_ceremony(db: Database) -> None:
    cid = _ceremony(db)
    sid = add_student(db, Student("KIM"))
    add_inductee(db, cid, sid)
    with pytest.raises(ValidationError, match="already"):
        add_inductee(db, cid, sid)


def test_an_inductee_on_a_missing_ceremony_is_refused(db: Database) -> None:
    sid = add_student(db, Student("KIM"))
    with pytest.raises(RecordNotFoundError):
        add_inductee(db, 99, sid)


def test_the_default_program_repeats_the_inductee_steps_for_each_inductee(db: Database) -> None:
    cid = _ceremony(db)
    a = add_inductee(db, cid, add_student(db, Student("NAGY", "Győző")))
    b = add_inductee(db, cid, add_student(db, Student("KIM", "Min-jun")))
    added = add_default_order_of_events(db, cid)
    events = list_events(db, cid)
    fixed = len(DEFAULT_ORDER_OF_EVENTS) - 1
    assert added == len(events) == fixed + 2 * len(INDUCTEE_EVENTS)
    assert events[0].title == "Official party arrives"
    assert events[-1].title == "Reception"
    assert FOR_EACH_INDUCTEE not in [e.title for e in events]
    per_inductee = [(e.title, e.inductee_id, e.who) for e in events if e.inductee_id is not None]
    assert per_inductee[0] == ("Citation read", a, "Győző NAGY")
    assert per_inductee[3] == ("Citation read", b, "Min-jun KIM")
    assert [e.sort_order for e in events] == list(range(1, len(events) + 1))


def test_the_default_program_does_not_overwrite_an_edited_one_unless_asked(db: Database) -> None:
    cid = _ceremony(db)
    add_event(db, OrderOfEventsItem(cid, "Flyover", sort_order=1))
    with pytest.raises(ValidationError, match="already has lines"):
        add_default_order_of_events(db, cid)
    add_default_order_of_events(db, cid, replace=True)
    assert "Flyover" not in [e.title for e in list_events(db, cid)]


def test_guests_are_listed_by_precedence_with_their_table(db: Database) -> None:
    cid = _ceremony(db)
    add_table(db, cid, "Head table", capacity=10)
    add_guest(db, Guest(cid, "Zed Student", precedence=None))
    add_guest(db, Guest(cid, "Lt Gen Ann Commander", precedence=1, table_name="Head table", seat_number=1,
                        rsvp="Accepted", rsvp_date=dt.date(2027, 3, 1), country_code="US"))
    add_guest(db, Guest(cid, "Col Ivan Attaché", precedence=5, country_code="UA"))
    guests = list_guests(db, cid)
    assert [g.name for g in guests] == ["Lt Gen Ann Commander", "Col Ivan Attaché", "Zed Student"]
    assert guests[0].table_name == "Head table"
    assert guests[0].rsvp_date == dt.date(2027, 3, 1)
    assert guests[2].country_code == ""


def test_a_guest_at_an_unknown_table_or_with_an_unknown_answer_is_refused(db: Database) -> None:
    cid = _ceremony(db)
    with pytest.raises(ValidationError) as caught:
        add_guest(db, Guest(cid, "Col Example", table_name="Table 9", rsvp="Maybe"))
    assert len(caught.value.problems) == 2


def test_two_tables_with_one_name_are_refused(db: Database) -> None:
    cid = _ceremony(db)
    add_table(db, cid, "Table 1")
    with pytest.raises(ValidationError):
        add_table(db, cid, "Table 1")


def test_the_default_checklist_has_the_usual_tasks_counted_back_from_the_date(db: Database) -> None:
    cid = _ceremony(db)
    assert add_default_tasks(db, cid) == len(DEFAULT_TASKS)
    tasks = {t.title: t.due_offset_days for t in list_tasks(db, cid)}
    assert tasks["Invitations sent"] == -60
    assert tasks["RSVPs closed"] == -21
    assert tasks["Certificates printed"] == -14
    assert tasks["Programs printed"] == -10
    assert tasks["Flags and anthems ordered"] == -30
    assert tasks["Plaques engraved"] == -30


def test_adding_the_default_checklist_twice_adds_nothing_new(db: Database) -> None:
    cid = _ceremony(db)
    add_task(db, CeremonyTask(cid, "Invitations sent", -45))
    assert add_default_tasks(db, cid) == len(DEFAULT_TASKS) - 1
    assert add_default_tasks(db, cid) == 0
    assert len(list_tasks(db, cid)) == len(DEFAULT_TASKS)


def test_every_ceremony_change_is_audited(db: Database) -> None:
    cid = _ceremony(db)
    add_default_tasks(db, cid)
    add_default_order_of_events(db, cid)
    tables = {r[0] for r in db.execute("SELECT table_name FROM audit_log")}
    assert {"ceremonies", "ceremony_tasks", "ceremony_events"} <= tables


# --- inductees ------------------------------------------------------------------------------------------------

_approved = approved_graduate


def test_an_approved_nomination_is_assigned_to_a_ceremony_with_its_position(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22)))
    sid, nid = _approved(db, "PRASERTWONG", "TH")
    inductee_id = assign_nomination(db, nid, cid)
    row = list_inductees(db, cid)[0]
    assert (row.id, row.student_id, row.nomination_id, row.nomination_status) == (inductee_id, sid, nid, "Approved")
    assert row.position_title == "Commander, TH Air Force"
    assert get_nomination(db, nid).ceremony_id == cid


def test_only_an_approved_nomination_is_assigned(db: Database) -> None:
    cid = _ceremony(db)
    sid = add_student(db, Student("KIM"))
    nid = add_nomination(db, Nomination(sid, "SCO Seoul"))
    with pytest.raises(ValidationError, match="must be Approved"):
        assign_nomination(db, nid, cid)


def test_a_nomination_moved_to_another_ceremony_leaves_the_first(db: Database) -> None:
    first = _ceremony(db, "Induction 2027")
    second = _ceremony(db, "Induction 2028", dt.date(2028, 4, 20))
    _sid, nid = _approved(db, "KIM", "KR")
    assign_nomination(db, nid, first)
    assign_nomination(db, nid, second, move=True)  # the clerk was asked (tests/store/test_ceremony_moves.py)
    assert list_inductees(db, first) == []
    assert len(list_inductees(db, second)) == 1
    assert get_nomination(db, nid).ceremony_id == second


def test_an_inductee_added_later_gets_their_steps_after_the_other_inductees(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22)))
    assert [e.title for e in list_events(db, cid)][4:6] == ["Welcome remarks", "Inductee remarks"]
    a = add_inductee(db, cid, add_student(db, Student("NAGY", "Győző")))
    b = add_inductee(db, cid, add_student(db, Student("KIM", "Min-jun", country_code="KR")))
    titles = [(e.title, e.inductee_id) for e in list_events(db, cid)]
    assert titles[4:12] == [("Welcome remarks", None), ("Citation read", a), ("Certificate presented", a),
                            ("Plaque unveiled", a), ("Citation read", b), ("Certificate presented", b),
                            ("Plaque unveiled", b), ("Inductee remarks", None)]
    # Each step names the inductee as their certificate prints them (the family name first for a Korean).
    who = {e.inductee_id: e.who for e in list_events(db, cid) if e.inductee_id is not None}
    assert who == {a: "Győző NAGY", b: "KIM Min-jun"} == {r.id: r.name for r in list_inductees(db, cid)}
    assert [e.sort_order for e in list_events(db, cid)] == list(range(1, len(titles) + 1))


def test_removing_an_inductee_takes_their_steps_and_frees_the_nomination(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22)))
    _sid, nid = _approved(db, "KIM", "KR")
    inductee_id = assign_nomination(db, nid, cid)
    lines = [(e.title, e.inductee_id) for e in list_events(db, cid)]
    remove_inductee(db, inductee_id)
    # the other lines keep their order (and their numbers: renumbering would rewrite every line of a large ceremony)
    assert [(e.title, e.inductee_id) for e in list_events(db, cid)] == [x for x in lines if x[1] != inductee_id]
    assert len(lines) - len(list_events(db, cid)) == len(INDUCTEE_EVENTS)
    nomination = get_nomination(db, nid)
    assert (nomination.status, nomination.ceremony_id) == ("Approved", None)


def test_moving_an_inductee_one_place_moves_their_steps_and_touches_no_one_else(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22)))
    a, b, c = (add_inductee(db, cid, add_student(db, Student(name))) for name in ("A", "B", "C"))
    first_line = list_events(db, cid)[0]
    assert move_inductee(db, c, -1)
    assert [r.id for r in list_inductees(db, cid)] == [a, c, b]
    assert [e.inductee_id for e in list_events(db, cid) if e.inductee_id] == [a] * 3 + [c] * 3 + [b] * 3
    assert list_events(db, cid)[0] == first_line
    assert move_inductee(db, a, 1) and [r.id for r in list_inductees(db, cid)] == [c, a, b]
    assert not move_inductee(db, b, 1)  # already last
    group = db.execute("SELECT max(group_id) FROM row_changes").fetchone()[0]
    touched = {r[0] for r in db.execute("SELECT row_id FROM row_changes WHERE group_id = ? AND "
                                        "table_name = 'ceremony_inductees'", [group])}
    assert touched == {a, c}


def test_inductees_sharing_a_place_are_numbered_before_one_moves(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22)))
    a, b, c = (add_inductee(db, cid, add_student(db, Student(name))) for name in ("A", "B", "C"))
    db.execute("UPDATE ceremony_inductees SET sort_order = 1 WHERE ceremony_id = ?", [cid])  # an older database
    assert move_inductee(db, b, -1)
    assert [r.id for r in list_inductees(db, cid)] == [b, a, c]
    assert [e.inductee_id for e in list_events(db, cid) if e.inductee_id] == [b] * 3 + [a] * 3 + [c] * 3


def test_reordering_inductees_moves_their_steps_too(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22)))
    a = add_inductee(db, cid, add_student(db, Student("A")))
    b = add_inductee(db, cid, add_student(db, Student("B")))
    reorder_inductees(db, cid, [b, a])
    assert [r.id for r in list_inductees(db, cid)] == [b, a]
    assert [e.inductee_id for e in list_events(db, cid) if e.inductee_id] == [b, b, b, a, a, a]
    with pytest.raises(ValidationError):
        reorder_inductees(db, cid, [a])


def test_an_inductee_who_does_not_attend_needs_a_representative(db: Database) -> None:
    cid = _ceremony(db)
    inductee_id = add_inductee(db, cid, add_student(db, Student("POLISHCHUK", "Bohdan", country_code="UA")))
    inductee = get_inductee(db, inductee_id)
    inductee.attending = False
    with pytest.raises(ValidationError, match="Representative"):
        update_inductee(db, inductee)
    inductee.representative_name = "Colonel Oleh Savchenko"
    inductee.representative_title = "Air Attaché"
    inductee.citation = "For service to the air force of Ukraine."
    update_inductee(db, inductee)
    row = list_inductees(db, cid)[0]
    assert (row.attending, row.representative_name, row.citation) == (
        False, "Colonel Oleh Savchenko", "For service to the air force of Ukraine.")


def test_someone_already_on_the_honor_roll_is_not_put_on_a_ceremony(db: Database) -> None:
    cid = _ceremony(db)
    sid = add_student(db, Student("ROSSI"))
    add_induction(db, sid, dt.date(2000, 6, 15))
    with pytest.raises(ValidationError, match=r"already on the Honor Roll \(inducted 15 JUN 2000\)"):
        add_inductee(db, cid, sid)


# --- order of events ------------------------------------------------------------------------------------------

def test_a_line_of_the_order_of_events_is_edited_moved_and_removed(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22)))
    events = list_events(db, cid)
    first = events[0]
    first.start_time, first.who = "13:55", "Protocol officer"
    update_event(db, first)
    with pytest.raises(ValidationError, match="HH:MM"):
        update_event(db, OrderOfEventsItem(cid, "Invocation", start_time="2pm", id=events[3].id))
    move_event(db, events[-1].id or 0, 0)
    assert list_events(db, cid)[0].title == "Reception"
    assert list_events(db, cid)[1].start_time == "13:55"
    delete_event(db, events[3].id or 0)
    assert "Invocation" not in [e.title for e in list_events(db, cid)]
    added = add_event(db, OrderOfEventsItem(cid, "Flyover"))
    assert list_events(db, cid)[-1].id == added


# --- guests, tables and seating --------------------------------------------------------------------------------

def test_guests_are_searched_without_accents_and_counted_by_answer(db: Database) -> None:
    cid = _ceremony(db)
    add_guest(db, Guest(cid, "Colonel Hoàng Văn Thắng", organisation="Embassy of Vietnam", country_code="VN",
                        rsvp="Accepted"))
    add_guest(db, Guest(cid, "Dr. Brian Pruitt", organisation="Air War College", rsvp="Declined"))
    add_guest(db, Guest(cid, "Ms. Ann Sponsor"), invited_date=dt.date(2027, 2, 20))
    assert [g.name for g in list_guest_rows(db, cid, search="hoang embassy")] == ["Colonel Hoàng Văn Thắng"]
    assert [g.name for g in list_guest_rows(db, cid, search="vietnam")] == ["Colonel Hoàng Văn Thắng"]
    assert [g.name for g in list_guest_rows(db, cid, rsvp="Declined")] == ["Dr. Brian Pruitt"]
    counts = rsvp_counts(db, cid)
    assert counts.summary() == "3 invited: 1 accepted, 1 declined, 1 not answered"
    assert list_guest_rows(db, cid, search="sponsor")[0].invited_date == dt.date(2027, 2, 20)


def test_a_guest_who_declines_loses_their_seat(db: Database) -> None:
    cid = _ceremony(db)
    add_table(db, cid, "Table 1")
    gid = add_guest(db, Guest(cid, "Col Example", rsvp="Accepted", table_name="Table 1", seat_number=1))
    guest = list_guest_rows(db, cid)[0].as_guest()
    guest.rsvp = "Declined"
    update_guest(db, guest)
    row = list_guest_rows(db, cid)[0]
    assert (row.rsvp, row.table_id, row.seat_number) == ("Declined", None, None)
    delete_guest(db, gid)
    assert list_guests(db, cid) == []


def test_a_guest_joins_an_inductees_party(db: Database) -> None:
    cid = _ceremony(db)
    inductee = add_inductee(db, cid, add_student(db, Student("ĐẶNG", "Xuân Trường", country_code="VN")))
    add_guest(db, Guest(cid, "Huỳnh Thị Lan", category="Inductee family"), guest_of_inductee_id=inductee)
    assert list_guest_rows(db, cid)[0].guest_of == "ĐẶNG Xuân Trường"  # as the certificate prints it
    other = _ceremony(db, "Another")
    with pytest.raises(ValidationError, match="not an inductee of this ceremony"):
        add_guest(db, Guest(other, "Someone"), guest_of_inductee_id=inductee)


def _seating_ceremony(db: Database) -> tuple[int, int, int]:
    cid = _ceremony(db)
    add_table(db, cid, "Head table", 4)
    add_table(db, cid, "Table 1", 8)
    add_guest(db, Guest(cid, "Lt Gen Presiding", precedence=1, rsvp="Accepted", category="Official party"))
    add_guest(db, Guest(cid, "Col Host", precedence=2, rsvp="Accepted", category="Official party"))
    inductee = add_inductee(db, cid, add_student(db, Student("KIM", "Min-jun", country_code="KR")))
    add_guest(db, Guest(cid, "Col Attaché", precedence=20, rsvp="Accepted", category="Attaché"),
              guest_of_inductee_id=inductee)
    add_guest(db, Guest(cid, "Spouse", precedence=30, rsvp="Accepted"), guest_of_inductee_id=inductee)
    add_guest(db, Guest(cid, "Not coming", precedence=3, rsvp="Declined"))
    add_guest(db, Guest(cid, "No answer yet", precedence=3))
    student = add_guest(db, Guest(cid, "A student", precedence=60, rsvp="Accepted"))
    return cid, inductee, student


def test_automatic_seating_keeps_an_inductee_with_their_guests(db: Database) -> None:
    cid, inductee, _student = _seating_ceremony(db)
    plan = auto_seat(db, cid)
    assert plan.unseated == ()
    seating = {p.name: (p.table_name, p.seat_number) for p in list_seating(db, cid)}
    assert seating == {"Lt Gen Presiding": ("Head table", 1), "Col Host": ("Head table", 2),
                       "KIM Min-jun": ("Table 1", 1), "Col Attaché": ("Table 1", 2), "Spouse": ("Table 1", 3),
                       "A student": ("Table 1", 4)}
    assert [t.label for t in list_tables(db, cid)] == ["Head table (2 of 4)", "Table 1 (4 of 8)"]


def test_a_person_is_moved_by_hand_to_a_table_with_room(db: Database) -> None:
    cid, inductee, student = _seating_ceremony(db)
    auto_seat(db, cid)
    head = list_tables(db, cid)[0].id
    seat_person(db, "guest", student, head)
    seat_person(db, "inductee", inductee, head)
    assert {p.name: p.seat_number for p in list_seating(db, cid) if p.table_id == head} == {
        "Lt Gen Presiding": 1, "Col Host": 2, "A student": 3, "KIM Min-jun": 4}
    attache = next(p for p in list_seating(db, cid) if p.name == "Col Attaché")
    with pytest.raises(ValidationError, match=r"Head table.*is full \(4 of 4\)"):
        seat_person(db, "guest", attache.id, head)
    seat_person(db, "guest", student, None)
    assert next(p for p in list_seating(db, cid) if p.name == "A student").table_id is None


def test_a_table_is_resized_but_not_below_who_sits_there_and_removed(db: Database) -> None:
    cid, _inductee, _student = _seating_ceremony(db)
    auto_seat(db, cid)
    head, table_1 = (t.id for t in list_tables(db, cid))
    with pytest.raises(ValidationError, match="less than the 2 people"):
        update_table(db, head, "Head table", 1)
    update_table(db, head, "Top table", 6)
    assert list_tables(db, cid)[0].label == "Top table (2 of 6)"
    delete_table(db, table_1)
    assert sum(1 for p in list_seating(db, cid) if p.table_id is None) == 4


def test_automatic_seating_needs_tables(db: Database) -> None:
    cid = _ceremony(db)
    with pytest.raises(ValidationError, match="add the tables"):
        auto_seat(db, cid)


# --- the checklist and the flags -------------------------------------------------------------------------------

def test_tasks_are_due_counted_from_the_ceremony_and_overdue_when_not_done(db: Database) -> None:
    cid = _ceremony(db)
    add_default_tasks(db, cid)
    rows = {t.title: t for t in list_task_rows(db, cid, today=dt.date(2027, 3, 1))}
    assert rows["Invitations sent"].due_date == dt.date(2027, 2, 21)
    assert rows["Invitations sent"].overdue and rows["Invitations sent"].when == "60 days before"
    assert not rows["RSVPs closed"].overdue
    set_task_done(db, rows["Invitations sent"].id, dt.date(2027, 2, 19))
    again = {t.title: t for t in list_task_rows(db, cid, today=dt.date(2027, 3, 1))}
    assert not again["Invitations sent"].overdue
    assert again["Invitations sent"].done_date == dt.date(2027, 2, 19)


def test_an_undated_ceremony_has_nothing_overdue(db: Database) -> None:
    cid = _ceremony(db, date=None)
    add_default_tasks(db, cid)
    assert not any(t.overdue or t.due_date for t in list_task_rows(db, cid, today=dt.date(2030, 1, 1)))


def test_the_flags_and_anthems_are_the_host_nations_and_the_inductees_countries(db: Database) -> None:
    cid = _ceremony(db)
    add_inductee(db, cid, add_student(db, Student("PRASERTWONG", "Apichart", country_code="TH")))
    add_inductee(db, cid, add_student(db, Student("CHAIYA", "Somchai", country_code="TH")))
    add_inductee(db, cid, add_student(db, Student("CHRISTODOULOU", "Evangelos", country_code="GR")))
    flags = flags_and_anthems(db, cid)
    assert [(f.country_code, f.why) for f in flags] == [
        ("US", "Host nation"), ("GR", "Evangelos CHRISTODOULOU"), ("TH", "Apichart PRASERTWONG, Somchai CHAIYA")]
    assert flags[1].anthem == "National anthem of Greece"


# --- held ------------------------------------------------------------------------------------------------------

def test_marking_a_ceremony_held_puts_its_inductees_on_the_honor_roll_with_its_date(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22), "14:00", "Maxwell Club"))
    sid, nid = _approved(db, "HWANG", "KR", "Sung-min")
    assign_nomination(db, nid, cid)
    assert ceremony_warnings(db, cid) == []
    mark_ceremony_held(db, cid, today=dt.date(2027, 4, 22))
    row = list_honorees(db)[0]
    assert (row.student_id, row.induction_date, row.ceremony_id, row.schools_attended) == (
        sid, "2027-04-22", cid, "ACSC 2005")
    assert row.position_title == "Commander, KR Air Force"
    assert get_nomination(db, nid).status == "Inducted"
    assert get_ceremony(db, cid).status == "Held"
    with pytest.raises(ValidationError, match="held on 22 APR 2027"):
        add_inductee(db, cid, add_student(db, Student("LATE")))


def test_a_ceremony_without_a_date_or_inductees_cannot_be_held(db: Database) -> None:
    cid = _ceremony(db, date=None)
    with pytest.raises(ValidationError) as caught:
        mark_ceremony_held(db, cid, today=dt.date(2027, 4, 22))
    assert str(caught.value) == ("Ceremony 'International Honor Roll Induction 2027': has no date: set it first (the "
                                 "Honor Roll records the date of induction); Ceremony 'International Honor Roll "
                                 "Induction 2027': has no inductees: there is nobody to induct")


def test_the_clerk_is_warned_of_an_inductee_without_approval_or_representative(db: Database) -> None:
    cid = _ceremony(db)
    inductee = add_inductee(db, cid, add_student(db, Student("KIM", "Min-jun")))
    db.execute("UPDATE ceremony_inductees SET attending = 0 WHERE id = ?", [inductee])
    assert ceremony_warnings(db, cid) == ["Min-jun KIM has no approved nomination (no nomination)",
                                          "Min-jun KIM does not attend and no representative is named",
                                          "Min-jun KIM has no position to engrave"]


def test_a_planned_ceremony_is_deleted_and_its_nominees_stay_approved(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22)))
    _sid, nid = _approved(db, "KIM", "KR")
    assign_nomination(db, nid, cid)
    delete_ceremony(db, cid)
    assert list_ceremonies(db) == []
    nomination = get_nomination(db, nid)
    assert (nomination.status, nomination.ceremony_id) == ("Approved", None)


def test_a_held_ceremony_cannot_be_deleted(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22), "14:00", "Maxwell Club"))
    _sid, nid = _approved(db, "KIM", "KR")
    assign_nomination(db, nid, cid)
    mark_ceremony_held(db, cid, today=dt.date(2027, 4, 22))
    with pytest.raises(ValidationError):
        delete_ceremony(db, cid)


def test_declining_an_assigned_nomination_takes_the_nominee_off_the_planned_ceremony(db: Database) -> None:
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22)))
    _sid, nid = _approved(db, "KIM", "KR")
    assign_nomination(db, nid, cid)
    change_nomination_status(db, nid, "Declined", dt.date(2027, 1, 5), "the nominee declined the honour")
    assert list_inductees(db, cid) == []
    assert get_nomination(db, nid).ceremony_id is None
