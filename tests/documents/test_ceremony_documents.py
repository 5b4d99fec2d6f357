"""Name tents, invitations, the MC script, the engraving order, the seating chart and the class roster."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from imet_desktop.documents import samples
from imet_desktop.documents.ceremony import engraving_order, invitations, mc_script, place_cards, seating_chart
from imet_desktop.documents.data import PlaceCardData
from imet_desktop.documents.roster import class_roster
from tests.documents.pdfcheck import ink_fraction, page_count, page_texts, render_pngs


def test_a_name_tent_shows_the_name_on_both_faces_one_upside_down(tmp_path: Path) -> None:
    out = tmp_path / "tents.pdf"
    card = PlaceCardData("Guest 1", "Colonel Lê Thị Hương", "Defence Attaché", "Viet Nam")
    assert place_cards([card, card], samples.SCHOOL, out) == 2 == page_count(out)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        big = [ch for ch in page.chars if ch["size"] > 30]
        upright = [ch for ch in big if ch["upright"] and ch["matrix"][0] > 0]
        flipped = [ch for ch in big if ch["matrix"][0] < 0]
    assert "".join(ch["text"] for ch in upright).replace(" ", "") == "ColonelLêThịHương"
    assert len(flipped) == len(upright)
    assert all(ch["top"] < page.height / 2 for ch in flipped)
    assert all(ch["top"] > page.height / 2 for ch in upright)


def test_invitations_carry_the_rsvp_line(tmp_path: Path) -> None:
    out = tmp_path / "invitations.pdf"
    assert invitations(samples.invitations(), samples.SCHOOL, out) == 3
    texts = page_texts(out)
    assert "Please reply by 1 May 2026" in texts[0]
    assert "RSVP: Induction Ceremony, Class of 2026" in texts[0]
    assert "Mr. Patrick O'Brien & Mrs. Siobhán O'Brien" in texts[2]


def test_mc_script_has_every_inductee_and_pronunciation(tmp_path: Path) -> None:
    out = tmp_path / "mc.pdf"
    data = samples.mc_script()
    pages = mc_script(data, samples.SCHOOL, out)
    assert pages == page_count(out) >= 2
    text = "\n".join(page_texts(out))
    for item in data.items:
        if item.inductee:
            assert item.inductee.name in text
            assert f"Say: {item.inductee.pronunciation}" in text


def test_engraving_order_lists_each_line_exactly(tmp_path: Path) -> None:
    out = tmp_path / "engraving.pdf"
    data = samples.engraving_order()
    engraving_order(data, samples.SCHOOL, out)
    text = "\n".join(page_texts(out))
    for entry in data.entries:
        assert entry.name in text and entry.position in text


def test_seating_chart_places_every_guest(tmp_path: Path) -> None:
    out = tmp_path / "seating.pdf"
    data = samples.seating_chart()
    seating_chart(data, samples.SCHOOL, out)
    text = "\n".join(page_texts(out))
    for table in data.tables:
        assert table.name in text
        for seat in table.seats:
            assert seat.name in text


def test_roster_with_personal_data_is_marked_cui_top_and_bottom_of_every_page(tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    pages = class_roster(samples.class_roster(include_personal=True, students=60), samples.SCHOOL, out)
    assert pages == page_count(out) >= 2
    with pdfplumber.open(out) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            words = page.extract_words()
            cui = [w for w in words if w["text"] == "CUI"]
            assert any(w["top"] < 40 for w in cui) and any(w["bottom"] > page.height - 40 for w in cui)
            text = page.extract_text() or ""
            assert "Passport" in text and "Name (as on passport)" in text  # header repeated
            assert f"Page {number} of {pages}" in text


def test_roster_without_personal_data_has_no_cui_marking(tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    class_roster(samples.class_roster(include_personal=False, students=10), samples.SCHOOL, out)
    text = page_texts(out)[0]
    assert "CUI" not in text and "Passport" not in text


def test_rendered_ceremony_documents_are_not_blank(tmp_path: Path) -> None:
    out = tmp_path / "tents.pdf"
    place_cards(samples.place_cards()[:1], samples.SCHOOL, out)
    for png in render_pngs(out, tmp_path):
        assert ink_fraction(png) > 0.01
