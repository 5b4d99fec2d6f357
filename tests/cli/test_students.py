"""The roster's commands: import-students (a report line per problem; exit 0, 1 or 2; never half-imports) and
export-students (the record id first; --search as the search box)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook

from imet_desktop import cli
from imet_desktop.domain.records import Student
from imet_desktop.exchange import student_import
from imet_desktop.store.db import open_database
from imet_desktop.store.roster import count_students, student_ids
from imet_desktop.store.students import add_student
from tests.exchange.roster_data import expected_problems, people, valid_people, write_csv, write_xlsx

HEADER = "Surname,Given names,DOB,Country,Passport No,WCN,English score\n"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The office's database, new and empty (a --db that does not exist is refused without --create)."""
    path = tmp_path / "office.db"
    open_database(path).close()
    return path


def write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def students_in(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        return count_students(db)
    finally:
        db.close()


def test_a_clean_file_is_imported_whole_and_exits_0(db_path: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "good.csv", ["MENSAH,Kofi,1984-05-16,Ghana,G1,GH1,80",
                                         "OWUSU,Ama,1985-06-17,Ghana,G2,GH2,"])
    assert cli.main(["import-students", str(path), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"Imported 2 of 2 students from good.csv. (import #1 in {db_path})"]
    assert students_in(db_path) == 2


def test_rows_with_problems_are_reported_one_line_each_and_nothing_is_imported(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = people()
    path = write_xlsx(tmp_path / "sco.xlsx", rows)
    assert cli.main(["import-students", str(path), "--db", str(db_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    problems = [line for line in out if line.startswith("sco.xlsx: row ")]
    found = {(int(m[1]), m[2], m[3]) for m in (re.match(r"sco\.xlsx: row (\d+)(?: \([^)]*\))?, column '([^']*)', "
                                                        r"value '([^']*)': ", line) for line in problems) if m}
    assert found == expected_problems(rows) and len(problems) == 5
    why = {line.split(": ", 2)[2] for line in problems}
    assert {"is not a real date", "is required (a one-word name goes here)", "must be between 0 and 100",
            "is not a country the program knows (use the name or the ISO code)"} <= why
    assert out[-1] == ("Nothing was imported: 5 of 40 rows of sco.xlsx have problems. Correct them, or use "
                       "--skip-invalid to import only the valid rows.")
    assert students_in(db_path) == 0


def test_skip_invalid_imports_exactly_the_valid_rows_and_still_exits_1(db_path: Path, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    rows = people()
    path = write_csv(tmp_path / "sco.csv", rows, encoding="utf-16")
    assert cli.main(["import-students", str(path), "--db", str(db_path), "--skip-invalid"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("Imported 35 of 40 students from sco.csv; 5 rows with problems skipped.")
    db = open_database(db_path)
    try:
        wcns = {r[0] for r in db.execute("SELECT wcn FROM students")}
        names = {r[0] for r in db.execute("SELECT legal_family_name FROM students")}
    finally:
        db.close()
    assert wcns == {p.wcn for p in valid_people(rows)}
    # every script, exactly as in the file (composed: NFC)
    assert names == {unicodedata.normalize("NFC", p.family) for p in valid_people(rows)}


def test_a_dry_run_reports_and_imports_nothing(db_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "dry.csv", ["MENSAH,Kofi,1984-05-16,Ghana,G1,GH1,80", "OWUSU,Ama,not a date,Ghana,G2,GH2,"])
    assert cli.main(["import-students", str(path), "--db", str(db_path), "--dry-run"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == ["Columns of dry.csv:",
                   "  A 'Surname' -> Legal family name (legal_family_name); first value 'MENSAH'",
                   "  B 'Given names' -> Legal given names (legal_given_names); first value 'Kofi'",
                   "  C 'DOB' -> Date of birth (date_of_birth); first value '1984-05-16'",
                   "  D 'Country' -> Country (country_code); first value 'Ghana'",
                   "  E 'Passport No' -> Passport number (passport_number); first value 'G1'",
                   "  F 'WCN' -> WCN (wcn); first value 'GH1'",
                   "  G 'English score' -> ECL score (ecl_score); first value '80'",
                   "dry.csv: row 3 (OWUSU, Ama), column 'DOB', value 'not a date': is not a date (write 22 APR 2027, "
                   "2027-04-22 or 22 April 2027)",
                   "Dry run: 1 of 2 rows of dry.csv can be imported, 1 have problems; nothing was imported."]
    assert students_in(db_path) == 0
    clean = write(tmp_path / "clean.csv", ["MENSAH,Kofi,1984-05-16,Ghana,G1,GH1,80"])
    assert cli.main(["import-students", str(clean), "--db", str(db_path), "--dry-run"]) == 0
    assert students_in(db_path) == 0


def test_map_overrides_the_automatic_mapping(db_path: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "map.csv", ["MENSAH,Kofi,1984-05-16,Ghana,G1,GH1,81"])
    assert cli.main(["import-students", str(path), "--db", str(db_path), "--map", "English score=ECL",
                     "--map", "Passport No=ignore"]) == 0
    db = open_database(db_path)
    try:
        assert db.execute("SELECT ecl_score, passport_number FROM students").fetchone() == (81, "")
    finally:
        db.close()
    assert cli.main(["import-students", str(path), "--db", str(db_path), "--map", "English score=shoe size"]) == 2
    assert "'shoe size' in 'English score=shoe size' is not a student field" in capsys.readouterr().err


def test_numeric_dates_are_read_in_the_order_given(db_path: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "dates.csv", ["BERISHA,Arben,03/04/1990,Kosovo,K1,XK1,80"])
    assert cli.main(["import-students", str(path), "--db", str(db_path)]) == 1
    assert "is ambiguous: it may be 03 APR 1990 or 04 MAR 1990" in capsys.readouterr().out
    assert cli.main(["import-students", str(path), "--db", str(db_path), "--date-order", "month-first"]) == 0
    db = open_database(db_path)
    try:
        assert db.execute("SELECT date_of_birth FROM students").fetchone()[0] == "1990-03-04"
    finally:
        db.close()


@pytest.mark.parametrize(("content", "words"), [
    (None, "does not exist"),
    (b"", "empty"),
    (b"%PDF-1.7 \x00\x01\x02", "a PDF document"),
    (b"\x00\x01\x02\x03" * 100, "binary"),
])
def test_a_file_that_cannot_be_read_exits_2_with_one_line(db_path: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           content: bytes | None, words: str) -> None:
    path = tmp_path / "roster.csv"
    if content is not None:
        path.write_bytes(content)
    assert cli.main(["import-students", str(path), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("imet-desktop: error: roster.csv") and words in err[0]


def test_a_file_without_a_surname_column_exits_2(db_path: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nonames.csv"
    path.write_text("Colour,Size\nred,10\n", encoding="utf-8")
    assert cli.main(["import-students", str(path), "--db", str(db_path)]) == 2
    assert "no column is mapped to Legal family name" in capsys.readouterr().err


def test_a_failure_halfway_imports_nothing(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "half.csv", [f"F{i:04d},G,1980-01-{1 + i % 28:02d},Ghana,P{i},W{i},80"
                                         for i in range(2500)])
    real = student_import.insert_student_rows
    chunks: list[int] = []

    def insert_then_fail(db: object, batch_id: int, students: list[Student]) -> None:
        real(db, batch_id, students)  # type: ignore[arg-type]
        chunks.append(len(students))
        if len(chunks) == 2:  # 2,000 rows written, then the power goes
            raise RuntimeError("the power went")

    monkeypatch.setattr(student_import, "insert_student_rows", insert_then_fail)
    assert cli.main(["import-students", str(path), "--db", str(db_path)]) == 1
    assert "the power went" in capsys.readouterr().err
    assert students_in(db_path) == 0
    db = open_database(db_path)
    try:
        assert db.execute("SELECT count(*) FROM import_batches").fetchone()[0] == 0
    finally:
        db.close()


# --- export-students ------------------------------------------------------------------------------------

@pytest.fixture
def office(db_path: Path) -> dict[str, int]:
    db = open_database(db_path)
    try:
        return {s.legal_family_name: add_student(db, s) for s in (
            Student("NGUYỄN", "Văn Đức", native_name="Nguyễn Văn Đức", wcn="VN1", passport_number="C123"),
            Student("GYŐZŐ", "Ödön", wcn="HU1"),
            Student("=cmd|' /C calc'!A0", "Formula", wcn="XX1"),
            Student("O'BRIEN", "Seán", ito_number="ITO-IE-0042"))}
    finally:
        db.close()


def test_export_writes_every_student_with_the_record_id_first(db_path: Path, tmp_path: Path, office: dict[str, int],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "all.xlsx"
    assert cli.main(["export-students", str(out), "--db", str(db_path)]) == 0
    assert capsys.readouterr().out == f"Exported 4 students to {out}\n"
    workbook = load_workbook(out, read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    assert rows[0][0] == "Record id"
    db = open_database(db_path)
    try:
        assert [r[0] for r in rows[1:]] == list(student_ids(db))  # roster order
    finally:
        db.close()
    names = {r[1] for r in rows[1:]}
    assert {"NGUYỄN", "GYŐZŐ", "O'BRIEN", "'=cmd|' /C calc'!A0"} == names  # the formula is neutralised


@pytest.mark.parametrize("typed", ["nguyen", "gyozo", "ITO-IE-0042", "o'brien", "Nguyễn Văn"])
def test_export_search_matches_exactly_as_the_search_box(db_path: Path, tmp_path: Path, office: dict[str, int],
                                                         typed: str) -> None:
    out = tmp_path / "found.csv"
    assert cli.main(["export-students", str(out), "--db", str(db_path), "--search", typed]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        ids = [int(r[0]) for r in list(csv.reader(f))[1:]]
    db = open_database(db_path)
    try:
        assert ids == list(student_ids(db, search=typed)) and len(ids) == 1
    finally:
        db.close()


def test_export_with_personal_data_is_marked(db_path: Path, tmp_path: Path, office: dict[str, int],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cui.csv"
    assert cli.main(["export-students", str(out), "--db", str(db_path), "--include-personal"]) == 0
    assert "(marked CUI//PRIVACY: it holds personal data)" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "CUI//PRIVACY"


@pytest.mark.parametrize(("name", "words"), [("out.txt", "choose a file ending in .csv or .xlsx"),
                                             ("missing/out.csv", "does not exist")])
def test_export_to_a_wrong_target_exits_2(db_path: Path, tmp_path: Path, office: dict[str, int], name: str,
                                          words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export-students", str(tmp_path / name), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and words in err[0]


def test_export_from_a_database_that_does_not_exist_exits_2(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export-students", str(tmp_path / "x.csv"), "--db", str(tmp_path / "none.db")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_the_installed_command_runs(db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "one.csv", ["MENSAH,Kofi,1984-05-16,Ghana,G1,GH1,80"])
    done = subprocess.run([sys.executable, "-m", "imet_desktop", "import-students", str(path), "--db", str(db_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Imported 1 of 1 students from one.csv.")
    assert "PySide6" not in done.stderr


def test_a_column_with_values_that_feeds_no_field_stops_the_import_with_the_map_hint(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sco.csv"
    path.write_text("LAST NAME,FIRST/MIDDLE NAMES,Shoe size,Blank\nMENSAH,Kofi Atta,44,\nOWUSU,Ama,38,\n",
                    encoding="utf-8")
    assert cli.main(["import-students", str(path), "--db", str(db_path)]) == 2
    captured = capsys.readouterr()
    assert "sco.csv: column C 'Shoe size' (row 2: '44') feeds no field; map it with --map \"Shoe size=FIELD\" " \
           "or leave it out with --map \"Shoe size=ignore\"" in captured.err
    assert "Blank" not in captured.err  # an empty column may be skipped silently
    assert "1 column with values feeds no field; nothing was imported" in captured.err
    assert students_in(db_path) == 0
    assert cli.main(["import-students", str(path), "--db", str(db_path), "--map", "Shoe size=ignore"]) == 0
    db = open_database(db_path)
    try:
        assert db.execute("SELECT legal_family_name, legal_given_names FROM students ORDER BY id").fetchall() == [
            ("MENSAH", "Kofi Atta"), ("OWUSU", "Ama")]
    finally:
        db.close()


def test_a_dry_run_names_the_undecided_column_and_warns_of_missing_needed_fields(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sco.csv"
    path.write_text("Surname,Favourite colour\nMENSAH,blue\n", encoding="utf-8")
    assert cli.main(["import-students", str(path), "--db", str(db_path), "--dry-run"]) == 2
    captured = capsys.readouterr()
    assert "  B 'Favourite colour' -> FEEDS NO FIELD (map it or ignore it); first value 'blue'" in captured.out
    assert "sco.csv: warning: no column feeds Country: the roster needs it" in captured.out
    assert "sco.csv: warning: no column feeds Date of birth: the roster needs it" in captured.out


def test_windows_1252_is_refused_naming_the_line_unless_the_encoding_is_given(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "old.csv"
    path.write_bytes("Surname,Given names\nMÜLLER,Jörg\n".encode("cp1252"))
    assert cli.main(["import-students", str(path), "--db", str(db_path)]) == 2
    assert "old.csv, line 2: byte 2 (0xDC) is not UTF-8 text" in capsys.readouterr().err
    assert cli.main(["import-students", str(path), "--db", str(db_path), "--encoding", "windows-1252"]) == 0
    db = open_database(db_path)
    try:
        assert db.execute("SELECT legal_family_name, legal_given_names FROM students").fetchall() == [
            ("MÜLLER", "Jörg")]
    finally:
        db.close()


def test_hostile_values_are_reported_by_code_point_and_never_written_raw(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hostile.csv"
    path.write_text('Surname,Given names,ECL\nKIM\x1b[2J,Min,80\n"LEE\nPARK",Ji,80\n\u200b\u200b,Su,80\n'
                    "AB\u202eCD,Yu,80\nCHO,Hye," + "9" * 400 + "\n", encoding="utf-8")
    assert cli.main(["import-students", str(path), "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\u200b" not in out
    assert "U+001B (ESCAPE)" in out
    assert "U+000A (LINE FEED)" in out
    assert "U+200B (ZERO WIDTH SPACE)" in out
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in out
    # the name with a line break is one spreadsheet row
    assert "row 6 (CHO, Hye), column 'ECL'" in out and "must be a whole number from 0 to 100" in out
    assert students_in(db_path) == 0


def test_an_import_into_a_damaged_database_is_refused_before_anything_is_written(
        db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The quick check runs beside the planning (on a thread of its own); the import waits for it before
    its first write and refuses a damaged file, as it did when the check ran first."""
    from tests.cli.test_records import an_office, damage

    an_office(db_path)
    damage(db_path)
    before = db_path.read_bytes()
    path = write(tmp_path / "few.csv", [f"F{i:04d},G,1980-01-{1 + i % 28:02d},Ghana,P{i},W{i},80" for i in range(20)])
    assert cli.main(["import-students", str(path), "--db", str(db_path)]) == 2
    assert "is damaged" in capsys.readouterr().err
    assert db_path.read_bytes() == before
