"""No lost update: a save based on an older version of a record is refused, saying what changed, by whom, when.

Every record an editor saves carries a version (store.changes raises it on every change). The
editor keeps the version it loaded; the store's update functions compare it with the record's
version inside the saving transaction. When another window, clerk or workstation saved the record
in between, the save is refused with StaleRecordError, and the clerk chooses: reload the record
(their typing is dropped), or overwrite (save again with the current version).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date_time
from imet_desktop.store.changes import field_label
from imet_desktop.store.errors import RecordNotFoundError, StoreError

HIDDEN = frozenset({"search_text", "name_key", "updated_at", "version"})


@dataclass(frozen=True)
class EditSince:
    """One save of the record made after the editor loaded it."""

    at: str
    user: str
    fields: tuple[str, ...]


class StaleRecordError(StoreError):
    """The record changed since the editor loaded it; nothing was saved."""

    def __init__(self, what: str, table: str, row_id: int, loaded: int, current: int,
                 edits: list[EditSince]) -> None:
        self.what = what
        self.table = table
        self.row_id = row_id
        self.loaded = loaded
        self.current = current
        self.edits = edits
        if edits:
            by = "; ".join(f"by {e.user or 'someone'} on {format_date_time(e.at)}"
                           + (f" ({', '.join(e.fields)})" if e.fields else "") for e in edits[-3:])
            if len(edits) > 3:
                by = f"{len(edits) - 3} earlier saves and {by}"
        else:
            by = "by another window or program"
        super().__init__(f"{what} was changed since you opened it, {by}. Nothing was saved: reload it to see those "
                         "changes, or overwrite them with yours.")


def current_version(db: Database, table: str, row_id: int) -> int:
    """The record's version now; RecordNotFoundError when it was deleted."""
    row = db.execute(f"SELECT version FROM [{table}] WHERE id = ?", [row_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"the {table.rstrip('s')} #{row_id} no longer exists (deleted by someone else?)")
    return int(row[0])


def edits_since(db: Database, table: str, row_id: int, count: int) -> list[EditSince]:
    """The last count saves of a record (each raised its version by one), oldest first."""
    rows = db.execute(
        "SELECT g.at, g.user_name, r.new FROM row_changes r LEFT JOIN change_groups g ON g.id = r.group_id "
        "WHERE r.table_name = ? AND r.row_id = ? AND r.op = 'update' ORDER BY r.id DESC LIMIT ?",
        [table, row_id, max(count, 0)]).fetchall()
    import json

    edits = []
    for at, user, new in reversed(rows):
        columns = [c for c in json.loads(new or "{}") if c not in HIDDEN]
        edits.append(EditSince(str(at or ""), str(user or ""), tuple(field_label(table, c).lower() for c in columns)))
    return edits


def check_version(db: Database, table: str, row_id: int, loaded: int, what: str) -> None:
    """Refuse (StaleRecordError) a save based on version loaded when the record is now at another one.

    loaded 0 means the caller did not load the record through an editor: nothing to compare.
    Call inside the saving transaction.
    """
    if not loaded:
        return
    current = current_version(db, table, row_id)
    if current != loaded:
        raise StaleRecordError(what, table, row_id, loaded, current, edits_since(db, table, row_id, current - loaded))
