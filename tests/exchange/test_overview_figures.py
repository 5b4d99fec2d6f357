"""The Overview's figures for a spreadsheet: one row each, the same numbers as the tab and the report."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlite_utils import Database

from imet_desktop.domain.overview import Overview
from imet_desktop.exchange.overview_figures import HEADERS, figure_rows, write_figures
from imet_desktop.store.overview import overview
from tests.store.office import ON, an_office


@pytest.fixture
def figures(db: Database) -> Overview:
    an_office(db)
    return overview(db, ON, 2026)


def _as_text(rows: list[tuple[object, ...]]) -> list[list[str]]:
    return [["" if v is None else str(v) for v in row] for row in rows]


def test_the_csv_rows_are_the_figures(figures: Overview, tmp_path: Path) -> None:
    target = tmp_path / "overview.csv"
    count = write_figures(figures, target, "csv")
    with target.open(encoding="utf-8-sig", newline="") as f:
        read = list(csv.reader(f))
    assert read[0] == list(HEADERS)
    assert read[1:] == _as_text(figure_rows(figures))
    assert count == len(read) - 1
    rows = {(r[0], r[1], r[2]): r[3] for r in read[1:]}
    assert rows[("Headline", "In residence", "10 JUN 2026")] == "5"
    assert rows[("Headline", "Arriving", "next 30 days")] == "1"
    assert rows[("Headline", "Departing", "next 30 days")] == "3"
    assert rows[("Deadlines", "Reports overdue", "")] == "1"
    assert rows[("In residence by country", "No country recorded", "")] == "1"
    assert rows[("Arrivals by month", "2026", "Jun")] == "4"
    assert rows[("Classes starting in the next 90 days", "SOS 26D", "capacity")] == ""  # no limit
    assert rows[("Classes starting in the next 90 days", "SOS 26D", "minimum")] == "4"
    assert rows[("Honor Roll inductees", "2012", "Europe and Eurasia")] == "1"
    assert rows[("Newest ceremony", "Induction 2027", "date")] == ""  # no date yet
    assert rows[("Countries", "Germany", "alumni")] == "3"


def test_the_xlsx_rows_are_the_figures_with_numbers_as_numbers(figures: Overview, tmp_path: Path) -> None:
    target = tmp_path / "overview.xlsx"
    write_figures(figures, target, "xlsx")
    workbook = load_workbook(target, read_only=True)
    try:
        read = [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()  # left open, its file surfaced as a ResourceWarning in a later test
    assert read[0] == HEADERS
    assert _as_text(read[1:]) == _as_text(figure_rows(figures))
    assert ("Headline", "In residence", "10 JUN 2026", 5) in read


def test_a_name_that_looks_like_a_formula_is_written_as_text(figures: Overview, tmp_path: Path) -> None:

    target = tmp_path / "overview.csv"
    write_figures(figures._replace(office="=HYPERLINK(\"x\")"), target, "csv")
    assert "'=HYPERLINK" in target.read_text(encoding="utf-8-sig")


def test_an_unwritable_target_leaves_nothing_behind(figures: Overview, tmp_path: Path) -> None:
    from imet_desktop.files import FileWriteError

    with pytest.raises(FileWriteError):
        write_figures(figures, tmp_path / "no such folder" / "overview.csv", "csv")
    assert not (tmp_path / "no such folder").exists()
