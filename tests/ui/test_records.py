"""Records that survive, in the window: one writer (a second window reads only), a stale save is the clerk's
choice, Ctrl+Z / Ctrl+Shift+Z undo and redo what the Edit menu names, File ▸ Restore…, History and the log."""

from __future__ import annotations

import csv
import dataclasses
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from imet_desktop.app import build_main_window
from imet_desktop.domain.records import Student
from imet_desktop.files import PARTIAL_SUFFIX
from imet_desktop.store import changes
from imet_desktop.store.backups import BackupKind, list_backups, take_backup
from imet_desktop.store.db import connect, open_database
from imet_desktop.store.roster import count_students
from imet_desktop.store.students import add_student, get_student, update_student
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.records import stale
from imet_desktop.ui.records.dialogs import DatabaseLogDialog, HistoryDialog, RestoreDialog
from imet_desktop.ui.records.opening import READ_ONLY, RESTORE_NEWEST, open_database_in
from imet_desktop.ui.roster.editor import StudentEditor

from .conftest import close_window, wait_until_read


def _answer(monkeypatch: pytest.MonkeyPatch, choice: str | None) -> list[str]:
    """The clerk's answer to the next ask_choice; returns the texts they were shown."""
    shown: list[str] = []

    def ask(_parent: object, title: str, text: str, choices: list[str], default: int = 0) -> str | None:
        shown.append(f"{title}\n{text}")
        assert choice is None or choice in choices, choices
        return choice

    monkeypatch.setattr(dialogs, "ask_choice", ask)
    return shown


def _wang(window: MainWindow) -> int:
    assert window.db is not None
    wang = add_student(window.db, Student("WANG", "Jianguo", country_code="CN", passport_number="E12345678"))
    window.refresh()
    return wang


# --- one writer -------------------------------------------------------------------------------------------

def test_a_second_window_on_the_same_database_is_read_only_and_says_why(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _answer(monkeypatch, READ_ONLY)
    db = open_database_in(None, window.db_path)
    assert db is not None and db.read_only
    assert "is in use by " in shown[0] and " since " in shown[0]
    second = build_main_window(db, window.db_path)
    qtbot.addWidget(second)
    second.show()
    wait_until_read(qtbot, second)
    try:
        assert "(read-only: office.db is in use by " in second.windowTitle()
        assert second.records.banner.isVisible() and "Read-only" in second.records.banner.text()
        roster = second.roster_tab
        qtbot.waitUntil(lambda: not roster.add_action.isEnabled())
        for action in (roster.add_action, roster.import_action, roster.archive_action, second.records.undo_action,
                       second.records.restore_action):
            assert not action.isEnabled(), action.text()
        roster.table.selectRow(0)  # a selection switches editing on in a writable window; not here
        qtbot.wait(10)
        assert not roster.archive_action.isEnabled()
        assert roster.export_action.isEnabled() and second.backup_action.isEnabled()
        assert all(menu.isEnabled() for menu in second.menuBar().actions())  # menus open; editing items are off
        assert second.records.history_action.isEnabled() and second.records.log_action.isEnabled()
        # the first window still writes
        assert window.db is not None
        add_student(window.db, Student("OKONKWO", "Chinedu"))
    finally:
        close_window(second)


# --- no lost update ---------------------------------------------------------------------------------------

def _editor_saving_notes(qtbot: QtBot, window: MainWindow, wang: int, notes: str) -> StudentEditor:
    assert window.db is not None
    editor = StudentEditor(window.db, wang, window)
    qtbot.addWidget(editor)
    editor.show()
    field = editor.fields["notes"].widget if "notes" in editor.fields else None
    if isinstance(field, QLineEdit):
        field.setText(notes)
    else:
        editor.fields["sponsor"].widget.setText(notes)  # type: ignore[attr-defined]
    return editor


@pytest.mark.parametrize("choice", [stale.OVERWRITE, stale.RELOAD, None], ids=["overwrite", "reload", "keep editing"])
def test_two_sessions_a_stale_save_is_refused_and_the_clerk_chooses(
        choice: str | None, qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    wang = _wang(window)
    editor = _editor_saving_notes(qtbot, window, wang, "Maj. Smith")
    colleague = connect(window.db_path)  # another session changes the passport number meanwhile
    try:
        update_student(colleague, dataclasses.replace(get_student(colleague, wang), passport_number="E87654321"))
    finally:
        colleague.close()
    shown = _answer(monkeypatch, choice)
    editor.save()
    assert shown and "WANG Jianguo was changed since you opened it, by " in shown[0]
    assert "(passport number)" in shown[0]
    assert window.db is not None
    saved = get_student(window.db, wang)
    if choice == stale.OVERWRITE:
        assert editor.outcome is not None and editor.outcome.saved_id == wang
        assert saved.passport_number == "E12345678"  # the clerk saw the change and chose to overwrite it
    elif choice == stale.RELOAD:
        assert editor.outcome is not None and editor.outcome.open_id == wang  # the roster opens it afresh
        assert saved.passport_number == "E87654321"
    else:
        assert editor.isVisible() and saved.passport_number == "E87654321"  # nothing overwritten, form kept
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_a: True)  # closing the form: discard the typing
    editor.close()


# --- undo and redo ----------------------------------------------------------------------------------------

def test_ctrl_z_undoes_the_edit_the_edit_menu_names_and_ctrl_shift_z_redoes_it(
        qtbot: QtBot, window: MainWindow) -> None:
    wang = _wang(window)
    assert window.db is not None
    update_student(window.db, dataclasses.replace(get_student(window.db, wang), passport_number="E87654321"))
    window.records.sync()
    assert window.records.undo_action.text() == "&Undo edit of WANG Jianguo's passport number"
    assert window.records.undo_action.shortcut().toString() == "Ctrl+Z"
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_student(window.db, wang).passport_number == "E12345678"
    assert window.records.redo_action.text() == "&Redo edit of WANG Jianguo's passport number"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert get_student(window.db, wang).passport_number == "E87654321"
    assert window.records.undo_action.text() == "&Undo edit of WANG Jianguo's passport number"
    # QTest leaves Shift held after that click (offscreen): let go of it, or the next test's selections extend
    qtbot.keyRelease(window, Qt.Key.Key_Shift)
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


def test_an_import_is_one_undo_step(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from imet_desktop.exchange.student_import import plan_import_file, run_import

    assert window.db is not None
    before = count_students(window.db)
    path = tmp_path / "itos.csv"
    path.write_text("Surname,Given names\n" + "\n".join(f"OKONKWO{i},Chinedu" for i in range(30)) + "\n",
                    encoding="utf-8")
    run_import(window.db, plan_import_file(window.db, path), path.name, skip_invalid=True)
    window.records.sync()
    assert window.records.undo_action.text() == "&Undo import of 30 students from itos.csv"
    window.records.undo_action.trigger()
    assert count_students(window.db) == before


def test_an_undo_someone_overtook_is_refused_saying_who(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    wang = _wang(window)
    assert window.db is not None
    update_student(window.db, dataclasses.replace(get_student(window.db, wang), passport_number="E87654321"))
    window.records.sync()
    colleague = connect(window.db_path)
    monkeypatch.setattr(changes, "SESSION", "another program")  # a colleague's session, not this one
    update_student(colleague, dataclasses.replace(get_student(colleague, wang), passport_number="E00000001"))
    colleague.close()
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, text: errors.append(f"{title}: {text}"))
    assert not window.records.undo()
    assert errors and "cannot be undone" in errors[0] and "changed it since" in errors[0]
    assert get_student(window.db, wang).passport_number == "E00000001"


# --- restore ----------------------------------------------------------------------------------------------

def test_file_restore_brings_back_yesterdays_backup_keeping_todays_file(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.db is not None
    before = count_students(window.db)
    yesterday = take_backup(window.db.conn, window.db_path, BackupKind.DAILY)
    _wang(window)
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, db_path: yesterday))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_a: True)
    assert window.records.restore()
    assert window.db is not None and count_students(window.db) == before
    kept = [b for b in list_backups(window.db_path) if b.kind is BackupKind.BEFORE_RESTORE]
    assert len(kept) == 1 and stat.S_IMODE(kept[0].path.stat().st_mode) == 0o600


def test_the_restore_dialog_lists_backups_with_date_size_and_counts(qtbot: QtBot, window: MainWindow) -> None:
    from imet_desktop.ops.backups import listed_backups
    from imet_desktop.store.backups import backups_folder

    assert window.db is not None
    take_backup(window.db.conn, window.db_path, BackupKind.MANUAL)
    dialog = RestoreDialog(window, window.db_path, listed_backups(window.db_path), backups_folder())
    qtbot.addWidget(dialog)
    model = dialog.model
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert texts[1] == "manual" and texts[2].endswith(" MB") and int(texts[3].replace(",", "")) == count_students(
        window.db)
    assert dialog.restore_button.isEnabled()


def _damage(path: Path) -> None:
    """Pages in the middle of the file: it opens, and SQLite's quick check finds the damage."""
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 16384] = b"\xff" * 16384
    path.write_bytes(bytes(data))


def _window_on(qtbot: QtBot, path: Path) -> MainWindow:
    db = open_database_in(None, path)
    assert db is not None
    w = build_main_window(db, path)
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_window_checks_and_backs_up_in_the_background(qtbot: QtBot, demo_db_path: Path) -> None:
    w = _window_on(qtbot, demo_db_path)
    try:
        assert w.db is not None and getattr(w.db, "checks_deferred", False)
        qtbot.waitUntil(lambda: w.records.checks.done, timeout=30_000)
        [daily] = list_backups(demo_db_path)
        assert daily.kind is BackupKind.DAILY and stat.S_IMODE(daily.path.stat().st_mode) == 0o600
        assert not getattr(w.db, "read_only", True)
    finally:
        close_window(w)


def test_damage_found_by_the_background_check_makes_the_window_read_only_and_offers_the_newest_backup(
        qtbot: QtBot, demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(demo_db_path).close()  # the day's backup, good
    students = _students_in(demo_db_path)
    _damage(demo_db_path)
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_a: True)
    shown = _answer(monkeypatch, RESTORE_NEWEST)
    w = _window_on(qtbot, demo_db_path)
    try:
        qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
        assert "is damaged" in shown[0] and "The newest good backup is " in shown[0]
        assert "It is open read-only now." in shown[0]
        assert w.db is not None and not getattr(w.db, "read_only", True)  # restored, and writable again
        assert w.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert count_students(w.db) == students
    finally:
        close_window(w)


def _students_in(path: Path) -> int:
    db = open_database(path, read_only=True)
    try:
        return count_students(db)
    finally:
        db.close()


# --- History and the log ----------------------------------------------------------------------------------

def test_history_of_the_selected_student_shows_who_changed_the_passport_and_when(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    wang = _wang(window)
    assert window.db is not None
    update_student(window.db, dataclasses.replace(get_student(window.db, wang), passport_number="E87654321"))
    window.refresh()
    wait_until_read(qtbot, window)
    roster = window.roster_tab
    roster.search.setText("WANG Jianguo") if hasattr(roster, "search") else None
    qtbot.waitUntil(lambda: any(getattr(r, "id", None) == wang for r in _roster_rows(window)), timeout=10_000)
    row = next(i for i, r in enumerate(_roster_rows(window)) if r.id == wang)
    roster.table.selectRow(row)
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "run", lambda self: opened.append(self) or False)
    window.records.history_action.trigger()
    [dialog] = opened
    assert dialog.windowTitle() == "History of WANG Jianguo"
    first = [dialog.model.index(0, c).data() for c in range(5)]
    assert first[2:] == ["Passport number", "E12345678", "E87654321"]
    assert first[0].endswith(":" + first[0][-2:]) and len(first[0]) == len("22 APR 2027 14:00")


def _roster_rows(window: MainWindow) -> list[object]:
    from imet_desktop.ui.common.table_model import ROW_ROLE

    model = window.roster_tab.table.model()
    return [model.data(model.index(r, 0), ROW_ROLE) for r in range(model.rowCount())]


def test_the_database_log_filters_and_exports_privately(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    wang = _wang(window)
    assert window.db is not None
    update_student(window.db, dataclasses.replace(get_student(window.db, wang), passport_number="E87654321"))
    dialog = DatabaseLogDialog(window, window.db)
    qtbot.addWidget(dialog)
    dialog.record_edit.setText(str(wang))
    entries = dialog.show_entries()
    assert [e.name for e in entries] == ["edit of WANG Jianguo's passport number", "addition of WANG Jianguo"]
    dialog.since_edit.setText("31 FEB 2027")
    assert dialog.show_entries() == [] and "not a real date" in dialog.message.text()
    dialog.since_edit.setText("")
    dialog.show_entries()
    target = tmp_path / "log.csv"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_a: target)
    assert dialog.export() == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with target.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0][0].startswith("CUI//PRIVACY")
    assert ["Passport number", "E12345678", "E87654321"] in [r[5:] for r in rows[2:]]


def test_partial_files_a_killed_program_left_are_removed_on_start(qtbot: QtBot, window: MainWindow) -> None:
    dead = 2 ** 22 + 12345  # no such process
    left = window.db_path.parent / f".export.csv.{dead}-abcd{PARTIAL_SUFFIX}"
    left.write_text("WANG,E12345678")
    os.chmod(left, 0o600)
    removed = window.records.clean_partials()
    assert left in removed and not left.exists()


def test_the_edit_menu_shows_undo_redo_history_and_the_log_with_their_shortcuts(window: MainWindow) -> None:
    texts = {a.objectName(): (a.text(), a.shortcut().toString()) for a in window.findChildren(type(
        window.records.undo_action))}
    assert texts["undo"][1] == "Ctrl+Z" and texts["redo"][1] == "Ctrl+Shift+Z"
    assert texts["recordHistory"][1] == "Ctrl+H"
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    names = [a.objectName() for a in edit.actions() if a.objectName()]
    assert names[:2] == ["undo", "redo"] and "databaseLog" in names

