"""Document speed: 1,000 mixed-script certificates against a plain Helvetica floor, and a program booklet.

Run: /work/venv/bin/python benchmarks/documents.py   (targets: >= 1,000 pages/s, >= 0.6x the floor,
booklet with 400 Honor Roll entries and 25 biographies under 2 s)
"""

from __future__ import annotations

import io
import time
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from imet_desktop.documents import fonts, samples
from imet_desktop.documents.certificate import induction_certificates
from imet_desktop.documents.common import draw_frame, page_size, seal_image
from imet_desktop.documents.data import CertificateData, SchoolInfo, format_date
from imet_desktop.documents.program import ceremony_program

COUNT = 1000


def plain_certificates(items: list[CertificateData], school: SchoolInfo) -> int:
    """The floor: the same layout in Helvetica, no script handling, same static form and seal."""
    width, height = page_size(school.page_size, landscape=True)
    c: Any = Canvas(io.BytesIO(), pagesize=(width, height))
    c.beginForm("static")
    draw_frame(c, width, height)
    c.drawImage(seal_image(school), width / 2 - 33, height - 128, 66, 66, mask="auto")
    c.setFont("Helvetica-Bold", 10.5)
    c.drawCentredString(width / 2, height - 152, f"{school.parent_organisation} · {school.school_name}".upper())
    c.setFont("Helvetica-Bold", 30)
    c.drawCentredString(width / 2, height - 186, school.honor_roll_title)
    c.endForm()
    x = width / 2
    for item in items:
        c.doForm("static")
        y = height - 232
        for text, font, size, step in (("This is to certify that", "Helvetica-Oblique", 13, 26),
                                       (item.rank, "Helvetica", 15, 36), (item.name_latin, "Helvetica-Bold", 32, 30),
                                       (item.name_native.encode("latin-1", "replace").decode("latin-1"),
                                        "Helvetica", 21, 28),
                                       (item.position, "Helvetica-Oblique", 14, 20),
                                       (item.country, "Helvetica-Bold", 13, 28)):
            c.setFont(font, size)
            c.drawCentredString(x, y, text)
            y -= step
        c.setFont("Helvetica", 12.5)
        for line in (f"graduate of the {item.schools}, is hereby inducted into the {school.honor_roll_title}",
                     f"of {school.parent_organisation}, in recognition of service at the highest level",
                     "of the nation's air force and of enduring friendship with the United States Air Force."):
            c.drawCentredString(x, y, line)
            y -= 17
        c.setFont("Helvetica-Oblique", 12)
        c.drawCentredString(x, y - 6, f"Given at {item.ceremony_place}, on {format_date(item.ceremony_date)}")
        for i, block in enumerate(school.signatories):
            cx = 136 + 260 * i
            c.line(cx - 95, 118, cx + 95, 118)
            for j, (text, font) in enumerate(((block.name, "Helvetica-Bold"), (block.rank, "Helvetica"),
                                              (block.title, "Helvetica-Oblique"))):
                c.setFont(font, 10 if j else 10.5)
                c.drawCentredString(cx, 104 - 12 * j, text)
        c.showPage()
    c.save()
    return len(items)


def timed(fn: Any) -> tuple[float, int]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, int(result)


def main() -> None:
    fonts.register_fonts()
    items = samples.certificates(COUNT)
    school = samples.SCHOOL
    induction_certificates(items[:20], school, io.BytesIO())  # warm up: font tables, caches
    plain_certificates(items[:20], school)
    best_plain = best_ours = float("inf")
    for _ in range(3):  # interleaved, best of three, so both see the same machine
        seconds, _pages = timed(lambda: plain_certificates(items, school))
        best_plain = min(best_plain, seconds)
        seconds, _pages = timed(lambda: induction_certificates(items, school, io.BytesIO()))
        best_ours = min(best_ours, seconds)
    program = samples.program(honorees=400, biographies=25)
    best_booklet = float("inf")
    sides = 0
    for _ in range(3):
        seconds, sides = timed(lambda: ceremony_program(program, school, io.BytesIO(), booklet=True))
        best_booklet = min(best_booklet, seconds)
    ours_rate, plain_rate = COUNT / best_ours, COUNT / best_plain
    print(f"{'measurement':<48}{'result':>14}{'target':>14}")
    print(f"{'1,000 mixed-script certificates, pages/s':<48}{ours_rate:>14,.0f}{'>= 1,000':>14}")
    print(f"{'plain Helvetica floor, pages/s':<48}{plain_rate:>14,.0f}{'':>14}")
    print(f"{'ratio to the floor':<48}{ours_rate / plain_rate:>14.2f}{'>= 0.60':>14}")
    print(f"{f'booklet: 400 honorees, 25 bios ({sides} sides), s':<48}{best_booklet:>14.2f}{'< 2.00':>14}")


if __name__ == "__main__":
    main()
