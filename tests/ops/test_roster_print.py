"""The printable roster: the roster's columns, every script drawn, header on every page, page numbers, CUI
marking with personal data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest
from sqlite_utils import Database

from imet_desktop.documents.data import SchoolInfo
from imet_desktop.documents.fonts import UndrawableTextError
from imet_desktop.documents.student_roster import RosterColumn, StudentRosterData, student_roster
from imet_desktop.domain.records import Student
from imet_desktop.exchange.errors import ExportError
from imet_desktop.ops.roster import print_roster, roster_print_data
from imet_desktop.store.roster import student_ids
from imet_desktop.store.students import add_student


@pytest.fixture
def students(db: Database) -> list[int]:
    people = [Student("NGUYỄN", "Văn Đức", native_name="Nguyễn Văn Đức", country_code="VN", ecl_score=85,
                      date_of_birth=dt.date(1988, 6, 5), passport_number="C1234567", wcn="VN0001"),
              Student("ПЕТРОВ", "Иван", native_name="Иван Петров", country_code="UA", wcn="UA0001"),
              Student("김", "민준", native_name="김민준", country_code="KR", arrival_date=dt.date(2026, 6, 5))]
    people += [Student(f"STUDENT{i:03d}", "Filler", country_code="GH") for i in range(70)]
    return [add_student(db, p) for p in people]


def test_the_roster_prints_the_columns_asked_for_in_the_order_given(db: Database, students: list[int]) -> None:
    data = roster_print_data(db, students[:3], ["legal_name", "country", "arrival_date", "ecl_score"])
    assert [c.title for c in data.columns] == ["Legal name", "Country", "Arrival", "ECL"]
    assert data.rows[0] == ("NGUYỄN, Văn Đức", "Vietnam", "", "85")
    assert data.rows[2] == ("김, 민준", "South Korea", "05 JUN 2026", "")
    assert not data.personal
    personal = roster_print_data(db, students[:1], ["legal_name"], include_personal=True)
    assert personal.personal
    assert [c.title for c in personal.columns] == ["Legal name", "Date of birth", "Passport", "Passport expires",
                                                   "Visa number"]
    assert personal.rows[0] == ("NGUYỄN, Văn Đức", "05 JUN 1988", "C1234567", "", "")
    with pytest.raises(ValueError, match="not roster columns: photo"):
        roster_print_data(db, students, ["photo"])


def test_the_pdf_is_landscape_with_the_header_on_every_page_and_page_numbers(db: Database, students: list[int],
                                                                           tmp_path: Path) -> None:
    target = tmp_path / "roster.pdf"
    pages = print_roster(db, students, ["legal_name", "native_name", "country"], target, SchoolInfo(),
                         subtitle="all students")
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == pages > 1
        for n, page in enumerate(pdf.pages, 1):
            text = page.extract_text()
            assert page.width > page.height
            assert "Legal name" in text and "Native-script name" in text
            assert f"Page {n} of {pages}" in text
            assert "CUI" not in text
        first = pdf.pages[0].extract_text()
    assert "Иван Петров" in first and "김민준" in first and "ПЕТРОВ, Иван" in first
    assert "all students" in first and "73 students" in first


def test_a_pdf_with_personal_data_carries_cui_at_the_top_and_bottom_of_each_page(db: Database, students: list[int],
                                                                               tmp_path: Path) -> None:
    target = tmp_path / "cui.pdf"
    print_roster(db, students, ["legal_name"], target, SchoolInfo(), include_personal=True)
    with pdfplumber.open(target) as pdf:
        for page in pdf.pages:
            tops = sorted(w["top"] for w in page.extract_words() if w["text"] == "CUI")
            assert tops[0] < 40 and tops[-1] > page.height - 40
            assert "Contains personal data of foreign nationals" in page.extract_text()


def test_a_name_no_font_can_draw_is_refused_before_anything_is_written(db: Database, tmp_path: Path) -> None:
    add_student(db, Student("AMEN", native_name="\U00013000"))
    target = tmp_path / "x.pdf"
    with pytest.raises(UndrawableTextError, match="U\\+13000"):
        print_roster(db, list(student_ids(db)), ["legal_name", "native_name"], target, SchoolInfo())
    assert not target.exists() and not list(tmp_path.glob("*x.pdf*"))


def test_a_roster_written_to_a_missing_folder_says_so(db: Database, students: list[int], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        print_roster(db, students, ["legal_name"], tmp_path / "nowhere" / "x.pdf", SchoolInfo())


def test_an_empty_roster_is_one_page(tmp_path: Path) -> None:
    data = StudentRosterData("Student roster", "Nobody", (RosterColumn("Legal name"),), ())
    assert student_roster(data, SchoolInfo(), tmp_path / "empty.pdf") == 1
