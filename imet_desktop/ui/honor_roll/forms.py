"""Building blocks of the Honor Roll's and the ceremonies' editors: a form dialog, optional dates, choices.

A ``FormDialog`` is built and filled without being shown, so tests (and screenshots) drive it as
it is; only its ``ask`` class method (one per dialog) calls ``exec()``, and tests replace that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.ui.common import dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLayout

NO_DATE = QDate(1900, 1, 1)


class DateEdit(QDateEdit):
    """A date field that may be left empty ("no date"); shows dates as the office writes them."""

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None, *, optional: bool = True) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd MMM yyyy")
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
        d = self.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:
        """Show a date (None: empty, or today when the field is required)."""
        if value is None:
            value = None if self.optional else dt.date.today()
        self.setDate(NO_DATE if value is None else QDate(value.year, value.month, value.day))


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


class FormDialog(QDialog):
    """A dialog with a form, OK and Cancel; ``validate()`` keeps it open with a message while something is wrong."""

    def __init__(self, parent: QWidget | None, title: str, *, intro: str = "", ok_text: str = "OK") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(type(self).__name__)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            self.body.addWidget(label)
        self.body.addLayout(self.form)

    def finish(self, *extra: QWidget | QLayout) -> None:
        """Put the extra widgets, the error line and the buttons under the form (call at the end of __init__)."""
        for item in extra:
            if isinstance(item, QWidget):
                self.body.addWidget(item, 1)
            else:
                self.body.addLayout(item, 1)
        self.body.addWidget(self.error_label)
        self.body.addWidget(self.buttons)

    def validate(self) -> str:
        """What is wrong with the form ('' when it can be accepted)."""
        return ""

    def try_accept(self) -> None:
        """OK: accept when valid, else say what is wrong and stay open."""
        problem = self.validate()
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        self.error_label.hide()
        self.accept()

    def run(self) -> bool:
        """Show the dialog modally; True when the clerk pressed OK (the only exec() of these dialogs)."""
        return self.exec() == QDialog.DialogCode.Accepted


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question through the program's one dialog helper (tests patch dialogs.ask_yes_no)."""
    return dialogs.ask_yes_no(parent, title, text)



def tell_other_tabs(widget: QWidget) -> None:
    """Another tab may show what just changed: the main window's other tabs reload when next shown."""
    window = widget.window()
    tabs = getattr(window, "built_tabs", None)
    if tabs is None:
        return
    for tab in tabs():
        if not tab.isAncestorOf(widget) and tab is not widget:
            tab.invalidate()
    update = getattr(window, "update_counts", None)
    if update is not None:
        update()
