"""The Overview report's world map: each country shaded by its figure, drawn with reportlab.graphics.

Takes the projected shapes as plain data (domain.world.World, read by ops.world) and the figures by
country code; never reads a file. The shading is the tab's: domain.world's classes in the
palette's light-to-dark steps (palette.MAP_STEPS), land with no figure pale grey, so the map reads
in greyscale; a legend beside the map gives each class's range, and the smallest states with a
figure carry a dot so they can be seen at all.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.graphics.shapes import Circle, Drawing, Path, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor, white

from imet_desktop import palette
from imet_desktop.documents import fonts
from imet_desktop.domain.world import Ring, World, bins, classes, shade_index

LEGEND_WIDTH = 96.0  # room beside the map for its legend
DOT = 2.4  # a small state's dot, in points


def _colour(hex_colour: str) -> Color:
    return HexColor(hex_colour)


def shade(value: int, bounds: list[int]) -> str:
    """The colour a country with this figure is painted with."""
    k = shade_index(value, bounds)
    return palette.MAP_NONE if k < 0 else palette.MAP_STEPS[k]


def legend_items(values: Mapping[str, int]) -> list[tuple[str, str]]:
    """(colour, words) for 'none' and each class of these figures, light to dark."""
    return [(palette.MAP_NONE, "none"), *((palette.MAP_STEPS[k], text) for k, text in classes(bins(values)))]


def map_size(world: World, width: float, height: float) -> tuple[float, float]:
    """The map's own width and height (the world's shape) within a box, leaving room for the legend."""
    scale = min((width - LEGEND_WIDTH) / world.width, height / world.height)
    return world.width * scale, world.height * scale


def world_map(world: World, values: Mapping[str, int], width: float, height: float, what: str) -> Drawing:
    """A drawing of width × height: the map as large as fits and its legend at its right, centred.

    values: the figure of each country by alpha-2 code (0 or missing: none); what: the figure's words
    ('students in residence'). One Path per country shape (its rings, holes left open).
    """
    shown = {code: n for code, n in values.items() if n > 0}
    bounds = bins(shown)
    map_w, map_h = map_size(world, width, height)
    scale = map_w / world.width
    left, bottom = world.bounds[0], world.bounds[1]
    top_gap = height - map_h
    x0 = max(0.0, (width - map_w - 12 - LEGEND_WIDTH) / 2)

    def at(x: float, y: float) -> tuple[float, float]:
        return x0 + (x - left) * scale, (y - bottom) * scale + top_gap

    def flat(ring: Ring) -> list[float]:
        return [v for point in ring for v in at(*point)]

    drawing = Drawing(width, height)
    drawing.add(Polygon(flat(world.outline), fillColor=white, strokeColor=_colour(palette.GRID), strokeWidth=0.6))
    dots = []
    for country in world.countries:
        path = Path(fillColor=_colour(shade(shown.get(country.code, 0), bounds)), strokeColor=white,
                    strokeWidth=0.25, strokeLineJoin=1)
        for ring in country.rings:
            path.moveTo(*at(*ring[0]))
            for point in ring[1:]:
                path.lineTo(*at(*point))
            path.closePath()
        drawing.add(path)
        if country.dot is not None and shown.get(country.code):
            dots.append((country.code, at(*country.dot)))
    for code, (x, y) in dots:  # small states on top, outlined so they read on any shade
        drawing.add(Circle(x, y, DOT, fillColor=_colour(shade(shown[code], bounds)),
                           strokeColor=_colour(palette.MUTED), strokeWidth=0.5))
    _legend(drawing, x0 + map_w + 12, height - 4, what, legend_items(shown))
    return drawing


def _legend(drawing: Drawing, x: float, top: float, what: str, items: list[tuple[str, str]]) -> None:
    """The figure's name, then a swatch per class, top to bottom."""
    ink, muted = _colour(palette.INK), _colour(palette.MUTED)
    y = top - 8
    for line in fonts.wrap_lines(what.capitalize(), 8, LEGEND_WIDTH - 14, fonts.SANS_BOLD):
        drawing.add(String(x, y, line, fontName=fonts.font_name(fonts.SANS_BOLD), fontSize=8, fillColor=ink))
        y -= 10
    y -= 3
    for colour, text in items:
        drawing.add(Rect(x, y - 1.5, 9, 9, fillColor=_colour(colour), strokeColor=muted, strokeWidth=0.4))
        drawing.add(String(x + 14, y, text, fontName=fonts.font_name(fonts.SANS), fontSize=7.5, fillColor=ink))
        y -= 12
    drawing.add(Circle(x + 4.5, y + 3, DOT, fillColor=white, strokeColor=muted, strokeWidth=0.5))
    drawing.add(String(x + 14, y, "a small state", fontName=fonts.font_name(fonts.SANS), fontSize=7.5,
                       fillColor=muted))
