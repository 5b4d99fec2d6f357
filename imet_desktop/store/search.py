"""Full-text search: what the clerk types, made into a query the students' FTS5 index accepts."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[\w]+", re.UNICODE)


def fts_query(text: str) -> str:
    """User text as a safe FTS5 prefix query: every word quoted, each a prefix.

    "o'brien" becomes '"o"* "brien"*', which cannot be an FTS5 syntax error.
    """
    tokens = _TOKEN.findall(text)
    return " ".join('"' + t.replace('"', '""') + '"*' for t in tokens)
