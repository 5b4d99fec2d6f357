"""The pre-print check shown to the clerk: every name that no bundled font can draw, and why; and the
country names added by hand that the office has not confirmed (``checked_countries`` asks first).

Shown instead of a document (nothing is printed with boxes): record, field, name, character and
code point, so the clerk can correct the record. A non-modal window; ``show_preprint_check`` is
the one function that opens it, and tests replace it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.dialog_base import Dialog

if TYPE_CHECKING:
    from imet_desktop.documents.fonts import MissingGlyph

COLUMNS = ("Record", "Field", "Name", "Character", "Code point", "Why")


def _row(m: MissingGlyph) -> tuple[str, ...]:
    label = f" {m.character_name}" if m.character_name else ""
    return (m.record, m.field, m.name, m.character, f"{m.code}{label}", m.reason)


def as_text(missing: Sequence[MissingGlyph]) -> str:
    """The list as tab-separated lines with a header, for the clipboard."""
    lines = ["\t".join(COLUMNS)]
    lines.extend("\t".join(_row(m)) for m in missing)
    return "\n".join(lines)


class PreprintCheckDialog(Dialog):
    """Lists what cannot be printed; shown with show(), never exec()."""

    def __init__(self, parent: QWidget | None, title: str, missing: Sequence[MissingGlyph]) -> None:
        super().__init__(parent, f"Cannot print {title}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.missing = list(missing)
        names = {(m.record, m.name) for m in self.missing}
        self.message = QLabel(
            f"<b>{title}</b> was not printed: {len(names)} name(s) contain characters that no bundled "
            "font can draw (they would print as empty boxes). Correct the records below, then print again.")
        self.message.setWordWrap(True)
        self.table = QTableWidget(len(self.missing), len(COLUMNS), self)
        self.table.setObjectName("preprintTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for r, m in enumerate(self.missing):
            for c, value in enumerate(_row(m)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton("Copy list", self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_list)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, 360)

    def copy_list(self) -> None:
        """Put the list on the clipboard (to send to whoever corrects the records)."""
        QGuiApplication.clipboard().setText(as_text(self.missing))


def show_preprint_check(parent: QWidget | None, title: str, missing: Sequence[MissingGlyph]) -> QWidget:
    """Show what cannot be printed of the document ``title``; returns the (non-modal) window."""
    dialog = PreprintCheckDialog(parent, title, missing)
    dialog.show()
    return dialog


def checked_countries(parent: QWidget, title: str, warnings: Sequence[str]) -> bool:
    """The pre-print check's warnings on country names, if any: True to print all the same."""
    if not warnings:
        return True
    return dialogs.ask_yes_no(parent, "Check before printing",
                              f"{title}: please check first:\n• " + "\n• ".join(warnings) + "\n\nPrint all the same?")
