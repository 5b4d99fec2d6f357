"""Where a database may live: on the workstation's own disk, never on a network file system.

SQLite's locking and its write-ahead log need every user of a file on one machine; network file
systems (NFS, SMB/CIFS shares, a UNC path on Windows) lose locks and writes and corrupt databases
(sqlite.org, "How To Corrupt An SQLite Database File"). Backups and exports may go to a share;
the live database may not.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath
from urllib.parse import quote

from imet_desktop.store.errors import StoreError

# Linux file system types (the third field of /proc/mounts) that are network file systems.
NETWORK_FILE_SYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p", "ceph", "glusterfs",
    "fuse.sshfs", "fuse.glusterfs", "fuse.s3fs", "fuse.rclone", "davfs", "fuse.davfs2", "lustre", "gpfs",
})
PROC_MOUNTS = Path("/proc/mounts")


class NetworkLocationError(StoreError):
    """The live database sits on a network file system; it may be copied to a local folder."""

    def __init__(self, db_path: Path, where: str) -> None:
        self.db_path = db_path
        self.where = where
        super().__init__(
            f"{db_path} is on a network file system ({where}). IMET Desktop keeps its database on the "
            "workstation's own disk: a database on a network share is damaged when the network drops a lock "
            "or a write. Copy it to a local folder and open the copy (backups and exports may still go to the share)."
        )


def _unescape(field: str) -> str:
    """/proc/mounts writes spaces, tabs and backslashes in paths as octal escapes (\\040)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and len(field[i + 1:i + 4]) == 3 and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def mount_of(path: Path, mounts_text: str) -> tuple[str, str, str] | None:
    """The (device, mount point, type) of the mount that holds path, from /proc/mounts' text."""
    best: tuple[str, str, str] | None = None
    target = str(path)
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        device, point, kind = _unescape(fields[0]), _unescape(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[1])):
            best = (device, point, kind)
    return best


def _windows_network_location(path: Path) -> str | None:
    text = str(path)
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return f"the UNC path {PureWindowsPath(text).anchor}"
    if text.startswith("\\\\?\\UNC\\"):
        return "a UNC path"
    if sys.platform == "win32":  # pragma: no cover - needs Windows
        import ctypes

        drive = PureWindowsPath(text).drive
        drive_remote = 4
        if drive and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote:  # type: ignore[attr-defined]
            return f"the network drive {drive}"
    return None


def network_location(path: Path | str, *, mounts: Path | None = None) -> str | None:
    """A description of the network file system path is on ('nfs4 //server/share at /mnt/office'), or None."""
    path = Path(path)
    windows = _windows_network_location(path)
    if windows is not None:
        return windows
    try:
        mounts_text = (mounts or PROC_MOUNTS).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None  # not Linux (or /proc not mounted): nothing more we can tell
    try:
        real = Path(os.path.realpath(path if path.exists() else path.parent))
    except OSError:
        real = path
    found = mount_of(real, mounts_text)
    if found is None:
        return None
    device, point, kind = found
    if kind in NETWORK_FILE_SYSTEMS or kind.startswith("nfs"):
        return f"{kind} {device} at {point}"
    return None


def refuse_network_location(db_path: Path, *, mounts: Path | None = None) -> None:
    """Raise NetworkLocationError when db_path is on a network file system."""
    where = network_location(db_path, mounts=mounts)
    if where is not None:
        raise NetworkLocationError(db_path, where)


def sqlite_uri(path: Path | str, mode: str) -> str:
    """The URI by which SQLite opens the file at path in mode ("ro": read only; "rw": read and write, never made
    anew). The path is quoted: unquoted, SQLite reads a '#' or '?' in a folder's name ("Backups #2") as the URI's end
    and opens another file."""
    return f"file:{quote(str(path))}?mode={mode}"
