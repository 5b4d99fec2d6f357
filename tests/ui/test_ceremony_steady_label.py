"""The Ceremonies tab's one-line labels (the heading's counts, the inductees' summary): a new text that fits does not
lay the window out again (issue 16: each inductee added or removed repainted the whole window, the table of 1,000
with it, for two short lines of text); a text that needs more room still gets it. The heading is two plain texts,
the ceremony's title in bold and the rest (a rich-text label laid out each new count as a document)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from imet_desktop.ui.ceremonies.steady import SteadyHeading, SteadyLabel


class _LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _shown(qtbot: QtBot) -> tuple[QWidget, SteadyLabel, _LayoutRequests]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    label = SteadyLabel("summaryForTest")
    label.setText("1 attending, 0 represented")
    layout.addWidget(label)
    layout.addWidget(QLabel("below"))
    window.resize(400, 100)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the first layout done
    requests = _LayoutRequests()
    window.installEventFilter(requests)
    return window, label, requests


def test_a_new_text_that_fits_is_shown_without_laying_the_window_out(qtbot: QtBot) -> None:
    window, label, requests = _shown(qtbot)
    label.setText("2 attending, 0 represented")
    qtbot.wait(20)
    assert label.text() == "2 attending, 0 represented"
    assert window.findChild(QLabel, "summaryForTest").text() == "2 attending, 0 represented"
    assert label.label.geometry() == label.rect()
    assert requests.count == 0


def test_a_text_that_needs_more_room_lays_the_window_out(qtbot: QtBot) -> None:
    window, label, requests = _shown(qtbot)
    longer = "1,000 attending, 0 represented " * 10
    label.setText(longer)
    qtbot.waitUntil(lambda: requests.count > 0)
    assert label.text() == longer
    assert label.sizeHint() == label.label.sizeHint()


def test_the_heading_shows_the_title_as_typed_in_bold_and_a_new_count_without_laying_the_window_out(
        qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    heading = SteadyHeading("headingForTest")
    title = "<b>Gala</b> & dinner"  # a title that looks like markup is shown as typed
    heading.show_text(title, " — 1 MAY 2031 · 1 inductee · Planned")
    layout.addWidget(heading)
    layout.addWidget(QLabel("below"))
    window.resize(500, 100)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    lead, rest = window.findChild(QLabel, "headingForTestLead"), window.findChild(QLabel, "headingForTestRest")
    assert lead.text() == title and lead.font().bold() and lead.textFormat() == Qt.TextFormat.PlainText
    assert not rest.font().bold() and rest.textFormat() == Qt.TextFormat.PlainText
    assert lead.mapTo(window, lead.rect().topRight()).x() < rest.mapTo(window, rest.rect().topLeft()).x()  # in a row
    requests = _LayoutRequests()
    window.installEventFilter(requests)
    heading.show_text(title, " — 1 MAY 2031 · 2 inductees · Planned")
    qtbot.wait(20)
    assert heading.text() == "<b>Gala</b> & dinner — 1 MAY 2031 · 2 inductees · Planned"
    assert rest.text() == " — 1 MAY 2031 · 2 inductees · Planned"
    assert requests.count == 0


def test_a_heading_too_long_for_the_window_is_shortened_not_the_window_widened(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    heading = SteadyHeading("longHeading")
    title, venue = "Induction " * 200, "Polifka Auditorium " * 100  # 2,000 characters each (the store takes them)
    heading.show_text(title, f" — 1 MAY 2031, {venue} · 1 inductee · Planned")
    layout.addWidget(heading)
    window.resize(600, 100)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert window.minimumSizeHint().width() < 600 and window.width() == 600
    lead = window.findChild(QLabel, "longHeadingLead")
    assert heading.text() == title + f" — 1 MAY 2031, {venue} · 1 inductee · Planned"  # nothing lost
    assert lead.toolTip() == title and 0 < lead.width() < 600  # the whole title in its tooltip
