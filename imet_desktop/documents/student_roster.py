"""The printable student roster: the roster's columns as the clerk shows them, landscape, the header
row repeated on every page, "Page n of N", and the CUI marking at the top and bottom of every page
when personal fields (date of birth, passport, visa) are printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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
CELL_SIZE = 7.5
MIN_CELL_SIZE = 5.5
CUI_NOTE = "Contains personal data of foreign nationals: handle as CUI"


@dataclass(frozen=True, slots=True)
class RosterColumn:
    """One printed column: its heading (its width comes from its contents, see column_widths)."""

    title: str


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
    name_column: int = 0  # printed in bold: the legal name
    counted_as: str = "student"  # the subtitle ends "N students"

    def texts(self) -> Iterator[tuple[str, str]]:
        """The printed values, for the pre-print check (each row named by its first cell)."""
        yield "title", self.title
        yield "subtitle", self.subtitle
        yield "prepared by", self.prepared_by
        for column in self.columns:
            yield "column heading", column.title
        for n, row in enumerate(self.rows, 1):
            yield f"row {n} ({row[0] if row else ''})", " ".join(row)


PADDING = 5.0
FIRST_COLUMN_SHARE = 0.22
SAMPLE_ROWS = 2_000  # rows measured to size the columns (a 600,000-row roster is sized from a sample)


def _style(data: StudentRosterData, column: int) -> str:
    return fonts.SANS_BOLD if column == data.name_column else fonts.SANS


def column_widths(data: StudentRosterData, table_w: float) -> list[float]:
    """Each column's width: its widest text (heading or a sampled cell), the widest ones cut down
    equally when they do not all fit, never narrower than its heading's first letters."""
    step = max(1, len(data.rows) // SAMPLE_ROWS)
    sample = data.rows[::step]
    natural: list[float] = []
    for n, column in enumerate(data.columns):
        widest = fonts.text_width(column.title, HEADER_SIZE, fonts.SANS_BOLD)
        for row in sample:
            if n < len(row) and row[n]:
                widest = max(widest, fonts.text_width(row[n], CELL_SIZE, _style(data, n)))
        natural.append(widest + PADDING)
    if sum(natural) <= table_w:
        spare = (table_w - sum(natural)) / len(natural)
        return [w + spare for w in natural]
    # The first column (the legal name) keeps its width, up to a share of the page; the others share the rest.
    first = min(natural[0], table_w * FIRST_COLUMN_SHARE) if len(natural) > 1 else table_w
    rest, room = natural[1:], table_w - first
    low, high = 0.0, max(rest, default=0.0)  # the cap c with sum(min(w, c)) == room
    for _ in range(40):
        cap = (low + high) / 2
        if sum(min(w, cap) for w in rest) > room:
            high = cap
        else:
            low = cap
    return [first, *(min(w, low) for w in rest)]


def _ellipsis(text: str, size: float, width: float, style: str) -> str:
    while text and fonts.text_width(text + "…", size, style) > width:
        text = text[:-1]
    return text + "…"


def _draw_cell(c: Any, x: float, y: float, text: str, width: float, style: str) -> None:
    """One cell: at the roster's size if it fits, else a little smaller, else on two lines, else cut with '…'."""
    room = width - PADDING
    if fonts.text_width(text, CELL_SIZE, style) <= room:
        fonts.draw_text(c, x, y, text, CELL_SIZE, "left", style)
        return
    size = fonts.fit_size(text, CELL_SIZE, room, style, MIN_CELL_SIZE)
    if fonts.text_width(text, size, style) <= room:
        fonts.draw_text(c, x, y, text, size, "left", style)
        return
    small = MIN_CELL_SIZE
    lines = fonts.wrap_lines(text, small, room, style)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    lines = [ln if fonts.text_width(ln, small, style) <= room else _ellipsis(ln, small, room, style) for ln in lines]
    top = y + (small * 0.55 if len(lines) == 2 else 0)
    for i, line in enumerate(lines):
        fonts.draw_text(c, x, top - i * (small + 1), line, small, "left", style)


def student_roster(data: StudentRosterData, school: SchoolInfo, out: Output, progress: Progress | None = None,
                   *, check: bool = True) -> int:
    """Write the roster; returns the page count. UndrawableTextError (before anything is written) when
    a name holds a character no bundled font can draw; Cancelled when the progress callable raises it."""
    if not data.columns:
        raise ValueError("a roster needs at least one column")
    if check:
        require_drawable([data], school)
    width, height = page_size(school.page_size, landscape=True)
    c = open_canvas(out, (width, height), data.title, school.school_name)
    table_w = width - 2 * MARGIN
    widths = column_widths(data, table_w)
    xs = [MARGIN + sum(widths[:n]) for n in range(len(widths))]
    top = height - 92
    bottom = 50.0
    per_page = max(1, int((top - ROW_H - bottom) / ROW_H))
    total = max(1, -(-len(data.rows) // per_page))
    count = f"{len(data.rows):,} {data.counted_as}{'s' if len(data.rows) != 1 else ''}"
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
        for column, cx, cw in zip(data.columns, xs, widths, strict=True):
            room = cw - PADDING
            size = fonts.fit_size(column.title, HEADER_SIZE, room, fonts.SANS_BOLD, MIN_CELL_SIZE)
            title = column.title if fonts.text_width(column.title, size, fonts.SANS_BOLD) <= room else \
                _ellipsis(column.title, size, room, fonts.SANS_BOLD)
            fonts.draw_text(c, cx + PADDING / 2, y + 0.5, title, size, "left", fonts.SANS_BOLD)
        y -= ROW_H
        for i, row in enumerate(data.rows[page * per_page:(page + 1) * per_page]):
            if i % 2:
                c.setFillColor(STRIPE)
                c.rect(MARGIN, y - 4, table_w, ROW_H, stroke=0, fill=1)
            c.setFillColor(INK)
            for n, (cx, cw, text) in enumerate(zip(xs, widths, row, strict=True)):
                if text:
                    _draw_cell(c, cx + PADDING / 2, y + 0.5, text, cw, _style(data, n))
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
