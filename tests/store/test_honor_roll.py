"""The honor roll: graduates' positions, inductions, the roll itself and nominations."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Ceremony, Nomination, Position, Student
from imet_desktop.store.ceremonies import add_ceremony
from imet_desktop.store.errors import RecordNotFoundError, ValidationError
from imet_desktop.store.honor_roll import (
    add_induction,
    add_nomination,
    add_position,
    change_nomination_status,
    get_nomination,
    list_honorees,
    list_nominations,
    list_positions,
)
from imet_desktop.store.students import add_student


def _graduate(db: Database, family: str, given: str = "", country: str = "", native: str = "",
              rank: str = "") -> int:
    return add_student(db, Student(family, given, native_name=native, country_code=country, country_rank=rank))


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
    sid = _graduate(db, "KIM")
    nid = add_nomination(db, Nomination(sid, "SCO Seoul", nomination_date=dt.date(2026, 1, 5)))
    change_nomination_status(db, nid, "Verified", dt.date(2026, 2, 1), "attended ACSC 2009 in residence")
    assert get_nomination(db, nid).status == "Verified"
    with pytest.raises(ValidationError):
        change_nomination_status(db, nid, "Maybe", dt.date(2026, 2, 2))


def test_searching_the_roll_for_duc_finds_the_name_written_with_a_stroke(db: Database) -> None:
    sid = _graduate(db, "ĐẶNG", "Xuân Đức", "VN", native="Đặng Xuân Đức")
    add_induction(db, sid, dt.date(2019, 5, 2))
    assert [r.student_id for r in list_honorees(db, "dang duc")] == [sid]
