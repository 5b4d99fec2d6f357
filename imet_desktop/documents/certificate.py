"""Honor Roll induction certificates and course completion certificates (one landscape page each).

The frame, seal and headings are the same on every page of a batch: they are drawn once into a
PDF form (XObject) and placed on each page, so the seal and the frame are stored once per file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from imet_desktop.documents import fonts
from imet_desktop.documents.common import (
    GOLD,
    GREY,
    INK,
    NAVY,
    Output,
    Progress,
    draw_frame,
    open_canvas,
    page_size,
    require_drawable,
    seal_image,
    tick,
)
from imet_desktop.documents.data import CertificateData, CourseCertificateData, SchoolInfo, SignatureBlock, format_date

TEXT_WIDTH = 600.0


def _static_layer(c: Any, school: SchoolInfo, width: float, height: float, heading: str, title: str) -> str:
    """Draw the frame, seal and headings once as a form; returns the form's name."""
    name = "certificate-static"
    c.beginForm(name)
    draw_frame(c, width, height)
    seal = 66.0
    c.drawImage(seal_image(school), width / 2 - seal / 2, height - 128, seal, seal, mask="auto")
    c.setFillColor(NAVY)
    fonts.draw_text(c, width / 2, height - 152, heading, 10.5, "center", fonts.SANS_BOLD)
    size = fonts.fit_size(title, 30, TEXT_WIDTH, fonts.SERIF_BOLD)
    fonts.draw_text(c, width / 2, height - 186, title, size, "center", fonts.SERIF_BOLD)
    _divider(c, width / 2, height - 202)
    c.endForm()
    return name


def _divider(c: Any, x: float, y: float) -> None:
    """A short gold rule with a diamond in the middle."""
    c.saveState()
    c.setStrokeColor(GOLD)
    c.setLineWidth(0.8)
    c.line(x - 120, y, x - 8, y)
    c.line(x + 8, y, x + 120, y)
    c.setFillColor(GOLD)
    path = c.beginPath()
    path.moveTo(x, y + 4)
    path.lineTo(x + 5, y)
    path.lineTo(x, y - 4)
    path.lineTo(x - 5, y)
    path.close()
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def _centred(c: Any, x: float, y: float, text: str, size: float, style: str, min_size: float = 8.0,
             repeated: _Repeated | None = None) -> None:
    """One centred line, shrunk to fit the text width (in the fill colour already set: a form placed on the
    page draws in the page's colour); a line many pages of the batch print is drawn once, as a form."""
    if not text:
        return

    def draw() -> None:
        fonts.draw_text(c, x, y, text, fonts.fit_size(text, size, TEXT_WIDTH, style, min_size), "center", style)

    if repeated is not None and text in repeated.common:
        repeated.place(("line", text, x, y, size, style, min_size), draw)
    else:
        draw()


class _Repeated:
    """What many pages of a batch draw alike (the signature blocks, "This is to certify that", the place and
    date): each drawn once into a form and placed on every page that has it. Text is the slow part of a page
    (ReportLab formats it in Python); a batch of 1,000 certificates draws a dozen of these instead of 7,000."""

    def __init__(self, c: Any, common: Iterable[str] = ()) -> None:
        self.c = c
        self.names: dict[Hashable, str] = {}
        self.common = frozenset(common)  # lines (ranks, positions, countries) printed on several pages
    def place(self, key: Hashable, draw: Callable[[], None]) -> None:
        name = self.names.get(key)
        if name is None:
            name = f"repeated-{len(self.names)}"
            self.c.beginForm(name)  # ReportLab keeps the page being drawn aside meanwhile
            draw()
            self.c.endForm()
            self.names[key] = name
        self.c.doForm(name)


def _signatures(c: Any, width: float, blocks: Sequence[SignatureBlock], above: float,
                repeated: _Repeated | None = None) -> None:
    """Two or three signature blocks (a rule, then name, rank and title) below the baseline `above`."""
    shown = list(blocks[:3]) or [SignatureBlock(""), SignatureBlock("")]
    line_y = max(96.0, min(118.0, above - 32))  # A4 is shorter: move down, never into the frame
    if repeated is not None:
        repeated.place(("signatures", tuple(shown), line_y, width), lambda: _draw_signatures(c, width, shown, line_y))
    else:
        _draw_signatures(c, width, shown, line_y)


def _draw_signatures(c: Any, width: float, shown: Sequence[SignatureBlock], line_y: float) -> None:
    n = len(shown)
    span = min(width - 180, 220.0 * n + 60 * (n - 1))
    slot = span / n
    left = (width - span) / 2
    c.setLineWidth(0.6)
    for i, block in enumerate(shown):
        cx = left + slot * i + slot / 2
        half = min(95.0, slot / 2 - 14)
        c.setStrokeColor(INK)
        c.line(cx - half, line_y, cx + half, line_y)
        c.setFillColor(INK)
        y = line_y - 14
        for text, size, style in ((block.name, 10.5, fonts.SERIF_BOLD), (block.rank, 9.5, fonts.SERIF),
                                  (block.title, 9.5, fonts.SERIF_ITALIC)):
            if text:
                fonts.draw_text(c, cx, y, text, fonts.fit_size(text, size, 2 * half + 20, style, 6.5), "center", style)
                y -= 12


def _wrapped(c: Any, x: float, y: float, text: str, size: float, style: str, leading: float) -> float:
    """Centred text wrapped to the text width; returns the next baseline."""
    for line in fonts.wrap_lines(text, size, TEXT_WIDTH, style):
        fonts.draw_text(c, x, y, line, size, "center", style)
        y -= leading
    return y


def _certify_that(c: Any, x: float, y: float, rank: str, name_latin: str, name_native: str,
                  repeated: _Repeated | None = None) -> float:
    """"This is to certify that", the rank and the name (and the native-script name); the last baseline."""
    def certify() -> None:
        c.setFillColor(GREY)
        fonts.draw_text(c, x, y, "This is to certify that", 13, "center", fonts.SERIF_ITALIC)

    if repeated is not None:
        repeated.place(("certify", x, y), certify)
    else:
        certify()
    c.setFillColor(INK)
    y -= 26
    _centred(c, x, y, rank, 15, fonts.SERIF, repeated=repeated)
    y -= 40 if rank else 12
    c.setFillColor(NAVY)
    _centred(c, x, y, name_latin, 32, fonts.SERIF_BOLD, 14)
    if name_native:
        y -= 30
        _centred(c, x, y, name_native, 21, fonts.SERIF, 10)
    c.setFillColor(INK)
    return y


def _induction_page(c: Any, item: CertificateData, school: SchoolInfo, width: float, height: float,
                    repeated: _Repeated | None = None) -> None:
    x = width / 2
    y = _certify_that(c, x, height - 232, item.rank, item.name_latin, item.name_native, repeated)
    y -= 28
    _centred(c, x, y, item.position, 14, fonts.SERIF_ITALIC, repeated=repeated)
    y -= 20
    _centred(c, x, y, item.country, 13, fonts.SERIF_BOLD, repeated=repeated)
    y -= 28
    graduate = f"a graduate of the {item.schools}, " if item.schools else ""
    sentence = (f"{graduate}is hereby inducted into the {school.honor_roll_title} of "
                f"{school.parent_organisation}, in recognition of service at the highest level of "
                f"the nation's air force and of enduring friendship with the United States Air Force.")
    y = _sentence(c, x, y, sentence, repeated)
    y -= 6
    place = item.ceremony_place or school.location
    given = ", ".join(p for p in (f"Given at {place}" if place else "Given", f"on {format_date(item.ceremony_date)}"
                                  if item.ceremony_date else "") if p)
    _given(c, x, y, given, repeated)
    _signatures(c, width, item.signatories or school.signatories, y, repeated)


def _sentence(c: Any, x: float, y: float, sentence: str, repeated: _Repeated | None) -> float:
    """The induction sentence, wrapped and centred (most pages of a batch share it); the next baseline."""
    if repeated is None:
        return _wrapped(c, x, y, sentence, 12.5, fonts.SERIF, 17)

    def draw() -> None:
        _wrapped(c, x, y, sentence, 12.5, fonts.SERIF, 17)

    repeated.place(("sentence", sentence, x, y), draw)
    return y - 17 * len(fonts.wrap_lines(sentence, 12.5, TEXT_WIDTH, fonts.SERIF))


def _given(c: Any, x: float, y: float, given: str, repeated: _Repeated | None) -> None:
    """The place and date the certificate is given, in grey."""
    def draw() -> None:
        c.setFillColor(GREY)
        _centred(c, x, y, given, 12, fonts.SERIF_ITALIC)

    if repeated is not None:
        repeated.place(("given", given, x, y), draw)
    else:
        draw()


def _course_page(c: Any, item: CourseCertificateData, school: SchoolInfo, width: float, height: float,
                 repeated: _Repeated | None = None) -> None:
    x = width / 2
    y = _certify_that(c, x, height - 236, item.rank, item.name_latin, item.name_native, repeated)
    y -= 24
    _centred(c, x, y, item.country, 13, fonts.SERIF_BOLD)
    y -= 30
    c.setFillColor(GREY)
    fonts.draw_text(c, x, y, "has successfully completed", 13, "center", fonts.SERIF_ITALIC)
    y -= 30
    c.setFillColor(NAVY)
    _centred(c, x, y, item.course_title, 22, fonts.SERIF_BOLD)
    y -= 22
    c.setFillColor(INK)
    period = " to ".join(format_date(d) for d in (item.start_date, item.end_date) if d)
    _centred(c, x, y, "  ·  ".join(p for p in (item.class_designator, period) if p), 12, fonts.SERIF)
    if item.distinction:
        y -= 24
        c.setFillColor(GOLD)
        _centred(c, x, y, item.distinction, 14, fonts.SERIF_BOLD)
    y -= 28
    given = f"Given at {school.location}" if school.location else ""
    if item.end_date:
        given = f"{given}, on {format_date(item.end_date)}" if given else f"Given on {format_date(item.end_date)}"
    _given(c, x, y, given, repeated)
    _signatures(c, width, item.signatories or school.signatories, y, repeated)


def _shared_lines(lines: Iterable[Iterable[str]]) -> set[str]:
    """The lines printed on more than one page (a line on one page only is cheaper drawn than made a form)."""
    counts = Counter(text for page in lines for text in set(page) if text)
    return {text for text, n in counts.items() if n > 1}


def induction_certificates(items: Sequence[CertificateData], school: SchoolInfo, out: Output,
                           progress: Progress | None = None) -> int:
    """Write one Honor Roll induction certificate per inductee into one PDF; returns the page count.

    Raises fonts.UndrawableTextError (nothing written) when a name cannot be drawn, and
    Cancelled (nothing written) when the progress callable raises it (the clerk pressed Cancel).
    """
    require_drawable(items, school)
    width, height = page_size(school.page_size, landscape=True)
    c = open_canvas(out, (width, height), f"{school.honor_roll_title}: induction certificates",
                    school.school_name)
    heading = f"{school.parent_organisation}  ·  {school.school_name}".upper()
    form = _static_layer(c, school, width, height, heading, school.honor_roll_title)
    repeated = _Repeated(c, _shared_lines((i.rank, i.position, i.country) for i in items))
    total = len(items)
    for n, item in enumerate(items, 1):
        c.doForm(form)
        _induction_page(c, item, school, width, height, repeated)
        c.showPage()
        tick(progress, n, total)
    c.save()
    return total


def course_certificates(items: Sequence[CourseCertificateData], school: SchoolInfo, out: Output,
                        progress: Progress | None = None) -> int:
    """Write one course completion certificate per student into one PDF; returns the page count."""
    require_drawable(items, school)
    width, height = page_size(school.page_size, landscape=True)
    c = open_canvas(out, (width, height), "Certificates of completion", school.school_name)
    heading = f"{school.parent_organisation}  ·  {school.school_name}".upper()
    form = _static_layer(c, school, width, height, heading, "Certificate of Completion")
    repeated = _Repeated(c)
    total = len(items)
    for n, item in enumerate(items, 1):
        c.doForm(form)
        _course_page(c, item, school, width, height, repeated)
        c.showPage()
        tick(progress, n, total)
    c.save()
    return total
