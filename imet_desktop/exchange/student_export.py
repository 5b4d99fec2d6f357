"""Exporting students to CSV (UTF-8 with BOM) or XLSX, streamed, safe against formula injection,
marked CUI when personal fields are included, and never left half-written."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.validation import PERSONAL_FIELDS, STUDENT_FIELD_LABELS
from imet_desktop.exchange.errors import ExportError

RECORD_ID_HEADER = "Record id"
CUI_MARKING = "CUI//PRIVACY"
FETCH_CHUNK = 500
FORMATS = (".csv", ".xlsx")
# What a spreadsheet program may take as the start of a formula (tab and CR too: some programs
# skip them and then see the formula behind).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A value the guard protects: a formula start, after any apostrophes. Guarding a value that
# already starts with apostrophes too keeps the round trip exact: unguard(neutralise(x)) == x.
_FORMULA_LIKE = re.compile(r"^'*[=+\-@\t\r]")
XLSX_MAX_CELL_CHARS = 32_767
_XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_DATE_FIELDS = frozenset({"date_of_birth", "passport_expiry", "arrival_date", "departure_date"})

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    rows_written: int
    missing_ids: tuple[int, ...] = ()  # asked for, but no longer in the database
    personal: bool = False
    cancelled: bool = False


def neutralise(text: str) -> str:
    """Text made safe against formula injection: one starting with = + - @ (or tab/CR) gets an
    apostrophe in front, the standard neutralisation (OWASP's advice for CSV injection), so a
    spreadsheet program shows the text instead of running it as a formula. A value that starts
    with apostrophes before such a character is guarded too, so unguard() gives it back exactly."""
    return "'" + text if _FORMULA_LIKE.match(text) else text


def unguard(text: str) -> str:
    """A value read back from an export: the guard's apostrophe removed, exactly what neutralise() added."""
    return text[1:] if text.startswith("'") and _FORMULA_LIKE.match(text[1:]) else text


def export_fields(*, include_personal: bool = False, fields: Sequence[str] | None = None) -> list[str]:
    """The student fields an export carries, in the record editor's order (personal ones only if asked)."""
    chosen = list(STUDENT_FIELD_LABELS) if fields is None else list(fields)
    unknown = [f for f in chosen if f not in STUDENT_FIELD_LABELS]
    if unknown:
        raise ValueError(f"not student fields: {', '.join(unknown)}")
    return [f for f in chosen if include_personal or f not in PERSONAL_FIELDS]


def export_headers(names: Sequence[str]) -> list[str]:
    """The header row: the record id, then each field's label."""
    return [RECORD_ID_HEADER, *(STUDENT_FIELD_LABELS[n] for n in names)]


def export_students(db: Database, student_ids: Sequence[int], target: Path | str, *, include_personal: bool = False,
                    fields: Sequence[str] | None = None, progress: Progress | None = None,
                    cancel: Cancel | None = None) -> ExportResult:
    """Export students, in the order given, to a .csv or .xlsx file (chosen by the target's suffix)."""
    target = Path(target)
    suffix = target.suffix.casefold()
    if suffix == ".csv":
        return export_students_csv(db, student_ids, target, include_personal=include_personal, fields=fields,
                                   progress=progress, cancel=cancel)
    if suffix == ".xlsx":
        return export_students_xlsx(db, student_ids, target, include_personal=include_personal, fields=fields,
                                    progress=progress, cancel=cancel)
    raise ExportError(f"{target.name}: choose a file ending in .csv or .xlsx")


class _Cancelled(Exception):
    pass


class _Rows:
    """Student rows fetched in chunks by id, in the order asked; remembers the ids not found."""

    def __init__(self, db: Database, ids: Sequence[int], names: Sequence[str], progress: Progress | None,
                 cancel: Cancel | None) -> None:
        self.db, self.ids, self.names = db, ids, list(names)
        self.progress, self.cancel = progress, cancel
        self.missing: list[int] = []
        self.written = 0

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        columns = ", ".join(["id", *self.names])
        total = len(self.ids)
        for start in range(0, total, FETCH_CHUNK):
            if self.cancel is not None and self.cancel():
                raise _Cancelled
            chunk = list(self.ids[start:start + FETCH_CHUNK])
            marks = ",".join("?" * len(chunk))
            found = {r[0]: r for r in self.db.execute(f"SELECT {columns} FROM students WHERE id IN ({marks})", chunk)}
            for student_id in chunk:
                row = found.get(student_id)
                if row is None:
                    self.missing.append(student_id)
                    continue
                values = []
                for name, value in zip(self.names, row[1:], strict=True):
                    if name in _DATE_FIELDS and value:
                        value = dt.date.fromisoformat(value)
                    values.append("" if value is None else value)
                self.written += 1
                yield student_id, values
            if self.progress is not None:
                self.progress(min(start + FETCH_CHUNK, total), total)


def _check_target(target: Path) -> None:
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name")
    if not target.parent.is_dir():
        raise ExportError(f"the folder {target.parent} does not exist; choose another folder")


def _move_into_place(temporary: Path, target: Path) -> None:
    os.replace(temporary, target)


def _write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file beside the target, then rename it: a failure leaves nothing."""
    _check_target(target)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        write(temporary)
        _move_into_place(temporary, target)
    except PermissionError:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"{target.name} cannot be written: it is open in another program (close it there) or "
                          f"the folder {target.parent} is not writable") from None
    except OSError as e:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"{target.name} cannot be written: {e.strerror or e}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _csv_value(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def export_students_csv(db: Database, student_ids: Sequence[int], target: Path | str, *,
                        include_personal: bool = False, fields: Sequence[str] | None = None,
                        progress: Progress | None = None, cancel: Cancel | None = None) -> ExportResult:
    """CSV in UTF-8 with a BOM (so spreadsheet programs show accents), the record id first.

    With personal fields the first line is the CUI//PRIVACY marking, then the header.
    """
    target = Path(target)
    names = export_fields(include_personal=include_personal, fields=fields)
    personal = any(n in PERSONAL_FIELDS for n in names)
    rows = _Rows(db, student_ids, names, progress, cancel)
    try:
        _write_atomically(target, lambda path: write_students_csv(path, names, rows))
    except _Cancelled:
        return ExportResult(target, 0, (), personal, cancelled=True)
    return ExportResult(target, rows.written, tuple(rows.missing), personal)


ExportRows = Iterable[tuple[int, Sequence[Any]]]


def write_students_csv(path: Path, names: Sequence[str], rows: ExportRows) -> None:
    """Write (record id, values in the order of names) rows as the export's CSV, to path as it is."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        if any(n in PERSONAL_FIELDS for n in names):
            writer.writerow([CUI_MARKING])
        writer.writerow(export_headers(names))
        for student_id, values in rows:
            writer.writerow([student_id, *(_csv_value(v) for v in values)])


def export_students_xlsx(db: Database, student_ids: Sequence[int], target: Path | str, *,
                         include_personal: bool = False, fields: Sequence[str] | None = None,
                         progress: Progress | None = None, cancel: Cancel | None = None) -> ExportResult:
    """An Excel workbook (one sheet, written as a stream), the record id first; dates are real dates.

    With personal fields the first row is the CUI//PRIVACY marking, then the header. A value
    Excel cannot hold (a control character, more than 32,767 characters) is refused, naming the
    student and field, rather than cut or changed. XML has no carriage return, so a line break
    stored as CR LF reads back from the workbook as Excel's own line break, LF.
    """
    target = Path(target)
    names = export_fields(include_personal=include_personal, fields=fields)
    personal = any(n in PERSONAL_FIELDS for n in names)
    rows = _Rows(db, student_ids, names, progress, cancel)
    try:
        _write_atomically(target, lambda path: write_students_xlsx(path, names, rows))
    except _Cancelled:
        return ExportResult(target, 0, (), personal, cancelled=True)
    return ExportResult(target, rows.written, tuple(rows.missing), personal)


def write_students_xlsx(path: Path, names: Sequence[str], rows: ExportRows) -> None:
    """Write (record id, values in the order of names) rows as the export's workbook, to path as it is."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    personal = any(n in PERSONAL_FIELDS for n in names)

    def cell_value(student_id: int, name: str, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if len(value) > XLSX_MAX_CELL_CHARS:
            raise ExportError(f"student #{student_id}: {STUDENT_FIELD_LABELS[name]} is {len(value):,} characters "
                              f"long; Excel holds at most {XLSX_MAX_CELL_CHARS:,}. Export to CSV instead")
        if _XLSX_ILLEGAL.search(value):
            raise ExportError(f"student #{student_id}: {STUDENT_FIELD_LABELS[name]} contains a control character "
                              "Excel cannot store; correct the record or export to CSV")
        return neutralise(value)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Students")
    bold = Font(bold=True)
    if personal:
        marking = WriteOnlyCell(sheet, value=CUI_MARKING)
        marking.font = bold
        sheet.append([marking])
    header = []
    for text in export_headers(names):
        cell = WriteOnlyCell(sheet, value=neutralise(text))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    try:
        for student_id, values in rows:
            cells: list[Any] = [student_id]
            for name, value in zip(names, values, strict=True):
                if isinstance(value, dt.date):
                    date_cell = WriteOnlyCell(sheet, value=value)
                    date_cell.number_format = "yyyy-mm-dd"
                    cells.append(date_cell)
                else:
                    cells.append(cell_value(student_id, name, value))
            sheet.append(cells)
    except BaseException:
        _discard(sheet)
        raise
    workbook.save(path)


def _discard(sheet: Any) -> None:
    """Close a write-only sheet abandoned halfway and delete the temporary file openpyxl streams it
    to (it may hold personal data); left open, its generator fails later when collected."""
    try:
        sheet.close()
        sheet._writer.cleanup()  # openpyxl has no public call for this
    except Exception:  # noqa: BLE001 - the original failure is the one to report
        pass
