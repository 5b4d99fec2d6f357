"""The live database never sits on a network file system."""

from __future__ import annotations

from pathlib import Path

import pytest

from imet_desktop.store.db import open_database
from imet_desktop.store.location import NetworkLocationError, mount_of, network_location

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/office /mnt/office cifs rw,vers=3.0 0 0
server:/export/home /home/shared nfs4 rw,vers=4.2 0 0
/dev/sdb1 /mnt/office/local\\040disk ext4 rw 0 0
"""


@pytest.mark.parametrize(("path", "kind"), [
    ("/mnt/office/imet.db", "cifs"), ("/home/shared/x/imet.db", "nfs4"), ("/home/clerk/imet.db", "ext4"),
    ("/mnt/office/local disk/imet.db", "ext4"), ("/mnt/officex/imet.db", "ext4")])
def test_the_mount_holding_a_path_is_the_longest_match(path: str, kind: str) -> None:
    found = mount_of(Path(path), MOUNTS)
    assert found is not None and found[2] == kind


def test_smb_and_nfs_are_network_file_systems(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS)
    assert network_location("/mnt/office/imet.db", mounts=mounts) == "cifs //fileserver/office at /mnt/office"
    assert network_location("/home/shared/imet.db", mounts=mounts).startswith("nfs4")  # type: ignore[union-attr]
    assert network_location("/home/clerk/imet.db", mounts=mounts) is None


@pytest.mark.parametrize("path", [r"\\fileserver\office\imet.db", "//fileserver/office/imet.db"])
def test_a_unc_path_is_a_network_location(path: str) -> None:
    assert "UNC" in (network_location(path) or "")


def test_a_database_on_a_share_is_refused_saying_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(f"//fileserver/office {tmp_path} cifs rw 0 0\n")
    monkeypatch.setattr("imet_desktop.store.location.PROC_MOUNTS", mounts)
    with pytest.raises(NetworkLocationError, match="network file system .*cifs.* Copy it to a local folder"):
        open_database(tmp_path / "office.db")
    assert not (tmp_path / "office.db").exists()
