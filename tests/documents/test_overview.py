"""The Overview on paper: the figures of the hand-built office (tests/store/office.py) on three or four pages,
the fourth opening with the world map."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from sqlite_utils import Database

from imet_desktop import palette
from imet_desktop.documents.data import SchoolInfo
from imet_desktop.documents.fonts import UndrawableTextError
from imet_desktop.documents.overview import overview_report
from imet_desktop.domain.overview import CountryFigures, axis_top
from imet_desktop.ops.world import world_shapes
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
    broken = figures._replace(office="School \U0001d400\U000e0001")
    out = io.BytesIO()
    with pytest.raises(UndrawableTextError):
        overview_report(broken, SchoolInfo(), out)
    assert out.getvalue() == b""


@pytest.mark.parametrize(("largest", "top", "step"), [(0, 1, 1), (1, 1, 1), (3, 3, 1), (6, 6, 2), (78, 80, 20),
                                                      (135, 150, 50), (600_375, 800_000, 200_000)])
def test_the_value_axis_ends_on_a_round_number_in_at_most_five_steps(largest: int, top: float, step: float) -> None:
    assert axis_top(largest) == (top, step)


def _filled(page: Any) -> Counter[str]:
    """How many of the page's shapes are filled with each colour (as #RRGGBB)."""
    found: Counter[str] = Counter()
    for curve in page.curves:
        colour = curve.get("non_stroking_color")
        if curve.get("fill") and colour is not None and len(colour) == 3:
            found["#" + "".join(f"{round(v * 255):02X}" for v in colour)] += 1
    return found


def test_page_four_draws_the_world_map_shaded_by_students_in_residence_above_every_country(
        db: Database, tmp_path: Path) -> None:
    an_office(db)  # in residence: Germany 2, Ghana 2 (and one student with no country); Thailand none
    world = world_shapes()
    pdf = tmp_path / "overview.pdf"
    assert overview_report(overview(db, ON, 2026), SchoolInfo(), pdf, world=world) == 4
    assert page_count(pdf) == 4
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[3]
        lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
        filled = _filled(page)
    assert "Students in residence on 10 JUN 2026, by country" in lines
    assert any(line.startswith("Every country: in residence on 10 JUN 2026") for line in lines)
    text = " ".join(lines)
    for legend in ("Students in residence", "none", "a small state"):
        assert legend in text
    assert "Germany 2 3 1" in text and "Thailand 0 1 1" in text  # the table is still there
    # classes 1 and 2 (the largest figure is the darkest step); both countries sent 2: the darkest
    darkest, one = palette.MAP_STEPS[-1], palette.MAP_STEPS[-2]
    by_code = {c.code: c for c in world.countries}
    rings = len(by_code["DE"].rings) + len(by_code["GH"].rings)
    assert filled[darkest] == rings  # their outlines (the legend's swatches are rectangles)
    assert filled[one] == 0  # no country sent one
    # every other country's land is drawn, pale grey: hundreds of shapes, not a picture
    assert filled[palette.MAP_NONE] >= len(world.countries) - 2
    assert sum(filled.values()) >= sum(len(c.rings) for c in world.countries) - 20


def test_without_shapes_page_four_is_the_country_table_alone(db: Database, tmp_path: Path) -> None:
    an_office(db)
    pages = _report(db, tmp_path)
    assert "Every country: in residence on 10 JUN 2026" in pages[3]
    assert "Students in residence on" not in pages[3]


def test_the_map_and_the_table_keep_a_long_country_list_on_four_pages(db: Database, tmp_path: Path) -> None:
    """150 countries (more than any office has sent) still fit under the map on letter paper."""
    an_office(db)
    figures = overview(db, ON, 2026)
    many = tuple(CountryFigures(f"Q{k:03d}", f"Country {k:03d}", k % 7, k % 5, k % 3) for k in range(150))
    whole = figures._replace(countries=many)
    pdf = tmp_path / "overview.pdf"
    assert overview_report(whole, SchoolInfo(), pdf, world=world_shapes()) == 4
    text = page_texts(pdf)[3]
    assert "Country 000" in text and "Country 149" in text  # every one printed, none left to the spreadsheet
    assert "more countries" not in text
