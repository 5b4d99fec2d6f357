"""A ceremony's details: title, date, time, venue, presiding official, host and notes, edited in place."""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from imet_desktop.domain.records import CeremonyStatus
from imet_desktop.ui.ceremonies.page import CeremonyPage
from imet_desktop.ui.common.fields import DateEdit
from imet_desktop.ui.common.formatting import display_date

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.domain.records import Ceremony

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class DetailsPage(CeremonyPage):
    """The ceremony's details; Save writes them (the audit log keeps the old values)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("ceremonyTitle")
        self.date_edit = DateEdit(None)
        self.date_edit.setObjectName("ceremonyDate")
        self.date_edit.setMaximumWidth(220)
        self.time_edit = QLineEdit()
        self.time_edit.setToolTip("24-hour, as 14:00")
        self.time_edit.setMaximumWidth(120)
        self.venue_edit = QLineEdit()
        self.presiding_edit = QLineEdit()
        self.presiding_edit.setPlaceholderText("e.g. Lieutenant General …, Commander, Air University")
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText("e.g. Colonel …, Commandant, International Officer School")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setFixedHeight(80)
        self.status_label = QLabel()
        self.status_label.setObjectName("ceremonyStatus")
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.save_button = self.button("Save details", self.save, "saveDetails")
        self.revert_button = self.button("Undo changes", self.reload, "revertDetails")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (("Title", self.title_edit), ("Date", self.date_edit), ("Time", self.time_edit),
                              ("Venue", self.venue_edit), ("Presiding official", self.presiding_edit),
                              ("Host", self.host_edit), ("Notes", self.notes_edit), ("Status", self.status_label)):
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addLayout(self.button_row(self.save_button, self.revert_button))
        layout.addStretch(1)
        self._fields = (self.title_edit, self.time_edit, self.venue_edit, self.presiding_edit, self.host_edit)
        for edit in self._fields:
            edit.textEdited.connect(self._edited)
        self.notes_edit.textChanged.connect(self._edited)
        self.date_edit.textEdited.connect(self._edited)
        self.date_edit.value_changed.connect(self._edited)
        self._loading = False
        self._dirty = False

    @property
    def dirty(self) -> bool:
        """True while there are changes not saved."""
        return self._dirty

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self._dirty = True
            self.enable()

    def ceremony_changed(self, db: Database | None, ceremony: Ceremony | None) -> None:
        """Another view changed the ceremony. An inductee added, moved or removed leaves its details as they were:
        the fields, not edited and showing them already, are not filled again (their texts and the notes laid out
        again at each of 1,000 inductees' changes); details changed elsewhere are shown (and edits not saved, as
        before, give way to them)."""
        if (ceremony is not None and db is self.db and ceremony == self.ceremony and not self._dirty
                and not self.message_label.text()):
            self.ceremony = ceremony
            self.enable()
            return
        super().ceremony_changed(db, ceremony)

    def reload(self) -> None:
        self._loading = True
        c = self.ceremony
        self.title_edit.setText(c.title if c else "")
        self.date_edit.set_value(c.ceremony_date if c else None)
        self.time_edit.setText(c.ceremony_time if c else "")
        self.venue_edit.setText(c.venue if c else "")
        self.presiding_edit.setText(c.presiding_official if c else "")
        self.host_edit.setText(c.host if c else "")
        self.notes_edit.setPlainText(c.notes if c else "")
        if c is None:
            self.status_label.setText("")
        elif c.status == CeremonyStatus.HELD:
            self.status_label.setText(f"<b>Held</b> on {display_date(c.ceremony_date)}: its inductees are on the "
                                      "Honor Roll; it changes only if reopened (Reopen ceremony…, with a reason).")
        else:
            self.status_label.setText(f"<b>{c.status}</b>")
        self.message_label.setText("")
        self._loading = False
        self._dirty = False
        self.enable()

    def enable(self) -> None:
        for edit in (*self._fields, self.notes_edit, self.date_edit):
            edit.setEnabled(self.editable)
        self.save_button.setEnabled(self.editable and self._dirty)
        self.revert_button.setEnabled(self.editable and self._dirty)

    def save(self) -> bool:
        """Save the details as shown."""
        from imet_desktop.store.ceremonies import get_ceremony, update_ceremony

        if self.ceremony is None or self.db is None or self.ceremony.id is None:
            return False
        problem = self.date_edit.problem()
        if problem:
            self.date_edit.flag()
            self.message_label.setText(f"<span style='color:#B3261E'>Date: {escape(problem)}</span>")
            return False
        time = self.time_edit.text().strip()
        if time and not _TIME.match(time):
            self.message_label.setText("<span style='color:#B3261E'>Write the time as HH:MM, 24-hour (14:00).</span>")
            return False
        ceremony = replace(self.ceremony, title=self.title_edit.text().strip(), ceremony_date=self.date_edit.value(),
                           ceremony_time=time, venue=self.venue_edit.text().strip(),
                           presiding_official=self.presiding_edit.text().strip(), host=self.host_edit.text().strip(),
                           notes=self.notes_edit.toPlainText().strip())
        from imet_desktop.ui.records.stale import save_checked

        db = self.db
        saved = save_checked(self, lambda version: update_ceremony(db, replace(ceremony, version=version)) or True,
                             ceremony.version, title="Details not saved", doing="saving the ceremony's details")
        if saved is None:
            return False
        self.ceremony = get_ceremony(db, ceremony.id or 0)  # saved, or reloaded: as it is now
        self.reload()
        self.enable()
        if saved is True:
            self.changed.emit()
        return saved is True
