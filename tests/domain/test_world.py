"""The world map's shading classes, the same on screen and on paper."""

from __future__ import annotations

import pytest

from imet_desktop.domain.world import STEP_COUNT, bins, classes, parse, project, shade_index, step_of


def test_few_students_get_one_class_each_and_the_largest_is_the_darkest() -> None:
    bounds = bins({"DE": 2, "GH": 1})
    assert bounds == [1, 2]
    assert classes(bounds) == [(3, "1"), (4, "2")]
    assert shade_index(2, bounds) == STEP_COUNT - 1 and shade_index(0, bounds) == -1


def test_many_students_get_five_growing_classes_ending_on_the_largest() -> None:
    bounds = bins({"US": 600, "DE": 40, "GH": 3})
    assert len(bounds) == STEP_COUNT and bounds[-1] == 600 and bounds == sorted(set(bounds))
    assert [text for _k, text in classes(bounds)][0] == "1–4"
    assert step_of(600, bounds) == 4 and step_of(1, bounds) == 0


def test_nothing_to_shade_has_no_class() -> None:
    assert bins({}) == [] and bins({"DE": 0}) == [] and classes([]) == []


def test_shapes_are_read_into_plain_tuples_with_a_box_around_the_world() -> None:
    world = parse({"countries": [{"code": "GH", "ne_name": "Ghana", "rings": [[0, 0, 100, 0, 100, 100]]},
                                 {"code": None, "ne_name": "Siachen Glacier", "rings": [[5, 5, 6, 5, 6, 6]],
                                  "dot": [5, 5]}]})
    ghana, glacier = world.countries
    assert ghana.rings == (((0.0, 0.0), (100.0, 0.0), (100.0, 100.0)),) and ghana.dot is None
    assert (glacier.code, glacier.dot) == ("", (5.0, 5.0))
    left, bottom, right, top = world.bounds
    assert (left, right) == pytest.approx((project(-180, 0)[0], project(180, 0)[0]))
    assert bottom == pytest.approx(project(0, -60)[1]) and top == pytest.approx(project(0, 85)[1])
