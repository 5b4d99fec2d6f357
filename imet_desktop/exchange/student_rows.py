"""One row of an import file as a student: each cell converted to its field's value, every problem named by row,
column and value (and the name on the row); nothing is changed but the whitespace around a cell."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from imet_desktop.domain.countries import resolve_country
from imet_desktop.domain.dates import format_date, parse_date
from imet_desktop.domain.records import FundingProgram, Student, StudentStatus
from imet_desktop.domain.text_checks import text_problems, visible
from imet_desktop.domain.validation import STUDENT_FIELD_LABELS, validate_student
from imet_desktop.exchange.mapping import ColumnMapping, normalise_header
from imet_desktop.exchange.student_export import unguard
from imet_desktop.exchange.table import Cell, FormulaWithoutValue, Table, TableRow

DATE_FIELDS = frozenset({"date_of_birth", "passport_expiry", "arrival_date", "departure_date"})
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
# At most six digits: a 400-digit "score" is a problem line, never an overflow.
_WHOLE_NUMBER = re.compile(r"^[+-]?\d{1,6}(\.0*)?$")
# Fields that hold one person's name: one line, something visible.
NAME_FIELDS = frozenset({"legal_family_name", "legal_given_names", "display_name", "native_name", "pronunciation"})
# Fields that may hold several lines.
MULTILINE_FIELDS = frozenset({"notes", "dependents"})
# Fields the roster needs; a file without a column for one gets a warning (not a refusal).
NEEDED_FIELDS = ("country_code", "date_of_birth")
_SEXES = {"m": "M", "male": "M", "f": "F", "female": "F"}
_FUNDING = {normalise_header(f.value): f.value for f in FundingProgram} | {
    "section333": FundingProgram.SEC_333.value, "333": FundingProgram.SEC_333.value}
_STATUSES = {s.value.casefold(): s.value for s in StudentStatus}
_LABEL_TO_FIELD = {label: name for name, label in STUDENT_FIELD_LABELS.items()}
AMBIGUOUS_DATE = "is ambiguous"


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One thing wrong in the file: the row as the spreadsheet numbers it, the column, the value
    (with invisible and control characters shown as ⟨U+XXXX⟩), why, and the name on that row."""

    row: int
    column: str
    value: str
    message: str
    name: str = ""

    def __str__(self) -> str:
        where = f"row {self.row}" + (f" ({self.name})" if self.name else "") + (f", {self.column}" if self.column
                                                                                  else "")
        return f"{where} {self.value!r}: {self.message}" if self.value else f"{where}: {self.message}"


def _text(cell: Cell) -> str:
    """A cell as text, as it will be stored: surrounding whitespace trimmed, our export's formula
    guard (a "'" before = + - @) removed, and Unicode composed (NFC). Nothing else is changed."""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    text = cell.strip()
    if text.startswith("'"):
        text = unguard(text)
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def parse_import_date(cell: Cell, day_first: bool | None) -> dt.date:
    """A date cell: a real date, ISO 8601, '05 JUN 2026', '5-Jun-2026', or numeric day/month forms
    (03/04/2026) where unambiguous or where day_first says the order; ValueError says why not."""
    if isinstance(cell, dt.date):
        return cell
    text = cell.strip()
    try:
        return parse_date(text)
    except ValueError as not_named:
        match = _NUMERIC_DATE.match(text)
        if not match:
            raise not_named from None
    first, second, year = (int(g) for g in match.groups())
    if day_first is None:
        if first > 12 >= second or first == second:
            day_first = True
        elif second > 12 >= first:
            day_first = False
        elif first <= 12 and second <= 12:
            options = [format_date(dt.date(year, m, d)) for d, m in ((first, second), (second, first))]
            raise ValueError(f"{AMBIGUOUS_DATE}: it may be {options[0]} or {options[1]}; choose the "
                             "day/month order for this file")
        else:
            raise ValueError(f"'{text}' is not a real date")
    day, month = (first, second) if day_first else (second, first)
    try:
        return dt.date(year, month, day)
    except ValueError:
        order = "day/month/year" if day_first else "month/day/year"
        raise ValueError(f"'{text}' is not a real date in {order} order") from None


class RowConverter:
    """Turns rows into students, collecting every problem.

    What repeats down a file (a country's name, a report date, a funding source) is converted once
    and remembered for the file's other rows.
    """

    def __init__(self, table: Table, mapping: ColumnMapping, day_first: bool | None, today: dt.date | None) -> None:
        self.day_first = day_first
        self.today = today or dt.date.today()  # once for the file, not once a row
        index = {h: i for i, h in enumerate(table.headers)}
        self.columns: list[tuple[str, list[int]]] = [
            (name, [index[h] for h in mapping.headers_for(name) if h in index]) for name in mapping.mapped_fields]
        self.header_of = {name: table.headers[cols[0]] for name, cols in self.columns if cols}
        self.column_order = {h: i for i, h in enumerate(table.headers)}
        self._fields: list[_Field] = [(name, cols, _KINDS.get(name, _TEXT), name in NAME_FIELDS,
                                       name in MULTILINE_FIELDS, dict[str, _Outcome]()) for name, cols in self.columns]
        self._names = [name for name, _cols in self.columns]
        self._countries: dict[str, str | None] = {}
        self._fundings: dict[str, str] = {}  # the text -> the funding source it names (or the text itself)
        self._dates: dict[str, dt.date | str] = {}  # the text -> its date, or why it is not one

    def _date(self, cell: Cell) -> dt.date:
        if isinstance(cell, dt.date):
            return cell
        known = self._dates.get(cell)
        if known is None:
            try:
                known = parse_import_date(cell, self.day_first)
            except ValueError as e:
                known = str(e)
            if len(self._dates) < 100_000:
                self._dates[cell] = known
        if isinstance(known, str):
            raise ValueError(known)
        return known

    def _funding(self, text: str) -> str:
        known = self._fundings.get(text)
        if known is None:
            known = _FUNDING.get(normalise_header(text), text)
            if len(self._fundings) < 10_000:
                self._fundings[text] = known
        return known

    def _country(self, text: str) -> str | None:
        if text not in self._countries:
            country = resolve_country(text)
            self._countries[text] = None if country is None else country.code
        return self._countries[text]

    def _outcome(self, name: str, kind: int, is_name: bool, multiline: bool, text: str, cell: Cell) -> _Outcome:
        """What one cell gives its field: (the text as stored, whether a value is set, the value, the problems as
        (value, message) pairs). It depends on the field and the cell only, so a repeated cell is looked up."""
        if not (text.isprintable() and (text.isascii() or not is_name)):
            checks = text_problems(text, name=is_name, multiline=multiline)
            if checks:
                return text, False, None, tuple((text, message) for message in checks)
        elif is_name and text and text.isspace():  # printable ASCII, all spaces: let the check say so
            return text, False, None, tuple((text, message) for message in text_problems(text, name=True))
        if kind == _TEXT:
            return text, True, text, ()
        if kind == _DATE:
            if not text:
                return text, True, None, ()
            try:
                return text, True, self._date(cell), ()
            except ValueError as e:
                # The messages start by quoting the value, which the problem already shows.
                return text, False, None, ((text, str(e).removeprefix(f"'{text}' ")),)
        if kind == _ECL:
            if not text:
                return text, True, None, ()
            if _WHOLE_NUMBER.match(text):
                return text, True, int(text.split(".")[0]), ()
            return text, False, None, ((text, "must be a whole number from 0 to 100"),)
        if kind == _COUNTRY:
            if not text:
                return text, False, None, ()
            code = self._country(text)
            if code is None:
                return text, False, None, ((text, "is not a country the program knows (use the name or the ISO "
                                                  "code)"),)
            return text, True, code, ()
        if kind == _SEX:
            return text, True, _SEXES.get(text.casefold(), text), ()
        if kind == _FUNDING_KIND:
            return text, True, self._funding(text) if text else "", ()
        return text, True, _STATUSES.get(text.casefold(), text) if text else StudentStatus.PROJECTED.value, ()

    def _text_outcome(self, field: _Field, cell: str) -> _Outcome:
        """A text cell's outcome for its (one-column) field, converted once and remembered for the column."""
        name, _cols, kind, is_name, multiline, memo = field
        outcome = memo.get(cell)
        if outcome is None:
            text = cell.strip()
            if text.startswith("'"):
                text = unguard(text)
            if not text.isascii():
                text = unicodedata.normalize("NFC", text)
            outcome = self._outcome(name, kind, is_name, multiline, text, cell)
            if len(memo) < _MEMO_CELLS:
                memo[cell] = outcome
        return outcome

    def convert_rows(self, rows: Sequence[TableRow]) -> list[tuple[Student, dict[str, str], list[RowProblem]]]:
        """convert() of each row, the same results; a column at a time (each cell looked up in its column's
        outcomes in one pass), then each row put together from its outcomes."""
        names = self._names
        columns: list[list[_Outcome | None]] = []
        for field in self._fields:
            cols = field[1]
            if len(cols) != 1:
                columns.append([None] * len(rows))  # several columns feed it: convert() does the row
                continue
            i, get = cols[0], field[5].get
            cells = [r.cells[i] for r in rows]
            column = [get(c) if type(c) is str else None for c in cells]
            for j, outcome in enumerate(column):
                if outcome is None and type(cells[j]) is str:
                    column[j] = self._text_outcome(field, cells[j])  # type: ignore[arg-type]
            columns.append(column)
        converted = []
        for row, outcomes in zip(rows, zip(*columns, strict=True) if columns else [()] * len(rows), strict=True):
            if None in outcomes:
                converted.append(self.convert(row))
                continue
            raw = dict(zip(names, [o[0] for o in outcomes], strict=True))
            values = {n: o[2] for n, o in zip(names, outcomes, strict=True) if o[1]}
            found = [RowProblem(row.number, self.header_of.get(n, STUDENT_FIELD_LABELS.get(n, n)), shown, message)
                     for n, o in zip(names, outcomes, strict=True) for shown, message in o[3]]
            converted.append(self._validated(row, values, raw, found))
        return converted

    def convert(self, row: TableRow) -> tuple[Student, dict[str, str], list[RowProblem]]:
        values: dict[str, Any] = {}
        raw: dict[str, str] = {}
        problems: list[RowProblem] = []
        cells_of_row = row.cells

        def problem(name: str, value: str, message: str) -> None:
            problems.append(RowProblem(row.number, self.header_of.get(name, STUDENT_FIELD_LABELS.get(name, name)),
                                       value, message))

        for name, cols, kind, is_name, multiline, memo in self._fields:
            if len(cols) == 1:
                cell = cells_of_row[cols[0]]
                if type(cell) is str:  # the usual case: a cell seen before in this column is looked up
                    outcome = self._text_outcome((name, cols, kind, is_name, multiline, memo), cell)
                elif isinstance(cell, FormulaWithoutValue):
                    raw[name] = ""
                    problem(name, str(cell), _FORMULA_MESSAGE)
                    continue
                else:
                    outcome = self._outcome(name, kind, is_name, multiline, _text(cell), cell)
            else:
                cells = [cells_of_row[i] for i in cols]
                formulas = [c for c in cells if isinstance(c, FormulaWithoutValue)]
                if formulas:
                    raw[name] = ""
                    problem(name, str(formulas[0]), _FORMULA_MESSAGE)
                    continue
                text = " ".join(t for t in (_text(c) for c in cells) if t)
                outcome = self._outcome(name, kind, is_name, multiline, text, cells[0])
            text, has_value, value, found = outcome
            raw[name] = text
            if has_value:
                values[name] = value
            for shown, message in found:
                problem(name, shown, message)
        return self._validated(row, values, raw, problems)

    def _validated(self, row: TableRow, values: dict[str, Any], raw: dict[str, str], problems: list[RowProblem]
                   ) -> tuple[Student, dict[str, str], list[RowProblem]]:
        """The row's student, its cells as text, and its problems: the conversion's, then validation's."""
        # A value that could not be converted was left out, so validation does not repeat it.
        student = Student(**{"legal_family_name": "", **values})
        for p in validate_student(student, self.today):
            name = _LABEL_TO_FIELD.get(p.field, p.field)
            if name in raw and raw[name] and name not in values:
                continue  # already refused above (a character check)
            problems.append(RowProblem(row.number, self.header_of.get(name, STUDENT_FIELD_LABELS.get(name, name)),
                                       raw.get(name, "" if p.value is None else str(p.value)), p.message))
        if problems:
            person = row_name(raw)
            problems = [RowProblem(p.row, p.column, shown_value(p.value), p.message, person) for p in problems]
        return student, raw, problems


# One cell's outcome for its field (RowConverter._outcome); each column remembers at most this many distinct
# cells (a column of repeated values, a country, a rank, a date, is converted once per value; bounded memory).
_Outcome = tuple[str, bool, Any, tuple[tuple[str, str], ...]]
# A mapped field: its name, its columns, its kind, whether it holds a name, whether it may hold several lines, and
# its column's remembered outcomes.
_Field = tuple[str, list[int], int, bool, bool, dict[str, _Outcome]]
_MEMO_CELLS = 4_096


_TEXT, _DATE, _ECL, _COUNTRY, _SEX, _FUNDING_KIND, _STATUS = range(7)
_KINDS = {"ecl_score": _ECL, "country_code": _COUNTRY, "sex": _SEX, "funding_program": _FUNDING_KIND,
          "status": _STATUS} | dict.fromkeys(DATE_FIELDS, _DATE)


_FORMULA_MESSAGE = ("is a formula without a value: the file was saved without calculating it; open it in Excel and "
                    "save it again, or type the value")


def shown_value(value: str) -> str:
    """A value as a problem line shows it: invisible characters made visible, at most 100 characters."""
    shown = visible(value)
    return shown if len(shown) <= 100 else f"{shown[:60]}… ({len(value):,} characters)"


def row_name(raw: dict[str, str]) -> str:
    """The name on a row as a problem line shows it: FAMILY, Given (control characters made visible)."""
    family, given = raw.get("legal_family_name", ""), raw.get("legal_given_names", "")
    name = f"{family}, {given}" if family and given else family or given or raw.get("native_name", "")
    return visible(" ".join(name.split()))[:80]
