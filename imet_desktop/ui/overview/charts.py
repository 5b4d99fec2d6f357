"""Bar charts drawn with QPainter: axes, labels, legend, the figure on every bar and on hover.

No chart library: QtCharts (PySide6-Addons) adds 154 MiB to the installation and matplotlib 155
MiB, pyqtgraph 70 MiB and 0.5 s of imports (benchmarks/chart_libraries.py); these few bar charts
are a few hundred lines of painting. Everything is sized from the widget's font, so the charts
stay readable at 1024x768 and at 200 % scale. Bars keep a sensible thickness whatever their
number (one bar is never a slab across the chart). Colours come from imet_desktop.palette
(Okabe–Ito); a red bar also carries a hatch and a word, so nothing is said by colour alone.

A bar is picked with the mouse (hover shows its figure, a click emits ``bar_clicked``) or with the
keyboard (arrows move between bars, Enter or Space opens one). Each chart's accessible description
lists its figures; the Overview also shows each chart as a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from imet_desktop import palette
from imet_desktop.domain.overview import axis_top

NONE_TEXT = "none"


class Series(NamedTuple):
    """One set of bars: its name (for the legend), a value per category, its colour. (A named tuple: made at import
    far faster than a dataclass, and this module is imported before the window's first paint.)"""

    name: str
    values: tuple[int, ...]
    colour: str = palette.BAR


class _Chart(QWidget):
    """What both charts share: a title for screen readers, a picked bar, tooltips, the keyboard."""

    bar_clicked = Signal(int, int)
    """(category, series) of the bar clicked or opened with Enter."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._hot: tuple[int, int] | None = None  # the bar under the mouse or chosen with the keyboard
        self._bars: list[tuple[QRectF, int, int]] = []  # where each bar was painted: (rect, category, series)

    # --- what subclasses give -----------------------------------------------------------------------------
    def bar_text(self, category: int, series: int) -> str:
        """The words for one bar: its name and figure."""
        raise NotImplementedError

    def summary(self) -> str:
        """Every figure of the chart in words (the accessible description)."""
        raise NotImplementedError

    def _update_description(self) -> None:
        self.setAccessibleDescription(self.summary())
        self.setToolTip("")

    # --- picking --------------------------------------------------------------------------------------------
    def bar_at(self, point: QPointF) -> tuple[int, int] | None:
        """The bar (category, series) at a point of the widget, or None."""
        for rect, category, series in self._bars:
            if rect.adjusted(-1, -2, 1, 2).contains(point):
                return category, series
        return None

    def bar_rect(self, category: int, series: int = 0) -> QRectF | None:
        """Where a bar was last painted (tests click there)."""
        for rect, c, s in self._bars:
            if (c, s) == (category, series):
                return rect
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hot = self.bar_at(event.position())
        if hot != self._hot:
            self._hot = hot
            self.update()
        self.setCursor(Qt.CursorShape.PointingHandCursor if hot else Qt.CursorShape.ArrowCursor)
        if hot is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.bar_text(*hot) + "\nClick to list them", self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, event: object) -> None:  # noqa: N802
        if self._hot is not None and not self.hasFocus():
            self._hot = None
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hot = self.bar_at(event.position())
        if hot is not None and event.button() == Qt.MouseButton.LeftButton:
            self.bar_clicked.emit(*hot)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        order = [(c, s) for _r, c, s in self._bars]
        if not order:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
            step = 1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            at = order.index(self._hot) if self._hot in order else (-1 if step > 0 else len(order))
            self._hot = order[max(0, min(len(order) - 1, at + step))]
            self.setAccessibleDescription(self.bar_text(*self._hot))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._hot is not None:
            self.bar_clicked.emit(*self._hot)
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._hot = None
        self.setAccessibleDescription(self.summary())
        self.update()
        super().focusOutEvent(event)

    # --- painting helpers -------------------------------------------------------------------------------------
    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        return font

    def _draw_none(self, painter: QPainter, area: QRect) -> None:
        painter.setPen(QColor(palette.MUTED))
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, NONE_TEXT)

    def _legend(self, painter: QPainter, series: Sequence[Series], left: int, top: int) -> int:
        """The series' swatches and names, wrapped onto as many lines as the width needs; returns their height."""
        if len(series) < 2:
            return 0
        fm = painter.fontMetrics()
        box = fm.height() * 0.7
        x, y = float(left), float(top)
        for s in series:
            width = box + 4 + fm.horizontalAdvance(s.name) + 12
            if x + width > self.width() - 4 and x > left:
                x, y = float(left), y + fm.height() + 2
            painter.fillRect(QRectF(x, y + (fm.height() - box) / 2, box, box), QColor(s.colour))
            painter.setPen(QColor(palette.INK))
            painter.drawText(QPointF(x + box + 4, y + fm.ascent()), s.name)
            x += width
        return int(y - top) + fm.height() + 4

    def _hot_pen(self) -> QPen:
        pen = QPen(QColor(palette.INK))
        pen.setWidthF(2.0)
        return pen


class BarChart(_Chart):
    """Vertical bars: a group of bars per category (one per series), or one stacked bar."""

    def __init__(self, title: str, unit: str = "students", *, stacked: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.unit = unit
        self.stacked = stacked
        self.categories: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self._ceiling = 0  # where the legend ends: a lifted figure stays below it

    def set_data(self, categories: Sequence[str], series: Sequence[Series]) -> None:
        """Show these categories (left to right) and series."""
        self.categories = tuple(categories)
        self.series = tuple(series)
        self._hot = None
        self._update_description()
        self.updateGeometry()
        self.update()

    def bar_text(self, category: int, series: int) -> str:
        s = self.series[series]
        name = f"{self.categories[category]}, {s.name}" if len(self.series) > 1 else self.categories[category]
        return f"{name}: {s.values[category]:,} {self.unit}"

    def summary(self) -> str:
        parts = []
        for s in self.series:
            figures = ", ".join(f"{c} {v:,}" for c, v in zip(self.categories, s.values, strict=True))
            parts.append(f"{s.name}: {figures}" if len(self.series) > 1 else figures)
        return f"{self.title}. " + "; ".join(parts)

    def sizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().height()
        return QSize(line * 28, line * 13)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().height()
        return QSize(line * 14, line * 9)

    def _totals(self) -> list[int]:
        if not self.series:
            return []
        if self.stacked:
            return [sum(s.values[i] for s in self.series) for i in range(len(self.categories))]
        return [max(s.values[i] for s in self.series) for i in range(len(self.categories))]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setFont(self._small_font())
        fm = painter.fontMetrics()
        self._bars = []
        n = len(self.categories)
        totals = self._totals()
        top, step = axis_top(max(totals, default=0))
        tick_width = fm.horizontalAdvance(f"{int(top):,}") + 8
        legend = self._legend(painter, self.series, tick_width, 2)
        plot = QRect(tick_width, legend + fm.height() // 2 + 2, self.width() - tick_width - 6,
                     self.height() - legend - fm.height() // 2 - fm.height() - 10)
        if plot.width() < 20 or plot.height() < 20:
            return
        self._ceiling = legend + 2
        self._axis(painter, plot, top, step)
        if n == 0 or not any(totals):
            self._draw_none(painter, plot)
            self._category_labels(painter, plot, n)
            return
        group = plot.width() / n
        per_group = 1 if self.stacked else len(self.series)
        # At most ~1.6 lines of text per bar: a single category is not a slab across the chart.
        bar = min(group * 0.8 / per_group, fm.height() * 1.6)
        start = plot.left() + (group - bar * per_group) / 2
        scale = plot.height() / top
        # Totals on stacked bars only when every one fits: some numbers and not others would mislead.
        label_totals = self.stacked and fm.horizontalAdvance(f"{max(totals):,}") <= group
        for i in range(n):
            base = plot.bottom() + 1
            figure: QRectF | None = None  # the last figure written over this category's bars
            for j, s in enumerate(self.series):
                value = s.values[i]
                height = value * scale
                x = start + i * group + (0 if self.stacked else j * bar)
                rect = QRectF(x, base - height, bar - (0 if self.stacked else 1), height)
                if value:
                    painter.fillRect(rect, QColor(s.colour))
                    if self.stacked:
                        painter.setPen(QColor("#FFFFFF"))
                        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
                    self._bars.append((rect, i, j))
                if self._hot == (i, j):
                    painter.setPen(self._hot_pen())
                    painter.drawRect(rect)
                if self.stacked:
                    base -= height
                elif value:
                    figure = self._bar_figure(painter, rect, value, figure) or figure
            if label_totals and totals[i]:
                self._bar_figure(painter, QRectF(start + i * group, base, bar, 0), totals[i])
        self._category_labels(painter, plot, n)

    def _bar_figure(self, painter: QPainter, rect: QRectF, value: int, beside: QRectF | None = None
                    ) -> QRectF | None:
        """Write a bar's figure over it; where it was written (None: no room, it is in the tooltip and the table).

        A figure a little wider than its bar (121 over a narrow June bar) is still written; one that would touch
        the figure of the bar beside it (``beside``) is lifted above that one.
        """
        text = f"{value:,}"
        fm = painter.fontMetrics()
        width = fm.horizontalAdvance(text) + 2
        if width > 2 * rect.width() + 4:
            return None  # far too narrow
        box = QRectF(rect.center().x() - width / 2, rect.top() - fm.height(), width, fm.height())
        if beside is not None and box.intersects(beside.adjusted(-2, 0, 2, 0)):
            box.moveBottom(beside.top())
            if box.top() < self._ceiling:
                return None  # no room above: never over the legend
        if box.top() < 0 or box.left() < 0 or box.right() > self.width():
            return None
        painter.setPen(QColor(palette.INK))
        painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
        return box

    def _axis(self, painter: QPainter, plot: QRect, top: float, step: float) -> None:
        fm = painter.fontMetrics()
        value = 0.0
        while value <= top + 1e-9:
            y = plot.bottom() - value / top * plot.height()
            painter.setPen(QColor(palette.GRID))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(palette.MUTED))
            painter.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 4, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:,.0f}")
            value += step
        painter.setPen(QColor(palette.MUTED))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

    def _category_labels(self, painter: QPainter, plot: QRect, n: int) -> None:
        if n == 0:
            return
        fm = painter.fontMetrics()
        group = plot.width() / n
        widest = max(fm.horizontalAdvance(c) for c in self.categories) + 6
        every = max(1, -(-widest // max(1, int(group))))  # skip labels that would overlap
        painter.setPen(QColor(palette.INK))
        for i, name in enumerate(self.categories):
            if i % every:
                continue
            # Kept inside the chart: the last year of forty under a narrow bar is not cut at the right edge.
            left = min(max(0.0, plot.left() + i * group + group / 2 - widest / 2), self.width() - widest)
            painter.drawText(QRectF(left, plot.bottom() + 3, widest, fm.height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, name)


class HBarChart(_Chart):
    """Horizontal bars, one per label from the top; each its figure at its end.

    Optional per bar: a waiting count stacked after it, a capacity (solid mark) and a minimum
    (dashed mark), an alert word (the bar turns red and hatched), a muted bar ("Others").
    """

    def __init__(self, title: str, unit: str = "students", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.unit = unit
        self.labels: tuple[str, ...] = ()
        self.values: tuple[int, ...] = ()
        self.waiting: tuple[int, ...] = ()
        self.capacity: tuple[int | None, ...] = ()
        self.minimum: tuple[int | None, ...] = ()
        self.alerts: tuple[str, ...] = ()
        self.muted: tuple[bool, ...] = ()

    def set_data(self, labels: Sequence[str], values: Sequence[int], *, waiting: Sequence[int] = (),
                 capacity: Sequence[int | None] = (), minimum: Sequence[int | None] = (),
                 alerts: Sequence[str] = (), muted: Sequence[bool] = ()) -> None:
        """Show these bars (top to bottom)."""
        self.labels, self.values = tuple(labels), tuple(values)
        self.waiting, self.capacity, self.minimum = tuple(waiting), tuple(capacity), tuple(minimum)
        self.alerts, self.muted = tuple(alerts), tuple(muted)
        self._hot = None
        self._update_description()
        self.updateGeometry()
        self.update()

    def _figure(self, i: int) -> str:
        text = f"{self.values[i]:,}"
        if self.waiting and self.waiting[i]:
            text += f" + {self.waiting[i]:,} waiting"
        if self.alerts and self.alerts[i]:
            text += f" ({self.alerts[i]})"
        return text

    def bar_text(self, category: int, series: int) -> str:
        text = f"{self.labels[category]}: {self._figure(category)} {self.unit}"
        if self.capacity and self.capacity[category] is not None:
            text += f"; capacity {self.capacity[category]:,}"
        if self.minimum and self.minimum[category] is not None:
            text += f"; minimum {self.minimum[category]:,}"
        return text

    def summary(self) -> str:
        return f"{self.title}. " + "; ".join(self.bar_text(i, 0) for i in range(len(self.labels)))

    def _row_height(self) -> int:
        return QFontMetrics(self._small_font()).height() + 6

    def sizeHint(self) -> QSize:  # noqa: N802
        axis = QFontMetrics(self._small_font()).height() + 8
        return QSize(self.fontMetrics().height() * 24, max(1, len(self.labels)) * self._row_height() + axis)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.fontMetrics().height() * 14, self.sizeHint().height())

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setFont(self._small_font())
        fm = painter.fontMetrics()
        self._bars = []
        n = len(self.labels)
        if n == 0:
            self._draw_none(painter, self.rect())
            return
        totals = [v + (self.waiting[i] if self.waiting else 0) for i, v in enumerate(self.values)]
        limits = [m for m in (*self.capacity, *self.minimum) if m is not None]
        top, step = axis_top(max([*totals, *limits, 0]))
        label_width = min(max(fm.horizontalAdvance(label) for label in self.labels) + 10, int(self.width() * 0.38))
        figure_width = max(fm.horizontalAdvance(self._figure(i)) for i in range(n)) + 8
        row = self._row_height()
        plot = QRectF(label_width, 2, max(20.0, self.width() - label_width - figure_width - 4), n * row)
        scale = plot.width() / top
        # value axis: grid and ticks below the bars
        value = 0.0
        while value <= top + 1e-9:
            x = plot.left() + value * scale
            painter.setPen(QColor(palette.GRID))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(QColor(palette.MUTED))
            painter.drawText(QRectF(x - 40, plot.bottom() + 2, 80, fm.height()), Qt.AlignmentFlag.AlignHCenter,
                             f"{value:,.0f}")
            value += step
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
        for i in range(n):
            y = plot.top() + i * row
            painter.setPen(QColor(palette.INK))
            label = fm.elidedText(self.labels[i], Qt.TextElideMode.ElideMiddle, label_width - 8)
            painter.drawText(QRectF(0, y, label_width - 6, row), Qt.AlignmentFlag.AlignRight |
                             Qt.AlignmentFlag.AlignVCenter, label)
            bar = QRectF(plot.left(), y + 3, self.values[i] * scale, row - 6)
            alert = bool(self.alerts and self.alerts[i])
            colour = palette.ALERT if alert else palette.MUTED if self.muted and self.muted[i] else palette.BAR
            painter.fillRect(bar, QColor(colour))
            if alert:
                painter.fillRect(bar, QBrush(QColor("#FFFFFF"), Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(QColor(palette.BLACK), 1.2))
                painter.drawRect(bar)
            end = bar.right()
            if self.waiting and self.waiting[i]:
                waiting = QRectF(end, y + 3, self.waiting[i] * scale, row - 6)
                painter.fillRect(waiting, QColor(palette.WAITING))
                end = waiting.right()
            whole = QRectF(plot.left(), y + 1, max(end - plot.left(), 3.0), row - 2)
            self._bars.append((whole, i, 0))
            for limit, dashed in ((self.capacity[i] if self.capacity else None, False),
                                  (self.minimum[i] if self.minimum else None, True)):
                if limit is not None:
                    pen = QPen(QColor(palette.BLACK), 2.0, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
                    painter.setPen(pen)
                    x = plot.left() + limit * scale
                    painter.drawLine(QPointF(x, y + 1), QPointF(x, y + row - 1))
            if self._hot == (i, 0):
                painter.setPen(self._hot_pen())
                painter.drawRect(whole)
            font = painter.font()
            font.setBold(alert)
            painter.setFont(font)
            painter.setPen(QColor(palette.INK))
            painter.drawText(QRectF(end + 4, y, figure_width + 40, row), Qt.AlignmentFlag.AlignLeft |
                             Qt.AlignmentFlag.AlignVCenter, self._figure(i))
            font.setBold(False)
            painter.setFont(font)
