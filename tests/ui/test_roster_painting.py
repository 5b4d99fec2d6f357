"""The roster model and photo column as Qt paints them: each cell asked for once, the look unchanged."""

from __future__ import annotations

import dataclasses
from array import array
from pathlib import Path

from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, QRect, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from imet_desktop.domain.records import Student
from imet_desktop.store import photos
from imet_desktop.store.students import add_student, get_student, update_student
from imet_desktop.ui.main_window import MainWindow
from imet_desktop.ui.roster.model import PhotoDelegate, RosterModel

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


def _paint(delegate: QStyledItemDelegate, index: QModelIndex, selected: bool, *, reference: bool) -> QImage:
    """The photo cell drawn by PhotoDelegate, or (reference) as Qt's delegate draws it with the icon and text
    taken out and the thumbnail put in the middle."""
    image = QImage(40, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 40, 30)  # type: ignore[attr-defined]
    option.state = QStyle.StateFlag.State_Enabled | (  # type: ignore[attr-defined]
        QStyle.StateFlag.State_Selected if selected else QStyle.StateFlag.State_None)
    option.features = QStyleOptionViewItem.ViewItemFeature.Alternate  # type: ignore[attr-defined]
    option.widget = None  # type: ignore[attr-defined]
    from PySide6.QtWidgets import QApplication

    style = QApplication.style()
    if reference:
        item = QStyleOptionViewItem(option)
        delegate.initStyleOption(item, index)
        item.icon = QIcon()
        item.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration  # type: ignore[attr-defined]
        item.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, None)
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap):
            painter.drawPixmap((40 - pixmap.width()) // 2, (30 - pixmap.height()) // 2, pixmap)
    else:
        from PySide6.QtWidgets import QTableView

        view = QTableView()  # the option's widget: PhotoDelegate asks it for its style
        option.widget = view  # type: ignore[attr-defined]
        view.setStyle(style)
        delegate.paint(painter, option, index)
    painter.end()
    return image


def test_the_photo_column_draws_the_thumbnail_centred_as_before(window: MainWindow, tmp_path: Path) -> None:
    with_photo = add_student(window.db, Student("AAAAAPHOTO", "Pic"))
    picture = make_image(tmp_path / "p.jpg", 300, 400, "JPEG").read_bytes()
    from imet_desktop.ui.roster.photos import scale_photo

    scaled = scale_photo(picture)
    photos.set_photo(window.db, with_photo, scaled.image, scaled.thumbnail, scaled.mime_type)
    model = RosterModel(window.db)
    model.reload()
    row = model.row_of(with_photo)
    without = next(r for r in range(model.rowCount()) if not model.row_at(r).has_photo)  # type: ignore[union-attr]
    delegate = PhotoDelegate()
    for number in (row, without):
        index = model.index(number, RosterModel.PHOTO)
        for selected in (False, True):
            ours = _paint(delegate, index, selected, reference=False)
            assert ours == _paint(QStyledItemDelegate(), index, selected, reference=True), (number, selected)
    assert model.thumbnail(row) is not None and model.thumbnail(without) is None
    assert model.thumbnail(model.rowCount()) is None
