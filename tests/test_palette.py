"""The charts' palette: colour-blind safe (Okabe–Ito) and still apart when printed in greyscale."""

from imet_desktop import palette


def test_neighbouring_series_differ_in_grey_when_printed_without_colour() -> None:
    greys = [palette.grey(palette.series(i)) for i in range(7)]  # seven: six regions and "not recorded"
    assert all(abs(a - b) >= 40 for a, b in zip(greys, greys[1:], strict=False)), greys
    assert abs(palette.grey(palette.THIS_YEAR) - palette.grey(palette.LAST_YEAR)) >= 40
    assert abs(palette.grey(palette.BAR) - palette.grey(palette.WAITING)) >= 40


def test_the_palette_is_okabe_ito() -> None:
    assert palette.PALETTE_NAME == "Okabe–Ito"
    assert set(palette.SERIES) == {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
                                   "#CC79A7"}


def test_the_world_map_steps_go_from_light_to_dark_apart_in_grey() -> None:
    greys = [palette.grey(c) for c in palette.MAP_STEPS]
    assert len(greys) == 5
    assert palette.grey(palette.MAP_NONE) > greys[0]  # land with no figure is paler than the first step
    assert all(a - b >= 20 for a, b in zip(greys, greys[1:], strict=False)), greys
