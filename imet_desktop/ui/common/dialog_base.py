"""The one base of every dialog of the program, and the form dialog built on it.

A ``Dialog`` remembers its size and place per dialog class (QSettings, ``dialogs/<Class>/geometry``),
closes on Esc (its ``reject()``, which a dialog may refuse, as the student editor does with
unsaved changes), puts the cursor in its first field when it opens, and is shown modally only
through ``run()``, the one ``exec()`` of the program's dialogs, which tests replace. Each dialog
opens through its ``ask(...)`` class method, built and filled without being shown, so tests and
screenshots drive it as it is.

``FormDialog`` adds what most of them are: a form, OK and Cancel below, OK enabled while
``is_complete()``, and ``validate()`` keeping the dialog open with a message while something is
wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from imet_desktop.ui.common.accessibility import complete as complete_accessibility
from imet_desktop.ui.common.dates import date_problem

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent
    from PySide6.QtWidgets import QLayout

CLOSE_KEYS = [QKeySequence("Ctrl+W")]
"""Besides Esc, what closes a dialog (Help ▸ Keyboard shortcuts lists it)."""

# What counts as a field the cursor may start in (buttons and labels do not).
FIELD_TYPES = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)


def first_field(root: QWidget) -> QWidget | None:
    """The first field in root's tab order that the clerk can type in or choose from."""
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root:
        if (isinstance(widget, FIELD_TYPES) and root.isAncestorOf(widget) and widget.isVisibleTo(root)
                and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return widget
        widget = widget.nextInFocusChain()
    return None


class DialogBehaviour:
    """What every dialog does, for QDialog and QWizard alike (mixed in before the Qt class)."""

    _placed = False

    def _set_up(self, title: str) -> None:
        assert isinstance(self, QDialog)
        self.setObjectName(type(self).__name__)
        if title:
            self.setWindowTitle(title)
        # Esc closes every dialog (QDialog's own); Ctrl+W too, as it closes the preview and the help windows.
        close = QAction("Close", self)
        close.setObjectName("closeDialog")
        close.setShortcuts(CLOSE_KEYS)
        close.triggered.connect(lambda _checked=False: self.reject())
        self.addAction(close)

    @classmethod
    def geometry_key(cls) -> str:
        """Where the dialog's size and place are remembered: one entry per dialog class."""
        return f"dialogs/{cls.__name__}/geometry"

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        assert isinstance(self, QDialog)
        if not self._placed:
            self._placed = True  # once: the clerk's own moves win afterwards
            geometry = QSettings().value(self.geometry_key())
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
            # Once shown (focus given before would reach a line edit as a Tab and select its text).
            QTimer.singleShot(0, self._focus_first_field)
            complete_accessibility(self)  # what a screen reader says for each control
        super().showEvent(event)  # type: ignore[misc]

    def _focus_first_field(self) -> None:
        # Qt gives the focus to the first widget in tab order; step in when that is not a field (a tab
        # bar, a button) or when nothing has it, so a form opens with the cursor where the clerk types.
        assert isinstance(self, QDialog)
        if not shiboken6.isValid(self) or isinstance(self.focusWidget(), FIELD_TYPES):
            return
        field = first_field(self)
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def done(self, result: int) -> None:
        assert isinstance(self, QDialog)
        if result == QDialog.DialogCode.Accepted and date_problem(self):
            return  # a date field holds text that is no date: it is flagged; nothing is saved as "no date"
        QSettings().setValue(self.geometry_key(), self.saveGeometry())
        super().done(result)  # type: ignore[misc]

    def run(self) -> bool:
        """Show the dialog modally; True when accepted (the only exec() of the program's dialogs)."""
        assert isinstance(self, QDialog)
        return self.exec() == QDialog.DialogCode.Accepted


class Dialog(DialogBehaviour, QDialog):
    """The base of every dialog: geometry remembered per class, Esc closes, the cursor in the first field."""

    def __init__(self, parent: QWidget | None, title: str = "") -> None:
        QDialog.__init__(self, parent)
        self._set_up(title)


class WizardDialog(DialogBehaviour, QWizard):
    """The same, for a wizard."""

    def __init__(self, parent: QWidget | None, title: str = "") -> None:
        QWizard.__init__(self, parent)
        self._set_up(title)


class FormDialog(Dialog):
    """A dialog with a form, OK and Cancel: OK enabled while ``is_complete()``; ``validate()`` keeps it open.

    Subclasses fill ``form`` (or lay out their own in ``body``) and call ``finish()`` at the end of
    their ``__init__``; ``value()`` (or ``answer()``) is what the clerk entered.
    """

    def __init__(self, parent: QWidget | None, title: str, *, intro: str = "", ok_text: str = "OK") -> None:
        super().__init__(parent, title)
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
        if ok_text != "OK":
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
        self.update_ok()

    def is_complete(self) -> bool:
        """Whether OK may be pressed yet (connect the fields' changes to ``update_ok``)."""
        return True

    def update_ok(self, *_args: object) -> None:
        """Enable OK while the form is complete."""
        self.ok_button.setEnabled(self.is_complete())

    def validate(self) -> str:
        """What is wrong with the form ('' when it can be accepted)."""
        return ""

    def try_accept(self) -> None:
        """OK: accept when valid, else say what is wrong and stay open."""
        problem = date_problem(self) or self.validate()
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        self.error_label.hide()
        self.accept()
