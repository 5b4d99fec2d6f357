"""The ceremony program: half-letter pages, plain or imposed two-up as a saddle-stitched booklet.

Pages are laid out first (as drawing functions), so the page count is known before anything is
drawn; the booklet pads with blank pages before the back cover to a multiple of four, draws each
half page once as a PDF form and places the forms on landscape letter sheets in booklet order.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader

from imet_desktop.documents import fonts
from imet_desktop.documents.common import (
    GOLD,
    GREY,
    HALF_LETTER,
    INK,
    NAVY,
    RULE,
    Output,
    Progress,
    open_canvas,
    paragraphs,
    require_drawable,
    seal_image,
    tick,
)
from imet_desktop.documents.data import HonorRollEntry, InducteeBio, ProgramData, SchoolInfo, format_date

log = logging.getLogger(__name__)

WIDTH, HEIGHT = HALF_LETTER
MARGIN = 36.0
TOP = HEIGHT - 46.0
BOTTOM = 50.0
TEXT_W = WIDTH - 2 * MARGIN

PageFn = Callable[[Any], None]
Side = tuple[int | None, int | None]


def booklet_order(pages: int) -> list[Side]:
    """Sheet sides in printing order for a saddle-stitched booklet: (left, right) 0-based page indexes.

    `pages` must be a multiple of 4. Sheet s carries pages N-1-2s | 2s on its outside and
    2s+1 | N-2-2s on its inside, so the folded, nested sheets read 1, 2, 3, ... N.
    """
    if pages % 4:
        raise ValueError(f"a booklet needs a multiple of 4 pages, not {pages}")
    sides: list[Side] = []
    for s in range(pages // 4):
        sides.append((pages - 1 - 2 * s, 2 * s))
        sides.append((2 * s + 1, pages - 2 - 2 * s))
    return sides


@dataclass
class _Pages:
    """Page drawing functions in reading order, with a running page number footer."""

    school: SchoolInfo
    data: ProgramData
    fns: list[PageFn | None] = field(default_factory=list)

    def add(self, fn: PageFn, numbered: bool = True) -> None:
        number = len(self.fns) + 1

        def page(c: Any) -> None:
            fn(c)
            if numbered:
                c.setFillColor(GREY)
                fonts.draw_text(c, WIDTH / 2, 26, str(number), 8.5, "center", fonts.SERIF)

        self.fns.append(page)


def _heading(c: Any, text: str, y: float = TOP) -> float:
    """A page heading with a gold rule; returns the baseline below it."""
    c.setFillColor(NAVY)
    fonts.draw_text(c, WIDTH / 2, y - 4, text, 16, "center", fonts.SERIF_BOLD)
    c.setStrokeColor(GOLD)
    c.setLineWidth(0.7)
    c.line(WIDTH / 2 - 60, y - 14, WIDTH / 2 + 60, y - 14)
    return y - 40


def _cover(school: SchoolInfo, data: ProgramData) -> PageFn:
    def draw(c: Any) -> None:
        c.setStrokeColor(NAVY)
        c.setLineWidth(1.6)
        c.rect(18, 18, WIDTH - 36, HEIGHT - 36)
        c.setStrokeColor(GOLD)
        c.setLineWidth(0.6)
        c.rect(24, 24, WIDTH - 48, HEIGHT - 48)
        c.setFillColor(NAVY)
        fonts.draw_text(c, WIDTH / 2, HEIGHT - 78, school.parent_organisation.upper(), 10, "center", fonts.SANS_BOLD)
        fonts.draw_text(c, WIDTH / 2, HEIGHT - 94, school.school_name, 11, "center", fonts.SERIF_ITALIC)
        seal = 150.0
        c.drawImage(seal_image(school), WIDTH / 2 - seal / 2, HEIGHT - 275, seal, seal, mask="auto")
        y = HEIGHT - 320
        c.setFillColor(NAVY)
        size = fonts.fit_size(school.honor_roll_title, 24, TEXT_W, fonts.SERIF_BOLD, 19)
        for line in fonts.wrap_lines(school.honor_roll_title, size, TEXT_W, fonts.SERIF_BOLD):
            fonts.draw_text(c, WIDTH / 2, y, line, size, "center", fonts.SERIF_BOLD)
            y -= size + 4
        c.setStrokeColor(GOLD)
        c.line(WIDTH / 2 - 50, y + 10, WIDTH / 2 + 50, y + 10)
        y -= 14
        c.setFillColor(INK)
        for line in fonts.wrap_lines(data.title, 15, TEXT_W, fonts.SERIF):
            fonts.draw_text(c, WIDTH / 2, y, line, 15, "center", fonts.SERIF)
            y -= 19
        y = 150
        c.setFillColor(INK)
        when = format_date(data.ceremony_date)
        if data.ceremony_time:
            when = f"{when}  ·  {data.ceremony_time}" if when else data.ceremony_time
        fonts.draw_text(c, WIDTH / 2, y, when, 12, "center", fonts.SERIF_BOLD)
        y -= 18
        for line in fonts.wrap_lines(data.venue, 11, TEXT_W, fonts.SERIF_ITALIC):
            fonts.draw_text(c, WIDTH / 2, y, line, 11, "center", fonts.SERIF_ITALIC)
            y -= 14
        if school.location:
            fonts.draw_text(c, WIDTH / 2, y, school.location, 10, "center", fonts.SERIF)

    return draw


EventRow = tuple[str, list[str], list[str], str]  # time, title lines, who lines, who beside the title


def _events(pages: _Pages) -> None:
    data = pages.data
    rows: list[EventRow] = []
    # the time column is as wide as the widest time (none at all when no event has one)
    times = [fonts.text_width(e.time, 9.5, fonts.SANS_BOLD) for e in data.events if e.time]
    indent = min(max(times) + 12, 70.0) if times else 0.0
    width = TEXT_W - indent
    for event in data.events:
        title = fonts.wrap_lines(event.title, 10, width, fonts.SERIF_BOLD)
        beside = (len(title) == 1 and event.who and fonts.text_width(title[0], 10, fonts.SERIF_BOLD)
                  + fonts.text_width(event.who, 9, fonts.SERIF_ITALIC) + 14 <= width)
        if beside:  # a short "who" (a country, a speaker) sits at the right of its line, as in the Honor Roll
            rows.append((event.time, title, [], event.who))
        else:
            rows.append((event.time, title, fonts.wrap_lines(event.who, 9, width, fonts.SERIF_ITALIC), ""))
    presiding = fonts.wrap_lines(f"Presiding: {data.presiding_official}", 9.5, TEXT_W - 20, fonts.SERIF_ITALIC) \
        if data.presiding_official else []
    presiding_h = 13.0 * len(presiding) + 15 if presiding else 0.0
    start = 0
    first = True
    while first or start < len(rows):
        chunk: list[EventRow] = []
        y = TOP - 40 - (presiding_h if first else 0)
        while start + len(chunk) < len(rows):
            row = rows[start + len(chunk)]
            need = 13 * len(row[1]) + 11.5 * len(row[2]) + 5.5
            if y - need < BOTTOM and chunk:
                break
            chunk.append(row)
            y -= need

        def draw(c: Any, chunk: list[EventRow] = chunk, first: bool = first) -> None:
            y = _heading(c, "Order of Events" if first else "Order of Events (continued)")
            if first and presiding:
                c.setFillColor(GREY)
                for line in presiding:
                    fonts.draw_text(c, WIDTH / 2, y + 8, line, 9.5, "center", fonts.SERIF_ITALIC)
                    y -= 13
                y -= 15
            for time, title, who, beside in chunk:
                c.setFillColor(NAVY)
                fonts.draw_text(c, MARGIN, y, time, 9.5, "left", fonts.SANS_BOLD)
                if beside:
                    c.setFillColor(GREY)
                    fonts.draw_text(c, WIDTH - MARGIN, y, beside, 9, "right", fonts.SERIF_ITALIC)
                c.setFillColor(INK)
                for line in title:
                    fonts.draw_text(c, MARGIN + indent, y, line, 10, "left", fonts.SERIF_BOLD)
                    y -= 13
                c.setFillColor(GREY)
                for line in who:
                    fonts.draw_text(c, MARGIN + indent, y + 1.5, line, 9, "left", fonts.SERIF_ITALIC)
                    y -= 11.5
                y -= 5.5

        pages.add(draw)
        start += len(chunk)
        first = False


def _photo(bio: InducteeBio) -> ImageReader | None:
    if not bio.photo:
        return None
    try:
        reader = ImageReader(io.BytesIO(bio.photo))
        reader.getSize()
        return reader
    except Exception:  # a damaged photo must not stop the program from printing
        log.warning("photo of %s cannot be read; printed without it", bio.name_latin)
        return None


PHOTO_H = 118.0
PHOTO_MAX_W = 140.0
LEADING = 13.0
BIO_GAP = 30.0


def _photo_box(photo: ImageReader) -> tuple[float, float]:
    """Width and height of a photo on the page: 118 points high, at most 140 wide."""
    w, h = photo.getSize()
    box_w = min(PHOTO_H * w / h, PHOTO_MAX_W)
    return box_w, box_w * h / w


def _header_lines(bio: InducteeBio) -> list[tuple[str, str]]:
    lines = [(text, style) for text, style in ((", ".join(p for p in (bio.rank, bio.country) if p), fonts.SERIF),
                                               (bio.position, fonts.SERIF_ITALIC)) if text]
    # two or three schools spelled out do not fit one line at a readable size: wrap them
    if bio.schools:
        lines += [(line, fonts.SERIF) for line in fonts.wrap_lines(bio.schools, 10, TEXT_W - 40, fonts.SERIF)]
    return lines


def _represented_lines(bio: InducteeBio) -> list[str]:
    """'Represented by <name, title>' wrapped: an attaché's title and embassy are long."""
    if not bio.represented_by:
        return []
    return fonts.wrap_lines(f"Represented by {bio.represented_by}", 9, TEXT_W - 40, fonts.SERIF_ITALIC)


def _header_height(bio: InducteeBio, photo: ImageReader | None) -> float:
    """From the header's top (photo, names, rank, position, schools, rule) to the first line of text below it."""
    height = _photo_box(photo)[1] + 30 if photo is not None else 14.0
    height += 18 + (18 if bio.name_native else 0) + 13 * len(_header_lines(bio))
    height += 13 * len(_represented_lines(bio))
    return height + 16


def _draw_header(c: Any, bio: InducteeBio, photo: ImageReader | None, y: float) -> None:
    """The photo (if any), the names and the titles of one inductee, from y down (see _header_height)."""
    y -= 4
    if photo is not None:
        box_w, box_h = _photo_box(photo)
        x = WIDTH / 2 - box_w / 2
        c.drawImage(photo, x, y - box_h, box_w, box_h)
        c.setStrokeColor(GOLD)
        c.setLineWidth(0.8)
        c.rect(x - 3, y - box_h - 3, box_w + 6, box_h + 6)
        y -= box_h + 26
    else:
        y -= 10
    c.setFillColor(NAVY)
    name_size = fonts.fit_size(bio.name_latin, 15, TEXT_W, fonts.SERIF_BOLD)
    fonts.draw_text(c, WIDTH / 2, y, bio.name_latin, name_size, "center", fonts.SERIF_BOLD)
    y -= 18
    if bio.name_native:
        fonts.draw_text(c, WIDTH / 2, y, bio.name_native, fonts.fit_size(bio.name_native, 13, TEXT_W), "center")
        y -= 18
    c.setFillColor(INK)
    for text, style in _header_lines(bio):
        fonts.draw_text(c, WIDTH / 2, y, text, fonts.fit_size(text, 10, TEXT_W, style), "center", style)
        y -= 13
    c.setFillColor(GREY)
    for line in _represented_lines(bio):
        fonts.draw_text(c, WIDTH / 2, y, line, fonts.fit_size(line, 9, TEXT_W), "center", fonts.SERIF_ITALIC)
        y -= 13
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(MARGIN + 40, y + 2, WIDTH - MARGIN - 40, y + 2)


def _biographies(pages: _Pages, bios: tuple[InducteeBio, ...]) -> None:
    """The inductees' biographies, flowing one after another; a long one continues on the next page.

    A biography starts on a new page unless its header and first lines fit on the current one.
    """
    Op = Callable[[Any], None]
    page_ops: list[list[Op]] = []
    ops: list[Op] = []

    def heading(c: Any) -> None:
        _heading(c, "The Inductees")

    ops.append(heading)
    y = TOP - 40

    def new_page() -> None:
        nonlocal ops, y
        page_ops.append(ops)
        ops = []
        y = TOP

    for bio in bios:
        photo = _photo(bio)
        body: list[str | None] = []  # None marks a paragraph gap
        for para in paragraphs(bio.biography):
            if body:
                body.append(None)
            body.extend(fonts.wrap_lines(para, 9.5, TEXT_W, fonts.SERIF))
        header_h = _header_height(bio, photo)
        whole = header_h + sum(LEADING if line is not None else LEADING * 0.5 for line in body)
        fits_a_page = whole <= TOP - BOTTOM
        # a short biography moves whole to the next page; a long one starts here if a few lines fit
        needed = whole if fits_a_page else header_h + LEADING * min(len(body), 3)
        if y - needed < BOTTOM and (len(ops) > 1 or page_ops):
            new_page()

        def draw_header(c: Any, bio: InducteeBio = bio, photo: ImageReader | None = photo, top: float = y) -> None:
            _draw_header(c, bio, photo, top)

        ops.append(draw_header)
        y -= header_h
        for line in body:
            step = LEADING if line is not None else LEADING * 0.5
            if y - step < BOTTOM:
                new_page()

                def continued(c: Any, name: str = bio.name_latin) -> None:
                    c.setFillColor(GREY)
                    fonts.draw_text(c, WIDTH / 2, TOP - 4, f"{name} (continued)", 10, "center", fonts.SERIF_ITALIC)

                ops.append(continued)
                y = TOP - 30
                if line is None:
                    continue

            if line is not None:
                def text(c: Any, line: str = line, at: float = y) -> None:
                    c.setFillColor(INK)
                    fonts.draw_text(c, MARGIN, at, line, 9.5, "left", fonts.SERIF)

                ops.append(text)
            y -= step
        y -= BIO_GAP
    page_ops.append(ops)
    for page in page_ops:
        def draw(c: Any, page: list[Op] = page) -> None:
            for op in page:
                op(c)

        pages.add(draw)


def _honor_roll(pages: _Pages, entries: tuple[HonorRollEntry, ...]) -> None:
    """The full Honor Roll by year of induction, two lines per honoree."""
    ordered = sorted(entries, key=lambda e: (e.year, e.country.casefold(), e.name.casefold()))
    Row = tuple[str, HonorRollEntry | int]
    rows: list[Row] = []
    year: int | None = None
    for entry in ordered:
        if entry.year != year:
            year = entry.year
            rows.append(("year", entry.year))
        rows.append(("entry", entry))
    heights = {"year": 30.0, "entry": 22.0}
    start = 0
    first = True
    while start < len(rows):
        top = TOP - (70 if first else 40)
        y = top - (18 if rows[start][0] == "entry" else 0)  # room for "<year> (continued)"
        end = start
        while end < len(rows) and y - heights[rows[end][0]] >= BOTTOM:
            # never leave a year heading alone at the foot of a page
            if rows[end][0] == "year" and y - heights["year"] - heights["entry"] < BOTTOM:
                break
            y -= heights[rows[end][0]]
            end += 1
        chunk = rows[start:end]
        if chunk and chunk[0][0] == "entry":
            entry0 = chunk[0][1]
            assert isinstance(entry0, HonorRollEntry)
            chunk = [("cont", entry0.year), *chunk]

        def draw(c: Any, chunk: list[Row] = chunk, first: bool = first, top: float = top) -> None:
            y = _heading(c, pages.school.honor_roll_title if first else f"{pages.school.honor_roll_title} (continued)")
            if first:
                c.setFillColor(GREY)
                intro = "Honorees by year of induction"
                fonts.draw_text(c, WIDTH / 2, y + 10, intro, 9.5, "center", fonts.SERIF_ITALIC)
            y = top
            for kind, value in chunk:
                if kind in ("year", "cont"):
                    c.setFillColor(NAVY)
                    label = str(value) if kind == "year" else f"{value} (continued)"
                    if kind == "cont":
                        y += 6
                    fonts.draw_text(c, MARGIN, y - 16, label, 11, "left", fonts.SERIF_BOLD)
                    c.setStrokeColor(GOLD)
                    c.setLineWidth(0.5)
                    c.line(MARGIN, y - 20, WIDTH - MARGIN, y - 20)
                    y -= heights["year"] if kind == "year" else 24
                    continue
                assert isinstance(value, HonorRollEntry)
                name = " ".join(p for p in (value.rank, value.name) if p)
                country_w = fonts.text_width(value.country, 8.5, fonts.SANS)
                c.setFillColor(INK)
                size = fonts.fit_size(name, 9.5, TEXT_W - country_w - 10, fonts.SERIF_BOLD, 6)
                fonts.draw_text(c, MARGIN + 6, y - 9, name, size, "left", fonts.SERIF_BOLD)
                c.setFillColor(GREY)
                fonts.draw_text(c, WIDTH - MARGIN, y - 9, value.country, 8.5, "right", fonts.SANS)
                if value.position:
                    size = fonts.fit_size(value.position, 8.5, TEXT_W - 6, fonts.SERIF_ITALIC, 6)
                    fonts.draw_text(c, MARGIN + 6, y - 19, value.position, size, "left", fonts.SERIF_ITALIC)
                y -= heights["entry"]

        pages.add(draw)
        start = end
        first = False


def _back_cover(school: SchoolInfo, data: ProgramData) -> PageFn:
    def draw(c: Any) -> None:
        y = 330.0
        if data.back_cover_note:
            c.setFillColor(INK)
            for para in paragraphs(data.back_cover_note):
                for line in fonts.wrap_lines(para, 11, TEXT_W - 30, fonts.SERIF_ITALIC):
                    fonts.draw_text(c, WIDTH / 2, y, line, 11, "center", fonts.SERIF_ITALIC)
                    y -= 15
                y -= 8
        seal = 64.0
        c.drawImage(seal_image(school), WIDTH / 2 - seal / 2, 120, seal, seal, mask="auto")
        c.setFillColor(NAVY)
        fonts.draw_text(c, WIDTH / 2, 100, school.school_name, 10, "center", fonts.SERIF_BOLD)
        fonts.draw_text(c, WIDTH / 2, 86, school.parent_organisation, 9.5, "center", fonts.SERIF)
        if school.location:
            c.setFillColor(GREY)
            fonts.draw_text(c, WIDTH / 2, 72, school.location, 9, "center", fonts.SERIF_ITALIC)

    return draw


def program_pages(data: ProgramData, school: SchoolInfo, booklet: bool = False) -> list[PageFn | None]:
    """The program's pages in reading order (None: a blank page added to fill the booklet)."""
    fonts.register_fonts()
    pages = _Pages(school, data)
    pages.add(_cover(school, data), numbered=False)
    _events(pages)
    if data.inductees:
        _biographies(pages, data.inductees)
    if data.honor_roll:
        _honor_roll(pages, data.honor_roll)
    result: list[PageFn | None] = list(pages.fns)
    if booklet:
        result.extend([None] * ((-(len(result) + 1)) % 4))
    result.append(_back_cover(school, data))
    return result


def ceremony_program(data: ProgramData, school: SchoolInfo, out: Output, booklet: bool = False,
                     progress: Progress | None = None) -> int:
    """Write the ceremony program; returns the PDF page count (booklet: sheet sides, two pages each).

    Plain: half-letter portrait pages. Booklet: landscape letter sheets, two pages per side in
    saddle-stitch order, padded with blank pages before the back cover to a multiple of four.
    """
    require_drawable([data], school)
    pages = program_pages(data, school, booklet)
    title = f"{data.title}: program"
    if not booklet:
        c = open_canvas(out, HALF_LETTER, title, school.school_name)
        for n, page in enumerate(pages, 1):
            if page is not None:
                page(c)
            c.showPage()
            tick(progress, n, len(pages))
        c.save()
        return len(pages)
    sheet_w, sheet_h = letter[1], letter[0]
    c = open_canvas(out, (sheet_w, sheet_h), title, school.school_name)
    names: dict[int, str] = {}
    for i, page in enumerate(pages):
        if page is not None:
            names[i] = f"program-page-{i}"
            c.beginForm(names[i], 0, 0, WIDTH, HEIGHT)
            page(c)
            c.endForm()
    sides = booklet_order(len(pages))
    for n, (left, right) in enumerate(sides, 1):
        for index, offset in ((left, 0.0), (right, sheet_w / 2)):
            if index is not None and index in names:
                c.saveState()
                c.translate(offset + (sheet_w / 2 - WIDTH) / 2, (sheet_h - HEIGHT) / 2)
                c.doForm(names[index])
                c.restoreState()
        c.showPage()
        tick(progress, n, len(sides))
    c.save()
    return len(sides)
