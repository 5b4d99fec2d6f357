"""What a screen reader says for each control: a name (what it is) and a description (what it does or holds).

Most names come from what the clerk reads beside the control, as Qt finds it: a button's text, the
label whose buddy a field is. ``complete`` fills in what the layout alone does not say: a field in a
form row built from a layout gets the row's label as its buddy, a list or field with a label just
before it gets that label, a field's example (its placeholder) becomes its description, the
standard buttons (OK, Cancel, Close…) say what they do, and a list describes its columns. A control
whose own words are missing is given them where it is made (``describe``); tests/ui/test_accessibility.py
fails on any control left without a name or a description.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableView,
    QTextEdit,
    QToolBar,
    QToolButton,
    QTreeView,
    QWidget,
)

FIELDS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)

TABLE_NAMES = {
    "rosterTable": "Students", "chooseGraduateTable": "Graduates to choose from",
    "importProblems": "Problems found in the file", "importMapping": "The file's columns and their fields",
    "coursesTable": "Courses in the catalogue", "classesTable": "Classes", "candidatesTable": "Students to place",
    "classRosterTable": "Students in the class", "placementIssues": "Students the school's rules keep out",
    "fspEvents": "Field studies events", "fspAttendance": "Attendance at the event",
    "fspProgress": "Topics each student has covered", "reportsTable": "Reports due",
    "honoreesTable": "Honor Roll", "eligibleTable": "Eligible graduates not yet nominated",
    "nominationsTable": "Nominations", "positionsTable": "Positions held", "schoolsTable": "Schools attended",
    "ceremoniesTable": "Ceremonies", "inducteesTable": "Inductees", "eventsTable": "Order of events",
    "guestsTable": "Guests", "seatingTree": "Tables and who sits at them", "unseatedTable": "Guests not yet seated",
    "tasksTable": "Tasks", "flagsTable": "Flags and anthems", "approvedNominations": "Approved nominees",
    "countriesTable": "Countries", "countryTable": "Countries", "pageBox": "Page",
    "statusHistory": "Status history", "studentClasses": "Classes of the student",
    "importHistory": "Earlier imports", "shortcutsTable": "Keyboard shortcuts",
    "reportFilter": "Which reports", "statusFilter": "Which students", "countryFilter": "Country",
    "classCombo": "Class", "fspClass": "Class", "honorRollCountry": "Country", "honorRollYear": "Year",
    "nominationStatusFilter": "Status", "guestsRsvpFilter": "Answer", "moveToTable": "Table to move them to",
    "importEncoding": "The file's encoding", "importDateOrder": "Day and month order",
    "countryRegion": "Regional bureau", "countryCommand": "Combatant command",
}
"""Names of the lists and choosers (by object name) that no label beside them names."""

BUTTONS = {
    # Roster
    "Clear filters": "Show every student again: country, status and the other filters back to Any",
    "Columns": "Choose the columns the roster shows; Reset columns puts them back",
    "Photos": "Import photos from a folder or a ZIP archive, matched by WCN or passport number",
    "Change status": "Record the new status with the date it took effect",
    "Change status…": "Record a new status with the date it took effect (kept in the status history)",
    "Choose a photo…": "Choose the student's photo from a file (scaled and kept when you save)",
    "Remove the photo": "Take the photo off the record when you save",
    "Back to editing": "Go back to the record without saving it",
    "Open the existing record": "Open the record already on file instead of making a second one",
    "Save as a new student": "Save the record as a different person (say why)",
    "Choose the file…": "Choose where the file is written",
    "Undo this import…": "Remove every student the selected import brought in, if none was worked on since",
    "Choose…": "Choose the file to import",
    "Save the list of problems…": "Save the problems found, one line each, to a file",
    "Cancel the import": "Stop the import: nothing is imported",
    # Courses
    "Add course…": "Add a course to the catalogue", "Edit course…": "Change the selected course",
    "Add class…": "Add a class of the selected course (File › New class…, Ctrl+N)",
    "Show all classes": "List the classes of every course, not only the selected one",
    "Accept seat": "The waitlisted student takes the seat offered",
    "Decline": "The waitlisted student declines the seat; it goes to the next one",
    "Dismiss": "Clear the list of students the rules kept out",
    "Move to…": "Move the selected students to another class",
    "Seminar": "Put the selected students in a seminar, or spread the class over its seminars",
    "Graduate class…": "Graduate every enrolled student of the class on one date, with exceptions and distinctions",
    "Graduate 17": "Graduate the students ticked above on the date given",
    "Override and place": "Place the students despite the rule, keeping the reason given",
    "Print": "Print the class's roster, certificates or academic reports (opens a list)",
    "Add event…": "Add a Field Studies Program event", "Mark present": "The selected students attended",
    "Everyone present": "Every student of the class attended the event",
    "Not reported after all": "The selected report was not filed after all: it is due again",
    "Working days…": "The working days each report is due in, and the date the clock starts",
    # Honor Roll
    "Positions and schools…": "The selected graduate's positions and the schools attended",
    "Qualifying courses and categories…": "Which courses and position categories qualify for the Honor Roll",
    "Nominate…": "Nominate the selected graduate (File › Nominate…, Ctrl+N)",
    "New nomination…": "Nominate a graduate (File › New nomination…, Ctrl+N)",
    "Open…": "Open the selected nomination", "Verify…": "Record that the nomination was verified",
    "Approve…": "Record the next approval of the nomination",
    "Decline…": "Record that the nomination was declined, with the reason",
    "Reopen…": "Open a declined nomination again",
    "Assign to ceremony…": "Put the approved nominee on a planned ceremony",
    "Add position…": "Record a position the graduate held", "Add school…": "Record a school the graduate attended",
    "Add graduate": "Add the earlier graduate to the records",
    "Choose": "Choose the selected graduate", "Nominate": "Save the nomination",
    "Assign": "Put the nominee on the chosen ceremony",
    # Ceremonies
    "New ceremony…": "Plan a new ceremony with the usual order of events and checklist (Ctrl+N)",
    "Add ceremony": "Add the ceremony as entered",
    "Override and add": "Put the graduates on the ceremony despite the Honor Roll's rules, keeping the reason given",
    "Reopen ceremony": "Reopen the ceremony for this reason; the inductions its marking as held wrote come off the "
                       "Honor Roll",
    "Save details": "Keep the changes to the ceremony's details",
    "Undo changes": "Put the details back as they were last saved",
    "Add approved nominees…": "Put approved nominees on the ceremony",
    "Add graduate…": "Put a graduate on the ceremony",
    "Attendance and citation…": "Whether the selected inductee attends, who accepts for them, the citation",
    "Add to the ceremony": "Put the chosen nominees on the ceremony",
    "Add line": "Add a line to the order of events",
    "Remove line": "Take the selected line off the order of events",
    "Start again from the usual program…": "Replace the order of events by the usual one",
    "Add guest…": "Invite a guest", "Accepted": "The selected guests accepted",
    "Declined": "The selected guests declined", "Add table…": "Add a table to the seating",
    "Edit table…": "Rename the selected table or change its seats", "Remove table": "Take the selected table away",
    "Move there": "Seat the selected guests at the table chosen beside",
    "Take off the table": "The selected guests are no longer seated",
    "Add task…": "Add a task to the checklist", "Add the usual tasks": "Add the usual checklist's missing tasks",
    "Delete…": "Delete the selected ceremony (after you confirm)",
    # Settings
    "Add a country…": "Add a country by hand; it stays unconfirmed until the office confirms its names",
    "Use the US names": "Put back the US government's names for the selected country",
    "Confirm these names": "The office has checked the selected country's names",
    # Records, documents
    "Restore the selected backup…": "Put the selected backup in place of the database (the current file is kept)",
    "Show": "Show the changes of the chosen user and dates",
    "Export…": "Save the log's lines to a file",
    "Copy list": "Copy the list of names and characters that cannot be printed",
}
"""What the program's buttons do, by their text, where the code gave them no tooltip of their own."""

_SELECTED = ("Edit…", "Remove", "Move up", "Move down", "Delete")
"""Buttons that work on the selected row of the list beside them: described from that list's name."""

STANDARD_BUTTONS = {
    "OK": "Keep what is entered here and close",
    "Cancel": "Close without keeping anything entered here",
    "Close": "Close this window",
    "Save": "Keep the changes",
    "Yes": "Answer yes",
    "No": "Answer no",
    "< Back": "The previous step",
    "Next >": "The next step",
    "Finish": "Close the wizard",
    "Commit": "Go ahead: this step cannot be undone from the wizard",
}
"""What the dialogs' standard buttons do, in the clerk's words."""


def describe(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give a control its accessible name and description (the description also shows as its tooltip)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        if not widget.toolTip():
            widget.setToolTip(description)
    return widget


def _text(widget: QWidget, which: QAccessible.Text) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(which).strip() if interface is not None else ""


def _first_control(layout: QLayout) -> QWidget | None:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget()
        if isinstance(widget, (*FIELDS, QAbstractButton)):
            return widget
        if item.layout() is not None:
            found = _first_control(item.layout())
            if found is not None:
                return found
    return None


def _label_words(label: QLabel) -> str:
    return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":").strip()


def _buddies_in_forms(root: QWidget) -> None:
    """A form row whose field is a layout (a field with its hint, a field and a button): the label names its field."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = label_item.widget() if label_item is not None else None
            if not isinstance(label, QLabel) or label.buddy() is not None or field_item is None:
                continue
            field = field_item.widget() if field_item.widget() is not None else (
                _first_control(field_item.layout()) if field_item.layout() is not None else None)
            if field is not None and not isinstance(field, QLabel):
                label.setBuddy(field)


def _buddies_in_rows(root: QWidget) -> None:
    """A label just before a field in a row, a column or a grid ("Country [Any ▾]") names that field."""
    pairs: list[tuple[QWidget | None, QWidget | None]] = []
    for layout in root.findChildren(QBoxLayout):
        items = [layout.itemAt(i).widget() for i in range(layout.count())]
        pairs += zip(items, items[1:], strict=False)
    for grid in root.findChildren(QGridLayout):
        for row in range(grid.rowCount()):
            cells = [grid.itemAtPosition(row, c) for c in range(grid.columnCount())]
            widgets = [cell.widget() if cell is not None else None for cell in cells]
            pairs += zip(widgets, widgets[1:], strict=False)
    for before, widget in pairs:
        if before is None or widget is None or not (shiboken6.isValid(before) and shiboken6.isValid(widget)):
            continue
        if isinstance(before, QLabel) and before.buddy() is None and isinstance(widget, FIELDS) \
                and _label_words(before) and not widget.accessibleName():
            before.setBuddy(widget)


def _buddy_names(root: QWidget) -> dict[QWidget, str]:
    """Each field that a label of root names, with the label's words."""
    names: dict[QWidget, str] = {}
    for label in root.findChildren(QLabel):
        buddy = label.buddy() if shiboken6.isValid(label) else None
        if buddy is not None and buddy not in names:
            names[buddy] = _label_words(label)
    return names


def _how_to_use(widget: QWidget, name: str) -> str:
    """For a field nobody described: how it is worked from the keyboard, named."""
    if isinstance(widget, QComboBox):
        return f"{name}: Alt+Down lists the choices."
    if isinstance(widget, QAbstractSpinBox):
        return f"{name}: a number; Up and Down change it."
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        return f"Type the {name} here."
    if isinstance(widget, QRadioButton):
        return "Space chooses it."
    if isinstance(widget, QCheckBox):
        return "Space ticks or unticks it."
    return ""


def _columns(view: QAbstractItemView) -> str:
    model = view.model()
    if model is None:
        return ""
    header = view.horizontalHeader() if isinstance(view, QTableView) else (
        view.header() if isinstance(view, QTreeView) else None)
    columns = header.count() if header is not None else 0
    if columns < 2:
        return ""
    titles = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    titles = [t for t in titles if t]
    return f"A list with the columns {', '.join(titles)}." if titles else ""


def _list_beside(button: QWidget) -> str:
    """The name of the list a button works on: the first named list in the nearest page holding both."""
    parent = button.parentWidget()
    while parent is not None:
        for view in parent.findChildren(QAbstractItemView):
            name = view.accessibleName() or TABLE_NAMES.get(view.objectName(), "")
            if name and not isinstance(view.parentWidget(), QComboBox):
                return name
        parent = parent.parentWidget()
    return ""


def toolbars_in_tab_order(root: QWidget) -> None:
    """The toolbar buttons of root are reached with Tab, like every other button (Qt leaves them out)."""
    for button in root.findChildren(QToolButton):
        if isinstance(button.parentWidget(), QToolBar):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def complete(root: QWidget) -> None:
    """Fill in the names and descriptions the layout implies, for every control of root not given its own."""
    _buddies_in_forms(root)
    _buddies_in_rows(root)
    buddies = _buddy_names(root)
    for widget in root.findChildren(QWidget):
        if not shiboken6.isValid(widget):
            continue
        if isinstance(widget, (QComboBox, QAbstractSpinBox)) and not widget.accessibleName():
            # Qt would read out the current choice as the name; the name is what is being chosen.
            words = buddies.get(widget, "") or TABLE_NAMES.get(widget.objectName(), "")
            if words:
                widget.setAccessibleName(words)
        elif isinstance(widget, QAbstractItemView) and not widget.accessibleName() \
                and widget.objectName() in TABLE_NAMES:
            widget.setAccessibleName(TABLE_NAMES[widget.objectName()])
        if widget.accessibleDescription() or widget.toolTip():
            continue
        words = widget.text().replace("&", "") if isinstance(widget, QAbstractButton) else ""
        if words in STANDARD_BUTTONS or words in BUTTONS:
            widget.setAccessibleDescription(STANDARD_BUTTONS.get(words) or BUTTONS[words])
        elif words.startswith("Graduate ") and words.split()[-1].isdigit():
            widget.setAccessibleDescription(BUTTONS["Graduate 17"])
        elif words in _SELECTED:
            listed = _list_beside(widget)
            widget.setAccessibleDescription(f"{words.rstrip('…')}: the selected one in the list {listed}"
                                            if listed else f"{words.rstrip('…')} the selected one")
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)) and widget.placeholderText():
            widget.setAccessibleDescription(widget.placeholderText())
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget.parentWidget(), QComboBox):
            columns = _columns(widget)
            if columns:
                widget.setAccessibleDescription(columns)
        elif isinstance(widget, (*FIELDS, QCheckBox, QRadioButton)):
            name = widget.accessibleName() or buddies.get(widget, "") or _text(widget, QAccessible.Text.Name)
            hint = _how_to_use(widget, name) if name else ""
            if hint:
                widget.setAccessibleDescription(hint)
