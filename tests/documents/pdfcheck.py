"""Helpers for reading back the PDFs the documents layer writes."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pdfplumber
import pytest


def page_texts(pdf: Path) -> list[str]:
    """The extracted text of every page."""
    with pdfplumber.open(pdf) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def page_count(pdf: Path) -> int:
    """How many pages the PDF has."""
    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


def ink_fraction(png: Path) -> float:
    """Share of non-white pixels in an 8-bit RGB/RGBA/grey PNG, decoded with zlib only."""
    data = png.read_bytes()
    pos, idat, width, height, colour = 8, b"", 0, 0, 2
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, _depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    inked = 0
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else up_left)
                line[i] = (line[i] + pred) & 0xFF
        for px in range(0, stride, channels):
            if min(line[px:px + min(channels, 3)]) < 200:
                inked += 1
        previous = line
    return inked / (width * height)


def render_pngs(pdf: Path, out_dir: Path, dpi: int = 30) -> list[Path]:
    """Pages as PNG through poppler's pdftoppm (the test is skipped without it)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run([tool, "-png", "-r", str(dpi), str(pdf), str(out_dir / "page")], check=True)
    return sorted(out_dir.glob("page-*.png"))
