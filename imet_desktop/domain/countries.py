"""Countries: ISO 3166 from pycountry, resolved from what clerks and spreadsheets write.

Region is the State Department regional bureau (the way security cooperation offices are
grouped); the combatant command is the US geographic command responsible for the country.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import pycountry

REGIONS = {
    "AF": "Africa",
    "EAP": "East Asia and Pacific",
    "EUR": "Europe and Eurasia",
    "NEA": "Near East",
    "SCA": "South and Central Asia",
    "WHA": "Western Hemisphere",
}

_REGION_MEMBERS = {
    "AF": "AO BJ BW BF BI CV CM CF TD KM CD CG CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW "
    "ML MR MU MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG UG ZM ZW",
    "EAP": "AU BN KH CN FJ ID JP KI KP KR LA MY MH FM MN MM NR NZ PW PG PH WS SG SB TW TH TL TO "
    "TV VU VN HK MO",
    "EUR": "AL AD AM AT AZ BY BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IT XK LV LI LT LU "
    "MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TR UA GB VA",
    "NEA": "DZ BH EG IR IQ IL JO KW LB LY MA OM PS QA SA SY TN AE YE EH",
    "SCA": "AF BD BT IN KZ KG MV NP PK LK TJ TM UZ",
    "WHA": "AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN "
    "LC VC SR TT US UY VE",
}

_COMMAND_MEMBERS = {
    "USAFRICOM": "DZ AO BJ BW BF BI CV CM CF TD KM CD CG CI DJ GQ ER SZ ET GA GM GH GN GW KE LS "
    "LR LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW EH",
    "USCENTCOM": "AF BH EG IR IQ IL JO KW KZ KG LB OM PK PS QA SA SY TJ TM AE UZ YE",
    "USEUCOM": "AL AD AM AT AZ BY BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IT XK LV LI LT "
    "LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TR UA GB VA",
    "USINDOPACOM": "AU BD BT BN KH CN FJ IN ID JP KI KP KR LA MY MV MH FM MN MM NR NP NZ PW PG "
    "PH WS SG SB LK TW TH TL TO TV VU VN HK MO",
    "USNORTHCOM": "US CA MX BS",
    "USSOUTHCOM": "AG AR BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM NI PA PY PE KN LC "
    "VC SR TT UY VE",
}

# Names clerks and ITO exports use that pycountry does not know as such.
_ALIASES = {
    "turkey": "TR",
    "republic of turkey": "TR",
    "republic of korea": "KR",
    "rok": "KR",
    "korea": "KR",
    "democratic people's republic of korea": "KP",
    "north korea": "KP",
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
    "united states of america": "US",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "macedonia": "MK",
    "burma": "MM",
    "swaziland": "SZ",
    "cape verde": "CV",
    "brunei": "BN",
    "east timor": "TL",
    "vatican": "VA",
    "holy see": "VA",
    "palestine": "PS",
    "congo-kinshasa": "CD",
    "drc": "CD",
    "dr congo": "CD",
    "congo-brazzaville": "CG",
    "republic of the congo": "CG",
    "the gambia": "GM",
    "the bahamas": "BS",
    "micronesia": "FM",
    "kosovo": "XK",
    "republic of kosovo": "XK",
    "czech republic": "CZ",
    "slovak republic": "SK",
    "kyrgyz republic": "KG",
}


@dataclass(frozen=True, slots=True)
class Country:
    """One country as the office refers to it."""

    code: str  # ISO 3166-1 alpha-2
    alpha3: str
    name: str  # the short name clerks use ("South Korea", "Türkiye")
    official_name: str
    region: str  # State Department bureau code, "" when none applies
    combatant_command: str

    @property
    def region_name(self) -> str:
        """The bureau's name in words."""
        return REGIONS.get(self.region, "")


def _members(table: dict[str, str]) -> dict[str, str]:
    return {code: key for key, codes in table.items() for code in codes.split()}


def _fold(text: str) -> str:
    """Case- and accent-insensitive key for matching a country name."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


@cache
def all_countries() -> tuple[Country, ...]:
    """Every ISO 3166 country, plus Kosovo (XK, a user-assigned code the US uses)."""
    region = _members(_REGION_MEMBERS)
    command = _members(_COMMAND_MEMBERS)
    result = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        official = getattr(c, "official_name", None) or c.name
        result.append(
            Country(c.alpha_2, c.alpha_3, name, official, region.get(c.alpha_2, ""),
                    command.get(c.alpha_2, ""))
        )
    result.append(Country("XK", "XKX", "Kosovo", "Republic of Kosovo", "EUR", "USEUCOM"))
    return tuple(sorted(result, key=lambda c: _fold(c.name)))


@cache
def _index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    by_code = {c.code: c for c in all_countries()}
    for c in all_countries():
        for key in (c.code, c.alpha3, c.name, c.official_name):
            index.setdefault(_fold(key), c)
    for entry in pycountry.countries:
        index.setdefault(_fold(entry.name), by_code[entry.alpha_2])
    for alias, code in _ALIASES.items():
        index.setdefault(_fold(alias), by_code[code])
    return index


def country_by_code(code: str) -> Country:
    """The country with this alpha-2 code; KeyError when there is none."""
    for c in all_countries():
        if c.code == code:
            return c
    raise KeyError(code)


def resolve_country(text: str) -> Country | None:
    """The country meant by a name, official name, alias, alpha-2 or alpha-3 code; None if unknown."""
    if not text or not text.strip():
        return None
    return _index().get(_fold(text))
