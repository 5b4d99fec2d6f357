"""A database found whole is not read page by page again until something writes to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from imet_desktop.domain.records import Student
from imet_desktop.store import whole
from imet_desktop.store.db import DamagedDatabaseError, open_database
from imet_desktop.store.students import add_student


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every quick check SQLite is asked for, counted."""
    done: list[bool] = []
    real = whole.problems

    def counted(conn: object, *, full: bool) -> list[str]:
        done.append(full)
        return real(conn, full=full)  # type: ignore[arg-type]

    monkeypatch.setattr(whole, "problems", counted)
    return done


def _office(path: Path) -> None:
    db = open_database(path, daily_backup=False)
    for i in range(300):
        add_student(db, Student(f"WANG{i}", "Jianguo", passport_number=f"E{i:07d}"))
    db.close()


def test_a_file_untouched_since_it_was_found_whole_is_not_checked_again(
        db_path: Path, checks: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    _office(db_path)
    monkeypatch.setattr(whole, "QUIET_SECONDS", 0.0)
    for _ in range(3):
        open_database(db_path, daily_backup=False).close()
    assert len(checks) == 1  # once: then remembered (creating the file checks nothing)


def test_a_file_written_since_is_checked_again_and_its_damage_found(
        db_path: Path, checks: list[bool], monkeypatch: pytest.MonkeyPatch) -> None:
    _office(db_path)
    monkeypatch.setattr(whole, "QUIET_SECONDS", 0.0)
    open_database(db_path, daily_backup=False).close()
    assert whole.found_whole(db_path)
    data = bytearray(db_path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 8192] = b"\xff" * 8192
    db_path.write_bytes(bytes(data))
    assert not whole.found_whole(db_path)
    with pytest.raises(DamagedDatabaseError):
        open_database(db_path, daily_backup=False)


def test_a_file_just_written_is_not_vouched_for(db_path: Path, checks: list[bool]) -> None:
    """Within QUIET_SECONDS of a write, another write could fall in the same tick of the file system's clock."""
    _office(db_path)
    open_database(db_path, daily_backup=False).close()
    open_database(db_path, daily_backup=False).close()
    assert len(checks) == 2 and not whole.found_whole(db_path)
