"""Bundled fonts, text split into runs per font, right-to-left shaping, and the pre-print check.

ReportLab has no per-glyph font fallback: a character missing from the font prints as a box or
as nothing, silently. So every string drawn here is split, character by character, into runs of
the first bundled font that has the character; Arabic and Hebrew are shaped (arabic_reshaper) and
put in visual order (python-bidi) before drawing; Devanagari, Bengali and Thai are shaped with
HarfBuzz (uharfbuzz, through ReportLab's own shaping support). Before a document is made,
`check_drawable` lists every character that no bundled font can draw, and the document refuses
with `UndrawableTextError` rather than print a box.

Thread safety: ReportLab keeps fonts in a process-wide registry and is not thread-safe. Fonts are
registered once per process (`register_fonts`, idempotent, called on first use; it also switches
ReportLab to binary streams, `rl_config.useA85 = 0`, for speed); make every PDF on one thread at a
time (the PDF worker).
"""

from __future__ import annotations

import bisect
import functools
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import arabic_reshaper
from bidi import get_display
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from imet_desktop.domain.errors import UserError
from imet_desktop.paths import resource

Align = Literal["left", "center", "right"]

# Styles: the first font of each chain gives the look; the rest only fill in missing characters.
SERIF = "serif"
SERIF_BOLD = "serif-bold"
SERIF_ITALIC = "serif-italic"
SANS = "sans"
SANS_BOLD = "sans-bold"

# ReportLab font name -> (file in resources/fonts, subfont index of a .ttc)
_FILES: dict[str, tuple[str, int]] = {
    "IMET-Serif": ("DejaVuSerif.ttf", 0),
    "IMET-Serif-Bold": ("DejaVuSerif-Bold.ttf", 0),
    "IMET-Serif-Italic": ("DejaVuSerif-Italic.ttf", 0),
    "IMET-Sans": ("DejaVuSans.ttf", 0),
    "IMET-Sans-Bold": ("DejaVuSans-Bold.ttf", 0),
    "IMET-Hebrew": ("NotoSansHebrew-Regular.ttf", 0),
    "IMET-Thai": ("NotoSansThai-Regular.ttf", 0),
    "IMET-Devanagari": ("NotoSansDevanagari-Regular.ttf", 0),
    "IMET-Bengali": ("NotoSansBengali-Regular.ttf", 0),
    "IMET-CJK": ("wqy-microhei.ttc", 0),
}

_SCRIPT_FONTS = ("IMET-Hebrew", "IMET-Thai", "IMET-Devanagari", "IMET-Bengali", "IMET-CJK")


def _chain(*first: str) -> tuple[str, ...]:
    """The style's fonts first, then every other bundled font, so all styles cover the same characters."""
    rest = ("IMET-Serif", "IMET-Sans", *_SCRIPT_FONTS)
    return (*first, *(name for name in rest if name not in first))


_CHAINS: dict[str, tuple[str, ...]] = {
    SERIF: _chain("IMET-Serif", "IMET-Sans"),
    SERIF_BOLD: _chain("IMET-Serif-Bold", "IMET-Sans-Bold"),
    SERIF_ITALIC: _chain("IMET-Serif-Italic", "IMET-Serif", "IMET-Sans"),
    SANS: _chain("IMET-Sans"),
    SANS_BOLD: _chain("IMET-Sans-Bold", "IMET-Sans"),
}
# Fonts whose scripts need glyph reordering/conjuncts (HarfBuzz); without it Devanagari and
# Bengali print wrongly (pre-base vowel signs after the consonant), so they are refused then.
_SHAPED_FONTS = frozenset({"IMET-Thai", "IMET-Devanagari", "IMET-Bengali"})
_SHAPING_REQUIRED = frozenset({"IMET-Devanagari", "IMET-Bengali"})
# Hebrew reads better in Noto Sans Hebrew than in DejaVu's Hebrew, which would come first.
_PREFERRED = (((0x0590, 0x05FF), "IMET-Hebrew"), ((0xFB1D, 0xFB4F), "IMET-Hebrew"))
# Invisible format characters: never drawn, never reported.
_IGNORABLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2060\u2066\u2067\u2068\u2069\ufeff")

_registered = False
_loaded: set[str] = set()  # the bundled fonts read and registered with ReportLab so far
_pua_text: dict[tuple[str, int], str] = {}  # (face name, private code) -> the characters it stands for


class UndrawableTextError(UserError):
    """Raised by a document function when some text cannot be drawn with the bundled fonts."""

    def __init__(self, missing: list[MissingGlyph]) -> None:
        self.missing = missing
        lines = "\n".join(m.describe() for m in missing[:20])
        more = f"\n... and {len(missing) - 20} more" if len(missing) > 20 else ""
        super().__init__(f"{len(missing)} character(s) cannot be printed:\n{lines}{more}")


@dataclass(frozen=True, slots=True)
class MissingGlyph:
    """One character of one field of one record that no bundled font can draw."""

    record: str
    field: str
    name: str
    character: str
    code_point: int
    reason: str = "no bundled font has this character"

    @property
    def code(self) -> str:
        """The code point written the usual way, e.g. U+13000."""
        return f"U+{self.code_point:04X}"

    @property
    def character_name(self) -> str:
        """The Unicode name of the character, or '' when it has none."""
        return unicodedata.name(self.character, "")

    def describe(self) -> str:
        """One line for the clerk: which record, which field, which character and why."""
        label = f" {self.character_name}" if self.character_name else ""
        return (f"{self.record}, {self.field} {self.name!r}: character {self.character!r} "
                f"({self.code}{label}): {self.reason}")


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of one line in one font, in visual order, ready to draw."""

    font: str
    source: str  # the characters, in visual order
    text: str  # what is drawn: the same, or a ReportLab ShapedStr for HarfBuzz-shaped runs
    width: float  # advance at font size 1


def register_fonts() -> None:
    """Prepare ReportLab for the bundled fonts once per process (idempotent, not thread-safe).

    The fonts themselves are read when first needed (``_ensure``): a script's font when a text in
    that script is laid out, a style's font when the style is used. Which font has which character
    comes from resources/fonts/coverage.json (each font's character map, checked against the fonts
    by tests/documents/test_fonts.py), so choosing a font reads none: a batch of Latin names never
    reads the Chinese font (5 MB, 0.15 s), nor the Thai one.
    """
    global _registered
    if _registered:
        return
    pdfmetrics.registerFontFamily("IMET-Serif", normal="IMET-Serif", bold="IMET-Serif-Bold",
                                  italic="IMET-Serif-Italic", boldItalic="IMET-Serif-Bold")
    pdfmetrics.registerFontFamily("IMET-Sans", normal="IMET-Sans", bold="IMET-Sans-Bold",
                                  italic="IMET-Sans", boldItalic="IMET-Sans-Bold")
    _install_tounicode_patch()
    # Binary (Flate-only) streams: ReportLab's default ASCII85 layer is pure Python without the
    # optional rl_accel extension, costs a third of the time of a certificate batch and 25% in size.
    rl_config.useA85 = 0
    _registered = True


_FAMILIES = {"IMET-Serif": ("IMET-Serif", "IMET-Serif-Bold", "IMET-Serif-Italic"),
             "IMET-Sans": ("IMET-Sans", "IMET-Sans-Bold")}


def font_name(style: str) -> str:
    """The ReportLab name of a style's main font (for Paragraph styles and table cells), read and registered
    with its family (a Paragraph's <b> and <i> find their fonts)."""
    register_fonts()
    name = _CHAINS[style][0]
    for member in next((f for f in _FAMILIES.values() if name in f), (name,)):
        _ensure(member)
    return name


def _ensure(name: str) -> None:
    """Read one bundled font and register it with ReportLab, the first time it is needed."""
    if name in _loaded:
        return
    filename, index = _FILES[name]
    font = TTFont(name, str(resource("fonts", filename)), subfontIndex=index)
    if name not in _SHAPED_FONTS:
        font.shapable = False  # ReportLab would otherwise try HarfBuzz on these in Paragraphs
    pdfmetrics.registerFont(font)
    _loaded.add(name)


def loaded_fonts() -> frozenset[str]:
    """The bundled fonts read so far in this process."""
    return frozenset(_loaded)


def shaping_available() -> bool:
    """True when HarfBuzz (uharfbuzz) is importable, so Indic scripts can be printed."""
    return ttfonts.uharfbuzz is not None


COVERAGE_FILE = "coverage.json"


@functools.cache
def _coverage() -> dict[str, tuple[list[int], list[int]]]:
    """Each bundled font's characters as sorted (starts, ends) of code point ranges."""
    with resource("fonts", COVERAGE_FILE).open(encoding="utf-8") as f:
        ranges: dict[str, list[list[int]]] = json.load(f)["fonts"]
    return {name: ([r[0] for r in spans], [r[1] for r in spans]) for name, spans in ranges.items()}


def _covers(name: str, code: int) -> bool:
    """Whether a bundled font has a character (without reading the font)."""
    starts, ends = _coverage()[name]
    i = bisect.bisect_right(starts, code) - 1
    return i >= 0 and code <= ends[i]


def font_coverage() -> dict[str, list[list[int]]]:
    """Each bundled font's characters as code point ranges [first, last], read from the fonts themselves:
    what resources/fonts/coverage.json must hold (a test compares them; write it with write_coverage())."""
    result: dict[str, list[list[int]]] = {}
    for name, (filename, index) in _FILES.items():
        codes = sorted(TTFont(f"coverage-{name}", str(resource("fonts", filename)), subfontIndex=index)
                       .face.charToGlyph)
        spans: list[list[int]] = []
        for code in codes:
            if spans and code == spans[-1][1] + 1:
                spans[-1][1] = code
            else:
                spans.append([code, code])
        result[name] = spans
    return result


def write_coverage() -> None:
    """Write resources/fonts/coverage.json from the fonts (after a font is added or replaced)."""
    data = {"about": "Each bundled font's characters as code point ranges [first, last], by its ReportLab "
                     "name; made by imet_desktop.documents.fonts.write_coverage() from the fonts themselves.",
            "fonts": font_coverage()}
    path = resource("fonts") / COVERAGE_FILE
    path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


@functools.cache
def _font_for(ch: str, style: str) -> str | None:
    """The first font of the style's chain that has the character (cached per character; reads no font)."""
    code = ord(ch)
    for (low, high), preferred in _PREFERRED:
        if low <= code <= high and _covers(preferred, code):
            return preferred
    for name in _CHAINS[style]:
        if _covers(name, code):
            return name
    return None


def _is_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _is_neutral(ch: str) -> bool:
    """Spaces, punctuation, digits and marks stay in the current run's font when it has them."""
    return unicodedata.category(ch)[0] in "ZPNMS"


# Keep every mark the clerk typed (the default reshaper deletes harakat: a name is never cleaned),
# and spell out "Allah" letter by letter: its one-glyph ligature U+FDF2 is in no bundled font, which
# made a name as common as عبدالله unprintable.
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "ARABIC LIGATURE ALLAH": False})


@functools.lru_cache(maxsize=8192)
def visual(text: str) -> str:
    """The string as it is drawn: NFC, whitespace collapsed, Arabic shaped, right-to-left in visual order."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    if _is_rtl(text):
        if any(unicodedata.bidirectional(ch) == "AL" for ch in text):
            text = _RESHAPER.reshape(text)
        text = str(get_display(text))
    return text


def _split(text: str, style: str) -> list[tuple[str | None, str]]:
    runs: list[tuple[str | None, str]] = []
    current: str | None = None
    buf: list[str] = []
    for ch in text:
        if ch in _IGNORABLE and not (current in _SHAPED_FONTS and _covers(current or "", ord(ch))):
            continue  # joiners stay inside HarfBuzz runs, where they change the shaping
        if buf and current is not None and _is_neutral(ch) and _covers(current, ord(ch)):
            buf.append(ch)
            continue
        font = _font_for(ch, style)
        if font != current and buf:
            runs.append((current, "".join(buf)))
            buf = []
        current = font
        buf.append(ch)
    if buf:
        runs.append((current, "".join(buf)))
    return runs


def split_runs(text: str, style: str = SERIF) -> list[tuple[str, str]]:
    """Split text (logical order) into (font name, visual-order text) runs; raises on an undrawable character."""
    return [(run.font, run.source) for run in layout(text, style)]


@functools.lru_cache(maxsize=16384)
def layout(text: str, style: str = SERIF) -> tuple[Run, ...]:
    """The runs of one line of text, shaped and measured at size 1 (cached per text and style)."""
    register_fonts()
    runs: list[Run] = []
    for font, piece in _split(visual(text), style):
        if font is None:
            bad = next(ch for ch in piece if _font_for(ch, style) is None)
            raise UndrawableTextError([MissingGlyph("text", "text", text, bad, ord(bad))])
        _ensure(font)
        if font in _SHAPED_FONTS and shaping_available():
            shaped = _shape(piece, font)
            width = sum(d.x_advance for d in shaped.__shapeData__) / 1000.0
            runs.append(Run(font, piece, shaped, width))
        else:
            runs.append(Run(font, piece, piece, pdfmetrics.stringWidth(piece, font, 1.0)))
    return tuple(runs)


def _shape(piece: str, font: str) -> Any:
    """HarfBuzz-shape a run; remember which characters each private-use glyph stands for."""
    shaped = ttfonts.shapeStr(piece, font, 10.0)
    data = getattr(shaped, "__shapeData__", None)
    if data is None:
        return ttfonts.shapeStr(piece, font, 10.0, force=True)
    face_name = _face_name(font)
    cmap_chars = {ord(c) for c in piece}
    clusters = sorted({d.cluster for d in data if d.cluster >= 0})
    ends = {c: (clusters[i + 1] if i + 1 < len(clusters) else len(piece)) for i, c in enumerate(clusters)}
    by_cluster: dict[int, list[int]] = {}
    for i, d in enumerate(data):
        by_cluster.setdefault(d.cluster, []).append(i)
    for cluster, indexes in by_cluster.items():
        if cluster < 0:
            continue
        source = piece[cluster:ends[cluster]]
        remaining = list(source)
        for i in indexes:  # characters already drawn by ordinary glyphs
            code = ord(shaped[i])
            if code in cmap_chars and shaped[i] in remaining:
                remaining.remove(shaped[i])
        private = [i for i in indexes if 0xE000 <= ord(shaped[i]) <= 0xF8FF and ord(shaped[i]) not in cmap_chars]
        for n, i in enumerate(private):
            key = (face_name, ord(shaped[i]))
            if key in _pua_text:
                continue
            last = n == len(private) - 1  # the last private glyph of a cluster takes what is left
            meaning = "".join(remaining) if last else (remaining.pop(0) if remaining else "")
            _pua_text[key] = meaning or "\u200d"
    return shaped


def _face_name(font: str) -> str:
    face: Any = pdfmetrics.getFont(font).face
    return bytes(face.name).decode("latin-1") + bytes(face.subfontNameX).decode("latin-1")


def _install_tounicode_patch() -> None:
    """Make HarfBuzz's private glyphs (conjuncts, repositioned marks) extract as the characters they draw.

    ReportLab maps such glyphs to private-use code points in the font's ToUnicode table, so
    copy-paste and text search lose them. We wrap its ToUnicode builder to write the source
    characters instead (a CMap may map one code to several characters).
    """
    original = ttfonts.makeToUnicodeCMap
    if getattr(original, "_imet_patched", False):
        return

    def make_cmap(fontname: str, subset: list[int]) -> str:
        cmap: str = original(fontname, subset)
        face = fontname.split("+", 1)[-1]
        for i, code in enumerate(subset):
            meaning = _pua_text.get((face, code))
            if meaning:
                hexed = meaning.encode("utf-16-be").hex().upper()
                cmap = cmap.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{hexed}>", 1)
        return cmap

    make_cmap._imet_patched = True  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = make_cmap


def text_width(text: str, size: float, style: str = SERIF) -> float:
    """Width of one line of text in points."""
    return sum(run.width for run in layout(text, style)) * size


def fit_size(text: str, size: float, max_width: float, style: str = SERIF, min_size: float = 6.0) -> float:
    """The largest size up to `size` at which the line fits `max_width` (never below `min_size`)."""
    width = text_width(text, 1.0, style)
    if width <= 0 or width * size <= max_width:
        return size
    return max(min_size, max_width / width)


def draw_text(canvas: Any, x: float, y: float, text: str, size: float,
              align: Align = "left", style: str = SERIF) -> float:
    """Draw one line of text at (x, y), runs side by side, aligned on x; returns its width."""
    runs = layout(text, style)
    width = sum(run.width for run in runs) * size
    if align == "center":
        x -= width / 2.0
    elif align == "right":
        x -= width
    if not runs:
        return 0.0
    text_object = canvas.beginText(x, y)
    for run in runs:
        text_object.setFont(run.font, size)
        text_object._textOut(run.text)  # no re-measuring: Tj advances by the font's own widths
    canvas.drawText(text_object)
    return width


def wrap_lines(text: str, size: float, max_width: float, style: str = SERIF) -> list[str]:
    """Break text at spaces into lines no wider than max_width (a long word stays whole)."""
    return list(_wrapped_lines(text, size, max_width, style))


@functools.lru_cache(maxsize=4096)
def _wrapped_lines(text: str, size: float, max_width: float, style: str) -> tuple[str, ...]:
    """wrap_lines() remembered: a batch of certificates wraps the same sentence on most pages."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, style) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return tuple(lines)


def markup(text: str, style: str = SERIF) -> str:
    """Paragraph markup for a value: escaped, each run in its own font, newlines as line breaks."""
    from xml.sax.saxutils import escape  # here: it imports urllib.request, http and email (~0.05 s), which
    # only Paragraph documents need (ReportLab's own Paragraph imports it anyway), not a batch of certificates

    parts: list[str] = []
    for line in text.split("\n"):
        chunks = [f'<font face="{run.font}">{escape(run.source)}</font>' for run in layout(line, style)]
        parts.append("".join(chunks))
    return "<br/>".join(parts)


def missing_in(text: str) -> list[tuple[str, str]]:
    """(character, reason) for each distinct character of text that cannot be drawn."""
    register_fonts()
    return list(_missing_in(text))


@functools.lru_cache(maxsize=16384)
def _missing_in(text: str) -> tuple[tuple[str, str], ...]:
    """missing_in() remembered per text: a batch repeats its countries, ranks and positions."""
    found: list[tuple[str, str]] = []
    for ch in dict.fromkeys(visual(text)):  # each distinct character once, in order
        reason = _missing_reason(ch)
        if reason:
            found.append((ch, reason))
    return tuple(found)


@functools.cache
def _missing_reason(ch: str) -> str:
    """Why one character cannot be drawn ('' when it can)."""
    if ch in _IGNORABLE:
        return ""
    font = _font_for(ch, SERIF)
    if font is None:
        return "no bundled font has this character"
    if font in _SHAPING_REQUIRED and not shaping_available():
        return "this script needs text shaping (the uharfbuzz package is not installed)"
    if unicodedata.category(ch) == "Cc":
        return "control character"
    return ""


def check_drawable(items: Iterable[tuple[str, str, str]]) -> list[MissingGlyph]:
    """The pre-print check: every (record, field, text) character that no bundled font can draw."""
    result: list[MissingGlyph] = []
    for record, field, text in items:
        if not text:
            continue
        for ch, reason in missing_in(text):
            result.append(MissingGlyph(record, field, text, ch, ord(ch), reason))
    return result


def require_drawable(items: Iterable[tuple[str, str, str]]) -> None:
    """Raise UndrawableTextError listing every undrawable character, or return quietly."""
    missing = check_drawable(items)
    if missing:
        raise UndrawableTextError(missing)
