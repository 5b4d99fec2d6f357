"""The world map's shapes, read once from resources/world/countries.json for the tab and the report."""

from __future__ import annotations

import functools
import json

from imet_desktop.domain.world import World, parse
from imet_desktop.paths import resource


@functools.cache
def world_shapes() -> World:
    """Every country's projected outline (plain tuples); read on first use, then kept."""
    return parse(json.loads(resource("world", "countries.json").read_text(encoding="utf-8")))
