"""The map's shapes are read from resources/world, for the tab and the printed report alike."""

from __future__ import annotations

from imet_desktop.ops.world import world_shapes


def test_every_country_of_the_bundled_map_is_read_with_its_code() -> None:
    world = world_shapes()
    codes = {c.code for c in world.countries}
    assert {"XK", "TW", "CY", "SO", "EH", "US", "GH", "DE"} <= codes
    assert len(world.countries) > 200
    assert all(len(ring) >= 3 for c in world.countries for ring in c.rings)
    again = world_shapes()
    assert again == world and again is not world  # read anew: the tab keeps its paths, not ~1 MiB of these
    left, bottom, right, top = world.bounds
    assert all(left <= x <= right and bottom <= y <= top for c in world.countries for r in c.rings for x, y in r)
