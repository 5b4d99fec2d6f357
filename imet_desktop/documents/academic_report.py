"""The International Student Academic Report, in the spirit of DD Form 2496: one portrait page per student.

It records, for the student's home service and the security cooperation office, the course and
class attended, how the enrollment ended (graduation, distinction, or the reason it did not),
English comprehension on entry, Field Studies Program coverage, other training at the school, and
the school's remarks, signed by the school's official.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import white

from imet_desktop.documents import fonts
from imet_desktop.documents.common import (
    GOLD,
    GREY,
    INK,
    NAVY,
    RULE,
    Output,
    Progress,
    open_canvas,
    page_size,
    require_drawable,
    seal_image,
    tick,
)
from imet_desktop.documents.data import SchoolInfo, SignatureBlock, Text, format_date
from imet_desktop.domain.records import EnrollmentStatus

MARGIN = 50.0
LABEL_SIZE = 7.0
VALUE_SIZE = 10.5


@dataclass(frozen=True, slots=True)
class OtherTraining:
    """Another class the student attended at the school."""

    class_designator: str
    course_title: str
    outcome: str
    outcome_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class AcademicReportData:
    """One student's academic report for one class."""

    record: str
    name_latin: str  # legal name as on the passport, FAMILY, Given
    country: str
    course_title: str
    class_designator: str
    outcome: str  # Completed, Withdrawn, Eliminated or Enrolled (an interim report)
    name_native: str = ""
    rank: str = ""
    service: str = ""
    course_code: str = ""
    masl_id: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    location: str = ""
    seminar: str = ""
    outcome_date: dt.date | None = None
    distinction: str = ""
    ecl_score: int | None = None
    min_ecl: int | None = None
    fsp_covered: tuple[str, ...] = ()
    fsp_lacking: tuple[str, ...] = ()
    remarks: str = ""
    other_training: tuple[OtherTraining, ...] = ()
    wcn: str = ""
    ito_number: str = ""
    prepared_by: str = ""
    report_date: dt.date | None = None
    signatory: SignatureBlock | None = None  # None: the school's first signatory

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "legal name", self.name_latin
        yield "native-script name", self.name_native
        yield "rank", self.rank
        yield "service", self.service
        yield "country", self.country
        yield "course", self.course_title
        yield "class", self.class_designator
        yield "location", self.location
        yield "seminar", self.seminar
        yield "distinction", self.distinction
        yield "remarks", self.remarks
        yield "prepared by", self.prepared_by
        for t in self.other_training:
            yield f"other training {t.class_designator!r}", f"{t.class_designator} {t.course_title} {t.outcome}"
        if self.signatory:
            yield "signatory", f"{self.signatory.name} {self.signatory.rank} {self.signatory.title}"


def outcome_text(item: AcademicReportData) -> str:
    """How the enrollment ended, in the report's words."""
    when = f" on {format_date(item.outcome_date)}" if item.outcome_date else ""
    texts: dict[str, str] = {
        EnrollmentStatus.COMPLETED: f"Graduated{when}",
        EnrollmentStatus.WITHDRAWN: f"Withdrawn{when}; did not graduate",
        EnrollmentStatus.ELIMINATED: f"Eliminated{when}; did not graduate",
        EnrollmentStatus.ENROLLED: "In training (interim report)",
    }
    return texts.get(item.outcome, f"{item.outcome}{when}")


def _box(c: Any, x: float, y: float, w: float, h: float, label: str, value: str,
         style: str = fonts.SERIF) -> None:
    """A labelled field: a small grey caption above the value, in a ruled box whose top is y."""
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.rect(x, y - h, w, h, stroke=1, fill=0)
    c.setFillColor(GREY)
    fonts.draw_text(c, x + 4, y - 9, label.upper(), LABEL_SIZE, "left", fonts.SANS)
    if value:
        c.setFillColor(INK)
        fonts.draw_text(c, x + 4, y - h + 6, value, fonts.fit_size(value, VALUE_SIZE, w - 8, style, 6), "left",
                        style)


def _section(c: Any, x: float, y: float, w: float, title: str) -> float:
    c.setFillColor(NAVY)
    c.rect(x, y - 15, w, 15, stroke=0, fill=1)
    c.setFillColor(white)
    fonts.draw_text(c, x + 5, y - 11, title, 8.5, "left", fonts.SANS_BOLD)
    return y - 15


def _paragraph(c: Any, x: float, y: float, w: float, text: str, size: float, leading: float,
               bottom: float, style: str = fonts.SERIF) -> float:
    """Wrapped text downward from baseline y, stopping (with an ellipsis) above bottom; returns the next baseline."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        lines.extend(fonts.wrap_lines(paragraph, size, w, style) or [""])
    room = max(1, int((y - bottom) / leading) + 1)
    if len(lines) > room:
        lines = lines[:room]
        lines[-1] = lines[-1].rstrip() + " …"
    for line in lines:
        if line:
            fonts.draw_text(c, x, y, line, size, "left", style)
        y -= leading
    return y


def _page(c: Any, item: AcademicReportData, school: SchoolInfo, width: float, height: float) -> None:
    x0, w = MARGIN, width - 2 * MARGIN
    top = height - MARGIN
    seal = 46.0
    c.drawImage(seal_image(school), x0, top - seal, seal, seal, mask="auto")
    c.setFillColor(NAVY)
    fonts.draw_text(c, x0 + seal + 10, top - 14, f"{school.parent_organisation}  ·  {school.school_name}".upper(),
                    8.5, "left", fonts.SANS_BOLD)
    title = "International Student Academic Report"
    fonts.draw_text(c, x0 + seal + 10, top - 34, title, fonts.fit_size(title, 17, w - seal - 10, fonts.SERIF_BOLD),
                    "left", fonts.SERIF_BOLD)
    c.setFillColor(GREY)
    fonts.draw_text(c, x0 + seal + 10, top - 47, "In the spirit of DD Form 2496", 8, "left", fonts.SANS)
    c.setStrokeColor(GOLD)
    c.setLineWidth(1.2)
    c.line(x0, top - seal - 8, x0 + w, top - seal - 8)

    row_h = 27.0
    y = _section(c, x0, top - seal - 16, w, "1. STUDENT")
    half, third = w / 2, w / 3
    _box(c, x0, y, w * 0.62, row_h, "Name (as on passport)", item.name_latin, fonts.SERIF_BOLD)
    _box(c, x0 + w * 0.62, y, w * 0.38, row_h, "Name in native script", item.name_native)
    y -= row_h
    _box(c, x0, y, third, row_h, "Rank", item.rank)
    _box(c, x0 + third, y, third, row_h, "Service", item.service)
    _box(c, x0 + 2 * third, y, third, row_h, "Country", item.country)
    y -= row_h
    ecl = "" if item.ecl_score is None else str(item.ecl_score)
    if ecl and item.min_ecl is not None:
        ecl += f"  (course minimum {item.min_ecl})"
    _box(c, x0, y, third, row_h, "English comprehension level (ECL)", ecl)
    _box(c, x0 + third, y, third, row_h, "Work control number (WCN)", item.wcn)
    _box(c, x0 + 2 * third, y, third, row_h, "ITO number", item.ito_number)
    y -= row_h + 10

    y = _section(c, x0, y, w, "2. COURSE")
    _box(c, x0, y, w * 0.62, row_h, "Course title", item.course_title, fonts.SERIF_BOLD)
    _box(c, x0 + w * 0.62, y, w * 0.19, row_h, "Course", item.course_code)
    _box(c, x0 + w * 0.81, y, w * 0.19, row_h, "MASL", item.masl_id)
    y -= row_h
    period = " to ".join(format_date(d) for d in (item.start_date, item.end_date) if d)
    _box(c, x0, y, third, row_h, "Class", item.class_designator)
    _box(c, x0 + third, y, third, row_h, "Dates of the class", period)
    _box(c, x0 + 2 * third, y, third, row_h, "Seminar", item.seminar)
    y -= row_h
    _box(c, x0, y, w, row_h, "Location", item.location or school.location)
    y -= row_h + 10

    y = _section(c, x0, y, w, "3. RESULT")
    _box(c, x0, y, half, row_h, "Completion", outcome_text(item), fonts.SERIF_BOLD)
    _box(c, x0 + half, y, half, row_h, "Distinction", item.distinction or "None")
    y -= row_h + 10

    y = _section(c, x0, y, w, "4. FIELD STUDIES PROGRAM")
    covered = len(item.fsp_covered)
    total = covered + len(item.fsp_lacking)
    c.setFillColor(INK)
    line = f"{covered} of {total} topics covered." if total else "No Field Studies Program topics recorded."
    if item.fsp_lacking:
        line += " Not covered: " + ", ".join(item.fsp_lacking) + "."
    y = _paragraph(c, x0 + 4, y - 13, w - 8, line, 9.5, 12.5, y - 60) - 4

    if item.other_training:
        y = _section(c, x0, y, w, "5. OTHER TRAINING AT THE SCHOOL")
        y -= 13
        c.setFillColor(INK)
        for t in item.other_training[:6]:
            when = f", {format_date(t.outcome_date)}" if t.outcome_date else ""
            text = f"{t.class_designator} — {t.course_title}: {t.outcome.lower()}{when}"
            fonts.draw_text(c, x0 + 4, y, text, fonts.fit_size(text, 9.5, w - 8, fonts.SERIF, 6), "left",
                            fonts.SERIF)
            y -= 12.5
        y -= 4
    remarks_title = "6. REMARKS" if item.other_training else "5. REMARKS"
    y = _section(c, x0, y, w, remarks_title)
    signature_top = MARGIN + 78
    c.setFillColor(INK)
    _paragraph(c, x0 + 4, y - 13, w - 8, item.remarks or "None.", 9.5, 12.5, signature_top + 10)

    signer = item.signatory or (school.signatories[0] if school.signatories else SignatureBlock(""))
    c.setStrokeColor(INK)
    c.setLineWidth(0.6)
    sx = x0 + w - 230
    c.line(sx, signature_top, x0 + w, signature_top)
    c.setFillColor(INK)
    sy = signature_top - 13
    for text, size, style in ((signer.name, 10, fonts.SERIF_BOLD), (signer.rank, 9, fonts.SERIF),
                              (signer.title, 9, fonts.SERIF_ITALIC)):
        if text:
            fonts.draw_text(c, sx, sy, text, fonts.fit_size(text, size, 230, style, 6), "left", style)
            sy -= 11.5
    c.setFillColor(GREY)
    fonts.draw_text(c, x0, signature_top - 13, f"Date of report: {format_date(item.report_date)}", 9, "left",
                    fonts.SANS)
    if item.prepared_by:
        fonts.draw_text(c, x0, signature_top - 26, f"Prepared by {item.prepared_by}", 8, "left", fonts.SANS)
    fonts.draw_text(c, width / 2, MARGIN - 18, f"{school.school_name}  ·  {item.record}", 7, "center", fonts.SANS)


def academic_reports(items: Sequence[AcademicReportData], school: SchoolInfo, out: Output,
                     progress: Progress | None = None) -> int:
    """Write one academic report page per item into one PDF; returns the page count.

    Raises fonts.UndrawableTextError (nothing written) when some text cannot be drawn, and
    Cancelled when the progress callable raises it (the clerk pressed Cancel).
    """
    require_drawable(items, school)
    width, height = page_size(school.page_size)
    title = f"Academic report: {items[0].name_latin}" if len(items) == 1 else "Academic reports"
    c = open_canvas(out, (width, height), title, school.school_name)
    total = len(items)
    for n, item in enumerate(items, 1):
        _page(c, item, school, width, height)
        c.showPage()
        tick(progress, n, total)
    c.save()
    return total
