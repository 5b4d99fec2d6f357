"""A file read as a table: its header, its rows, and the checks every row passes as it is read.

The readers of each format (``reading`` for CSV and the file as a whole, ``xlsx_reading`` for Excel
workbooks) feed their rows through one ``TableBuilder``, so both refuse the same things the same way.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from imet_desktop.exchange.errors import ReadError, column_letter

MAX_CELL_CHARS = 100_000
MAX_COLUMNS = 500
MAX_TITLE_ROWS = 5  # one-cell rows above a header that are taken for its title

Cell = str | dt.date


class FormulaWithoutValue(str):
    """An XLSX cell holding a formula whose value was never calculated and stored (a file written
    by a program, not saved by Excel): its text is the formula. Never imported as a value."""

    __slots__ = ()


CUI_MARKING = re.compile(r"^CUI(//|\s|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TableRow:
    """One data row: its number as the spreadsheet program shows it, and one cell per header."""

    number: int
    cells: tuple[Cell, ...]


class TableRows:
    """A table's data rows, read again each time they are gone through (see Table), so a file of any
    length is planned and imported in bounded memory. len() is known from the first reading."""

    def __init__(self, produce: Callable[[], Iterator[TableRow]], count: int) -> None:
        self._produce = produce
        self._count = count

    def __iter__(self) -> Iterator[TableRow]:
        return self._produce()

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> TableRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[TableRow]: ...

    def __getitem__(self, index: int | slice) -> TableRow | list[TableRow]:
        if isinstance(index, slice):
            if index.step not in (None, 1) or (index.start or 0) < 0 or (index.stop or 0) < 0:
                return list(self)[index]
            return list(itertools.islice(self, index.start or 0, index.stop))
        if index < 0:
            index += self._count
        for row in itertools.islice(self, index, index + 1):
            return row
        raise IndexError(index)


@dataclass(frozen=True)
class Table:
    """A file's header row and data rows; cells are text as written (dates from XLSX as dates).

    The rows are not held in memory: going through them reads a CSV's checked text again from the
    file, a workbook's rows from the private temporary file they were kept in as first read
    (exchange.spool). What the mapping page shows of each column (its first value) is kept from the
    first reading, which also checked the file's whole structure.
    """

    file: Path
    headers: tuple[str, ...]
    rows: TableRows
    header_row: int = 1
    file_format: str = "CSV"  # or "XLSX"
    encoding: str = ""  # CSV only: "UTF-8", "UTF-8 with BOM", "UTF-16", "Windows-1252"
    delimiter: str = ""  # CSV only
    preamble: tuple[str, ...] = ()  # title lines above the header row (one cell each), not data
    first_values: tuple[tuple[int, Cell] | None, ...] = ()

    @property
    def file_name(self) -> str:
        """The file's name without its folder, as messages show it."""
        return self.file.name

    def first_value(self, column: int) -> tuple[int, Cell] | None:
        """The first row holding a value in a column (0-based), and that value; None if it is empty."""
        return self.first_values[column] if column < len(self.first_values) else None


class TableBuilder:
    """Checks each row as it arrives, so a bad file is refused at the first bad row."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.headers: tuple[str, ...] | None = None
        self.header_row = 0
        self.out: list[TableRow] = []  # rows produced by the last add(), taken by drain()
        self.last_row = 0
        # Rows of one cell before the header: a title above a template's header, or the header
        # and rows of a one-column table; which, the first wider row tells.
        self.held: list[tuple[int, list[Cell]]] = []
        self.preamble: list[str] = []

    def cell_too_long(self, number: int, column: int) -> ReadError:
        name = self.headers[column] if self.headers is not None and column < len(self.headers) else None
        return ReadError(self.path, f"a cell is longer than {MAX_CELL_CHARS:,} characters, the limit",
                         row=number, column=name, column_number=column + 1)

    def add(self, number: int, cells: list[Cell]) -> None:
        self.last_row = number
        while cells and blank(cells[-1]):
            cells.pop()
        if len(cells) > MAX_COLUMNS:
            raise ReadError(self.path, f"has {len(cells):,} columns; the limit is {MAX_COLUMNS:,}", row=number)
        for i, cell in enumerate(cells):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise self.cell_too_long(number, i)
        if not cells:
            return
        if self.headers is None:
            filled = len([c for c in cells if not blank(c)])
            if filled == 1 and isinstance(cells[0], str) and CUI_MARKING.match(cells[0].strip()):
                return  # a "CUI//PRIVACY" banner above the header, as our own exports write
            if filled == 1 and len(cells) == 1 and len(self.held) < MAX_TITLE_ROWS:
                self.held.append((number, cells))
                return
            if filled > 1 and self.held:
                self.preamble = [str(c[0]).strip() for _, c in self.held]
                self.held = []
            elif self.held:
                self._release_held()
                self.add(number, cells)
                return
            self._set_headers(number, cells)
            return
        width = len(self.headers)
        if len(cells) > width:
            raise ReadError(self.path, "has a value in a column that has no header", row=number,
                            column_number=width + 1)
        cells.extend([""] * (width - len(cells)))
        self.out.append(TableRow(number, tuple(cells)))

    def drain(self) -> list[TableRow]:
        """The rows produced since the last call."""
        out, self.out = self.out, []
        return out

    def finish(self) -> None:
        """The end of the file: held one-cell rows were a one-column table."""
        if self.held:
            self._release_held()

    def _release_held(self) -> None:
        """The held one-cell rows were a one-column table: the first is its header."""
        held, self.held = self.held, []
        number, cells = held[0]
        self._set_headers(number, cells)
        for number, cells in held[1:]:
            self.add(number, cells)

    def _set_headers(self, number: int, cells: list[Cell]) -> None:
        headers = [c.isoformat() if isinstance(c, dt.date) else c.strip() for c in cells]
        seen: dict[str, int] = {}
        for i, name in enumerate(headers, start=1):
            if not name:
                raise ReadError(self.path, "the header row has a column without a name; name it or delete the "
                                           "column", row=number, column_number=i)
            key = name.casefold()
            if key in seen:
                raise ReadError(self.path, f"the header row has {name!r} twice (columns "
                                           f"{column_letter(seen[key])} and {column_letter(i)}); rename one",
                                row=number, column=name, column_number=i)
            seen[key] = i
        self.headers = tuple(headers)
        self.header_row = number


def blank(cell: object) -> bool:
    """An empty cell, or one holding only spaces."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def size_text(size: int) -> str:
    """'50 MB (52,428,800 bytes)': the bytes too, so a file just over the limit does not read as equal."""
    megabytes = size / (1024 * 1024)
    shown = f"{megabytes:,.0f}" if megabytes.is_integer() else f"{megabytes:,.1f}"
    return f"{shown} MB ({size:,} bytes)"
