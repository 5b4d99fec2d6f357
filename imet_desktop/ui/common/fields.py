"""Fields the program's forms share: dates as the office writes them (22 APR 2027), choices, countries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QWidget

from imet_desktop.ui.common.dates import DateEdit

__all__ = ["DateEdit", "choice_box", "country_choices", "date_edit", "from_qdate", "to_qdate"]


def to_qdate(day: dt.date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    """A QDate as a Python date."""
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date | None, parent: QWidget | None = None) -> DateEdit:
    """A required date field (the program's one date field, ui.common.dates), set to day or today."""
    return DateEdit(day or dt.date.today(), parent, optional=False)


def choice_box(choices: Sequence[tuple[str, object]], current: object = None, *, editable: bool = False) -> QComboBox:
    """A combo box of (label, value) pairs with the current value selected."""
    box = QComboBox()
    box.setEditable(editable)
    for label, value in choices:
        box.addItem(label, value)
    index = box.findData(current)
    if index >= 0:
        box.setCurrentIndex(index)
    elif editable and isinstance(current, str):
        box.setEditText(current)
    return box


def country_choices() -> list[tuple[str, object]]:
    """Every country by the office's name (the open database's list), with 'no country' first (for choice_box)."""
    from imet_desktop.ui.common.country_field import office_countries  # loads when a form needs it

    choices: list[tuple[str, object]] = [("(no country)", "")]
    return choices + [(f"{c.name} ({c.code})", c.code) for c in office_countries()]
