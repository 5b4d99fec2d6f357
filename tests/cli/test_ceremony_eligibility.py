"""`imet-desktop ceremony add-inductee` refuses a graduate the Honor Roll's rules do not admit, unless --override."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imet_desktop import cli
from imet_desktop.domain.eligibility import SchoolAttended
from imet_desktop.domain.records import Ceremony, Position, Student
from imet_desktop.store.ceremonies import get_inductee, list_inductees, new_ceremony
from imet_desktop.store.db import open_database
from imet_desktop.store.history import record_history
from imet_desktop.store.honor_roll import add_position, add_school
from imet_desktop.store.students import add_student


@pytest.fixture
def office(db_path: Path) -> Path:
    """Ceremony 1; student 1 a projected student (no school, no position); student 2 an eligible air chief."""
    db = open_database(db_path)
    new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22), "14:00", "Maxwell Club"))
    add_student(db, Student("NOVAK", "Jan", country_code="CZ", status="Projected"))
    chief = add_student(db, Student("PRASERTWONG", "Apichart", country_code="TH"))
    add_school(db, chief, SchoolAttended("ACSC", 2005))
    add_position(db, Position(chief, "Commander-in-Chief, Royal Thai Air Force", category="Commander of the Air Force",
                              appointment_date=dt.date(2024, 10, 1)))
    db.close()
    return db_path


def test_a_projected_student_is_refused_with_the_rule(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ceremony", "add-inductee", "1", "1", "--db", str(office)]) == 2
    err = capsys.readouterr().err
    assert ("Inductee 'Jan NOVAK': Not eligible: no course at the school on record; no position on record. Add them "
            "with an override and its reason (on the command line, --override \"reason\")") in err
    db = open_database(office)
    assert list_inductees(db, 1) == []
    db.close()


def test_an_override_with_its_reason_is_recorded_on_the_inductee(office: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ceremony", "add-inductee", "1", "1", "--override", "Commandant's decision, memo of 2 March",
                     "--db", str(office)]) == 0
    assert cli.main(["ceremony", "add-inductee", "1", "2", "--db", str(office)]) == 0  # eligible: no override
    db = open_database(office)
    novak, chief = list_inductees(db, 1)
    row = db.execute("SELECT override_reason, override_by, override_at FROM ceremony_inductees WHERE id = ?",
                     [novak.id]).fetchone()
    assert row[0] == ("Commandant's decision, memo of 2 March (waived: Not eligible: no course at the school on "
                      "record; no position on record.)")
    assert row[1] and row[2]
    history = {h.field: h.new for h in record_history(db, "ceremony_inductees", novak.id) if h.what == "recorded"}
    assert history["Override reason"] == row[0]
    assert db.execute("SELECT override_reason FROM ceremony_inductees WHERE id = ?", [chief.id]).fetchone()[0] == ""
    assert get_inductee(db, chief.id).student_id == 2
    db.close()
