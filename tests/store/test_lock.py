"""One writer: the first to open a database holds it; others are told who, and may read."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from imet_desktop.store.db import open_database, open_for_reading
from imet_desktop.store.errors import StoreError
from imet_desktop.store.lock import DatabaseInUseError, LockHolder, holder_of, lock_path, this_host


def test_a_second_writer_is_told_who_holds_the_database_and_since_when(db_path: Path) -> None:
    first = open_database(db_path)
    try:
        with pytest.raises(DatabaseInUseError) as refused:
            open_database(db_path)
        message = str(refused.value)
        assert f"{db_path} is in use by {first.lock.holder.user} on {this_host()} since " in message  # type: ignore[union-attr]
        assert not refused.value.other_host
    finally:
        first.close()
    open_database(db_path).close()  # closing let go of it
    assert not lock_path(db_path).exists()


def test_the_lock_file_names_user_host_process_and_time(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        recorded = json.loads(lock_path(db_path).read_text())
        assert recorded["pid"] == os.getpid() and recorded["host"] == this_host()
        assert recorded["user"] and recorded["since"]
        assert holder_of(db_path) == db.lock.holder  # type: ignore[union-attr]
    finally:
        db.close()
    assert holder_of(db_path) is None


def test_a_read_only_opening_works_while_held_and_cannot_write(db_path: Path) -> None:
    writer = open_database(db_path)
    try:
        reader = open_database(db_path, read_only=True)
        try:
            assert reader.read_only and "in use by" in reader.read_only_reason
            assert reader.execute("SELECT count(*) FROM countries").fetchone()[0] > 200
            with pytest.raises(Exception, match="readonly"):
                reader.execute("INSERT INTO settings VALUES ('k', '1')")
        finally:
            reader.close()
        assert open_for_reading(db_path).read_only
    finally:
        writer.close()


_HOLD = textwrap.dedent("""
    import sys, time
    from imet_desktop.store.db import open_database
    db = open_database(sys.argv[1])
    print("holding", flush=True)
    time.sleep(60)
""")


def _holder_process(db_path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", _HOLD, str(db_path)], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "XDG_DATA_HOME": str(db_path.parent / "other-data")})
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "holding"
    return process


def _end(process: subprocess.Popen[str]) -> None:
    process.kill()
    process.wait()
    assert process.stdout is not None
    process.stdout.close()


def test_another_process_holding_the_database_keeps_writers_out(db_path: Path) -> None:
    open_database(db_path).close()
    process = _holder_process(db_path)
    try:
        with pytest.raises(DatabaseInUseError, match=f"pid|in use by .* on {this_host()}"):
            open_database(db_path)
        assert holder_of(db_path) is not None and holder_of(db_path).pid == process.pid  # type: ignore[union-attr]
    finally:
        _end(process)


def test_a_lock_left_by_a_killed_program_on_this_workstation_is_taken_over(db_path: Path) -> None:
    open_database(db_path).close()
    process = _holder_process(db_path)
    process.send_signal(signal.SIGKILL)
    _end(process)
    assert lock_path(db_path).exists()  # it died holding it
    db = open_database(db_path)
    try:
        assert db.lock is not None and db.lock.holder.pid == os.getpid()
    finally:
        db.close()


def _foreign_lock(db_path: Path, since: str = "2027-04-20T08:00:00") -> LockHolder:
    holder = LockHolder(user="jsmith", host="CLERK-PC-2", pid=4242, since=since)
    lock_path(db_path).write_text(holder.to_json())
    return holder


def test_a_lock_from_another_workstation_is_shown_with_its_age_and_broken_only_when_asked(db_path: Path) -> None:
    open_database(db_path).close()
    holder = _foreign_lock(db_path)
    with pytest.raises(DatabaseInUseError) as refused:
        open_database(db_path)
    assert refused.value.other_host and refused.value.holder == holder
    assert "in use by jsmith on CLERK-PC-2 since 20 APR 2027 08:00" in str(refused.value)
    assert "old" in str(refused.value)
    # breaking a different lock than the one the clerk was shown is refused
    with pytest.raises(DatabaseInUseError):
        open_database(db_path, break_lock=LockHolder("someone", "ELSEWHERE", 1, "2027-01-01T00:00:00"))
    db = open_database(db_path, break_lock=holder)
    try:
        assert db.lock is not None and db.lock.holder.host == this_host()
    finally:
        db.close()


def test_a_folder_where_no_lock_can_be_made_is_a_message(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(db_path).close()
    real_open = os.open

    def refuse(path: str, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(StoreError, match="cannot lock .* for writing"):
        open_database(db_path)
