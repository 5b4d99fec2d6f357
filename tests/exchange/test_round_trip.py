"""Property: the program's own export comes back unchanged, for generated rosters in every script,
with formula-like text, our guard's own apostrophes, leading zeros, line breaks and dates.

Two levels, bounded in time: every value written by the export's own writers and read back by
the import's reader and planner (many cases, no database writes); and the whole trip, export ->
import into an empty database -> export, byte for byte except the record ids (fewer cases: the
databases are made once per module and emptied between examples)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlite_utils import Database

from imet_desktop.domain.countries import all_countries
from imet_desktop.domain.names import name_key
from imet_desktop.domain.records import FundingProgram, Student, StudentStatus
from imet_desktop.domain.text_checks import text_problems
from imet_desktop.exchange.mapping import auto_map
from imet_desktop.exchange.reading import read_table
from imet_desktop.exchange.student_export import (
    export_fields,
    neutralise,
    unguard,
    write_students_csv,
    write_students_xlsx,
)
from imet_desktop.exchange.student_import import plan_import, plan_import_file, run_import
from imet_desktop.ops.roster import export_students
from imet_desktop.store.db import open_database
from imet_desktop.store.students import add_student

# Letters, marks and digits of the scripts the office meets, and the punctuation names carry.
NAME_CHARS = st.characters(categories=["L", "M", "Nd"], include_characters=" '-.’", max_codepoint=0xD7A3)
TEXT_CHARS = st.characters(categories=["L", "M", "N", "P", "S", "Zs"], max_codepoint=0xFFFD)
CODES = sorted(c.code for c in all_countries())
TODAY = dt.date(2026, 12, 1)


def _stored(text: str) -> str:
    """Text as the import stores it: composed and trimmed."""
    return unicodedata.normalize("NFC", text).strip()


# A name starts with a letter (a name of marks alone is refused, rightly), then anything a name holds.
names = st.builds(lambda first, rest: _stored(first + rest), st.characters(categories=["L"], max_codepoint=0xD7A3),
                  st.text(NAME_CHARS, max_size=16)).filter(lambda s: not text_problems(s, name=True))
texts = st.text(TEXT_CHARS, max_size=12).map(_stored)
# formula-like values, our guard's own apostrophe, and numbers with leading zeros
tricky = st.sampled_from(["=1+1", "+1 334 555 0100", "-5", "@home", "'=x", "''+y", "'", "05123456", "007", "'05"])
field_text = st.one_of(texts, tricky)
multiline = st.lists(field_text, max_size=3).map(lambda lines: "\n".join(lines).strip())
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 11, 30))


TEXT_FIELDS = ("place_of_birth", "service", "country_rank", "us_rank", "pay_grade", "service_number", "visa_type",
               "visa_number", "phone", "fms_case_id", "ito_number", "arrival_airport", "sponsor")


# Strategies built once: building them inside the composite made each example pay for their checks.
maybe_date = st.one_of(st.none(), dates)
maybe_name = st.one_of(st.just(""), names)
days = st.one_of(st.none(), st.integers(0, 40_000))
dealt_texts = st.lists(field_text, min_size=1, max_size=3)
starts = st.integers(0, 11)
sexes = st.sampled_from(["", "M", "F"])
countries = st.sampled_from(["", *CODES])
passports = st.sampled_from(["", "0", "05", "P"])
emails = st.sampled_from(["", "kim.minjun@mail.example", "o'brien@mail.example"])
fundings = st.sampled_from(["", *(f.value for f in FundingProgram)])
scores = st.one_of(st.none(), st.integers(0, 100))
statuses = st.sampled_from([s.value for s in StudentStatus])


def _after(day: dt.date | None, offset: int | None, limit: dt.date) -> dt.date | None:
    if offset is None:
        return None
    return min((day or dt.date(1900, 1, 1)) + dt.timedelta(days=offset), limit)


@st.composite
def students(draw: st.DrawFn) -> Student:
    """A student as the database may hold one. Generating text is what costs: a few names and
    texts are drawn and dealt out over the fields, so every field meets every kind of value."""
    born = draw(maybe_date)
    arrival = _after(born, draw(days), TODAY)
    departure = None if arrival is None else _after(arrival, draw(days), dt.date(2099, 1, 1))
    family, other = draw(names), draw(maybe_name)
    texts_drawn = draw(dealt_texts)
    start = draw(starts)
    dealt = {name: texts_drawn[(i + start) % len(texts_drawn)] if (i + start) % 4 else ""
             for i, name in enumerate(TEXT_FIELDS)}
    notes = draw(multiline)
    return Student(
        legal_family_name=family, legal_given_names=other, display_name=other if start % 2 else "",
        native_name=draw(maybe_name), pronunciation=other if start % 3 == 0 else "",
        sex=draw(sexes), date_of_birth=born, country_code=draw(countries), passport_number=draw(passports),
        passport_expiry=draw(maybe_date), email=draw(emails), funding_program=draw(fundings), wcn="W",
        ecl_score=draw(scores), arrival_date=arrival, departure_date=departure, status=draw(statuses),
        dependents=notes if start % 2 else "", notes=notes, **dealt)


def _no_duplicates(roster: tuple[Student, ...]) -> bool:
    """A roster the import takes whole: no two students with one name key and date of birth."""
    keys = [(name_key(s.legal_family_name, s.legal_given_names), s.date_of_birth) for s in roster if s.date_of_birth]
    return len(set(keys)) == len(keys)


def _numbered(roster: list[Student]) -> tuple[Student, ...]:
    """Each student's passport number and WCN made unique (with leading zeros), as the import requires."""
    return tuple(dataclasses.replace(s, passport_number=f"{s.passport_number}{n:07d}", wcn=f"{s.wcn}{n:09d}")
                 for n, s in enumerate(roster))


rosters = st.lists(students(), min_size=1, max_size=3).map(_numbered).filter(_no_duplicates)


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Database, Path]]:
    folder = tmp_path_factory.mktemp("round-trip")
    ours, theirs = open_database(folder / "ours.db"), open_database(folder / "theirs.db")
    yield ours, theirs, folder
    ours.close()
    theirs.close()


SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]
NAMES = export_fields(include_personal=True)


def _row(student: Student) -> list[object]:
    """A student's values as the export reads them from the database: None as empty."""
    return ["" if getattr(student, n) is None else getattr(student, n) for n in NAMES]


def _planned(databases: tuple[Database, Database, Path], roster: tuple[Student, ...], path: Path
             ) -> list[Student]:
    table = read_table(path)
    plan = plan_import(databases[1], table, auto_map(table.headers), today=TODAY)
    assert plan.problems == () and plan.undecided == ()
    return [r.student for r in plan.rows]


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12) | tricky)
def test_the_formula_guard_comes_off_exactly_as_it_went_on(text: str) -> None:
    assert unguard(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


@settings(max_examples=400, deadline=None, suppress_health_check=SLOW_OK)
@given(roster=rosters)
def test_every_value_the_csv_export_writes_is_read_back_exactly(
        databases: tuple[Database, Database, Path], roster: tuple[Student, ...]) -> None:
    path = databases[2] / "values.csv"
    write_students_csv(path, NAMES, [(n + 1, _row(s)) for n, s in enumerate(roster)])
    assert _planned(databases, roster, path) == list(roster)


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW_OK)
@given(roster=rosters)
def test_every_value_the_xlsx_export_writes_is_read_back_exactly(
        databases: tuple[Database, Database, Path], roster: tuple[Student, ...]) -> None:
    path = databases[2] / "values.xlsx"
    write_students_xlsx(path, NAMES, [(n + 1, _row(s)) for n, s in enumerate(roster)])
    assert _planned(databases, roster, path) == list(roster)


def _empty(*dbs: Database) -> None:
    for db in dbs:
        for table in ("student_status_history", "audit_log", "students", "import_batches"):
            db.execute(f"DELETE FROM {table}")
        db.conn.commit()


def _round_trip(databases: tuple[Database, Database, Path], roster: tuple[Student, ...], suffix: str
                ) -> tuple[Path, Path]:
    ours, theirs, folder = databases
    _empty(ours, theirs)
    ids = [add_student(ours, s, today=TODAY) for s in roster]
    first, second = folder / f"first{suffix}", folder / f"second{suffix}"
    export_students(ours, ids, first, include_personal=True)
    plan = plan_import_file(theirs, first, today=TODAY)
    assert plan.problems == () and plan.undecided == ()
    assert [r.student for r in plan.rows] == list(roster)
    run_import(theirs, plan, first.name, skip_invalid=False, today=TODAY)
    again = [r[0] for r in theirs.execute("SELECT id FROM students ORDER BY id")]
    export_students(theirs, again, second, include_personal=True)
    return first, second


def _without_ids_csv(path: Path) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    return [row[1:] if n >= 2 else row for n, row in enumerate(rows)]


@settings(max_examples=40, deadline=None, suppress_health_check=SLOW_OK)
@given(roster=rosters)
def test_export_import_export_gives_the_same_csv_except_record_ids(
        databases: tuple[Database, Database, Path], roster: tuple[Student, ...]) -> None:
    first, second = _round_trip(databases, roster, ".csv")
    assert _without_ids_csv(first) == _without_ids_csv(second)
    # byte for byte once the ids are set aside: the ids are the only difference
    strip = [b",".join(line.split(b",")[1:]) for line in first.read_bytes().split(b"\r\n")]
    again = [b",".join(line.split(b",")[1:]) for line in second.read_bytes().split(b"\r\n")]
    assert strip == again


def _without_ids_xlsx(path: Path) -> list[tuple[object, ...]]:
    workbook = load_workbook(path, read_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [row[1:] if n >= 2 else row for n, row in enumerate(sheet.iter_rows(values_only=True))]
    finally:
        workbook.close()


@settings(max_examples=20, deadline=None, suppress_health_check=SLOW_OK)
@given(roster=rosters)
def test_export_import_export_gives_the_same_workbook_except_record_ids(
        databases: tuple[Database, Database, Path], roster: tuple[Student, ...]) -> None:
    first, second = _round_trip(databases, roster, ".xlsx")
    assert _without_ids_xlsx(first) == _without_ids_xlsx(second)
