"""The export's search of its CSV text for fields that may need the formula guard (exchange.student_export).

The whole file is checked against csv.writer over values guarded one by one in tests/ops/test_roster_export.py;
here the one search itself, against what it is meant to find.
"""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from imet_desktop.exchange.student_export import _GUARD_FIRST, _UNQUOTED_GUARD_FIRST, _field_starts

# Every character the search looks at or could be fooled by, and a few it ignores.
_CHARACTERS = [",", '"', "'", "=", "+", "-", "@", "\t", "\r", "\n", "a", "1", "Ω", "\x1f"]


def _expected(text: str) -> list[int]:
    """By its definition: a character the guard may apply to that follows a comma, or (any such character, carriage
    return included) a comma and a double quote."""
    return [i for i, c in enumerate(text)
            if (text[i - 1:i] == "," and c in _UNQUOTED_GUARD_FIRST)
            or (text[max(i - 2, 0):i] == ',"' and i >= 2 and c in _GUARD_FIRST)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_CHARACTERS), max_size=60))
def test_the_one_search_finds_every_field_start_its_definition_gives_in_any_text(text: str) -> None:
    assert _field_starts(text) == _expected(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=st.sampled_from(_CHARACTERS), max_size=6), min_size=1, max_size=5),
                min_size=1, max_size=10))
def test_every_field_that_starts_with_a_formula_character_is_found_in_csv_writers_text(
        rows: list[list[str]]) -> None:
    """In the text csv.writer writes, the first character of every field after the first of its line that may need
    the guard is among the places found (more may be found: commas inside quoted values)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    text = buffer.getvalue()
    found = set(_field_starts(text))
    at = 0
    for row in rows:
        line = io.StringIO()
        csv.writer(line).writerow(row)
        written = line.getvalue()
        assert text.startswith(written, at)
        start = at
        for i, value in enumerate(row):
            field = io.StringIO()
            csv.writer(field).writerow([value])
            field_text = field.getvalue()[:-2] if value else ""  # without the line's end; alone, '' is quoted
            if i > 0:
                start += 1  # the comma
                first = start + (1 if field_text.startswith('"') else 0)
                if value[:1] and value[0] in (_GUARD_FIRST if field_text.startswith('"') else _UNQUOTED_GUARD_FIRST):
                    assert first in found, (value, text)
            start += len(field_text)
        at += len(written)
