"""`imet-desktop assign` and `imet-desktop class-roster`: one-line errors, exit status 2 with the rule's reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from imet_desktop import cli
from imet_desktop.store.class_lists import class_roster
from imet_desktop.store.db import open_database
from tests.documents.pdfcheck import page_count, page_texts
from tests.store.placing import PLACED_ON, D, School, a_school, a_student


@pytest.fixture(autouse=True)
def _placing_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands place students on the small school's placement day (before its classes end)."""
    monkeypatch.setattr("imet_desktop.domain.dates.today", lambda: PLACED_ON)


@pytest.fixture
def school(db_path: Path) -> tuple[School, dict[str, int]]:
    db = open_database(db_path)
    try:
        s = a_school(db, prep_seats=1)
        students = {"ok": a_student(db, "MENSAH"), "low": a_student(db, "OWUSU", 72),
                    "gone": a_student(db, "BOATENG", status="Withdrawn"), "next": a_student(db, "ASANTE")}
    finally:
        db.close()
    return s, students


def error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("imet-desktop: error: ")
    return lines[0]


def roster_ids(db_path: Path, class_id: int) -> list[tuple[int, str]]:
    db = open_database(db_path)
    try:
        return [(e.student_id, e.status) for e in class_roster(db, class_id)]
    finally:
        db.close()


def test_assign_places_a_student_and_says_so(db_path: Path, school: tuple[School, dict[str, int]],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    s, students = school
    assert cli.main(["assign", str(students["ok"]), str(s.prep), "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == "MENSAH, Kwame placed in IOS ACSC Prep 2026"
    assert roster_ids(db_path, s.prep) == [(students["ok"], "Enrolled")]


def test_a_waivable_rule_exits_2_with_the_reason_and_the_override_places_the_student(
        db_path: Path, school: tuple[School, dict[str, int]], capsys: pytest.CaptureFixture[str]) -> None:
    s, students = school
    args = ["assign", str(students["low"]), str(s.prep), "--db", str(db_path)]
    assert cli.main(args) == 2
    line = error_line(capsys)
    assert "OWUSU, Kwame cannot be placed in IOS ACSC Prep 2026: ECL 72 is below the IOS-PREP minimum of 80" in line
    assert '--override "reason"' in line
    assert roster_ids(db_path, s.prep) == []
    assert cli.main([*args, "--override", "Commandant's waiver of 3 May"]) == 0
    assert "(override: Commandant's waiver of 3 May)" in capsys.readouterr().out
    db = open_database(db_path)
    try:
        [entry] = class_roster(db, s.prep)
    finally:
        db.close()
    assert entry.override_reason == "Commandant's waiver of 3 May" and entry.override_by


def test_a_class_already_ended_exits_2_saying_when_and_is_placed_by_override(
        db_path: Path, school: tuple[School, dict[str, int]], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("imet_desktop.domain.dates.today", lambda: D(2026, 12, 4))
    s, students = school
    args = ["assign", str(students["ok"]), str(s.prep), "--db", str(db_path)]
    assert cli.main(args) == 2
    assert "IOS ACSC Prep 2026 has already ended (on 17 JUL 2026)" in error_line(capsys)
    assert roster_ids(db_path, s.prep) == []
    assert cli.main([*args, "--override", "Attended in full; recorded late"]) == 0
    assert roster_ids(db_path, s.prep) == [(students["ok"], "Enrolled")]


def test_a_rule_no_override_can_waive_exits_2(db_path: Path, school: tuple[School, dict[str, int]],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    s, students = school
    assert cli.main(["assign", str(students["gone"]), str(s.prep), "--override", "x", "--db", str(db_path)]) == 2
    assert "BOATENG, Kwame is withdrawn and cannot be placed in a class" in error_line(capsys)


def test_a_full_class_puts_the_student_on_the_waitlist(db_path: Path, school: tuple[School, dict[str, int]],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    s, students = school
    assert cli.main(["assign", str(students["ok"]), str(s.prep), "--db", str(db_path)]) == 0
    assert cli.main(["assign", str(students["next"]), str(s.prep), "--db", str(db_path)]) == 0
    assert "ASANTE, Kwame is number 1 on the waitlist of IOS ACSC Prep 2026 (class full)" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["999", "1"], "there is no student with id 999"),
    (["1", "999"], "there is no class with id 999"),
])
def test_a_missing_id_exits_2(db_path: Path, school: tuple[School, dict[str, int]],
                              capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert cli.main(["assign", *args, "--db", str(db_path)]) == 2
    assert error_line(capsys).endswith(message)


def test_ids_must_be_whole_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["assign", "x", "1"]) == 2
    assert "not an id" in capsys.readouterr().err


def test_a_database_that_does_not_exist_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.db"
    assert cli.main(["assign", "1", "1", "--db", str(missing)]) == 2
    assert f"{missing} does not exist" in error_line(capsys)
    assert not missing.exists()


def test_class_roster_writes_the_pdf(db_path: Path, school: tuple[School, dict[str, int]], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    s, students = school
    cli.main(["assign", str(students["ok"]), str(s.prep), "--db", str(db_path)])
    capsys.readouterr()
    out = tmp_path / "roster.pdf"
    assert cli.main(["class-roster", str(s.prep), "--out", str(out), "--db", str(db_path)]) == 0
    assert "Class roster of IOS ACSC Prep 2026 written to" in capsys.readouterr().out
    assert page_count(out) == 1
    assert "MENSAH" in page_texts(out)[0]
    assert not list(tmp_path.glob("*.partial"))


def test_class_roster_refuses_a_missing_folder_or_class(db_path: Path, school: tuple[School, dict[str, int]],
                                                        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["class-roster", "1", "--out", str(tmp_path / "no" / "r.pdf"), "--db", str(db_path)]) == 2
    assert "does not exist" in error_line(capsys)
    assert cli.main(["class-roster", "999", "--out", str(tmp_path / "r.pdf"), "--db", str(db_path)]) == 2
    assert error_line(capsys).endswith("there is no class with id 999")
    assert cli.main(["class-roster", "1", "--db", str(db_path)]) == 2  # --out is required
    assert "--out" in capsys.readouterr().err


def test_the_commands_are_registered_with_help() -> None:
    assert {"assign", "class-roster"} <= set(cli.COMMANDS)
    assert cli.COMMANDS["assign"].uses_database and cli.COMMANDS["class-roster"].uses_database
