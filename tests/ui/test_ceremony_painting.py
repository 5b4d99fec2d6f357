"""What an inductee added, moved or removed costs on screen (issue 16): the inductees' table asks each cell in one
call, the look unchanged; a view of a ceremony shown is laid out to the window at once, not one level of widgets per
turn of the event loop; the ceremonies list repaints the cells that changed; the details are filled again only when
they changed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QModelRoleData, QModelRoleDataSpan, QObject, Qt
from PySide6.QtGui import QBrush, QStandardItemModel
from PySide6.QtWidgets import QStyledItemDelegate, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from imet_desktop.store.ceremonies import list_inductees
from imet_desktop.ui.ceremonies.models import WARNING, InducteesModel
from imet_desktop.ui.common.table_model import ROW_ROLE, SORT_ROLE, AnyIndex, RowListModel
from imet_desktop.ui.main_window import MainWindow

from .cells import beside_plain, option
from .test_ceremonies import ceremonies

_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
          Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole,
          Qt.ItemDataRole.DecorationRole, ROW_ROLE, SORT_ROLE)


def _model(window: MainWindow) -> InducteesModel:
    """Inductees attending, represented, neither (painted in the warning colour), attending again."""
    tab = ceremonies(window)
    first = list_inductees(window.db, tab.selected_ceremony_id() or 0)[0]
    model = InducteesModel()
    model.set_rows([replace(first, attending=True),
                    replace(first, attending=False, representative_name="Col. A. Attaché",
                            representative_title="Air Attaché"),
                    replace(first, attending=False, representative_name=""),
                    replace(first, attending=True)])
    return model


def test_each_cell_is_shown_as_a_model_of_the_same_texts_and_colour_would(window: MainWindow) -> None:
    """The 7 roles Qt's delegate asks at once are answered in one call: each cell's option is what a plain model
    holding the same text, alignment and colour gives, cell after cell through the same delegate (which keeps the
    answers of the cell before: the warning colour of a cell does not stay on the next one)."""
    model = _model(window)
    columns = len(InducteesModel.COLUMNS)
    delegate = QStyledItemDelegate()
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole)
    for row, column, ours, theirs in beside_plain(model, model.rowCount(), columns, roles, delegate):
        index = model.index(row, column)
        where = (row, column)
        assert ours.text == theirs.text == InducteesModel.COLUMNS[column].text(model.row_at(row)), where
        assert ours.displayAlignment == theirs.displayAlignment, where
        assert ours.features == theirs.features, where
        assert ours.palette == theirs.palette and ours.font == theirs.font, where
        assert ours.backgroundBrush == theirs.backgroundBrush and ours.icon.isNull(), where
        assert ours.textElideMode == theirs.textElideMode and ours.index == index, where
        warned = row == 2 and column == InducteesModel.ATTENDANCE
        assert (ours.palette.color(ours.palette.ColorRole.Text) == WARNING) == warned, where
    past = model.createIndex(model.rowCount(), 0)  # a row no longer there: nothing shown, nothing left over
    assert option(QStyledItemDelegate(), past).text == ""


def test_any_other_span_of_roles_is_answered_role_by_role(window: MainWindow) -> None:
    """A span of roles other than the delegate's gets each role's data() (an entry filled before is replaced,
    or emptied for a role the model does not answer)."""
    model = _model(window)
    for row in range(model.rowCount()):
        for column in range(len(InducteesModel.COLUMNS)):
            index = model.index(row, column)
            for role in _ROLES:
                entry = QModelRoleData(int(role))
                entry.setData("left over")
                span = QModelRoleDataSpan(entry)
                index.multiData(span)
                expected = model.data(index, role)
                if isinstance(expected, QBrush):
                    assert isinstance(span[0].data(), QBrush) and span[0].data().color() == WARNING
                else:
                    assert span[0].data() == expected, (row, column, role)


def test_an_index_exists_for_each_cell_shown_and_no_other(window: MainWindow) -> None:
    model = _model(window)
    rows, columns = model.rowCount(), model.columnCount()
    for row, column in ((0, 0), (rows - 1, columns - 1), (2, InducteesModel.ATTENDANCE)):
        index = model.index(row, column)
        assert index.isValid() and (index.row(), index.column()) == (row, column) and index.model() is model
    for row, column in ((rows, 0), (0, columns), (-1, 0), (0, -1)):
        assert not model.index(row, column).isValid()
    assert not model.index(0, 0, model.index(0, 0)).isValid()  # a table: no cell has children
    assert model.hasIndex(0, 0) and not model.hasIndex(rows, 0)


def test_the_headings_are_the_columns_titles_aligned_as_their_cells_held_by_qt(window: MainWindow) -> None:
    """The headings a Python model of the same columns gives (RowListModel's), held in Qt's own header items: the
    header measuring a row added does not call into Python for them."""
    model, python = _model(window), _AskedInPython()
    assert type(model).headerData is QStandardItemModel.headerData  # not answered in Python
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole,
             Qt.ItemDataRole.FontRole)
    for section in range(model.columnCount()):
        for role in roles:
            assert model.headerData(section, Qt.Orientation.Horizontal, role) == \
                python.headerData(section, Qt.Orientation.Horizontal, role), (section, role)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == \
        ["Name", "Native name", "Country", "Position", "Attending / representative"]
    model.set_rows(model.rows()[:2])  # the rows replaced: the headings stay
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"


class _AskedInPython(RowListModel):
    """The inductees as a Python model answers them, role by role (as the inductees' model did before its cells
    were Qt's own): the reference of what the table looks like."""

    COLUMNS = InducteesModel.COLUMNS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            row = self.row_at(index.row())
            warned = index.column() == InducteesModel.ATTENDANCE and not row.attending and not row.representative_name
            return QBrush(WARNING) if warned else None
        return super().data(index, role)


def test_the_inductees_table_paints_the_same_pixels_as_before(qtbot: QtBot, window: MainWindow) -> None:
    """The table on screen, one row selected, against the same table over a model answering role by role, in
    Python (an absent inductee without a representative among them: the warning colour)."""

    class RoleByRole(InducteesModel):
        def multiData(self, index: object, roleDataSpan: object) -> None:  # noqa: N802, N803
            for entry in roleDataSpan:  # type: ignore[attr-defined]
                entry.setData(self.data(index, entry.role()))  # type: ignore[arg-type]

    tab = ceremonies(window)
    tab.views.setCurrentWidget(tab.inductees_page)
    page = tab.inductees_page
    qtbot.waitUntil(page.isVisible)
    rows = page.model.rows()
    page.model.set_rows([*rows[:2], replace(rows[2], attending=False, representative_name=""), *rows[3:]])
    page.table.selectRow(1)
    qtbot.wait(20)
    ours = page.table.viewport().grab().toImage()
    for theirs in (RoleByRole(), _AskedInPython()):
        theirs.set_rows(page.model.rows())
        page.table.setModel(theirs)
        page.table.selectRow(1)
        qtbot.wait(20)
        assert page.table.viewport().grab().toImage() == ours, type(theirs).__name__


def test_rows_added_replaced_moved_and_removed_leave_each_cell_as_its_row_says(window: MainWindow) -> None:
    """After any sequence of changes every cell answers its own row's roles, nothing left over from the row that
    was there before (a warning colour, a tooltip), with RowListModel's flags; Qt's cells and Python's never part
    (a cell deleted by Qt while Python still held it would crash here)."""
    import gc

    model = _model(window)
    attending, represented, neither, _again = model.rows()
    reference = _AskedInPython()

    def same() -> None:
        reference.set_rows(model.rows())
        for n in range(model.rowCount()):
            for c in range(len(InducteesModel.COLUMNS)):
                ours, theirs = model.index(n, c), reference.index(n, c)
                for role in _ROLES:
                    expected = reference.data(theirs, role)
                    if isinstance(expected, QBrush):
                        assert model.data(ours, role).color() == expected.color(), (n, c, role)
                    else:
                        assert model.data(ours, role) == expected, (n, c, role)
                assert model.data(ours, ROW_ROLE) is model.row_at(n)
                assert model.flags(ours) == reference.flags(theirs), (n, c)

    for step in range(30):
        model.insert_row(1, replace(neither, id=1000 + step, native_name="" if step % 2 else "名前"))
        model.swap_with_next(1)  # the warned row and the next change places
        model.replace_row(0, neither if step % 2 else attending)
        model.remove_row(3)
        gc.collect()
        if step % 10 == 9:
            same()
            model.set_rows([represented, neither, *model.rows()[2:]])
        same()
    model.set_rows([])
    assert model.rowCount() == 0 and model.rows() == []


class _LayoutRequests(QObject):
    """The layout requests reaching the window or a tab widget (each repaints all it holds)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LayoutRequest and isinstance(watched, (MainWindow, QTabWidget)):
            self.seen.append(type(watched).__name__)
        return False


def test_a_view_shown_is_laid_out_to_the_window_in_one_turn(qtbot: QtBot, window: MainWindow) -> None:
    """Showing the inductees (or any view of a ceremony) lays the window out once, in the next turn of the event
    loop: nothing is left climbing to the window over the next turns (each climb repainted the whole window, and the
    1,000 inductees with it, at whatever the clerk did next)."""
    tab = ceremonies(window)
    qtbot.wait(50)
    for page in (tab.inductees_page, tab.program_page, tab.inductees_page):
        tab.views.setCurrentWidget(page)
        QCoreApplication.processEvents()  # one turn: the view is shown and laid out
        requests = _LayoutRequests()
        QCoreApplication.instance().installEventFilter(requests)  # type: ignore[union-attr]
        try:
            for _ in range(12):
                QCoreApplication.processEvents()
        finally:
            QCoreApplication.instance().removeEventFilter(requests)  # type: ignore[union-attr]
        assert requests.seen == [], page.objectName()
        assert isinstance(page, QWidget) and page.isVisible()


def test_a_ceremony_read_again_repaints_the_cells_that_changed(window: MainWindow) -> None:
    """The ceremonies list after an inductee is added: the count's cell is told as changed (repainted, measured for
    its column), not the whole row; every cell reads the new row; another ceremony in the place changes the row."""
    from imet_desktop.store.ceremonies import list_ceremonies
    from imet_desktop.ui.ceremonies.models import CeremoniesModel

    first, second = list_ceremonies(window.db)[:2]
    model = CeremoniesModel()
    model.set_rows([first, second])
    told: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda top, bottom, *_r: told.append((top.row(), top.column(), bottom.row(),
                                                                    bottom.column())))
    counted = replace(first, inductee_count=first.inductee_count + 1)
    model.replace_row(0, counted)
    assert told == [(0, CeremoniesModel.INDUCTEES, 0, CeremoniesModel.INDUCTEES)]
    renamed = replace(counted, title=counted.title + " (moved)", guest_count=counted.guest_count + 2)
    model.replace_row(0, renamed)
    assert told[1:] == [(0, CeremoniesModel.TITLE, 0, CeremoniesModel.GUESTS)]
    model.replace_row(0, replace(renamed))  # the same values: nothing to repaint
    assert len(told) == 2
    model.replace_row(0, second)
    assert told[2:] == [(0, 0, 0, len(CeremoniesModel.COLUMNS) - 1)]
    model.replace_row(0, renamed)
    for c, column in enumerate(CeremoniesModel.COLUMNS):
        index = model.index(0, c)
        assert model.data(index) == column.text(renamed) and model.data(index, ROW_ROLE) is renamed
    assert model.rows() == [renamed, second]


def test_the_details_are_filled_again_only_when_they_changed(monkeypatch: pytest.MonkeyPatch,
                                                             window: MainWindow) -> None:
    """An inductee moved (or added, removed) leaves the details as they were: the hidden Details view is not filled
    again; details changed elsewhere are shown; edits not saved give way to them, as before."""
    from imet_desktop.store.ceremonies import get_ceremony, update_ceremony

    tab = ceremonies(window)
    tab.views.setCurrentWidget(tab.inductees_page)
    page, details = tab.inductees_page, tab.details_page
    filled: list[str] = []
    real = details.reload
    monkeypatch.setattr(details, "reload", lambda: filled.append(details.venue_edit.text()) or real())
    page.table.selectRow(1)
    assert page.move_selected(-1)
    assert filled == [] and details.ceremony == get_ceremony(window.db, tab.selected_ceremony_id() or 0)
    assert details.venue_edit.text() == details.ceremony.venue and details.title_edit.isEnabled()
    ceremony = get_ceremony(window.db, tab.selected_ceremony_id() or 0)
    update_ceremony(window.db, replace(ceremony, venue="Polifka Auditorium"))  # changed elsewhere meanwhile
    page.table.selectRow(1)
    assert page.move_selected(-1)
    assert len(filled) == 1 and details.venue_edit.text() == "Polifka Auditorium"
    details.title_edit.setText("Not saved")
    details.title_edit.textEdited.emit("Not saved")
    assert details.dirty
    page.table.selectRow(1)
    assert page.move_selected(-1)
    assert len(filled) == 2 and not details.dirty and details.title_edit.text() == ceremony.title


class _EnabledChanges(QObject):
    """Each button's changes of enabled state (each repaints the button and the window under it)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.EnabledChange:
            self.seen.append(watched.objectName())
        return False


def test_the_buttons_are_set_once_and_only_those_whose_state_changes_change(qtbot: QtBot, window: MainWindow) -> None:
    """A change that leaves the buttons as they were (an inductee added, nothing selected) touches none of them; the
    clerk's click on a row turns on the buttons that act on it, each once, and no other (before, every edit button was
    turned on and the ones needing a selection off again: four buttons and the window under them repainted)."""
    tab = ceremonies(window)
    tab.views.setCurrentWidget(tab.inductees_page)
    page = tab.inductees_page
    qtbot.waitUntil(page.isVisible)
    page.table.clearSelection()
    changes = _EnabledChanges()
    buttons = [page.add_nominees_button, page.add_graduate_button, page.edit_button, page.remove_button,
               page.up_button, page.down_button]
    for b in buttons:
        b.installEventFilter(changes)
    page.enable()
    assert changes.seen == []
    assert [b.isEnabled() for b in buttons] == [True, True, False, False, False, False]
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(page.model.index(0, 0)).center())
    assert page.selected() == [page.model.row_at(0)]
    assert sorted(changes.seen) == ["editInductee", "inducteeDown", "removeInductee"]  # the first row: not up
    assert [b.isEnabled() for b in buttons] == [True, True, True, True, False, True]
    for b in buttons:
        b.removeEventFilter(changes)
