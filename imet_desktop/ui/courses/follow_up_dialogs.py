"""The Field Studies Program's and the reporting clock's dialogs: an event, a note, the reporting rules.

Each opens only through its ``ask(...)`` class method; tests replace ``ask`` (monkeypatch) so the
clerk's answer becomes a return value, or build the dialog, fill it in and read ``answer()`` without
showing it. Each lays out its own fields in ``body`` (the form dialog's ``form`` stays empty) and
enables OK while ``is_complete()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from imet_desktop.ui.common.dialog_base import FormDialog
from imet_desktop.ui.common.fields import date_edit, from_qdate

if TYPE_CHECKING:
    from imet_desktop.store.fsp import FspEvent
    from imet_desktop.store.reports import ReportingRules

class NoteDialog(FormDialog):
    """One line of text (a note, an excuse), optional or required."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, text: str = "",
                 required: bool = False) -> None:
        super().__init__(parent, title)
        self._required = required
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.text = QLineEdit(text)
        self.body.addWidget(label)
        self.body.addWidget(self.text)
        self.text.textChanged.connect(self.update_ok)
        self.setMinimumWidth(420)
        self.finish()

    def is_complete(self) -> bool:
        return bool(self.text.text().strip()) or not self._required

    def answer(self) -> str:
        return self.text.text().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, text: str = "", required: bool = False) -> str | None:
        """The text typed, or None when cancelled."""
        dialog = cls(parent, title, prompt, text, required)
        return dialog.answer() if dialog.run() else None


class FspEventDialog(FormDialog):
    """Add or edit an FSP event: date, title, place, and which of the 11 topics it covers."""

    def __init__(self, parent: QWidget | None, event: FspEvent | None, topics: Sequence[str]) -> None:
        super().__init__(parent, "Edit FSP event" if event and event.id else "Add FSP event")
        self._id = event.id if event else None
        form = QFormLayout()
        self.date = date_edit(event.event_date if event else None)
        self.title = QLineEdit(event.title if event else "")
        self.title.setPlaceholderText("e.g. Alabama Supreme Court")
        self.title.setMinimumWidth(360)
        self.place = QLineEdit(event.place if event else "")
        self.place.setPlaceholderText("e.g. Montgomery, Alabama")
        form.addRow("Date", self.date)
        form.addRow("Event", self.title)
        form.addRow("Place", self.place)
        self.body.addLayout(form)
        box = QGroupBox("Topics covered")
        grid = QGridLayout(box)
        chosen = set(event.topics) if event else set()
        self.topics: list[QCheckBox] = []
        for n, topic in enumerate(topics):
            check = QCheckBox(topic)
            check.setChecked(topic in chosen)
            grid.addWidget(check, n % 6, n // 6)
            self.topics.append(check)
        self.body.addWidget(box)
        self.title.textChanged.connect(self.update_ok)
        self.finish()

    def is_complete(self) -> bool:
        return bool(self.title.text().strip())

    def answer(self) -> FspEvent:
        from imet_desktop.store.fsp import FspEvent

        return FspEvent(from_qdate(self.date.date()), self.title.text().strip(), self.place.text().strip(),
                        tuple(c.text() for c in self.topics if c.isChecked()), self._id)

    @classmethod
    def ask(cls, parent: QWidget | None, event: FspEvent | None, topics: Sequence[str]) -> FspEvent | None:
        """The event as filled in, or None when cancelled."""
        dialog = cls(parent, event, topics)
        return dialog.answer() if dialog.run() else None


class ReportingRulesDialog(FormDialog):
    """How many working days each report may take, and from when the clock looks at events."""

    def __init__(self, parent: QWidget | None, rules: ReportingRules, today: dt.date) -> None:
        super().__init__(parent, "Reporting clock")
        form = QFormLayout()
        self.days: dict[str, QSpinBox] = {}
        for name, label, value in (("arrival_days", "Arrival report", rules.arrival_days),
                                   ("status_change_days", "Status change report", rules.status_change_days),
                                   ("completion_days", "Completion report", rules.completion_days)):
            spin = QSpinBox()
            spin.setRange(0, 60)
            spin.setSuffix(" working days")
            spin.setValue(value)
            self.days[name] = spin
            form.addRow(label, spin)
        self.since = date_edit(rules.since(today))
        form.addRow("Look at events since", self.since)
        self.body.addLayout(form)
        note = QLabel("Working days skip weekends and US federal holidays (observed dates).")
        note.setStyleSheet("color: #6B6B6B")
        self.body.addWidget(note)
        self.finish()

    def answer(self) -> ReportingRules:
        from imet_desktop.store.reports import ReportingRules

        return ReportingRules(self.days["arrival_days"].value(), self.days["status_change_days"].value(),
                              self.days["completion_days"].value(), from_qdate(self.since.date()))

    @classmethod
    def ask(cls, parent: QWidget | None, rules: ReportingRules, today: dt.date) -> ReportingRules | None:
        """The rules as set, or None when cancelled."""
        dialog = cls(parent, rules, today)
        return dialog.answer() if dialog.run() else None
