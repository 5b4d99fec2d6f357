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


def test_every_spelling_resolves_as_the_whole_index_has_it() -> None:
    """The US data's codes and names are looked up before ISO's are loaded: the same country for every key, as
    long as the bundled data has every ISO code (checked here for the installed pycountry)."""
    from imet_desktop.domain.countries import _index, us_country_names

    assert {c.code for c in all_countries()} == set(us_country_names())
    for key, country in _index().items():
        assert resolve_country(key) == country, key
    for country in all_countries():
        assert country_by_code(country.code) == country


def test_a_country_written_as_the_us_writes_it_is_resolved_without_loading_iso() -> None:
    import subprocess
    import sys

    script = ("import sys\nfrom imet_desktop.domain.countries import country_by_code, resolve_country\n"
              "codes = [resolve_country(t).code for t in ('Estonia', 'Burma', 'Korea, South', 'EST', 'bo')]\n"
              "assert [country_by_code(c).name for c in ('EE', 'MM')] == ['Estonia', 'Burma']\n"
              "print(codes, 'pycountry' in sys.modules)\n"
              "print(resolve_country('Viet Nam').code, 'pycountry' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["['EE', 'MM', 'KR', 'EE', 'BO'] False", "VN True"]
