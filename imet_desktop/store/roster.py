"""The roster's queries: student ids sorted, searched and filtered in SQL, and rows fetched by page.

The roster's table model keeps only the ids in order (see ui/roster/model.py); it asks here for the
ids of a search and a sort, and for the rows of the ids it shows.
"""

from __future__ import annotations

import json
import weakref
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice

from sqlite_utils import Database

from imet_desktop.domain import names
from imet_desktop.domain.names import search_fold
from imet_desktop.domain.overview import StudentSelection
from imet_desktop.store.ids import NARROW, extended
from imet_desktop.store.roster_order import legal_name_order
from imet_desktop.store.search import CHUNK, ROW_TEXT, Head, Marks, Places, dense, fts_query, query_tokens, row_matcher

# count_students lives in store.stats, which the status bar's counts import at start without this module
from imet_desktop.store.stats import count_students as count_students
from imet_desktop.store.stats import data_stamp


@dataclass(frozen=True, slots=True)
class RosterRow:
    """What the roster table shows for one student."""

    id: int
    legal_family_name: str
    legal_given_names: str
    display_name: str
    native_name: str
    country_code: str
    country_name: str
    country_rank: str
    service: str
    funding_program: str
    current_class: str
    status: str
    arrival_date: str
    ecl_score: int | None
    wcn: str
    ito_number: str
    has_photo: bool
    archived_at: str | None = None

    @property
    def legal_name(self) -> str:
        """FAMILY, Given."""
        return names.legal_name(self.legal_family_name, self.legal_given_names)


@dataclass(frozen=True, slots=True)
class RosterFilter:
    """The roster's filters; an empty field filters nothing, and the filters combine (AND)."""

    country_code: str = ""
    region: str = ""  # State Department bureau code (AF, EAP, EUR, NEA, SCA, WHA)
    status: str = ""
    funding_program: str = ""
    course_id: int | None = None
    class_id: int | None = None
    arrival_year: int | None = None
    selection: StudentSelection | None = None  # the students behind an Overview figure

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return any((self.country_code, self.region, self.status, self.funding_program,
                    self.course_id is not None, self.class_id is not None, self.arrival_year is not None,
                    self.selection is not None))


NO_FILTER = RosterFilter()

# The legal name breaks ties in every sort; the roster indexes (schema 0002) carry it after their key.
_NAME = "s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE"
_CURRENT_CLASS = """(SELECT cl.designator FROM enrollments e JOIN classes cl ON cl.id = e.class_id
                 WHERE e.student_id = s.id AND e.status IN ('Enrolled', 'Completed')
                 ORDER BY cl.start_date DESC, cl.id DESC LIMIT 1)"""
_HAS_CLASS = "s.id IN (SELECT student_id FROM enrollments WHERE status IN ('Enrolled', 'Completed'))"
_HAS_PHOTO = "s.id IN (SELECT student_id FROM student_photos)"

# Sort keys the roster offers: key -> ORDER BY terms (the direction is applied to each term). Sorting
# a few thousand matches by these is a quick temporary B-tree; the whole roster is read from indexes
# instead (see _whole_roster_order).
SORT_COLUMNS: dict[str, str] = {
    "legal_name": f"{_NAME}, s.id",
    "display_name": f"s.display_name COLLATE NOCASE, {_NAME}, s.id",
    "native_name": f"s.native_name, {_NAME}, s.id",
    "country": f"coalesce((SELECT c.name FROM countries c WHERE c.code = s.country_code), ''), s.country_code, "
               f"{_NAME}, s.id",
    "country_rank": f"s.country_rank COLLATE NOCASE, {_NAME}, s.id",
    "service": f"s.service COLLATE NOCASE, {_NAME}, s.id",
    "funding_program": f"s.funding_program, {_NAME}, s.id",
    "current_class": f"coalesce({_CURRENT_CLASS}, ''), {_NAME}, s.id",
    "status": f"s.status, {_NAME}, s.id",
    "arrival_date": f"s.arrival_date, {_NAME}, s.id",
    "ecl_score": f"s.ecl_score, {_NAME}, s.id",
    "wcn": f"s.wcn, {_NAME}, s.id",
    "ito_number": f"s.ito_number, {_NAME}, s.id",
    "photo": f"{_HAS_PHOTO}, {_NAME}, s.id",
    "id": "s.id",
}
# Keys whose whole-roster order is one query: a scan of an index (legal name, status, arrival date: schema
# 0002), or for the columns clerks rarely sort by, SQLite's own sort (schema 0009 dropped their indexes,
# which every insert paid for). Country, photo and current class are read in parts.
_ONE_QUERY_SORTS = frozenset({"legal_name", "display_name", "native_name", "country_rank", "service",
                              "funding_program", "status", "arrival_date", "ecl_score", "wcn", "ito_number", "id"})
# Above this many matches, reading the whole roster's order from its index and keeping the matches
# beats sorting the matches in a temporary B-tree (measured: the two break even near 100,000).
LARGE_MATCH = 100_000

@dataclass(frozen=True, slots=True)
class _Part:
    """One condition of a roster query, and how to count (cheaply, up to a cap) the students it lets through."""

    clause: str
    params: tuple[object, ...]
    counted_by: str  # SELECT ... of the ids the condition lets through, for a capped count
    selective: float  # the planner's hint: the share of students it lets through
    matched: str | None = None  # the full-text query, when the condition is the search's (words and exact numbers)


# One UNION of index lookups: an OR across columns would make SQLite scan every student.
# The "<> ''" terms let it use the partial indexes on these columns.
_EXACT = ("SELECT id FROM students WHERE wcn = ? AND wcn <> '' "
          "UNION SELECT id FROM students WHERE ito_number = ? AND ito_number <> '' "
          "UNION SELECT id FROM students WHERE passport_number = ? AND passport_number <> ''")


def _search_part(search: str) -> _Part | None:
    text = search.strip()
    if not text:
        return None
    query = fts_query(search_fold(text))
    exact = _EXACT
    if not query:
        return _Part(f"s.id IN ({exact})", (text, text, text), exact, 0.0)
    ids = f"SELECT rowid FROM students_fts WHERE students_fts MATCH ? UNION {exact}"
    # The ids alone (a student matching twice is listed twice): no temporary B-tree for the UNION, no row read.
    listed = ("SELECT rowid AS id FROM students_fts WHERE students_fts MATCH ? "
              f"UNION ALL {exact.replace('UNION', 'UNION ALL')}")
    return _Part(f"s.id IN ({ids})", (query, text, text, text), listed, 0.01, query)


def _likely(condition: str, probability: float) -> str:
    """A condition with SQLite's hint of how often it holds, so the planner starts from the most
    selective filter's index: without hints it took 'region EUR' (a sixth of all students) over
    'arrived in 1999' and read 150,000 rows to find 3,000 (260 ms against 6 ms)."""
    return f"likelihood({condition}, {probability})"


def _column_part(condition: str, params: tuple[object, ...], probability: float) -> _Part:
    return _Part(_likely(condition, probability), params, f"SELECT s.id FROM students s WHERE {condition}",
                 probability)


def _filter_parts(filters: RosterFilter) -> list[_Part]:
    parts: list[_Part] = []
    if filters.country_code:
        parts.append(_column_part("s.country_code = ?", (filters.country_code,), 0.02))
    if filters.region:
        parts.append(_column_part("s.country_code IN (SELECT code FROM countries WHERE region = ?)",
                                  (filters.region,), 0.2))
    if filters.status:
        parts.append(_column_part("s.status = ?", (filters.status,), 0.5))
    if filters.funding_program:
        parts.append(_column_part("s.funding_program = ?", (filters.funding_program,), 0.5))
    if filters.class_id is not None:
        parts.append(_column_part("s.id IN (SELECT student_id FROM enrollments WHERE class_id = ?)",
                                  (filters.class_id,), 0.001))
    elif filters.course_id is not None:
        parts.append(_column_part("s.id IN (SELECT e.student_id FROM enrollments e JOIN classes cl "
                                  "ON cl.id = e.class_id WHERE cl.course_id = ?)", (filters.course_id,), 0.01))
    if filters.arrival_year is not None:
        first, after = f"{filters.arrival_year:04d}-01-01", f"{filters.arrival_year + 1:04d}-01-01"
        parts.append(_Part(f"{_likely('s.arrival_date >= ?', 0.1)} AND {_likely('s.arrival_date < ?', 0.1)}",
                           (first, after), "SELECT s.id FROM students s WHERE s.arrival_date >= ? "
                                           "AND s.arrival_date < ?", 0.01))
    if filters.selection is not None:
        from imet_desktop.store.overview import selection_ids_sql

        sql, params = selection_ids_sql(filters.selection)
        parts.append(_Part(f"s.id IN ({sql})", tuple(params), sql, 0.001))
    return parts


def _matches_many(db: Database, parts: Sequence[_Part]) -> bool:
    """Whether every condition lets more than LARGE_MATCH students through (then, likely, so do all together).

    Each count stops at the cap and reads only its own index: a few milliseconds, most selective first.
    """
    for part in sorted(parts, key=lambda p: p.selective):
        capped = db.execute(f"SELECT count(*) FROM ({part.counted_by} LIMIT {LARGE_MATCH + 1})",
                            list(part.params)).fetchone()[0]
        if capped <= LARGE_MATCH:
            return False
    return True


def _ids(db: Database, sql: str, params: Sequence[object] = ()) -> array[int]:
    """The ids a query returns, in its order, as a compact array.

    One JSON string of all ids parsed in C is ~3 times faster than 600,000 Python rows. It is parsed a piece at
    a time: parsed whole, 600,000 ids are a list of 600,000 Python ints (~24 MiB) before they are an array (~5 MiB).
    """
    text = db.execute(f"SELECT json_group_array(id) FROM ({sql})", list(params)).fetchone()[0] or "[]"
    ids: array[int] = array(NARROW)
    start, end = 1, len(text) - 1  # inside the brackets
    while start < end:
        stop = text.find(",", min(start + _PIECE, end))
        stop = end if stop < 0 else stop
        ids = extended(ids, json.loads(f"[{text[start:stop]}]"))
        start = stop + 1
    return ids


_PIECE = 65_536  # characters of ids parsed at a time (~9,000 ids)


def _order(sort: str, descending: bool) -> str:
    direction = " DESC" if descending else ""
    return ", ".join(term + direction for term in _split_terms(SORT_COLUMNS[sort]))


def _split_terms(order: str) -> list[str]:
    """ORDER BY terms split at top-level commas (subqueries hold commas of their own)."""
    terms, depth, start = [], 0, 0
    for i, ch in enumerate(order):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            terms.append(order[start:i].strip())
            start = i + 1
    terms.append(order[start:].strip())
    return terms


_CURRENT = "s.archived_at IS NULL"


def _roster_order_queries(db: Database, sort: str, descending: bool) -> list[tuple[str, list[object]]]:
    """The queries whose results, one after the other, are every student not archived in roster order,
    read from indexes where the key has one (no temporary B-tree over the whole roster).

    Keys with an index of their own are one index scan; the rarely sorted ones one sort by SQLite.
    The country is sorted by its name, which no students index holds: one scan of the country index
    per country, countries in name order. Photo and current class are yes/no for most students: the
    few with one are sorted on their own.
    """
    direction = " DESC" if descending else ""
    if sort in _ONE_QUERY_SORTS:
        return [(f"SELECT s.id FROM students s WHERE {_CURRENT} ORDER BY {_order(sort, descending)}", [])]
    name_order = ", ".join(t + direction for t in _split_terms(f"{_NAME}, s.id"))
    if sort == "country":
        codes = [r[0] for r in db.execute("SELECT code FROM countries ORDER BY name, code")]
        # Students without a country come first ('' sorts first); a code is always in countries (foreign key).
        queries: list[tuple[str, list[object]]] = [
            (f"SELECT s.id FROM students s WHERE {_CURRENT} AND s.country_code IS NULL ORDER BY {name_order}", [])]
        queries += [(f"SELECT s.id FROM students s WHERE {_CURRENT} AND s.country_code = ? ORDER BY {name_order}",
                     [code]) for code in codes]
        return queries[::-1] if descending else queries
    has = _HAS_PHOTO if sort == "photo" else _HAS_CLASS
    without: tuple[str, list[object]] = (
        f"SELECT s.id FROM students s WHERE {_CURRENT} AND NOT {has} ORDER BY {name_order}", [])
    with_one: tuple[str, list[object]] = (
        f"SELECT s.id FROM students s WHERE {_CURRENT} AND {has} ORDER BY {_order(sort, descending)}", [])
    return [with_one, without] if descending else [without, with_one]


def _whole_roster_order(db: Database, sort: str, descending: bool, limit: int | None = None) -> array[int]:
    """Every student not archived (or the first `limit`), in roster order, read from indexes (or remembered)."""
    cache = _cache(db)
    if cache.order is not None and cache.order[0] == (sort, descending):
        whole = cache.order[1]
        return whole if limit is None else whole[:limit]
    if sort == "legal_name" and limit is None:  # the default sort, a page at a time: see store/roster_order.py
        result = legal_name_order(db, descending)
    else:
        result = array(NARROW)
        for sql, params in _roster_order_queries(db, sort, descending):
            if limit is not None:
                if len(result) >= limit:
                    break
                sql = f"{sql} LIMIT {limit - len(result)}"
            result = extended(result, _ids(db, sql, params))
    if limit is None:
        cache.order = ((sort, descending), result)
    return result


# --- what a connection remembers between queries ----------------------------------------------------------------
# The roster asks, keystroke after keystroke, for the same whole-roster order, the same matches twice (first screen,
# then all) and the same count beside the box: a connection remembers each until the database changes (data_stamp).

@dataclass(slots=True)
class _Remembered:
    version: tuple[int, int, bool]
    order: tuple[tuple[str, bool], array[int]] | None = None  # (sort, descending), every current student's id
    matched: tuple[tuple[str, tuple[object, ...]], array[int], Marks] | None = None  # (sql, params), ids, marks
    head: Head | None = None  # the searchable text of the order's first students (the order in `order`)
    places: Places | None = None  # each student's place in the order in `order`, by id
    counts: dict[bool, int] = field(default_factory=dict)  # count_students by archived_only


_REMEMBERED: weakref.WeakKeyDictionary[Database, _Remembered] = weakref.WeakKeyDictionary()


def _cache(db: Database) -> _Remembered:
    version = data_stamp(db)
    cache = _REMEMBERED.get(db)
    if cache is None or cache.version != version:
        cache = _REMEMBERED[db] = _Remembered(version)
    return cache


def remembered_count(db: Database, *, archived_only: bool = False) -> int:
    """count_students (~2 ms at 600,000), asked with every keystroke, remembered until the database changes."""
    counts = _cache(db).counts
    if archived_only not in counts:
        counts[archived_only] = count_students(db, archived_only=archived_only)
    return counts[archived_only]


def _matched(db: Database, sql: str, params: Sequence[object]) -> tuple[array[int], Marks]:
    """The ids a query lets through (in no useful order) and their marks, remembered."""
    cache = _cache(db)
    key = (sql, tuple(params))
    if cache.matched is not None and cache.matched[0] == key:
        return cache.matched[1], cache.matched[2]
    ids = _ids(db, sql, params)
    # Room for every student's id, so that any id of an order of the same version can be looked up.
    marks = Marks(ids, max(max(ids, default=0), _last_id(db)), remembered_count(db))
    cache.matched = (key, ids, marks)
    return ids, marks


def _last_id(db: Database) -> int:
    """The highest student id (archived students included): every id a search finds is at most this."""
    return int(db.execute("SELECT coalesce(max(id), 0) FROM students").fetchone()[0])


def _remembered_order(db: Database, sort: str, descending: bool) -> array[int] | None:
    cache = _cache(db)
    return cache.order[1] if cache.order is not None and cache.order[0] == (sort, descending) else None


# When the whole roster's order is already known, the matches are kept in that order (a pass over up to 600,000
# ids: ~60 ms for all of them; the first screen stops after its rows, a few ms when the matches are not rare)
# rather than sorted in SQL (~6 µs a match: row lookups and name collation). The first screen from this many
# matches, every match from that many.
FIRST_SCREEN_ORDERED = 2_000
ORDERED_MATCH = 15_000
# Once each student's place in the order is known (read_ahead), the first screen of up to this many matches is
# picked by their places (~0.3 µs a match) instead: the pass over the order above goes as far as the first screen's
# last match: ~30 ms when the 64th is 140,000 students in ("jun", "che", "par" on the demo: sparse until there).
PLACED_MATCH = 20_000


def _query(sort: str, search: str, filters: RosterFilter, include_archived: bool,
           archived_only: bool) -> tuple[str | None, list[_Part]]:
    if sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {sort!r}")
    parts = _filter_parts(filters)
    search_part = _search_part(search)
    if search_part is not None:
        parts.append(search_part)
    if archived_only:
        return "s.archived_at IS NOT NULL", parts
    return (None if include_archived else _CURRENT), parts


def _matched_sql(scope: str | None, parts: Sequence[_Part]) -> tuple[str, list[object]]:
    conditions = " AND ".join(([scope] if scope else []) + [p.clause for p in parts])
    return (f"SELECT s.id FROM students s {'WHERE ' + conditions if conditions else ''}",
            [v for p in parts for v in p.params])


def _candidates(scope: str | None, parts: Sequence[_Part]) -> tuple[str, list[object]]:
    """A query of the ids of every match, and perhaps of a few other students (archived ones, when the roster's
    order or _sorted_in_sql leaves them out): a search alone is read from its indexes only. Checking each match
    against its student's row (archived or not) read 27,000 rows for "mar" (~70 ms) where the index took 12."""
    if scope == _CURRENT and len(parts) == 1 and parts[0].matched is not None:
        return parts[0].counted_by, list(parts[0].params)
    return _matched_sql(scope, parts)


def _sorted_in_sql(db: Database, ids: array[int], sort: str, descending: bool, limit: int | None,
                   scope: str | None = None) -> array[int]:
    """These students (those in scope) in roster order, sorted by SQLite (a few thousand: a quick temporary B-tree)."""
    return _ids(db, f"SELECT s.id FROM students s WHERE {scope + ' AND ' if scope else ''}"
                    "s.id IN (SELECT value FROM json_each(?)) "
                    f"ORDER BY {_order(sort, descending)}{f' LIMIT {limit}' if limit is not None else ''}",
                [json.dumps(ids.tolist())])


def first_student_ids(db: Database, *, search: str = "", sort: str = "legal_name", descending: bool = False,
                      filters: RosterFilter = NO_FILTER, archived_only: bool = False,
                      count: int = 256) -> array[int]:
    """The first `count` ids of what student_ids returns: the first screen of rows, while the rest (and so the
    number of matches) is still on its way.

    The whole roster (no search, no filter) in a millisecond or two from an index. A search or filter: its matches
    once (remembered for the student_ids that follows), then the first of them in the whole roster's order when
    that is known, else sorted in SQL with a LIMIT.
    """
    scope, parts = _query(sort, search, filters, False, archived_only)
    if scope == _CURRENT and not parts:
        return _whole_roster_order(db, sort, descending, count)
    if scope == _CURRENT and len(parts) == 1:
        checked = _checked_first(db, search, sort, descending, count)
        if checked is not None:
            return checked
    ids, marks = _matched(db, *_candidates(scope, parts))
    order = _remembered_order(db, sort, descending) if scope == _CURRENT else None
    places = _cache(db).places
    if order is not None and places is not None and places.of(order, (sort, descending)) and len(ids) <= PLACED_MATCH:
        return places.first(ids, count, order)
    if order is not None and len(ids) > FIRST_SCREEN_ORDERED:
        return array("q", islice(marks.kept(order), count))
    return _sorted_in_sql(db, ids, sort, descending, count, scope)


# --- a short search: the first rows in roster order, checked one by one ----------------------------------------------
# "a" matches 168,000 of 600,000 students: the full-text index lists them all (~100-170 ms, merging the lists of
# every word that starts with "a") before the first screen can be picked from them; "mar" 27,000 (15-45 ms). Checking
# the students in roster order instead finds the first screen in the first few thousand rows when the matches are not
# rare. The names of the students checked are remembered (their text, a chunk of rows to a string: ~0.4 MB a 1,024),
# so the next keystrokes search that text in memory (a regular expression per chunk, a few ms) and read only the
# rows it finds, to check them exactly. Rare matches (fewer than a screen in the rows remembered and their projection
# beyond CHECK_AT_MOST) are left to the index, which lists few matches quickly.
CHECK_AT_MOST = 12 * CHUNK  # rows of the order remembered and checked at most for one screen
CHECK_REACH = 3  # read on while the matches so far project the screen filled within this many times CHECK_AT_MOST


def _checked_first(db: Database, search: str, sort: str, descending: bool, count: int,
                   at_most: int = CHECK_AT_MOST) -> array[int] | None:
    """The first `count` current students a search finds, in roster order, found by checking students in roster
    order (their names remembered); None (the full-text index is asked instead) when the whole roster's order is not
    known (the sort the clerk chose, not yet read), when the search is a number someone's WCN, ITO or passport
    equals, or when the matches are too sparse where the order starts (more than at_most rows to check)."""
    part = _search_part(search)
    query = part.matched if part is not None else None
    if query is None:
        return None
    words = tuple(w.lower() for w in query_tokens(query))
    cache = _cache(db)
    if at_most <= 0 or not words or cache.order is None or cache.order[0] != (sort, descending):
        return None
    # The exact numbers first: a search some student's WCN, ITO number or passport equals is left to the index.
    if db.execute(_EXACT, [search.strip()] * 3).fetchone() is not None:
        return None
    order, head = cache.order[1], _head(cache, sort, descending)
    if head.sparser(words):
        return None
    found: array[int] = array("q")
    chunk = 0
    while len(found) < count:
        if chunk == len(head.texts):  # every row remembered is checked: read the next ones, unless too sparse
            checked = head.rows
            if checked >= len(order):
                break  # every student checked: these are all the matches
            # The matches cluster (the order's first names are alike): rows read are remembered, so the head is read
            # on while the screen may fill within CHECK_REACH times at_most by the matches so far (they cluster after a
            # sparse start too: "mar", 17 in the demo's first 7,168 rows, its 64th at 8,915), or, with none found
            # yet, through half of it.
            projected = (count - len(found)) * checked // len(found) + checked if found else 0
            if checked >= at_most or (checked >= at_most // 2 if not found else projected > CHECK_REACH * at_most):
                head.sparse[:] = [*head.sparse[-7:], words]
                return None
            _read_on(db, head, order, at_most)
        if not head.usable:
            return None
        first = head.firsts[chunk]
        candidates = head.candidates(chunk, words)
        while len(found) < count:
            batch = list(islice(candidates, count - len(found) + 16))
            if not batch:
                break
            unsure = [order[first + i] for i, sure in batch if not sure]
            hits = row_matcher().matching(db.execute(ROW_TEXT, [json.dumps(unsure)]).fetchall(), query) \
                if unsure else set()
            found.extend(order[first + i] for i, sure in batch if sure or order[first + i] in hits)
        chunk += 1
    return found[:count]


def _head(cache: _Remembered, sort: str, descending: bool) -> Head:
    if cache.head is None or cache.head.key != (sort, descending):
        cache.head = Head((sort, descending))
    return cache.head


def _read_on(db: Database, head: Head, order: array[int], upto: int) -> None:
    """Remember the names of the order's next CHUNK students after those the head holds, up to its first `upto`."""
    head.extend(db, order[head.rows:head.rows + min(CHUNK, upto - head.rows)])


def read_ahead(db: Database, *, sort: str = "legal_name", descending: bool = False, rows: int = CHECK_AT_MOST,
               stopped: Callable[[], bool] = lambda: False) -> int:
    """Remember the names of the whole roster's first `rows` students in its order (once the order is known), a chunk
    of CHUNK at a time: what a short search checks first; then each student's place in that order (what the first
    screen of a search the index answers is picked by). Returns how many names are remembered (0: no order known).

    The roster asks for this on its reader once a screen is shown (~12 ms a chunk at 600,375 students with the file
    in the OS's cache, ~150 ms for all twelve; the places ~250 ms), so that the clerk's next keystrokes find those rows
    in memory instead of reading them as they go (on the demo "m" reads 1 chunk, "ma" 7, "mar" 9: ~12 ms each, more
    while the window paints). Each chunk is one statement, which the reader's progress handler stops when the clerk
    asks for something else (a chunk not read to its end is not remembered); the places go a slice at a time, and
    stop once stopped() is true, to go on from there the next time."""
    cache = _cache(db)
    if cache.order is None or cache.order[0] != (sort, descending):
        return 0
    order, head = cache.order[1], _head(cache, sort, descending)
    end = min(rows, len(order))
    while head.usable and head.rows < end and not stopped():
        _read_on(db, head, order, end)
    if stopped():
        return head.rows
    if cache.places is None or cache.places.key != (sort, descending):
        last = _last_id(db)
        if not dense(last, len(order)):  # ids set too far apart (by another program) for 4 bytes an id (2.3 MiB at
            return head.rows  # 600,375 students): the first screens pass over the order, as before
        cache.places = Places((sort, descending), array("i", [len(order)]) * (last + 1))
    cache.places.fill(order, stopped, _SLICE)
    return head.rows


def student_ids(db: Database, *, search: str = "", sort: str = "legal_name", descending: bool = False,
                filters: RosterFilter = NO_FILTER, include_archived: bool = False,
                archived_only: bool = False) -> array[int]:
    """The ids of the students matching search and filters, in roster order, as a compact array.

    By default only students not archived; archived_only gives the archive's view.
    """
    scope, parts = _query(sort, search, filters, include_archived, archived_only)
    if scope == _CURRENT and not parts:
        return _whole_roster_order(db, sort, descending)
    if scope != _CURRENT:
        sql, params = _matched_sql(scope, parts)
        return _ids(db, f"{sql} ORDER BY {_order(sort, descending)}", params)
    order = _remembered_order(db, sort, descending)
    if order is None and not _matches_many(db, parts):
        ids, _marks = _matched(db, *_candidates(scope, parts))
        return _sorted_in_sql(db, ids, sort, descending, None, scope)
    ids, marks = _matched(db, *_candidates(scope, parts))
    if order is None and len(ids) > LARGE_MATCH:
        # 100,000 matches or more: the whole roster's order, read from its indexes, kept where it matches
        # beats sorting them all in a temporary B-tree (~3 µs a row against ~0.3 µs); it is remembered after.
        order = _whole_roster_order(db, sort, descending)
    if order is not None and len(ids) > ORDERED_MATCH:
        kept: array[int] = array(NARROW)
        for start in range(0, len(order), _SLICE):
            kept = extended(kept, marks.kept(order[start:start + _SLICE]))
        return kept
    return _sorted_in_sql(db, ids, sort, descending, None, scope)


# The pass over the whole order goes in slices: one call in C over 600,000 ids would hold Python's lock for tens
# of milliseconds, and the window's thread (painting the first screen this pass follows) would wait for it.
_SLICE = 8_192


_ROSTER_SQL = f"""
SELECT s.id, s.legal_family_name, s.legal_given_names, s.display_name, s.native_name,
       coalesce(s.country_code, ''), coalesce(c.name, ''), s.country_rank, s.service, s.funding_program,
       coalesce({_CURRENT_CLASS}, ''),
       s.status, coalesce(s.arrival_date, ''), s.ecl_score, s.wcn, s.ito_number,
       EXISTS (SELECT 1 FROM student_photos p WHERE p.student_id = s.id), s.archived_at
FROM students s LEFT JOIN countries c ON c.code = s.country_code
WHERE s.id IN ({{marks}})
"""


def roster_rows(db: Database, ids: Sequence[int]) -> list[RosterRow]:
    """The roster rows for these ids, in the order given (missing ids are skipped)."""
    found: dict[int, RosterRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        sql = _ROSTER_SQL.format(marks=",".join("?" * len(chunk)))
        for r in db.execute(sql, chunk):
            values = list(r)
            values[16] = bool(values[16])
            found[r[0]] = RosterRow(*values)
    return [found[i] for i in ids if i in found]
