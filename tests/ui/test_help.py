"""The Help menu: the clerk's guide inside the program, and every keyboard shortcut read from the window itself."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QImage, QKeySequence, QTextDocument
from pytestqt.qtbot import QtBot

from imet_desktop.paths import resource
from imet_desktop.ui.help import GuideWindow, ShortcutsWindow, key_text, shortcuts
from imet_desktop.ui.main_window import MainWindow

GUIDE = resource("guide", "index.html")
YEARLY_CYCLE = ["Import the arrivals", "Place them in classes", "Graduate them", "Nominate for the Honor Roll",
                "Plan and hold the ceremony", "Print", "Back up"]


class _Guide(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "img":
            self.images.append(a["src"] or "")
            assert a.get("alt"), f"an image without words for a screen reader: {a['src']}"
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "h2":
            self._in_heading = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._in_heading and data.strip():
            self.headings.append(data.strip())


def read_guide() -> _Guide:
    parser = _Guide()
    parser.feed(GUIDE.read_text(encoding="utf-8"))
    return parser


def test_the_guide_follows_the_offices_year_and_every_picture_and_link_is_there() -> None:
    guide = read_guide()
    for step in YEARLY_CYCLE:
        assert any(step in h for h in guide.headings), step
    assert len(guide.images) >= 7
    for image in guide.images:
        assert (GUIDE.parent / image).is_file(), f"missing picture {image}: run docs/make_guide_screenshots.py"
    for link in guide.links:
        assert link.startswith("#") and link[1:] in guide.ids, link


def test_help_opens_the_guide_inside_the_program_with_its_pictures(qtbot: QtBot, window: MainWindow) -> None:
    assert window.guide_action.shortcuts()[0].matches(QKeySequence(QKeySequence.StandardKey.HelpContents))
    window.guide_action.trigger()
    guide = window.guide_window
    assert isinstance(guide, GuideWindow) and guide.isVisible()
    text = guide.browser.toPlainText()
    assert "The clerk's guide" in text and "Plan and hold the ceremony" in text
    picture = guide.browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl("images/roster.png"))
    assert picture is not None and not QImage.fromData(picture).isNull()
    window.guide_action.trigger()
    assert window.guide_window is guide  # one guide, brought to the front
    qtbot.keyClick(guide, Qt.Key.Key_Escape)
    assert not guide.isVisible()


def test_the_shortcuts_window_lists_every_shortcut_of_every_menu_and_tab(qtbot: QtBot, window: MainWindow) -> None:
    window.shortcuts_action.trigger()
    listing = window.shortcuts_window
    assert isinstance(listing, ShortcutsWindow)
    shown = {(listing.table.item(r, 1).text(), listing.table.item(r, 2).text())
             for r in range(listing.table.rowCount())}
    for action in window.findChildren(QAction):
        if action.shortcuts() and not action.isSeparator():
            what = re.sub(r"&(?!&)", "", action.text()).replace("&&", "&").rstrip("…").strip()
            assert (what, key_text(action.shortcuts())) in shown, action.text()
    assert ("Find", "Ctrl+F") in shown
    wheres = {listing.table.item(r, 0).text() for r in range(listing.table.rowCount())}
    assert {"File", "Edit", "View", "Help", "Every date field", "Every search box"} <= wheres


def test_a_shortcut_added_to_a_menu_is_listed_without_anyone_writing_it_down(window: MainWindow) -> None:
    action = QAction("&Weigh the luggage…", window)
    action.setShortcut("Ctrl+Shift+L")
    window.menuBar().actions()[0].menu().addAction(action)
    assert any(s.what == "Weigh the luggage" and s.keys == "Ctrl+Shift+L" and s.where == "File"
               for s in shortcuts(window, window.all_tabs()))


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape])
def test_the_shortcuts_window_closes_with_escape(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    listing = window.show_shortcuts()
    qtbot.keyClick(listing, key)
    assert not listing.isVisible()


def test_the_guides_pictures_are_made_by_the_committed_script(qtbot: QtBot, tmp_path: Path) -> None:
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "docs" / "make_guide_screenshots.py"
    spec = importlib.util.spec_from_file_location("make_guide_screenshots", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.make_pictures(tmp_path, students=60)
    assert sorted(p.name for p in written) == sorted(f"{name}.png" for name in module.PICTURES)
    assert set(module.PICTURES) == {Path(image).stem for image in read_guide().images}
    for picture in written:
        assert not QImage(str(picture)).isNull()
