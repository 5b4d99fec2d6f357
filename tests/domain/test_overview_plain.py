"""The Overview's figures as plain data and back (kept between starts as JSON): the same figures, or refused."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imet_desktop.domain.overview import (
    MONTHS,
    Breakdown,
    CeremonyState,
    ClassFill,
    Count,
    CountryFigures,
    Deadlines,
    Dimension,
    HonorRollHistory,
    MonthlyFlow,
    NotFigures,
    Overview,
    Population,
    StudentSelection,
    overview_from_plain,
    overview_to_plain,
    texts,
)

counts = st.integers(min_value=0, max_value=10**12)
ids = st.integers(min_value=-(2**63), max_value=2**63 - 1)
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
words = st.text(max_size=12)  # any text: names in every script, quotes, controls, lone surrogates
selections = st.builds(StudentSelection, st.sampled_from(Population), days, days,
                       st.none() | st.sampled_from(Dimension), st.lists(words, max_size=4).map(tuple), st.booleans(),
                       words)
bars = st.builds(Count, words, counts, words, st.booleans())


@st.composite
def honor_rolls(draw: st.DrawFn) -> HonorRollHistory:
    years = tuple(draw(st.lists(st.integers(1900, 2200), max_size=4)))
    regions = tuple(draw(st.lists(words, max_size=4)))
    names = tuple(draw(st.lists(words, min_size=len(regions), max_size=len(regions))))
    rows = tuple(tuple(draw(st.lists(counts, min_size=len(regions), max_size=len(regions)))) for _ in years)
    return HonorRollHistory(years, regions, names, rows)


@st.composite
def overviews(draw: st.DrawFn) -> Overview:
    year = draw(st.integers(1901, 2200))
    twelve = st.lists(counts, min_size=len(MONTHS), max_size=len(MONTHS)).map(tuple)
    flows = (MonthlyFlow(year, draw(twelve), draw(twelve)), MonthlyFlow(year - 1, draw(twelve), draw(twelve)))
    breakdowns = tuple(Breakdown(d, draw(selections), tuple(draw(st.lists(bars, max_size=4)))) for d in Dimension)
    classes = st.builds(ClassFill, ids, words, words, days, st.none() | days, counts, counts, st.none() | counts,
                        st.none() | counts)
    ceremony = st.builds(CeremonyState, ids, words, st.none() | days, words, counts, counts, counts, counts, counts,
                         counts, counts)
    return Overview(
        draw(days), year, draw(words), draw(counts), draw(counts), draw(counts), draw(counts), draw(counts),
        breakdowns, flows, tuple(draw(st.lists(classes, max_size=3))),
        draw(st.builds(Deadlines, counts, counts, counts, counts, st.none() | ids, counts)), draw(honor_rolls()),
        draw(st.none() | ceremony), tuple(draw(st.lists(st.builds(CountryFigures, words, words, counts, counts,
                                                                   counts), max_size=4))),
        draw(st.booleans()))


@settings(max_examples=60, deadline=None)
@given(overviews())
def test_figures_made_plain_and_read_back_through_json_are_the_same_figures(figures: Overview) -> None:
    text = json.dumps(overview_to_plain(figures), separators=(",", ":"))
    assert text.isascii()
    read = overview_from_plain(json.loads(text))
    assert read == figures
    assert _typed(read) == _typed(figures)  # each record of its own type (a named tuple equals a plain tuple)


def _typed(value: object) -> object:
    """The value with the type of each record, tuple and enum in it, so that == compares types too."""
    if isinstance(value, tuple):
        return type(value), tuple(_typed(item) for item in value)
    return type(value), value


def _strings(value: object) -> Iterator[str]:
    """Every text in the figures, found by walking their fields (not through overview_to_plain, which texts reads)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):  # a record's fields, or a tuple of values
        for item in value:
            yield from _strings(item)


@settings(max_examples=60, deadline=None)
@given(overviews())
def test_texts_has_every_text_the_figures_hold(figures: Overview) -> None:
    """What decides whether the kept figures can be drawn before the bundled fonts are registered (ui.common.fonts)."""
    assert set(_strings(figures)) <= set(texts(figures))


def test_texts_has_the_office_the_countries_the_ceremony_and_the_classes() -> None:
    from imet_desktop.domain.overview import Count

    flows = (MonthlyFlow(2027, (0,) * 12, (0,) * 12), MonthlyFlow(2026, (0,) * 12, (0,) * 12))
    everyone = StudentSelection(Population.IN_RESIDENCE, dt.date(2027, 1, 1), dt.date(2027, 1, 1), None, (), False, "")
    breakdowns = tuple(Breakdown(d, everyone, (Count("Bangkok ทหารอากาศ", 1, "TH", False),)) for d in Dimension)
    figures = Overview(dt.date(2027, 4, 22), 2027, "Office of Ngô", 1, 1, 0, 0, 0, breakdowns, flows,
                       (ClassFill(1, "MASL 24-1 日本", "C1", dt.date(2027, 1, 1), None, 1, 0, None, None),),
                       Deadlines(0, 0, 0, 0, None, 0), HonorRollHistory((), (), (), ()),
                       CeremonyState(1, "Induction עברית", None, "planned", 0, 0, 0, 0, 0, 0, 0),
                       (CountryFigures("TH", "Thailand", 1, 0, 0),))
    found = set(texts(figures))
    assert {"Office of Ngô", "Bangkok ทหารอากาศ", "MASL 24-1 日本", "Induction עברית", "Thailand"} <= found


def _plain_values() -> st.SearchStrategy[object]:
    scalars = st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) | st.text(max_size=4)
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=10)


@settings(max_examples=60, deadline=None)
@given(overviews(), st.data())
def test_any_one_field_replaced_by_other_plain_data_is_refused_or_read_as_figures(figures: Overview,
                                                                                   data: st.DataObject) -> None:
    plain = json.loads(json.dumps(overview_to_plain(figures)))
    parent = plain
    while True:  # walk down to a random field, and replace it
        keys = list(parent) if isinstance(parent, dict) else list(range(len(parent)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        if isinstance(parent[key], dict | list) and data.draw(st.booleans()):
            parent = parent[key]
            continue
        parent[key] = data.draw(_plain_values())
        break
    try:
        read = overview_from_plain(plain)
    except NotFigures:
        return
    assert isinstance(read, Overview)  # never another exception: a well-typed replacement may be read


@pytest.mark.parametrize("plain", [None, [], {}, "figures", 1, {"on": "2026-12-04"}])
def test_plain_data_that_is_not_figures_is_refused(plain: object) -> None:
    with pytest.raises(NotFigures):
        overview_from_plain(plain)
