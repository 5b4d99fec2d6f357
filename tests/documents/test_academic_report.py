"""The academic report (in the spirit of DD Form 2496): one page per student, every field printed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from imet_desktop.documents import fonts
from imet_desktop.documents.academic_report import AcademicReportData, OtherTraining, academic_reports, outcome_text
from imet_desktop.documents.data import SchoolInfo, SignatureBlock
from imet_desktop.domain.errors import Cancelled
from tests.documents.pdfcheck import ink_fraction, page_count, page_texts, render_pngs

SCHOOL = SchoolInfo(signatories=(SignatureBlock("Jane A. Doe", "Colonel, USAF", "Commandant"),))


def report(**changes: object) -> AcademicReportData:
    base = dict(
        record="Enrollment 12", name_latin="NGUYỄN, Văn Đức", country="Vietnam",
        course_title="Air Command and Staff College", class_designator="ACSC AY2027", outcome="Completed",
        name_native="Nguyễn Văn Đức", rank="Thiếu tá", service="Air Force", course_code="ACSC",
        masl_id="D171020", start_date=dt.date(2026, 7, 20), end_date=dt.date(2027, 6, 4),
        location="Maxwell AFB, Alabama", seminar="Seminar 04", outcome_date=dt.date(2027, 6, 4),
        distinction="Distinguished Graduate", ecl_score=84, min_ecl=80,
        fsp_covered=("Human rights", "Law of war"), fsp_lacking=("Media",),
        remarks="An outstanding officer.\nRecommended for SAASS.",
        other_training=(OtherTraining("IOS ACSC Prep 2026", "IOS Preparatory Course", "Completed",
                                      dt.date(2026, 7, 17)),),
        wcn="VN-24-0012", ito_number="ITO-2026-118", prepared_by="clerk.jones", report_date=dt.date(2027, 6, 7))
    base.update(changes)
    return AcademicReportData(**base)  # type: ignore[arg-type]


def test_one_page_per_student_with_every_field(tmp_path: Path) -> None:
    out = tmp_path / "reports.pdf"
    second = report(record="Enrollment 13", name_latin="OKAFOR, Chinedu", name_native="", country="Nigeria",
                    outcome="Withdrawn", distinction="", remarks="", other_training=())
    assert academic_reports([report(), second], SCHOOL, out) == 2
    assert page_count(out) == 2
    first, other = page_texts(out)
    for text in ("International Student Academic Report", "NGUYỄN, Văn Đức", "Vietnam", "Thiếu tá",
                 "Air Command and Staff College", "D171020", "ACSC AY2027", "Seminar 04",
                 "Graduated on 4 June 2027", "Distinguished Graduate", "84 (course minimum 80)",
                 "2 of 3 topics covered", "Not covered: Media", "IOS ACSC Prep 2026", "Recommended for SAASS",
                 "Jane A. Doe", "Commandant", "VN-24-0012", "Date of report: 7 June 2027"):
        assert text in first, text
    assert "Withdrawn on 4 June 2027; did not graduate" in other
    assert "OKAFOR, Chinedu" in other


def test_the_outcome_reads_as_a_sentence() -> None:
    assert outcome_text(report(outcome="Eliminated")) == "Eliminated on 4 June 2027; did not graduate"
    assert outcome_text(report(outcome="Enrolled", outcome_date=None)) == "In training (interim report)"


def test_a_name_no_font_can_draw_is_refused_before_anything_is_written() -> None:
    out = io.BytesIO()
    with pytest.raises(fonts.UndrawableTextError) as caught:
        academic_reports([report(name_native="AMEN \U00013000 HOTEP")], SCHOOL, out)
    assert caught.value.missing[0].record == "Enrollment 12"
    assert out.getvalue() == b""


def test_cancelling_stops_the_batch() -> None:
    def cancelled(done: int, total: int | None = None, text: str = "") -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        academic_reports([report(), report()], SCHOOL, io.BytesIO(), cancelled)


def test_long_remarks_stay_above_the_signature(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    academic_reports([report(remarks="Word " * 2000)], SCHOOL, out)
    assert page_count(out) == 1
    assert "…" in page_texts(out)[0]


def test_the_page_is_drawn(tmp_path: Path) -> None:
    out = tmp_path / "one.pdf"
    academic_reports([report()], SCHOOL, out)
    pngs = render_pngs(out, tmp_path)
    assert 0.02 < ink_fraction(pngs[0]) < 0.5
