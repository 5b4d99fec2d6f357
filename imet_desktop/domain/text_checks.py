"""Characters a record must not hold: what they are is named by code point, so the clerk can find
them in a file where they are invisible. Nothing here changes a value."""

from __future__ import annotations

import unicodedata

# Bidirectional embeddings, overrides and isolates: they reorder what is displayed after them, so
# "ABC" can show as "CBA" on a certificate or in the roster (the "Trojan Source" trick).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
# Letters that draw nothing although Unicode calls them letters (Hangul fillers, braille blank).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def code_point(ch: str) -> str:
    """'U+001B (ESCAPE)': a character as the clerk can look it up."""
    name = unicodedata.name(ch, "")
    if not name and unicodedata.category(ch) == "Cc":
        name = {"\x1b": "ESCAPE", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x00": "NULL",
                "\x85": "NEXT LINE", "\x0b": "LINE TABULATION", "\x0c": "FORM FEED", "\x07": "BELL",
                "\x08": "BACKSPACE", "\x7f": "DELETE"}.get(ch, "control character")
    return f"U+{ord(ch):04X} ({name})" if name else f"U+{ord(ch):04X}"


def is_invisible(ch: str) -> bool:
    """Whether a character draws nothing on its own: spaces, format and control characters,
    combining marks without a letter, Hangul fillers."""
    return ch.isspace() or ch in _BLANK_LETTERS or unicodedata.category(ch) in {"Cf", "Cc", "Zs", "Zl", "Zp", "Mn",
                                                                                  "Me", "Cn", "Co"}


def text_problems(value: str, *, name: bool = False, multiline: bool = False) -> list[str]:
    """Why a text value cannot be stored as it is; empty when it can.

    Control characters (C0 and C1, except tab; line breaks too unless the field holds several
    lines), bidi overrides and isolates; in a name also any line break, and a name made only of
    invisible characters. Each problem names the first such character by its code point.
    """
    # Printable text holds no control, format (bidi) or line-separator character; printable ASCII is
    # invisible only when it is all spaces. Most values are such text: checked in one call.
    if value.isprintable() and (not name or not value or (value.isascii() and not value.isspace())):
        return []
    problems: list[str] = []
    breaks = [ch for ch in value if ch in LINE_BREAKS]
    if breaks and (name or not multiline):
        problems.append(f"contains a line break, {code_point(breaks[0])}; "
                        + ("a name is one line" if name else "this field is one line"))
    controls = [ch for ch in value if unicodedata.category(ch) == "Cc" and ch != "\t" and ch not in LINE_BREAKS]
    if controls:
        problems.append(f"contains the control character {code_point(controls[0])}, which is not text "
                        "(a terminal or printer command)")
    bidi = [ch for ch in value if ch in BIDI_CONTROLS]
    if bidi:
        problems.append(f"contains the bidirectional control {code_point(bidi[0])}, which reorders how the text "
                        "is shown (what is printed would not be what it reads)")
    if name and value and all(is_invisible(ch) for ch in value):
        hidden = [ch for ch in value if ch not in " \t"]
        if hidden:
            problems.append(f"is made only of invisible characters, the first {code_point(hidden[0])}; there is "
                            "no name to print")
    return problems


def visible(value: str) -> str:
    """A value safe to show in a report or a terminal: control, bidi and invisible format
    characters written as ⟨U+XXXX⟩, so a problem line shows what is there without obeying it."""
    out = []
    for ch in value:
        if ch == "\t" or ch == " ":
            out.append(ch)
        elif unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} or ch in BIDI_CONTROLS or ch in _BLANK_LETTERS:
            out.append(f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "".join(out)
