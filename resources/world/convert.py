"""Make resources/world/countries.json from Natural Earth's countries, as the npm package world-atlas carries them.

Run once, by hand, when the shapes are to be refreshed (the program only reads the result):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python resources/world/convert.py /tmp/package/countries-50m.json resources/world/countries.json

What it does: decodes the TopoJSON (quantised, delta-encoded arcs), simplifies each arc once
(Douglas-Peucker, so neighbouring countries keep one shared border), assembles each country's
rings, cuts those that cross longitude 180 (Fiji, Chukotka) into their two sides, projects every
point with the Natural Earth I projection (Šavrič, Jenny, Patterson, Petrovič and Hurni, 2011),
and writes them as whole numbers (projected units x 1000). Countries are keyed
by ISO 3166-1 alpha-2 (the office's countries table), from the package's ISO numeric ids through
pycountry; the features without an ISO number are assigned as the US government draws the map:
Kosovo is XK, Northern Cyprus is drawn as part of Cyprus and Somaliland as part of Somalia, the
Australian Indian Ocean territories as part of Australia; the Siachen Glacier stays unassigned.
Antarctica is left out (no student comes from it).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

SCALE = 1000
TOLERANCE = 0.2  # degrees: under a pixel on a map 900 pixels wide
UNNUMBERED = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO", "Indian Ocean Ter.": "AU", "Siachen Glacier": ""}
LEFT_OUT = {"AQ"}
# projected units (the map is ~5.4 wide): a country smaller than this (~5 pixels on a 900-pixel map) gets a dot
SMALL = 0.03


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth I projection of a point in degrees (x to the east, y to the north)."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.870700 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


def _decode(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as (longitude, latitude) points."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _clip(ring: list[tuple[float, float]], keep_west: bool) -> list[tuple[float, float]]:
    """The part of a ring west (or east) of longitude 180 (Sutherland-Hodgman against one line)."""
    def inside(p: tuple[float, float]) -> bool:
        return p[0] <= 180 if keep_west else p[0] >= 180

    def crossing(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
        t = (180 - a[0]) / (b[0] - a[0])
        return 180.0, a[1] + t * (b[1] - a[1])

    out: list[tuple[float, float]] = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current):
            if not inside(previous):
                out.append(crossing(previous, current))
            out.append(current)
        elif inside(previous):
            out.append(crossing(previous, current))
    return out


def split_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses longitude 180 (Fiji, Chukotka) as its two parts, each on its own side of the map;
    drawn whole, it would run across the whole world."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [ring]
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        unwrapped.append((lon, lat))
    if min(p[0] for p in unwrapped) < -180:  # unwrapped westwards: move it so the cut is at +180
        unwrapped = [(lon + 360, lat) for lon, lat in unwrapped]
    west = _clip(unwrapped, keep_west=True)
    east = [(lon - 360, lat) for lon, lat in _clip(unwrapped, keep_west=False)]
    return [part for part in (west, east) if len(part) >= 3]


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the ends are kept (they are shared with the neighbouring arcs)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            distance = (abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length if length
                        else math.hypot(px - x1, py - y1))
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(arc_indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _mark_small(entry: dict[str, object]) -> None:
    """A country a few pixels wide on the map (Singapore, Bahrain, Malta...) also gets a dot to point at:
    the middle of its largest ring's box."""
    rings = entry["rings"]
    assert isinstance(rings, list)
    if not rings:
        return
    xs = [v for ring in rings for v in ring[0::2]]
    ys = [v for ring in rings for v in ring[1::2]]
    if max(max(xs) - min(xs), max(ys) - min(ys)) > SMALL * SCALE:
        return
    largest = max(rings, key=len)
    entry["dot"] = [(min(largest[0::2]) + max(largest[0::2])) // 2, (min(largest[1::2]) + max(largest[1::2])) // 2]


def _code(feature: dict) -> str:
    import pycountry

    name = feature["properties"]["name"]
    if name in UNNUMBERED:
        return UNNUMBERED[name]
    country = pycountry.countries.get(numeric=feature["id"])
    if country is None:
        raise SystemExit(f"no ISO 3166 country for {name} ({feature['id']}): add it to UNNUMBERED")
    return str(country.alpha_2)


def convert(source: Path, target: Path) -> None:
    """Read the world-atlas TopoJSON, write the compact file the map draws."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    raw = _decode(topology)
    arcs = [_simplify(arc, TOLERANCE) for arc in raw]
    fine = [_simplify(arc, TOLERANCE / 10) for arc in raw]
    countries: dict[str, dict[str, object]] = {}
    for feature in topology["objects"]["countries"]["geometries"]:
        code = _code(feature)
        if code in LEFT_OUT:
            continue
        polygons = feature["arcs"] if feature["type"] == "MultiPolygon" else [feature["arcs"]]
        rings = []
        for polygon in polygons:
            for ring_arcs in polygon:
                ring = _ring(ring_arcs, arcs)
                if len(ring) < 4:  # a small island simplified away: keep it, simplified less
                    ring = _ring(ring_arcs, fine)
                if len(ring) < 4:
                    ring = _ring(ring_arcs, raw)
                if len(ring) < 4:
                    continue
                for part in split_at_antimeridian(ring[:-1]):
                    rings.append([round(v * SCALE) for lon, lat in part for v in natural_earth(lon, lat)])
        key = code or feature["properties"]["name"]
        entry = countries.setdefault(key, {"code": code, "ne_name": feature["properties"]["name"], "rings": []})
        entry["rings"].extend(rings)  # type: ignore[attr-defined]
    for entry in countries.values():
        _mark_small(entry)
    out = {
        "source": "Natural Earth 1:50m Admin 0 countries, version 4.1.0, public domain (naturalearthdata.com), "
                  "as TopoJSON in the npm package world-atlas 2.0.2 (countries-50m.json)",
        "projection": "Natural Earth I", "scale": SCALE, "tolerance": TOLERANCE,
        "countries": sorted(countries.values(), key=lambda c: str(c["code"] or c["ne_name"])),
    }
    target.write_text(json.dumps(out, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    points = sum(len(r) // 2 for c in countries.values() for r in c["rings"])  # type: ignore[attr-defined]
    print(f"{target}: {len(countries)} countries, {points:,} points, {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
