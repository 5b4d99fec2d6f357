"""A clerk imports a spreadsheet export of 40 students with a few bad rows, in every form it comes in."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.domain.errors import Cancelled
from imet_desktop.domain.records import Student
from imet_desktop.exchange.errors import ImportRefusedError, MappingError, ReadError
from imet_desktop.exchange.mapping import auto_map
from imet_desktop.exchange.reading import MAX_FILE_BYTES, read_table
from imet_desktop.exchange.student_import import (
    ImportPlan,
    plan_import,
    plan_import_file,
    run_import,
)
from imet_desktop.exchange.student_rows import parse_import_date
from imet_desktop.store.imports import list_batches
from imet_desktop.store.roster import count_students
from imet_desktop.store.students import add_student, get_student, status_history
from tests.exchange import roster_data
from tests.exchange.roster_data import Person

Writer = Callable[[Path], tuple[Path, list[Person]]]

VARIANTS: dict[str, Writer] = {
    "utf8": lambda d: (roster_data.write_csv(d / "roster.csv", roster_data.people()), roster_data.people()),
    "utf8-bom": lambda d: (roster_data.write_csv(d / "roster.csv", roster_data.people(), encoding="utf-8-sig"),
                           roster_data.people()),
    "utf16": lambda d: (roster_data.write_csv(d / "roster.csv", roster_data.people(), encoding="utf-16"),
                        roster_data.people()),
    "windows-1252": lambda d: (roster_data.write_csv(d / "roster.csv", roster_data.cp1252_people(),
                                                     encoding="cp1252"), roster_data.cp1252_people()),
    "semicolon": lambda d: (roster_data.write_csv(d / "roster.csv", roster_data.people(), delimiter=";"),
                            roster_data.people()),
    "tab": lambda d: (roster_data.write_csv(d / "roster.txt", roster_data.people(), delimiter="\t"),
                      roster_data.people()),
    "xlsx": lambda d: (roster_data.write_xlsx(d / "roster.xlsx", roster_data.people()), roster_data.people()),
}


@pytest.fixture(params=list(VARIANTS))
def export_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, list[Person]]:
    """The office's 40-student export in one of the forms it arrives in."""
    return VARIANTS[request.param](tmp_path)


def _blob(db: Database, column: str, passport: str) -> bytes:
    row = db.execute(f"SELECT CAST({column} AS BLOB) FROM students WHERE passport_number = ?", [passport]).fetchone()
    return bytes(row[0]) if row[0] is not None else b""


def _nfc(text: str) -> bytes:
    """A name as the import stores it: composed (NFC), every letter kept."""
    return unicodedata.normalize("NFC", text).encode("utf-8")


def _encoding(path: Path) -> str | None:
    """Windows-1252 is read only when the clerk names it."""
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None if path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff") else "windows-1252"
    return None


def test_the_plan_names_exactly_the_bad_rows(db: Database, export_file: tuple[Path, list[Person]]) -> None:
    path, people = export_file
    plan = plan_import_file(db, path, encoding=_encoding(path))
    assert {(p.row, p.column, p.value) for p in plan.problems} == roster_data.expected_problems(people)
    assert plan.rows_total == len(people)
    assert plan.rows_valid == len(roster_data.valid_people(people))
    assert plan.rows_rejected == 5
    assert count_students(db) == 0  # planning writes nothing


def test_the_plan_says_why_each_row_is_wrong(db: Database, tmp_path: Path) -> None:
    plan = plan_import_file(db, roster_data.write_csv(tmp_path / "roster.csv", roster_data.people()))
    why = {p.column: p.message for p in plan.problems}
    assert why["Arrival"] == "is not a real date"
    assert "not a country" in why["Country"]
    assert why["ECL"] == "must be between 0 and 100"
    assert why["Surname"].startswith("is required")
    assert why["Passport No"] == "same passport number as row 28"
    assert str(plan.problems[0]) == "row 24 (O'Brien, Seán), Arrival '31 FEB 2026': is not a real date"


def test_importing_the_valid_rows_keeps_every_name_byte_for_byte(
        db: Database, export_file: tuple[Path, list[Person]]) -> None:
    path, people = export_file
    plan = plan_import_file(db, path, encoding=_encoding(path))
    result = run_import(db, plan, path.name, skip_invalid=True)
    valid = roster_data.valid_people(people)
    assert (result.rows_imported, result.rows_rejected, result.cancelled) == (len(valid), 5, False)
    assert count_students(db) == len(valid)
    for person in valid:
        assert _blob(db, "legal_family_name", person.passport) == _nfc(person.family)
        assert _blob(db, "legal_given_names", person.passport) == _nfc(person.given)
        assert _blob(db, "native_name", person.passport) == _nfc(person.native)
        student_id = db.execute("SELECT id FROM students WHERE passport_number = ?", [person.passport]).fetchone()[0]
        student = get_student(db, student_id)
        assert student.date_of_birth == roster_data.dob_date(person.dob)
        assert student.wcn == person.wcn
    bad_passports = [p.passport for p in people if p.problem and p.problem[0] != "Passport No"]
    marks = ",".join("?" * len(bad_passports))
    assert not db.execute(f"SELECT count(*) FROM students WHERE passport_number IN ({marks})",
                          bad_passports).fetchone()[0]


def test_importing_a_roster_with_bad_rows_without_skipping_imports_nothing(
        db: Database, export_file: tuple[Path, list[Person]]) -> None:
    path, _ = export_file
    plan = plan_import_file(db, path, encoding=_encoding(path))
    with pytest.raises(ImportRefusedError, match="nothing was imported: 5 of") as refused:
        run_import(db, plan, path.name, skip_invalid=False)
    assert len(refused.value.problems) == 5
    assert count_students(db) == 0
    assert list_batches(db) == []


def test_the_import_is_recorded_as_a_batch_with_history_and_audit(db: Database, tmp_path: Path) -> None:
    path = roster_data.write_csv(tmp_path / "roster.csv", roster_data.people())
    plan = plan_import_file(db, path, encoding=_encoding(path))
    result = run_import(db, plan, "roster.csv", skip_invalid=True, today=dt.date(2026, 11, 2))
    [batch] = list_batches(db)
    assert batch.id == result.batch_id
    assert (batch.kind, batch.file_name, batch.rows_total, batch.rows_imported, batch.rows_rejected) == \
        ("students", "roster.csv", 40, 35, 5)
    assert batch.finished_at is not None and batch.undone_at is None
    assert batch.mapping == json.loads(plan.mapping.to_json())
    assert batch.mapping["Surname"] == "legal_family_name"
    ids = [r[0] for r in db.execute("SELECT id FROM students WHERE import_batch_id = ?", [batch.id])]
    assert len(ids) == 35
    history = status_history(db, ids[0])
    assert [(h.status, h.effective_date, h.note) for h in history] == \
        [("Projected", dt.date(2026, 11, 2), "imported from roster.csv")]
    [audit] = list(db.query("SELECT * FROM audit_log WHERE table_name = 'import_batches'"))
    assert (audit["row_id"], audit["action"]) == (batch.id, "import")
    assert json.loads(audit["details"])["rows_imported"] == 35
    assert result.message == "Imported 35 of 40 students from roster.csv; 5 rows with problems skipped."


def test_a_clean_file_imports_without_skipping(db: Database, tmp_path: Path) -> None:
    people = roster_data.valid_people(roster_data.people())
    plan = plan_import_file(db, roster_data.write_csv(tmp_path / "clean.csv", people))
    assert plan.problems == ()
    result = run_import(db, plan, "clean.csv", skip_invalid=False)
    assert result.rows_imported == count_students(db) == 35


# --- files that cannot be read import nothing ---------------------------------------------------


def _unreadable_files(tmp_path: Path) -> dict[str, Path]:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    big_cell = tmp_path / "big_cell.csv"
    big_cell.write_text("Surname,Notes\nKim," + "x" * 1_000_000 + "\n", encoding="utf-8")
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"Column {i}" for i in range(5_000)) + "\n" + ",".join("x" * 5_000) + "\n")
    return {"binary": binary, "empty": empty, "50 MB": huge, "1 MB cell": big_cell, "5,000 columns": wide}


@pytest.mark.parametrize("kind, message", [
    ("binary", "is a PNG image, not a CSV or XLSX file"),
    ("empty", "empty.csv: is empty"),
    ("50 MB", "is 50.0 MB (52,428,801 bytes); the limit is 50 MB (52,428,800 bytes)"),
    ("1 MB cell", "row 2, column B ('Notes'): a cell is longer than 100,000 characters"),
    ("5,000 columns", "has 5,000 columns; the limit is 500"),
])
def test_a_file_that_cannot_be_read_gives_a_clear_message_and_imports_nothing(
        db: Database, tmp_path: Path, kind: str, message: str) -> None:
    path = _unreadable_files(tmp_path)[kind]
    with pytest.raises(ReadError) as refused:
        plan_import_file(db, path)
    assert message in str(refused.value)
    assert count_students(db) == 0
    assert list_batches(db) == []


def test_a_file_locked_by_another_program_gives_a_clear_message(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = roster_data.write_csv(tmp_path / "roster.csv", roster_data.people())
    from imet_desktop.exchange import reading

    def locked(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    # Tests run as root, so chmod 000 would not stop them: simulate the lock instead.
    monkeypatch.setattr(reading, "open", locked, raising=False)
    with pytest.raises(ReadError, match=r"roster\.csv: cannot be opened: it is open in another program"):
        plan_import_file(db, path)
    assert count_students(db) == 0


# --- dates ----------------------------------------------------------------------------------------


def _arrivals(tmp_path: Path, *values: str) -> Path:
    lines = ["Surname,Arrival"] + [f"Student{i},{v}" for i, v in enumerate(values)]
    path = tmp_path / "arrivals.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _arrival_dates(plan: ImportPlan) -> list[dt.date | None]:
    return [r.student.arrival_date for r in plan.rows]


def test_dates_in_the_office_forms_are_read(db: Database, tmp_path: Path) -> None:
    plan = plan_import_file(db, _arrivals(tmp_path, "05 JUN 2026", "5-Jun-2026", "2026-06-05", "5 June 2026",
                                          "25/12/2026", "12/25/2026", "03/03/2026"))
    assert plan.problems == ()
    assert _arrival_dates(plan) == [dt.date(2026, 6, 5)] * 4 + [dt.date(2026, 12, 25)] * 2 + [dt.date(2026, 3, 3)]


def test_an_ambiguous_date_is_a_problem_until_the_clerk_picks_the_order(db: Database, tmp_path: Path) -> None:
    path = _arrivals(tmp_path, "05 JUN 2026", "03/04/2026")
    plan = plan_import_file(db, path, encoding=_encoding(path))
    [problem] = plan.problems
    assert (problem.row, problem.column, problem.value) == (3, "Arrival", "03/04/2026")
    assert problem.message.startswith("is ambiguous: it may be 03 APR 2026 or 04 MAR 2026")
    assert plan.has_ambiguous_dates
    assert _arrival_dates(plan_import_file(db, path, day_first=True)) == [dt.date(2026, 6, 5), dt.date(2026, 4, 3)]
    assert _arrival_dates(plan_import_file(db, path, day_first=False)) == [dt.date(2026, 6, 5), dt.date(2026, 3, 4)]


def test_a_date_impossible_in_the_chosen_order_is_a_problem(db: Database, tmp_path: Path) -> None:
    plan = plan_import_file(db, _arrivals(tmp_path, "25/12/2026"), day_first=False)
    [problem] = plan.problems
    assert problem.message == "is not a real date in month/day/year order"


@pytest.mark.parametrize("text, message", [
    ("31 FEB 2026", "is not a real date"),
    ("31/02/2026", "is not a real date"),
    ("13/13/2026", "is not a real date"),
    ("5 Jux 2026", "has no month called 'Jux'"),
    ("next week", "is not a date"),
    ("03/04/26", "is not a date"),
])
def test_dates_that_are_not_dates_are_problems(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_import_date(text, None)


def test_real_date_cells_from_excel_are_kept(db: Database, tmp_path: Path) -> None:
    path = roster_data.write_xlsx(tmp_path / "roster.xlsx", roster_data.people())
    table = read_table(path)
    assert table.rows[0].cells[3] == dt.date(1975, 1, 13)
    assert not isinstance(table.rows[0].cells[3], dt.datetime)


# --- names, columns and duplicates ---------------------------------------------------------------


def test_names_are_only_trimmed_never_cleaned(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Surname,Given names\n"
                    "\"  de la Cruz\t\",\" Juan  Carlos \"\n"
                    "\u00a0MÜLLER-Lüdenscheidt\u00a0,jürgen\n"
                    "N\u0303u\u00f1ez,O\u2019Neil\n", encoding="utf-8")
    plan = plan_import_file(db, path, encoding=_encoding(path))
    names = [(r.student.legal_family_name, r.student.legal_given_names) for r in plan.rows]
    assert names == [("de la Cruz", "Juan  Carlos"), ("MÜLLER-Lüdenscheidt", "jürgen"),
                     ("\u00d1u\u00f1ez", "O\u2019Neil")]  # stored composed (NFC), the letters unchanged


def test_first_and_middle_names_are_joined_into_the_given_names(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "split.csv"
    path.write_text("Middle names,LAST_NAME,First name\nVăn,Nguyễn,Đức\n,Sukarno,\nAnne,Smith,Mary\n",
                    encoding="utf-8")
    plan = plan_import_file(db, path, encoding=_encoding(path))
    assert [(r.student.legal_family_name, r.student.legal_given_names) for r in plan.rows] == \
        [("Nguyễn", "Đức Văn"), ("Sukarno", ""), ("Smith", "Mary Anne")]


def test_coded_fields_are_read_in_the_usual_spellings(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("Surname,Gender,Funding,Status,Country,ECL score\n"
                    "A,male,imet,arrived,kor,80\nB,F,Section 333,,de,85.0\n", encoding="utf-8")
    plan = plan_import_file(db, path, encoding=_encoding(path))
    assert plan.problems == ()
    a, b = (r.student for r in plan.rows)
    assert (a.sex, a.funding_program, a.status, a.country_code, a.ecl_score) == ("M", "IMET", "Arrived", "KR", 80)
    assert (b.sex, b.funding_program, b.status, b.country_code, b.ecl_score) == ("F", "Sec 333", "Projected", "DE", 85)


def test_values_that_break_the_rules_are_problems_with_their_column(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "rules.csv"
    path.write_text("Surname,Sex,Funding,ECL,Email,DOB\n"
                    "A,X,Grant,eighty,not-an-email,2030-01-01\n", encoding="utf-8")
    plan = plan_import_file(db, path, today=dt.date(2026, 11, 28))
    assert {(p.column, p.value) for p in plan.problems} == {
        ("Sex", "X"), ("Funding", "Grant"), ("ECL", "eighty"), ("Email", "not-an-email"), ("DOB", "2030-01-01")}


def test_duplicates_inside_the_file_are_problems_on_the_later_row(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "dups.csv"
    path.write_text("Surname,Given names,DOB,Passport No,WCN\n"
                    "Kim,Min-jun,1990-01-15,M1,W1\n"
                    "KIM,min-jun,15 JAN 1990,M2,W2\n"
                    "Lee,Ji-ho,,M3,W1\n"
                    "Park,Ji-ho,1990-01-15,M4,W4\n", encoding="utf-8")
    plan = plan_import_file(db, path, encoding=_encoding(path))
    assert [(p.row, p.column, p.message) for p in plan.problems] == [
        (3, "Surname", "same legal name and date of birth as row 2"),
        (4, "WCN", "same WCN as row 2"),
    ]


def test_duplicates_of_students_already_in_the_database_are_problems(db: Database, tmp_path: Path) -> None:
    existing = add_student(db, Student("Kim", "Min-jun", date_of_birth=dt.date(1990, 1, 15),
                                       passport_number="M9", wcn="W9"))
    path = tmp_path / "again.csv"
    path.write_text("Surname,Given names,DOB,Passport No,WCN\n"
                    "kim,Min-jun,1990-01-15,,\nPark,So-yeon,,M9,\nLee,Ji-ho,,,W9\nChoi,Yuna,,M8,W8\n",
                    encoding="utf-8")
    plan = plan_import_file(db, path, encoding=_encoding(path))
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Surname"), (3, "Passport No"), (4, "WCN")]
    assert all(f"student #{existing} (Kim, Min-jun) already in the database" in p.message for p in plan.problems)
    assert plan.rows_valid == 1


def test_a_duplicate_added_after_the_preview_stops_the_import(db: Database, tmp_path: Path) -> None:
    plan = plan_import_file(db, roster_data.write_csv(tmp_path / "roster.csv", roster_data.people()))
    add_student(db, Student("Someone", passport_number="P0000005"))
    with pytest.raises(ImportRefusedError, match="the database changed since the preview"):
        run_import(db, plan, "roster.csv", skip_invalid=True)
    assert count_students(db) == 1
    assert list_batches(db) == []


def test_a_file_without_a_family_name_column_cannot_be_planned(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "nonames.csv"
    path.write_text("Given names,DOB\nAnna,1990-01-01\n", encoding="utf-8")
    with pytest.raises(MappingError, match="no column is mapped to Legal family name"):
        plan_import_file(db, path)
    plan = plan_import_file(db, path, overrides=["Given names=legal_family_name"])
    assert plan.rows[0].student.legal_family_name == "Anna"


def test_a_mapping_naming_columns_the_file_lacks_is_refused(db: Database, tmp_path: Path) -> None:
    table = read_table(roster_data.write_csv(tmp_path / "roster.csv", roster_data.people()))
    mapping = auto_map([*table.headers, "Family"])
    with pytest.raises(MappingError, match="columns the file does not have: 'Family'"):
        plan_import(db, table, mapping)


# --- progress, cancel, size ------------------------------------------------------------------------


def _many(tmp_path: Path, count: int) -> Path:
    lines = ["Surname,Given names,DOB,Passport No,WCN,Country,ECL"]
    for i in range(count):
        dob = dt.date(1970, 1, 1) + dt.timedelta(days=i)
        lines.append(f"Nguyễn{i},Văn Đức,{dob.isoformat()},N{i:08d},X{i:06d},VN,{i % 101}")
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cancelling_an_import_rolls_everything_back(db: Database, tmp_path: Path) -> None:
    plan = plan_import_file(db, _many(tmp_path, 2_500))
    asked: list[int] = []

    def progress(done: int, total: int | None = None, text: str = "") -> None:
        asked.append(done)
        if len(asked) >= 2:  # the clerk pressed Cancel after two chunks were written
            raise Cancelled()

    result = run_import(db, plan, "many.csv", skip_invalid=False, progress=progress)
    assert result.cancelled and result.batch_id is None and result.rows_imported == 0
    assert "nothing was imported" in result.message
    assert count_students(db) == 0
    assert list_batches(db) == []
    assert db.execute("SELECT count(*) FROM student_status_history").fetchone()[0] == 0


def test_progress_is_reported_and_a_large_import_is_whole(db: Database, tmp_path: Path) -> None:
    plan = plan_import_file(db, _many(tmp_path, 2_500))
    seen: list[tuple[int, int | None]] = []
    result = run_import(db, plan, "many.csv", skip_invalid=False,
                        progress=lambda done, total=None, text="": seen.append((done, total)))
    assert seen == [(1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]
    assert result.rows_imported == count_students(db) == 2_500
    assert db.execute("SELECT count(*) FROM student_status_history").fetchone()[0] == 2_500
    # The name search index follows the bulk insert.
    assert db.execute("SELECT count(*) FROM students_fts WHERE students_fts MATCH '\"nguyen2499\"'").fetchone()[0] == 1


def test_a_bad_value_repeated_down_a_column_is_a_problem_on_every_row(db: Database, tmp_path: Path) -> None:
    # Each column converts a value once and looks it up for later rows: every row still gets its own problem.
    path = tmp_path / "repeats.csv"
    path.write_text("Surname,Country,Arrival,ECL\n" + "".join(
        f"Student{i},Atlantis,31 FEB 2026,{'ninety' if i % 2 else '85'}\n" for i in range(4)), encoding="utf-8")
    plan = plan_import_file(db, path)
    assert [(p.row, p.column) for p in plan.problems] == [
        (row, column) for row in range(2, 6) for column in ("Country", "Arrival", "ECL") if column != "ECL" or row % 2]
    assert {p.row: p.name for p in plan.problems} == {row: f"Student{row - 2}" for row in range(2, 6)}
    assert plan.rows_valid == 0
