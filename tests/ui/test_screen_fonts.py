"""Every name the program can print is drawn on screen too: the bundled fonts stand behind the desktop's.

The check lays each text out as Qt draws it (QTextLayout with the widget's font) and looks at the glyph
runs: a character no font could draw comes out as glyph 0 or in Qt's box engine (a font with no name).
"""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel, QTextLayout
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from imet_desktop.ui.common.fonts import (
    FALLBACK_FAMILIES,
    SCRIPT_FAMILIES,
    drawn_by_desktop_font,
    install_screen_fonts,
)
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.main_window import MainWindow

# One name per script the office's students come in (as on their passports' native-script pages).
NAMES = {
    "Latin": "Nguyễn Văn Đức, Győző Ödön, Çağlar",
    "Cyrillic": "Ержан Абдрахманов",
    "Greek": "Γιώργος Παπαδόπουλος",
    "Arabic": "أحمد عبد العزيز",
    "Hebrew": "דוד כהן",
    "Georgian": "გიორგი ბერიძე",
    "Armenian": "Արամ Պետրոսյան",
    "Thai": "สุภาพร เจริญสุข",
    "Devanagari": "कृष्ण अधिकारी",
    "Bengali": "রহিম উদ্দিন",
    "Hangul": "김민준",
    "Han": "王小明",
    "Kana": "さとう ハナコ",
}


def undrawn(text: str, font: QFont) -> list[str]:
    """The characters of text that Qt, with this font and its fallbacks, would draw as boxes."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    missing: list[str] = []
    fonts = []
    for run in layout.glyphRuns():
        raw = run.rawFont()
        if not raw.isValid() or not raw.familyName() or 0 in run.glyphIndexes():
            missing.append(f"{raw.familyName() or 'box'}: {run.glyphIndexes()}")
        else:
            fonts.append(raw)
    for ch in text:
        if ch.isspace() or unicodedata.category(ch) in ("Cf", "Po"):
            continue
        if not any(raw.supportsCharacter(ord(ch)) for raw in fonts):
            missing.append(f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}")
    return missing


def test_every_script_of_the_office_has_a_bundled_font() -> None:
    assert set(NAMES) == set(SCRIPT_FAMILIES)
    assert set(SCRIPT_FAMILIES.values()) <= set(FALLBACK_FAMILIES)


def test_only_latin_is_left_to_the_desktops_own_font_before_the_bundled_ones_are_registered() -> None:
    """At start, figures kept from the last start are drawn before the bundled fonts are registered only when they are
    all Latin (main_window.show_kept_figures)."""
    assert drawn_by_desktop_font(["Thailand", "Côte d'Ivoire", "Łódź", "Ǻ", "", "<b>&"])
    assert drawn_by_desktop_font([])
    for script, name in NAMES.items():
        assert not drawn_by_desktop_font(["Thailand", name]), script  # Vietnamese's ễ is past Latin Extended-B
    assert not drawn_by_desktop_font(["\u0250"])


@pytest.mark.parametrize("script", sorted(NAMES))
def test_a_name_in_every_script_draws_in_a_table_cell_and_the_search_box(qtbot: QtBot, script: str) -> None:
    registered = install_screen_fonts()
    assert set(FALLBACK_FAMILIES) <= set(registered)
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem(NAMES[script]))
    table = QTableView()
    table.setModel(model)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    table.grab()  # drawn once, as the clerk sees it
    assert undrawn(model.item(0, 0).text(), table.font()) == []
    search = SearchBox("Search names")
    qtbot.addWidget(search)
    search.setText(NAMES[script])
    assert undrawn(search.text(), search.font()) == []
    bold = QFont(table.font())
    bold.setBold(True)
    assert undrawn(NAMES[script], bold) == []


def test_the_desktops_own_font_stays_first_and_the_bundled_ones_follow(qtbot: QtBot) -> None:
    install_screen_fonts()
    families = table_font_families(qtbot)
    assert families[1:] == [f for f in FALLBACK_FAMILIES if f != families[0]]


def table_font_families(qtbot: QtBot) -> list[str]:
    table = QTableView()
    qtbot.addWidget(table)
    return list(table.font().families())


def test_the_roster_draws_every_name_and_rank_of_the_demo_in_its_own_script(window: MainWindow) -> None:
    table = window.roster_tab.tables()[0]
    model = table.model()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    columns = [titles.index("Native-script name"), titles.index("Rank")]
    checked = 0
    for row in range(model.rowCount()):  # the whole roster, as the clerk scrolls through it
        for column in columns:
            text = model.data(model.index(row, column)) or ""
            if any(ord(ch) > 0x24F for ch in text):
                assert undrawn(text, table.font()) == [], text
                checked += 1
    assert checked > 100
