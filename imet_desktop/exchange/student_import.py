"""Importing students from a table: a plan that names every problem by row, column and value,
then one transaction that imports all the valid rows, or nothing."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.countries import resolve_country
from imet_desktop.domain.dates import format_date, parse_date
from imet_desktop.domain.errors import Cancelled
from imet_desktop.domain.names import name_key
from imet_desktop.domain.progress import Progress, no_progress
from imet_desktop.domain.records import FundingProgram, Student, StudentStatus
from imet_desktop.domain.text_checks import text_problems, visible
from imet_desktop.domain.validation import STUDENT_FIELD_LABELS, validate_student
from imet_desktop.exchange.errors import ImportRefusedError, MappingError, column_letter
from imet_desktop.exchange.mapping import ColumnMapping, apply_overrides, auto_map, normalise_header
from imet_desktop.exchange.reading import Cell, FormulaWithoutValue, Table, TableRow, read_table
from imet_desktop.exchange.student_export import unguard
from imet_desktop.store.db import write
from imet_desktop.store.duplicates import ExistingStudent, FileKeys, students_matching
from imet_desktop.store.imports import begin_batch, finish_batch, insert_student_rows, record_first_statuses

BATCH_KIND = "students"
# Rows converted, checked against the database (one set of index lookups) and inserted together.
CHECK_BATCH_ROWS = 1_000
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


@dataclass(frozen=True, slots=True)
class UndecidedColumn:
    """A column that holds values but feeds no field, and that the clerk has not chosen to ignore."""

    header: str
    column_number: int
    row: int  # the first row with a value
    sample: str

    @property
    def letter(self) -> str:
        """The column's spreadsheet letter."""
        return column_letter(self.column_number)

    def __str__(self) -> str:
        return (f"column {self.letter} {self.header!r} (row {self.row}: {self.sample!r}) feeds no field; map it "
                f'with --map "{self.header}=FIELD" or leave it out with --map "{self.header}=ignore"')


@dataclass(frozen=True, slots=True)
class PlannedRow:
    """A row that passed every check, as the student it will become."""

    row: int
    student: Student


class PlannedRows:
    """The rows an import would bring in, converted again from the file each time they are gone
    through (never all held at once); len() is how many there are."""

    def __init__(self, produce: Callable[[], Iterator[PlannedRow]], count: int) -> None:
        self._produce = produce
        self._count = count

    def __iter__(self) -> Iterator[PlannedRow]:
        return self._produce()

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> PlannedRow:
        if index < 0:
            index += self._count
        for row in itertools.islice(self, index, index + 1):
            return row
        raise IndexError(index)


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do: the valid rows, every problem, and the counts."""

    file_name: str
    mapping: ColumnMapping
    rows: PlannedRows
    problems: tuple[RowProblem, ...]
    rows_total: int
    day_first: bool | None = None
    undecided: tuple[UndecidedColumn, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def rows_valid(self) -> int:
        """Rows that would be imported."""
        return len(self.rows)

    @property
    def rows_rejected(self) -> int:
        """Rows with at least one problem."""
        return self.rows_total - len(self.rows)

    @property
    def problem_rows(self) -> list[int]:
        """The numbers of the rows with problems, in order."""
        return sorted({p.row for p in self.problems})

    @property
    def has_ambiguous_dates(self) -> bool:
        """Whether choosing a day/month order would settle some problems."""
        return any(p.message.startswith(AMBIGUOUS_DATE) for p in self.problems)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did."""

    file_name: str
    batch_id: int | None
    rows_total: int
    rows_imported: int
    rows_rejected: int
    cancelled: bool = False

    @property
    def message(self) -> str:
        """One line for the clerk."""
        if self.cancelled:
            return f"Import of {self.file_name} cancelled: nothing was imported."
        skipped = f"; {self.rows_rejected:,} rows with problems skipped" if self.rows_rejected else ""
        return f"Imported {self.rows_imported:,} of {self.rows_total:,} students from {self.file_name}{skipped}."


def _text(cell: Cell) -> str:
    """A cell as text, as it will be stored: surrounding whitespace trimmed, our export's formula
    guard (a "'" before = + - @) removed, and Unicode composed (NFC). Nothing else is changed."""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return unicodedata.normalize("NFC", unguard(cell.strip()))


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


class _Planner:
    """Turns rows into students, collecting every problem."""

    def __init__(self, table: Table, mapping: ColumnMapping, day_first: bool | None, today: dt.date | None) -> None:
        self.day_first = day_first
        self.today = today
        index = {h: i for i, h in enumerate(table.headers)}
        self.columns: list[tuple[str, list[int]]] = [
            (name, [index[h] for h in mapping.headers_for(name) if h in index]) for name in mapping.mapped_fields]
        self.header_of = {name: table.headers[cols[0]] for name, cols in self.columns if cols}
        self.column_order = {h: i for i, h in enumerate(table.headers)}

    def convert(self, row: TableRow) -> tuple[Student, dict[str, str], list[RowProblem]]:
        values: dict[str, Any] = {}
        raw: dict[str, str] = {}
        problems: list[RowProblem] = []

        def problem(name: str, value: str, message: str) -> None:
            problems.append(RowProblem(row.number, self.header_of.get(name, STUDENT_FIELD_LABELS.get(name, name)),
                                       value, message))

        for name, cols in self.columns:
            cells = [row.cells[i] for i in cols]
            formulas = [c for c in cells if isinstance(c, FormulaWithoutValue)]
            if formulas:
                raw[name] = ""
                problem(name, str(formulas[0]), "is a formula without a value: the file was saved without "
                                                "calculating it; open it in Excel and save it again, or type the value")
                continue
            text = " ".join(t for t in (_text(c) for c in cells) if t)
            raw[name] = text
            checks = text_problems(text, name=name in NAME_FIELDS, multiline=name in MULTILINE_FIELDS)
            if checks:
                for message in checks:
                    problem(name, text, message)
                continue
            if name in DATE_FIELDS:
                if not text:
                    values[name] = None
                    continue
                try:
                    values[name] = parse_import_date(cells[0], self.day_first)
                except ValueError as e:
                    # The messages start by quoting the value, which the problem already shows.
                    problem(name, text, str(e).removeprefix(f"'{text}' "))
            elif name == "ecl_score":
                if not text:
                    values[name] = None
                elif _WHOLE_NUMBER.match(text):
                    values[name] = int(text.split(".")[0])
                else:
                    problem(name, text, "must be a whole number from 0 to 100")
            elif name == "country_code":
                if text:
                    country = resolve_country(text)
                    if country is None:
                        problem(name, text, "is not a country the program knows (use the name or the ISO code)")
                    else:
                        values[name] = country.code
            elif name == "sex":
                values[name] = _SEXES.get(text.casefold(), text)
            elif name == "funding_program":
                values[name] = _FUNDING.get(normalise_header(text), text) if text else ""
            elif name == "status":
                values[name] = _STATUSES.get(text.casefold(), text) if text else StudentStatus.PROJECTED.value
            else:
                values[name] = text
        # A value that could not be converted was left out above, so validation does not repeat it.
        student = Student(**{"legal_family_name": "", **values})
        for p in validate_student(student, self.today):
            name = _LABEL_TO_FIELD.get(p.field, p.field)
            if name in raw and raw[name] and name not in values:
                continue  # already refused above (a character check)
            problem(name, raw.get(name, "" if p.value is None else str(p.value)), p.message)
        person = row_name(raw)
        problems = [RowProblem(p.row, p.column, shown_value(p.value), p.message, person) for p in problems]
        return student, raw, problems


def shown_value(value: str) -> str:
    """A value as a problem line shows it: invisible characters made visible, at most 100 characters."""
    shown = visible(value)
    return shown if len(shown) <= 100 else f"{shown[:60]}… ({len(value):,} characters)"


def row_name(raw: dict[str, str]) -> str:
    """The name on a row as a problem line shows it: FAMILY, Given (control characters made visible)."""
    family, given = raw.get("legal_family_name", ""), raw.get("legal_given_names", "")
    name = f"{family}, {given}" if family and given else family or given or raw.get("native_name", "")
    return visible(" ".join(name.split()))[:80]


_Converted = tuple[int, Student, dict[str, str], list[RowProblem]]


def plan_import(db: Database, table: Table, mapping: ColumnMapping, day_first: bool | None = None, *,
                today: dt.date | None = None) -> ImportPlan:
    """Check every row of a table and say what an import would do; writes nothing.

    Names (and all text) are kept exactly as typed, accents, scripts, capitals and punctuation
    included: trimming whitespace around a cell is the only change ever made. Numeric dates such
    as 03/04/2026 are read only when unambiguous (one number above 12, or both equal) or when
    day_first gives the order. A duplicate (same legal name and date of birth, same passport
    number or same WCN) of an earlier row of the file, or of a student in the database, is a
    problem on the later row; passport numbers and WCNs are compared exactly, names by
    domain.names.name_key (case, accents, ICAO spellings, apostrophes and hyphens folded).

    A column that holds a value but feeds no field, and that the clerk did not choose to
    ignore, is listed in `undecided`: such a plan cannot be imported (nothing is dropped without
    the clerk saying so). A file with no column for a field the roster needs gets a warning.
    """
    problems_found = mapping.problems()
    missing = [h for h in mapping.columns if h not in table.headers]
    if missing:
        problems_found.append("the mapping names columns the file does not have: " + ", ".join(map(repr, missing)))
    if problems_found:
        raise MappingError(problems_found)
    planner = _Planner(table, mapping, day_first, today)
    undecided = {i: h for i, h in enumerate(table.headers) if mapping.columns.get(h) is None}
    samples: dict[int, UndecidedColumn] = {}
    seen = _Seen()
    all_problems: list[RowProblem] = []
    total = 0
    batch: list[_Converted] = []

    def check(batch: list[_Converted]) -> None:
        _check_duplicates(db, planner, batch, seen)
        all_problems.extend(p for *_, problems in batch for p in problems)
        batch.clear()

    try:
        for row in table.rows:
            total += 1
            student, raw, problems = planner.convert(row)
            batch.append((row.number, student, raw, problems))
            for i in [i for i in undecided if i not in samples]:
                cell = row.cells[i]
                text = cell.isoformat() if isinstance(cell, dt.date) else cell.strip()
                if text:
                    samples[i] = UndecidedColumn(undecided[i], i + 1, row.number, visible(text)[:60])
            if len(batch) >= CHECK_BATCH_ROWS:
                check(batch)
        check(batch)
    finally:
        seen.close()
    order = planner.column_order
    all_problems.sort(key=lambda p: (p.row, order.get(p.column, len(order))))
    refused = frozenset(p.row for p in all_problems)

    def valid_rows() -> Iterator[PlannedRow]:
        for row in table.rows:
            if row.number not in refused:
                yield PlannedRow(row.number, planner.convert(row)[0])

    warnings = tuple(f"no column feeds {STUDENT_FIELD_LABELS[name]}: the roster needs it; the students will be "
                     "imported without it" for name in NEEDED_FIELDS if name not in mapping.mapped_fields)
    return ImportPlan(table.file_name, mapping, PlannedRows(valid_rows, total - len(refused)), tuple(all_problems),
                      total, day_first, tuple(samples[i] for i in sorted(samples)), warnings)


def _name_key(student: Student) -> tuple[str, str] | None:
    if student.date_of_birth is None or not student.legal_family_name:
        return None
    return name_key(student.legal_family_name, student.legal_given_names), student.date_of_birth.isoformat()


def _same_spelling(a_family: str, a_given: str, b_family: str, b_given: str) -> bool:
    return (a_family.casefold(), a_given.casefold()) == (b_family.casefold(), b_given.casefold())


class _Seen:
    """What earlier rows of the file held, for the duplicate check within the file. The keys live in
    store.duplicates.FileKeys (bounded memory); each batch loads the earlier rows it repeats into
    these dictionaries, adds its own rows, and hands the new keys back."""

    def __init__(self) -> None:
        self.keys = FileKeys()
        self.names: dict[str, tuple[int, str, str]] = {}
        self.passports: dict[str, tuple[int, str, str]] = {}
        self.wcns: dict[str, tuple[int, str, str]] = {}

    def load(self, students: Sequence[Student]) -> None:
        keys = [_key_text(k) for k in (_name_key(s) for s in students) if k is not None]
        self.names = self.keys.earlier("name", keys)
        self.passports = self.keys.earlier("passport", [s.passport_number for s in students if s.passport_number])
        self.wcns = self.keys.earlier("wcn", [s.wcn for s in students if s.wcn])
        self._loaded = (set(self.names), set(self.passports), set(self.wcns))

    def store(self) -> None:
        for kind, found, loaded in zip(("name", "passport", "wcn"), (self.names, self.passports, self.wcns),
                                       self._loaded, strict=True):
            self.keys.remember(kind, [(k, *v) for k, v in found.items() if k not in loaded])

    def close(self) -> None:
        self.keys.close()


def _key_text(key: tuple[str, str]) -> str:
    return f"{key[0]}|{key[1]}"


def _check_duplicates(db: Database, planner: _Planner, converted: Sequence[_Converted], seen: _Seen) -> None:
    """Add a problem to each row that repeats an earlier row of the file or a student in the database
    (one batch of rows: the database is asked once per batch, by index lookups)."""
    seen.load([s for _, s, _, _ in converted])
    seen_names, seen_passports, seen_wcns = seen.names, seen.passports, seen.wcns
    existing = _existing_index(db, (s for _, s, _, _ in converted))
    for number, student, raw, problems in converted:
        header = planner.header_of
        name = _name_key(student)
        key = None if name is None else _key_text(name)
        if key is not None:
            if key in seen_names:
                earlier, family, given = seen_names[key]
                other = f"{family}, {given}" if given else family
                why = (f"same legal name and date of birth as row {earlier}" if _same_spelling(
                    student.legal_family_name, student.legal_given_names, family, given)
                    else f"likely the same person as row {earlier} ({other}): same date of birth, the name "
                    "spelled another way")
                problems.append(RowProblem(number, header["legal_family_name"], raw["legal_family_name"], why,
                                           row_name(raw)))
            else:
                seen_names[key] = (number, student.legal_family_name, student.legal_given_names)
        if student.passport_number:
            if student.passport_number in seen_passports:
                problems.append(RowProblem(number, header["passport_number"], student.passport_number,
                                           f"same passport number as row {seen_passports[student.passport_number][0]}",
                                           row_name(raw)))
            else:
                seen_passports[student.passport_number] = (number, "", "")
        if student.wcn:
            if student.wcn in seen_wcns:
                problems.append(RowProblem(number, header["wcn"], student.wcn,
                                           f"same WCN as row {seen_wcns[student.wcn][0]}", row_name(raw)))
            else:
                seen_wcns[student.wcn] = (number, "", "")
        problems.extend(_database_problems(number, student, raw, header, existing))
    seen.store()


_Existing = tuple[dict[tuple[str, str], ExistingStudent], dict[str, ExistingStudent], dict[str, ExistingStudent]]


def _existing_index(db: Database, students: Iterable[Student]) -> _Existing:
    students = list(students)
    matches = students_matching(
        db,
        names=[key for key in (_name_key(s) for s in students) if key is not None],
        passport_numbers=[s.passport_number for s in students if s.passport_number],
        wcns=[s.wcn for s in students if s.wcn])
    by_name: dict[tuple[str, str], ExistingStudent] = {}
    by_passport: dict[str, ExistingStudent] = {}
    by_wcn: dict[str, ExistingStudent] = {}
    for m in matches:
        if m.date_of_birth:
            by_name.setdefault((m.name_key, m.date_of_birth), m)
        if m.passport_number:
            by_passport.setdefault(m.passport_number, m)
        if m.wcn:
            by_wcn.setdefault(m.wcn, m)
    return by_name, by_passport, by_wcn


def _described(existing: ExistingStudent) -> str:
    archived = ", archived" if existing.archived else ""
    return f"student #{existing.id} ({existing.legal_name}{archived}) already in the database"


def _database_problems(number: int, student: Student, raw: dict[str, str], header: dict[str, str],
                       existing: _Existing) -> list[RowProblem]:
    by_name, by_passport, by_wcn = existing
    found: list[RowProblem] = []
    key = _name_key(student)
    person = row_name(raw)
    if key is not None and key in by_name:
        other = by_name[key]
        why = ("same legal name and date of birth as " if _same_spelling(
            student.legal_family_name, student.legal_given_names, other.legal_family_name, other.legal_given_names)
            else "likely a duplicate (same date of birth, the name spelled another way): ")
        found.append(RowProblem(number, header["legal_family_name"], raw["legal_family_name"],
                                why + _described(other), person))
    if student.passport_number in by_passport:
        found.append(RowProblem(number, header["passport_number"], student.passport_number,
                                "same passport number as " + _described(by_passport[student.passport_number]), person))
    if student.wcn in by_wcn:
        found.append(RowProblem(number, header["wcn"], student.wcn, "same WCN as " + _described(by_wcn[student.wcn]),
                                person))
    return found


def plan_import_file(db: Database, path: Path | str, *, mapping: ColumnMapping | None = None,
                     remembered: ColumnMapping | None = None, overrides: Iterable[str] = (),
                     day_first: bool | None = None, today: dt.date | None = None,
                     encoding: str | None = None) -> ImportPlan:
    """Read a file, map its headers (given mapping, else remembered choices and guesses, then
    'Header=field' overrides) and plan the import. ReadError or MappingError when it cannot."""
    table = read_table(path, encoding)
    chosen = mapping if mapping is not None else auto_map(table.headers, remembered)
    chosen = apply_overrides(chosen, overrides)
    return plan_import(db, table, chosen, day_first, today=today)


def run_import(db: Database, plan: ImportPlan, file_name: str, *, skip_invalid: bool,
               progress: Progress = no_progress, today: dt.date | None = None) -> ImportResult:
    """Import a plan's valid rows in one transaction, recorded as an undoable batch.

    Raises ImportRefusedError (nothing written) when the plan has problems and skip_invalid is
    false, or when the database gained a duplicate since the plan was made. progress(done, total,
    text) is called after each chunk of rows; when it raises Cancelled (the clerk stopped the
    import) everything is rolled back and the result says cancelled. With skip_invalid and no valid
    row at all, the attempt is still recorded as a batch that imported nothing.
    """
    if plan.undecided:
        raise ImportRefusedError(
            f"nothing was imported: {len(plan.undecided)} column(s) of {file_name} hold values that feed no field ("
            + ", ".join(repr(u.header) for u in plan.undecided) + "); map each to a field or choose not to import it")
    if plan.problems and not skip_invalid:
        raise ImportRefusedError(
            f"nothing was imported: {plan.rows_rejected:,} of {plan.rows_total:,} rows of {file_name} have "
            "problems; correct them, or import only the valid rows", plan.problems)
    total = plan.rows_valid
    done = 0
    try:
        with write(db):
            # Recording the batch first takes the write lock, so the re-check below sees every
            # student another clerk may have added since the preview.
            batch_id = begin_batch(db, kind=BATCH_KIND, file_name=file_name, mapping_json=plan.mapping.to_json(),
                                   rows_total=plan.rows_total)
            header = {name: (plan.mapping.headers_for(name) or [STUDENT_FIELD_LABELS[name]])[0]
                      for name in STUDENT_FIELD_LABELS}
            chunks = itertools.batched(plan.rows, CHECK_BATCH_ROWS)
            conflicts: list[RowProblem] = []
            for chunk in chunks:
                students = [r.student for r in chunk]
                existing = _existing_index(db, students)
                conflicts += [p for r in chunk for p in _database_problems(
                    r.row, r.student, {"legal_family_name": r.student.legal_family_name}, header, existing)]
                if conflicts:
                    continue  # go on only to name every conflict; nothing is kept
                insert_student_rows(db, batch_id, students)
                done += len(students)
                progress(done, total, f"Imported {done:,} of {total:,} students…")
            if conflicts:
                raise ImportRefusedError(
                    "nothing was imported: the database changed since the preview and now holds students "
                    "this file repeats; preview the file again", conflicts)
            if done != total:
                raise ImportRefusedError(f"nothing was imported: {file_name} changed since the preview; preview "
                                         "it again")
            record_first_statuses(db, batch_id, effective=today, note=f"imported from {file_name}")
            finish_batch(db, batch_id, rows_total=plan.rows_total, rows_imported=done,
                         rows_rejected=plan.rows_total - done)
    except Cancelled:
        return ImportResult(file_name, None, plan.rows_total, 0, plan.rows_total, cancelled=True)
    return ImportResult(file_name, batch_id, plan.rows_total, done, plan.rows_total - done)
