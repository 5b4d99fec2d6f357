"""The roster out of the program: exported to CSV or XLSX, and printed as a PDF, for the window and the command line.

Both take the students in the order the clerk sees them (ids from store.roster), read their values
from the store in chunks, and write through files.py: a file that holds personal data (dates of
birth, passports, visas: CUI) is owner-only and marked. Progress is reported as
``progress(done, total, text)``; the clerk's cancel is the progress raising ``Cancelled``, which
leaves the target as it was.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sqlite_utils import Database

from imet_desktop.domain.dates import format_date
from imet_desktop.domain.progress import Progress, no_progress
from imet_desktop.domain.validation import PERSONAL_FIELDS
from imet_desktop.exchange.errors import ExportError
from imet_desktop.exchange.student_export import (
    DATE_FIELDS,
    ExportResult,
    export_fields,
    write_student_texts,
    write_students,
)
from imet_desktop.files import check_target, write_atomically
from imet_desktop.store.export_rows import whole_roster_texts
from imet_desktop.store.roster import RosterRow, roster_rows
from imet_desktop.store.roster import student_ids as roster_order_ids
from imet_desktop.store.students import FETCH_CHUNK, student_texts, student_values

if TYPE_CHECKING:  # the printed roster's types: ReportLab and the fonts are loaded only when one is printed,
    # not by every export (0.15 s of the export command's start)
    from imet_desktop.documents.data import SchoolInfo
    from imet_desktop.documents.student_roster import StudentRosterData

# --- export -----------------------------------------------------------------------------------------

# Students read (and written) together by a CSV export: one query each.
TEXT_CHUNK = 2_000


class _Rows:
    """The students' values fetched in chunks by id, in the order asked; remembers the ids not found."""

    def __init__(self, db: Database, ids: Sequence[int], names: Sequence[str], progress: Progress) -> None:
        self.db, self.ids, self.names, self.progress = db, ids, list(names), progress
        self.missing: list[int] = []

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        total = len(self.ids)
        for start in range(0, total, FETCH_CHUNK):
            chunk = list(self.ids[start:start + FETCH_CHUNK])
            found = student_values(self.db, chunk, self.names)
            for student_id in chunk:
                row = found.get(student_id)
                if row is None:
                    self.missing.append(student_id)
                    continue
                values: list[Any] = []
                for name, value in zip(self.names, row, strict=True):
                    if name in DATE_FIELDS and value:
                        value = dt.date.fromisoformat(value)
                    values.append("" if value is None else value)
                yield student_id, values
            done = min(start + FETCH_CHUNK, total)
            self.progress(done, total, f"Exporting… {done:,} of {total:,}")


def export_students(db: Database, student_ids: Sequence[int], target: Path | str, *, include_personal: bool = False,
                    fields: Sequence[str] | None = None, progress: Progress = no_progress) -> ExportResult:
    """Export students, in the order given, to a .csv or .xlsx file (chosen by the target's suffix)."""
    target = Path(target)
    names = export_fields(include_personal=include_personal, fields=fields)
    if target.suffix.casefold() == ".csv":
        texts = _Texts(db, student_ids, names, progress)
        written = write_student_texts(target, names, texts)
        missing = texts.missing
    else:
        rows = _Rows(db, student_ids, names, progress)
        written = write_students(target, names, rows)
        missing = rows.missing
    return ExportResult(target, written, tuple(missing), personal=any(n in PERSONAL_FIELDS for n in names))


def export_whole_roster(db: Database, target: Path | str, *, include_personal: bool = False) -> ExportResult:
    """export_students of every student not archived, in the roster's order by legal name (store.roster.student_ids
    with no search): the same file, but a CSV's rows are read in one scan of the roster's index
    (store.export_rows), not by id after a query for the order."""
    target = Path(target)
    if target.suffix.casefold() != ".csv":
        return export_students(db, roster_order_ids(db), target, include_personal=include_personal)
    names = export_fields(include_personal=include_personal)
    written = write_student_texts(target, names, whole_roster_texts(db, names))
    return ExportResult(target, written, (), personal=any(n in PERSONAL_FIELDS for n in names))


class _Texts:
    """The students' values as text (store.students.student_texts), in chunks in the order asked, for a CSV
    export; remembers the ids not found."""

    def __init__(self, db: Database, ids: Sequence[int], names: Sequence[str], progress: Progress) -> None:
        self.db, self.ids, self.names, self.progress = db, ids, list(names), progress
        self.missing: list[int] = []

    def __iter__(self) -> Iterator[list[tuple[str, ...]]]:
        total = len(self.ids)
        for start in range(0, total, TEXT_CHUNK):
            chunk = list(self.ids[start:start + TEXT_CHUNK])
            rows = student_texts(self.db, chunk, self.names)
            if len(rows) < len(chunk):
                found = {int(r[0]) for r in rows}
                self.missing.extend(i for i in chunk if i not in found)
            yield rows
            done = min(start + TEXT_CHUNK, total)
            self.progress(done, total, f"Exporting… {done:,} of {total:,}")


def export_students_to(db_path: Path, student_ids: Sequence[int], target: Path, *, include_personal: bool = False,
                       progress: Progress = no_progress) -> ExportResult:
    """export_students on a connection of its own (for a worker thread: a connection belongs to its thread)."""
    from imet_desktop.store.db import connect

    db = connect(db_path)
    try:
        return export_students(db, student_ids, target, include_personal=include_personal, progress=progress)
    finally:
        db.close()


# --- the printed roster -----------------------------------------------------------------------------


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


def roster_print_data(db: Database, student_ids: Sequence[int], columns: Sequence[str], *,
                      title: str = "Student roster", subtitle: str = "", include_personal: bool = False,
                      prepared_by: str = "") -> StudentRosterData:
    """The printable roster for these students (in this order) with these roster columns."""
    from imet_desktop.documents.student_roster import RosterColumn, StudentRosterData

    unknown = [c for c in columns if c not in PRINT_COLUMNS]
    if unknown:
        raise ValueError(f"not roster columns: {', '.join(unknown)}")
    if not columns:
        raise ExportError("choose at least one column to print")
    chosen = [PRINT_COLUMNS[c] for c in columns]
    personal_names = list(PERSONAL_PRINT_COLUMNS) if include_personal else []
    rows: list[tuple[str, ...]] = []
    for start in range(0, len(student_ids), FETCH_CHUNK):
        chunk = list(student_ids[start:start + FETCH_CHUNK])
        personal = {
            student_id: tuple(_date(str(v or "")) if name in DATE_FIELDS else str(v or "")
                              for name, v in zip(personal_names, values, strict=True))
            for student_id, values in (student_values(db, chunk, personal_names) if personal_names else {}).items()}
        for row in roster_rows(db, chunk):
            rows.append(tuple(c.value(row) for c in chosen) + personal.get(row.id, ()))
    headings = tuple(RosterColumn(c.title) for c in chosen) + tuple(
        RosterColumn(PERSONAL_PRINT_COLUMNS[n]) for n in personal_names)
    return StudentRosterData(record="Student roster", title=title, columns=headings, rows=tuple(rows),
                             subtitle=subtitle, personal=bool(personal_names), prepared_by=prepared_by)


def print_roster(db: Database, student_ids: Sequence[int], columns: Sequence[str], target: Path, school: SchoolInfo,
                 *, title: str = "Student roster", subtitle: str = "", include_personal: bool = False,
                 prepared_by: str = "", progress: Progress = no_progress) -> int:
    """Write the printable roster PDF to target, whole or not at all (owner-only with personal data); its pages."""
    from imet_desktop.documents.student_roster import student_roster

    data = roster_print_data(db, student_ids, columns, title=title, subtitle=subtitle,
                             include_personal=include_personal, prepared_by=prepared_by)
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name")
    if not target.parent.is_dir():
        raise ExportError(f"the folder {target.parent} does not exist; choose another folder")
    check_target(target)
    buffer = io.BytesIO()
    pages = student_roster(data, school, buffer,
                           lambda done, total=None, _text="": progress(done, total, f"Printing… page {done:,}"
                                                                                  f" of {total or done:,}"))
    write_atomically(target, buffer.getvalue(), private=data.personal)
    return pages


def write_roster(db_path: Path, student_ids: Sequence[int], columns: Sequence[str], out: BinaryIO, *,
                 subtitle: str = "", include_personal: bool = False, progress: Progress = no_progress) -> int:
    """The printable roster into a stream (for the preview), on a connection of its own; its pages."""
    from imet_desktop.documents.student_roster import student_roster
    from imet_desktop.ops.wording import school_info
    from imet_desktop.store.db import connect

    db = connect(db_path)
    try:
        data = roster_print_data(db, student_ids, columns, subtitle=subtitle, include_personal=include_personal)
        school = school_info(db)
    finally:
        db.close()
    return student_roster(data, school, out,
                          lambda done, total=None, _text="": progress(done, total, f"Printing… page {done:,}"
                                                                                 f" of {total or done:,}"))


def print_roster_to(db_path: Path, student_ids: Sequence[int], columns: Sequence[str], target: Path, *,
                    subtitle: str = "", include_personal: bool = False, progress: Progress = no_progress) -> int:
    """print_roster on a connection of its own, with the school as the office's settings describe it."""
    from imet_desktop.ops.wording import school_info
    from imet_desktop.store.db import connect

    db = connect(db_path)
    try:
        return print_roster(db, student_ids, columns, target, school_info(db), subtitle=subtitle,
                            include_personal=include_personal, progress=progress)
    finally:
        db.close()
