"""Ids in compact arrays: 4 bytes an id while they fit, 8 once one does not, none lost or doubled on the way."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as hs

from imet_desktop.store.ids import NARROW, WIDE, extended, placed

ID = hs.one_of(hs.integers(1, 2**31 - 1), hs.integers(2**31, 2**63 - 1))  # the program's ids, and another's
PIECES = hs.lists(hs.tuples(hs.lists(ID, max_size=20), hs.sampled_from(["list", "narrow", "wide", "iterator"])),
                  max_size=8)


def _as(values: list[int], kind: str) -> object:
    if kind == "narrow" and all(v < 2**31 for v in values):
        return array(NARROW, values)
    if kind in ("narrow", "wide"):
        return array(WIDE, values)
    return values if kind == "list" else iter(values)


@given(PIECES)
def test_every_id_is_kept_in_order_and_the_array_is_narrow_while_they_all_fit(
        pieces: list[tuple[list[int], str]]) -> None:
    ids: array[int] = array(NARROW)
    for values, kind in pieces:
        ids = extended(ids, _as(values, kind))  # type: ignore[arg-type]
    every = [v for values, _kind in pieces for v in values]
    assert ids.tolist() == every
    assert ids.typecode == (NARROW if all(v < 2**31 for v in every) else WIDE)


def test_an_id_too_large_midway_takes_none_of_its_piece_twice() -> None:
    ids = extended(array(NARROW, [1, 2]), iter([3, 3_000_000_000, 4]))
    assert ids.tolist() == [1, 2, 3, 3_000_000_000, 4] and ids.typecode == WIDE


@given(hs.lists(ID, max_size=30), hs.data())
def test_ids_placed_over_an_array_are_there_and_it_is_narrow_while_they_all_fit(every: list[int],
                                                                                data: hs.DataObject) -> None:
    ids: array[int] = array(NARROW, [0]) * len(every)  # as the roster's order is made: at its size, then filled
    start = 0
    while start < len(every):
        size = data.draw(hs.integers(1, len(every) - start))
        ids = placed(ids, start, every[start:start + size])
        start += size
    assert ids.tolist() == every and ids.typecode == (NARROW if all(v < 2**31 for v in every) else WIDE)
