"""The class roster: a landscape table with its header repeated on every page and "Page n of N".

With personal fields (date of birth, passport) it is Controlled Unclassified Information and
carries the CUI marking at the top and bottom of every page.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import HexColor, white

from imet_desktop.documents import fonts
from imet_desktop.documents.common import (
    GOLD,
    GREY,
    INK,
    NAVY,
    RULE,
    Output,
    Progress,
    cui_banner,
    open_canvas,
    page_size,
    require_drawable,
    tick,
)
from imet_desktop.documents.data import ClassRosterData, RosterStudent, SchoolInfo, format_date

ROW_H = 17.0
STRIPE = HexColor("#F1F3F8")
MARGIN = 36.0

Column = tuple[str, float, Callable[[int, RosterStudent], str]]


def _short(day: object) -> str:
    return day.strftime("%d %b %Y") if hasattr(day, "strftime") else ""


def _seminar(name: str) -> str:
    """'Seminar 03' as '03': the column says what it is."""
    head, _, rest = name.partition(" ")
    return rest if head.casefold() == "seminar" and rest else name


# Columns whose text may be cut with an ellipsis when it does not fit even shrunk; names, ranks, e-mail,
# dates and passport numbers are only ever shrunk, never cut.
CLIPPED = frozenset({"Country", "Service"})


def _clip(text: str, size: float, width: float, style: str, clip: bool = True) -> tuple[str, float]:
    """The text and size that fit a cell: shrunk to a legible minimum, then (if clip) cut with an ellipsis."""
    size = fonts.fit_size(text, size, width, style, 6.5 if clip else 4.5)
    if not clip or fonts.text_width(text, size, style) <= width:
        return text, size
    while len(text) > 1 and fonts.text_width(text + "…", size, style) > width:
        text = text[:-1]
    return text.rstrip() + "…", size


def _columns(personal: bool) -> list[Column]:
    columns: list[Column] = [
        ("#", 0.35, lambda n, s: str(n)),
        ("Name (as on passport)", 2.45, lambda n, s: s.name),
        ("Rank", 1.5, lambda n, s: s.rank),
        ("Country", 1.45 if not personal else 1.3, lambda n, s: s.country),
        ("Service", 1.9 if not personal else 1.45, lambda n, s: s.service),
        ("Sem.", 0.45, lambda n, s: _seminar(s.seminar)),
        ("ECL", 0.4, lambda n, s: "" if s.ecl is None else str(s.ecl)),
        ("Arrived", 0.95, lambda n, s: _short(s.arrival_date)),
    ]
    if personal:
        columns += [
            ("Date of birth", 0.95, lambda n, s: _short(s.date_of_birth)),
            ("Passport", 1.0, lambda n, s: s.passport_number),
            ("Expires", 0.95, lambda n, s: _short(s.passport_expiry)),
        ]
    else:
        columns.append(("E-mail", 2.15, lambda n, s: s.email))
    return columns


def has_personal_data(data: ClassRosterData) -> bool:
    """True when the roster prints personal data (and so must carry the CUI marking)."""
    return data.include_personal and any(
        s.date_of_birth or s.passport_number or s.passport_expiry for s in data.students)


def class_roster(data: ClassRosterData, school: SchoolInfo, out: Output, progress: Progress | None = None) -> int:
    """Write the class roster; returns the page count."""
    require_drawable([data], school)
    width, height = page_size(school.page_size, landscape=True)
    c = open_canvas(out, (width, height), f"Class roster: {data.class_designator}", school.school_name)
    personal = has_personal_data(data)
    columns = _columns(data.include_personal)
    table_w = width - 2 * MARGIN
    unit = table_w / sum(w for _h, w, _f in columns)
    xs: list[float] = []
    x = MARGIN
    for _header, weight, _f in columns:
        xs.append(x)
        x += weight * unit
    top = height - 118
    bottom = 52.0
    per_page = int((top - ROW_H - bottom) / ROW_H)
    students = data.students
    total = max(1, -(-len(students) // per_page))
    period = " to ".join(format_date(d) for d in (data.start_date, data.end_date) if d)
    for page in range(total):
        if personal:
            cui_banner(c, width, height)
        c.setFillColor(NAVY)
        title = f"{data.course_title}  ·  {data.class_designator}"
        fonts.draw_text(c, MARGIN, height - 56, title, fonts.fit_size(title, 15, table_w - 160, fonts.SANS_BOLD),
                        "left", fonts.SANS_BOLD)
        c.setFillColor(GREY)
        sub = "  ·  ".join(p for p in (f"{school.school_name}, {school.parent_organisation}", period,
                                       f"{len(students)} international students") if p)
        fonts.draw_text(c, MARGIN, height - 72, sub, fonts.fit_size(sub, 9.5, table_w), "left", fonts.SANS)
        fonts.draw_text(c, width - MARGIN, height - 56, f"Page {page + 1} of {total}", 9.5, "right", fonts.SANS)
        y = top
        c.setFillColor(NAVY)
        c.rect(MARGIN, y - 4, table_w, ROW_H, stroke=0, fill=1)
        c.setFillColor(white)
        for (header, weight, _f), cx in zip(columns, xs, strict=True):
            fonts.draw_text(c, cx + 3, y + 1, header, fonts.fit_size(header, 8.5, weight * unit - 6, fonts.SANS_BOLD),
                            "left", fonts.SANS_BOLD)
        y -= ROW_H
        chunk = students[page * per_page:(page + 1) * per_page]
        for i, student in enumerate(chunk):
            n = page * per_page + i + 1
            if i % 2:
                c.setFillColor(STRIPE)
                c.rect(MARGIN, y - 4, table_w, ROW_H, stroke=0, fill=1)
            c.setFillColor(INK)
            for (_header, weight, value), cx in zip(columns, xs, strict=True):
                text = value(n, student)
                if text:
                    style = fonts.SERIF_BOLD if _header.startswith("Name") else fonts.SERIF
                    shown, size = _clip(text, 9, weight * unit - 6, style, _header in CLIPPED)
                    fonts.draw_text(c, cx + 3, y + 1, shown, size, "left", style)
            y -= ROW_H
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN, y + ROW_H - 4, MARGIN + table_w, y + ROW_H - 4)
        c.setStrokeColor(GOLD)
        c.line(MARGIN, 40, width - MARGIN, 40)
        c.setFillColor(GREY)
        note = f"Prepared by {data.prepared_by}" if data.prepared_by else ""
        fonts.draw_text(c, MARGIN, 28, note, 8, "left", fonts.SANS)
        if personal:
            fonts.draw_text(c, width - MARGIN, 28, "Contains personal data of foreign nationals: handle as CUI",
                            8, "right", fonts.SANS)
        c.showPage()
        tick(progress, page + 1, total)
    c.save()
    return total
