"""Full-text search: what the clerk types, made into a query the students' FTS5 index accepts."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence

_TOKEN = re.compile(r"[\w]+", re.UNICODE)


def fts_query(text: str) -> str:
    """User text as a safe FTS5 prefix query: every word quoted, each a prefix.

    "o'brien" becomes '"o"* "brien"*', which cannot be an FTS5 syntax error.
    """
    tokens = _TOKEN.findall(text)
    return " ".join('"' + t.replace('"', '""') + '"*' for t in tokens)


_QUERY_TOKEN = re.compile(r'"((?:[^"]|"")*)"\*')


def query_tokens(query: str) -> tuple[str, ...]:
    """The words of a query fts_query made, unquoted."""
    return tuple(t.replace('""', '"') for t in _QUERY_TOKEN.findall(query))


class RowMatcher:
    """The students' full-text match, applied to a few rows at a time: the rows go into a full-text index of their
    own (in memory, contentless, same columns, same tokenizer) and the same MATCH is asked of it, so a row is kept
    exactly when the students' index would find it. For one letter, which a large share of all students match,
    checking the first few hundred rows in roster order this way beats asking the whole index for every match."""

    def __init__(self) -> None:
        from imet_desktop.store.schema import FTS_TOKENIZER, NAME_FTS_COLUMNS

        self.columns = tuple(NAME_FTS_COLUMNS)
        self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        columns = ", ".join(f'"{c}"' for c in self.columns)
        self._conn.execute(f"CREATE VIRTUAL TABLE rows USING fts5({columns}, content='', tokenize='{FTS_TOKENIZER}')")
        self._insert = (f"INSERT INTO rows (rowid, {columns}) VALUES (?{', ?' * len(self.columns)})")
        self._lock = threading.Lock()

    def matching(self, rows: Iterable[Sequence[object]], query: str) -> set[int]:
        """The ids of rows ((id, *columns)) that query matches.

        Only rows in which each word of the query starts a word (a loose test: any character but a letter or digit
        ends a word, the names taken as stored and lowercased, and folded in search_text) go into the index: a
        row the index finds passes it, and most rows that pass it are found.
        """
        starts = [re.compile(r"(?<![^\W_])" + re.escape(word)) for word in query_tokens(query)]
        rows = [row for row in rows
                if all(start.search(text) for text in ["\n".join(map(str, row[1:])).lower()] for start in starts)]
        if not rows:
            return set()
        with self._lock:
            conn = self._conn
            conn.execute("INSERT INTO rows (rows) VALUES ('delete-all')")  # contentless: no row re-read
            conn.executemany(self._insert, rows)
            return {int(r[0]) for r in conn.execute("SELECT rowid FROM rows WHERE rows MATCH ?", (query,))}
