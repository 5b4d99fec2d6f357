"""A large list's never-cut columns are fitted to the rows on screen from their texts, as wide as Qt's own measuring
of every cell on screen would make them: long names, any script, an elided name, a hidden column; never narrowed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from imet_desktop.ui.common.table_model import Column
from imet_desktop.ui.common.tables import FIT_SLACK, _ColumnFitter, make_table
from imet_desktop.ui.main_window import MainWindow

type AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = (
    Column("Legal name", lambda r: r, width=14, person=True, fit=True),  # elided in the middle, yet never cut
    Column("Country", lambda r: r, width=8, fit=True),
    Column("Passport", lambda r: r, width=6, fit=True),  # hidden by the clerk
    Column("Arrival", lambda r: r, width=6, fit=True),
    Column("ECL", lambda r: r, width=2, numeric=True),
    Column("Remarks", lambda r: r, width=20),  # may be cut: never measured
)
NAME, COUNTRY, PASSPORT, ARRIVAL, ECL, REMARKS = range(len(COLUMNS))

NAMES = ("AL-HASHEMI, Omar Khalid Abdullah Mohammed bin Rashid", "عبد الله بن محمد بن عبد العزيز الهاشمي",
         "สมชาย ศรีสุวรรณวงศ์ ณ อยุธยา", "王小明", "김민준", "NGUYỄN Thị Minh Khai", "Ólafsdóttir, Þórunn",
         "राजेश कुमार शर्मा", "Ng", "")
COUNTRIES = ("Saint Vincent and the Grenadines", "ประเทศไทย", "المملكة العربية السعودية", "中华人民共和国",
             "Chad", "Côte d'Ivoire", "Bosnia and Herzegovina", "대한민국", "Lao", "")
# Texts Qt lays out otherwise than their plain width: measured by Qt itself.
ODD = ("Chad                                ", "Line one\nLine two, the longer one", "Tab\tbed", "No\u00a0break ")


def rows(count: int, *, odd: bool = True) -> list[tuple[str, ...] | None]:
    """Rows of texts in many scripts and lengths; every 37th row on its way (no texts yet)."""
    made: list[tuple[str, ...] | None] = []
    for n in range(count):
        if n % 37 == 36:
            made.append(None)
            continue
        country = ODD[n % len(ODD)] if odd and n % 11 == 5 else COUNTRIES[(n * 3) % len(COUNTRIES)]
        made.append((NAMES[n % len(NAMES)] + (" " + "x" * (1 + n % 13) if n % 4 == 0 else ""), country,
                     "P" * (1 + n % 17), f"{1 + n % 28} {('JAN', 'MAY', 'SEP')[n % 3]} 20{n % 100:02d}",
                     str(n * 7 % 1000), "remark " * (n % 5)))
    return made


class Cells(QAbstractTableModel):
    """A large list's model (measured on screen only, as the roster's) over fixed texts: one call per cell."""

    def __init__(self, texts: list[tuple[str, ...] | None]) -> None:
        super().__init__()
        self.texts = texts
        self.asked = 0  # display texts asked for

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.texts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cells = self.texts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and cells is not None:
            self.asked += 1
            return cells[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[index.column()].alignment()
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None


class CellsInOneGo(Cells):
    """The same, giving the texts of the rows on screen in one call (as the roster's model does)."""

    def row_texts(self, first: int, last: int) -> list[tuple[str, ...] | None]:
        return self.texts[first:last + 1]


def shown(qtbot: QtBot, model: Cells) -> QTableView:
    table = make_table(model, COLUMNS)
    qtbot.addWidget(table)
    table.resize(1400, 420)
    table.horizontalHeader().hideSection(PASSPORT)  # the clerk hid it
    table.show()
    qtbot.waitExposed(table)
    qtbot.wait(20)
    return table


def fitter_of(table: QTableView) -> _ColumnFitter:
    return next(c for c in table.children() if isinstance(c, _ColumnFitter))


def widths(table: QTableView) -> list[int]:
    header = table.horizontalHeader()
    return [header.sectionSize(i) for i in range(header.count())]


def fitted_columns(table: QTableView) -> list[int]:
    header = table.horizontalHeader()
    return [i for i, c in enumerate(COLUMNS) if c.fit and not header.isSectionHidden(i)]


def scroll(qtbot: QtBot, table: QTableView, value: int) -> None:
    table.verticalScrollBar().setValue(value)
    qtbot.wait(20)  # the columns are fitted once the rows scrolled in are painted


def test_the_columns_are_as_wide_as_measuring_every_cell_on_screen_makes_them(qtbot: QtBot) -> None:
    texts = rows(600)
    quick, measured = shown(qtbot, CellsInOneGo(texts)), shown(qtbot, Cells(texts))  # the same rows, twice
    # a table of people: its names are shortened in the middle by Qt's own drawing, measured as any plain text
    assert quick.textElideMode() == Qt.TextElideMode.ElideMiddle and quick.itemDelegateForColumn(NAME) is None
    steps = quick.verticalScrollBar().pageStep() // 2
    for value in [*range(0, 600, steps), 590, 0]:  # the clerk scrolls down the list, and back to the top
        scroll(qtbot, quick, value)
        scroll(qtbot, measured, value)
        assert widths(quick) == widths(measured), f"at row {quick.rowAt(0)}"
        # Each column's measure is Qt's own for the rows on screen (not only the column's width, which its title
        # or an earlier screen may have set).
        widest = fitter_of(quick)._widest_on_screen(fitted_columns(quick))
        assert widest == {i: quick.sizeHintForColumn(i) for i in fitted_columns(quick)}


def test_a_column_widens_when_a_wider_text_scrolls_into_view_and_is_never_narrowed(qtbot: QtBot) -> None:
    texts = rows(900, odd=False)
    country = "Saint Vincent and the Grenadines, Commonwealth of the Northern Territories and Islands"
    far = texts[800]
    assert far is not None
    texts[800] = (far[0], country, *far[2:])
    table = shown(qtbot, CellsInOneGo(texts))
    header = table.horizontalHeader()
    before = header.sectionSize(COUNTRY)
    assert before < table.fontMetrics().horizontalAdvance(country)
    table.scrollTo(table.model().index(800, COUNTRY))
    qtbot.waitUntil(lambda: header.sectionSize(COUNTRY) > before)
    assert header.sectionSize(COUNTRY) == table.sizeHintForColumn(COUNTRY) + FIT_SLACK
    assert header.sectionSize(COUNTRY) >= table.fontMetrics().horizontalAdvance(country)
    wide = widths(table)
    scroll(qtbot, table, 0)  # back to short countries: the column keeps its width
    assert widths(table) == wide
    # A hidden column is not measured; shown again, it widens to its rows on screen when they next change.
    assert header.isSectionHidden(PASSPORT)
    header.showSection(PASSPORT)
    scroll(qtbot, table, 1)
    assert header.sectionSize(PASSPORT) >= table.sizeHintForColumn(PASSPORT) + FIT_SLACK


def test_the_rows_on_screen_are_read_in_one_go_and_one_cell_per_column_measured(qtbot: QtBot) -> None:
    model = CellsInOneGo(rows(600, odd=False))
    table = shown(qtbot, model)
    measured: list[int] = []
    table.sizeHintForIndex = lambda i: measured.append(i.column()) or QTableView.sizeHintForIndex(table, i)  # type: ignore
    table.sizeHintForColumn = lambda i: measured.append(-1) or QTableView.sizeHintForColumn(table, i)  # type: ignore
    table.verticalScrollBar().setValue(300)
    model.asked = 0
    fitter_of(table).fit()
    blank_rows = sum(1 for n in range(table.rowAt(0), table.rowAt(table.viewport().height()) + 1)
                     if model.texts[n] is None)
    assert sorted(measured) == sorted(fitted_columns(table) * (1 + min(blank_rows, 1)))
    assert model.asked <= len(measured)


def test_the_rosters_columns_are_measured_from_its_texts_as_qt_would(qtbot: QtBot, window: MainWindow) -> None:
    """The roster's never-cut columns (country, funding, status, arrival, ECL, WCN, ITO number) on each screen,
    as the clerk scrolls and types: what Qt's measuring of every cell on screen gives, the model asked once."""
    tab = window.roster_tab
    table, model = tab.table, tab.model
    fitter = fitter_of(table)
    header = table.horizontalHeader()
    columns = [i for i, c in enumerate(model.COLUMNS) if c.fit and not header.isSectionHidden(i)]
    assert len(columns) >= 5
    asked: list[tuple[int, int]] = []
    texts_of = model.row_texts
    model.row_texts = lambda first, last: asked.append((first, last)) or texts_of(first, last)  # type: ignore
    checked = 0
    for search in ("", "m", "ma"):
        if search:
            qtbot.keyClicks(tab.search_box, search[-1])
            qtbot.waitUntil(lambda s=search: model.search_text == s and not model.loading)  # type: ignore[misc]
        for page in range(3):
            scroll(qtbot, table, page * table.verticalScrollBar().pageStep())
            asked.clear()
            widest = fitter._widest_on_screen(columns)
            assert len(asked) == 1
            assert widest == {i: table.sizeHintForColumn(i) for i in columns}
            for i in columns:
                assert header.sectionSize(i) >= widest[i] + FIT_SLACK
            checked += 1
    assert checked == 9


def test_the_rosters_texts_in_one_go_are_its_cells(window: MainWindow) -> None:
    model = window.roster_tab.model
    texts = model.row_texts(0, 40)
    assert len(texts) == 41
    for n, cells in enumerate(texts):
        assert cells == tuple(model.data(model.index(n, c)) for c in range(len(model.COLUMNS)))
    assert model.row_texts(model.rowCount() - 2, model.rowCount() + 5)[-1] is not None  # up to the last row
    assert len(model.row_texts(model.rowCount() - 2, model.rowCount() + 5)) == 2



def test_a_row_inserted_empty_is_measured_once_filled_and_its_column_widened(qtbot: QtBot) -> None:
    """A small list of Qt's own cells (a ceremony's inductees) gets a row as Qt's models insert one: empty, then
    filled and told as changed. Its never-cut column is widened to the new text, measured once it is there (the empty
    row is not measured: ~0.3 ms of each inductee added)."""
    from PySide6.QtGui import QStandardItemModel

    model = QStandardItemModel(0, len(COLUMNS))
    for n, cells in enumerate(rows(6, odd=False)):
        assert cells is not None
        model.insertRow(n)
        for c, text in enumerate(cells):
            model.setData(model.index(n, c), text)
    table = shown(qtbot, model)  # type: ignore[arg-type]
    measured: list[tuple[int, int]] = []
    size_hint = table.sizeHintForIndex

    def counting(index: AnyIndex) -> Any:
        measured.append((index.row(), index.column()))
        return size_hint(index)

    table.sizeHintForIndex = counting  # type: ignore[method-assign]
    before = widths(table)
    long_country = "The United Kingdom of Great Britain and Northern Ireland"
    model.insertRow(6)
    assert measured == []  # nothing to measure in an empty row
    model.setData(model.index(6, COUNTRY), long_country)
    assert (6, COUNTRY) in measured
    assert all(row == 6 for row, _column in measured)
    needed = table.fontMetrics().horizontalAdvance(long_country) + FIT_SLACK
    assert widths(table)[COUNTRY] >= needed > before[COUNTRY]
    assert all(widths(table)[i] >= before[i] for i in fitted_columns(table))  # never narrowed
