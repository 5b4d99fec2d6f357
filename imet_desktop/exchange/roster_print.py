"""The printable roster's contents: the students asked for, in the order given, with the roster's
columns as the clerk shows them and, if asked, the personal fields (which make it CUI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from imet_desktop.documents.data import SchoolInfo
from imet_desktop.documents.student_roster import RosterColumn, StudentRosterData, student_roster
from imet_desktop.domain.dates import format_date
from imet_desktop.exchange.errors import ExportError
from imet_desktop.store.roster import RosterRow, roster_rows


@dataclass(frozen=True, slots=True)
class PrintColumn:
    """A column the printed roster can carry."""

    title: str
    value: Callable[[RosterRow], str]


def _date(text: str) -> str:
    try:
        return format_date(dt.date.fromisoformat(text)) if text else ""
    except ValueError:
        return text


PRINT_COLUMNS: dict[str, PrintColumn] = {
    "legal_name": PrintColumn("Legal name", lambda r: r.legal_name),
    "display_name": PrintColumn("Display name", lambda r: r.display_name),
    "native_name": PrintColumn("Native-script name", lambda r: r.native_name),
    "country": PrintColumn("Country", lambda r: r.country_name or r.country_code),
    "country_rank": PrintColumn("Rank", lambda r: r.country_rank),
    "service": PrintColumn("Service", lambda r: r.service),
    "funding_program": PrintColumn("Funding", lambda r: r.funding_program),
    "current_class": PrintColumn("Current class", lambda r: r.current_class),
    "status": PrintColumn("Status", lambda r: r.status),
    "arrival_date": PrintColumn("Arrival", lambda r: _date(r.arrival_date)),
    "ecl_score": PrintColumn("ECL", lambda r: "" if r.ecl_score is None else str(r.ecl_score)),
    "wcn": PrintColumn("WCN", lambda r: r.wcn),
    "ito_number": PrintColumn("ITO number", lambda r: r.ito_number),
}
# Personal fields (CUI): printed after the roster's columns when asked for.
PERSONAL_PRINT_COLUMNS: dict[str, str] = {
    "date_of_birth": "Date of birth",
    "passport_number": "Passport",
    "passport_expiry": "Passport expires",
    "visa_number": "Visa number",
}
_PERSONAL_DATES = frozenset({"date_of_birth", "passport_expiry"})


def roster_print_data(db: Database, student_ids: Sequence[int], columns: Sequence[str], *,
                      title: str = "Student roster", subtitle: str = "", include_personal: bool = False,
                      prepared_by: str = "") -> StudentRosterData:
    """The printable roster for these students (in this order) with these roster columns."""
    unknown = [c for c in columns if c not in PRINT_COLUMNS]
    if unknown:
        raise ValueError(f"not roster columns: {', '.join(unknown)}")
    if not columns:
        raise ExportError("choose at least one column to print")
    chosen = [PRINT_COLUMNS[c] for c in columns]
    personal_names = list(PERSONAL_PRINT_COLUMNS) if include_personal else []
    rows: list[tuple[str, ...]] = []
    for start in range(0, len(student_ids), 500):
        chunk = list(student_ids[start:start + 500])
        personal: dict[int, tuple[str, ...]] = {}
        if personal_names:
            marks = ",".join("?" * len(chunk))
            for r in db.execute(f"SELECT id, {', '.join(personal_names)} FROM students WHERE id IN ({marks})", chunk):
                personal[int(r[0])] = tuple(
                    _date(str(v or "")) if name in _PERSONAL_DATES else str(v or "")
                    for name, v in zip(personal_names, r[1:], strict=True))
        for row in roster_rows(db, chunk):
            rows.append(tuple(c.value(row) for c in chosen) + personal.get(row.id, ()))
    headings = tuple(RosterColumn(c.title) for c in chosen) + tuple(
        RosterColumn(PERSONAL_PRINT_COLUMNS[n]) for n in personal_names)
    return StudentRosterData(record="Student roster", title=title, columns=headings, rows=tuple(rows),
                             subtitle=subtitle, personal=bool(personal_names), prepared_by=prepared_by)


def print_roster(db: Database, student_ids: Sequence[int], columns: Sequence[str], target: Path, school: SchoolInfo,
                 *, title: str = "Student roster", subtitle: str = "", include_personal: bool = False,
                 prepared_by: str = "", progress: Callable[[int, int], bool] | None = None) -> int:
    """Write the printable roster PDF to target (through a temporary file: a failure leaves nothing);
    returns the page count."""
    import os
    import secrets

    data = roster_print_data(db, student_ids, columns, title=title, subtitle=subtitle,
                             include_personal=include_personal, prepared_by=prepared_by)
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name")
    if not target.parent.is_dir():
        raise ExportError(f"the folder {target.parent} does not exist; choose another folder")
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        pages = student_roster(data, school, temporary, progress)
        os.replace(temporary, target)
    except PermissionError:
        raise ExportError(f"{target.name} cannot be written: it is open in another program (close it there) or "
                          f"the folder {target.parent} is not writable") from None
    finally:
        temporary.unlink(missing_ok=True)
    return pages
