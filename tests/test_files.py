"""Every file the program writes is whole or absent, private when it holds personal data."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from imet_desktop.domain.errors import UserError
from imet_desktop.files import (
    PARTIAL_SUFFIX,
    FileWriteError,
    atomic_path,
    open_atomically,
    remove_stale_partials,
    write_atomically,
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_private_file_is_owner_only_and_complete(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    write_atomically(target, "name\nWANG\n", private=True)
    assert target.read_text() == "name\nWANG\n"
    assert _mode(target) == 0o600
    assert list(tmp_path.iterdir()) == [target]


def test_the_partial_file_is_private_from_its_first_byte(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    with open_atomically(target, "w", private=True, encoding="utf-8") as f:
        partial = next(p for p in tmp_path.iterdir() if p.name.endswith(PARTIAL_SUFFIX))
        assert _mode(partial) == 0o600
        assert partial.parent == tmp_path  # never the system temp folder
        f.write("x")
    assert not partial.exists()


def test_a_failure_leaves_the_old_file_and_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "certificates.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), open_atomically(target, private=False) as f:
        f.write(b"new, half")
        raise RuntimeError("renderer failed")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_a_full_disk_is_a_message_naming_the_file(tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    with pytest.raises(FileWriteError, match="disk is full") as caught, atomic_path(target, private=True):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert isinstance(caught.value, UserError)
    assert str(target) in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError, match="does not exist"):
        write_atomically(tmp_path / "nowhere" / "x.csv", "x", private=True)


def test_stale_partials_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / f".export.csv.999999999-abcd{PARTIAL_SUFFIX}"
    mine = tmp_path / f".export.csv.{os.getpid()}-abcd{PARTIAL_SUFFIX}"
    other = tmp_path / "keep.csv"
    for p in (dead, mine, other):
        p.write_text("x")
    assert remove_stale_partials(tmp_path) == [dead]
    assert mine.exists() and other.exists()


def test_a_shared_file_is_private_until_it_is_whole(tmp_path: Path) -> None:
    """A file without personal data is still owner-only while written: a killed writer leaves nothing readable."""
    import stat

    from imet_desktop.files import atomic_path

    target = tmp_path / "certificates.pdf"
    with atomic_path(target, private=False) as partial:
        assert stat.S_IMODE(partial.stat().st_mode) == 0o600
        partial.write_bytes(b"%PDF-1.4 ...")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 & ~mask


def test_the_sqlite_sidecars_of_a_killed_backup_go_with_it(tmp_path: Path) -> None:
    stem = f".office-daily.db.999999999-abcd{PARTIAL_SUFFIX}"
    left = [tmp_path / (stem + suffix) for suffix in ("", "-journal", "-wal", "-shm")]
    unrelated = tmp_path / f"{stem}-notes"
    for p in (*left, unrelated):
        p.write_text("x")
    assert sorted(remove_stale_partials(tmp_path)) == sorted(left)
    assert unrelated.exists()
