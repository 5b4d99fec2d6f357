"""`imet-desktop ceremony add-inductee` takes a graduate off another planned ceremony only with --move."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imet_desktop import cli
from imet_desktop.domain.records import Ceremony, Student
from imet_desktop.store.ceremonies import add_inductee, list_inductees, new_ceremony
from imet_desktop.store.db import open_database
from imet_desktop.store.students import add_student


@pytest.fixture
def office(db_path: Path) -> Path:
    """Ceremony 1 (2027) with KIM on it; ceremony 2 (2028) empty."""
    db = open_database(db_path)
    first = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22), "14:00", "Maxwell Club"))
    new_ceremony(db, Ceremony("Induction 2028", dt.date(2028, 4, 20), "14:00", "Maxwell Club"))
    add_inductee(db, first, add_student(db, Student("KIM", "Min-jun", country_code="KR")), override_reason="test")
    db.close()
    return db_path


def test_a_graduate_on_another_ceremony_moves_only_with_move(office: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ceremony", "add-inductee", "2", "1", "--override", "test", "--db", str(office)]) == 2
    err = capsys.readouterr().err
    assert "KIM Min-jun" in err and "is on the ceremony “Induction 2027” (22 APR 2027)" in err and "--move" in err
    db = open_database(office)
    assert (len(list_inductees(db, 1)), len(list_inductees(db, 2))) == (1, 0)
    db.close()

    assert cli.main(["ceremony", "add-inductee", "2", "1", "--move", "--override", "test", "--db", str(office)]) == 0
    db = open_database(office)
    assert (len(list_inductees(db, 1)), len(list_inductees(db, 2))) == (0, 1)
    db.close()
