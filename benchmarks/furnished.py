"""A furnished window: the program's window and its first tab built in PySide6 alone, with no program behind them,
for the first-tab row of the speed table (run_all.py). It is not the target's reference (a bare window is); it says
how much of the program's start is the page itself.

What it builds is what the clerk sees at start, widget for widget (ui.main_window, ui.overview.tab): the five menus
and their 26 actions (16 with shortcuts), five tabs, a status bar of two labels; on the Overview, the date field (a
line edit, a calendar button with its icon), the Today button, the year's spin box, a status line and Print; in a
scroll area, four figure buttons (three labels each), the Deadlines panel (five link lines), the newest ceremony
(rich text and a link), and eleven chart panels (a title, a Table button, a chart; the map's with a choice box), the
charts painted as bars, grid lines, axis labels and figures, with figures as literals. It reads nothing, imports
nothing of the program, sets no style sheets (a floor: the program's labels could take their colours from a palette),
and is timed as the program's start is (children.paint_spy): to its page painted, once the events queued by that
paint are through.
"""

from __future__ import annotations

from typing import Any

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
COUNTRIES = ("Ukraine", "Djibouti", "Mongolia", "Kuwait", "Peru", "Thailand", "Türkiye", "Vietnam", "Brazil")


def build(size: tuple[int, int]) -> tuple[Any, Any, Any]:
    """The application, the window (not shown yet) and its page: the Overview's scroll area's contents."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QAction, QColor, QFont, QIcon, QKeySequence, QPainter, QPixmap
    from PySide6.QtWidgets import (
        QApplication,
        QComboBox,
        QFrame,
        QGridLayout,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QMainWindow,
        QPushButton,
        QScrollArea,
        QSpinBox,
        QTabWidget,
        QToolButton,
        QVBoxLayout,
        QWidget,
    )

    align_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    align_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    align_centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
    blue, orange, grid_grey = QColor("#0072B2"), QColor("#E69F00"), QColor("#D0D0D0")

    class Bars(QWidget):
        """Twelve months, two series: grid lines, bars, a figure over each bar, the months under them."""

        def __init__(self, values: list[tuple[int, int]]) -> None:
            super().__init__()
            self.values = values
            self.setMinimumHeight(170)

        def paintEvent(self, _event: Any) -> None:  # noqa: N802
            painter = QPainter(self)
            fm = painter.fontMetrics()
            top, left, bottom = 24, 36, self.height() - fm.height() - 4
            width = self.width() - left - 8
            most = max(max(v) for v in self.values) or 1
            for k, (swatch, name) in enumerate(((blue, "2026"), (orange, "2025"))):
                painter.fillRect(QRectF(left + 60 * k, 4, 10, 10), swatch)
                painter.drawText(QRectF(left + 60 * k + 14, 0, 44, 18), Qt.AlignmentFlag.AlignLeft, name)
            for step in range(6):
                y = bottom - (bottom - top) * step / 5
                painter.setPen(grid_grey)
                painter.drawLine(left, int(y), left + width, int(y))
                painter.setPen(QColor("#000000"))
                painter.drawText(QRectF(0, y - 8, left - 4, 16), align_right, f"{most * step // 5:,}")
            slot = width / len(self.values)
            for i, pair in enumerate(self.values):
                for s, value in enumerate(pair):
                    h = (bottom - top) * value / most
                    bar = QRectF(left + i * slot + 4 + s * (slot - 8) / 2, bottom - h, (slot - 8) / 2, h)
                    painter.fillRect(bar, blue if s == 0 else orange)
                    if value:
                        painter.drawText(QRectF(bar.left() - 10, bar.top() - 16, bar.width() + 20, 15), align_centre,
                                         f"{value:,}")
                painter.drawText(QRectF(left + i * slot, bottom + 2, slot, fm.height()), Qt.AlignmentFlag.AlignHCenter,
                                 MONTHS[i])
            painter.end()

    class HBars(QWidget):
        """A bar per name: the name (elided) on the left, the bar, its figure after it."""

        def __init__(self, values: list[tuple[str, int]]) -> None:
            super().__init__()
            self.values = values
            self.setMinimumHeight(22 * len(values) + 24)

        def paintEvent(self, _event: Any) -> None:  # noqa: N802
            painter = QPainter(self)
            fm = painter.fontMetrics()
            label_width, row = 110, 19
            width = self.width() - label_width - 60
            most = max(v for _n, v in self.values) or 1
            for step in range(5):
                x = label_width + width * step / 4
                painter.setPen(grid_grey)
                painter.drawLine(int(x), 4, int(x), row * len(self.values) + 4)
            painter.setPen(QColor("#000000"))
            for i, (name, value) in enumerate(self.values):
                y = 4 + i * row
                label = fm.elidedText(name, Qt.TextElideMode.ElideMiddle, label_width - 8)
                painter.drawText(QRectF(0, y, label_width - 6, row), align_right, label)
                end = label_width + width * value / most
                painter.fillRect(QRectF(label_width, y + 3, end - label_width, row - 6), blue)
                painter.drawText(QRectF(end + 4, y, 60, row), align_left, f"{value:,}")
            painter.end()

    def panel(title: str) -> tuple[QFrame, QHBoxLayout, QVBoxLayout]:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(heading, 1)
        body = QVBoxLayout(frame)
        body.setContentsMargins(8, 6, 8, 8)
        body.addLayout(head)
        return frame, head, body

    def chart_panel(title: str, chart: QWidget, *beside_title: QWidget) -> QFrame:
        frame, head, body = panel(title)
        for widget in beside_title:
            head.addWidget(widget)
        toggle = QToolButton()
        toggle.setText("Table")
        toggle.setCheckable(True)
        head.addWidget(toggle)
        body.addWidget(chart, 1)
        return frame

    def figure_button(value: int, words: str, note: str) -> QPushButton:
        button = QPushButton()
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(button)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        number = QLabel(f"{value:,}")
        font = QFont(number.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        number.setFont(font)
        for label in (number, QLabel(words), QLabel(note)):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        button.setMinimumHeight(layout.sizeHint().height() + 8)
        return button

    def link(text: str) -> QPushButton:
        button = QPushButton(text)
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    app = QApplication([])
    window = QMainWindow()
    window.resize(*size)
    # The program's menus: how many actions each holds, and how many of them have a shortcut.
    for title, count, shortcuts in (("&File", 10, 4), ("&Edit", 6, 5), ("&View", 6, 6), ("&Settings", 1, 0),
                                    ("&Help", 3, 1)):
        menu = window.menuBar().addMenu(title)
        for i in range(count):
            action = QAction(f"{title.strip('&')} action {i}…", window)
            if i < shortcuts:
                action.setShortcut(QKeySequence(f"Ctrl+Shift+{chr(65 + i)}"))
            menu.addAction(action)
    tabs = QTabWidget()
    tabs.setDocumentMode(True)

    overview = QWidget()
    top = QHBoxLayout()
    date = QLineEdit("07 DEC 2026")
    icon = QPixmap(16, 16)
    icon.fill(QColor("#FFFFFF"))
    calendar = QToolButton()
    calendar.setIcon(QIcon(icon))
    year = QSpinBox()
    year.setRange(1950, 2200)
    year.setValue(2026)
    for widget in (QLabel("As of"), date, calendar, QPushButton("Today"), QLabel("Arrivals and departures of"), year):
        top.addWidget(widget)
    top.addWidget(QLabel("Figures as of 07 DEC 2026"), 1)
    top.addWidget(QPushButton("Print…"))

    content = QWidget()
    grid = QGridLayout(content)
    grid.setContentsMargins(0, 0, 6, 6)
    tiles = QHBoxLayout()
    for value, words, note in ((135, "in residence", "on 07 DEC 2026"), (10, "arriving", "in the next 30 days"),
                               (0, "departing", "in the next 30 days"), (7, "not yet reported", "report date passed")):
        tiles.addWidget(figure_button(value, words, note))
    grid.addLayout(tiles, 0, 0, 1, 2)
    deadlines, _head, body = panel("Deadlines")
    for text in ("30 reports overdue", "7 reports due in the next 7 days", "0 ceremony tasks overdue",
                 "0 ceremony tasks due in the next 14 days", "5 nominations awaiting clearance"):
        body.addWidget(link(text))
    body.addStretch(1)
    grid.addWidget(deadlines, 1, 0)
    ceremony, _head, body = panel("The newest ceremony")
    text = QLabel("<b>International Honor Roll Induction 2027</b><br>22 APR 2027 · Planned<br>8 inductees (7 attending "
                  "in person)<br>30 guests invited, 14 accepted<br>1 of 6 tasks done")
    text.setTextFormat(Qt.TextFormat.RichText)
    text.setWordWrap(True)
    body.addWidget(text)
    body.addWidget(link("Open the ceremony"))
    body.addStretch(1)
    grid.addWidget(ceremony, 1, 1)
    months = [(10 * (i % 4), 12 * (i % 3)) for i in range(12)]
    grid.addWidget(chart_panel("Arrivals by month: 2026 (181) and 2025 (203)", Bars(months)), 2, 0)
    grid.addWidget(chart_panel("Departures by month: 2026 (194) and 2025 (200)", Bars(months)), 2, 1)
    grid.addWidget(chart_panel("Classes starting in the next 90 days (2)", HBars([("IOS SOS Prep 27B", 17),
                                                                                   ("SOS 27B", 17)])), 3, 0)
    countries = [(name, 6 - i // 2) for i, name in enumerate(COUNTRIES)]
    grid.addWidget(chart_panel("In residence by country (135)", HBars(countries)), 3, 1)
    choice = QComboBox()
    choice.addItems(["In residence", "Alumni", "Honor Roll"])
    world = chart_panel("The world", HBars(countries), choice)
    grid.addWidget(world, 4, 0, 1, 2)
    for k, title in enumerate(("By region", "By combatant command", "By program", "By service", "By status",
                               "The Honor Roll by year and region")):
        grid.addWidget(chart_panel(title, HBars(countries[:5])), 5 + k // 2, k % 2)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(content)
    layout = QVBoxLayout(overview)
    layout.setContentsMargins(6, 6, 6, 0)
    layout.addLayout(top)
    layout.addWidget(scroll, 1)

    tabs.addTab(overview, "Overview")
    for title in ("Roster", "Courses", "Honor Roll", "Ceremonies"):
        tabs.addTab(QWidget(), title)
    window.setCentralWidget(tabs)
    window.statusBar().addWidget(QLabel("bench600k.db"), 1)
    window.statusBar().addPermanentWidget(QLabel("600,375 students · 5 courses · 71 classes · 354 honorees"))

    return app, window, content
