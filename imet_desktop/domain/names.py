"""Names: how they are matched when a clerk searches. Names themselves are never changed."""

from __future__ import annotations

import unicodedata

# Letters that carry no combining mark, so Unicode decomposition (and SQLite's
# remove_diacritics) leaves them alone, yet a clerk types them without the stroke or dot:
# "yildiz" must find Yıldız, "duc" must find Đức, "lodz" must find Łódź.
_PLAIN_LATIN = str.maketrans({
    "ı": "i", "İ": "i", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "þ": "th", "Þ": "th", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l", "ŧ": "t", "Ŧ": "t",
    "ŉ": "n", "ĸ": "k", "ſ": "s", "ʼ": "'", "’": "'",
})


def search_fold(text: str) -> str:
    """A name reduced to what a clerk types: no case, no accents, no strokes.

    Used only for the search index, never for display or printing.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN_LATIN))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.translate(_PLAIN_LATIN).casefold()


def search_text(*names: str) -> str:
    """The folded form of a student's names, stored beside them for the full-text index."""
    return search_fold(" ".join(n for n in names if n))
