"""Countries as the US government names them, resolved from what clerks and spreadsheets write.

The defaults come from ``resources/countries/us_country_names.csv`` (GENC and the State
Department's lists: see the README beside it), read once on first use. ISO 3166 (pycountry)
supplies only the codes and the ISO spellings that still *resolve* ("Viet Nam", "Taiwan,
Province of China"); they are never what the program prints. The office's own corrections live
in the database (``store.countries``) and win over these defaults.

Region is the State Department regional bureau; the combatant command is the US geographic
command responsible for the country.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from imet_desktop.domain.errors import UserError
from imet_desktop.paths import resource

REGIONS = {
    "AF": "Africa",
    "EAP": "East Asia and Pacific",
    "EUR": "Europe and Eurasia",
    "NEA": "Near East",
    "SCA": "South and Central Asia",
    "WHA": "Western Hemisphere",
}

COMBATANT_COMMANDS = ("USAFRICOM", "USCENTCOM", "USEUCOM", "USINDOPACOM", "USNORTHCOM", "USSOUTHCOM")

US_NAMES_FILE = ("countries", "us_country_names.csv")

# Names clerks, ITO exports and older lists use that neither the US data nor ISO give as such.
_ALIASES = {
    "turkey": "TR",
    "turkiye": "TR",
    "republic of turkey": "TR",
    "republic of korea": "KR",
    "rok": "KR",
    "korea": "KR",
    "north korea": "KP",
    "dprk": "KP",
    "russia": "RU",
    "uae": "AE",
    "u.a.e.": "AE",
    "emirates": "AE",
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "usa": "US",
    "u.s.a.": "US",
    "u.s.": "US",
    "united states of america": "US",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "macedonia": "MK",
    "republic of macedonia": "MK",
    "former yugoslav republic of macedonia": "MK",
    "burma": "MM",
    "myanmar": "MM",
    "swaziland": "SZ",
    "kingdom of swaziland": "SZ",
    "cape verde": "CV",
    "brunei": "BN",
    "east timor": "TL",
    "vatican": "VA",
    "vatican city": "VA",
    "holy see": "VA",
    "palestine": "PS",
    "palestinian territories": "PS",
    "palestinian territory": "PS",
    "west bank": "PS",
    "gaza": "PS",
    "gaza strip": "PS",
    "congo-kinshasa": "CD",
    "drc": "CD",
    "dr congo": "CD",
    "congo-brazzaville": "CG",
    "republic of the congo": "CG",
    "the gambia": "GM",
    "gambia": "GM",
    "the bahamas": "BS",
    "bahamas": "BS",
    "micronesia": "FM",
    "kosovo": "XK",
    "republic of kosovo": "XK",
    "xks": "XK",
    "czech republic": "CZ",
    "slovak republic": "SK",
    "kyrgyz republic": "KG",
    "islamic republic of afghanistan": "AF",
}


@dataclass(frozen=True, slots=True)
class Country:
    """One country as the US government names it (the program's default before the office edits it)."""

    code: str  # ISO 3166-1 alpha-2 (XK for Kosovo)
    alpha3: str
    name: str  # the short name documents print ("Burma", "South Korea", "Türkiye")
    official_name: str  # the formal (long) name; "" where the US uses none (Afghanistan)
    region: str  # State Department bureau code, "" when none applies
    combatant_command: str  # "" when none applies
    list_name: str = ""  # how GENC and the State Department's list write it when it differs ("Korea, South")
    source: str = ""  # where the names were read; see resources/countries/README.md
    from_memory: str = ""  # fields written from knowledge, not from a retrieved source

    @property
    def region_name(self) -> str:
        """The bureau's name in words."""
        return REGIONS.get(self.region, "")

    @property
    def formal_name(self) -> str:
        """The name a formal document prints: the long form, or the short name where there is none."""
        return self.official_name or self.name


def _fold(text: str) -> str:
    """Case- and accent-insensitive key for matching a country name."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def _row_country(row: dict[str, str]) -> Country:
    return Country(
        code=row["alpha2"], alpha3=row["alpha3"], name=row["short_name"], official_name=row["formal_name"],
        region=row["region_bureau"], combatant_command=row["combatant_command"], list_name=row["list_name"],
        source=row["source"], from_memory=row["from_memory"],
    )


@cache
def us_country_names() -> dict[str, Country]:
    """The bundled US names by alpha-2 code, read once from the resource file."""
    path = resource(*US_NAMES_FILE)
    with path.open(encoding="utf-8", newline="") as f:
        return {row["alpha2"]: _row_country(row) for row in csv.DictReader(f)}


@cache
def all_countries() -> tuple[Country, ...]:
    """Every country with an ISO 3166 code, plus Kosovo, by its US short name."""
    import pycountry

    us = us_country_names()
    result = dict(us)
    for c in pycountry.countries:
        if c.alpha_2 not in result:
            # a code newer than the bundled data: ISO's names until the data is updated
            result[c.alpha_2] = Country(c.alpha_2, c.alpha_3, getattr(c, "common_name", None) or c.name,
                                        getattr(c, "official_name", None) or c.name, "", "", source="ISO")
    return tuple(sorted(result.values(), key=lambda c: _fold(c.name)))


@cache
def _index() -> dict[str, Country]:
    import pycountry

    index: dict[str, Country] = {}
    by_code = {c.code: c for c in all_countries()}
    _add_keys(index, all_countries())
    for entry in pycountry.countries:
        for key in (entry.name, getattr(entry, "common_name", ""), getattr(entry, "official_name", "")):
            if key:
                index.setdefault(_fold(key), by_code[entry.alpha_2])
    for alias, code in _ALIASES.items():
        index.setdefault(_fold(alias), by_code[code])
    return index


def country_by_code(code: str) -> Country:
    """The country with this alpha-2 code; KeyError when there is none."""
    us = us_country_names().get(code)  # the same country as all_countries has: it takes the US data's first
    return us if us is not None else _by_code()[code]


@cache
def _by_code() -> dict[str, Country]:
    """Every country by its code (the first where two share one), for a lookup per row of an import."""
    found: dict[str, Country] = {}
    for c in all_countries():
        found.setdefault(c.code, c)
    return found


@cache
def _us_index() -> dict[str, Country]:
    """The first part of _index: the bundled US data's codes and names, without ISO's (pycountry, ~40 ms to load,
    which an import of countries written as the US writes them never needs)."""
    index: dict[str, Country] = {}
    _add_keys(index, sorted(us_country_names().values(), key=lambda c: _fold(c.name)))  # all_countries' order
    return index


def _add_keys(index: dict[str, Country], countries: Iterable[Country]) -> None:
    """Each country's code, 3-letter code and names as keys of the index (the first country to have one keeps it)."""
    for c in countries:
        for key in (c.code, c.alpha3, c.name, c.official_name, c.list_name):
            if key:
                index.setdefault(_fold(key), c)


def resolve_country(text: str) -> Country | None:
    """The country meant by a name, official name, alias, alpha-2 or alpha-3 code; None if unknown.

    The US data's codes and names are looked up first (they are what the program prints, and win over a name
    ISO gives a country the bundled data does not have yet), then ISO's spellings and the aliases."""
    if not text or not text.strip():
        return None
    key = _fold(text)
    found = _us_index().get(key)
    return found if found is not None else _index().get(key)


_ALPHA2 = re.compile(r"[A-Z]{2}")
_ALPHA3 = re.compile(r"[A-Z]{3}")


def check_country_entry(*, code: str, alpha3: str, name: str, official_name: str, region: str,
                        combatant_command: str) -> None:
    """Refuse a country the office enters or edits that the program could not use; the message names the field."""
    problems = []
    if not _ALPHA2.fullmatch(code):
        problems.append(f"code '{code}': two capital letters, as on the ITO (e.g. XK)")
    if not _ALPHA3.fullmatch(alpha3):
        problems.append(f"3-letter code '{alpha3}': three capital letters (e.g. XKX)")
    if not name.strip():
        problems.append("name on documents: required")
    if name != name.strip() or official_name != official_name.strip():
        problems.append("names: no spaces before or after the name")
    if region and region not in REGIONS:
        problems.append(f"region '{region}': one of {', '.join(REGIONS)}, or none")
    if combatant_command and combatant_command not in COMBATANT_COMMANDS:
        problems.append(f"combatant command '{combatant_command}': one of {', '.join(COMBATANT_COMMANDS)}, or none")
    if problems:
        raise UserError(f"country {code or '(no code)'}: " + "; ".join(problems))
