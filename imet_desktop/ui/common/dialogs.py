"""Every modal dialog the program opens, one small function each.

Nothing else in the program calls ``exec()`` on a dialog: tests replace these functions
(monkeypatch ``imet_desktop.ui.common.dialogs.ask_yes_no`` and friends) and the clerk's
answer becomes a return value.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

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
    return Path(dialog.selectedFiles()[0])


def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    """A folder the clerk picks, or None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])
