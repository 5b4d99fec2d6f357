"""Rows of an import file as students: converting a batch of rows a column at a time gives what converting
each row alone gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imet_desktop.exchange.mapping import auto_map
from imet_desktop.exchange.student_rows import RowConverter
from imet_desktop.exchange.table import Cell, FormulaWithoutValue, Table, TableRow, TableRows

HEADERS = ("Last Name", "First Name", "Middle Name", "Date of Birth", "Country", "Sex", "ECL", "Status", "Notes")
ROWS: list[tuple[Cell, ...]] = [
    ("NGUYỄN", "Văn", "Đức", "1980-01-02", "Vietnam", "m", "85", "", ""),
    ("NGUYỄN", "Văn", "Đức", "1980-01-02", "Vietnam", "m", "85", "", ""),  # every cell seen before
    ("  Müller ", "Jörg", "", dt.date(1975, 5, 6), "DE", "F", "85.0", "Projected", "two\nlines"),  # a real date
    ("'=SUM", "A", "", "03/04/1980", "Atlantis", "x", "101", "gone", "bad\x07bell"),  # problems in most cells
    ("", "", "", "", "", "", "", "", ""),
    ("KIM", FormulaWithoutValue("=B2"), "", "1990-13-40", "Korea", "", "abc", "", ""),  # a formula without a value
    ("Łódź\u200b", "Ana", "María", "2090-01-01", "Spain", "female", "7", "", ""),
    ("NGUYỄN", "Văn", "Đức", "1980-01-02", "Vietnam", "m", "85", "", ""),
]


@pytest.mark.parametrize("middle", [False, True])  # with the middle name, given names come from two columns
def test_a_batch_converted_a_column_at_a_time_gives_each_row_as_converted_alone(tmp_path: Path, middle: bool) -> None:
    keep = [i for i, h in enumerate(HEADERS) if middle or h != "Middle Name"]
    headers = tuple(HEADERS[i] for i in keep)
    rows = [TableRow(n, tuple(cells[i] for i in keep)) for n, cells in enumerate(ROWS, start=2)]
    table = Table(tmp_path / "roster.csv", headers, TableRows(lambda: iter(rows), len(rows)))
    mapping = auto_map(headers)
    assert len(mapping.headers_for("legal_given_names")) == (2 if middle else 1)
    today = dt.date(2026, 12, 1)
    alone = RowConverter(table, mapping, None, today)
    expected = [alone.convert(row) for row in rows]
    assert any(problems for _student, _raw, problems in expected)
    together = RowConverter(table, mapping, None, today)
    assert together.convert_rows(rows[:3]) + together.convert_rows(rows[3:]) == expected
    assert RowConverter(table, mapping, None, today).convert_rows([]) == []
