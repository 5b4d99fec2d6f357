"""The Overview on paper: the figures of the hand-built office (tests/store/office.py) on three or four pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.documents.data import SchoolInfo
from imet_desktop.documents.fonts import UndrawableTextError
from imet_desktop.documents.overview import overview_report
from imet_desktop.domain.overview import axis_top
from imet_desktop.store.overview import overview
from tests.store.office import ON, an_office

from .pdfcheck import page_count, page_texts


def _report(db: Database, tmp_path: Path) -> list[str]:
    pdf = tmp_path / "overview.pdf"
    pages = overview_report(overview(db, ON, 2026), SchoolInfo(), pdf, prepared_by="clerk")
    assert "Prepared by clerk." in page_texts(pdf)[0]
    assert pages == page_count(pdf)
    return page_texts(pdf)


def _lines(pages: list[str]) -> list[str]:
    return [" ".join(line.split()) for page in pages for line in page.splitlines()]


def _text(pages: list[str]) -> str:
    """All pages as one line of words (tables side by side share lines: each cell is found by its row's words)."""
    return " ".join(" ".join(pages).split())


def test_the_report_holds_every_figure_of_the_office_on_four_pages(db: Database, tmp_path: Path) -> None:
    an_office(db)
    pages = _report(db, tmp_path)
    assert len(pages) == 4
    assert all(f"Page {n} of 4" in text for n, text in enumerate(pages, start=1))
    lines, text = _lines(pages), _text(pages)
    assert "Overview of the International Officer School" in lines
    assert any("as of 10 JUN 2026" in line for line in lines)
    assert "5 1 3 1" in lines  # in residence, arriving, departing, not yet reported
    for expected in ("Reports overdue 1", "Reports due in the next 7 days 2", "Ceremony tasks overdue 1",
                     "Ceremony tasks due in the next 14 days 1", "Nominations awaiting clearance 1",
                     "Induction 2027", "Date no date yet", "Status Planned", "Tasks done (overdue) 0 of 1 (0)",
                     "In residence by country (5)",
                     "Africa 2", "Europe and Eurasia 2", "USAFRICOM 2", "USEUCOM 2", "IMET 3", "FMS 2",
                     "Arrived 2", "Ghana Air Force 2", "Luftwaffe 2",
                     "SOS 26C 20 JUL 2026 2 1 2", "SOS 26D 17 AUG 2026 1 0 no limit 4",
                     "East Asia and Pacific 1 33 %", "Not recorded 1 33 %",
                     "Germany 2 3 1", "Ghana 2 1 0", "Thailand 0 1 1"):
        assert expected in text, expected
    assert any(line.startswith("Arrivals by month: 2026 (6) and 2025 (2)") for line in lines)
    assert any(line.startswith("Departures by month: 2026 (6) and 2025 (0)") for line in lines)
    assert "SOS 26D 1 below minimum" in lines  # one of the four it needs
    assert any("The Honor Roll: 3 inductees by year and region" in line for line in lines)


def test_figures_are_not_personal_data_so_no_page_is_marked_cui(db: Database, tmp_path: Path) -> None:
    an_office(db)
    assert not any("CUI" in text or "Controlled Unclassified" in text for text in _report(db, tmp_path))


def test_an_empty_office_prints_three_pages_that_say_so(db: Database, tmp_path: Path) -> None:
    pages = _report(db, tmp_path)
    assert len(pages) == 3
    text = "\n".join(pages)
    for expected in ("No student is in residence on this date.", "No class starts in the next 90 days.",
                     "No one has been inducted yet.", "No ceremony yet."):
        assert expected in text


def test_a_name_no_font_can_draw_stops_the_report_before_anything_is_written(db: Database) -> None:
    an_office(db)
    figures = overview(db, ON, 2026)
    broken = figures.__class__(**{**{f: getattr(figures, f) for f in figures.__dataclass_fields__},
                                  "office": "School \U0001d400\U000e0001"})
    out = io.BytesIO()
    with pytest.raises(UndrawableTextError):
        overview_report(broken, SchoolInfo(), out)
    assert out.getvalue() == b""


@pytest.mark.parametrize(("largest", "top", "step"), [(0, 1, 1), (1, 1, 1), (3, 3, 1), (6, 6, 2), (78, 80, 20),
                                                      (135, 150, 50), (600_375, 800_000, 200_000)])
def test_the_value_axis_ends_on_a_round_number_in_at_most_five_steps(largest: int, top: float, step: float) -> None:
    assert axis_top(largest) == (top, step)
