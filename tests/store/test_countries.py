"""The office's countries: US names by default, its own names win, countries added by hand wait for confirmation."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pycountry
import pytest
from sqlite_utils import Database

from imet_desktop.domain.errors import UserError
from imet_desktop.store import schema
from imet_desktop.store.countries import (
    add_country,
    confirm_country,
    get_country,
    list_countries,
    printed_country,
    restore_us_names,
    update_country,
)
from imet_desktop.store.db import connect, open_database
from imet_desktop.store.errors import RecordNotFoundError


def _audit(db: Database, action: str) -> list[dict[str, object]]:
    rows = db.execute("SELECT details FROM audit_log WHERE table_name = 'countries' AND action = ?", [action])
    return [json.loads(r[0]) for r in rows]


def test_a_new_database_names_countries_as_the_us_government_does(db: Database) -> None:
    taiwan = get_country(db, "TW")
    assert (taiwan.name, taiwan.official_name) == ("Taiwan", "Taiwan")
    assert printed_country(db, "VN").formal_name == "Socialist Republic of Vietnam"
    assert printed_country(db, "AF").formal_name == "Afghanistan"  # no long form: the short name prints
    assert printed_country(db, "MM").name == "Burma"
    assert all(c.confirmed and not c.added_by_office and c.is_us_default for c in list_countries(db))


def test_editing_a_country_is_saved_and_audited(db: Database) -> None:
    saved = update_country(db, "TW", name="Taiwan", official_name="Taiwan (Republic of China)",
                           region="EAP", combatant_command="USINDOPACOM")
    assert saved.official_name == "Taiwan (Republic of China)"
    assert saved.edited_at is not None and not saved.is_us_default
    assert printed_country(db, "TW").formal_name == "Taiwan (Republic of China)"
    assert _audit(db, "update") == [{"code": "TW", "official_name": ["Taiwan", "Taiwan (Republic of China)"]}]


def test_saving_unchanged_names_writes_nothing(db: Database) -> None:
    update_country(db, "KR", name="South Korea", official_name="Republic of Korea", region="EAP",
                   combatant_command="USINDOPACOM")
    assert _audit(db, "update") == []
    assert get_country(db, "KR").edited_at is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("name", "  ", "name on documents: required"), ("region", "EUCOM", "region 'EUCOM'"),
     ("combatant_command", "USSPACECOM", "combatant command 'USSPACECOM'")],
)
def test_a_country_the_program_could_not_use_is_refused_and_nothing_written(
        db: Database, field: str, value: str, message: str) -> None:
    values = {"name": "Czechia", "official_name": "Czech Republic", "region": "EUR",
              "combatant_command": "USEUCOM", field: value}
    with pytest.raises(UserError, match=message):
        update_country(db, "CZ", **values)
    assert get_country(db, "CZ").is_us_default


def test_the_us_names_can_be_put_back(db: Database) -> None:
    update_country(db, "TR", name="Turkey", official_name="Republic of Turkey", region="EUR",
                   combatant_command="USEUCOM")
    restored = restore_us_names(db, "TR")
    assert (restored.name, restored.official_name) == ("Türkiye", "Republic of Türkiye")


def test_a_country_added_by_hand_stays_unconfirmed_until_the_office_confirms_it(db: Database) -> None:
    added = add_country(db, code="xs", alpha3="xsa", name="Somaliland", official_name="Republic of Somaliland",
                        region="AF", combatant_command="USAFRICOM")
    assert (added.code, added.alpha3, added.added_by_office, added.confirmed) == ("XS", "XSA", True, False)
    assert printed_country(db, "XS").confirmed is False
    assert confirm_country(db, "XS").confirmed
    assert printed_country(db, "XS").confirmed
    assert [d["code"] for d in _audit(db, "insert")] == ["XS"]
    assert _audit(db, "confirm") == [{"code": "XS", "name": "Somaliland", "official_name": "Republic of Somaliland"}]
    with pytest.raises(UserError, match="no US names"):
        restore_us_names(db, "XS")


@pytest.mark.parametrize(
    ("code", "alpha3", "message"),
    [("TW", "TWX", "already Taiwan's"), ("XS", "TWN", "already Taiwan's"), ("X", "XSA", "two capital letters"),
     ("X1", "XSA", "two capital letters"), ("XS", "XS", "three capital letters")],
)
def test_a_country_added_by_hand_needs_free_codes(db: Database, code: str, alpha3: str, message: str) -> None:
    before = len(list_countries(db))
    with pytest.raises(UserError, match=message):
        add_country(db, code=code, alpha3=alpha3, name="Somaliland")
    assert len(list_countries(db)) == before


def test_an_unknown_code_is_named(db: Database) -> None:
    with pytest.raises(RecordNotFoundError, match="'QQ'"):
        printed_country(db, "QQ")


# --- bringing an earlier database to the US names -------------------------------------------------------------

def _earlier_database(path: Path) -> None:
    """A database as the version before US names left it: ISO names seeded, the US in WHA."""
    db = connect(path)
    schema.migrations.apply(db, stop_before="0006_us_country_names")
    for c in pycountry.countries:
        db.execute("UPDATE countries SET name = ?, official_name = ? WHERE code = ?",
                   [getattr(c, "common_name", None) or c.name, getattr(c, "official_name", None) or c.name,
                    c.alpha_2])
    db.execute("UPDATE countries SET region = 'WHA' WHERE code = 'US'")
    db.execute(f"PRAGMA user_version = {schema.migration_names().index('0006_us_country_names')}")
    db.conn.commit()
    db.close()


def test_an_earlier_database_gets_the_us_names_but_keeps_what_the_office_changed(db_path: Path) -> None:
    _earlier_database(db_path)
    office = sqlite3.connect(db_path)
    office.execute("UPDATE countries SET name = 'Korea (ROK)' WHERE code = 'KR'")
    office.execute("UPDATE countries SET official_name = 'Union of Myanmar' WHERE code = 'MM'")
    office.commit()
    office.close()

    db = open_database(db_path)
    taiwan, vietnam, afghanistan = get_country(db, "TW"), get_country(db, "VN"), get_country(db, "AF")
    assert (taiwan.name, taiwan.official_name) == ("Taiwan", "Taiwan")
    assert (vietnam.name, vietnam.official_name) == ("Vietnam", "Socialist Republic of Vietnam")
    assert (afghanistan.name, afghanistan.official_name) == ("Afghanistan", "")
    assert (get_country(db, "SZ").name, get_country(db, "TR").official_name) == ("Eswatini", "Republic of Türkiye")
    korea, burma = get_country(db, "KR"), get_country(db, "MM")
    assert (korea.name, korea.official_name) == ("Korea (ROK)", "Republic of Korea")  # the office's name stays
    assert (burma.name, burma.official_name) == ("Burma", "Union of Myanmar")
    assert get_country(db, "US").region == ""
    assert all(c.confirmed and not c.added_by_office for c in list_countries(db))
    renamed = _audit(db, "US names")
    assert renamed[0]["TW"] == {"official_name": ["Taiwan, Province of China", "Taiwan"]}
    assert renamed[0]["KR"] == {"official_name": ["Korea, Republic of", "Republic of Korea"]}  # not its name
    db.close()
