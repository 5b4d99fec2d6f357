"""How documents word what the store holds: ranks, formal country names, schools, signatures, the school.

Names themselves are worded by domain.names (the printed name); this module holds the rest of
what every printed document shares, so the certificates, programs, rosters and reports agree.
"""

from __future__ import annotations

import functools
import unicodedata

from sqlite_utils import Database

from imet_desktop.documents.data import SchoolInfo, SignatureBlock
from imet_desktop.store.settings import load_settings


def printed_rank(country_rank: str, us_rank: str) -> str:
    """The rank an English document prints: the US equivalent when recorded, else the country's own."""
    return us_rank.strip() or country_rank.strip()


def formal_country(official_name: str, name: str) -> str:
    """A country's formal name as it reads in a sentence ('Korea, Republic of' -> 'Republic of Korea')."""
    text = official_name.strip() or name.strip()
    head, sep, tail = text.partition(", ")
    if sep and tail.split(" ")[-1] in {"of", "the"}:
        return f"{tail} {head}"
    return text


@functools.cache
def _latin_or_not_a_letter(ch: str) -> bool:
    return not ch.isalpha() or "LATIN" in unicodedata.name(ch, "")


def _is_latin(text: str) -> bool:
    # per character, remembered: a ceremony of 1,000 names looked up ~16,000 character names
    return all(map(_latin_or_not_a_letter, text))


def native_line(native: str, name: str) -> str:
    """The native-script name to print under the legal one; '' when it only repeats the legal name."""
    native = native.strip()
    if native and _is_latin(native) and sorted(native.casefold().split()) == sorted(name.casefold().split()):
        return ""
    return native


def signature(text: str) -> SignatureBlock | None:
    """'Lieutenant General Dana R. Whitcombe, Commander, Air University' as a signature block."""
    name, _, title = text.strip().partition(", ")
    return SignatureBlock(name, "", title) if name else None


def school_info(db: Database) -> SchoolInfo:
    """The school as the office's settings describe it."""
    return SchoolInfo.from_settings(load_settings(db))


def schools_text(raw: str, course_titles: dict[str, str]) -> str:
    """'SOS 1998; ACSC 2005' as 'Squadron Officer School, Class of 1998, and the Air Command and Staff College, ...'.

    Parts that are not 'CODE YEAR' of a known course are kept as written.
    """
    parts: list[str] = []
    for piece in (p.strip() for p in raw.replace(",", ";").split(";")):
        if not piece:
            continue
        code, _, year = piece.rpartition(" ")
        if code and year.isdigit() and code.upper() in course_titles:
            parts.append(f"{course_titles[code.upper()]}, Class of {year}")
        else:
            parts.append(piece)
    if len(parts) <= 1:
        return "".join(parts)
    return ", and the ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 2 else " and the ".join(parts)
