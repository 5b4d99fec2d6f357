"""The database log, exported: every change with its fields' old and new values, to a private CSV file.

The values include personal data (passport numbers, dates of birth), so the file is written 0600
from its first byte (files.open_atomically) and its first line marks it CUI//PRIVACY.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date_time
from imet_desktop.files import open_atomically
from imet_desktop.store.changes import field_label, group_changes
from imet_desktop.store.history import HIDDEN_COLUMNS, database_log, record_name

MARKING = "CUI//PRIVACY: holds personal data of foreign nationals; keep it on this workstation"
HEADER = ["when", "user", "change", "undone", "record", "field", "old", "new"]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def export_log(db: Database, target: Path, *, since: dt.date | None = None, until: dt.date | None = None,
               user: str = "", record: tuple[str, int] | None = None, text: str = "") -> Path:
    """Write the log (filtered as database_log filters it), a line per field changed; returns target."""
    entries = database_log(db, since=since, until=until, user=user, record=record, text=text, limit=1_000_000)
    with open_atomically(target, "w", private=True, encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow([MARKING])
        out.writerow(HEADER)
        for e in entries:
            start = [format_date_time(e.at), e.user, e.name, "yes" if e.undone else ""]
            for change in group_changes(db, e.group_id):
                who = record_name(db, change)
                if change.op == "update":
                    for column in change.new:
                        if column not in HIDDEN_COLUMNS:
                            out.writerow([*start, who, field_label(change.table, column),
                                          _text(change.old.get(column)), _text(change.new.get(column))])
                else:
                    out.writerow([*start, who, "(the record)", "", "added" if change.op == "insert" else "deleted"])
    return target
