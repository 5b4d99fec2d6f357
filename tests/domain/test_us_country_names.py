"""The bundled US names cover every ISO country, and no ISO-only form reaches a document."""

from __future__ import annotations

import csv

import pycountry
import pytest

from imet_desktop.domain.countries import (
    COMBATANT_COMMANDS,
    REGIONS,
    US_NAMES_FILE,
    all_countries,
    country_by_code,
    resolve_country,
    us_country_names,
)
from imet_desktop.paths import resource

SOURCES = {"GENC-2015", "GENC-current", "Factbook-2025", "Factbook-current", "ISO"}

# ISO spellings a foreign delegation must never read on a certificate or a place card.
ISO_ONLY = ["Province of China", "Viet Nam", "Islamic Republic of Afghanistan", "Myanmar", "Swaziland",
            "Republic of Macedonia", "Korea, Republic of", "Korea, Democratic", "Iran, Islamic Republic",
            "Bolivia, Plurinational", "Venezuela, Bolivarian", "Tanzania, United Republic", "Moldova, Republic of",
            "Congo, The Democratic Republic", "Holy See (Vatican City State)", "Palestine, State of",
            "State of Palestine", "Cape Verde", "Republic of Turkey", "Socialist Republic of Viet Nam",
            "Lao People's Democratic Republic", "Micronesia, Federated States of"]

# (code, short name on documents, formal name) as the US writes them.
NAMED = [
    ("TW", "Taiwan", "Taiwan"),
    ("MM", "Burma", "Union of Burma"),
    ("VN", "Vietnam", "Socialist Republic of Vietnam"),
    ("TR", "Türkiye", "Republic of Türkiye"),
    ("CZ", "Czechia", "Czech Republic"),
    ("CI", "Côte d’Ivoire", "Republic of Côte d’Ivoire"),
    ("CV", "Cabo Verde", "Republic of Cabo Verde"),
    ("SZ", "Eswatini", "Kingdom of Eswatini"),
    ("MK", "North Macedonia", "Republic of North Macedonia"),
    ("XK", "Kosovo", "Republic of Kosovo"),
    ("KR", "South Korea", "Republic of Korea"),
    ("KP", "North Korea", "Democratic People’s Republic of Korea"),
    ("AF", "Afghanistan", ""),
    ("RU", "Russia", "Russian Federation"),
    ("IR", "Iran", "Islamic Republic of Iran"),
    ("SY", "Syria", "Syrian Arab Republic"),
    ("LA", "Laos", "Lao People’s Democratic Republic"),
    ("BO", "Bolivia", "Plurinational State of Bolivia"),
    ("VE", "Venezuela", "Bolivarian Republic of Venezuela"),
    ("TZ", "Tanzania", "United Republic of Tanzania"),
    ("CG", "Congo (Brazzaville)", "Republic of the Congo"),
    ("CD", "Congo (Kinshasa)", "Democratic Republic of the Congo"),
    ("BS", "The Bahamas", "Commonwealth of The Bahamas"),
    ("GM", "The Gambia", "Republic of The Gambia"),
    ("FM", "Micronesia", "Federated States of Micronesia"),
    ("VA", "Holy See", "Holy See"),
    ("PS", "West Bank and Gaza", ""),
]


def _rows() -> list[dict[str, str]]:
    with resource(*US_NAMES_FILE).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_country_with_an_iso_code_has_a_us_name() -> None:
    us = us_country_names()
    for iso in pycountry.countries:
        country = us.get(iso.alpha_2)
        assert country is not None, f"{iso.alpha_2} {iso.name} is missing from the US names"
        assert country.alpha3 == iso.alpha_3, iso.alpha_2
        assert country.name.strip() == country.name != "", iso.alpha_2
        assert country.formal_name.strip(), iso.alpha_2
        assert country.source, iso.alpha_2


@pytest.mark.parametrize("iso_form", ISO_ONLY)
def test_no_iso_only_form_reaches_a_document(iso_form: str) -> None:
    for country in all_countries():
        assert iso_form not in country.name, (country.code, country.name)
        assert iso_form not in country.official_name, (country.code, country.official_name)


def test_short_names_read_in_order_not_inverted_for_a_list() -> None:
    inverted = [c for c in all_countries() if ", " in c.name and "Saint Helena" not in c.name
                and "Bonaire" not in c.name]
    assert inverted == []


@pytest.mark.parametrize(("code", "short", "formal"), NAMED)
def test_the_named_countries_read_as_the_us_writes_them(code: str, short: str, formal: str) -> None:
    country = country_by_code(code)
    assert (country.name, country.official_name) == (short, formal)


def test_no_long_form_means_documents_print_the_short_name() -> None:
    assert country_by_code("AF").formal_name == "Afghanistan"
    assert [c.code for c in all_countries() if not c.official_name] == ["AF", "PS"]


def test_the_state_department_list_form_is_kept_and_still_resolves() -> None:
    assert country_by_code("KR").list_name == "Korea, South"
    assert country_by_code("BS").list_name == "Bahamas, The"
    for written in ("Korea, South", "Korea, North", "Gambia, The", "Micronesia, Federated States of"):
        found = resolve_country(written)
        assert found is not None and found.list_name == written


@pytest.mark.parametrize(
    ("written", "code"),
    [("Burma", "MM"), ("Myanmar", "MM"), ("Vietnam", "VN"), ("Viet Nam", "VN"), ("Taiwan", "TW"),
     ("Taiwan, Province of China", "TW"), ("Korea, South", "KR"), ("Czech Republic", "CZ"), ("Turkey", "TR"),
     ("Swaziland", "SZ"), ("Cape Verde", "CV"), ("Ivory Coast", "CI"), ("Macedonia", "MK"),
     ("Islamic Republic of Afghanistan", "AF"), ("Holy See (Vatican City State)", "VA"), ("Vatican City", "VA"),
     ("Palestine, State of", "PS"), ("West Bank", "PS"), ("XKS", "XK"), ("XKX", "XK")],
)
def test_old_and_iso_spellings_still_resolve(written: str, code: str) -> None:
    country = resolve_country(written)
    assert country is not None and country.code == code


def test_regions_and_commands_are_the_known_ones_and_go_together() -> None:
    for c in all_countries():
        assert c.region in REGIONS or c.region == "", c.code
        assert c.combatant_command in COMBATANT_COMMANDS or c.combatant_command == "", c.code
        if c.region:
            assert c.combatant_command, c.code


def test_the_data_file_says_where_each_name_came_from() -> None:
    rows = _rows()
    columns = set(rows[0])
    assert len({r["alpha2"] for r in rows}) == len(rows)
    assert len({r["alpha3"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r["source"].split()) <= SOURCES, r["alpha2"]
        assert set(r["from_memory"].split()) <= columns, r["alpha2"]
        if r["region_bureau"]:
            assert "region_bureau" in r["from_memory"].split(), r["alpha2"]
