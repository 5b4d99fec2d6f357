"""Writing students to CSV (UTF-8 with BOM) or XLSX, streamed, safe against formula injection,
marked CUI when personal fields are included, and never left half-written.

The rows come from the caller (ops.roster reads them from the store, in the order asked); this
module only writes them, through files.py (owner-only when the file holds personal data).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import operator
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imet_desktop.domain.validation import PERSONAL_FIELDS, STUDENT_FIELD_LABELS
from imet_desktop.exchange.errors import ExportError
from imet_desktop.files import atomic_path

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
# The first characters of a value _FORMULA_LIKE may match: any other value is left as it is without the regex.
_GUARD_FIRST = frozenset("'=+-@\t\r")
# In values joined by _SEPARATOR (each preceded by one): whether any of them may need the guard.
_SEPARATOR = "\x1f"
_ANY_FORMULA_LIKE = re.compile(r"\x1f'*[=+\-@\t\r]")
_BOM = "\ufeff"
# The characters the guard may apply to that a field can start with unquoted: csv.writer quotes a value holding a
# carriage return (a line terminator's character), so ",\r" is only the end of a line after an empty field.
_UNQUOTED_GUARD_FIRST = _GUARD_FIRST - {"\r"}
# In CSV text as csv.writer writes it, a field after the first of its line that starts with such a character: a comma,
# then the field's first character (unquoted), or a comma and the opening quote, then its first character. One search
# of the text: one str.find per character (three or four of them are in every chunk: dates, e-mail addresses, phone
# numbers) took 2.5 times as long, 0.49 s of an export of 600,000 students against 0.20.
_FIELD_MAY_NEED_GUARD = re.compile(
    ',(?:"[' + "".join(map(re.escape, sorted(_GUARD_FIRST))) + "]|[" + "".join(map(re.escape, sorted(
        _UNQUOTED_GUARD_FIRST))) + "])")
_XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
DATE_FIELDS = frozenset({"date_of_birth", "passport_expiry", "arrival_date", "departure_date"})

Row = tuple[int, Sequence[Any]]  # (record id, the values of the fields asked for: dates as dates)


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    rows_written: int
    missing_ids: tuple[int, ...] = ()  # asked for, but no longer in the database
    personal: bool = False


def neutralise(text: str) -> str:
    """Text made safe against formula injection: one starting with = + - @ (or tab/CR) gets an
    apostrophe in front, the standard neutralisation (OWASP's advice for CSV injection), so a
    spreadsheet program shows the text instead of running it as a formula. A value that starts
    with apostrophes before such a character is guarded too, so unguard() gives it back exactly."""
    return "'" + text if text[:1] in _GUARD_FIRST and _FORMULA_LIKE.match(text) else text


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


def check_target(target: Path) -> None:
    """Refuse a target that cannot be an export: not .csv or .xlsx, a folder, or in a folder that does not exist."""
    if target.suffix.casefold() not in FORMATS:
        raise ExportError(f"{target.name}: choose a file ending in .csv or .xlsx")
    if target.is_dir():
        raise ExportError(f"{target} is a folder; choose a file name")
    if not target.parent.is_dir():
        raise ExportError(f"the folder {target.parent} does not exist; choose another folder")


def write_students(target: Path, names: Sequence[str], rows: Iterable[Row]) -> int:
    """Write the rows to target as CSV or XLSX (by its suffix); the number of rows written.

    A file with personal fields is marked CUI//PRIVACY and written owner-only. Whatever happens
    while the rows are read or written (a refused value, the clerk's cancel raised from the rows),
    target is left as it was.
    """
    check_target(target)
    write = write_students_csv if target.suffix.casefold() == ".csv" else write_students_xlsx
    with atomic_path(target, private=any(n in PERSONAL_FIELDS for n in names)) as path:
        return write(path, names, rows)


def _csv_value(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def write_students_csv(path: Path, names: Sequence[str], rows: Iterable[Row]) -> int:
    """Rows as the export's CSV, written to path as it is (write_students makes it atomic); how many.

    UTF-8 with a BOM (so spreadsheet programs show accents), the record id first. With personal
    fields the first line is the CUI//PRIVACY marking, then the header.
    """
    personal = any(n in PERSONAL_FIELDS for n in names)
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        if personal:
            writer.writerow([CUI_MARKING])
        writer.writerow(export_headers(names))
        for student_id, values in rows:
            writer.writerow([student_id, *(_csv_value(v) for v in values)])
            written += 1
    return written


def write_student_texts(target: Path, names: Sequence[str], chunks: Iterable[Sequence[Sequence[str]]]) -> int:
    """Write CSV rows given as text, in chunks (as store.students.student_texts reads them: the record id, then
    each field's stored value, '' when empty, dates as ISO text) to target; the number of rows written.

    The same file as write_students gives for the same students, byte for byte (marking, header, guard), made
    atomic and owner-only the same way; but without a Python step per value: each chunk is joined into one text
    and searched once for values that need the formula guard (a few in a thousand rows: phone numbers); only
    those are changed (_guarded). A chunk that cannot be searched so (a value holding the separator) goes column
    by column (_guarded_by_columns), as before.
    A date not stored in its ISO form is written as write_students writes it (the date read and written
    again), one not a date refused (ValueError) as there.
    """
    check_target(target)
    if target.suffix.casefold() != ".csv":
        raise ExportError(f"{target.name}: rows given as text are written only to CSV")
    personal = any(n in PERSONAL_FIELDS for n in names)
    dates = [i + 1 for i, n in enumerate(names) if n in DATE_FIELDS]
    written = 0
    # UTF-8 with its BOM written first: the same bytes as "utf-8-sig", but the file's text is encoded in C
    # (Python's io has a fast path for "utf-8", none for "utf-8-sig": one call of its Python encoder per row).
    with atomic_path(target, private=personal) as path, path.open("w", encoding="utf-8", newline="") as f:
        f.write(_BOM)
        writer = csv.writer(f)
        if personal:
            writer.writerow([CUI_MARKING])
        writer.writerow(export_headers(names))
        good_dates: set[str] = {""}  # dates seen written in their ISO form (what repeats is checked once)
        text = _ChunkText()
        for chunk in chunks:
            if not chunk:
                continue
            f.write(text.guarded(chunk, dates, good_dates))
            written += len(chunk)
    return written


class _ChunkText:
    """Chunks of rows as CSV text (csv.writer's, the file's dialect) with the formula guard applied.

    The chunk is written as it is, then its text searched for a field that starts with a character the guard may
    apply to (after a comma, or a comma and the opening quote): a few fields in a thousand rows (phone numbers).
    Only the lines of those rows are written again, guarded. This spares joining every value into a text of its
    own to search. A chunk whose text cannot be searched so (a value holding a line break, so lines are not rows;
    a record id that may need the guard; a date not stored in its ISO form) is guarded value by value first
    (_guarded, _guarded_by_columns) and written after.
    """

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)

    def _text(self, rows: Iterable[Sequence[str]]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerows(rows)
        return self._buffer.getvalue()

    def guarded(self, chunk: Sequence[Sequence[str]], dates: Sequence[int], good_dates: set[str]) -> str:
        """The chunk's CSV text, guarded (and dates written in their ISO form)."""
        if not _dates_in_iso_form(chunk, dates, good_dates) or _value_starts(
                _SEPARATOR + _SEPARATOR.join(map(operator.itemgetter(0), chunk))):
            return self._text(_guarded_by_columns(chunk, dates, good_dates))
        text = self._text(chunk)
        if text.count("\n") != len(chunk):
            rows = _guarded(chunk, dates, good_dates)
            return self._text(_guarded_by_columns(chunk, dates, good_dates) if rows is None else rows)
        pieces: list[str] = []
        done, row, counted = 0, 0, 0  # text up to done is in pieces; row: the row of the line at counted
        for at in _field_starts(text):
            if at < done:
                continue  # in a line already written again
            row += text.count("\n", counted, at)
            counted = at
            values = chunk[row]
            safe = [v if i in dates else neutralise(v) for i, v in enumerate(values)]
            if safe == list(values):
                continue  # a comma inside a quoted value, or an apostrophe that needs no guard
            start = text.rfind("\n", 0, at) + 1
            end = text.index("\n", at) + 1
            pieces += [text[done:start], self._text([safe])]
            done = end
        if not pieces:
            return text
        pieces.append(text[done:])
        return "".join(pieces)


def _dates_in_iso_form(chunk: Sequence[Sequence[str]], dates: Sequence[int], good_dates: set[str]) -> bool:
    """Whether every date of the chunk is stored in its ISO form (those seen so are added to good_dates)."""
    for i in dates:
        if good_dates.issuperset(map(operator.itemgetter(i), chunk)):
            continue  # every date already seen: no set made
        unseen = set(map(operator.itemgetter(i), chunk)) - good_dates
        if unseen:
            if any(_iso_date(v) != v for v in unseen):
                return False
            good_dates |= unseen
    return True


def _field_starts(text: str) -> list[int]:
    """Where in CSV text (csv.writer's: comma-separated, quoted with double quotes) a field after the first of its
    line may start with a character the guard may apply to: the index of that character, in order. Commas inside
    quoted values may give more; none is missed."""
    return [found.end() - 1 for found in _FIELD_MAY_NEED_GUARD.finditer(text)]


def _guarded(chunk: Sequence[Sequence[str]], dates: Sequence[int],
             good_dates: set[str]) -> Sequence[Sequence[str]] | None:
    """The chunk with the formula guard applied, found by searching its values joined (each preceded by
    _SEPARATOR) for a separator followed by a character the guard may apply to (str.find, in C: a regular
    expression tried at every separator cost as much as writing the file); None when that cannot say which value
    matched (a value holding the separator) or a date is not stored in its ISO form: then _guarded_by_columns
    decides."""
    if not _dates_in_iso_form(chunk, dates, good_dates):
        return None
    width = len(chunk[0])
    text = _SEPARATOR + _SEPARATOR.join(map(_SEPARATOR.join, chunk))
    if text.count(_SEPARATOR) != width * len(chunk):
        return None
    guarded: list[Sequence[str]] | None = None
    field, counted = 0, 0
    for at in _value_starts(text):
        field += text.count(_SEPARATOR, counted, at)  # the values before this one
        counted = at
        row, column = divmod(field, width)
        if column in dates:
            continue  # an ISO date (checked above) never needs the guard
        value = chunk[row][column]
        safe = neutralise(value)
        if safe != value:
            if guarded is None:
                guarded = list(chunk)
            values = list(guarded[row])
            values[column] = safe
            guarded[row] = values
    return chunk if guarded is None else guarded


def _value_starts(text: str) -> list[int]:
    """Where in text (values each preceded by _SEPARATOR) a value starts with a character the guard may apply to:
    the index of its separator, in order. Values starting with an apostrophe are among them (neutralise decides)."""
    found: list[int] = []
    for first in _GUARD_FIRST:
        if first not in text:  # one fast pass; most of the characters are in no value of a chunk
            continue
        needle = _SEPARATOR + first
        at = text.find(needle)
        while at >= 0:
            found.append(at)
            at = text.find(needle, at + 2)
    found.sort()
    return found


def _guarded_by_columns(chunk: Sequence[Sequence[str]], dates: Sequence[int],
                        good_dates: set[str]) -> Sequence[Sequence[str]]:
    """The chunk with the formula guard applied and dates written in their ISO form, column by column."""
    columns: list[Sequence[str]] = list(zip(*chunk, strict=True))
    changed = False
    for i, column in enumerate(columns):
        if i in dates:
            unseen = set(column) - good_dates
            if unseen:
                if any(_iso_date(v) != v for v in unseen):
                    columns[i] = [_iso_date(v) if v else v for v in column]
                    changed = True
                else:
                    good_dates |= unseen
        elif _may_need_guard(column):  # in practice only phone numbers
            columns[i] = [neutralise(v) for v in column]
            changed = True
    return list(zip(*columns, strict=True)) if changed else chunk


def _may_need_guard(column: Sequence[str]) -> bool:
    """Whether a value of a column may need the formula guard: its values joined and searched once."""
    return _ANY_FORMULA_LIKE.search(_SEPARATOR + _SEPARATOR.join(column)) is not None


@functools.lru_cache(maxsize=65_536)
def _iso_date(text: str) -> str:
    """A stored date as write_students writes it (ValueError if it is not a date, as there)."""
    return dt.date.fromisoformat(text).isoformat()


def write_students_xlsx(path: Path, names: Sequence[str], rows: Iterable[Row]) -> int:
    """Rows as the export's workbook, written to path as it is (write_students makes it atomic); how many.

    An Excel workbook (one sheet, written as a stream), the record id first; dates are real dates.

    With personal fields the first row is the CUI//PRIVACY marking, then the header. A value
    Excel cannot hold (a control character, more than 32,767 characters) is refused, naming the
    student and field, rather than cut or changed. XML has no carriage return, so a line break
    stored as CR LF reads back from the workbook as Excel's own line break, LF.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

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

    personal = any(n in PERSONAL_FIELDS for n in names)
    written = 0
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Students")
    _stream_beside(sheet, Path(path).parent)
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
            written += 1
    except BaseException:
        _discard(sheet)
        _remove_stream(sheet)
        raise
    try:
        workbook.save(path)
    finally:
        _remove_stream(sheet)  # saved or not (a full disk): the streamed rows hold personal data
    return written


def _stream_beside(sheet: Any, folder: Path) -> None:
    """Have openpyxl stream the sheet into a private partial file in the target's folder, not the system
    temp folder: killed half way, it leaves an owner-only file the next start removes (files.remove_stale_partials)."""
    from openpyxl.worksheet import _writer

    from imet_desktop.files import partial_path

    temporary = partial_path(folder / "sheet.xml")
    os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    _writer.ALL_TEMP_FILES.append(str(temporary))  # openpyxl removes it after saving, and at exit
    sheet._writer = _writer.WorksheetWriter(sheet, out=str(temporary))
    sheet._writer.write_top()


def _remove_stream(sheet: Any) -> None:
    """Delete the file openpyxl streamed the sheet into, if it is still there."""
    from openpyxl.worksheet import _writer

    out = getattr(getattr(sheet, "_writer", None), "out", None)
    if isinstance(out, str):
        with contextlib.suppress(OSError):
            os.remove(out)
        with contextlib.suppress(ValueError):
            _writer.ALL_TEMP_FILES.remove(out)


def _discard(sheet: Any) -> None:
    """Close a write-only sheet abandoned halfway and delete the temporary file openpyxl streams it
    to (it may hold personal data); left open, its generator fails later when collected."""
    try:
        sheet.close()
        sheet._writer.cleanup()  # openpyxl has no public call for this
    except Exception:  # noqa: BLE001 - the original failure is the one to report
        pass
