"""Ceremony paperwork: name tents, invitation letters, the MC script, the engraving order, the seating chart."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
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
    paragraphs,
    require_drawable,
    seal_image,
    tick,
)
from imet_desktop.documents.data import (
    EngravingOrderData,
    InvitationData,
    McScriptData,
    PlaceCardData,
    SchoolInfo,
    Seat,
    SeatingChartData,
    SeatingTable,
    SignatureBlock,
    format_date,
)


class _Flow:
    """A top-down cursor over portrait pages that starts a new page when the next block does not fit."""

    def __init__(self, c: Any, size: tuple[float, float], header: Callable[[Any, int], float],
                 bottom: float = 60.0) -> None:
        self.c = c
        self.width, self.height = size
        self.header = header
        self.bottom = bottom
        self.page = 1
        self.y = header(c, 1)

    def need(self, height: float) -> None:
        """Start a new page unless `height` points still fit above the bottom margin."""
        if self.y - height < self.bottom:
            self.c.showPage()
            self.page += 1
            self.y = self.header(self.c, self.page)

    def lines(self, x: float, lines: Sequence[str], size: float, leading: float, style: str,
              align: fonts.Align = "left") -> None:
        """Draw lines, breaking pages between them as needed."""
        for line in lines:
            self.need(leading)
            fonts.draw_text(self.c, x, self.y, line, size, align, style)
            self.y -= leading

    def finish(self) -> int:
        """End the last page; returns the page count."""
        self.c.showPage()
        return self.page


# --- name tents ---------------------------------------------------------------------------------

def _tent_face(c: Any, card: PlaceCardData, school: SchoolInfo, width: float, height: float) -> None:
    """One face of a name tent, upright, in the box (0, 0, width, height)."""
    c.setStrokeColor(GOLD)
    c.setLineWidth(0.8)
    c.rect(24, 24, width - 48, height - 48)
    seal = 46.0
    c.drawImage(seal_image(school), 40, height - 40 - seal, seal, seal, mask="auto")
    c.setFillColor(NAVY)
    usable = width - 120
    size = fonts.fit_size(card.name, 46, usable, fonts.SERIF_BOLD, 18)
    lines = [card.name] if fonts.text_width(card.name, size, fonts.SERIF_BOLD) <= usable else fonts.wrap_lines(
        card.name, size, usable, fonts.SERIF_BOLD)
    y = height / 2 + (10 if card.title or card.country else -size / 3) + (len(lines) - 1) * size * 0.55
    for line in lines:
        fonts.draw_text(c, width / 2, y, line, size, "center", fonts.SERIF_BOLD)
        y -= size * 1.1
    c.setFillColor(INK)
    y -= 8
    for text, base, style in ((card.title, 17, fonts.SERIF_ITALIC), (card.country, 16, fonts.SERIF)):
        if text:
            fonts.draw_text(c, width / 2, y, text, fonts.fit_size(text, base, usable, style, 8), "center", style)
            y -= base + 6


def place_cards(items: Sequence[PlaceCardData], school: SchoolInfo, out: Output,
                progress: Progress | None = None) -> int:
    """Folded name tents, one per landscape page: the name on both faces, the top face upside down."""
    require_drawable(items, school)
    width, height = page_size(school.page_size, landscape=True)
    c = open_canvas(out, (width, height), "Name tents", school.school_name)
    half = height / 2
    for n, card in enumerate(items, 1):
        _tent_face(c, card, school, width, half)  # front face, lower half
        c.saveState()
        c.translate(width, height)
        c.rotate(180)  # the back face reads correctly once the sheet is folded
        _tent_face(c, card, school, width, half)
        c.restoreState()
        c.setStrokeColor(RULE)
        c.setDash(4, 4)
        c.setLineWidth(0.5)
        c.line(12, half, width - 12, half)
        c.setDash()
        c.setFillColor(GREY)
        fonts.draw_text(c, width - 14, half + 3, "fold", 6.5, "right", fonts.SANS)
        c.showPage()
        tick(progress, n, len(items))
    c.save()
    return len(items)


# --- invitations --------------------------------------------------------------------------------

def _letterhead(c: Any, school: SchoolInfo, width: float, height: float) -> float:
    seal = 58.0
    c.drawImage(seal_image(school), 54, height - 48 - seal, seal, seal, mask="auto")
    c.setFillColor(NAVY)
    fonts.draw_text(c, 126, height - 66, school.parent_organisation.upper(), 11, "left", fonts.SANS_BOLD)
    fonts.draw_text(c, 126, height - 82, school.school_name, 12, "left", fonts.SERIF_BOLD)
    c.setFillColor(GREY)
    fonts.draw_text(c, 126, height - 96, school.location, 9.5, "left", fonts.SERIF_ITALIC)
    c.setStrokeColor(GOLD)
    c.setLineWidth(1)
    c.line(54, height - 116, width - 54, height - 116)
    return height - 150


def _invitation(c: Any, item: InvitationData, school: SchoolInfo, width: float, height: float) -> None:
    left, text_w = 72.0, width - 144.0
    y = _letterhead(c, school, width, height)
    c.setFillColor(INK)
    if item.letter_date:
        fonts.draw_text(c, width - 72, y, format_date(item.letter_date), 11, "right")
        y -= 30
    for line in (item.guest_name, item.guest_title, item.guest_organisation):
        if line:
            fonts.draw_text(c, left, y, line, fonts.fit_size(line, 11, text_w), "left")
            y -= 15
    y -= 18
    salutation = item.salutation or f"Dear {item.guest_name}"
    fonts.draw_text(c, left, y, f"{salutation},", 11, "left")
    y -= 24
    when = format_date(item.ceremony_date) + (f", at {item.ceremony_time}" if item.ceremony_time else "")
    where = f" in {item.venue}" if item.venue else ""
    body = [
        f"On behalf of {school.parent_organisation} and the {school.school_name}, it is my honor to invite you "
        f"to the {item.ceremony_title}, on {when}{where}.",
        f"The ceremony inducts into the {school.honor_roll_title} graduates of our schools who have risen to "
        "lead their nations' air forces. Their achievements honor their countries and the friendships formed "
        "here, and we would be delighted to have you with us to celebrate them.",
    ]
    if item.dress:
        body.append(f"Dress: {item.dress}.")
    rsvp = "Please reply"
    if item.rsvp_by:
        rsvp += f" by {format_date(item.rsvp_by)}"
    if item.rsvp_contact:
        rsvp += f" to {item.rsvp_contact}"
    body.append(rsvp + ", or return the slip below.")
    for para in body:
        for line in fonts.wrap_lines(para, 11, text_w):
            fonts.draw_text(c, left, y, line, 11, "left")
            y -= 15
        y -= 9
    y -= 6
    fonts.draw_text(c, left + text_w / 2, y, "Sincerely,", 11, "left")
    signer = item.signer or (school.signatories[0] if school.signatories else SignatureBlock(""))
    y -= 52
    for text, style in ((signer.name, fonts.SERIF_BOLD), (signer.rank, fonts.SERIF), (signer.title, fonts.SERIF)):
        if text:
            fonts.draw_text(c, left + text_w / 2, y, text, fonts.fit_size(text, 11, text_w / 2), "left", style)
            y -= 14
    # the RSVP slip
    slip = 150.0
    c.setStrokeColor(GREY)
    c.setDash(3, 3)
    c.line(36, slip, width - 36, slip)
    c.setDash()
    c.setFillColor(GREY)
    fonts.draw_text(c, width - 40, slip + 3, "detach and return", 7, "right", fonts.SANS)
    c.setFillColor(NAVY)
    fonts.draw_text(c, left, slip - 26, f"RSVP: {item.ceremony_title}", fonts.fit_size(
        f"RSVP: {item.ceremony_title}", 12, text_w, fonts.SERIF_BOLD), "left", fonts.SERIF_BOLD)
    c.setFillColor(INK)
    fonts.draw_text(c, left, slip - 46, item.guest_name, fonts.fit_size(item.guest_name, 11, text_w), "left")
    y = slip - 74
    for x, label in ((left, "will attend"), (left + 150, "regrets")):
        c.rect(x, y - 1, 9, 9)
        fonts.draw_text(c, x + 15, y, label, 10.5, "left")
    end = left + 270 + fonts.draw_text(c, left + 270, y, "Number attending:", 10.5, "left")
    c.line(end + 6, y - 2, end + 50, y - 2)
    y -= 28
    end = left + fonts.draw_text(c, left, y, "Dietary needs:", 10.5, "left")
    c.line(end + 6, y - 2, left + text_w, y - 2)
    if item.rsvp_by:
        y -= 22
        c.setFillColor(GREY)
        fonts.draw_text(c, left, y, f"Please reply by {format_date(item.rsvp_by)}.", 9.5, "left", fonts.SERIF_ITALIC)


def invitations(items: Sequence[InvitationData], school: SchoolInfo, out: Output,
                progress: Progress | None = None) -> int:
    """Invitation letters, one page per guest, each with a detachable RSVP slip; returns pages."""
    require_drawable(items, school)
    width, height = page_size(school.page_size)
    c = open_canvas(out, (width, height), "Invitations", school.school_name)
    for n, item in enumerate(items, 1):
        _invitation(c, item, school, width, height)
        c.showPage()
        tick(progress, n, len(items))
    c.save()
    return len(items)


# --- MC script ----------------------------------------------------------------------------------

def _simple_header(title: str, subtitle: str, size: tuple[float, float],
                   marking: str = "") -> Callable[[Any, int], float]:
    width, height = size

    def header(c: Any, page: int) -> float:
        c.setFillColor(NAVY)
        fonts.draw_text(c, 54, height - 50, title, fonts.fit_size(title, 15, width - 200, fonts.SANS_BOLD), "left",
                        fonts.SANS_BOLD)
        c.setFillColor(GREY)
        fonts.draw_text(c, 54, height - 66, subtitle, 9.5, "left", fonts.SANS)
        fonts.draw_text(c, width - 54, height - 50, f"Page {page}", 9, "right", fonts.SANS)
        if marking:
            fonts.draw_text(c, width - 54, height - 66, marking, 9, "right", fonts.SANS_BOLD)
        c.setStrokeColor(GOLD)
        c.setLineWidth(0.8)
        c.line(54, height - 76, width - 54, height - 76)
        return height - 104

    return header


def mc_script(data: McScriptData, school: SchoolInfo, out: Output) -> int:
    """The master of ceremonies' script: each step, the words to say, every inductee's name and pronunciation."""
    require_drawable([data], school)
    size = page_size(school.page_size)
    width = size[0]
    c = open_canvas(out, size, f"{data.title}: MC script", school.school_name)
    subtitle = "  ·  ".join(p for p in (format_date(data.ceremony_date), data.venue) if p)
    flow = _Flow(c, size, _simple_header(f"MC script: {data.title}", subtitle, size))
    left, text_w = 54.0, width - 108.0
    for item in data.items:
        if item.inductee is not None:  # keep the heading with its box
            citation_lines = len(fonts.wrap_lines(item.inductee.citation, 11.5, text_w - 72, fonts.SERIF_ITALIC))
            flow.need(110 + 15 * citation_lines)
        flow.need(60)
        c.setFillColor(NAVY)
        if item.time:
            fonts.draw_text(c, left, flow.y, item.time, 11, "left", fonts.SANS_BOLD)
        fonts.draw_text(c, left + 48, flow.y, item.title, fonts.fit_size(item.title, 13, text_w - 48, fonts.SANS_BOLD),
                        "left", fonts.SANS_BOLD)
        flow.y -= 16
        c.setFillColor(GREY)
        if item.who:
            flow.lines(left + 48, fonts.wrap_lines(item.who, 10, text_w - 48, fonts.SANS), 10, 13, fonts.SANS)
        c.setFillColor(INK)
        for para in paragraphs(item.script):
            flow.lines(left + 48, fonts.wrap_lines(para, 12, text_w - 48, fonts.SERIF), 12, 16, fonts.SERIF)
        if item.inductee is not None:
            person = item.inductee
            citation = fonts.wrap_lines(person.citation, 11.5, text_w - 72, fonts.SERIF_ITALIC)
            box_h = 78 + 15 * len(citation) + (16 if person.accepted_by else 0)
            flow.need(box_h + 10)
            top = flow.y + 6
            c.setStrokeColor(GOLD)
            c.setLineWidth(1)
            c.rect(left + 40, top - box_h, text_w - 40, box_h, stroke=1, fill=0)
            y = top - 24
            c.setFillColor(NAVY)
            name = " ".join(p for p in (person.rank, person.name) if p)
            fonts.draw_text(c, left + 56, y, name, fonts.fit_size(name, 16, text_w - 72, fonts.SERIF_BOLD), "left",
                            fonts.SERIF_BOLD)
            y -= 20
            c.setFillColor(INK)
            say = f"Say: {person.pronunciation}" if person.pronunciation else "Say: (no pronunciation recorded)"
            fonts.draw_text(c, left + 56, y, say, fonts.fit_size(say, 13, text_w - 72, fonts.SANS_BOLD), "left",
                            fonts.SANS_BOLD)
            y -= 17
            detail = ", ".join(p for p in (person.position, person.country) if p)
            fonts.draw_text(c, left + 56, y, detail, fonts.fit_size(detail, 11, text_w - 72, fonts.SERIF), "left")
            y -= 17
            for line in citation:
                fonts.draw_text(c, left + 56, y, line, 11.5, "left", fonts.SERIF_ITALIC)
                y -= 15
            if person.accepted_by:
                c.setFillColor(GREY)
                line = f"Accepting on the inductee's behalf: {person.accepted_by}"
                fonts.draw_text(c, left + 56, y, line, fonts.fit_size(line, 10.5, text_w - 72, fonts.SANS), "left",
                                fonts.SANS)
            flow.y = top - box_h - 10
        flow.y -= 14
    pages = flow.finish()
    c.save()
    return pages


# --- engraving order ----------------------------------------------------------------------------

def engraving_order(data: EngravingOrderData, school: SchoolInfo, out: Output) -> int:
    """The plaque engraving order: each inductee's lines exactly as they are to be engraved."""
    require_drawable([data], school)
    size = page_size(school.page_size)
    width = size[0]
    c = open_canvas(out, size, f"Engraving order: {data.plaque}", school.school_name)
    subtitle = f"{school.school_name}, {school.parent_organisation}"
    flow = _Flow(c, size, _simple_header("Plaque engraving order", subtitle, size))
    left, text_w = 54.0, width - 108.0
    c.setFillColor(INK)
    facts = (("Plaque", data.plaque), ("Ceremony", format_date(data.ceremony_date)),
             ("Needed by", format_date(data.needed_by)), ("Ordered by", data.ordered_by),
             ("Entries", str(len(data.entries))))
    for label, value in facts:
        if value:
            fonts.draw_text(c, left, flow.y, f"{label}:", 10.5, "left", fonts.SANS_BOLD)
            fonts.draw_text(c, left + 80, flow.y, value, fonts.fit_size(value, 10.5, text_w - 80), "left")
            flow.y -= 15
    if data.notes:
        flow.y -= 4
        c.setFillColor(GREY)
        flow.lines(left, fonts.wrap_lines(data.notes, 10, text_w, fonts.SERIF_ITALIC), 10, 13, fonts.SERIF_ITALIC)
    flow.y -= 10
    for n, entry in enumerate(data.entries, 1):
        lines = [(label, value) for label, value in (("Name", entry.name), ("Rank", entry.rank),
                                                     ("Country", entry.country), ("Position", entry.position),
                                                     ("Schools", entry.schools)) if value]
        box_h = 26 + 17 * len(lines)
        flow.need(box_h + 8)
        top = flow.y + 8
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.rect(left, top - box_h, text_w, box_h)
        c.setFillColor(NAVY)
        fonts.draw_text(c, left + 8, top - 16, f"Entry {n}", 9.5, "left", fonts.SANS_BOLD)
        c.setFillColor(GREY)
        fonts.draw_text(c, left + text_w - 8, top - 16, "proof checked against passport: ____", 8, "right", fonts.SANS)
        y = top - 34
        for label, value in lines:
            c.setFillColor(GREY)
            fonts.draw_text(c, left + 8, y, label, 9, "left", fonts.SANS)
            c.setFillColor(INK)
            size_v = fonts.fit_size(value, 12, text_w - 150, fonts.SERIF_BOLD, 6)
            fonts.draw_text(c, left + 70, y, value, size_v, "left", fonts.SERIF_BOLD)
            c.setFillColor(GREY)
            fonts.draw_text(c, left + text_w - 8, y, f"{len(value)} characters", 8, "right", fonts.SANS)
            y -= 17
        flow.y = top - box_h - 8
    flow.need(60)
    c.setFillColor(INK)
    flow.y -= 20
    for label in ("Approved (name, date):", "Engraver's proof returned:"):
        fonts.draw_text(c, left, flow.y, label, 10.5, "left", fonts.SANS)
        c.line(left + 150, flow.y - 2, left + text_w, flow.y - 2)
        flow.y -= 26
    pages = flow.finish()
    c.save()
    return pages


# --- seating chart ------------------------------------------------------------------------------

SEAT_ROW = 16.0  # a seat's name line; each line of title and country adds SEAT_DETAIL
SEAT_DETAIL = 10.0


def _seat_lines(seat: Seat, width: float) -> list[str]:
    detail = ", ".join(p for p in (seat.title, seat.country) if p)
    return fonts.wrap_lines(detail, 8, width, fonts.SERIF_ITALIC)[:2] if detail else []


def _ring(c: Any, table: SeatingTable, cx: float, top: float, max_radius: float) -> float:
    """The table drawn round with its numbered places (taken ones filled); returns the y below it."""
    places = max(table.places, 1)
    ring = min(max(60.0, places * 21.0 / (2 * math.pi)), max_radius)
    dot = max(3.5, min(9.0, math.pi * ring / places - 1.5))
    r = ring - dot - 7
    cy = top - ring - dot - 4
    c.setStrokeColor(NAVY)
    c.setLineWidth(1.2)
    c.circle(cx, cy, r, stroke=1, fill=0)
    c.setFillColor(NAVY)
    for n, line in enumerate(fonts.wrap_lines(table.name, 11, 2 * r - 16, fonts.SANS_BOLD)[:2]):
        fonts.draw_text(c, cx, cy - 4 - 13 * n, line, fonts.fit_size(line, 11, 2 * r - 12, fonts.SANS_BOLD, 6),
                        "center", fonts.SANS_BOLD)
    taken = {s.number for s in table.seats}
    for i in range(places):
        number = i + 1
        a = math.radians(90 - 360 * i / places)
        sx, sy = cx + ring * math.cos(a), cy + ring * math.sin(a)
        c.setLineWidth(0.8)
        c.setStrokeColor(GOLD)
        if number in taken:
            c.setFillColor(GOLD)
            c.circle(sx, sy, dot, stroke=0, fill=1)
            c.setFillColor(white)
        else:
            c.setFillColor(white)
            c.circle(sx, sy, dot, stroke=1, fill=1)
            c.setFillColor(GREY)
        size = min(8.5, dot * 0.95)
        fonts.draw_text(c, sx, sy - size * 0.35, str(number), size, "center", fonts.SANS_BOLD)
    return cy - ring - dot - 14


def seating_chart(data: SeatingChartData, school: SchoolInfo, out: Output, progress: Progress | None = None) -> int:
    """The seating chart: each table drawn round with numbered seats, and who sits in each seat.

    Three columns a page; a table's list of guests that does not fit its column continues in the
    next column (and the next page), headed "<table> (continued)".
    """
    require_drawable([data], school)
    width, height = page_size(school.page_size, landscape=True)
    c = open_canvas(out, (width, height), f"{data.title}: seating", school.school_name)
    subtitle = "  ·  ".join(p for p in (format_date(data.ceremony_date), data.venue) if p)
    header = _simple_header(f"Seating chart: {data.title}", subtitle, (width, height))
    columns = 3
    col_w = (width - 108) / columns
    name_w = col_w - 44
    bottom = 44.0
    top = height - 96
    page = 1
    column = 0
    y = header(c, page) + 8

    def next_column() -> None:
        nonlocal column, page, y
        column += 1
        if column == columns:
            c.showPage()
            page += 1
            column = 0
            header(c, page)
        y = top

    for n, table in enumerate(data.tables):
        if n:
            next_column()  # each table starts a column of its own
        left = 54 + col_w * column
        y = _ring(c, table, left + col_w / 2, y, col_w / 2 - 12)
        if not table.seats:
            c.setFillColor(GREY)
            fonts.draw_text(c, left + col_w / 2, y, "no one seated yet", 9, "center", fonts.SERIF_ITALIC)
        for seat in sorted(table.seats, key=lambda s: s.number):
            lines = _seat_lines(seat, name_w)
            if y - SEAT_ROW - SEAT_DETAIL * len(lines) < bottom:
                next_column()
                left = 54 + col_w * column
                c.setFillColor(NAVY)
                label = f"{table.name} (continued)"
                fonts.draw_text(c, left + col_w / 2, y, label, fonts.fit_size(label, 11, col_w - 10, fonts.SANS_BOLD),
                                "center", fonts.SANS_BOLD)
                y -= 24
            c.setFillColor(NAVY)
            fonts.draw_text(c, left + 14, y, str(seat.number), 9, "left", fonts.SANS_BOLD)
            c.setFillColor(INK)
            fonts.draw_text(c, left + 32, y, seat.name, fonts.fit_size(seat.name, 9.5, name_w, fonts.SERIF_BOLD, 5.5),
                            "left", fonts.SERIF_BOLD)
            c.setFillColor(GREY)
            for k, line in enumerate(lines):
                fonts.draw_text(c, left + 32, y - 11 - SEAT_DETAIL * k, line,
                                fonts.fit_size(line, 8, name_w, fonts.SERIF_ITALIC, 5), "left", fonts.SERIF_ITALIC)
            y -= SEAT_ROW + SEAT_DETAIL * max(len(lines), 1)
    c.showPage()
    tick(progress, page, page)
    c.save()
    return page
