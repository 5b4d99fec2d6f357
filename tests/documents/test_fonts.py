"""Fonts and script runs: every script the office meets is drawn, and what cannot be drawn is refused."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from xml.sax.saxutils import escape

import pytest
from arabic_reshaper import reshape
from bidi import get_display

from imet_desktop.documents import fonts

NAMES = {
    "Latin, Vietnamese": "Nguyễn Văn Đức",
    "Latin, Hungarian and Turkish": "Győző Ödön Çağlar",
    "Cyrillic": "Олександр Іваненко",
    "Greek": "Γεώργιος Παπαδόπουλος",
    "Arabic": "محمد بن سلمان آل سعود",
    "Persian": "کیان رضایی",
    "Hebrew": "אמיר בן־דוד",
    "Thai": "สมชาย ปิ่นทอง",
    "Chinese": "王建国",
    "Japanese": "田中 ひろし",
    "Korean": "김정호",
    "Devanagari": "राजेश कुमार सिंह",
    "Bengali": "শেখ মাহমুদ হাসান",
}


@pytest.mark.parametrize("script", sorted(NAMES))
def test_every_script_the_office_meets_has_a_bundled_font(script: str) -> None:
    assert fonts.check_drawable([("Inductee 1", "native name", NAMES[script])]) == []


def test_runs_pick_the_script_font_and_keep_spaces_inside_runs() -> None:
    runs = fonts.split_runs("KIM Jung-ho 김정호", fonts.SERIF)
    assert runs == [("IMET-Serif", "KIM Jung-ho "), ("IMET-CJK", "김정호")]


def test_hebrew_prefers_noto_sans_hebrew() -> None:
    assert {font for font, _ in fonts.split_runs(NAMES["Hebrew"])} == {"IMET-Hebrew"}


def test_right_to_left_runs_come_out_in_visual_order() -> None:
    text = NAMES["Arabic"]
    assert "".join(piece for _, piece in fonts.split_runs(text)) == get_display(reshape(text))


def test_a_hieroglyph_is_reported_with_record_field_character_and_code_point() -> None:
    missing = fonts.check_drawable([("Inductee 7", "legal name", "AMEN \U00013000 HOTEP \U0010fffd")])
    assert [(m.record, m.field, m.name, m.character, m.code) for m in missing] == [
        ("Inductee 7", "legal name", "AMEN \U00013000 HOTEP \U0010fffd", "\U00013000", "U+13000"),
        ("Inductee 7", "legal name", "AMEN \U00013000 HOTEP \U0010fffd", "\U0010fffd", "U+10FFFD"),
    ]
    assert "EGYPTIAN HIEROGLYPH A001" in missing[0].describe()


def test_require_drawable_raises_with_the_list() -> None:
    with pytest.raises(fonts.UndrawableTextError) as caught:
        fonts.require_drawable([("Guest 3", "name", "\U00013000")])
    assert caught.value.missing[0].code_point == 0x13000
    assert "Guest 3" in str(caught.value)


def test_markup_escapes_every_value() -> None:
    assert fonts.markup("O'Brien & Sons <b>") == f'<font face="IMET-Serif">{escape("O'Brien & Sons <b>")}</font>'


def test_hostile_markup_prints_literally_through_a_paragraph(tmp_path: object) -> None:
    import io

    import pdfplumber
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    style = ParagraphStyle("body", fontName=fonts.font_name(fonts.SERIF), fontSize=12)
    SimpleDocTemplate(buffer).build([Paragraph(fonts.markup("O'Brien & Sons <b> AT&T"), style)])
    buffer.seek(0)
    with pdfplumber.open(buffer) as pdf:
        assert "O'Brien & Sons <b> AT&T" in (pdf.pages[0].extract_text() or "")


def test_fit_size_shrinks_a_long_name_to_the_width() -> None:
    name = "Air Chief Marshal Sir Mohammed bin Abdulaziz bin Abdulrahman Al-Qahtani"
    size = fonts.fit_size(name, 32, 400, fonts.SERIF_BOLD)
    assert size < 32
    assert fonts.text_width(name, size, fonts.SERIF_BOLD) == pytest.approx(400, abs=0.5)


def test_wrap_lines_never_splits_a_word() -> None:
    lines = fonts.wrap_lines("graduate of the Air War College, Class of 2004", 12, 120)
    assert " ".join(lines) == "graduate of the Air War College, Class of 2004"
    assert all(fonts.text_width(line, 12) <= 120 for line in lines if " " in line)


def test_the_documents_layer_never_loads_qt() -> None:
    code = ("import sys, imet_desktop.documents.certificate, imet_desktop.documents.program, "
            "imet_desktop.documents.ceremony, imet_desktop.documents.roster; "
            "print([m for m in sys.modules if m.startswith(('PySide6', 'sqlite3', 'sqlite_utils'))])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("name", ["عبدالله الأحمد", "مُحَمَّد عَبْد اللَّه", "عبد الله"])
def test_arabic_names_with_allah_and_vowel_marks_are_drawable_and_keep_their_marks(name: str) -> None:
    from imet_desktop.documents.fonts import check_drawable, visual

    assert check_drawable([("student 1", "native_name", name)]) == []
    drawn = visual(name)
    assert "\ufdf2" not in drawn
    marks = [ch for ch in name if unicodedata.category(ch) == "Mn"]
    assert sorted(ch for ch in drawn if unicodedata.category(ch) == "Mn") == sorted(marks)


def test_the_coverage_file_is_each_fonts_own_character_map() -> None:
    """Fonts are chosen from resources/fonts/coverage.json without reading them; it must say what the fonts hold
    (after adding or replacing a font: imet_desktop.documents.fonts.write_coverage())."""
    import json

    from imet_desktop.paths import resource

    written = json.loads(resource("fonts", fonts.COVERAGE_FILE).read_text(encoding="utf-8"))["fonts"]
    assert written == fonts.font_coverage()


def test_a_batch_of_latin_names_reads_no_other_scripts_font() -> None:
    """Fonts are read when a text in their script is drawn: Latin certificates never read the Chinese font
    (5 MB), nor Thai, Hebrew or the Indic ones; one Thai name then reads the Thai font and no other."""
    script = (
        "import io, dataclasses\n"
        "from imet_desktop.documents import fonts, samples\n"
        "from imet_desktop.documents.certificate import induction_certificates\n"
        "items = [dataclasses.replace(i, name_native='') for i in samples.certificates(40) if i.name_latin.isascii()]\n"
        "induction_certificates(items, samples.SCHOOL, io.BytesIO())\n"
        "print(sorted(fonts.loaded_fonts()))\n"
        "induction_certificates([dataclasses.replace(items[0], name_native='สมชาย ปิ่นทอง')], samples.SCHOOL, "
        "io.BytesIO())\n"
        "print(sorted(fonts.loaded_fonts()))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    latin, thai = (eval(line) for line in done.stdout.split("\n")[:2])  # noqa: S307 - our own printed lists
    assert latin and not {"IMET-CJK", "IMET-Thai", "IMET-Hebrew", "IMET-Devanagari", "IMET-Bengali"} & set(latin)
    assert set(thai) - set(latin) == {"IMET-Thai"}
