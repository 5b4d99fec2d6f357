"""The student record editor, driven like a clerk: typing shows problems, Save only when valid, names kept
as typed, the country picker, duplicates on adding, status changes with their date, photos."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from imet_desktop.domain.records import Student
from imet_desktop.store import photos
from imet_desktop.store.students import add_student, get_student, status_history
from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.dialogs import DuplicateDialog, StatusDialog
from imet_desktop.ui.roster.editor import StudentEditor
from imet_desktop.ui.roster.model import RosterModel

from .conftest import wait_until_read
from .test_roster import shown_rows, type_text

# The country picker's list is a popup; the offscreen platform cannot raise it or grab the keyboard for it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def driving(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], steps: Callable[[QDialog], object]) -> list[QDialog]:
    """Replace cls.run (the one modal entry point): show the dialog, let the clerk do steps, report the outcome."""
    opened: list[QDialog] = []

    def run(self: QDialog) -> bool:
        opened.append(self)
        self.show()
        steps(self)
        return self.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(cls, "run", run)
    return opened


def type_into(qtbot: QtBot, editor: StudentEditor, key: str, text: str) -> None:
    """Select the field's page, clear the field and type, key by key."""
    field = editor.fields[key].widget
    editor.tabs.setCurrentIndex(editor._page_of[key])
    assert isinstance(field, QLineEdit)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(field, text)


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def make_image(path: Path, width: int = 1200, height: int = 1600, fmt: str = "PNG") -> Path:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(40, 90, 160, 255))
    assert image.save(str(path), fmt)
    return path


def test_adding_a_student_shows_each_problem_as_the_clerk_types_and_saves_only_when_valid(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, demo_students: int) -> None:
    seen: dict[str, object] = {}

    def clerk(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        assert not editor.save_button.isEnabled()
        assert editor.fields["legal_family_name"].problem.isHidden()  # a blank form is not a list of errors
        assert editor.summary.text() == "Type at least the legal family name (as on the passport) to save."
        type_into(qtbot, editor, "legal_family_name", "N")
        type_into(qtbot, editor, "legal_family_name", "")
        assert editor.fields["legal_family_name"].problem.text() == "Is required (a one-word name goes here)"
        type_into(qtbot, editor, "legal_family_name", "NGUYỄN")
        assert editor.fields["legal_family_name"].problem.isHidden()
        type_into(qtbot, editor, "legal_given_names", "Văn Đức")
        type_into(qtbot, editor, "date_of_birth", "31 FEB 1988")
        seen["date problem"] = editor.fields["date_of_birth"].problem.text()
        seen["identity tab"] = editor.tabs.tabText(0)
        type_into(qtbot, editor, "ecl_score", "120")
        seen["ecl problem"] = editor.fields["ecl_score"].problem.text()
        seen["training tab"] = editor.tabs.tabText(editor.page_index("Training"))
        seen["save while wrong"] = editor.save_button.isEnabled()
        type_into(qtbot, editor, "date_of_birth", "05 JUN 1988")
        type_into(qtbot, editor, "ecl_score", "85")
        type_into(qtbot, editor, "country_code", "VN")
        type_into(qtbot, editor, "wcn", "VN7654321")
        seen["save when right"] = editor.save_button.isEnabled()
        click(qtbot, editor.save_button)

    driving(monkeypatch, StudentEditor, clerk)
    window.roster_tab.add_action.trigger()
    assert seen == {"date problem": "'31 FEB 1988' is not a real date", "identity tab": "Identity ⚠",
                    "ecl problem": "120 must be between 0 and 100", "training tab": "Training ⚠",
                    "save while wrong": False, "save when right": True}
    wait_until_read(qtbot, window)
    tab = window.roster_tab
    assert tab.count_label.text() == f"{demo_students + 1:,} of {demo_students + 1:,} students"
    selected = tab.selected_ids()
    assert len(selected) == 1
    row = tab.model.row_at(tab.model.row_of(selected[0]))
    assert row is not None and (row.legal_name, row.country_name, row.ecl_score, row.wcn) == (
        "NGUYỄN, Văn Đức", "Vietnam", 85, "VN7654321")
    saved = get_student(window.db, selected[0])
    assert saved.date_of_birth == dt.date(1988, 6, 5)


def test_names_are_saved_exactly_as_typed(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    family = "van der Berg"  # lower-case particles stay lower case
    given = "Thi\u0323 Lan "  # combining dot below (NFD) and a trailing space, kept exactly
    native = "محمد بن سلمان"

    def clerk(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        type_into(qtbot, editor, "legal_family_name", family)
        type_into(qtbot, editor, "legal_given_names", given)
        type_into(qtbot, editor, "native_name", native)
        click(qtbot, editor.save_button)

    driving(monkeypatch, StudentEditor, clerk)
    window.roster_tab.add_action.trigger()
    wait_until_read(qtbot, window)
    saved = get_student(window.db, window.roster_tab.selected_ids()[0])
    assert (saved.legal_family_name, saved.legal_given_names, saved.native_name) == (family, given, native)
    assert not unicodedata.is_normalized("NFC", saved.legal_given_names)


def test_the_country_picker_offers_countries_as_the_clerk_types_accents_optional(
        qtbot: QtBot, window: MainWindow) -> None:
    editor = StudentEditor(window.db, None, window)
    qtbot.addWidget(editor)
    editor.show()
    field = editor.fields["country_code"].widget
    assert isinstance(field, QLineEdit)
    editor.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    completer = field.completer()
    type_text(field, "türk")
    offered = [completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())]
    assert "Türkiye (TR)" in offered
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    popup = completer.popup()
    row = offered.index("Türkiye (TR)")
    popup.setCurrentIndex(completer.completionModel().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == "Türkiye (TR)"
    assert editor.country_hint.text() == "Europe and Eurasia"
    assert editor.fields["country_code"].problem.isHidden()
    field.setText("Atlantis")
    assert editor.fields["country_code"].problem.text().startswith("'Atlantis' is not a country the program knows")
    field.setText("south korea")  # a name typed in full is understood too
    assert editor.form_student()[0].country_code == "KR"
    editor.done(0)


def test_a_student_is_opened_from_the_roster_edited_and_the_roster_shows_the_change(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = window.roster_tab
    first = shown_rows(tab.model)[3]

    def clerk(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        assert editor.header_name.text() == first.legal_name
        type_into(qtbot, editor, "country_rank", "Colonel")
        assert editor.problems == {}, editor.problems
        click(qtbot, editor.save_button)

    opened = driving(monkeypatch, StudentEditor, clerk)
    rect = tab.table.visualRect(tab.model.index(3, RosterModel.LEGAL_NAME))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1
    wait_until_read(qtbot, window)
    row = tab.model.row_at(tab.model.row_of(first.id))
    assert row is not None and row.country_rank == "Colonel"
    assert tab.model.data(tab.model.index(tab.model.row_of(first.id), RosterModel.RANK)) == "Colonel"
    details = window.db.execute("SELECT details FROM audit_log WHERE table_name = 'students' AND row_id = ? "
                                "ORDER BY id DESC LIMIT 1", [first.id]).fetchone()[0]
    assert json.loads(details)["country_rank"][1] == "Colonel"


def _duplicate_of(window: MainWindow) -> Student:
    existing = get_student(window.db, shown_rows(window.roster_tab.model)[0].id)
    assert existing.date_of_birth is not None
    return existing


def test_adding_a_duplicate_shows_the_existing_record_and_the_clerk_opens_it(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, demo_students: int) -> None:
    existing = _duplicate_of(window)
    opened_ids: list[int | None] = []

    def clerk(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        opened_ids.append(editor.original.id)
        if editor.original.id is not None:
            editor.done(0)  # the existing record, opened: the clerk just looks
            return
        type_into(qtbot, editor, "legal_family_name", existing.legal_family_name.lower())
        type_into(qtbot, editor, "legal_given_names", existing.legal_given_names)
        type_into(qtbot, editor, "date_of_birth", existing.date_of_birth.isoformat())  # type: ignore[union-attr]
        click(qtbot, editor.save_button)

    def decide(dialog: QDialog) -> None:
        assert isinstance(dialog, DuplicateDialog)
        assert dialog.table.item(0, 0).text() == f"#{existing.id}"
        assert dialog.table.item(0, 5).text() == "same legal name and date of birth"
        assert not dialog.save_button.isEnabled()  # not without a reason
        click(qtbot, dialog.open_button)

    driving(monkeypatch, StudentEditor, clerk)
    driving(monkeypatch, DuplicateDialog, decide)
    window.roster_tab.add_action.trigger()
    assert opened_ids == [None, existing.id]
    wait_until_read(qtbot, window)
    assert window.roster_tab.model.rowCount() == demo_students  # nothing was added


def test_a_duplicate_is_saved_anyway_only_with_a_reason_which_is_recorded(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    existing = _duplicate_of(window)
    wcn = existing.wcn or "WCN-DUP-1"
    if not existing.wcn:
        existing.wcn = wcn
        from imet_desktop.store.students import update_student

        update_student(window.db, existing)

    def clerk(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        type_into(qtbot, editor, "legal_family_name", "SOMEONE ELSE")
        type_into(qtbot, editor, "wcn", wcn)
        click(qtbot, editor.save_button)

    def decide(dialog: QDialog) -> None:
        assert isinstance(dialog, DuplicateDialog)
        assert dialog.table.item(0, 5).text() == "same WCN"
        qtbot.keyClicks(dialog.reason_edit, "WCN re-used by the SCO for a replacement")
        click(qtbot, dialog.save_button)

    driving(monkeypatch, StudentEditor, clerk)
    driving(monkeypatch, DuplicateDialog, decide)
    window.roster_tab.add_action.trigger()
    wait_until_read(qtbot, window)
    new_id = window.roster_tab.selected_ids()[0]
    assert new_id != existing.id
    details = json.loads(window.db.execute("SELECT details FROM audit_log WHERE table_name = 'students' AND row_id = ? "
                                           "AND action = 'insert'", [new_id]).fetchone()[0])
    assert details["possible_duplicates"] == [existing.id]
    assert details["reason"] == "WCN re-used by the SCO for a replacement"
    assert get_student(window.db, new_id).notes.endswith("Reason: WCN re-used by the SCO for a replacement")


def test_a_status_change_carries_its_date_and_is_kept_in_the_history(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    sid = add_student(window.db, Student("KOWALSKI", "Jan", status="Projected"))
    effective = dt.date.today() - dt.timedelta(days=2)

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, StatusDialog)
        assert dialog.status_box.currentText() == "Arrived"  # the next step is offered first
        dialog.date_edit.setDate(effective)
        qtbot.keyClicks(dialog.note_edit, "arrived MGM")
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))

    def clerk(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        editor.tabs.setCurrentIndex(editor.page_index("Orders"))
        click(qtbot, editor.status_button)
        assert "Projected → <b>Arrived</b>" in editor.status_label.text()
        assert status_history(window.db, sid)[-1].status == "Projected"  # nothing written before Save
        click(qtbot, editor.save_button)

    driving(monkeypatch, StatusDialog, choose)
    driving(monkeypatch, StudentEditor, clerk)
    window.roster_tab.open_student(sid)
    history = status_history(window.db, sid)  # in the order of the dates they took effect
    assert [(h.status, h.effective_date, h.note) for h in history][0] == ("Arrived", effective, "arrived MGM")
    assert get_student(window.db, sid).status == "Arrived"


def test_the_clerk_changes_the_status_of_several_students_at_once(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = window.roster_tab
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     tab.table.visualRect(tab.model.index(2, 1)).center())
    ids = tab.selected_ids()
    assert len(ids) == 3
    when = dt.date(2026, 6, 5)
    monkeypatch.setattr(StatusDialog, "ask", classmethod(
        lambda cls, parent, current="", who="": __import__("imet_desktop.store.students", fromlist=["NewStatus"])
        .NewStatus("Withdrawn", when, "recalled by the SCO")))
    tab.status_action.trigger()
    wait_until_read(qtbot, window)
    for sid in ids:
        assert status_history(window.db, sid)[-1].status == "Withdrawn"
        assert status_history(window.db, sid)[-1].effective_date == when
    assert sorted(tab.selected_ids()) == sorted(ids)
    assert tab.message.text() == "3 students now Withdrawn as of 05 JUN 2026."


def test_a_photo_is_scaled_stored_on_save_and_shown_in_the_roster(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    sid = add_student(window.db, Student("AAAA-FIRST", "Photo"))
    picture = make_image(tmp_path / "portrait.png")
    monkeypatch.setattr(common_dialogs, "choose_open_file", lambda *a, **k: picture)

    def clerk(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        editor.tabs.setCurrentIndex(editor.page_index("Photo"))
        click(qtbot, editor.choose_photo_button)
        assert editor.photo_label.pixmap() is not None and not editor.photo_label.pixmap().isNull()
        assert photos.get_photo(window.db, sid) is None  # stored only on Save
        click(qtbot, editor.save_button)

    driving(monkeypatch, StudentEditor, clerk)
    window.roster_tab.open_student(sid)
    stored = photos.get_photo(window.db, sid)
    assert stored is not None and stored.mime_type == "image/jpeg"
    image = QImage.fromData(stored.image)
    assert (image.width(), image.height()) == (600, 800)
    wait_until_read(qtbot, window)
    model = window.roster_tab.model
    row = model.row_of(sid)
    assert model.row_at(row).has_photo  # type: ignore[union-attr]
    pixmap = model.data(model.index(row, RosterModel.PHOTO), Qt.ItemDataRole.DecorationRole)
    assert pixmap is not None and 0 < pixmap.height() <= 25
    assert model.data(model.index(row, RosterModel.PHOTO), Qt.ItemDataRole.ToolTipRole) == "Photo on file"


def test_a_photo_is_removed_and_a_file_that_is_not_a_photo_is_refused(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from imet_desktop.ui.roster.photos import scale_photo

    sid = add_student(window.db, Student("PHOTOLESS", "Soon"))
    picture = scale_photo(make_image(tmp_path / "p.jpg", 300, 400, "JPEG").read_bytes())
    photos.set_photo(window.db, sid, picture.image, picture.thumbnail, picture.mime_type)
    not_a_photo = tmp_path / "passport.png"
    not_a_photo.write_bytes(b"%PDF-1.7 this is a PDF")
    monkeypatch.setattr(common_dialogs, "choose_open_file", lambda *a, **k: not_a_photo)

    def clerk(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        click(qtbot, editor.choose_photo_button)
        assert editor.photo_problem.text().startswith("passport.png is not a JPEG or PNG image")
        assert editor.remove_photo_button.isEnabled()
        click(qtbot, editor.remove_photo_button)
        assert editor.photo_label.text() == "No photo"
        click(qtbot, editor.save_button)

    driving(monkeypatch, StudentEditor, clerk)
    window.roster_tab.open_student(sid)
    assert photos.get_photo(window.db, sid) is None


def test_closing_the_editor_with_unsaved_changes_asks_first(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [False, True]
    asked: list[str] = []

    def ask_yes_no(parent: object, title: str, text: str) -> bool:
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(common_dialogs, "ask_yes_no", ask_yes_no)

    def clerk(editor: QDialog) -> None:
        assert isinstance(editor, StudentEditor)
        type_into(qtbot, editor, "legal_family_name", "HALF-TYPED")
        editor.reject()
        assert editor.isVisible()  # the clerk said no: still editing, nothing lost
        assert editor.fields["legal_family_name"].text() == "HALF-TYPED"
        editor.reject()

    driving(monkeypatch, StudentEditor, clerk)
    window.roster_tab.add_action.trigger()
    assert asked == ["Discard the changes?", "Discard the changes?"]



def test_enter_on_a_row_opens_the_student(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = window.roster_tab
    opened = driving(monkeypatch, StudentEditor, lambda editor: editor.done(0))
    tab.table.selectRow(4)
    tab.table.setFocus()
    qtbot.waitUntil(tab.table.hasFocus)
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert [e.original.id for e in opened] == [tab.model.student_id(4)]  # type: ignore[attr-defined]
