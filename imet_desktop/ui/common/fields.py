"""Fields the program's forms share: dates as the office writes them (05 JUN 2026), choices, countries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

NO_DATE = QDate(1900, 1, 1)
DATE_FORMAT = "dd MMM yyyy"


def to_qdate(day: dt.date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    """A QDate as a Python date."""
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date | None, parent: QWidget | None = None) -> QDateEdit:
    """A date field with a calendar, in the office's format (05 JUN 2026), set to day (or today)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(to_qdate(day or dt.date.today()))
    return edit


class DateEdit(QDateEdit):
    """A date field that may be left empty ("no date"); shows dates as the office writes them."""

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None, *, optional: bool = True) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setMinimumDate(NO_DATE)
        self.setMaximumDate(QDate(2200, 12, 31))
        self.optional = optional
        if optional:
            self.setSpecialValueText("no date")
        self.set_value(value)

    def value(self) -> dt.date | None:
        """The date, or None when left empty."""
        if self.optional and self.date() == NO_DATE:
            return None
        return from_qdate(self.date())

    def set_value(self, value: dt.date | None) -> None:
        """Show a date (None: empty, or today when the field is required)."""
        if value is None:
            value = None if self.optional else dt.date.today()
        self.setDate(NO_DATE if value is None else to_qdate(value))


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
    """Every country by name, with 'no country' first (for choice_box)."""
    from imet_desktop.domain.countries import all_countries  # the country list loads when a form needs it

    choices: list[tuple[str, object]] = [("(no country)", "")]
    return choices + [(f"{c.name} ({c.code})", c.code) for c in all_countries()]
