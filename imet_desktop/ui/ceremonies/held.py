"""Marking a ceremony as held, and reopening one marked by mistake: the Ceremonies tab's two last actions.

Marking held is offered only once the ceremony has taken place (store.ceremonies.held_preview says
why not otherwise); the question names what will be written ("10 inductions dated 22 APR 2027").
Reopening asks for a reason, kept in the ceremony's History, and takes off the Honor Roll exactly
the inductions the marking wrote.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.dialog_base import FormDialog
from imet_desktop.ui.common.errors import attempt
from imet_desktop.ui.common.formatting import display_date

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.store.ceremonies import CeremonyRow


class ReasonDialog(FormDialog):
    """A question that needs a reason to go ahead (kept in the History with the clerk's name and the time)."""

    def __init__(self, parent: QWidget | None, title: str, text: str, ok_text: str, placeholder: str) -> None:
        super().__init__(parent, title, ok_text=ok_text)
        label = QLabel(text)
        label.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(placeholder)
        self.reason.setMaximumHeight(90)
        note = QLabel("The reason is kept in the History with your user name and the time.")
        note.setStyleSheet("color: #6B6B6B")
        self.body.addWidget(label)
        self.body.addWidget(QLabel("Reason:"))
        self.body.addWidget(self.reason)
        self.body.addWidget(note)
        self.reason.textChanged.connect(self.update_ok)
        self.setMinimumWidth(520)
        self.finish()

    def is_complete(self) -> bool:
        return bool(self.reason.toPlainText().strip())

    def validate(self) -> str:
        return "" if self.is_complete() else "Give the reason: it is kept in the History."

    def answer(self) -> str:
        return self.reason.toPlainText().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, ok_text: str, placeholder: str) -> str | None:
        """The reason typed, or None when the clerk does not go ahead."""
        dialog = cls(parent, title, text, ok_text, placeholder)
        return dialog.answer() if dialog.run() else None


def mark_held(parent: QWidget, db: Database, row: CeremonyRow) -> bool:
    """Mark the ceremony as held after saying what will be written; False when refused or not confirmed."""
    from imet_desktop.store.ceremonies import held_preview, mark_ceremony_held

    preview = held_preview(db, row.id)
    if not preview.allowed:
        dialogs.show_error(parent, "Not marked as held",
                           f"“{row.title}” cannot be marked as held yet: it\n• " + "\n• ".join(preview.problems))
        return False
    names = ", ".join(preview.names[:12]) + (f" and {len(preview.names) - 12} more" if len(preview.names) > 12 else "")
    text = (f"Mark “{row.title}” as held? This writes {preview.summary()} on the Honor Roll ({names}). "
            "The ceremony then no longer changes unless it is reopened, with a reason.")
    if preview.warnings:
        text += "\n\nPlease check first:\n• " + "\n• ".join(preview.warnings)
    if not dialogs.ask_yes_no(parent, "Mark as held", text):
        return False
    return attempt(parent, "Not marked as held", lambda: mark_ceremony_held(db, row.id),
                   doing="marking the ceremony as held")


def reopen(parent: QWidget, db: Database, row: CeremonyRow) -> bool:
    """Reopen a held ceremony with the clerk's reason; False when cancelled or refused."""
    from imet_desktop.store.ceremonies import reopen_ceremony
    from imet_desktop.store.honor_roll import ceremony_induction_count

    count = ceremony_induction_count(db, row.id)
    day = display_date(row.ceremony_date) or "(no date)"
    text = (f"Reopen <b>{escape(row.title)}</b>? The {count} induction{'' if count == 1 else 's'} dated {day} that "
            "marking it as held wrote come off the Honor Roll, and the ceremony is planned again.")
    reason = ReasonDialog.ask(parent, "Reopen ceremony", text, "Reopen ceremony",
                              "Why it is reopened (e.g. \"marked as held by mistake: the ceremony was postponed\")")
    if reason is None:
        return False
    return attempt(parent, "Ceremony not reopened", lambda: reopen_ceremony(db, row.id, reason),
                   doing="reopening the ceremony")
