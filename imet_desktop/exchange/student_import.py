"""Importing students from a table: a plan that names every problem by row, column and value,
then one transaction that imports all the valid rows, or nothing."""

from __future__ import annotations

import datetime as dt
import itertools
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from imet_desktop.domain.errors import Cancelled
from imet_desktop.domain.names import name_key
from imet_desktop.domain.progress import Progress, no_progress
from imet_desktop.domain.records import Student
from imet_desktop.domain.text_checks import visible
from imet_desktop.domain.validation import STUDENT_FIELD_LABELS
from imet_desktop.exchange.errors import ImportRefusedError, MappingError, column_letter
from imet_desktop.exchange.mapping import ColumnMapping, apply_overrides, auto_map
from imet_desktop.exchange.reading import Table, TableRow, read_table
from imet_desktop.exchange.student_rows import (
    AMBIGUOUS_DATE,
    NEEDED_FIELDS,
    RowConverter,
    RowProblem,
    row_name,
)
from imet_desktop.store.db import write
from imet_desktop.store.duplicates import ExistingStudent, FileKeys, students_matching
from imet_desktop.store.imports import (
    batch_duplicates,
    batch_student_rows,
    begin_batch,
    bulk_students,
    finish_batch,
    insert_student_rows,
    record_first_statuses,
    student_from_import_values,
    student_import_values,
    temporary_storage_in_memory,
)

BATCH_KIND = "students"
# Rows converted, checked against the database (one set of index lookups) and inserted together.
CHECK_BATCH_ROWS = 1_000
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
    """The rows an import would bring in, each converted once while the plan was made and kept, as it will be
    written, in a private temporary database (never all in memory); len() is how many there are."""

    def __init__(self, kept: FileKeys, count: int) -> None:
        self._kept = kept
        self._count = count
        weakref.finalize(self, kept.close)  # the temporary database goes with the plan

    def __iter__(self) -> Iterator[PlannedRow]:
        for chunk in self._kept.kept_rows():
            for number, values in chunk:
                yield PlannedRow(number, student_from_import_values(values))

    def chunks(self, size: int = CHECK_BATCH_ROWS) -> Iterator[list[tuple[int, tuple[object, ...]]]]:
        """The rows as they are written, in file order and lists of up to size: (row number, column values)."""
        return self._kept.kept_rows(size)

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
    planner = RowConverter(table, mapping, day_first, today)
    undecided = {i: h for i, h in enumerate(table.headers) if mapping.columns.get(h) is None}
    samples: dict[int, UndecidedColumn] = {}
    seen = _Seen()
    all_problems: list[RowProblem] = []
    total = 0
    batch: list[_Converted] = []

    def check(batch: list[_Converted]) -> None:
        names = _check_duplicates(db, planner, batch, seen)
        all_problems.extend(p for *_, problems in batch for p in problems)
        # A row is refused only for itself or an earlier row: what passed now is final, kept as it will be written.
        seen.keys.keep_rows([(number, student_import_values(student, None if name is None else name[0]))
                             for (number, student, _raw, problems), name in zip(batch, names, strict=True)
                             if not problems])
        batch.clear()

    def convert(rows: list[TableRow]) -> None:
        batch.extend((row.number, *converted) for row, converted in zip(rows, planner.convert_rows(rows), strict=True))
        rows.clear()
        check(batch)

    try:
        rows: list[TableRow] = []
        for row in table.rows:
            total += 1
            rows.append(row)
            if len(samples) < len(undecided):
                for i in [i for i in undecided if i not in samples]:
                    cell = row.cells[i]
                    text = cell.isoformat() if isinstance(cell, dt.date) else cell.strip()
                    if text:
                        samples[i] = UndecidedColumn(undecided[i], i + 1, row.number, visible(text)[:60])
            if len(rows) >= CHECK_BATCH_ROWS:
                convert(rows)
        convert(rows)
    except BaseException:
        seen.close()
        raise
    order = planner.column_order
    all_problems.sort(key=lambda p: (p.row, order.get(p.column, len(order))))
    refused = frozenset(p.row for p in all_problems)
    warnings = tuple(f"no column feeds {STUDENT_FIELD_LABELS[name]}: the roster needs it; the students will be "
                     "imported without it" for name in NEEDED_FIELDS if name not in mapping.mapped_fields)
    return ImportPlan(table.file_name, mapping, PlannedRows(seen.keys, total - len(refused)), tuple(all_problems),
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

    def load(self, students: Sequence[Student], names: Sequence[tuple[str, str] | None]) -> None:
        keys = [_key_text(k) for k in names if k is not None]
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


def _check_duplicates(db: Database, planner: RowConverter, converted: Sequence[_Converted], seen: _Seen
                      ) -> list[tuple[str, str] | None]:
    """Add a problem to each row that repeats an earlier row of the file or a student in the database
    (one batch of rows: the database is asked once per batch, by index lookups). Returns each row's
    (name key, date of birth), None where it has no name or date of birth."""
    students = [s for _, s, _, _ in converted]
    names = [_name_key(s) for s in students]  # each row's name key, worked out once
    seen.load(students, names)
    seen_names, seen_passports, seen_wcns = seen.names, seen.passports, seen.wcns
    existing = _existing_index(db, students, names)
    header = planner.header_of
    for (number, student, raw, problems), name in zip(converted, names, strict=True):
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
        problems.extend(_database_problems(number, student, name, raw, header, existing))
    seen.store()
    return names


_Existing = tuple[dict[tuple[str, str], ExistingStudent], dict[str, ExistingStudent], dict[str, ExistingStudent]]


def _existing_index(db: Database, students: Sequence[Student], names: Sequence[tuple[str, str] | None]) -> _Existing:
    matches = students_matching(
        db,
        names=[key for key in names if key is not None],
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


def _database_problems(number: int, student: Student, key: tuple[str, str] | None, raw: dict[str, str],
                       header: dict[str, str], existing: _Existing) -> list[RowProblem]:
    by_name, by_passport, by_wcn = existing
    found: list[RowProblem] = []
    if not ((key is not None and key in by_name) or student.passport_number in by_passport
            or student.wcn in by_wcn):
        return found
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


def _conflicts(db: Database, plan: ImportPlan, batch_id: int) -> list[RowProblem]:
    """The rows just written that repeat a student the database gained since the preview, as problems."""
    found = batch_duplicates(db, batch_id)
    if not found:
        return []
    ids = batch_student_rows(db, batch_id)
    numbers = [number for chunk in plan.rows.chunks() for number, _values in chunk]
    row_of = dict(zip(ids, numbers, strict=True))
    header = {name: (plan.mapping.headers_for(name) or [STUDENT_FIELD_LABELS[name]])[0]
              for name in STUDENT_FIELD_LABELS}
    problems: list[RowProblem] = []
    reported: set[tuple[int, str]] = set()
    for d in found:
        if (d.student_id, d.kind) in reported:
            continue  # the first student it repeats is named
        reported.add((d.student_id, d.kind))
        number, person = row_of[d.student_id], row_name({"legal_family_name": d.legal_family_name})
        if d.kind == "name":
            why = ("same legal name and date of birth as " if _same_spelling(
                d.legal_family_name, d.legal_given_names, d.other.legal_family_name, d.other.legal_given_names)
                else "likely a duplicate (same date of birth, the name spelled another way): ")
            problems.append(RowProblem(number, header["legal_family_name"], d.legal_family_name,
                                       why + _described(d.other), person))
        elif d.kind == "passport":
            problems.append(RowProblem(number, header["passport_number"], d.passport_number,
                                       "same passport number as " + _described(d.other), person))
        else:
            problems.append(RowProblem(number, header["wcn"], d.wcn, "same WCN as " + _described(d.other), person))
    return problems


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
        with temporary_storage_in_memory(db), write(db):
            # Recording the batch first takes the write lock, so the check below sees every
            # student another clerk may have added since the preview.
            batch_id = begin_batch(db, kind=BATCH_KIND, file_name=file_name, mapping_json=plan.mapping.to_json(),
                                   rows_total=plan.rows_total)
            with bulk_students(db, batch_id):
                for chunk in plan.rows.chunks(CHECK_BATCH_ROWS):
                    insert_student_rows(db, batch_id, [values for _number, values in chunk])
                    done += len(chunk)
                    progress(done, total, f"Imported {done:,} of {total:,} students…")
                conflicts = _conflicts(db, plan, batch_id)
                if conflicts:
                    raise ImportRefusedError(
                        "nothing was imported: the database changed since the preview and now holds students "
                        "this file repeats; preview the file again", conflicts)
                record_first_statuses(db, batch_id, effective=today, note=f"imported from {file_name}")
            finish_batch(db, batch_id, rows_total=plan.rows_total, rows_imported=done,
                         rows_rejected=plan.rows_total - done)
    except Cancelled:
        return ImportResult(file_name, None, plan.rows_total, 0, plan.rows_total, cancelled=True)
    return ImportResult(file_name, batch_id, plan.rows_total, done, plan.rows_total - done)
