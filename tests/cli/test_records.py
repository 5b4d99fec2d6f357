"""The commands that keep the records safe: check, backup, backups, restore; and one writer on the command line."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from imet_desktop import cli
from imet_desktop.domain.records import Student
from imet_desktop.store.backups import list_backups
from imet_desktop.store.db import open_database
from imet_desktop.store.roster import count_students
from imet_desktop.store.students import add_student


def an_office(path: Path, students: int = 400) -> Path:
    db = open_database(path)
    for i in range(students):
        add_student(db, Student(legal_family_name=f"WANG{i}", legal_given_names="Jianguo", passport_number=f"E{i:07d}"))
    db.close()
    return path


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 16384] = b"\xff" * 16384
    path.write_bytes(bytes(data))


def test_check_says_a_healthy_database_is_healthy(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    an_office(db_path, 3)
    assert cli.main(["check", "--db", str(db_path)]) == 0
    assert f"{db_path}: healthy" in capsys.readouterr().out


def test_check_lists_the_damage_and_exits_1(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    an_office(db_path)
    damage(db_path)
    assert cli.main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert f"{db_path}: DAMAGED" in out and "imet-desktop restore BACKUP" in out


def test_backup_writes_a_private_checked_copy_and_never_replaces_a_file(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    an_office(db_path, 5)
    out = tmp_path / "copy.db"
    assert cli.main(["backup", "--db", str(db_path), "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert f"to {out}" in capsys.readouterr().out
    before = out.read_bytes()
    assert cli.main(["backup", "--db", str(db_path), "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert cli.main(["backup", "--db", str(db_path)]) == 0
    assert [b.kind.value for b in list_backups(db_path)].count("manual") == 1


def test_backups_lists_each_with_its_record_counts(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    an_office(db_path, 5)
    open_database(db_path).close()  # the day's first opening of an existing database: the daily backup
    assert cli.main(["backup", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert cli.main(["backups", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Backups of office.db in ")
    assert any("daily" in line and "5 students" in line for line in out[1:])
    assert any("manual" in line and "5 students" in line for line in out[1:])


def test_restore_brings_a_backup_back_and_keeps_the_current_file(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    an_office(db_path, 5)
    backup = tmp_path / "monday.db"
    assert cli.main(["backup", "--db", str(db_path), "--out", str(backup)]) == 0
    db = open_database(db_path)
    add_student(db, Student(legal_family_name="OKONKWO"))
    db.close()
    assert cli.main(["restore", str(backup), "--db", str(db_path)]) == 0
    assert "the file as it was before is kept at" in capsys.readouterr().out
    db = open_database(db_path)
    try:
        assert count_students(db) == 5
    finally:
        db.close()
    assert any(b.kind.value == "before-restore" for b in list_backups(db_path))


def test_while_a_window_holds_the_database_writers_exit_2_and_readers_work(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    an_office(db_path, 5)
    backup = tmp_path / "monday.db"
    assert cli.main(["backup", "--db", str(db_path), "--out", str(backup)]) == 0
    window = open_database(db_path)
    try:
        capsys.readouterr()
        assert cli.main(["restore", str(backup), "--db", str(db_path)]) == 2
        err = capsys.readouterr().err
        assert f"{db_path} is in use by " in err and " since " in err
        roster = tmp_path / "roster.csv"
        roster.write_text("Surname,Given names\nOKONKWO,Chinedu\n", encoding="utf-8")
        assert cli.main(["import-students", str(roster), "--db", str(db_path)]) == 2
        assert "is in use by" in capsys.readouterr().err
        assert cli.main(["check", "--db", str(db_path)]) == 0
        assert cli.main(["backups", "--db", str(db_path)]) == 0
        assert cli.main(["export-students", str(tmp_path / "out.csv"), "--db", str(db_path)]) == 0
        assert cli.main(["ceremony", "list", "--db", str(db_path)]) == 0
        assert cli.main(["backup", "--db", str(db_path), "--out", str(tmp_path / "while-held.db")]) == 0
    finally:
        window.close()
    assert count_students(open_database(db_path)) == 5
