"""The demo's bundled data: naming traditions, countries with their ranks and services, and invented names.

Everyone is fictional. Names come from the pools in resources/demo/ (native scripts and passport
spellings), ranks from each country's own rank system.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import cache
from typing import Any

from imet_desktop.domain.countries import country_by_code
from imet_desktop.domain.names import name_key, search_text
from imet_desktop.paths import resource

Pair = tuple[str, str]  # (as written in the native script, passport spelling)


def pair(entry: str) -> Pair:
    """'native|legal' (or one spelling for both) as a pair."""
    native, sep, legal = entry.partition("|")
    return native, (legal if sep else native)


@dataclass(frozen=True, slots=True)
class Culture:
    """How people of one naming tradition are named."""

    name: str
    family: tuple[Pair, ...]
    family_f: tuple[Pair, ...]
    male: tuple[Pair, ...]
    female: tuple[Pair, ...]
    order: str = "gf"  # given-family or family-given, for the native-script name
    join: str = " "  # "" for Chinese, Korean and Japanese names
    patronymic: str = ""  # "bin" (Gulf), "plain" (father's name added), "malay" (bin/binti as family)
    double_family: bool = False  # two family names (Spanish)
    two_given: float = 0.0
    one_word: float = 0.0
    mononyms: tuple[str, ...] = ()
    upper: str = ""  # "tr": Turkish capitals (i -> İ)
    no_native: bool = False  # no font for the script is bundled: keep only the passport spelling


@dataclass(frozen=True, slots=True)
class Country:
    """A country's students: naming, ranks, services, birthplaces, the air chief's title."""

    code: str
    name: str
    culture: Culture
    ranks: tuple[str, ...]  # O-3 .. O-10
    air_force: str
    army: str
    navy: str  # "" when the country sends no naval officers
    weight: int
    fms: bool
    cities: tuple[str, ...]
    chief: str
    chief_category: str
    since: int = 1955  # the first year its officers came to Air University


# Land-locked countries, or ones whose students come only from their air and land forces.
_NO_NAVY = frozenset({"HU", "CZ", "SK", "NP", "ML", "NE", "BF", "TD", "MN", "AM", "UZ", "RW", "UG", "ZM", "BW",
                      "XK", "MK", "RS", "BA", "MD", "KZ", "SI"})
US_AIR_RANKS = ("Captain", "Major", "Lieutenant Colonel", "Colonel", "Brigadier General", "Major General",
                "Lieutenant General", "General")
US_NAVY_RANKS = ("Lieutenant", "Lieutenant Commander", "Commander", "Captain", "Rear Admiral (lower half)",
                 "Rear Admiral", "Vice Admiral", "Admiral")
PAY_GRADES = ("O-3", "O-4", "O-5", "O-6", "O-7", "O-8", "O-9", "O-10")


def load(name: str) -> Any:
    """A JSON file of resources/demo/."""
    with resource("demo", name).open(encoding="utf-8") as f:
        return json.load(f)


@cache
def cultures() -> dict[str, Culture]:
    """The naming traditions of resources/demo/names.json, by name."""
    result = {}
    for name, spec in load("names.json").items():
        if name.startswith("_"):
            continue
        result[name] = Culture(
            name=name,
            family=tuple(pair(e) for e in spec["family"]),
            family_f=tuple(pair(e) for e in spec.get("family_f", ())),
            male=tuple(pair(e) for e in spec["male"]),
            female=tuple(pair(e) for e in spec.get("female", ())),
            order=spec.get("order", "gf"), join=spec.get("join", " "), patronymic=spec.get("patronymic", ""),
            double_family=bool(spec.get("double_family", False)), two_given=float(spec.get("two_given", 0)),
            one_word=float(spec.get("one_word", 0)), mononyms=tuple(spec.get("mononyms", ())),
            upper=spec.get("upper", ""), no_native=bool(spec.get("no_native", False)))
    return result


@cache
def countries() -> tuple[Country, ...]:
    """Every country the demo invents students for, from resources/demo/countries.json."""
    by_name = cultures()
    ranks = {k: tuple(v) for k, v in load("ranks.json").items() if not k.startswith("_")}
    result = []
    for spec in load("countries.json")["countries"]:
        code, adj = spec["code"], spec["adj"]
        air_force = spec.get("air_force", f"{adj} Air Force")
        result.append(Country(
            code=code, name=country_by_code(code).name, culture=by_name[spec["culture"]],
            ranks=ranks[spec["ranks"]], air_force=air_force, army=spec.get("army", f"{adj} Army"),
            navy="" if code in _NO_NAVY else spec.get("navy", f"{adj} Navy"), weight=int(spec["weight"]),
            fms=bool(spec.get("fms", False)), cities=tuple(spec["cities"]), chief=spec["chief"],
            chief_category=spec.get("chief_category", "Commander of the Air Force"),
            since=int(spec.get("since", 1955))))
    return tuple(result)


def country(code: str) -> Country:
    """One of the demo's countries."""
    return next(c for c in countries() if c.code == code)


# --- names -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Name:
    """A person's names as the records hold them."""

    family: str  # legal, in capitals
    given: str
    display: str
    native: str
    sex: str

    @property
    def search(self) -> tuple[str, str]:
        """The folded names for the search index, and the duplicate check's name key."""
        return search_text(self.family, self.given, self.display, self.native), name_key(self.family, self.given)


def _capitals(text: str, mode: str) -> str:
    if mode == "tr":
        text = text.replace("i", "İ")
    return text.upper()


def _is_ascii(text: str) -> bool:
    return all(ord(ch) < 128 for ch in text)


def make_name(rng: random.Random, culture: Culture, sex: str) -> Name:
    """An invented person of this naming culture."""
    female = sex == "F" and bool(culture.female)
    sex = "F" if female else "M"
    if culture.one_word and rng.random() < culture.one_word:
        mono = rng.choice(culture.mononyms)
        return Name(_capitals(mono, culture.upper), "", mono, "", sex)
    families = culture.family_f if female and culture.family_f else culture.family
    i = rng.randrange(len(families))
    fam_n, fam_l = families[i]
    if culture.double_family:
        j = (i + 1 + rng.randrange(len(families) - 1)) % len(families)
        fam_n, fam_l = f"{fam_n} {families[j][0]}", f"{fam_l} {families[j][1]}"
    givens = culture.female if female else culture.male
    first_n, first_l = rng.choice(givens)
    given_n, given_l = first_n, first_l
    if culture.two_given and rng.random() < culture.two_given:
        second_n, second_l = rng.choice([g for g in givens if g[0] != first_n])
        given_n, given_l = f"{given_n} {second_n}", f"{given_l} {second_l}"
    if culture.patronymic == "bin" and rng.random() < 0.5:
        father_n, father_l = rng.choice(culture.male)
        given_n += (" بنت " if female else " بن ") + father_n
        given_l += (" bint " if female else " bin ") + father_l
    elif culture.patronymic == "plain" and rng.random() < 0.4:
        father_n, father_l = rng.choice(culture.male)
        given_n, given_l = f"{given_n} {father_n}", f"{given_l} {father_l}"
    elif culture.patronymic == "malay":
        particle = "binti" if female else "bin"
        fam_n, fam_l = f"{particle} {fam_n}", f"{particle} {fam_l}"
    if culture.no_native:
        native = ""
    elif culture.order == "fg":
        native = fam_n + culture.join + given_n
    else:
        native = f"{given_n} {fam_n}"
    if culture.order == "gf" and _is_ascii(native):
        native = ""  # nothing the passport spelling does not already say
    if culture.join == "" or culture.name == "vietnamese":
        display = f"{fam_l} {given_l}"
    elif culture.patronymic == "malay":
        display = first_l
    else:
        display = f"{first_l} {fam_l}"
    return Name(_capitals(fam_l, culture.upper), given_l, display, native, sex)


@cache
def country_us() -> Country:
    """Sponsors are American: a pseudo-country for their names only."""
    return Country("US", "United States", cultures()["american"], US_AIR_RANKS, "US Air Force", "US Army",
                    "US Navy", 0, False, ("Montgomery",), "", "")
