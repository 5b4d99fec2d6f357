"""How documents word ranks, countries, schools and native names."""

from __future__ import annotations

from imet_desktop.ops import wording

# --- names as printed ----------------------------------------------------------------------------------------

def test_formal_country_names_read_as_in_a_sentence() -> None:
    assert wording.formal_country("Korea, Republic of", "South Korea") == "Republic of Korea"
    assert wording.formal_country("Kingdom of Thailand", "Thailand") == "Kingdom of Thailand"
    assert wording.formal_country("", "Ukraine") == "Ukraine"
    assert wording.formal_country("Bonaire, Sint Eustatius and Saba", "") == "Bonaire, Sint Eustatius and Saba"


def test_course_codes_are_spelled_out_as_schools_attended() -> None:
    titles = {"SOS": "Squadron Officer School", "ACSC": "Air Command and Staff College"}
    assert wording.schools_text("ACSC 2005", titles) == "Air Command and Staff College, Class of 2005"
    assert wording.schools_text("SOS 1998; ACSC 2005", titles) == (
        "Squadron Officer School, Class of 1998 and the Air Command and Staff College, Class of 2005")
    assert wording.schools_text("Naval War College", titles) == "Naval War College"
    assert wording.schools_text("", titles) == ""


def test_a_native_name_that_only_repeats_the_legal_one_is_not_printed_twice() -> None:
    assert wording.native_line("Đặng Xuân Trường", "ĐẶNG Xuân Trường") == ""
    assert wording.native_line("Juan Carlos Zeballos Arce", "Juan Carlos ZEBALLOS ARCE") == ""
    assert wording.native_line("황성민", "HWANG Sung-min") == "황성민"
