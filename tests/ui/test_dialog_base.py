"""Every dialog of the program comes from one base: it reopens where the clerk left it, Esc closes it, the cursor
starts in its first field, and run() is its only exec()."""

from __future__ import annotations

import importlib
import pkgutil

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

import imet_desktop.ui
from imet_desktop.domain.records import Ceremony, CeremonyTask
from imet_desktop.ui.ceremonies.dialogs import CeremonyDialog, TableDialog, TaskDialog
from imet_desktop.ui.common.dialog_base import Dialog, DialogBehaviour, FormDialog, first_field


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    return dialog


def test_every_dialog_class_of_the_program_comes_from_the_one_base() -> None:
    for info in pkgutil.walk_packages(imet_desktop.ui.__path__, "imet_desktop.ui."):
        importlib.import_module(info.name)
    found: list[type] = []

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("imet_desktop."):
                found.append(sub)
            walk(sub)

    walk(QDialog)
    assert len(found) > 30
    assert [c.__qualname__ for c in found if not issubclass(c, DialogBehaviour)] == []


def test_a_dialog_reopens_with_the_size_and_place_the_clerk_left_it_at(qtbot: QtBot) -> None:
    first = shown(qtbot, TableDialog(None))
    first.resize(QSize(610, 330))
    first.move(QPoint(140, 90))
    first.reject()
    again = shown(qtbot, TableDialog(None, "Table 5", 10))
    assert again.size() == QSize(610, 330)
    assert again.pos() == QPoint(140, 90)
    other = shown(qtbot, TaskDialog(None, CeremonyTask(1, "")))  # each dialog remembers its own
    assert other.size() != QSize(610, 330)


def test_escape_closes_a_dialog(qtbot: QtBot) -> None:
    dialog = shown(qtbot, TableDialog(None, "Head table", 12))
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_the_cursor_starts_in_the_first_field(qtbot: QtBot) -> None:
    dialog = shown(qtbot, CeremonyDialog(None, Ceremony("")))
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.title_edit)


def test_the_first_field_is_not_a_button(qtbot: QtBot) -> None:
    class Buttons(Dialog):
        def __init__(self) -> None:
            super().__init__(None, "Buttons first")
            self.button = QPushButton("Help", self)
            self.edit = QLineEdit(self)
            self.edit.move(0, 40)

    dialog = shown(qtbot, Buttons())
    assert first_field(dialog) is dialog.edit
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.edit)


def test_ok_waits_for_a_complete_form_and_a_wrong_one_stays_open_saying_why(qtbot: QtBot) -> None:
    class Named(FormDialog):
        def __init__(self) -> None:
            super().__init__(None, "Name", ok_text="Save")
            self.edit = QLineEdit()
            self.form.addRow("Name", self.edit)
            self.edit.textChanged.connect(self.update_ok)
            self.finish()

        def is_complete(self) -> bool:
            return bool(self.edit.text())

        def validate(self) -> str:
            return "" if self.edit.text().istitle() else "Write the name with a capital."

    dialog = shown(qtbot, Named())
    assert not dialog.ok_button.isEnabled() and dialog.ok_button.text() == "Save"
    qtbot.keyClicks(dialog.edit, "seoul")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error_label.text() == "Write the name with a capital."
    dialog.edit.setText("Seoul")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.error_label.isVisibleTo(dialog)


def test_the_object_name_is_the_class_name(qtbot: QtBot) -> None:
    dialog = TableDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "TableDialog"
    assert isinstance(dialog, QWidget)
