"""A clerk exports students to CSV and Excel with every name intact and nothing dangerous in the cells."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlite_utils import Database

from imet_desktop import files
from imet_desktop.domain.errors import Cancelled
from imet_desktop.domain.records import Student
from imet_desktop.domain.validation import PERSONAL_FIELDS, STUDENT_FIELD_LABELS
from imet_desktop.exchange.errors import ExportError
from imet_desktop.exchange.mapping import IGNORE
from imet_desktop.exchange.student_export import CUI_MARKING, RECORD_ID_HEADER, neutralise
from imet_desktop.exchange.student_import import plan_import_file, run_import
from imet_desktop.files import FileWriteError
from imet_desktop.ops.roster import export_students
from imet_desktop.store.db import open_database
from imet_desktop.store.students import add_student
from tests.exchange import roster_data


@pytest.fixture
def roster_ids(db: Database, tmp_path: Path) -> list[int]:
    """The 35 valid students of the office's export, imported; ids newest first (order must be kept)."""
    path = roster_data.write_csv(tmp_path / "roster.csv", roster_data.people())
    run_import(db, plan_import_file(db, path), "roster.csv", skip_invalid=True)
    return [r[0] for r in db.execute("SELECT id FROM students ORDER BY id DESC")]


def _names(db: Database, ids: list[int]) -> list[tuple[str, str, str]]:
    sql = "SELECT id, legal_family_name, legal_given_names, native_name FROM students"
    rows = {r[0]: r[1:] for r in db.execute(sql)}
    return [rows[i] for i in ids]


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_csv_export_begins_with_a_bom_and_keeps_every_name(db: Database, roster_ids: list[int], tmp_path: Path) -> None:
    target = tmp_path / "students.csv"
    result = export_students(db, roster_ids, target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _read_csv(target)
    header, body = rows[0], rows[1:]
    assert header[0] == RECORD_ID_HEADER and header[1:4] == ["Legal family name", "Legal given names", "Display name"]
    assert [int(r[0]) for r in body] == roster_ids  # the order asked for, not the table's
    family, given, native = (header.index(STUDENT_FIELD_LABELS[f]) for f in
                             ("legal_family_name", "legal_given_names", "native_name"))
    assert [(r[family], r[given], r[native]) for r in body] == _names(db, roster_ids)
    assert result.rows_written == 35 and not result.personal and result.missing_ids == ()


def test_without_personal_fields_there_is_no_marking_and_no_personal_column(
        db: Database, roster_ids: list[int], tmp_path: Path) -> None:
    target = tmp_path / "students.csv"
    export_students(db, roster_ids, target)
    header = _read_csv(target)[0]
    assert CUI_MARKING not in target.read_text(encoding="utf-8-sig")
    assert not {STUDENT_FIELD_LABELS[f] for f in PERSONAL_FIELDS} & set(header)


def test_personal_fields_come_only_when_asked_and_carry_the_cui_marking(
        db: Database, roster_ids: list[int], tmp_path: Path) -> None:
    target = tmp_path / "students.csv"
    result = export_students(db, roster_ids, target, include_personal=True)
    rows = _read_csv(target)
    assert rows[0] == [CUI_MARKING]
    assert "Date of birth" in rows[1] and "Passport number" in rows[1]
    assert result.personal
    workbook_path = tmp_path / "students.xlsx"
    export_students(db, roster_ids, workbook_path, include_personal=True)
    workbook = load_workbook(workbook_path, read_only=True)
    first, second = list(workbook.active.iter_rows(min_row=1, max_row=2, values_only=True))
    workbook.close()  # a read-only workbook holds its file open until closed (a ResourceWarning at random later)
    assert first[0] == CUI_MARKING
    assert "Passport number" in second


def test_xlsx_export_reads_back_identical_names_with_real_dates(
        db: Database, roster_ids: list[int], tmp_path: Path) -> None:
    target = tmp_path / "students.xlsx"
    export_students(db, roster_ids, target, include_personal=True)
    workbook = load_workbook(target, read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    header, body = rows[1], rows[2:]
    assert [r[0] for r in body] == roster_ids
    family, given, native, birth = (header.index(STUDENT_FIELD_LABELS[f]) for f in
                                    ("legal_family_name", "legal_given_names", "native_name", "date_of_birth"))
    assert [(r[family], r[given] or "", r[native] or "") for r in body] == _names(db, roster_ids)
    assert all(isinstance(r[birth], dt.datetime) for r in body)


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"click\")", "+1-555-0100", "-2+3", "@SUM(A1)",
                                  "\t=1+1", "\r=1+1"])
def test_formula_cells_are_neutralised_with_an_apostrophe(db: Database, tmp_path: Path, text: str) -> None:
    student_id = add_student(db, Student("Smith", text, phone=text, notes=text))
    csv_target, xlsx_target = tmp_path / "s.csv", tmp_path / "s.xlsx"
    export_students(db, [student_id], csv_target)
    export_students(db, [student_id], xlsx_target)
    header, row = _read_csv(csv_target)
    for label in ("Legal given names", "Phone", "Notes"):
        assert row[header.index(label)] == "'" + text
    workbook = load_workbook(xlsx_target)
    sheet = workbook.active
    labels = [c.value for c in sheet[1]]
    for label in ("Legal given names", "Phone", "Notes"):
        cell = sheet.cell(row=2, column=labels.index(label) + 1)
        # XML has no carriage return: XLSX carries line breaks as Excel's own, a line feed.
        assert cell.value == ("'" + text).replace("\r", "\n")
        assert cell.data_type == "s"  # text, not a formula
    workbook.close()


def test_neutralise_leaves_ordinary_text_alone() -> None:
    assert neutralise("O'Brien") == "O'Brien"
    assert neutralise("Nguyễn") == "Nguyễn"
    assert neutralise("-") == "'-"


def test_export_refuses_a_folder_that_does_not_exist(db: Database, roster_ids: list[int], tmp_path: Path) -> None:
    for name in ("students.csv", "students.xlsx"):
        with pytest.raises(ExportError, match="the folder .*missing does not exist"):
            export_students(db, roster_ids, tmp_path / "missing" / name)
    assert not (tmp_path / "missing").exists()


def test_export_refuses_other_formats_and_folders(db: Database, roster_ids: list[int], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="choose a file ending in .csv or .xlsx"):
        export_students(db, roster_ids, tmp_path / "students.pdf")
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_students(db, roster_ids, tmp_path / "folder.csv")


@pytest.mark.parametrize("name", ["students.csv", "students.xlsx"])
def test_a_locked_target_gives_a_clear_message_and_leaves_the_old_file(
        db: Database, roster_ids: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    target = tmp_path / name
    target.write_bytes(b"yesterday's export")

    def locked(_temporary: object, _target: object) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(FileWriteError, match=f"cannot write {name}: it is open in another program"):
        export_students(db, roster_ids, target)
    assert target.read_bytes() == b"yesterday's export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.db", "office.db-shm", "office.db-wal",
                                                          "office.db.lock", "roster.csv", name]


def test_a_failure_while_writing_leaves_nothing_half_written(db: Database, tmp_path: Path) -> None:
    good = add_student(db, Student("Good"))
    bad = add_student(db, Student("Bad", notes="x" * 40_000))  # more than an Excel cell holds
    with pytest.raises(ExportError, match=f"student #{bad}: Notes is 40,000 characters long"):
        export_students(db, [good, bad], tmp_path / "s.xlsx")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".s.xlsx", "s.xlsx"))]


def test_students_no_longer_there_are_reported(db: Database, tmp_path: Path) -> None:
    kept = add_student(db, Student("Kept"))
    result = export_students(db, [kept, 999_999], tmp_path / "s.csv")
    assert (result.rows_written, result.missing_ids) == (1, (999_999,))


def test_a_large_export_streams_in_chunks_with_progress(db: Database, tmp_path: Path) -> None:
    ids = [add_student(db, Student(f"Student {i}")) for i in range(1_200)]
    seen: list[tuple[int, int | None]] = []
    result = export_students(db, ids, tmp_path / "s.xlsx",
                             progress=lambda done, total=None, text="": seen.append((done, total)))
    assert seen == [(500, 1_200), (1_000, 1_200), (1_200, 1_200)]
    assert result.rows_written == 1_200


def test_cancelling_an_export_writes_nothing(db: Database, tmp_path: Path) -> None:
    ids = [add_student(db, Student(f"Student {i}")) for i in range(600)]
    def cancelled(done: int, total: int | None = None, text: str = "") -> None:
        raise Cancelled()  # the clerk pressed Cancel after the first chunk

    with pytest.raises(Cancelled):
        export_students(db, ids, tmp_path / "s.csv", progress=cancelled)
    assert not [p for p in tmp_path.iterdir() if "s.csv" in p.name]


def test_an_export_with_personal_fields_imports_again_into_another_office(
        db: Database, roster_ids: list[int], tmp_path: Path) -> None:
    target = tmp_path / "students.xlsx"
    export_students(db, roster_ids, target, include_personal=True)
    other = open_database(tmp_path / "other.db")
    try:
        plan = plan_import_file(other, target)
        assert plan.problems == ()
        assert plan.mapping.columns[RECORD_ID_HEADER] == IGNORE
        run_import(other, plan, target.name, skip_invalid=False)
        ours = set(db.execute("SELECT legal_family_name, legal_given_names, native_name, date_of_birth, "
                              "passport_number, country_code FROM students").fetchall())
        theirs = set(other.execute("SELECT legal_family_name, legal_given_names, native_name, date_of_birth, "
                                   "passport_number, country_code FROM students").fetchall())
        assert ours == theirs and len(theirs) == 35
    finally:
        other.close()


@pytest.mark.parametrize("include_personal", [False, True])
def test_the_csv_export_writes_the_same_bytes_as_the_writer_of_values(
        db: Database, tmp_path: Path, include_personal: bool) -> None:
    """The export reads the students as text and hands whole chunks to the CSV writer; the file is byte for byte
    what the writer of each value (write_students) gives: guards in any column, dates, numbers, empty values."""
    from imet_desktop.exchange.student_export import export_fields, write_students
    from imet_desktop.ops.roster import _Rows

    hostile = ["=1+1", "+1 334-555-0198", "-2", "@SUM(A1)", "'=x", "''+y", "'plain", "\tTAB", "a=b", "Ωmega", ""]
    ids = []
    for n, text in enumerate(hostile * 3):
        ids.append(add_student(db, Student(
            legal_family_name=f"FAMILY{n}", legal_given_names=text, phone=text, notes=text if n % 2 else "",
            native_name=text, ecl_score=n if n % 3 else None, date_of_birth=dt.date(1980, 1, 1 + n % 28),
            arrival_date=dt.date(2026, 5, 1) if n % 2 else None)))
    db.execute("UPDATE students SET departure_date = '2026-07-04' WHERE id = ?", [ids[0]])
    target, reference = tmp_path / "fast.csv", tmp_path / "reference.csv"
    result = export_students(db, [*ids, 999_999], target, include_personal=include_personal)
    names = export_fields(include_personal=include_personal)
    write_students(reference, names, _Rows(db, [*ids, 999_999], names, lambda *_: None))
    assert target.read_bytes() == reference.read_bytes()
    assert result.rows_written == len(ids) and result.missing_ids == (999_999,)
    body = _read_csv(target)[2 if include_personal else 1:]
    phone = _read_csv(target)[1 if include_personal else 0].index(STUDENT_FIELD_LABELS["phone"])
    assert [r[phone] for r in body[:len(hostile)]] == [neutralise(t) for t in hostile]


def test_a_column_is_searched_for_formulas_whenever_one_of_its_values_needs_the_guard() -> None:
    from imet_desktop.exchange.student_export import _may_need_guard

    names = ["Zhang", "O'Brien", "Ångström", "", "Mary Jane"]
    assert not _may_need_guard(names) and not _may_need_guard([]) and not _may_need_guard(["", ""])
    for hostile in ["=1", "+44 20", "-3", "@A1", "\t=1", "\r=1", "'=1", "''+2"]:
        assert neutralise(hostile) != hostile
        assert _may_need_guard([*names, hostile]) and _may_need_guard([hostile, *names])
    assert not _may_need_guard(["1980-01-02", "12", "'plain", " space", "a=b"])


def test_a_value_holding_the_search_separator_or_a_date_not_in_iso_form_still_gives_the_same_bytes(
        db: Database, tmp_path: Path) -> None:
    """The guard searches a chunk's values joined by a control character; a clerk's value that holds that very
    character, or a date stored as 19800102, sends the chunk column by column: the file is still the same."""
    from imet_desktop.exchange.student_export import export_fields, write_students
    from imet_desktop.ops.roster import _Rows

    ids = [add_student(db, Student(legal_family_name=f"FAMILY{n}", legal_given_names="Ann", phone=phone,
                                   notes=note, date_of_birth=dt.date(1980, 1, 2)))
           for n, (phone, note) in enumerate([("+1 334", "a\x1f=b"), ("12", "\x1f+2"), ("=3", "plain")])]
    db.execute("UPDATE students SET date_of_birth = '19800102' WHERE id = ?", [ids[2]])
    names = export_fields(include_personal=True)
    target, reference = tmp_path / "fast.csv", tmp_path / "reference.csv"
    for chosen in ([ids[0]], [ids[1]], [ids[2]], ids):
        export_students(db, chosen, target, include_personal=True)
        write_students(reference, names, _Rows(db, chosen, names, lambda *_: None))
        assert target.read_bytes() == reference.read_bytes()
    phones = [r[_read_csv(target)[1].index("Phone")] for r in _read_csv(target)[2:]]
    assert phones == ["'+1 334", "12", "'=3"]


_HOSTILE = ["", "x", "=1", "+4", "'-2", "''@", "\t", "\t=", "\r=", "a=b", "'", "a,=b", "a,+b", 'a,"=b', '"=1"',
            "x\r\n=y", "x\n+1", "=a\rb", "\x1f=", "-", ",", "Ω+", "@a,b", ",\r", "a\r"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", "x", "=1", "+4", "'-2", "''@", "\t", "\r=", "a=b", "'", "\x1f=",
                                           "\x1f", "Ω+", "-"]),
                          st.sampled_from(["", "=1", "a", "+"])), min_size=1, max_size=30))
def test_the_one_search_over_a_chunk_guards_exactly_what_the_column_by_column_guard_does(
        values: list[tuple[str, str]]) -> None:
    from imet_desktop.exchange.student_export import _guarded, _guarded_by_columns

    chunk = [(str(n), a, "1980-01-02", b) for n, (a, b) in enumerate(values)]
    fast = _guarded(chunk, [2], {""})
    expected = [tuple(r) for r in _guarded_by_columns(chunk, [2], {""})]
    if fast is None:
        assert any("\x1f" in v for row in chunk for v in row)
    else:
        assert [tuple(r) for r in fast] == expected


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("include_personal", [False, True])
def test_the_whole_roster_read_in_one_query_gives_the_same_file_as_its_ids(
        db: Database, roster_ids: list[int], tmp_path: Path, suffix: str, include_personal: bool) -> None:
    """export-students without --search reads every current student in one query: the file is the one the
    roster's ids give, byte for byte (a CSV; a workbook cell for cell), hostile cells guarded alike."""
    from imet_desktop.ops.roster import export_whole_roster
    from imet_desktop.store.roster import student_ids
    from imet_desktop.store.students import archive_students

    hostile = add_student(db, Student(legal_family_name="=HYPERLINK(1)", legal_given_names="+1", phone="@A1",
                                      notes="-2"))
    archive_students(db, roster_ids[:2])
    whole, by_ids = tmp_path / f"whole{suffix}", tmp_path / f"by-ids{suffix}"
    result = export_whole_roster(db, whole, include_personal=include_personal)
    expected = export_students(db, student_ids(db), by_ids, include_personal=include_personal)
    assert result.rows_written == expected.rows_written == len(roster_ids) - 2 + 1
    assert result.personal == expected.personal == include_personal and result.missing_ids == ()
    if suffix == ".csv":
        assert whole.read_bytes() == by_ids.read_bytes()
        row = next(r for r in _read_csv(whole) if r[:1] == [str(hostile)])
        assert {"'=HYPERLINK(1)", "'+1", "'@A1", "'-2"} <= set(row)
    else:
        def cells(path: Path) -> list[tuple[object, ...]]:
            workbook = load_workbook(path, read_only=True)
            try:
                return list(workbook.active.iter_rows(values_only=True))
            finally:
                workbook.close()

        assert cells(whole) == cells(by_ids)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1", "22", "-3"]),
                          st.sampled_from(_HOSTILE), st.sampled_from(["", "2026-05-01", "1980-02-19"]),
                          st.sampled_from(_HOSTILE)), min_size=1, max_size=40),
       st.integers(min_value=1, max_value=7))
def test_the_csv_text_is_what_csv_writer_gives_for_the_guarded_values(
        rows: list[tuple[str, str, str, str]], size: int) -> None:
    """The export writes each chunk as CSV text and guards the lines whose fields start with a formula character:
    the bytes are csv.writer's over every value guarded one by one, whatever commas, quotes and line breaks the
    values hold."""
    import io
    import tempfile

    from imet_desktop.exchange.student_export import write_student_texts

    names = ["legal_family_name", "arrival_date", "phone"]
    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(["Record id", *(STUDENT_FIELD_LABELS[n] for n in names)])
    writer.writerows([[neutralise(a), neutralise(b), c, neutralise(d)] for a, b, c, d in rows])
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.csv"
        chunks = [rows[i:i + size] for i in range(0, len(rows), size)]
        assert write_student_texts(target, names, chunks) == len(rows)
        assert target.read_bytes() == expected.getvalue().encode("utf-8-sig")
