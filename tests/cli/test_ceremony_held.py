"""`imet-desktop ceremony mark-held ID` and `reopen ID --reason TEXT`: the rules refuse with exit 2 and the reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imet_desktop import cli
from imet_desktop.domain import dates
from imet_desktop.domain.records import Ceremony, Student
from imet_desktop.store.ceremonies import add_inductee, get_ceremony, new_ceremony
from imet_desktop.store.db import open_database
from imet_desktop.store.honor_roll import list_honorees
from imet_desktop.store.students import add_student

DAY = dt.date(2027, 4, 22)


@pytest.fixture
def office(db_path: Path) -> Path:
    """The 2027 ceremony (two inductees), and one without a time or venue."""
    db = open_database(db_path)
    cid = new_ceremony(db, Ceremony("Induction 2027", DAY, "14:00", "Maxwell Club Ballroom"))
    for family, country in (("PRASERTWONG", "TH"), ("OKAFOR", "NG")):
        add_inductee(db, cid, add_student(db, Student(family, "Test", country_code=country)), override_reason="test")
    bare = new_ceremony(db, Ceremony("Induction 2026", dt.date(2026, 4, 22)))
    add_inductee(db, bare, add_student(db, Student("SILVA", "Test", country_code="BR")), override_reason="test")
    db.close()
    return db_path


def on(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    monkeypatch.setattr(dates, "today", lambda: day)


def run(*args: str) -> int:
    return cli.main(list(args))


def test_a_ceremony_is_not_marked_held_before_its_day(office: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    on(monkeypatch, DAY - dt.timedelta(days=1))
    assert run("ceremony", "mark-held", "1", "--db", str(office)) == 2
    err = capsys.readouterr().err
    assert "ceremony 1, Induction 2027, is not marked as held: is dated 22 APR 2027: it can be marked as held on " \
           "that day or after, not on 21 APR 2027" in err
    db = open_database(office)
    assert get_ceremony(db, 1).status == "Planned" and list_honorees(db) == []


def test_a_ceremony_without_time_or_venue_is_not_marked_held(office: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    on(monkeypatch, DAY)
    assert run("ceremony", "mark-held", "2", "--db", str(office)) == 2
    assert "has no time: set the time it was held; has no venue: set where it was held" in capsys.readouterr().err


def test_mark_held_then_reopen_with_a_reason(office: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    on(monkeypatch, DAY)
    assert run("ceremony", "mark-held", "1", "--db", str(office)) == 0
    assert ("Ceremony 1, Induction 2027, marked as held: 2 inductions dated 22 APR 2027 written on the Honor Roll"
            in capsys.readouterr().out)
    assert run("ceremony", "mark-held", "1", "--db", str(office)) == 2
    assert "was marked as held already" in capsys.readouterr().err

    assert run("ceremony", "reopen", "1", "--reason", " ", "--db", str(office)) == 2
    assert "needs a reason to be reopened" in capsys.readouterr().err
    assert run("ceremony", "reopen", "1", "--db", str(office)) == 2  # --reason is required
    capsys.readouterr()
    assert run("ceremony", "reopen", "1", "--reason", "marked on the wrong ceremony", "--db", str(office)) == 0
    assert "2 inductions taken off the Honor Roll" in capsys.readouterr().out
    db = open_database(office)
    ceremony = get_ceremony(db, 1)
    assert (ceremony.status, ceremony.reopen_reason, list_honorees(db)) == (
        "Planned", "marked on the wrong ceremony", [])


def test_reopening_a_planned_ceremony_is_refused(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("ceremony", "reopen", "1", "--reason", "why", "--db", str(office)) == 2
    assert "is planned, not held: there is nothing to reopen" in capsys.readouterr().err
