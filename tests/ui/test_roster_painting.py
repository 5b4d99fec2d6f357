"""The roster model and photo column as Qt paints them: each cell asked for once, the look unchanged."""

from __future__ import annotations

import dataclasses
from array import array
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QModelRoleData, QModelRoleDataSpan, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QStyledItemDelegate
from pytestqt.qtbot import QtBot

from imet_desktop.domain.records import Student
from imet_desktop.store import photos
from imet_desktop.store.students import add_student, get_student, update_student
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.model import RosterModel

from .cells import beside_plain, option
from .test_roster_editor import make_image

_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
          Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole,
          Qt.ItemDataRole.UserRole)


def _with_photo(window: MainWindow, tmp_path: Path) -> int:
    """A student with a photo, first in the roster's order."""
    from imet_desktop.ui.roster.photos import scale_photo

    student = add_student(window.db, Student("AAAAAPHOTO", "Pic"))
    scaled = scale_photo(make_image(tmp_path / "p.jpg", 300, 400, "JPEG").read_bytes())
    photos.set_photo(window.db, student, scaled.image, scaled.thumbnail, scaled.mime_type)
    return student


def test_qts_delegate_shows_each_cell_as_a_model_of_the_same_texts_would(window: MainWindow,
                                                                        tmp_path: Path) -> None:
    """The 7 roles Qt's delegate asks at once are answered in one call: the cell's option is what a plain model
    holding the same text, alignment and picture gives (nothing else set, nothing left out), cell after cell
    through the same delegate (which keeps the roles' answers from the cell before)."""
    _with_photo(window, tmp_path)
    model = RosterModel(window.db)
    model.reload()
    model.beginResetModel()  # as if the third student was deleted between the id query and the reading of the page
    model._ids = array("q", [model.student_id(0), model.student_id(1), 10**9])
    model._row_count = 3
    model.endResetModel()
    assert model.row_at(0).has_photo and not model.row_at(1).has_photo  # type: ignore[union-attr]
    delegate = QStyledItemDelegate()
    columns = len(RosterModel.COLUMNS)
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.DecorationRole)
    for row, column, ours, theirs in beside_plain(model, 3, columns, roles, delegate):
        index = model.index(row, column)
        where = (row, column)
        assert ours.text == theirs.text, where
        assert ours.displayAlignment == theirs.displayAlignment, where
        assert ours.features == theirs.features, where
        assert ours.icon.isNull() == theirs.icon.isNull() == (row != 0 or column != RosterModel.PHOTO), where
        assert ours.font == theirs.font and ours.backgroundBrush == theirs.backgroundBrush, where
        assert ours.palette == theirs.palette and ours.index == index, where
    for row in range(3):
        texts = [option(delegate, model.index(row, c)).text for c in range(columns)]
        expected = [c.text(model.row_at(row)) for c in RosterModel.COLUMNS] if row < 2 else [""] * len(texts)
        assert texts == expected


def test_any_other_span_of_roles_is_answered_role_by_role(window: MainWindow) -> None:
    """A span of roles other than the delegate's gets each role's data() (an entry filled before is replaced,
    or emptied for a role the model does not answer)."""
    model = RosterModel(window.db)
    model.reload()
    for column in (RosterModel.LEGAL_NAME, RosterModel.COUNTRY, RosterModel.ECL, RosterModel.PHOTO):
        index = model.index(0, column)
        for role in _ROLES:
            entry = QModelRoleData(int(role))
            entry.setData("left over")
            span = QModelRoleDataSpan(entry)
            index.multiData(span)
            assert span[0].data() == model.data(index, role), (column, role)


def test_an_index_exists_for_each_cell_shown_and_no_other(window: MainWindow) -> None:
    model = RosterModel(window.db)
    model.reload()
    rows, columns = model.rowCount(), model.columnCount()
    assert rows > 0
    for row, column in ((0, 0), (rows - 1, columns - 1), (3, RosterModel.PHOTO)):
        index = model.index(row, column)
        assert index.isValid() and (index.row(), index.column()) == (row, column) and index.model() is model
        assert model.data(index, Qt.ItemDataRole.DisplayRole) is not None
    for row, column in ((rows, 0), (0, columns), (-1, 0), (0, -1)):
        assert not model.index(row, column).isValid()
    assert not model.index(0, 0, model.index(0, 0)).isValid()  # a table: no cell has children
    assert model.hasIndex(0, 0) and not model.hasIndex(rows, 0)


def test_a_row_changed_shows_its_new_texts_once_the_rows_are_read_again(window: MainWindow) -> None:
    model = RosterModel(window.db)
    model.reload()
    index = model.index(0, RosterModel.LEGAL_NAME)
    before = model.data(index)
    student = get_student(window.db, model.student_id(0))
    update_student(window.db, dataclasses.replace(student, legal_given_names=student.legal_given_names + " Renamed"))
    assert model.data(index) == before  # the texts are formatted once per page read
    delegate = QStyledItemDelegate()
    assert option(delegate, index).text == before  # painted: the row's texts are kept for its next cells
    model.refresh_rows()
    assert model.data(index) != before and "Renamed" in model.data(index)  # type: ignore[operator]
    assert option(delegate, index).text == model.data(index)  # painted again: the new texts, not the kept ones
    other = model.index(0, RosterModel.DISPLAY_NAME)
    assert option(delegate, other).text == model.data(other)
    shown = str(model.data(index))
    family = next(str(model.row_at(r).legal_family_name) for r in range(model.rowCount())  # type: ignore[union-attr]
                  if str(model.row_at(r).legal_family_name).casefold() not in shown.casefold())  # type: ignore[union-attr]
    model.set_search(family)  # another student comes to the first row
    assert family.casefold() in str(model.data(index)).casefold()
    assert option(delegate, index).text == model.data(index) != shown


def photo_for_the_first(window: MainWindow, colour: QColor) -> None:
    """The roster's first student shown is given a photo of one colour (replacing any), and the rows read again."""
    from imet_desktop.ui.roster.photos import scale_photo

    picture = QImage(300, 400, QImage.Format.Format_RGB32)
    picture.fill(colour)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "JPEG")
    scaled = scale_photo(bytes(buffer.data().data()))
    model = window.roster_tab.model
    photos.set_photo(window.db, model.student_id(0), scaled.image, scaled.thumbnail, scaled.mime_type)
    model.refresh_rows()


def _photo_box(image: QImage, cell: QRect, background: QColor) -> QRect:
    """Where, within a cell of a grabbed view, the pixels differ from its background."""
    xs, ys = [], []
    for y in range(cell.top(), cell.bottom() + 1):
        for x in range(cell.left(), cell.right() + 1):
            if image.pixelColor(x, y) != background:
                xs.append(x)
                ys.append(y)
    return QRect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1) if xs else QRect()


def test_the_photo_column_shows_the_thumbnail_centred_in_its_cell_and_nothing_else(
        qtbot: QtBot, window: MainWindow) -> None:
    """Each row's photo cell as the roster's view paints it (by Qt, without a delegate of ours): a student's
    thumbnail in the middle of the cell, whole, on the row's own background, selected or not, not tinted; a
    student without a photo shows an empty cell."""
    tab = window.roster_tab
    table, model = tab.table, tab.model
    photo_for_the_first(window, QColor(200, 30, 30))
    without = next(r for r in range(1, model.rowCount()) if not model.row_at(r).has_photo)  # type: ignore[union-attr]
    thumbnail = model.thumbnail(0)
    assert thumbnail is not None and model.thumbnail(without) is None
    for selected in (False, True):
        if selected:
            table.selectRow(0)
        else:
            table.clearSelection()
        qtbot.wait(10)
        shot = table.viewport().grab().toImage()
        cell = table.visualRect(model.index(0, RosterModel.PHOTO))
        name = table.visualRect(model.index(0, RosterModel.LEGAL_NAME))
        background = shot.pixelColor(name.right() - 2, name.top() + 2)  # the row's own, beside the name
        box = _photo_box(shot, cell, background)
        assert box.size() == thumbnail.size(), (selected, box, thumbnail.size())
        assert abs((box.left() - cell.left()) - (cell.right() - box.right())) <= 1, (selected, box, cell)
        assert abs((box.top() - cell.top()) - (cell.bottom() - box.bottom())) <= 1, (selected, box, cell)
        middle = shot.pixelColor(box.center())
        assert middle.red() > 150 and middle.green() < 100, (selected, middle.name())  # the photo, not a tint
        empty = table.visualRect(model.index(without, RosterModel.PHOTO))
        row_background = shot.pixelColor(empty.left() + 2, empty.top() + 2)
        assert _photo_box(shot, empty, row_background).isNull()
        assert model.data(model.index(0, RosterModel.PHOTO), Qt.ItemDataRole.ToolTipRole) == "Photo on file"
