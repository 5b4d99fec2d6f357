"""What a ceremony's printed documents are filled with, read from a demo database."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from sqlite_utils import Database

from imet_desktop.documents import samples
from imet_desktop.documents.data import SignatureBlock
from imet_desktop.domain.eligibility import SchoolAttended
from imet_desktop.domain.records import OfficeSettings, Signatory
from imet_desktop.ops import ceremony_documents as cd
from imet_desktop.ops import wording
from imet_desktop.store.ceremonies import FOR_EACH_INDUCTEE, INDUCTEE_EVENTS, list_inductees, list_seating
from imet_desktop.store.errors import RecordNotFoundError
from imet_desktop.store.honor_roll import add_school
from imet_desktop.store.settings import save_settings
from tests.ops.conftest import HELD, PLANNED, inductee_ids

# --- certificates ----------------------------------------------------------------------------------------------

def test_certificates_of_a_ceremony_are_one_per_inductee_in_program_order(demo: Database) -> None:
    certificates = cd.ceremony_certificates(demo, PLANNED)
    assert [c.record for c in certificates] == [f"Student {sid}" for sid in inductee_ids(demo, PLANNED)]
    thai = certificates[0]
    assert (thai.name_latin, thai.name_native, thai.rank) == ("Apichart PRASERTWONG", "อภิชาติ ประเสริฐวงศ์", "General")
    assert thai.country == "Kingdom of Thailand"
    assert thai.position == "Commander-in-Chief, Royal Thai Air Force"
    assert thai.ceremony_date == dt.date(2027, 4, 22)
    assert thai.ceremony_place == "Maxwell Club Ballroom, Maxwell AFB, Alabama"
    korean = certificates[1]
    assert (korean.name_latin, korean.name_native, korean.country) == ("HWANG Sung-min", "황성민", "Republic of Korea")
    natives = [c.name_native for c in certificates if c.name_native]
    scripts = {unicodedata.name(ch).split()[0] for text in natives for ch in text if ch.isalpha()}
    assert scripts == {"THAI", "HANGUL", "GREEK", "CYRILLIC", "ARABIC", "DEVANAGARI", "CJK"}  # and Latin names
    japanese = certificates[-1]
    assert (japanese.name_latin, japanese.name_native, japanese.country) == ("MORIKAWA Kenji", "森川健二", "Japan")


def test_the_schools_signatories_sign_and_without_any_the_ceremonys_officials(demo: Database) -> None:
    assert cd.ceremony_certificates(demo, PLANNED)[0].signatories == ()  # the school's, from settings
    assert wording.school_info(demo).signatories == (
        SignatureBlock("Miriam T. Okafor", "Colonel, USAF", "Commandant, International Officer School"),
        SignatureBlock("Dana R. Whitcombe", "Lieutenant General, USAF", "Commander and President, Air University"))
    save_settings(demo, OfficeSettings(signatories=[]))
    certificate = cd.ceremony_certificates(demo, PLANNED)[0]
    assert certificate.signatories == (
        SignatureBlock("Lieutenant General Dana R. Whitcombe", "", "Commander and President, Air University"),
        SignatureBlock("Colonel Miriam T. Okafor", "", "Commandant, International Officer School"))
    save_settings(demo, OfficeSettings(signatories=[Signatory("A. Commandant", "Colonel", "Commandant")]))
    assert wording.school_info(demo).signatories == (SignatureBlock("A. Commandant", "Colonel", "Commandant"),)


def test_certificates_for_chosen_inductees_only(demo: Database) -> None:
    ids = inductee_ids(demo, PLANNED)
    chosen = cd.ceremony_certificates(demo, PLANNED, [ids[3], ids[1]])
    assert [c.record for c in chosen] == [f"Student {ids[1]}", f"Student {ids[3]}"]  # program order


def test_a_student_who_is_not_an_inductee_is_refused(demo: Database) -> None:
    stranger = inductee_ids(demo, HELD)[0]
    with pytest.raises(RecordNotFoundError, match=f"student {stranger} is not an inductee of ceremony {PLANNED}"):
        cd.ceremony_certificates(demo, PLANNED, [stranger])


@pytest.mark.parametrize("read", [cd.ceremony_certificates, cd.ceremony_program, cd.place_cards,
                                  cd.invitations, cd.mc_script, cd.engraving_order,
                                  cd.seating_chart])
def test_a_missing_ceremony_is_refused(demo: Database, read: object) -> None:
    with pytest.raises(RecordNotFoundError, match="there is no ceremony with id 99"):
        read(demo, 99)  # type: ignore[operator]


def test_honor_roll_reprints_use_the_induction(demo: Database) -> None:
    sid = inductee_ids(demo, HELD)[0]
    (certificate,) = cd.honoree_certificates(demo, [sid])
    assert certificate.name_latin == "Juan Carlos ZEBALLOS ARCE"
    assert certificate.country == "Plurinational State of Bolivia"
    assert certificate.ceremony_date == dt.date(2000, 6, 15)
    assert certificate.schools == "Squadron Officer School, Class of 1972 and the Air Command and Staff College, " \
                                  "Class of 1981"
    with pytest.raises(RecordNotFoundError, match="is not on the Honor Roll"):
        cd.honoree_certificates(demo, [inductee_ids(demo, PLANNED)[0]])


# --- program -----------------------------------------------------------------------------------------------------

def test_the_program_names_every_inductee_once_in_the_order_of_events(demo: Database) -> None:
    program = cd.ceremony_program(demo, PLANNED)
    titles = [e.title for e in program.events]
    assert titles[:6] == ["Official party arrives", "Posting of the colors", "National anthems", "Invocation",
                          "Welcome remarks", "Induction of the honorees"]
    assert program.events[0].time == "14:00"  # the ceremony's time, no event having one of its own
    assert titles[6:14] == [f"{c.rank} {c.name_latin}" for c in cd.ceremony_certificates(demo, PLANNED)]
    ukraine = next(e for e in program.events if "POLISHCHUK" in e.title)
    assert ukraine.who == "Ukraine; accepted by Colonel Oleh Savchenko, Air Attaché, Embassy of Ukraine, Washington"
    assert titles[-1] == "Reception"
    assert program.presiding_official.startswith("Lieutenant General Dana R. Whitcombe")


def test_a_for_each_inductee_line_expands_into_every_inductees_steps(demo: Database) -> None:
    demo.execute("DELETE FROM ceremony_events WHERE ceremony_id = ? AND inductee_id IS NOT NULL", [PLANNED])
    demo.execute("INSERT INTO ceremony_events (ceremony_id, sort_order, start_time, title) VALUES (?, 6, '14:20', ?)",
                 [PLANNED, FOR_EACH_INDUCTEE])
    demo.conn.commit()
    script = cd.mc_script(demo, PLANNED)
    steps = [(i.title, i.who) for i in script.items if i.who]
    names = [c.name_latin for c in cd.ceremony_certificates(demo, PLANNED)]
    assert steps == [(step, name) for name in names for step in INDUCTEE_EVENTS]
    assert [i.inductee.name for i in script.items if i.inductee] == names


def test_biographies_carry_the_photo_when_there_is_one(demo: Database) -> None:
    sid = inductee_ids(demo, PLANNED)[2]
    photo = samples.portrait_png()
    demo.table("student_photos").insert({"student_id": sid, "image": photo, "thumbnail": photo,
                                         "mime_type": "image/png", "updated_at": "2026-01-01T00:00:00"})
    program = cd.ceremony_program(demo, PLANNED)
    assert [b.photo is not None for b in program.inductees] == [False, False, True] + [False] * 5
    greek = program.inductees[2]
    assert greek.photo == photo
    assert greek.name_native == "Ευάγγελος Χριστοδούλου"
    assert "Positions held: Chief of the Hellenic Air Force General Staff" in greek.biography
    ukraine = next(b for b in program.inductees if "POLISHCHUK" in b.name_latin)
    assert ukraine.represented_by.startswith("Colonel Oleh Savchenko")


def test_the_honor_roll_in_the_program_has_every_honoree_and_this_ceremonys_inductees(demo: Database) -> None:
    inducted = int(demo.execute("SELECT count(*) FROM inductions").fetchone()[0])
    planned = cd.ceremony_program(demo, PLANNED)
    assert len(planned.honor_roll) == inducted + 8
    assert sorted(e.name for e in planned.honor_roll if e.year == 2027) == sorted(
        c.name_latin for c in cd.ceremony_certificates(demo, PLANNED))
    held = cd.ceremony_program(demo, HELD)  # its inductees are on the Honor Roll already: not twice
    assert len(held.honor_roll) == inducted
    assert sum(e.year == 2000 for e in held.honor_roll) >= 11


# --- the other ceremony papers ------------------------------------------------------------------------------

def test_place_cards_are_the_attending_inductees_then_the_guests_who_accepted(demo: Database) -> None:
    cards = cd.place_cards(demo, PLANNED)
    accepted = int(demo.execute("SELECT count(*) FROM ceremony_guests WHERE ceremony_id = ? AND rsvp = 'Accepted'",
                                [PLANNED]).fetchone()[0])
    assert len(cards) == 7 + accepted  # Ukraine's inductee is represented: his representative is a guest
    assert cards[0].name == "General Apichart PRASERTWONG"
    assert not any("POLISHCHUK" in c.name for c in cards)
    assert any(c.name == "Colonel Oleh Savchenko" for c in cards)


def test_invitations_go_to_every_guest_with_the_reply_date(demo: Database) -> None:
    letters = cd.invitations(demo, PLANNED)
    guests = int(demo.execute("SELECT count(*) FROM ceremony_guests WHERE ceremony_id = ?", [PLANNED]).fetchone()[0])
    # the school's first signatory, the commandant, signs the letters and is not invited by them
    # ("Miriam T. Okafor" of the settings is the guest "Colonel Miriam T. Okafor")
    assert len(letters) == guests - 1
    assert "Colonel Miriam T. Okafor" not in {x.guest_name for x in letters}
    first = letters[0]
    assert first.guest_name == "Lieutenant General Dana R. Whitcombe"
    assert first.rsvp_by == dt.date(2027, 4, 1)  # the checklist's "RSVPs closed", 21 days before
    assert first.letter_date == dt.date(2026, 10, 15)
    assert first.signer is None  # the school's first signatory
    save_settings(demo, OfficeSettings(signatories=[]))  # none: the ceremony's host signs
    hosted = cd.invitations(demo, PLANNED)
    host = SignatureBlock("Colonel Miriam T. Okafor", "", "Commandant, International Officer School")
    assert hosted[0].signer == host
    assert len(hosted) == guests - 1
    one = cd.invitations(demo, PLANNED, [int(first.record.split()[1])])
    assert [x.record for x in one] == [first.record]
    with pytest.raises(RecordNotFoundError, match="guest 999999 is not invited"):
        cd.invitations(demo, PLANNED, [999999])


def test_the_mc_script_gives_each_inductees_pronunciation_once(demo: Database) -> None:
    script = cd.mc_script(demo, PLANNED)
    people = [i.inductee for i in script.items if i.inductee is not None]
    assert [p.name for p in people] == [c.name_latin for c in cd.ceremony_certificates(demo, PLANNED)]
    assert people[1].pronunciation == "HWAHNG sung-MIN"
    assert all(p.pronunciation and p.citation for p in people)
    assert next(p for p in people if "POLISHCHUK" in p.name).accepted_by.startswith("Colonel Oleh Savchenko")


def test_the_engraving_order_lists_every_inductee(demo: Database) -> None:
    order = cd.engraving_order(demo, PLANNED)
    assert order.plaque == "International Honor Roll, 2027"
    assert order.needed_by == dt.date(2027, 3, 23)
    assert [e.name for e in order.entries] == [c.name_latin for c in cd.ceremony_certificates(demo, PLANNED)]
    assert order.entries[2].country == "Greece"
    assert [e.schools for e in order.entries[:3]] == ["ACSC 2001, AWC 2010", "ACSC 2003", "SOS 1998, ACSC 2005"]


def test_the_seating_chart_has_each_table_with_its_capacity_and_everyone_by_seat(demo: Database) -> None:
    chart = cd.seating_chart(demo, PLANNED)
    assert [t.name for t in chart.tables] == ["Head table", "Table 1", "Table 2", "Table 3", "Table 4"]
    head = chart.tables[0]
    assert head.capacity == 10
    numbers = [s.number for s in head.seats]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1
    assert head.seats[0].name == "Lieutenant General Dana R. Whitcombe"
    seated = list_seating(demo, PLANNED)
    assert sum(len(t.seats) for t in chart.tables) == sum(p.table_id is not None for p in seated)


def test_the_seating_chart_seats_the_attending_inductees_where_the_plan_put_them(demo: Database) -> None:
    chart = cd.seating_chart(demo, PLANNED)
    where = {(t.name, s.number): s for t in chart.tables for s in t.seats}
    names = {c.record: c.name_latin for c in cd.ceremony_certificates(demo, PLANNED)}
    inductees = {r.id: r for r in list_inductees(demo, PLANNED)}
    seated = [p for p in list_seating(demo, PLANNED) if p.kind == "inductee"]
    assert len(seated) == 7 and all(p.table_id is not None for p in seated)  # Ukraine's is represented
    for person in seated:
        seat = where[(person.table_name, person.seat_number)]
        assert seat.name == names[f"Student {inductees[person.id].student_id}"]
        assert seat.title.endswith("inductee")
    thai = next(s for s in where.values() if s.name == "Apichart PRASERTWONG")
    assert (thai.title, thai.country) == ("General, inductee", "Thailand")
    assert not any("POLISHCHUK" in s.name for s in where.values())


def test_people_at_a_table_without_a_seat_number_get_the_free_seats(demo: Database) -> None:
    table_id = int(demo.execute("SELECT id FROM ceremony_tables WHERE ceremony_id = ? AND name = 'Table 4'",
                                [PLANNED]).fetchone()[0])
    demo.execute("UPDATE ceremony_guests SET table_id = ?, seat_number = NULL "
                 "WHERE ceremony_id = ? AND rsvp = 'Accepted' AND precedence > 20", [table_id, PLANNED])
    demo.execute("UPDATE ceremony_inductees SET table_id = ?, seat_number = NULL "
                 "WHERE ceremony_id = ? AND attending = 1", [table_id, PLANNED])
    demo.conn.commit()
    table = cd.seating_chart(demo, PLANNED).tables[4]
    numbers = [s.number for s in table.seats]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 8
    assert table.places == len(numbers)  # more people than the 8 places: a place for everyone
    assert "Apichart PRASERTWONG" in {s.name for s in table.seats}


def test_a_guest_who_declined_after_being_seated_is_not_on_the_chart(demo: Database) -> None:
    seated = next(p for p in list_seating(demo, PLANNED) if p.kind == "guest" and p.category == "Attaché")
    demo.execute("UPDATE ceremony_guests SET rsvp = 'Declined' WHERE id = ?", [seated.id])
    demo.conn.commit()
    chart = cd.seating_chart(demo, PLANNED)
    assert seated.name not in {s.name for t in chart.tables for s in t.seats}


# --- the schools an inductee attended ---------------------------------------------------------------------

def test_earlier_graduates_print_the_schools_recorded_for_them(demo: Database) -> None:
    """The planned inductees graduated before the database: their schools come from graduate_schools."""
    certificates = cd.ceremony_certificates(demo, PLANNED)
    assert certificates[0].schools == ("Air Command and Staff College, Class of 2001 and the Air War College, "
                                       "Class of 2010")
    assert certificates[1].schools == "Air Command and Staff College, Class of 2003"
    assert all(c.schools for c in certificates)
    program = cd.ceremony_program(demo, PLANNED)
    assert [b.schools for b in program.inductees] == [c.schools for c in certificates]


def test_a_course_completed_in_residence_is_printed_and_one_by_correspondence_is_not(demo: Database) -> None:
    sid = inductee_ids(demo, PLANNED)[1]  # HWANG Sung-min: ACSC 2003
    add_school(demo, sid, SchoolAttended("SOS", 1996, in_residence=False, source="Distance learning transcript"))
    add_school(demo, sid, SchoolAttended("AWC", 2015, completed=False, source="withdrew"))
    awc_class = int(demo.execute("SELECT cl.id FROM classes cl JOIN courses co ON co.id = cl.course_id "
                                 "WHERE co.code = 'AWC' ORDER BY cl.start_date LIMIT 1").fetchone()[0])
    demo.execute("INSERT INTO enrollments (student_id, class_id, status) VALUES (?, ?, 'Completed')", [sid, awc_class])
    demo.conn.commit()
    year = str(demo.execute("SELECT end_date FROM classes WHERE id = ?", [awc_class]).fetchone()[0])[:4]
    (korean,) = cd.ceremony_certificates(demo, PLANNED, [sid])
    assert korean.schools == f"Air Command and Staff College, Class of 2003 and the Air War College, Class of {year}"
    entry = cd.engraving_order(demo, PLANNED).entries[1]
    assert entry.schools == f"ACSC 2003, AWC {year}"


def test_a_held_ceremony_prints_the_schools_of_its_honor_roll_record(demo: Database) -> None:
    bolivian = cd.ceremony_certificates(demo, HELD)[0]
    assert bolivian.schools == ("Squadron Officer School, Class of 1972 and the Air Command and Staff College, "
                                "Class of 1981")


def test_an_honor_roll_reprint_without_schools_on_record_prints_the_recorded_schools(demo: Database) -> None:
    sid = inductee_ids(demo, HELD)[0]
    demo.execute("UPDATE inductions SET schools_attended = '' WHERE student_id = ?", [sid])
    demo.conn.commit()
    (certificate,) = cd.honoree_certificates(demo, [sid])
    assert certificate.schools == ("Squadron Officer School, Class of 1972 and the Air Command and Staff College, "
                                   "Class of 1981")


def test_the_signer_of_the_letters_is_recognised_under_a_rank() -> None:
    assert cd._same_person("Colonel Miriam T. Okafor", "Miriam T. Okafor")
    assert cd._same_person("miriam t. okafor", "Miriam T. Okafor")
    assert not cd._same_person("Colonel Miriam T. Okafor", "")
    assert not cd._same_person("Mr. Okafor", "Miriam T. Okafor")
