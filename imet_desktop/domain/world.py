"""The world map's geometry and shading, for the screen and for paper alike (no Qt, no ReportLab).

The shapes are Natural Earth's, projected once with the Natural Earth I projection into
resources/world/countries.json (see its README); ``ops.world.world_shapes`` reads them into a
``World`` of plain tuples. ``bins`` and ``step_of`` decide which of the palette's light-to-dark
steps (``palette.MAP_STEPS``) a country's figure is painted with, so the tab and the printed report
shade a country alike.

The records are named tuples, not dataclasses: the window imports this module before its first paint, and a
named tuple is made at import several times faster (see domain.overview).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

SCALE = 1000  # the file's projected units times this (resources/world/README.md)
STEP_COUNT = 5  # shading steps at most (palette.MAP_STEPS holds as many)

Point = tuple[float, float]
Ring = tuple[Point, ...]


class CountryShape(NamedTuple):
    """One country's outline in projected units (x east, y north); ``dot`` marks a state too small to see."""

    code: str  # ISO 3166-1 alpha-2; '' for a shape no country owns (drawn, never shaded)
    ne_name: str
    rings: tuple[Ring, ...]
    dot: Point | None = None


class World(NamedTuple):
    """Every country's shape, the edge of the map (the sea) and the box around both."""

    countries: tuple[CountryShape, ...]
    outline: Ring
    bounds: tuple[float, float, float, float]  # left, bottom, right, top

    @property
    def width(self) -> float:
        return self.bounds[2] - self.bounds[0]

    @property
    def height(self) -> float:
        return self.bounds[3] - self.bounds[1]


def project(lon: float, lat: float) -> Point:
    """A longitude and latitude in the Natural Earth I projection, in the file's units."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.870700 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x * SCALE, y * SCALE


def outline() -> Ring:
    """The edge of the map (longitude -180 to 180, latitude -60 to 85) in the same projection: the sea."""
    points = [project(-180, lat) for lat in range(-60, 86, 5)]
    points += [project(lon, 85) for lon in range(-180, 181, 10)]
    points += [project(180, lat) for lat in range(85, -61, -5)]
    points += [project(lon, -60) for lon in range(180, -181, -10)]
    return tuple(points)


def parse(data: Mapping[str, Any]) -> World:
    """The shapes of resources/world/countries.json (already read as JSON) as plain tuples."""
    countries = []
    for entry in data["countries"]:
        rings = tuple(tuple((float(r[k]), float(r[k + 1])) for k in range(0, len(r) - 1, 2))
                      for r in entry["rings"])
        dot = (float(entry["dot"][0]), float(entry["dot"][1])) if "dot" in entry else None
        countries.append(CountryShape(entry["code"] or "", entry.get("ne_name", ""), rings, dot))
    edge = outline()
    xs = [p[0] for p in edge] + [p[0] for c in countries for r in c.rings for p in r]
    ys = [p[1] for p in edge] + [p[1] for c in countries for r in c.rings for p in r]
    return World(tuple(countries), edge, (min(xs), min(ys), max(xs), max(ys)))


def bins(values: Mapping[str, int]) -> list[int]:
    """The upper bound of each shading step (at most five, each at least 1): a round share of the largest."""
    largest = max(values.values(), default=0)
    if largest <= 0:
        return []
    if largest <= STEP_COUNT:
        return list(range(1, largest + 1))
    bounds: list[int] = []
    for k in range(1, STEP_COUNT + 1):
        # a geometric scale: a few countries send hundreds, most a handful
        bound = max(1, round(largest ** (k / STEP_COUNT)))
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    bounds[-1] = largest
    return bounds


def step_of(value: int, bounds: list[int]) -> int:
    """Which shading step a value falls in (-1: nothing)."""
    if value <= 0:
        return -1
    for k, bound in enumerate(bounds):
        if value <= bound:
            return k
    return len(bounds) - 1


def shade_index(value: int, bounds: list[int]) -> int:
    """The index into the five light-to-dark steps a value is painted with (-1: nothing); with fewer
    classes than steps, the darkest are used, so the largest figure is always the darkest."""
    k = step_of(value, bounds)
    return -1 if k < 0 else STEP_COUNT - len(bounds) + k


def classes(bounds: list[int]) -> list[tuple[int, str]]:
    """The legend: each class's step index and its range in words ('1', '2–5', ...)."""
    items = []
    low = 1
    for k, bound in enumerate(bounds):
        items.append((STEP_COUNT - len(bounds) + k, f"{low:,}" if bound == low else f"{low:,}–{bound:,}"))
        low = bound + 1
    return items
