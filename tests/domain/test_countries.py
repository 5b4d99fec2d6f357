import pytest

from imet_desktop.domain.countries import all_countries, country_by_code, resolve_country


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Republic of Korea", "KR"),
        ("South Korea", "KR"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("cz", "CZ"),
        ("KOR", "KR"),
        ("  united arab emirates ", "AE"),
        ("UAE", "AE"),
        ("Cote d'Ivoire", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Kosovo", "XK"),
        ("Bolivia", "BO"),
    ],
)
def test_a_clerk_can_write_a_country_the_way_the_orders_do(written: str, code: str) -> None:
    country = resolve_country(written)
    assert country is not None
    assert country.code == code


@pytest.mark.parametrize("written", ["", "   ", "Atlantis", "ZZ", "Korea, Democratic and Republic"])
def test_an_unknown_country_is_not_guessed(written: str) -> None:
    assert resolve_country(written) is None


def test_every_partner_nation_has_a_region_and_a_combatant_command() -> None:
    for code in ["JO", "HU", "BO", "DJ", "TH", "KR", "IN", "SV", "QA", "UA", "NP"]:
        country = country_by_code(code)
        assert country.region, code
        assert country.combatant_command.startswith("US"), code


def test_the_united_states_has_a_command_but_no_state_department_bureau() -> None:
    us = country_by_code("US")
    assert (us.region, us.combatant_command) == ("", "USNORTHCOM")


def test_the_country_list_is_complete_and_unique() -> None:
    codes = [c.code for c in all_countries()]
    assert len(codes) == len(set(codes)) >= 249
