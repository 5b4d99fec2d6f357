"""Opening a database when it cannot simply be opened: held by someone else, damaged, or on a network share.

Each case says why and offers the ways out: open read-only, break another workstation's lock
(after a confirmation), restore the newest good backup, or copy a shared file to a local folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.errors import show_failure

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from imet_desktop.store.db import OpenDatabase

READ_ONLY = "Open read-only"
BREAK_LOCK = "Break the lock…"
RESTORE_NEWEST = "Restore the newest good backup"
COPY_LOCAL = "Copy it to this computer and open the copy"


def open_database_in(parent: QWidget | None, path: Path, *, create: bool = False,
                     note: str = "") -> OpenDatabase | None:
    """The database at path, opened for writing or, when the clerk chooses, read-only; None when not opened.

    Every refusal is explained to the clerk here (None means they were told, or chose Cancel). The
    quick check and the day's backup are left to the window, which runs them in the background
    (RecordsSupport.attached).
    """
    from imet_desktop.store.db import DamagedDatabaseError, open_database
    from imet_desktop.store.location import NetworkLocationError
    from imet_desktop.store.lock import DatabaseInUseError

    try:
        return open_database(path, create=create, defer_checks=True)  # the window checks in the background
    except DatabaseInUseError as e:
        return _in_use(parent, path, e)
    except DamagedDatabaseError as e:
        return _damaged(parent, path, e)
    except NetworkLocationError as e:
        return _on_a_share(parent, path, e)
    except Exception as e:
        show_failure(parent, "Cannot open the database", e, doing=f"opening {path}", note=note)
        return None


def _read_only(parent: QWidget | None, path: Path) -> OpenDatabase | None:
    from imet_desktop.store.db import open_database

    try:
        return open_database(path, read_only=True)
    except Exception as e:
        show_failure(parent, "Cannot open the database read-only", e, doing=f"opening {path} read-only")
        return None


def _in_use(parent: QWidget | None, path: Path, error: object) -> OpenDatabase | None:
    from imet_desktop.store.db import open_database
    from imet_desktop.store.lock import DatabaseInUseError, age_text

    assert isinstance(error, DatabaseInUseError)
    holder = error.holder
    text = (f"{path.name} is {holder.sentence()}.\n\nOnly one window or program may change a database at a time. "
            "You can open it read-only: you can look, search, print and export, but not change anything.")
    choices = [READ_ONLY]
    if error.other_host:
        text += (f"\n\nThe lock was taken on another workstation {age_text(holder.age())} ago. If {holder.host} is "
                 "switched off or its program crashed, the lock can be broken.")
        choices.append(BREAK_LOCK)
    answer = dialogs.ask_choice(parent, "Database in use", text, choices)
    if answer == READ_ONLY:
        return _read_only(parent, path)
    if answer == BREAK_LOCK and dialogs.ask_yes_no(
            parent, "Break the lock?",
            f"Break the lock {holder.user} holds on {holder.host} since {holder.sentence().rsplit(' since ', 1)[-1]}?"
            f"\n\nDo this only if you are sure nobody is working in {path.name} on {holder.host}: two workstations "
            "writing one database lose each other's changes."):
        try:
            return open_database(path, break_lock=holder)
        except Exception as e:
            show_failure(parent, "Cannot open the database", e, doing=f"opening {path}")
    return None


def _damaged(parent: QWidget | None, path: Path, error: object) -> OpenDatabase | None:
    from imet_desktop.store.db import DamagedDatabaseError

    assert isinstance(error, DamagedDatabaseError)
    choices = ([RESTORE_NEWEST] if error.newest_backup is not None else []) + [READ_ONLY]
    answer = dialogs.ask_choice(parent, "The database is damaged", str(error), choices)
    if answer == READ_ONLY:
        return _read_only(parent, path)
    if answer == RESTORE_NEWEST and error.newest_backup is not None:
        return restore_and_open(parent, path, error.newest_backup.path)
    return None


def restore_and_open(parent: QWidget | None, path: Path, backup: Path) -> OpenDatabase | None:
    """Restore backup into the database at path (nobody may hold it), then open it; None when that failed."""
    from imet_desktop.ops.backups import restore_database
    from imet_desktop.store.db import open_database

    try:
        kept = restore_database(path, backup)
        db = open_database(path)
    except Exception as e:
        show_failure(parent, "The backup was not restored", e, doing=f"restoring {backup.name}")
        return None
    db.notices.append(f"{path.name} was restored from {backup.name}; the file as it was is kept at {kept}.")
    return db


def _on_a_share(parent: QWidget | None, path: Path, error: object) -> OpenDatabase | None:
    from imet_desktop import paths
    from imet_desktop.ops.backups import copy_to_local
    from imet_desktop.store.db import open_database

    folder = paths.user_data_dir()
    answer = dialogs.ask_choice(parent, "Database on a network share",
                                f"{error}\n\nA copy goes to {folder}.", [COPY_LOCAL])
    if answer != COPY_LOCAL:
        return None
    try:
        copy = copy_to_local(path, folder)
        return open_database(copy)
    except Exception as e:
        show_failure(parent, "The database was not copied", e, doing=f"copying {path} to {folder}")
        return None
