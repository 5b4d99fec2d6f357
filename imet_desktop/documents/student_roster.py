"""The printable student roster: the roster's columns as the clerk shows them, landscape, the header
row repeated on every page, "Page n of N", and the CUI marking at the top and bottom of every page
when personal fields (date of birth, passport, visa) are printed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

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
from imet_desktop.documents.data import SchoolInfo

ROW_H = 15.0
STRIPE = HexColor("#F1F3F8")
MARGIN = 30.0
HEADER_SIZE = 7.5
CELL_SIZE = 8.0
MIN_CELL_SIZE = 4.5
CUI_NOTE = "Contains personal data of foreign nationals: handle as CUI"


@dataclass(frozen=True, slots=True)
class RosterColumn:
    """One printed column: its heading and its share of the page width."""

    title: str
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class StudentRosterData:
    """A roster to print: columns, one row of texts per student, and whether it carries personal data."""

    record: str
    title: str
    columns: tuple[RosterColumn, ...]
    rows: tuple[tuple[str, ...], ...]
    subtitle: str = ""
    personal: bool = False
    prepared_by: str = ""

    def texts(self) -> Iterator[tuple[str, str]]:
        """The printed values, for the pre-print check (each row named by its first cell)."""
        yield "title", self.title
        yield "subtitle", self.subtitle
        yield "prepared by", self.prepared_by
        for column in self.columns:
            yield "column heading", column.title
        for n, row in enumerate(self.rows, 1):
            yield f"row {n} ({row[0] if row else ''})", " ".join(row)


def _x_positions(columns: Sequence[RosterColumn], left: float, width: float) -> tuple[list[float], float]:
    unit = width / sum(c.weight for c in columns)
    xs, x = [], left
    for column in columns:
        xs.append(x)
        x += column.weight * unit
    return xs, unit


def student_roster(data: StudentRosterData, school: SchoolInfo, out: Output, progress: Progress | None = None,
                   *, check: bool = True) -> int:
    """Write the roster; returns the page count. UndrawableTextError (before anything is written) when
    a name holds a character no bundled font can draw; DocumentCancelled when progress answers False."""
    if not data.columns:
        raise ValueError("a roster needs at least one column")
    if check:
        require_drawable([data], school)
    width, height = page_size(school.page_size, landscape=True)
    c = open_canvas(out, (width, height), data.title, school.school_name)
    table_w = width - 2 * MARGIN
    xs, unit = _x_positions(data.columns, MARGIN, table_w)
    top = height - 92
    bottom = 50.0
    per_page = max(1, int((top - ROW_H - bottom) / ROW_H))
    total = max(1, -(-len(data.rows) // per_page))
    count = f"{len(data.rows):,} student{'s' if len(data.rows) != 1 else ''}"
    sub = "  ·  ".join(p for p in (f"{school.school_name}, {school.parent_organisation}", data.subtitle, count) if p)
    for page in range(total):
        if data.personal:
            cui_banner(c, width, height)
        c.setFillColor(NAVY)
        fonts.draw_text(c, MARGIN, height - 50, data.title,
                        fonts.fit_size(data.title, 14, table_w - 120, fonts.SANS_BOLD), "left", fonts.SANS_BOLD)
        c.setFillColor(GREY)
        fonts.draw_text(c, MARGIN, height - 66, sub, fonts.fit_size(sub, 9, table_w - 120), "left", fonts.SANS)
        fonts.draw_text(c, width - MARGIN, height - 50, f"Page {page + 1} of {total}", 9, "right", fonts.SANS)
        y = top
        c.setFillColor(NAVY)
        c.rect(MARGIN, y - 4, table_w, ROW_H, stroke=0, fill=1)
        c.setFillColor(white)
        for column, cx in zip(data.columns, xs, strict=True):
            room = column.weight * unit - 5
            fonts.draw_text(c, cx + 2.5, y + 0.5, column.title,
                            fonts.fit_size(column.title, HEADER_SIZE, room, fonts.SANS_BOLD, MIN_CELL_SIZE),
                            "left", fonts.SANS_BOLD)
        y -= ROW_H
        for i, row in enumerate(data.rows[page * per_page:(page + 1) * per_page]):
            if i % 2:
                c.setFillColor(STRIPE)
                c.rect(MARGIN, y - 4, table_w, ROW_H, stroke=0, fill=1)
            c.setFillColor(INK)
            for n, (column, cx, text) in enumerate(zip(data.columns, xs, row, strict=True)):
                if not text:
                    continue
                style = fonts.SANS_BOLD if n == 0 else fonts.SANS
                room = column.weight * unit - 5
                fonts.draw_text(c, cx + 2.5, y + 0.5, text, fonts.fit_size(text, CELL_SIZE, room, style, MIN_CELL_SIZE),
                                "left", style)
            y -= ROW_H
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN, y + ROW_H - 4, MARGIN + table_w, y + ROW_H - 4)
        c.setStrokeColor(GOLD)
        c.line(MARGIN, 38, width - MARGIN, 38)
        c.setFillColor(GREY)
        if data.prepared_by:
            fonts.draw_text(c, MARGIN, 27, f"Prepared by {data.prepared_by}", 7.5, "left", fonts.SANS)
        if data.personal:
            fonts.draw_text(c, width - MARGIN, 27, CUI_NOTE, 7.5, "right", fonts.SANS)
        c.showPage()
        tick(progress, page + 1, total)
    c.save()
    return total
