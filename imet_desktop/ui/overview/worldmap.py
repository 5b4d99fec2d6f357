"""The world map: each country shaded by a figure (students in residence, alumni or Honor Roll members).

The shapes are Natural Earth's (public domain), converted once into resources/world/countries.json
(see its README: source, licence, date, and how shapes without an ISO code are assigned, Kosovo
included). They are read by ops.world (shared with the printed report) and turned into
QPainterPaths once (shapes()), on the Overview reader's worker after its first figures are painted,
then kept for the life of the program. Names come from the office's countries table, passed in with
the figures.

The shading is one hue in five steps of lightness (palette.MAP_STEPS, light to dark blue; the
report's map uses the same steps, and domain.world says which step a figure takes), so it reads
for colour-blind eyes and in greyscale; countries with nothing are pale grey. The legend says which
numbers each step holds; the tooltip gives the country's name and figure; a click emits
``country_clicked`` with the country's code.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QTransform
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from imet_desktop import palette
from imet_desktop.domain.world import Ring, bins, classes, shade_index
from imet_desktop.ops.world import world_shapes

STEPS = palette.MAP_STEPS  # light to dark: the same steps as the printed report's map
NOTHING = palette.MAP_NONE  # land with no figure
SEA = "#FFFFFF"
BORDER = "#FFFFFF"

_shapes: dict[str, tuple[QPainterPath, QPointF | None]] | None = None
_sea = QPainterPath()
_bounds = QRectF()


def _path(rings: tuple[Ring, ...]) -> QPainterPath:
    path = QPainterPath()
    for ring in rings:
        path.moveTo(*ring[0])
        for point in ring[1:]:
            path.lineTo(*point)
        path.closeSubpath()
    return path


def shapes() -> dict[str, tuple[QPainterPath, QPointF | None]]:
    """Every country's outline (projected units, y up) and, for the smallest, a dot's centre; read once, and only
    the paths kept (with the edge of the map, the sea: _outline), not the shapes they were made of.

    Built on the Overview reader's worker once the first figures are painted (ui.overview.counting.outlines), while
    the GUI thread may paint: the outlines are set last, so a thread that finds them set finds the sea and the
    bounds set too."""
    global _shapes, _sea, _bounds
    if _shapes is None:
        world = world_shapes()
        found: dict[str, tuple[QPainterPath, QPointF | None]] = {}
        for country in world.countries:
            dot = QPointF(*country.dot) if country.dot is not None else None
            found[country.code or f"?{country.ne_name}"] = (_path(country.rings), dot)
        left, bottom, right, top = world.bounds
        _sea, _bounds = _path((world.outline,)), QRectF(left, bottom, right - left, top - bottom)
        _shapes = found
    return _shapes


def outlines_built() -> bool:
    """Whether the outlines are built (shapes() returns at once)."""
    return _shapes is not None


def _outline() -> QPainterPath:
    """The edge of the map: the sea."""
    shapes()
    return _sea


__all__ = ["WorldMap", "bins", "outlines_built", "shapes"]


class WorldMap(QWidget):
    """A map of the world shaded by a figure per country."""

    country_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("worldMap")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("World map")
        self.values: dict[str, int] = {}
        self.names: dict[str, str] = {}
        self.what = "students in residence"
        self._bins: list[int] = []
        self._hot = ""
        self.ask_for_outlines: Callable[[], None] | None = None
        """Set by the Overview: a paint before the outlines are built asks for them (built on its reader's worker, then
        the map painted again) and paints the legend alone meanwhile, rather than building them on the GUI thread."""

    def set_data(self, values: Mapping[str, int], names: Mapping[str, str], what: str) -> None:
        """Shade by these figures (by alpha-2 code); names are the office's; what the figure counts."""
        self.values = {k: v for k, v in values.items() if v}
        self.names = dict(names)
        self.what = what
        self._bins = bins(self.values)
        shown = sorted(self.values.items(), key=lambda kv: -kv[1])
        self.setAccessibleDescription(f"World map of {what}: " + ", ".join(
            f"{self.names.get(code, code)} {n:,}" for code, n in shown) if shown else f"World map: no {what}.")
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().height()
        return QSize(line * 36, line * 20)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        line = self.fontMetrics().height()
        return QSize(line * 16, line * 9)

    def _transform(self) -> QTransform:
        shapes()
        legend = self.fontMetrics().height() + 8
        area = QRectF(4, 4, self.width() - 8, self.height() - 8 - legend)
        scale = min(area.width() / _bounds.width(), area.height() / _bounds.height())
        x0 = area.left() + (area.width() - _bounds.width() * scale) / 2
        y0 = area.top() + (area.height() - _bounds.height() * scale) / 2
        # y goes up in the file, down on screen
        return QTransform(scale, 0, 0, -scale, x0 - _bounds.left() * scale, y0 + _bounds.bottom() * scale)

    def colour_of(self, code: str) -> str:
        """The shade a country is painted with."""
        k = shade_index(self.values.get(code, 0), self._bins)
        return NOTHING if k < 0 else STEPS[k]

    def _dot_radius(self) -> float:
        return max(3.0, self.fontMetrics().height() / 4)

    def country_at(self, point: QPointF) -> str:
        """The country's code under a point of the widget ('' for sea or an unassigned shape)."""
        transform = self._transform()
        inverse, _ok = transform.inverted()
        where = inverse.map(point)
        radius = self._dot_radius()
        for code, (path, dot) in shapes().items():
            if code.startswith("?"):
                continue
            if dot is not None and self.values.get(code) and \
                    math.dist((point.x(), point.y()), transform.map(dot).toTuple()) <= radius + 1:
                return code
            if path.controlPointRect().contains(where) and path.contains(where):
                return code
        return ""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.ask_for_outlines is not None and not outlines_built():
            self.ask_for_outlines()
            self._draw_legend(painter)
            return
        transform = self._transform()
        border = QPen(QColor(BORDER))
        border.setWidthF(0.6)
        border.setCosmetic(True)
        dots = []
        painter.save()
        painter.setTransform(transform)  # the paths stay in map units; the pen is cosmetic (pixels)
        edge = QPen(QColor(palette.GRID))
        edge.setCosmetic(True)
        painter.setPen(edge)
        painter.setBrush(QColor(SEA))
        painter.drawPath(_outline())
        painter.setPen(border)
        for code, (path, dot) in shapes().items():
            painter.setBrush(QColor(NOTHING if code.startswith("?") else self.colour_of(code)))
            painter.drawPath(path)
            if dot is not None and (self.values.get(code) or code == self._hot):
                dots.append((code, transform.map(dot)))  # a small state with a figure: a dot to see and point at
        painter.restore()
        radius = self._dot_radius()
        for code, centre in dots:  # small states on top, outlined so they read on any shade
            painter.setPen(QPen(QColor(palette.MUTED), 0.8))
            painter.setBrush(QColor(self.colour_of(code)))
            painter.drawEllipse(centre, radius, radius)
        if self._hot:
            path, dot = shapes()[self._hot]
            hot_pen = QPen(QColor(palette.INK), 1.6)
            hot_pen.setCosmetic(True)
            painter.save()
            painter.setTransform(transform)
            painter.setPen(hot_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.restore()
            if dot is not None:
                painter.drawEllipse(transform.map(dot), radius + 1, radius + 1)
        self._draw_legend(painter)

    def _draw_legend(self, painter: QPainter) -> None:
        fm = painter.fontMetrics()
        y = self.height() - fm.height() - 4
        x = 6.0
        box = fm.height() * 0.8
        items = [(NOTHING, "none"), *((STEPS[k], text) for k, text in classes(self._bins))]
        painter.setPen(QColor(palette.INK))
        painter.drawText(QPointF(x, y + fm.ascent()), self.what.capitalize() + ":")
        x += fm.horizontalAdvance(self.what.capitalize() + ":") + 8
        for colour, text in items:
            painter.setPen(QPen(QColor(palette.MUTED), 0.5))
            painter.setBrush(QColor(colour))
            painter.drawRect(QRectF(x, y + (fm.height() - box) / 2, box, box))
            painter.setPen(QColor(palette.INK))
            painter.drawText(QPointF(x + box + 4, y + fm.ascent()), text)
            x += box + 4 + fm.horizontalAdvance(text) + 12

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        code = self.country_at(event.position())
        if code != self._hot:
            self._hot = code
            self.update()
        if code:
            name = self.names.get(code, code)
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"{name}: {self.values.get(code, 0):,} {self.what}", self)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            QToolTip.hideText()
            self.setCursor(Qt.CursorShape.ArrowCursor)

    def leaveEvent(self, event: object) -> None:  # noqa: N802
        self._hot = ""
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        code = self.country_at(event.position())
        if code and event.button() == Qt.MouseButton.LeftButton:
            self.country_clicked.emit(code)

    def point_of(self, code: str) -> QPointF:
        """A pixel of the widget well inside a country (its dot, or a point 2 pixels from any border), for tests."""
        path, dot = shapes()[code]
        transform = self._transform()
        if dot is not None:
            return transform.map(dot)
        inverse, _ok = transform.inverted()
        box = path.boundingRect()
        candidates = [QPointF(box.left() + box.width() * (i + 0.5) / 12, box.top() + box.height() * (j + 0.5) / 12)
                      for j in range(12) for i in range(12)]
        for candidate in candidates:
            pixel = transform.map(candidate).toPoint()
            around = [QPointF(pixel.x() + dx, pixel.y() + dy) for dx in (-2, 0, 2) for dy in (-2, 0, 2)]
            if all(path.contains(inverse.map(a)) for a in around):
                return QPointF(pixel)
        return transform.map(box.center())
