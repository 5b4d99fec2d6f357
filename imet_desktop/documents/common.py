"""What every document shares: paper sizes, the canvas, the pre-print check, cancel, seal, frames."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from imet_desktop.documents import fonts
from imet_desktop.documents.data import PageSize, SchoolInfo
from imet_desktop.domain.progress import Progress
from imet_desktop.paths import resource

NAVY = HexColor("#1F2F55")
GOLD = HexColor("#A8833A")
INK = HexColor("#1B1B1B")
GREY = HexColor("#5A5A5A")
RULE = HexColor("#B9B9B9")

INCH = 72.0
HALF_LETTER = (5.5 * INCH, 8.5 * INCH)

Output = BinaryIO | Path
__all__ = ["Output", "Progress"]  # Progress (domain.progress) is what every document takes


class Checkable(Protocol):
    """A document record: a label and the values it prints."""

    @property
    def record(self) -> str: ...

    def texts(self) -> Iterator[tuple[str, str]]: ...


def page_size(name: PageSize, landscape: bool = False) -> tuple[float, float]:
    """Points of a paper size, portrait or landscape."""
    w, h = A4 if name == "A4" else letter
    return (max(w, h), min(w, h)) if landscape else (min(w, h), max(w, h))


def require_drawable(items: Iterable[Checkable], school: SchoolInfo | None = None) -> None:
    """The pre-print check for a batch: raise fonts.UndrawableTextError listing every undrawable character."""
    texts: list[tuple[str, str, str]] = []
    if school is not None:
        texts.extend(("School settings", label, value) for label, value in school.texts())
    for item in items:
        texts.extend((item.record, label, value) for label, value in item.texts())
    fonts.require_drawable(texts)


def open_canvas(out: Output, size: tuple[float, float], title: str, author: str = "") -> Any:
    """A ReportLab canvas writing to a path or a binary stream (written only at save)."""
    fonts.register_fonts()
    target: Any = str(out) if isinstance(out, Path) else out
    c = Canvas(target, pagesize=size, pageCompression=1, invariant=0)
    c.setTitle(title)
    c.setAuthor(author or "IMET Desktop")
    c.setCreator("IMET Desktop")
    return c


def tick(progress: Progress | None, done: int, total: int) -> None:
    """Report how many pages are done; a cancelled job's progress raises Cancelled here (nothing is written)."""
    if progress is not None:
        progress(done, total)


@functools.lru_cache(maxsize=8)
def _reader(path: str, mtime: float) -> ImageReader:
    return ImageReader(path)


def seal_image(school: SchoolInfo) -> ImageReader:
    """The school's seal (its own image, or the bundled one), one ImageReader per file."""
    path = school.seal_path if school.seal_path is not None else resource("images", "seal.png")
    return _reader(str(path), path.stat().st_mtime)


def draw_frame(c: Any, width: float, height: float, margin: float = 0.42 * INCH) -> None:
    """A certificate border: outer and inner rules, a chain of diamonds between, corner rosettes."""
    c.saveState()
    outer = margin
    inner = margin + 16
    c.setStrokeColor(NAVY)
    c.setLineWidth(2.2)
    c.rect(outer, outer, width - 2 * outer, height - 2 * outer)
    c.setLineWidth(0.8)
    c.rect(inner, inner, width - 2 * inner, height - 2 * inner)
    c.setStrokeColor(GOLD)
    c.setLineWidth(0.5)
    c.rect(inner + 4, inner + 4, width - 2 * inner - 8, height - 2 * inner - 8)
    # chain of small diamonds in the band between the rules
    mid = (outer + inner) / 2
    band = 4.2
    c.setFillColor(GOLD)
    path = c.beginPath()
    for y in (mid, height - mid):
        x0, x1 = outer + 22, width - outer - 22
        n = int((x1 - x0) / 12)
        step = (x1 - x0) / n
        for i in range(n + 1):
            _diamond(path, x0 + i * step, y, band)
    for x in (mid, width - mid):
        y0, y1 = outer + 22, height - outer - 22
        n = int((y1 - y0) / 12)
        step = (y1 - y0) / n
        for i in range(n + 1):
            _diamond(path, x, y0 + i * step, band)
    c.drawPath(path, stroke=0, fill=1)
    for cx, cy in ((mid, mid), (width - mid, mid), (mid, height - mid), (width - mid, height - mid)):
        _rosette(c, cx, cy)
    c.restoreState()


def _diamond(path: Any, x: float, y: float, r: float) -> None:
    path.moveTo(x, y + r)
    path.lineTo(x + r * 0.6, y)
    path.lineTo(x, y - r)
    path.lineTo(x - r * 0.6, y)
    path.close()


def _rosette(c: Any, cx: float, cy: float) -> None:
    """A corner ornament: a square on point, a ring and an eight-petal star."""
    c.setFillColor(HexColor("#FFFFFF"))
    c.setStrokeColor(NAVY)
    c.setLineWidth(1.2)
    c.rect(cx - 12, cy - 12, 24, 24, stroke=1, fill=1)
    c.setStrokeColor(GOLD)
    c.setLineWidth(0.6)
    c.circle(cx, cy, 9, stroke=1, fill=0)
    path = c.beginPath()
    for i in range(16):
        r = 8.0 if i % 2 == 0 else 3.0
        a = math.radians(i * 22.5)
        x, y = cx + r * math.cos(a), cy + r * math.sin(a)
        if i == 0:
            path.moveTo(x, y)
        else:
            path.lineTo(x, y)
    path.close()
    c.setFillColor(GOLD)
    c.drawPath(path, stroke=0, fill=1)
    c.setFillColor(NAVY)
    c.circle(cx, cy, 1.8, stroke=0, fill=1)


def draw_lines(c: Any, x: float, y: float, lines: Iterable[str], size: float, leading: float,
               align: fonts.Align = "left", style: str = fonts.SERIF) -> float:
    """Draw lines downwards from baseline y; returns the baseline after the last line."""
    for line in lines:
        fonts.draw_text(c, x, y, line, size, align, style)
        y -= leading
    return y


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: split at blank lines, inner line breaks kept as spaces."""
    return [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def cui_banner(c: Any, width: float, height: float) -> None:
    """The CUI marking, top and bottom of a page carrying personal data."""
    c.saveState()
    c.setFillColor(INK)
    for y in (height - 20, 12):
        fonts.draw_text(c, width / 2, y, "CUI", 11, "center", fonts.SANS_BOLD)
    fonts.draw_text(c, width - 36, height - 20, "Controlled Unclassified Information (Privacy)", 7, "right",
                    fonts.SANS)
    c.restoreState()
