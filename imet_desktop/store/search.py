"""Full-text search: what the clerk types, made into a query the students' FTS5 index accepts."""

from __future__ import annotations

import heapq
import json
import re
import sqlite3
import threading
from array import array
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

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


CHUNK = 1_024  # rows of the order read (and remembered) at a time
ROW_TEXT = ("SELECT id, legal_family_name, legal_given_names, display_name, native_name, search_text "
             "FROM students WHERE id IN (SELECT value FROM json_each(?))")
_COLUMN_END, _ROW_END = "\x1f", "\x1e"  # between a row's columns, after each row (no name holds them: checked)
_matcher: RowMatcher | None = None


def row_matcher() -> RowMatcher:
    global _matcher
    if _matcher is None:
        _matcher = RowMatcher()
    return _matcher


@dataclass(slots=True)
class Head:
    """The searchable text of the first students of one roster order, lowercased, a chunk of rows at a time: per
    chunk the rows' columns joined (each column followed by _COLUMN_END, each row by _ROW_END), and where each row
    starts in it."""

    key: tuple[str, bool]
    texts: list[str] = field(default_factory=list)
    starts: list[array[int]] = field(default_factory=list)
    plain: list[bool] = field(default_factory=list)  # per chunk: a character lowercased is ASCII only if it was
    firsts: list[int] = field(default_factory=list)  # the position in the order of each chunk's first row
    rows: int = 0
    usable: bool = True  # False when a name holds a separator: the rows cannot be told apart
    sparse: list[tuple[str, ...]] = field(default_factory=list)  # searches too sparse in the rows remembered

    def extend(self, db: Database, ids: array[int]) -> None:
        """Remember the text of these students, the next ones in the order."""
        by_id = {int(r[0]): r[1:] for r in db.execute(ROW_TEXT, [json.dumps(ids.tolist())])}
        parts = ["".join(f"{'' if v is None else v}{_COLUMN_END}" for v in by_id.get(i, ("",) * 5)) + _ROW_END
                 for i in ids]  # a student gone meanwhile: no text, never found
        raw = "".join(parts)
        if raw.count(_COLUMN_END) != 5 * len(ids) or raw.count(_ROW_END) != len(ids):
            self.usable = False
        # Lowercased row by row: "İ" becomes two characters. It and the Kelvin sign are the only characters that are
        # not ASCII and lowercase to ASCII.
        lowered = [p.lower() for p in parts]
        starts: array[int] = array("q", [0] * len(parts))
        at = 0
        for n, text in enumerate(lowered):
            starts[n] = at
            at += len(text)
        self.texts.append("".join(lowered))
        self.starts.append(starts)
        self.plain.append("\u0130" not in raw and "\u212a" not in raw)
        self.firsts.append(self.rows)
        self.rows += len(ids)
        self.sparse.clear()  # more rows to search now

    def candidates(self, chunk: int, words: tuple[str, ...]) -> Iterator[tuple[int, bool]]:
        """The rows of a chunk (their indexes in it, in order) in which each word starts a word, the loose test of
        RowMatcher.matching (any character but a letter or digit ends a word; the text lowercased), so every row the
        index finds passes it; with each, whether the index surely finds it: each word (of ASCII letters and digits)
        starts at ASCII characters that follow an ASCII one that is not a letter or digit, or nothing (the index's
        tokenizer then starts a word just there, and folds those characters as they are lowercased here)."""
        text, starts = self.texts[chunk], self.starts[chunk]
        patterns = [_word_start(w) for w in words]
        plain = self.plain[chunk] and all(w.isascii() and w.isalnum() for w in words)
        longest = max(range(len(words)), key=lambda n: len(words[n]))
        pos, rows = 0, len(starts)
        while (first := patterns[longest].search(text, pos)) is not None:
            row = bisect_right(starts, first.start()) - 1
            end = starts[row + 1] if row + 1 < rows else len(text)
            if all(pattern.search(text, starts[row], end) for pattern in patterns):
                yield row, plain and _surely(text, starts[row], end, patterns, words)
            pos = end

    def sparser(self, words: tuple[str, ...]) -> bool:
        """Whether a search too sparse in these rows asked less than this one (each of its words begins one of
        these): this one finds fewer, and is too sparse too."""
        return any(all(any(w.startswith(old) for w in words) for old in before) for before in self.sparse)


def _surely(text: str, start: int, end: int, patterns: list[re.Pattern[str]], words: tuple[str, ...]) -> bool:
    """Whether each word starts, in text[start:end], at ASCII characters after an ASCII one or none."""
    return all(any((m.start() == 0 or text[m.start() - 1].isascii()) and text[m.start():m.start() + len(word)].isascii()
                   for m in pattern.finditer(text, start, end))
               for pattern, word in zip(patterns, words, strict=True))


def _word_start(word: str) -> re.Pattern[str]:
    """Where a word starts a word: its first letter (the regular expression engine skips ahead to it), then the check
    that no letter or digit comes before it."""
    first = re.escape(word[0])
    return re.compile(first + r"(?<![^\W_]" + first + ")" + re.escape(word[1:]))


@dataclass(slots=True)
class Places:
    """Each current student's place in one roster order, by id (`at[id]`; the order's length for an id not in it),
    filled a slice at a time: usable once `filled` is the order's length."""

    key: tuple[str, bool]  # (sort, descending)
    at: array[int]
    filled: int = 0

    def of(self, order: array[int], key: tuple[str, bool]) -> bool:
        """Whether these are every place of this order (of this sort)."""
        return self.key == key and self.filled == len(order)

    def fill(self, order: array[int], stopped: Callable[[], bool], slice_size: int) -> None:
        """Fill in the places of the order's next slices, until every one is in or stopped() is true."""
        while self.filled < len(order) and not stopped():
            start, stop = self.filled, min(len(order), self.filled + slice_size)
            deque(map(self.at.__setitem__, order[start:stop], range(start, stop)), maxlen=0)
            self.filled = stop

    def first(self, ids: Iterable[int], count: int, order: array[int]) -> array[int]:
        """The first `count` of these ids in the order (those in it, each once: the index lists a student twice when
        a name and a number match): ~0.3 µs an id, wherever in the order they lie."""
        at, size, beyond = self.at, len(self.at), len(order)
        placed = {n for n in map(at.__getitem__, (i for i in ids if i < size)) if n < beyond}
        return array("q", (order[n] for n in heapq.nsmallest(count, placed)))


def dense(last: int, students: int) -> bool:
    """Whether ids up to `last` are close enough together over `students` students for tables by id (a byte or four
    an id): the program numbers students 1, 2, 3...; another program may have set them far apart (an id of
    3,000,000,000 would make such a table 3 GB). At most 16 ids a student and a million more."""
    return last <= 16 * students + 1_000_000


class Marks:
    """Which ids a search lets through, looked up by id: a byte an id up to `last` (0.6 MiB at 600,375 students),
    or a set of them when the ids are too sparse for that (not dense)."""

    __slots__ = ("_has",)

    def __init__(self, ids: array[int], last: int, students: int) -> None:
        if dense(last, students):
            table = bytearray(last + 1)
            for i in ids:
                table[i] = 1
            self._has: Callable[[int], object] = table.__getitem__
        else:
            self._has = frozenset(ids).__contains__

    def kept(self, ordered: Iterable[int]) -> Iterator[int]:
        """The ids of ordered (each at most `last`) that are marked, in ordered's order."""
        return compress(ordered, map(self._has, ordered))
