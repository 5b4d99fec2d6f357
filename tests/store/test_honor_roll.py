"""The honor roll: graduates' positions, inductions, the roll itself and nominations."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from imet_desktop.domain.eligibility import SchoolAttended
from imet_desktop.domain.records import Ceremony, Nomination, Position, Student, TrainingClass
from imet_desktop.store.ceremonies import add_ceremony
from imet_desktop.store.clearances import clearance_steps, list_clearances, save_clearance_steps, set_clearance
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.honor_roll import (
    add_graduate,
    add_induction,
    add_nomination,
    add_position,
    add_school,
    assess_graduate,
    change_nomination_status,
    delete_position,
    delete_school,
    get_nomination,
    honor_roll_countries,
    honor_roll_years,
    list_eligible,
    list_honorees,
    list_nominations,
    list_positions,
    list_schools,
    nomination_history,
    position_categories,
    update_nomination,
    update_position,
    update_school,
)
from imet_desktop.store.settings import load_settings, save_settings
from imet_desktop.store.students import add_student


def _graduate(db: Database, family: str, given: str = "", country: str = "", native: str = "",
              rank: str = "") -> int:
    return add_student(db, Student(family, given, native_name=native, country_code=country, country_rank=rank))


def _eligible(db: Database, family: str, country: str = "KR", course: str = "ACSC", year: int = 2009,
              category: str = "Chief of Staff of the Air Force") -> int:
    """A graduate with a qualifying course in residence and a qualifying position."""
    sid = _graduate(db, family, "Min-jun", country)
    add_school(db, sid, SchoolAttended(course, year))
    add_position(db, Position(sid, "Chief of Staff, Republic of Korea Air Force", category=category,
                              appointment_date=dt.date(2025, 4, 15)))
    return sid


def test_positions_are_listed_in_order_of_appointment(db: Database) -> None:
    sid = _graduate(db, "NAGY", "Győző Ödön", "HU")
    add_position(db, Position(sid, "Commander of the Hungarian Air Force", category="Commander of the Air Force",
                              appointment_date=dt.date(2019, 3, 1)))
    add_position(db, Position(sid, "Wing Commander", appointment_date=dt.date(2012, 5, 1)))
    add_position(db, Position(sid, "Attaché (undated)"))
    assert [p.title for p in list_positions(db, sid)] == [
        "Wing Commander", "Commander of the Hungarian Air Force", "Attaché (undated)"]
    assert list_positions(db, sid)[1].appointment_date == dt.date(2019, 3, 1)


def test_a_position_without_a_title_is_refused(db: Database) -> None:
    sid = _graduate(db, "NAGY")
    with pytest.raises(ValidationError, match="Title"):
        add_position(db, Position(sid, "  "))


def test_a_position_for_an_unknown_student_is_refused(db: Database) -> None:
    with pytest.raises(RecordNotFoundError):
        add_position(db, Position(77, "Chief of Staff"))


def test_the_roll_lists_the_newest_year_first_then_by_name(db: Database) -> None:
    a = _graduate(db, "ZAHRAN", "Omar", "JO")
    b = _graduate(db, "ALVAREZ", "Juan", "BO")
    c = _graduate(db, "KOVÁCS", "Béla", "HU")
    add_induction(db, a, dt.date(2000, 6, 15), position_title="Commander, Royal Jordanian Air Force")
    add_induction(db, b, dt.date(2000, 6, 15), position_title="Commander of the Bolivian Air Force")
    add_induction(db, c, dt.date(2011, 4, 1), position_title="Chief of Defence", schools_attended="ACSC 1995")
    rows = list_honorees(db)
    assert [r.student_id for r in rows] == [c, b, a]
    assert rows[0].induction_year == 2011
    assert rows[0].legal_name == "KOVÁCS, Béla"
    assert rows[0].country_name == "Hungary"
    assert rows[0].schools_attended == "ACSC 1995"


def test_searching_the_roll_ignores_accents_and_finds_native_script(db: Database) -> None:
    viet = _graduate(db, "NGUYỄN", "Văn Đức", "VN", native="Nguyễn Văn Đức")
    greek = _graduate(db, "PAPADOPOULOS", "Georgios", "GR", native="Γεώργιος Παπαδόπουλος")
    add_induction(db, viet, dt.date(2010, 5, 1))
    add_induction(db, greek, dt.date(2012, 5, 1))
    assert [r.student_id for r in list_honorees(db, "nguyen")] == [viet]
    assert [r.student_id for r in list_honorees(db, "Παπαδόπουλος")] == [greek]
    assert [r.student_id for r in list_honorees(db, "o'brien")] == []


def test_searching_the_roll_by_country_or_position(db: Database) -> None:
    a = _graduate(db, "AL-THANI", "Hamad", "QA")
    b = _graduate(db, "ROSSI", "Marco", "IT")
    add_induction(db, a, dt.date(2000, 6, 15), position_title="Commander, Qatar Emiri Air Force")
    add_induction(db, b, dt.date(2000, 6, 15), position_title="Chief of Staff of the Italian Air Force")
    assert [r.student_id for r in list_honorees(db, "Italy")] == [b]
    assert [r.student_id for r in list_honorees(db, "Emiri")] == [a]


def test_a_graduate_is_inducted_only_once(db: Database) -> None:
    sid = _graduate(db, "ROSSI")
    add_induction(db, sid, dt.date(2000, 6, 15))
    with pytest.raises(ValidationError, match="already on the honor roll"):
        add_induction(db, sid, dt.date(2001, 6, 15))


def test_an_induction_at_a_ceremony_names_the_ceremony_and_takes_the_position_title(db: Database) -> None:
    sid = _graduate(db, "ROSSI", "Marco", "IT", rank="Generale di squadra aerea")
    pid = add_position(db, Position(sid, "Chief of Staff of the Italian Air Force"))
    cid = add_ceremony(db, Ceremony("International Honor Roll Induction 2000", dt.date(2000, 6, 15)))
    add_induction(db, sid, dt.date(2000, 6, 15), ceremony_id=cid, position_id=pid)
    row = list_honorees(db)[0]
    assert (row.ceremony_id, row.ceremony_title) == (cid, "International Honor Roll Induction 2000")
    assert row.position_title == "Chief of Staff of the Italian Air Force"
    assert row.rank == "Generale di squadra aerea"


def test_inducting_a_graduate_marks_the_approved_nomination_inducted(db: Database) -> None:
    sid = _graduate(db, "ROSSI")
    nid = add_nomination(db, Nomination(sid, "SCO Rome", status="Approved", nomination_date=dt.date(1999, 9, 1)))
    add_induction(db, sid, dt.date(2000, 6, 15))
    assert get_nomination(db, nid).status == "Inducted"
    statuses = [r[0] for r in db.execute(
        "SELECT status FROM nomination_status_history WHERE nomination_id = ? ORDER BY id", [nid])]
    assert statuses == ["Approved", "Inducted"]


def test_nominations_are_listed_newest_first_with_name_and_country(db: Database) -> None:
    a = _graduate(db, "SUWANNARAT", "Somchai", "TH")
    b = _graduate(db, "KIM", "Min-jun", "KR")
    add_nomination(db, Nomination(a, "SCO Bangkok", nomination_date=dt.date(2026, 1, 10)))
    add_nomination(db, Nomination(b, "USINDOPACOM", nomination_date=dt.date(2026, 2, 1), status="Verified"))
    rows = list_nominations(db)
    assert [r.student_id for r in rows] == [b, a]
    assert rows[0].legal_name == "KIM, Min-jun"
    assert rows[0].country_name == "South Korea"
    assert rows[0].status == "Verified"
    assert rows[1].nomination_date == "2026-01-10"


def test_a_nomination_needs_to_say_who_nominated(db: Database) -> None:
    sid = _graduate(db, "KIM")
    with pytest.raises(ValidationError, match="Nominated by"):
        add_nomination(db, Nomination(sid, ""))


def test_a_nomination_moves_through_its_statuses_with_history(db: Database) -> None:
    sid = _eligible(db, "KIM")
    nid = add_nomination(db, Nomination(sid, "SCO Seoul", nomination_date=dt.date(2026, 1, 5)))
    change_nomination_status(db, nid, "Verified", dt.date(2026, 2, 1), "attended ACSC 2009 in residence")
    assert get_nomination(db, nid).status == "Verified"
    with pytest.raises(ValidationError):
        change_nomination_status(db, nid, "Maybe", dt.date(2026, 2, 2))
    for step in clearance_steps(db):
        set_clearance(db, nid, step, dt.date(2026, 3, 1), "IOS")
    change_nomination_status(db, nid, "Approved", dt.date(2026, 3, 2))
    history = nomination_history(db, nid)
    assert [(h.status, h.effective_date) for h in history] == [
        ("Nominated", dt.date(2026, 1, 5)), ("Verified", dt.date(2026, 2, 1)), ("Approved", dt.date(2026, 3, 2))]
    assert history[1].note == "attended ACSC 2009 in residence"


def test_searching_the_roll_for_duc_finds_the_name_written_with_a_stroke(db: Database) -> None:
    sid = _graduate(db, "ĐẶNG", "Xuân Đức", "VN", native="Đặng Xuân Đức")
    add_induction(db, sid, dt.date(2019, 5, 2))
    assert [r.student_id for r in list_honorees(db, "dang duc")] == [sid]


# --- positions ----------------------------------------------------------------------------------------------

def test_a_position_is_corrected_and_the_change_audited(db: Database) -> None:
    sid = _graduate(db, "NAGY")
    pid = add_position(db, Position(sid, "Comander, Hungarian Air Force"))
    position = list_positions(db, sid)[0]
    position.title = "Commander, Hungarian Air Force"
    position.category = "Commander of the Air Force"
    update_position(db, position)
    assert list_positions(db, sid)[0].title == "Commander, Hungarian Air Force"
    details = db.execute("SELECT details FROM audit_log WHERE table_name = 'positions' AND row_id = ? "
                         "AND action = 'update'", [pid]).fetchone()[0]
    assert "Comander" in details


def test_a_position_named_by_a_nomination_cannot_be_removed(db: Database) -> None:
    sid = _graduate(db, "NAGY")
    used = add_position(db, Position(sid, "Commander"))
    spare = add_position(db, Position(sid, "Typo"))
    add_nomination(db, Nomination(sid, "ODC Budapest", position_id=used))
    with pytest.raises(ValidationError, match="cannot be removed"):
        delete_position(db, used)
    delete_position(db, spare)
    assert [p.id for p in list_positions(db, sid)] == [used]


def test_the_categories_offered_are_the_qualifying_ones_then_those_in_use(db: Database) -> None:
    sid = _graduate(db, "NAGY")
    add_position(db, Position(sid, "Inspector General", category="Inspector General"))
    categories = position_categories(db)
    assert categories[:5] == list(load_settings(db).qualifying_position_categories)
    assert categories[-1] == "Inspector General"


# --- schools --------------------------------------------------------------------------------------------------

def _course_and_class(db: Database, code: str, designator: str, end: dt.date, in_residence: bool = True) -> int:
    from imet_desktop.domain.records import Course
    from imet_desktop.store.courses import add_class, add_course

    course = add_course(db, Course(code, f"{code} course", in_residence=in_residence))
    return add_class(db, TrainingClass(course, designator, end - dt.timedelta(days=300), end))


def test_the_schools_come_from_the_class_records_and_from_transcripts(db: Database) -> None:
    sid = _graduate(db, "SILVA", "Ana", "BR")
    class_id = _course_and_class(db, "ACSC", "ACSC AY2024", dt.date(2024, 6, 7))
    db.execute("INSERT INTO enrollments (student_id, class_id, status) VALUES (?, ?, 'Completed')", [sid, class_id])
    add_school(db, sid, SchoolAttended("SOS", 2016, source="AU registrar transcript"))
    schools = list_schools(db, sid)
    assert [(s.label, s.from_enrollment, s.source) for s in schools] == [
        ("ACSC 2024", True, "class ACSC AY2024"), ("SOS 2016", False, "AU registrar transcript")]


def test_a_recorded_school_is_corrected_or_removed(db: Database) -> None:
    sid = _graduate(db, "SILVA")
    school_id = add_school(db, sid, SchoolAttended("ACSC", 2009))
    update_school(db, SchoolAttended("ACSC", 2009, in_residence=False, id=school_id))
    assert list_schools(db, sid)[0].in_residence is False
    delete_school(db, school_id)
    assert list_schools(db, sid) == []
    with pytest.raises(ValidationError, match="Course"):
        add_school(db, sid, SchoolAttended(" "))
    with pytest.raises(ValidationError, match="class records"):
        update_school(db, SchoolAttended("ACSC", 2009))


def test_an_earlier_graduate_is_a_record_of_their_own_with_school_and_position(db: Database) -> None:
    sid = add_graduate(db, Student("CONDORI TORREZ", "René", country_code="PE"),
                       [SchoolAttended("ACSC", 2009)],
                       Position(0, "Commander General, Peruvian Air Force", category="Commander of the Air Force",
                                appointment_date=dt.date(2026, 1, 2)))
    assert db.execute("SELECT status FROM students WHERE id = ?", [sid]).fetchone()[0] == "Graduated"
    assert [s.label for s in list_schools(db, sid)] == ["ACSC 2009"]
    assert assess_graduate(db, sid).eligible


def test_an_earlier_graduate_with_a_bad_school_is_not_added_at_all(db: Database) -> None:
    with pytest.raises(ValidationError):
        add_graduate(db, Student("ROSSI"), [SchoolAttended("ACSC", 1200)])
    assert db.execute("SELECT count(*) FROM students").fetchone()[0] == 0


# --- the eligible list ---------------------------------------------------------------------------------------

def test_the_eligible_list_gives_each_graduate_and_the_reason(db: Database) -> None:
    sid = _eligible(db, "HWANG")
    rows = list_eligible(db)
    assert [r.student_id for r in rows] == [sid]
    assert rows[0].reason.startswith("ACSC 2009 in residence; Chief of Staff of the Air Force: Chief of Staff, "
                                     "Republic of Korea Air Force")
    assert (rows[0].schools, rows[0].country_name, rows[0].appointment_date) == ("ACSC 2009", "South Korea",
                                                                                 "2025-04-15")


def test_nominated_or_inducted_graduates_are_not_on_the_eligible_list(db: Database) -> None:
    nominated = _eligible(db, "KIM")
    inducted = _eligible(db, "PARK")
    waiting = _eligible(db, "LEE")
    add_nomination(db, Nomination(nominated, "SCO Seoul"))
    add_induction(db, inducted, dt.date(2020, 4, 1))
    assert [r.student_id for r in list_eligible(db)] == [waiting]


def test_a_declined_graduate_may_come_back_and_the_list_says_so(db: Database) -> None:
    sid = _eligible(db, "KIM")
    nid = add_nomination(db, Nomination(sid, "SCO Seoul", nomination_date=dt.date(2026, 1, 1)))
    change_nomination_status(db, nid, "Declined", dt.date(2026, 2, 1), "position did not qualify then")
    row = list_eligible(db)[0]
    assert row.declined_before == "2026-02-01"


def test_near_misses_are_shown_only_when_asked_with_what_is_missing(db: Database) -> None:
    sid = _graduate(db, "KUKK", "Rein", "EE")
    add_position(db, Position(sid, "Commander, Estonian Air Force", category="Commander of the Air Force"))
    assert list_eligible(db) == []
    rows = list_eligible(db, include_not_eligible=True)
    assert [(r.student_id, r.eligible) for r in rows] == [(sid, False)]
    assert rows[0].reason == "Not eligible: no course at the school on record."


def test_the_eligible_list_follows_the_settings(db: Database) -> None:
    sid = _eligible(db, "KIM", course="SAASS")
    settings = load_settings(db)
    settings.qualifying_course_codes = ("ACSC", "AWC")
    save_settings(db, settings)
    assert list_eligible(db) == []
    settings.qualifying_course_codes = ("SAASS",)
    save_settings(db, settings)
    assert [r.student_id for r in list_eligible(db)] == [sid]


# --- nominations --------------------------------------------------------------------------------------------

def test_a_graduate_who_does_not_qualify_cannot_be_verified(db: Database) -> None:
    sid = _graduate(db, "DE SOUZA", "Rodrigo", "BR")
    add_school(db, sid, SchoolAttended("ACSC", 2009))
    add_position(db, Position(sid, "Deputy Chief of Staff, Brazilian Air Force"))
    nid = add_nomination(db, Nomination(sid, "Air University", "School"))
    with pytest.raises(ValidationError, match="no position in a qualifying category"):
        change_nomination_status(db, nid, "Verified", dt.date(2026, 2, 1))
    change_nomination_status(db, nid, "Declined", dt.date(2026, 2, 1), "position does not qualify")
    assert get_nomination(db, nid).status == "Declined"


def test_approval_waits_for_every_clearance(db: Database) -> None:
    sid = _eligible(db, "KIM")
    nid = add_nomination(db, Nomination(sid, "SCO Seoul"))
    change_nomination_status(db, nid, "Verified", dt.date(2026, 2, 1))
    set_clearance(db, nid, "School review", dt.date(2026, 2, 2), "IOS Commandant")
    with pytest.raises(ValidationError, match="still open: Headquarters, Host government accepts, Nominee accepts"):
        change_nomination_status(db, nid, "Approved", dt.date(2026, 2, 3))
    assert [(c.step, c.cleared_date) for c in list_clearances(db, nid)][:2] == [
        ("School review", dt.date(2026, 2, 2)), ("Headquarters", None)]


def test_a_clearance_can_be_undone(db: Database) -> None:
    sid = _eligible(db, "KIM")
    nid = add_nomination(db, Nomination(sid, "SCO Seoul"))
    set_clearance(db, nid, "Headquarters", dt.date(2026, 2, 2), "HQ AETC")
    set_clearance(db, nid, "Headquarters", None)
    assert list_clearances(db, nid)[1].cleared_date is None


def test_the_clearance_checklist_is_the_offices_and_old_steps_are_kept(db: Database) -> None:
    sid = _eligible(db, "KIM")
    nid = add_nomination(db, Nomination(sid, "SCO Seoul"))
    set_clearance(db, nid, "Headquarters", dt.date(2026, 2, 2))
    save_clearance_steps(db, ["School review", "Air Staff", "  ", "Air Staff", "Nominee accepts"])
    assert clearance_steps(db) == ("School review", "Air Staff", "Nominee accepts")
    steps = [(c.step, c.configured) for c in list_clearances(db, nid)]
    assert steps == [("School review", True), ("Air Staff", True), ("Nominee accepts", True),
                     ("Headquarters", False)]
    with pytest.raises(ValidationError):
        save_clearance_steps(db, [" "])


def test_a_graduate_has_one_nomination_in_progress(db: Database) -> None:
    sid = _eligible(db, "KIM")
    add_nomination(db, Nomination(sid, "SCO Seoul"))
    with pytest.raises(ValidationError, match="already has a nomination in progress"):
        add_nomination(db, Nomination(sid, "USINDOPACOM"))


def test_a_nomination_is_edited_without_touching_its_status(db: Database) -> None:
    sid = _eligible(db, "KIM")
    pid = list_positions(db, sid)[0].id
    nid = add_nomination(db, Nomination(sid, "SCO Seoul"))
    nomination = get_nomination(db, nid)
    nomination.evidence = "Appointment order of 15 APR 2025"
    nomination.position_id = pid
    nomination.status = "Approved"  # ignored: statuses move through change_nomination_status
    update_nomination(db, nomination)
    saved = get_nomination(db, nid)
    assert (saved.evidence, saved.position_id, saved.status) == ("Appointment order of 15 APR 2025", pid,
                                                                 "Nominated")
    row = list_nominations(db)[0]
    assert row.position_title == "Chief of Staff, Republic of Korea Air Force"


def test_nominations_are_filtered_by_status_and_searched_by_name(db: Database) -> None:
    a = _eligible(db, "NGUYỄN", "VN")
    b = _eligible(db, "KIM")
    add_nomination(db, Nomination(a, "ODC Hanoi"))
    nb = add_nomination(db, Nomination(b, "SCO Seoul"))
    change_nomination_status(db, nb, "Verified", dt.date(2026, 2, 1))
    assert [r.student_id for r in list_nominations(db, status="Verified")] == [b]
    assert [r.student_id for r in list_nominations(db, search="nguyen")] == [a]
    assert [r.student_id for r in list_nominations(db, search="Seoul")] == [b]


# --- the register's filters ------------------------------------------------------------------------------------

def test_the_register_is_filtered_by_country_and_year(db: Database) -> None:
    a = _graduate(db, "ROSSI", "Marco", "IT")
    b = _graduate(db, "NAGY", "Béla", "HU")
    c = _graduate(db, "BIANCHI", "Luca", "IT")
    add_induction(db, a, dt.date(2000, 6, 15))
    add_induction(db, b, dt.date(2000, 6, 15))
    add_induction(db, c, dt.date(2011, 4, 1))
    assert [r.student_id for r in list_honorees(db, country_code="IT")] == [c, a]
    assert [r.student_id for r in list_honorees(db, year=2000)] == [b, a]
    assert [r.student_id for r in list_honorees(db, "rossi", country_code="IT", year=2000)] == [a]
    assert honor_roll_years(db) == [2011, 2000]
    assert honor_roll_countries(db) == [("HU", "Hungary"), ("IT", "Italy")]
