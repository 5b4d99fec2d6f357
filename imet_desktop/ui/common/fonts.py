"""The bundled fonts on screen: registered with Qt, and a fallback chain so every name the program prints is drawn.

The program ships DejaVu, Noto Sans Hebrew/Thai/Devanagari/Bengali and WenQuanYi Micro Hei for its
PDFs (imet_desktop.documents.fonts). A workstation without those scripts' system fonts would show the
clerk boxes for names it prints correctly, so the same files are registered with QFontDatabase and put
behind the desktop's own font: the application font keeps the desktop's family first (its look) and
lists the bundled families after it, which Qt tries, in order, for each character the first lacks.
The desktop's family is also given the bundled families as substitutes, so a widget whose font names
that family alone still falls back to them.

Registering takes ~5 ms; ``install_screen_fonts`` runs before any name is shown that the desktop's own font may not
draw (the figures kept from the last start, shown at start before the database is opened, are most often all Latin:
drawn_by_desktop_font), when the database is opened, and again harmlessly (it is idempotent).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from imet_desktop.paths import resource

FONT_FILES = (
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
    "NotoSansHebrew-Regular.ttf", "NotoSansThai-Regular.ttf", "NotoSansDevanagari-Regular.ttf",
    "NotoSansBengali-Regular.ttf", "wqy-microhei.ttc",
)
"""Every font in resources/fonts."""

FALLBACK_FAMILIES = (
    "DejaVu Sans",           # Latin with every accent, Cyrillic, Greek, Arabic, Hebrew, Georgian, Armenian
    "Noto Sans Hebrew",
    "Noto Sans Thai",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "WenQuanYi Micro Hei",   # Han, Hangul, Hiragana, Katakana
)
"""The bundled families, in the order Qt tries them after the desktop's own font."""

SCRIPT_FAMILIES = {
    "Latin": "DejaVu Sans", "Cyrillic": "DejaVu Sans", "Greek": "DejaVu Sans", "Arabic": "DejaVu Sans",
    "Georgian": "DejaVu Sans", "Armenian": "DejaVu Sans", "Hebrew": "Noto Sans Hebrew",
    "Thai": "Noto Sans Thai", "Devanagari": "Noto Sans Devanagari", "Bengali": "Noto Sans Bengali",
    "Hangul": "WenQuanYi Micro Hei", "Han": "WenQuanYi Micro Hei", "Kana": "WenQuanYi Micro Hei",
}
"""Which bundled family draws each script the office's names come in (tests check each one)."""

LATIN_END = 0x250
"""Latin (Basic Latin to Latin Extended-B) ends here: what every desktop's own font draws."""

_installed: list[str] = []


def install_screen_fonts() -> list[str]:
    """Register the bundled fonts and put them behind the application font; the families registered.

    Needs a QGuiApplication. A font file that cannot be read is skipped (the desktop's own fonts
    still draw what they can); its family is then missing from the list returned.
    """
    if _installed:
        return list(_installed)
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    fallbacks = [f for f in FALLBACK_FAMILIES if f in families]
    app_font = QGuiApplication.font()
    primary = app_font.family()
    QFont.insertSubstitutions(primary, fallbacks)
    app_font.setFamilies([primary, *(f for f in fallbacks if f != primary)])
    QGuiApplication.setFont(app_font)
    _installed.extend(families)
    return families


def drawn_by_desktop_font(texts: Iterable[str]) -> bool:
    """True if every character of these texts is Latin (below LATIN_END), which the desktop's own font draws: they can
    be shown before the bundled fonts are registered (at start, the Overview's kept figures)."""
    return all(text.isascii() or max(map(ord, text)) < LATIN_END for text in texts)


def screen_font() -> QFont:
    """The application font with its fallback chain (the font tables and editors draw names with)."""
    install_screen_fonts()
    return QGuiApplication.font()
