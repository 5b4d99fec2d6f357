"""Induction and course certificates: every name drawn, in the right order, one page each."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pdfplumber
import pytest
from arabic_reshaper import reshape
from bidi import get_display

from imet_desktop.documents import fonts, samples
from imet_desktop.documents.certificate import course_certificates, induction_certificates
from imet_desktop.documents.data import CertificateData, SchoolInfo
from imet_desktop.domain.errors import Cancelled
from tests.documents.pdfcheck import ink_fraction, page_count, page_texts, render_pngs


@pytest.fixture(scope="module")
def certificates_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("certificates") / "certificates.pdf"
    induction_certificates(samples.certificates(), samples.SCHOOL, out)
    return out


def _visual_string(page: object, size: float) -> str:
    """The characters drawn at one font size on a page, left to right, as pdfplumber places them."""
    chars = [ch for ch in page.chars if abs(ch["size"] - size) < 0.5]  # type: ignore[attr-defined]
    return "".join(ch["text"] for ch in sorted(chars, key=lambda ch: ch["x0"]))


def test_one_page_per_inductee(certificates_pdf: Path) -> None:
    assert page_count(certificates_pdf) == len(samples.certificates())


def test_every_character_of_every_name_is_in_the_text(certificates_pdf: Path) -> None:
    texts = page_texts(certificates_pdf)
    scripts_seen = 0
    for item, text in zip(samples.certificates(), texts, strict=True):
        assert item.name_latin in text
        native = item.name_native
        if native:
            scripts_seen += 1
            expected = get_display(reshape(native)) if fonts._is_rtl(native) else native
            missing = {ch for ch in expected if not ch.isspace()} - set(text)
            assert not missing, f"{item.record}: {native!r} lacks {missing!r} in {text!r}"
    assert scripts_seen >= 8


@pytest.mark.parametrize("record", ["Inductee 2", "Inductee 3", "Inductee 14"])
def test_right_to_left_names_read_in_visual_order(certificates_pdf: Path, record: str) -> None:
    items = samples.certificates()
    index = next(i for i, item in enumerate(items) if item.record == record)
    with pdfplumber.open(certificates_pdf) as pdf:
        drawn = _visual_string(pdf.pages[index], 21)
    expected = get_display(reshape(items[index].name_native)).replace(" ", "")
    assert drawn.replace(" ", "") == expected


def test_hostile_markup_prints_exactly(tmp_path: Path) -> None:
    item = CertificateData("Inductee 9", "O'Brien & Sons <b>", "AT&T", None, rank="Colonel",
                           position="R&D <i>chief</i>")
    out = tmp_path / "c.pdf"
    induction_certificates([item], samples.SCHOOL, out)
    text = page_texts(out)[0]
    for value in ("O'Brien & Sons <b>", "AT&T", "R&D <i>chief</i>"):
        assert value in text


def test_a_name_no_font_can_draw_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    items = [*samples.certificates()[:2],
             CertificateData("Inductee 31", "AMEN \U00013000", "Egypt", None, name_native="\U0010fffd")]
    out = tmp_path / "c.pdf"
    with pytest.raises(fonts.UndrawableTextError) as caught:
        induction_certificates(items, samples.SCHOOL, out)
    assert [(m.record, m.field, m.character, m.code) for m in caught.value.missing] == [
        ("Inductee 31", "legal name", "\U00013000", "U+13000"),
        ("Inductee 31", "native-script name", "\U0010fffd", "U+10FFFD"),
    ]
    assert not out.exists()


def test_cancelling_writes_nothing(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int | None = None, text: str = "") -> None:
        seen.append((done, total or 0))
        if done >= 3:
            raise Cancelled()  # the clerk pressed Cancel

    out = tmp_path / "c.pdf"
    with pytest.raises(Cancelled):
        induction_certificates(samples.certificates(), samples.SCHOOL, out, progress)
    assert seen[-1] == (3, len(samples.certificates()))
    assert not out.exists()


def test_a4_and_a_stream_work(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    school = dataclasses.replace(samples.SCHOOL, page_size="A4")
    assert induction_certificates(samples.certificates()[:3], school, buffer) == 3
    buffer.seek(0)
    with pdfplumber.open(buffer) as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (842, 595)


def test_a_replacement_seal_is_used(tmp_path: Path) -> None:
    seal = tmp_path / "seal.png"
    seal.write_bytes(samples.portrait_png(40, 40))
    school = SchoolInfo(seal_path=seal)
    out = tmp_path / "c.pdf"
    induction_certificates(samples.certificates()[:2], school, out)
    with pdfplumber.open(out) as pdf:
        assert pdf.pages[0].images[0]["srcsize"] == (40, 40)


def test_rendered_certificates_are_not_blank(certificates_pdf: Path, tmp_path: Path) -> None:
    for png in render_pngs(certificates_pdf, tmp_path)[:3]:
        assert ink_fraction(png) > 0.03


def test_course_certificates_one_page_each(tmp_path: Path) -> None:
    out = tmp_path / "course.pdf"
    items = samples.course_certificates()
    assert course_certificates(items, samples.SCHOOL, out) == len(items)
    texts = page_texts(out)
    assert "Милан Петровић" in texts[1]
    assert "Distinguished Graduate" in texts[0]


def test_a_rank_position_and_country_several_pages_print_are_drawn_once_as_forms(tmp_path: Path) -> None:
    """A batch prints the same rank, position and country on many pages: each is drawn once (a PDF form placed
    on every page that prints it); a line one page alone prints is drawn on that page."""
    base = samples.certificates()[0]
    names = ("Kwame MENSAH", "Ama OWUSU", "Kofi BOATENG")
    alike = [dataclasses.replace(base, name_latin=n, name_native="", rank="Colonel", position="Chief of Air Staff",
                                 country="Republic of Ghana") for n in names]
    unlike = [dataclasses.replace(item, rank=f"Colonel {n}", position=f"Chief {n}", country=f"Ghana {n}")
              for n, item in enumerate(alike)]
    forms = {}
    for label, items in (("alike", alike), ("unlike", unlike)):
        out = tmp_path / f"{label}.pdf"
        induction_certificates(items, samples.SCHOOL, out)
        forms[label] = out.read_bytes().count(b"/Subtype /Form")
        for item, text in zip(items, page_texts(out), strict=True):
            assert all(value in text for value in (item.name_latin, item.rank, item.position, item.country))
    assert forms["alike"] == forms["unlike"] + 3
