"""The country field of a form: type-ahead over every country (name, official name or code, accents optional),
and the code a typed text means."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QWidget

from imet_desktop.domain.countries import all_countries, resolve_country

if TYPE_CHECKING:
    from sqlite_utils import Database

_CODE_IN_TEXT = re.compile(r"\(([A-Z]{2})\)\s*$")

_office: list[Database] = []  # the open database, whose countries the pickers list


@dataclass(frozen=True, slots=True)
class PickedCountry:
    """A country as a picker lists it."""

    code: str
    alpha3: str
    name: str
    official_name: str


def use_office_countries(db: Database | None) -> None:
    """The pickers list this database's countries: the office's names, and the countries it added by hand
    (None: the program's own list). The main window calls it when it shows a database."""
    _office[:] = [] if db is None else [db]


def office_countries() -> list[PickedCountry]:
    """Every country a picker offers, by the name on documents: the open database's, else the program's."""
    if _office:
        from imet_desktop.store.countries import list_countries

        try:
            return [PickedCountry(c.code, c.alpha3, c.name, c.official_name) for c in list_countries(_office[0])]
        except sqlite3.ProgrammingError:  # closed since: the program's list
            _office.clear()
    return [PickedCountry(c.code, c.alpha3, c.name, c.official_name) for c in all_countries()]


def fold(text: str) -> str:
    """Text without accents or case, for the country picker's type-ahead."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class CountryCompleter(QCompleter):
    """Type-ahead over every country: matches anywhere in the name, official name or code, accents optional."""

    SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        model = QStandardItemModel(parent)
        for c in office_countries():
            item = QStandardItem(f"{c.name} ({c.code})")
            item.setData(fold(f"{c.name} {c.official_name} {c.code} {c.alpha3}"), self.SEARCH_ROLE)
            item.setData(c.code, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        super().__init__(model, parent)
        self.setCompletionRole(self.SEARCH_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802
        return [fold(path)]

    def pathFromIndex(self, index: object) -> str:  # noqa: N802
        return str(index.data(Qt.ItemDataRole.DisplayRole))  # type: ignore[attr-defined]


def country_code_of(text: str) -> str | None:
    """The country code a typed text means ('' for none typed), or None when no country matches."""
    text = text.strip()
    if not text:
        return ""
    match = _CODE_IN_TEXT.search(text)
    if match:
        return match.group(1)
    country = resolve_country(text)
    if country is not None:
        return country.code
    wanted = fold(text)  # a name the office gave, or a country it added by hand
    return next((c.code for c in office_countries() if wanted in (fold(c.name), fold(c.official_name))), None)


def country_text(code: str) -> str:
    """How the country field shows a stored code."""
    for c in office_countries():
        if c.code == code:
            return f"{c.name} ({c.code})"
    return code
