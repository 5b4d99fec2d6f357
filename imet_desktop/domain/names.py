"""Names: their forms (legal, printed), and how they are matched when a clerk searches.

Names themselves are never changed: every form below is built from the family and given names
exactly as recorded. The legal name is how lists and the record show a person ("FAMILY, Given",
the family name as stored); the printed name is how certificates, programs, rosters, place cards
and every list of a ceremony print it (the family name in capitals, first where that is the
country's custom). Nothing else builds a name: not SQL, not the views.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from anyascii import anyascii

# --- the forms of a name -------------------------------------------------------------------------

# Countries whose names are written family name first (the passport's order, read aloud that way too).
FAMILY_NAME_FIRST = frozenset({"CN", "TW", "HK", "MO", "JP", "KR", "KP", "VN", "HU", "KH", "MN", "SG"})


def legal_name(family: str, given: str = "") -> str:
    """FAMILY, Given: the legal name as the roster, the record and every list show it (family name as stored)."""
    return f"{family}, {given}" if given else family


def printed_name(family: str, given: str = "", country_code: str = "") -> str:
    """The legal name as documents print it: the family name in capitals, in the country's usual order."""
    family, given = family.strip(), given.strip()
    upper = family.upper()
    if not given:
        return upper
    if country_code.upper() in FAMILY_NAME_FIRST:
        return f"{upper} {given}"
    return f"{given} {upper}"


# --- search and duplicate keys ------------------------------------------------------------------
# Everything below builds keys for matching only; what is stored and printed is what was entered.

# Letters that carry no combining mark, so Unicode decomposition (and SQLite's
# remove_diacritics) leaves them alone, yet a clerk types them without the stroke or dot:
# "yildiz" must find Yıldız, "duc" must find Đức, "lodz" must find Łódź.
_PLAIN_LATIN = str.maketrans({
    "ı": "i", "İ": "i", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "þ": "th", "Þ": "th", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l", "ŧ": "t", "Ŧ": "t",
    "ŉ": "n", "ĸ": "k", "ſ": "s", "ʼ": "'", "’": "'",
})
# ICAO Doc 9303 (part 3, section 6) machine-readable spellings that differ from simply dropping
# the accent: a passport's MRZ writes MÜLLER as MUELLER, ØSTERGÅRD as OESTERGAARD.
_ICAO = str.maketrans({
    "ä": "ae", "Ä": "ae", "ö": "oe", "Ö": "oe", "ü": "ue", "Ü": "ue", "å": "aa", "Å": "aa",
    "ø": "oe", "Ø": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss", "þ": "th", "Þ": "th",
    "ĳ": "ij", "Ĳ": "ij", "œ": "oe", "Œ": "oe",
})
# The same letters, decomposed (a file may hold "u" + U+0308 rather than "ü").
_ICAO_DECOMPOSED = {"a\u0308": "ae", "o\u0308": "oe", "u\u0308": "ue", "a\u030a": "aa"}
# Joining marks inside a name that upstream systems drop: O'BRIEN -> OBRIEN, Min-jun -> MINJUN.
_JOINERS = re.compile(r"['’ʼ`´‘\-‐‑–—.\s]+")
_WORD = re.compile(r"\w+")
# ICAO digraphs collapsed in the duplicate key, so MUELLER, MÜLLER and MULLER give one key.
_DIGRAPHS = re.compile(r"ae|oe|ue|aa")
_DIGRAPH_LETTER = {"ae": "a", "oe": "o", "ue": "u", "aa": "a"}
# anyascii writes each CJK or Hangul syllable capitalised ("WangXiaoMing"): split them into words.
_SYLLABLE = re.compile(r"[A-Z][a-z]*|[a-z]+|\d+")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_fold(text: str) -> str:
    """A name reduced to what a clerk types: no case, no accents, no strokes.

    Used only for the search index and the query, never for display or printing.
    """
    if text.isascii():
        return text.casefold()  # what the steps below give ASCII text, without them
    # NFC at the end puts Hangul syllables back together after the decomposition.
    return unicodedata.normalize("NFC", _strip_marks(text.translate(_PLAIN_LATIN)).translate(_PLAIN_LATIN).casefold())


def _icao_differs(text: str) -> bool:
    """Whether icao_fold may differ from search_fold: a letter ICAO spells otherwise (ä, ø, ß...), or a
    diaeresis or ring, precomposed or not. Most names in other scripts have none."""
    if text.isascii():
        return False
    if text.translate(_ICAO) != text:
        return True
    decomposed = unicodedata.normalize("NFD", text)
    return "\u0308" in decomposed or "\u030a" in decomposed


def icao_fold(text: str) -> str:
    """A name as a passport's machine-readable zone spells it (Ü -> UE, Ø -> OE, ß -> SS), folded."""
    if text.isascii():
        return text.casefold()  # no letter ICAO spells otherwise
    text = unicodedata.normalize("NFD", text)
    for decomposed, plain in _ICAO_DECOMPOSED.items():
        text = text.replace(decomposed, plain).replace(decomposed.upper(), plain)
    return search_fold(unicodedata.normalize("NFC", text).translate(_ICAO))


# Greek digraphs that passports (ELOT 743, as ICAO 9303 uses it) write as one Latin sound, where
# anyascii goes letter by letter: Παπαδόπουλος is PAPADOPOULOS, not PAPADOPOYLOS.
_GREEK_DIGRAPHS = (("ου", "ou"), ("ΟΥ", "OU"), ("Ου", "Ou"), ("αυ", "av"), ("ευ", "ev"))


def romanised(text: str) -> str:
    """A Latin rendering of a name in any script (anyascii), folded; empty when it adds nothing."""
    if text.isascii():
        return ""
    return " ".join(_roman_words(text))


def _roman_words(text: str) -> list[str]:
    """The words of romanised(text), whatever its script (ASCII text included)."""
    for greek, latin_letters in _GREEK_DIGRAPHS:
        text = text.replace(greek, latin_letters)
    latin = anyascii(text)
    words: list[str] = []
    for word in _WORD.findall(latin):
        parts = _SYLLABLE.findall(word)
        words.extend(p.casefold() for p in parts if len(parts) > 1)
        words.append(word.casefold())
    return words


def _joined(text: str) -> str:
    """A folded name with apostrophes, hyphens, dots and spaces removed: "o'brien" -> "obrien"."""
    return _JOINERS.sub("", text)


def name_spellings(name: str) -> list[str]:
    """Every folded spelling a clerk or an upstream system may use for one name, most literal first."""
    return list(_spellings(name))


# Names repeat (an import of 100,000 officers holds a few thousand family and given names): each is
# folded once. The caches hold strings only: the two of whole names 32,768 names each (29 MB after a 100,000-row
# import, as fast as 65,536 each, which held 42 MB); a word's folds are kept apart, words repeat most.
@functools.lru_cache(maxsize=32_768)
def _spellings(name: str) -> tuple[str, ...]:
    if not name.strip():
        return ()
    words = name.split(" ")
    if len(words) > 1 and name == " ".join(name.split()) and not any(unicodedata.combining(w[0]) for w in words):
        # A name of words (most display and native names: unique as a whole, made of words that repeat):
        # each word is folded once, and the name's forms put together from its words' forms. Every step of
        # the folds works character by character (a combining mark always follows its letter in a word),
        # so the forms are the very strings the whole name gives.
        folds = [_word_folds(w) for w in words]
        plain = " ".join(f[0] for f in folds)
        icao = " ".join(f[1] for f in folds) if any(f[2] for f in folds) else plain
        roman = "" if plain.isascii() else " ".join(r for f in folds for r in f[3])
        return _forms(plain, icao, roman)
    return _whole_spellings(name)


def _whole_spellings(name: str) -> tuple[str, ...]:
    """The spellings of a name folded as a whole (what _spellings gives, the slow way)."""
    plain = search_fold(name)
    return _forms(plain, icao_fold(name) if _icao_differs(name) else plain, romanised(plain))


@functools.lru_cache(maxsize=65_536)
def _word_folds(word: str) -> tuple[str, str, bool, tuple[str, ...]]:
    """One word of a name: its search fold, its ICAO fold, whether they may differ, its romanised words."""
    plain = search_fold(word)
    return plain, icao_fold(word), _icao_differs(word), tuple(_roman_words(plain))


def _forms(plain: str, icao: str, roman: str) -> tuple[str, ...]:
    forms = [plain, icao]
    forms += [_joined(f) for f in forms if _JOINERS.search(f.strip())]
    if roman:
        forms.append(roman)
        words = roman.split()
        if len(words) > 1:
            forms.append("".join(w for w in words if not any(w != v and w in v for v in words)))
    seen: list[str] = []
    for form in forms:
        if form and form not in seen:
            seen.append(form)
    return tuple(seen)


def search_text(*names: str) -> str:
    """The folded forms of a student's names, stored beside them for the full-text index.

    Besides each name without case and accents, it holds the passport (ICAO) spelling, the name
    with its apostrophes, hyphens and spaces removed, and a Latin rendering of other scripts, so
    "mueller", "muller", "obrien", "minjun" and a romanised name all find their record.
    """
    words: list[str] = []
    for name in names:
        for word in _words(name):
            if word not in words:
                words.append(word)
    return " ".join(words)


@functools.lru_cache(maxsize=32_768)
def _words(name: str) -> tuple[str, ...]:
    """The distinct words of a name's spellings, in order."""
    words: list[str] = []
    for form in _spellings(name):
        for word in _WORD.findall(form):
            if word not in words:
                words.append(word)
    return tuple(words)


def name_key(family_name: str, given_names: str = "") -> str:
    """One key for a legal name however it is spelled, for the duplicate check's index lookup.

    Case, accents, strokes, ICAO digraphs (ue/oe/ae/aa), apostrophes, hyphens and spaces are
    folded away, and other scripts are romanised: MUELLER-LUEDENSCHEIDT, Joerg and
    MÜLLER-LÜDENSCHEIDT, Jörg give one key. Never shown or stored as the name.
    """
    return f"{_key_part(family_name)}|{_key_part(given_names)}"


@functools.lru_cache(maxsize=65_536)
def _key_part(name: str) -> str:
    folded = search_fold(name)
    if not folded.isascii():
        folded = anyascii(folded).casefold()
    letters = "".join(ch for ch in folded if ch.isalnum())
    return _DIGRAPHS.sub(lambda m: _DIGRAPH_LETTER[m.group()], letters)
