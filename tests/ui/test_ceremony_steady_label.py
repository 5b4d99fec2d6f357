"""The Ceremonies tab's one-line labels (the heading's counts, the inductees' summary): a new text that fits does not
lay the window out again (issue 16: each inductee added or removed repainted the whole window, the table of 1,000
with it, for two short lines of text); a text that needs more room still gets it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from imet_desktop.ui.ceremonies.steady import SteadyLabel


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
