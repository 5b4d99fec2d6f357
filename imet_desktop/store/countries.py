"""The office's countries: names on documents, formal names, bureaus and commands, and countries added by hand.

The table starts with the US government's names (``domain.countries``); the office may change any
of them here, and its names win. Documents get a country's names through ``printed_country``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from imet_desktop.domain.countries import check_country_entry, us_country_names
from imet_desktop.domain.errors import UserError
from imet_desktop.domain.problems import Problem
from imet_desktop.domain.validation import UNKNOWN_COUNTRY
from imet_desktop.store.db import audit, now_text, write
from imet_desktop.store.errors import RecordNotFoundError

_COLUMNS = ("code, alpha3, name, official_name, region, combatant_command, added_by_office, confirmed, "
            "edited_at")
_EDITABLE = ("name", "official_name", "region", "combatant_command")


@dataclass(frozen=True, slots=True)
class CountryRecord:
    """One country as the office names it."""

    code: str
    alpha3: str
    name: str  # the name documents print
    official_name: str  # the formal name; "" where there is none
    region: str
    combatant_command: str
    added_by_office: bool = False
    confirmed: bool = True  # False for a country added by hand until the office confirms it
    edited_at: str | None = None  # when the office last changed it; None: still the program's default

    @property
    def formal_name(self) -> str:
        """The name a formal document prints: the formal name, or the name on documents where there is none."""
        return self.official_name or self.name

    @property
    def is_us_default(self) -> bool:
        """True while the names, bureau and command are the bundled US government defaults."""
        us = us_country_names().get(self.code)
        return us is not None and (self.name, self.official_name, self.region, self.combatant_command) == (
            us.name, us.official_name, us.region, us.combatant_command)


@dataclass(frozen=True, slots=True)
class PrintedCountry:
    """What a document prints for a country, with whether the office has confirmed the names."""

    code: str
    name: str  # short form: rosters, place cards, lists
    formal_name: str  # long form (or the short one where there is none): certificates, letters
    confirmed: bool


def _record(row: tuple[Any, ...]) -> CountryRecord:
    return CountryRecord(code=str(row[0]), alpha3=str(row[1]), name=str(row[2]), official_name=str(row[3]),
                         region=str(row[4]), combatant_command=str(row[5]), added_by_office=bool(row[6]),
                         confirmed=bool(row[7]), edited_at=row[8])


def list_countries(db: Database) -> list[CountryRecord]:
    """Every country, by the name on documents."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM countries ORDER BY name COLLATE NOCASE, code").fetchall()
    return [_record(r) for r in rows]


def get_country(db: Database, code: str) -> CountryRecord:
    """One country by its code; RecordNotFoundError when the table has none."""
    row = db.execute(f"SELECT {_COLUMNS} FROM countries WHERE code = ?", [code]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no country with the code '{code}'")
    return _record(row)


def printed_country(db: Database, code: str) -> PrintedCountry:
    """The names a document prints for a country, as the office has them (the one place to ask)."""
    country = get_country(db, code)
    return PrintedCountry(country.code, country.name, country.formal_name, country.confirmed)


def _clean(**values: str) -> dict[str, str]:
    return {k: v.strip() for k, v in values.items()}


def update_country(db: Database, code: str, *, name: str, official_name: str, region: str,
                   combatant_command: str) -> CountryRecord:
    """Change a country's names, bureau or command; the audit log keeps the old and new values."""
    old = get_country(db, code)
    new = _clean(name=name, official_name=official_name, region=region, combatant_command=combatant_command)
    check_country_entry(code=old.code, alpha3=old.alpha3, **new)
    changes = {k: [getattr(old, k), v] for k, v in new.items() if getattr(old, k) != v}
    if not changes:
        return old
    with write(db):
        db.execute("UPDATE countries SET name = ?, official_name = ?, region = ?, combatant_command = ?, "
                   "edited_at = ? WHERE code = ?",
                   [new["name"], new["official_name"], new["region"], new["combatant_command"], now_text(), code])
        audit(db, "countries", None, "update", {"code": code, **changes})
    return get_country(db, code)


def restore_us_names(db: Database, code: str) -> CountryRecord:
    """Put back the US government's names, bureau and command for a country the program ships."""
    us = us_country_names().get(code)
    if us is None:
        raise UserError(f"country {code} was added by the office: there are no US names to restore")
    return update_country(db, code, name=us.name, official_name=us.official_name, region=us.region,
                          combatant_command=us.combatant_command)


def add_country(db: Database, *, code: str, alpha3: str, name: str, official_name: str = "", region: str = "",
                combatant_command: str = "") -> CountryRecord:
    """A country the office adds by hand; it stays unconfirmed until the office confirms its names."""
    values = _clean(name=name, official_name=official_name, region=region, combatant_command=combatant_command)
    code, alpha3 = code.strip().upper(), alpha3.strip().upper()
    check_country_entry(code=code, alpha3=alpha3, **values)
    for column, value in (("code", code), ("alpha3", alpha3)):
        taken = db.execute(f"SELECT name FROM countries WHERE {column} = ?", [value]).fetchone()
        if taken is not None:
            raise UserError(f"country {code}: the code {value} is already {taken[0]}'s")
    with write(db):
        db.execute("INSERT INTO countries (code, alpha3, name, official_name, region, combatant_command, "
                   "added_by_office, confirmed, edited_at) VALUES (?, ?, ?, ?, ?, ?, 1, 0, ?)",
                   [code, alpha3, values["name"], values["official_name"], values["region"],
                    values["combatant_command"], now_text()])
        audit(db, "countries", None, "insert", {"code": code, "alpha3": alpha3, **values})
    return get_country(db, code)


def confirm_country(db: Database, code: str) -> CountryRecord:
    """The office confirms the names of a country it added by hand."""
    country = get_country(db, code)
    if country.confirmed:
        return country
    with write(db):
        db.execute("UPDATE countries SET confirmed = 1 WHERE code = ?", [code])
        audit(db, "countries", None, "confirm", {"code": code, "name": country.name,
                                                  "official_name": country.official_name})
    return get_country(db, code)


def unconfirmed_countries(db: Database, codes: Iterable[str]) -> list[CountryRecord]:
    """The countries among codes that the office added by hand and has not confirmed, by name."""
    wanted = sorted({c for c in codes if c})
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    rows = db.execute(f"SELECT {_COLUMNS} FROM countries WHERE code IN ({marks}) AND added_by_office = 1 "
                      "AND confirmed = 0 ORDER BY name COLLATE NOCASE", wanted).fetchall()
    return [_record(r) for r in rows]


def with_office_countries(db: Database, problems: Sequence[Problem]) -> list[Problem]:
    """A record's problems, less 'not a known country code' for a country the office added by hand (the
    domain knows the countries the program ships; the office's own are in this table)."""
    kept = []
    for p in problems:
        if p.message == UNKNOWN_COUNTRY and db.execute(
                "SELECT 1 FROM countries WHERE code = ? AND added_by_office = 1", [str(p.value)]).fetchone():
            continue
        kept.append(p)
    return kept
