"""The program's one date field: typed as the clerk writes dates, or picked from a calendar.

It reads 22 APR 2027, 22APR2027, 2027-04-22, 22 April 2027 and April 22, 2027 (domain.dates.parse_date),
and shows the date back as the office writes it (22 APR 2027) once the clerk leaves the field. An empty
field is empty: no grey example that looks like a value, no "no date" text to type after. Text that is
not a date stays as typed, the field is marked, and the dialog refuses OK with the reason
(``date_problem``), so nothing typed is ever saved as "no date" behind the clerk's back.

Alt+Down (or F4, or the calendar button) opens a calendar at the field's date, or at today; Up and
Down move the date by a day, Page Up and Page Down by a month.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLabel, QLineEdit, QToolTip, QVBoxLayout, QWidget

from imet_desktop.domain.dates import DATE_HINT, format_date, parse_date

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent, QKeyEvent

_INVALID_STYLE = "QLineEdit { border: 2px solid #B3261E; }"
KEYS = (("Every date field", "Open the calendar (Enter picks the day, Esc closes it)", "Alt+Down or F4"),
        ("Every date field", "The next or the previous day", "Up or Down"),
        ("Every date field", "The next or the previous month", "Page Up or Page Down"))
"""The date field's keys, for Help ▸ Keyboard shortcuts: (where, what, keys)."""
HELP = f"Type the date ({DATE_HINT}), or press Alt+Down for a calendar."


def _calendar_icon() -> QIcon:
    """A small calendar drawn in code (no image file to ship or to miss)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#444444"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#444444"))
    for row in range(2):
        for col in range(3):
            painter.fillRect(QRect(3 + 4 * col, 8 + 3 * row, 2, 2), QColor("#444444"))
    painter.end()
    return QIcon(pixmap)


def _to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DateEdit(QLineEdit):
    """A date the clerk types or picks; empty means no date (refused when the date is required)."""

    value_changed = Signal(object)
    """The date (a datetime.date, or None for an empty field) changed: as typed, picked or set."""
    dateChanged = Signal(QDate)  # noqa: N815 - QDateEdit's name, so forms written for it keep working
    """The same, as a QDate (an invalid QDate for an empty field)."""

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None, *,
                 optional: bool = True) -> None:
        super().__init__(parent)
        self.optional = optional
        self._value: dt.date | None = None
        self._popup: _CalendarPopup | None = None
        self.calendar_action = QAction(_calendar_icon(), "Open the calendar", self)
        self.calendar_action.setToolTip("Open the calendar (Alt+Down)")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.setToolTip(HELP)
        self.setAccessibleDescription(HELP)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._tidy)
        self.set_value(value)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("22 SEP 2027") + 48)

    # --- the value ---------------------------------------------------------------------------------------
    def value(self) -> dt.date | None:
        """The date shown, or None when the field is empty.

        ValueError, in the clerk's words, when the text is not a date (forms check ``problem()`` first).
        """
        text = self.text().strip()
        if not text:
            return None
        return parse_date(text)

    def set_value(self, value: dt.date | None) -> None:
        """Show a date (None: the field is emptied)."""
        self.setText(format_date(value))
        self._mark("")
        self._changed(value)

    def date(self) -> QDate:
        """QDateEdit's accessor: the date as a QDate (invalid when the field is empty or not a date)."""
        try:
            value = self.value()
        except ValueError:
            return QDate()
        return QDate() if value is None else _to_qdate(value)

    def setDate(self, day: QDate | dt.date) -> None:  # noqa: N802 - QDateEdit's name
        """QDateEdit's setter: show a QDate or a date (an invalid QDate empties the field)."""
        if isinstance(day, QDate):
            self.set_value(_from_qdate(day) if day.isValid() else None)
        else:
            self.set_value(day)

    def problem(self) -> str:
        """Why the field cannot be saved as it is ('' when it can): not a date, or a required date left empty."""
        text = self.text().strip()
        if not text:
            return "" if self.optional else "Write a date here; it is required."
        try:
            parse_date(text)
        except ValueError as e:
            return str(e)
        return ""

    def _typed(self, text: str) -> None:
        try:
            value = parse_date(text) if text.strip() else None
        except ValueError:
            return  # still typing; checked when the clerk leaves the field
        self._mark("")
        self._changed(value)

    def _tidy(self) -> None:
        """The clerk left the field: write a good date the office's way, or mark what is wrong."""
        problem = self.problem()
        if problem:
            self._mark(problem)
            return
        value = self.value()
        if self.text() != format_date(value):
            self.setText(format_date(value))
        self._mark("")
        self._changed(value)

    def _changed(self, value: dt.date | None) -> None:
        if value != self._value:
            self._value = value
            self.value_changed.emit(value)
            self.dateChanged.emit(QDate() if value is None else _to_qdate(value))

    def _mark(self, problem: str) -> None:
        self.setStyleSheet(_INVALID_STYLE if problem else "")
        self.setToolTip(problem or HELP)
        self.setAccessibleDescription(f"{problem} {HELP}" if problem else HELP)

    def flag(self) -> None:
        """Point the clerk at what is wrong: focus, select, mark the field and say why beside it."""
        problem = self.problem()
        self._mark(problem)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.selectAll()
        if problem:
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), problem, self)

    # --- keys and the calendar ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        if (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier) or key == Qt.Key.Key_F4:
            self.open_calendar()
            return
        steps = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0), Qt.Key.Key_PageUp: (0, 1),
                 Qt.Key.Key_PageDown: (0, -1)}
        if key in steps and not mods & ~Qt.KeyboardModifier.KeypadModifier and not self.problem():
            days, months = steps[Qt.Key(key)]
            start = _to_qdate(self.value() or dt.date.today())
            self.set_value(_from_qdate(start.addDays(days).addMonths(months)))
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if self.problem() and self.text().strip():
            self._mark(self.problem())

    def open_calendar(self) -> None:
        """Show a calendar under the field, at its date or at today; picking a day fills the field."""
        start = (None if self.problem() else self.value()) or dt.date.today()
        self._popup = _CalendarPopup(self, start)
        self._popup.picked.connect(self._picked)
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        self._popup.calendar.setFocus()

    def calendar(self) -> QCalendarWidget | None:
        """The calendar open under the field, if any (for tests)."""
        return self._popup.calendar if self._popup is not None and self._popup.isVisible() else None

    def _picked(self, day: dt.date) -> None:
        self.set_value(day)
        self.setFocus(Qt.FocusReason.PopupFocusReason)


class _CalendarPopup(QFrame):
    """The calendar under a date field: Enter or a click picks the day, Esc closes it."""

    picked = Signal(object)

    def __init__(self, field: DateEdit, start: dt.date) -> None:
        super().__init__(field, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.calendar = QCalendarWidget(self)
        self.calendar.setAccessibleName("Calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setSelectedDate(_to_qdate(start))
        self.calendar.setCurrentPage(start.year, start.month)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        hint = QLabel("Enter picks the day · Esc closes")
        hint.setEnabled(False)
        layout.addWidget(hint)

    def _pick(self, day: QDate) -> None:
        self.picked.emit(_from_qdate(day))
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.close()
            return
        super().keyPressEvent(event)


def date_fields(widget: QWidget) -> list[DateEdit]:
    """The date fields inside a widget (a dialog, a page), in the order they were made."""
    return widget.findChildren(DateEdit)


def date_problem(widget: QWidget) -> str:
    """What is wrong with the first date field that cannot be saved ('' when none): 'Date: …'. Flags that field."""
    for field in date_fields(widget):
        if not field.isVisibleTo(widget) or not field.isEnabled():
            continue
        problem = field.problem()
        if problem:
            field.flag()
            label = _label_of(field, widget)
            return f"{label}: {problem}" if label else problem
    return ""


def _label_of(field: QWidget, widget: QWidget) -> str:
    for label in widget.findChildren(QLabel):
        if label.buddy() is field:
            return label.text().replace("&", "").rstrip(":")
    return field.accessibleName()
