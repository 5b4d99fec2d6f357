"""Errors the clerk can act on when importing or exporting: each says what is wrong and where."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from imet_desktop.domain.errors import UserError


def column_letter(number: int) -> str:
    """The spreadsheet letter of a 1-based column number: 1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class ExchangeError(UserError):
    """A file that cannot be imported or exported as asked; str() is the clerk's message."""


class ReadError(ExchangeError):
    """A file that cannot be read as a table: names the file and, where known, the row and column."""

    def __init__(self, file: Path | str, message: str, *, row: int | None = None,
                 column: str | None = None, column_number: int | None = None, line: int | None = None) -> None:
        self.file = Path(file)
        self.message = message
        self.row = row
        self.line = line  # the physical line of a text file, where a structural fault is
        self.column = column
        self.column_number = column_number
        super().__init__(self._text())

    def _text(self) -> str:
        where = [self.file.name]
        if self.line is not None:
            where.append(f"line {self.line:,}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column_number is not None:
            letter = column_letter(self.column_number)
            where.append(f"column {letter} ({self.column!r})" if self.column else f"column {letter}")
        elif self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


class MappingError(ExchangeError):
    """The columns-to-fields mapping cannot be used (unknown field or header, a field fed twice...)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


class ImportRefusedError(ExchangeError):
    """Nothing was imported, and why (rows with problems, or the database changed since the preview)."""

    def __init__(self, message: str, problems: Sequence[object] = ()) -> None:
        self.problems = list(problems)
        super().__init__(message)


class ExportError(ExchangeError):
    """An export that could not be written; nothing was left half-written."""
