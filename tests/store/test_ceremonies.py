"""Ceremonies: planning an induction, its inductees, program, guests, tables and checklist."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Ceremony, CeremonyTask, Guest, OrderOfEventsItem, Position, Student
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
    add_inductee,
    add_table,
    add_task,
    get_ceremony,
    list_ceremonies,
    list_events,
    list_guests,
    list_inductees,
    list_tasks,
    update_ceremony,
)
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.honor_roll import add_position
from imet_desktop.store.students import add_student


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
    ceremony.status = "Held"
    update_ceremony(db, ceremony)
    assert get_ceremony(db, cid).status == "Held"
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
