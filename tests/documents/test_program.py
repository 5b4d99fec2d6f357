"""The ceremony program: plain pages and the saddle-stitched booklet."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pytest

from imet_desktop.documents import samples
from imet_desktop.documents.data import ProgramData
from imet_desktop.documents.program import booklet_order, ceremony_program, program_pages
from tests.documents.pdfcheck import ink_fraction, page_count, page_texts, render_pngs


@pytest.fixture(scope="module")
def program() -> ProgramData:
    return samples.program(honorees=120)


def test_booklet_order_for_eight_pages_nests_the_sheets() -> None:
    assert booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]


def test_booklet_order_puts_every_page_exactly_once() -> None:
    sides = booklet_order(24)
    placed = sorted(p for side in sides for p in side if p is not None)
    assert placed == list(range(24))
    assert len(sides) == 12


def test_booklet_order_refuses_a_page_count_not_a_multiple_of_four() -> None:
    with pytest.raises(ValueError):
        booklet_order(6)


def test_plain_program_has_cover_first_and_back_cover_last(program: ProgramData, tmp_path: Path) -> None:
    out = tmp_path / "program.pdf"
    pages = ceremony_program(program, samples.SCHOOL, out)
    assert pages == page_count(out) == len(program_pages(program, samples.SCHOOL))
    texts = page_texts(out)
    assert "Induction Ceremony, Class of 2026" in texts[0]
    assert "Order of Events" in texts[1]
    assert "A reception follows" in texts[-1]
    with pdfplumber.open(out) as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (396, 612)


def test_every_honoree_and_biography_is_printed(program: ProgramData, tmp_path: Path) -> None:
    out = tmp_path / "program.pdf"
    ceremony_program(program, samples.SCHOOL, out)
    text = "\n".join(page_texts(out))
    for bio in program.inductees:
        assert bio.name_latin in text
    years = {entry.year for entry in program.honor_roll}
    for year in years:
        assert str(year) in text
    assert text.count("Chief of Staff of the Royal Saudi Air Force") >= 120 // len(samples.INDUCTEES)


def test_booklet_is_padded_to_whole_sheets_with_back_cover_last(program: ProgramData, tmp_path: Path) -> None:
    out = tmp_path / "booklet.pdf"
    plain = program_pages(program, samples.SCHOOL)
    padded = program_pages(program, samples.SCHOOL, booklet=True)
    assert len(padded) % 4 == 0 and len(padded) >= len(plain)
    assert padded[-1] is not None and padded[0] is not None
    sides = ceremony_program(program, samples.SCHOOL, out, booklet=True)
    assert sides == page_count(out) == len(padded) // 2
    assert sides % 2 == 0  # whole sheets: front and back
    with pdfplumber.open(out) as pdf:
        first = pdf.pages[0]
        assert (round(first.width), round(first.height)) == (792, 612)
        left = first.crop((0, 0, 396, 612)).extract_text() or ""
        right = first.crop((396, 0, 792, 612)).extract_text() or ""
    assert "A reception follows" in left  # the back cover, outside left
    assert "Induction Ceremony" in right  # the cover, outside right


def test_photos_are_optional_and_a_damaged_one_is_left_out(tmp_path: Path) -> None:
    data = samples.program(honorees=5, biographies=3)
    bios = list(data.inductees)
    bios[0] = dataclasses.replace(bios[0], photo=b"not an image")
    data = dataclasses.replace(data, inductees=tuple(bios))
    out = tmp_path / "program.pdf"
    ceremony_program(data, samples.SCHOOL, out)
    assert bios[0].name_latin in "\n".join(page_texts(out))


def test_rendered_program_pages_are_not_blank(tmp_path: Path) -> None:
    out = tmp_path / "program.pdf"
    ceremony_program(samples.program(honorees=20, biographies=2), samples.SCHOOL, out)
    for png in render_pngs(out, tmp_path):
        assert ink_fraction(png) > 0.003
