"""Every modal dialog the program opens, one small function each.

Nothing else in the program calls ``exec()`` on a dialog: tests replace these functions
(monkeypatch ``imet_desktop.ui.common.dialogs.ask_yes_no`` and friends) and the clerk's
answer becomes a return value.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

# Qt's dialog classes are imported when a dialog opens, not at startup (see imet_desktop.app).

DATABASE_FILTER = "IMET Desktop databases (*.db *.sqlite *.sqlite3);;All files (*)"


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question; True when the clerk answers Yes."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """An error the clerk can act on: what went wrong and where."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    """The About box; text is rich text (HTML)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # versions to paste in a report
    box.exec()


def choose_open_file(parent: QWidget | None, title: str, directory: Path | str = "",
                     file_filter: str = DATABASE_FILTER) -> Path | None:
    """An existing file the clerk picks, or None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title, str(directory), file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def choose_save_file(parent: QWidget | None, title: str, suggested: Path | str = "",
                     file_filter: str = DATABASE_FILTER, default_suffix: str = "db") -> Path | None:
    """A file name to write, or None when cancelled; suggested is a full path or a name."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title, str(suggested), file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(default_suffix)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    chosen = Path(dialog.selectedFiles()[0])
    from imet_desktop.ui.common import settings

    settings.remember_written_folder(chosen.parent)  # its partial files are cleaned on the next start
    return chosen


def choose_folder(parent: QWidget | None, title: str, directory: Path | str = "") -> Path | None:
    """A folder the clerk picks (starting in directory), or None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title, str(directory))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def choice_box(parent: QWidget | None, title: str, text: str, choices: list[str], default: int = 0) -> QMessageBox:
    """The message box ask_choice shows (built, not shown: for screenshots and tests)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(choice, QMessageBox.ButtonRole.AcceptRole) for choice in choices]
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(cancel)
    if buttons:
        box.setDefaultButton(buttons[min(default, len(buttons) - 1)])
    return box


def ask_choice(parent: QWidget | None, title: str, text: str, choices: list[str], default: int = 0) -> str | None:
    """One of several answers (each a button, in order), or None when the clerk cancels or presses Esc."""
    box = choice_box(parent, title, text, choices, default)
    box.exec()
    clicked = box.clickedButton()
    if clicked is None or clicked is box.escapeButton():
        return None
    return clicked.text() if clicked.text() in choices else None
