"""`imet-desktop ceremony ...`: list, show, new and add-inductee on the same data as the window; one-line errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imet_desktop import cli
from imet_desktop.domain.records import Ceremony, Position, Student
from imet_desktop.store.ceremonies import add_guest, add_inductee, list_events, list_inductees, list_tasks, new_ceremony
from imet_desktop.store.db import open_database
from imet_desktop.store.honor_roll import add_induction, add_position
from imet_desktop.store.students import add_student


def error_line(capsys: pytest.CaptureFixture[str]) -> str:
    """stderr, which must be one line (argparse's usage lines aside) ending in the error."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if "error:" in line]
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def office(db_path: Path) -> Path:
    """A database with the 2027 ceremony (one inductee) and two graduates who are not on it."""
    from imet_desktop.domain.records import Guest

    db = open_database(db_path)
    cid = new_ceremony(db, Ceremony("International Honor Roll Induction 2027", dt.date(2027, 4, 22), "14:00",
                                    "Maxwell Club Ballroom", "Lt Gen Dana R. Whitcombe", "Col Miriam T. Okafor"))
    thai = add_student(db, Student("PRASERTWONG", "Apichart", country_code="TH", native_name="อภิชาติ ประเสริฐวงศ์"))
    add_position(db, Position(thai, "Commander-in-Chief, Royal Thai Air Force", appointment_date=dt.date(2024, 10, 1)))
    add_inductee(db, cid, thai, override_reason="his ACSC class is not recorded yet")
    add_guest(db, Guest(cid, "Colonel Surachai Phongphaibun", rsvp="Accepted"))
    add_student(db, Student("VÖRÖS", "Levente Örs", country_code="HU"))
    add_student(db, Student("POLISHCHUK", "Bohdan", country_code="UA"))
    db.close()
    return db_path


def run(*args: str) -> int:
    return cli.main(list(args))


def test_ceremony_list_shows_id_date_inductees_and_title(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("ceremony", "list", "--db", str(office)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "DATE", "INDUCTEES", "STATUS", "TITLE"]
    assert lines[1].split() == ["1", "22", "APR", "2027", "1", "Planned", "International", "Honor", "Roll",
                                "Induction", "2027"]


def test_db_may_come_before_the_command(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--db", str(office), "ceremony", "list") == 0
    assert "Induction 2027" in capsys.readouterr().out


def test_ceremony_show_reads_like_the_tab(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("ceremony", "show", "1", "--db", str(office)) == 0
    out = capsys.readouterr().out
    assert "Ceremony 1: International Honor Roll Induction 2027" in out
    assert "22 APR 2027 at 14:00, Maxwell Club Ballroom (Planned)" in out
    assert "1. PRASERTWONG, Apichart (Thailand), student 1 — Commander-in-Chief, Royal Thai Air Force; attending" in out
    assert "Citation read — Apichart PRASERTWONG" in out
    assert "Guests: 1 invited: 1 accepted, 0 declined, 0 not answered" in out
    assert "Flags and anthems: United States, Thailand" in out
    assert "[ ] Invitations sent — due 21 FEB 2027 (60 days before)" in out


def test_ceremony_new_adds_a_planned_ceremony_with_the_usual_program(office: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run("ceremony", "new", "--title", "Induction 2028", "--date", "2028-04-20", "--venue", "Maxwell Club",
               "--time", "10:00", "--db", str(office)) == 0
    assert capsys.readouterr().out.startswith("Ceremony 2 added: Induction 2028, 20 APR 2028, Maxwell Club (10 lines")
    db = open_database(office)
    try:
        assert len(list_events(db, 2)) == 10 and len(list_tasks(db, 2)) == 6
    finally:
        db.close()


def test_ceremony_add_inductee_with_a_representative(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("ceremony", "add-inductee", "1", "3", "--position", "Commander, Ukrainian Air Force",
               "--representative", "Colonel Oleh Savchenko", "--representative-title", "Air Attaché",
               "--override", "his ACSC class is not recorded yet", "--db", str(office)) == 0
    assert capsys.readouterr().out.strip() == (
        "Added POLISHCHUK, Bohdan (Ukraine) to ceremony 1, International Honor Roll Induction 2027: Commander, "
        "Ukrainian Air Force; accepted by Colonel Oleh Savchenko")
    db = open_database(office)
    try:
        row = list_inductees(db, 1)[-1]
        assert (row.attending, row.representative_title) == (False, "Air Attaché")
    finally:
        db.close()


@pytest.mark.parametrize(("args", "message"), [
    (["ceremony", "show", "9"], "there is no ceremony with id 9"),
    (["ceremony", "add-inductee", "9", "2"], "there is no ceremony with id 9"),
    (["ceremony", "add-inductee", "1", "99"], "there is no student with id 99"),
    (["ceremony", "add-inductee", "1", "1"], "is already on this ceremony"),
    (["ceremony", "show", "one"], "not an id (a whole number): 'one'"),
    (["ceremony", "add-inductee", "1", "0"], "ids are 1 or more, not 0"),
    (["ceremony", "new", "--title", "T", "--date", "2028-02-30", "--venue", "V"],
     "not a date in the form YYYY-MM-DD: '2028-02-30'"),
    (["ceremony", "new", "--title", "T", "--date", "2028-02-03", "--venue", "V", "--time", "2pm"],
     "must be HH:MM, 24-hour"),
    (["ceremony", "new", "--title", " ", "--date", "2028-02-03", "--venue", "V"], "Title"),
])
def test_a_bad_id_date_or_record_is_one_line_and_exit_status_2(office: Path, capsys: pytest.CaptureFixture[str],
                                                                args: list[str], message: str) -> None:
    assert run(*args, "--db", str(office)) == 2
    assert message in error_line(capsys)


def test_a_graduate_already_on_the_honor_roll_is_refused(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(office)
    add_induction(db, 2, dt.date(2015, 4, 1))
    db.close()
    assert run("ceremony", "add-inductee", "1", "2", "--db", str(office)) == 2
    assert "already on the Honor Roll (inducted 01 APR 2015)" in error_line(capsys)


def test_a_missing_database_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.db"
    assert run("ceremony", "list", "--db", str(missing)) == 2
    assert f"{missing} does not exist" in error_line(capsys)


def test_an_empty_database_says_how_to_add_a_ceremony(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_database(db_path).close()
    assert run("ceremony", "list", "--db", str(db_path)) == 0
    assert "imet-desktop ceremony new" in capsys.readouterr().out


def test_every_ceremony_action_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    for action in ("list", "show", "new", "add-inductee"):
        assert run("ceremony", action, "--help") == 0
        out = capsys.readouterr().out
        assert "--db PATH" in out
    assert run("ceremony", "--help") == 0
    assert "add-inductee" in capsys.readouterr().out


def test_the_command_loads_no_qt_and_no_reportlab(office: Path) -> None:
    import subprocess
    import sys

    code = ("import sys; from imet_desktop import cli; cli.main(['ceremony', 'show', '1', '--db', sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'reportlab'))))")
    out = subprocess.run([sys.executable, "-c", code, str(office)], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
