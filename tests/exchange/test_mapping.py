"""The clerk's headers map themselves to fields; the clerk can override and the choice is remembered."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from imet_desktop.domain.validation import STUDENT_FIELD_LABELS
from imet_desktop.exchange.errors import MappingError
from imet_desktop.exchange.mapping import (
    IGNORE,
    ColumnMapping,
    apply_overrides,
    auto_map,
    guess_field,
    header_words,
    is_middle_names,
    parse_override,
)

SPELLINGS = Path(__file__).parent / "data" / "header_spellings.csv"


def _spellings() -> list[dict[str, str]]:
    with SPELLINGS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_corpus_holds_at_least_150_header_spellings_seen_in_real_spreadsheets() -> None:
    recognised = [r for r in _spellings() if r["field"]]
    assert len(recognised) >= 150
    assert len({r["seen in"] for r in recognised}) >= 10


@pytest.mark.parametrize("row", _spellings(), ids=lambda r: r["header"])
def test_each_spelling_in_the_corpus_maps_to_its_field(row: dict[str, str]) -> None:
    assert guess_field(row["header"]) == (row["field"] or None)


def test_headers_are_compared_by_their_words() -> None:
    assert header_words("English Comprehension Level (ECL)") == {"english", "comprehension", "level", "ecl"}
    assert header_words("Work Control No.") == header_words("work-control #") == {"work", "control", "number"}
    assert header_words("Given Name(s)") == header_words("GIVEN NAMES") == {"given", "name"}
    assert header_words("Country of Citizenship") == {"country", "citizenship"}
    assert header_words("PassportNo") == {"passport", "number"}


def test_middle_names_follow_first_names_but_first_slash_middle_is_first() -> None:
    assert is_middle_names("Middle Name(s)")
    assert is_middle_names("MI")
    assert not is_middle_names("FIRST/MIDDLE NAMES")
    assert not is_middle_names("Given names")


@pytest.mark.parametrize("header, field", [
    ("Surname", "legal_family_name"), ("Last name", "legal_family_name"), ("FAMILY NAME", "legal_family_name"),
    ("LAST_NAME", "legal_family_name"), ("last-name", "legal_family_name"), (" Surname ", "legal_family_name"),
    ("First", "legal_given_names"), ("Given", "legal_given_names"), ("First name", "legal_given_names"),
    ("Given names", "legal_given_names"), ("Middle names", "legal_given_names"), ("FIRST_NAME", "legal_given_names"),
    ("DOB", "date_of_birth"), ("D.O.B.", "date_of_birth"), ("Date of birth", "date_of_birth"),
    ("Birth date", "date_of_birth"), ("BIRTHDATE", "date_of_birth"),
    ("Country", "country_code"), ("Nation", "country_code"), ("Country code", "country_code"),
    ("ITO No", "ito_number"), ("ITO No.", "ito_number"), ("ITO number", "ito_number"), ("ITO", "ito_number"),
    ("ITO #", "ito_number"), ("WCN", "wcn"), ("wcn", "wcn"), ("ECL", "ecl_score"), ("ECL score", "ecl_score"),
    ("Passport No", "passport_number"), ("Passport number", "passport_number"), ("PASSPORT_NO", "passport_number"),
    ("Rank", "country_rank"), ("Service", "service"), ("Email", "email"), ("E-mail", "email"),
    ("Phone", "phone"), ("Arrival", "arrival_date"), ("Arrival date", "arrival_date"), ("Report date", "arrival_date"),
    ("Native name", "native_name"), ("Sex", "sex"), ("Gender", "sex"), ("Funding", "funding_program"),
    ("Funding program", "funding_program"), ("Passport expiry", "passport_expiry"), ("Visa type", "visa_type"),
    ("Date of départ", "departure_date"), ("Name", None), ("Record id", None), ("Shoe size", None),
])
def test_common_spellings_are_recognised(header: str, field: str | None) -> None:
    assert guess_field(header) == field


def test_every_label_and_key_maps_to_its_field() -> None:
    for name, label in STUDENT_FIELD_LABELS.items():
        assert guess_field(label) == name
        assert guess_field(name) == name


def test_first_and_middle_names_both_feed_given_names_first_names_first() -> None:
    mapping = auto_map(["Middle names", "Surname", "First name"])
    assert mapping.headers_for("legal_given_names") == ["First name", "Middle names"]
    assert mapping.problems() == []


def test_a_second_column_for_the_same_field_is_left_for_the_clerk_to_decide() -> None:
    mapping = auto_map(["Surname", "DOB", "Birth date"])
    assert mapping.columns == {"Surname": "legal_family_name", "DOB": "date_of_birth", "Birth date": None}
    assert mapping.undecided_headers == ["Birth date"]
    assert mapping.ignored_headers == []


def test_our_own_exports_record_id_is_ignored_by_choice_not_left_undecided() -> None:
    mapping = auto_map(["Record id", "Legal family name"])
    assert mapping.columns["Record id"] == IGNORE
    assert mapping.undecided_headers == []


def test_a_manual_override_wins() -> None:
    mapping = apply_overrides(auto_map(["Surname", "DOB", "Birth date", "Nom"]),
                              ["Birth date=date_of_birth", "nom=Display name", "Surname=legal family name"])
    assert mapping.columns == {"Surname": "legal_family_name", "DOB": None, "Birth date": "date_of_birth",
                               "Nom": "display_name"}


def test_an_override_can_ignore_a_column() -> None:
    assert apply_overrides(auto_map(["Surname", "Notes"]), ["Notes="]).columns["Notes"] == IGNORE
    assert apply_overrides(auto_map(["Surname", "Notes"]), ["Notes=ignore"]).columns["Notes"] == IGNORE
    assert apply_overrides(auto_map(["Surname", "Notes"]), ["Notes=ignore"]).ignored_headers == ["Notes"]


@pytest.mark.parametrize("override, message", [
    ("Surname", "is not of the form Header=field"),
    ("Surname=shoe size", "'shoe size' in 'Surname=shoe size' is not a student field"),
    ("Shoe=legal_family_name", "the file has no column 'Shoe'"),
])
def test_a_wrong_override_is_refused(override: str, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        apply_overrides(auto_map(["Surname", "DOB"]), [override])


def test_a_header_containing_an_equals_sign_can_be_overridden() -> None:
    assert parse_override("Score (max=100)=ECL score") == ("Score (max=100)", "ecl_score")


def test_the_mapping_survives_json_and_is_remembered() -> None:
    chosen = apply_overrides(auto_map(["Nom", "Prénom", "Né le"]),
                             ["Nom=legal_family_name", "Prénom=legal_given_names", "Né le=date_of_birth"])
    remembered = ColumnMapping.from_json(chosen.to_json())
    assert remembered == chosen
    assert "Prénom" in chosen.to_json()  # kept readable, not \\u-escaped
    again = auto_map(["Nom", "Prénom", "Né le", "E-mail"], remembered)
    assert again.columns == {"Nom": "legal_family_name", "Prénom": "legal_given_names", "Né le": "date_of_birth",
                             "E-mail": "email"}


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"Surname": 3}'])
def test_a_damaged_remembered_mapping_is_refused(text: str) -> None:
    with pytest.raises(MappingError):
        ColumnMapping.from_json(text)


def test_a_mapping_that_cannot_be_used_says_why() -> None:
    mapping = ColumnMapping({"DOB": "date_of_birth", "Born": "date_of_birth", "X": "shoe_size"})
    assert mapping.problems() == [
        "column 'X' is mapped to 'shoe_size', which is not a student field",
        "Date of birth is fed by several columns ('DOB', 'Born'); choose one",
        "no column is mapped to Legal family name (Surname)",
    ]
