"""The world map's shapes, read from resources/world/countries.json for the tab and the report."""

from __future__ import annotations

import json

from imet_desktop.domain.world import World, parse
from imet_desktop.paths import resource


def world_shapes() -> World:
    """Every country's projected outline (plain tuples), read from the file at each call (~12 ms). Not kept: the
    window keeps the paths it draws (ui.overview.worldmap), a report the drawing it makes; kept here as well, the
    tuples held ~1 MiB for as long as the window was open."""
    return parse(json.loads(resource("world", "countries.json").read_text(encoding="utf-8")))
