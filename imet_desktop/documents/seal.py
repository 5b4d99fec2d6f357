"""The bundled seal: original, fictional artwork drawn here with canvas lines (resources/images/seal.png).

Run `python -m imet_desktop.documents.seal OUT.png` to redraw the PNG (needs poppler's pdftocairo).
Offices replace the seal with their own image through the settings (SchoolInfo.seal_path).
"""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from imet_desktop.documents import fonts

NAVY = HexColor("#1F2F55")
GOLD = HexColor("#B08D3C")
WHITE = HexColor("#FFFFFF")


def _ring_text(c: Any, cx: float, cy: float, radius: float, text: str, size: float, centre_deg: float,
               clockwise: bool = True) -> None:
    """Letters along a circle centred on centre_deg, each upright relative to the circle."""
    font = fonts.font_name(fonts.SERIF_BOLD)
    widths = [c.stringWidth(ch, font, size) * 1.08 for ch in text]
    total = sum(widths) / radius
    angle = math.radians(centre_deg) + (total / 2 if clockwise else -total / 2)
    for ch, w in zip(text, widths, strict=True):
        half = (w / 2) / radius
        angle += -half if clockwise else half
        c.saveState()
        c.translate(cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        c.rotate(math.degrees(angle) + (-90 if clockwise else 90))
        c.setFont(font, size)
        c.drawCentredString(0, 0, ch)
        c.restoreState()
        angle += -half if clockwise else half


def _star(c: Any, cx: float, cy: float, r: float, color: Color) -> None:
    path = c.beginPath()
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.4
        a = math.radians(90 + i * 36)
        x, y = cx + rr * math.cos(a), cy + rr * math.sin(a)
        if i == 0:
            path.moveTo(x, y)
        else:
            path.lineTo(x, y)
    path.close()
    c.setFillColor(color)
    c.drawPath(path, stroke=0, fill=1)


def draw_seal(c: Any, cx: float, cy: float, r: float) -> None:
    """Draw the fictional seal centred at (cx, cy) with radius r."""
    fonts.register_fonts()
    c.saveState()
    c.setFillColor(NAVY)
    c.circle(cx, cy, r, stroke=0, fill=1)
    c.setStrokeColor(GOLD)
    c.setLineWidth(r * 0.025)
    c.circle(cx, cy, r * 0.96, stroke=1, fill=0)
    c.circle(cx, cy, r * 0.66, stroke=1, fill=0)
    # rope of dots between the rings
    c.setFillColor(GOLD)
    for i in range(72):
        a = math.radians(i * 5)
        c.circle(cx + r * 0.985 * math.cos(a), cy + r * 0.985 * math.sin(a), r * 0.012, stroke=0, fill=1)
    c.setFillColor(WHITE)
    _ring_text(c, cx, cy, r * 0.76, "INTERNATIONAL OFFICER SCHOOL", r * 0.12, 90, clockwise=True)
    _ring_text(c, cx, cy, r * 0.87, "HONOR ROLL", r * 0.12, 270, clockwise=False)
    for deg in (212, 328):
        a = math.radians(deg)
        _star(c, cx + r * 0.81 * math.cos(a), cy + r * 0.81 * math.sin(a), r * 0.06, GOLD)
    # centre: a globe of meridians and parallels, a wing chevron and a star
    inner = r * 0.58
    c.setFillColor(HexColor("#2D447A"))
    c.circle(cx, cy, inner, stroke=0, fill=1)
    c.setStrokeColor(HexColor("#8FA3CF"))
    c.setLineWidth(r * 0.012)
    c.circle(cx, cy, inner * 0.8, stroke=1, fill=0)
    for k in (0.25, 0.55):
        c.ellipse(cx - inner * 0.8 * k, cy - inner * 0.8, cx + inner * 0.8 * k, cy + inner * 0.8, stroke=1, fill=0)
    c.line(cx, cy - inner * 0.8, cx, cy + inner * 0.8)
    for k in (-0.5, 0.0, 0.5):
        half = inner * 0.8 * math.sqrt(1 - k * k)
        c.line(cx - half, cy + inner * 0.8 * k, cx + half, cy + inner * 0.8 * k)
    wing = c.beginPath()
    w = inner * 0.95
    wing.moveTo(cx - w, cy - inner * 0.05)
    wing.lineTo(cx, cy - inner * 0.45)
    wing.lineTo(cx + w, cy - inner * 0.05)
    wing.lineTo(cx + w * 0.8, cy - inner * 0.22)
    wing.lineTo(cx, cy - inner * 0.62)
    wing.lineTo(cx - w * 0.8, cy - inner * 0.22)
    wing.close()
    c.setFillColor(GOLD)
    c.drawPath(wing, stroke=0, fill=1)
    _star(c, cx, cy + inner * 0.28, inner * 0.36, GOLD)
    c.setFillColor(WHITE)
    c.setFont(fonts.font_name(fonts.SERIF_BOLD), r * 0.1)
    c.drawCentredString(cx, cy - inner * 0.86, "MCMLXXXV")
    c.restoreState()


def write_png(out: Path, pixels: int = 600) -> None:
    """Render the seal to a transparent PNG of pixels x pixels (needs pdftocairo)."""
    tool = shutil.which("pdftocairo")
    if tool is None:
        raise RuntimeError("pdftocairo (poppler-utils) is needed to redraw the seal PNG")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "seal.pdf"
        c = Canvas(str(pdf), pagesize=(72, 72))
        draw_seal(c, 36, 36, 35.5)
        c.showPage()
        c.save()
        subprocess.run([tool, "-png", "-transp", "-singlefile", "-r", str(pixels), str(pdf),
                        str(Path(tmp) / "seal")], check=True)
        shutil.copyfile(Path(tmp) / "seal.png", out)


if __name__ == "__main__":
    write_png(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("seal.png"))
