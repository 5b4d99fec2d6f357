"""The one error path of the window: the clerk's mistake is shown as its message; our bug is logged with its
traceback in the data folder and the clerk reads an apology naming that file; a cancel shows nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from imet_desktop import bugs, paths
from imet_desktop.domain.errors import Cancelled, ErrorKind, UserError
from imet_desktop.store.errors import ValidationError
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.errors import attempt, install_bug_hook, show_failure
from imet_desktop.ui.main_window import MainWindow

from .test_main_window import Recorder, patch_dialog


def bug_log() -> Path:
    return paths.user_data_dir() / bugs.LOG_NAME


def apology_for(doing: str, error: str) -> str:
    # Written out in full on purpose: rewording the apology must fail this test.
    return (f"{doing} failed: sorry, this is a bug in IMET Desktop ({error}).\n"
            f"The details were written to {bug_log()}; please send that file to whoever looks after IMET Desktop.")


def test_a_backup_whose_work_hits_a_bug_apologises_naming_the_log_which_holds_the_traceback(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, window: MainWindow) -> None:
    import imet_desktop.store.backups as store_backups

    def broken(_db: object, _target: Path, **_options: object) -> Path:
        raise RuntimeError("the disk controller is on fire")

    monkeypatch.setattr(store_backups, "write_backup", broken)
    patch_dialog(monkeypatch, "choose_save_file", tmp_path / "monday.db")
    error = patch_dialog(monkeypatch, "show_error")
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: not window.jobs(), timeout=10_000)

    assert [call[1:] for call in error.calls] == [
        ("Backup failed", apology_for("Backing up the database", "RuntimeError: the disk controller is on fire"))]
    logged = bug_log().read_text(encoding="utf-8")
    assert "while backing up the database" in logged
    assert "Traceback (most recent call last)" in logged
    assert "RuntimeError: the disk controller is on fire" in logged and "in broken" in logged
    assert not (tmp_path / "monday.db").exists()
    assert window.backup_action.isEnabled()


def test_a_bug_while_saving_a_student_keeps_the_editor_open_with_what_the_clerk_typed(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow) -> None:
    from imet_desktop.store import students
    from imet_desktop.ui.roster.editor import StudentEditor

    def broken(*_args: object, **_kwargs: object) -> int:
        raise KeyError("legal_family_name")

    monkeypatch.setattr(students, "save_student", broken)
    error = patch_dialog(monkeypatch, "show_error")
    editor = StudentEditor(window.db, None, window)
    qtbot.addWidget(editor)
    editor.fields["legal_family_name"].set_text("ÖZTÜRK")
    editor.fields["legal_given_names"].set_text("Ayşe")
    editor.save()

    assert [call[1:] for call in error.calls] == [
        ("The student was not saved",
         apology_for("Saving the student", "KeyError: 'legal_family_name'") + "\n\nNothing you typed was lost.")]
    assert editor.result() == 0 and editor.outcome is None  # still open, not accepted
    assert editor.fields["legal_family_name"].text() == "ÖZTÜRK"
    assert editor.fields["legal_given_names"].text() == "Ayşe"
    assert "KeyError: 'legal_family_name'" in bug_log().read_text(encoding="utf-8")


def test_the_clerks_mistake_is_shown_as_its_message_and_nothing_is_logged(qtbot: QtBot,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    shown = Recorder()
    monkeypatch.setattr(dialogs, "show_error", shown)
    kind, text = show_failure(None, "The course cannot be saved",
                              ValidationError(["the code ACSC is already used by Air Command and Staff College"]),
                              doing="saving the course")
    assert kind is ErrorKind.USER
    assert [call[1:] for call in shown.calls] == [
        ("The course cannot be saved", "the code ACSC is already used by Air Command and Staff College")]
    assert text == shown.calls[0][2]
    assert not bug_log().exists()


def test_a_cancel_shows_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = Recorder()
    monkeypatch.setattr(dialogs, "show_error", shown)
    kind, text = show_failure(None, "Not imported", Cancelled(), doing="importing students")
    assert kind is ErrorKind.CANCELLED and text == "Cancelled; nothing was changed."
    assert shown.calls == [] and not bug_log().exists()


def test_attempt_says_whether_the_change_worked(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = Recorder()
    monkeypatch.setattr(dialogs, "show_error", shown)
    assert attempt(None, "Saved", lambda: None, doing="saving") is True

    def refused() -> None:
        raise UserError("the class AWC AY2028 is full")

    assert attempt(None, "Not placed", refused, doing="placing the student") is False
    assert shown.calls == [(None, "Not placed", "the class AWC AY2028 is full")]


def test_a_bug_escaping_a_button_goes_through_the_same_path(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = Recorder()
    monkeypatch.setattr(dialogs, "show_error", shown)
    previous = install_bug_hook()
    try:
        try:
            raise ZeroDivisionError("division by zero")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())  # what PySide6 does with an exception a slot let through
    finally:
        sys.excepthook = previous
    (call,) = shown.calls
    assert call[1] == "Sorry, something went wrong"
    assert call[2] == ("That did not work: sorry, this is a bug in IMET Desktop (ZeroDivisionError: division by "
                       f"zero).\nThe details were written to {bug_log()}; please send that file to whoever looks "
                       "after IMET Desktop.")
    assert "ZeroDivisionError" in bug_log().read_text(encoding="utf-8")


def test_a_parent_widget_is_told(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = Recorder()
    monkeypatch.setattr(dialogs, "show_error", shown)
    parent = QWidget()
    qtbot.addWidget(parent)
    show_failure(parent, "Backup failed", OSError("no space"), doing="backing up the database")
    assert shown.calls[0][0] is parent
