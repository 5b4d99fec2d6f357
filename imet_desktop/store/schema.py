"""The schema, as numbered migrations. Change it only by adding a migration at the end."""

from __future__ import annotations

import json
import sqlite3

from sqlite_utils import Database, Migrations

from imet_desktop.domain.countries import all_countries

migrations = Migrations("imet_desktop")

NAME_FTS_COLUMNS = ["legal_family_name", "legal_given_names", "display_name", "native_name", "search_text"]
FTS_TOKENIZER = "unicode61 remove_diacritics 2"

_SCHEMA_0001 = """
CREATE TABLE countries (
    code TEXT PRIMARY KEY,               -- ISO 3166-1 alpha-2
    alpha3 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    official_name TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT '',     -- State Department bureau (AF, EAP, EUR, NEA, SCA, WHA)
    combatant_command TEXT NOT NULL DEFAULT ''
);

CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                  -- 'students', 'photos', 'demo', ...
    file_name TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    rows_total INTEGER NOT NULL DEFAULT 0,
    rows_imported INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    mapping TEXT NOT NULL DEFAULT '{}',  -- JSON: file header -> field
    undone_at TEXT,
    user_name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE students (
    id INTEGER PRIMARY KEY,
    legal_family_name TEXT NOT NULL CHECK (trim(legal_family_name) <> ''),
    legal_given_names TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    native_name TEXT NOT NULL DEFAULT '',
    pronunciation TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'M', 'F')),
    date_of_birth TEXT,
    place_of_birth TEXT NOT NULL DEFAULT '',
    country_code TEXT REFERENCES countries(code),
    service TEXT NOT NULL DEFAULT '',
    country_rank TEXT NOT NULL DEFAULT '',
    us_rank TEXT NOT NULL DEFAULT '',
    pay_grade TEXT NOT NULL DEFAULT '',
    service_number TEXT NOT NULL DEFAULT '',
    passport_number TEXT NOT NULL DEFAULT '',
    passport_expiry TEXT,
    visa_type TEXT NOT NULL DEFAULT '',
    visa_number TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    funding_program TEXT NOT NULL DEFAULT '',
    fms_case_id TEXT NOT NULL DEFAULT '',
    ito_number TEXT NOT NULL DEFAULT '',
    wcn TEXT NOT NULL DEFAULT '',
    ecl_score INTEGER CHECK (ecl_score IS NULL OR ecl_score BETWEEN 0 AND 100),
    arrival_date TEXT,
    arrival_airport TEXT NOT NULL DEFAULT '',
    departure_date TEXT,
    status TEXT NOT NULL DEFAULT 'Projected',
    sponsor TEXT NOT NULL DEFAULT '',
    dependents TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    -- every name folded by domain.names.search_text (no case, accents or strokes), for the
    -- full-text index only; written by the store whenever a name changes
    search_text TEXT NOT NULL DEFAULT '',
    import_batch_id INTEGER REFERENCES import_batches(id),
    archived_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
CREATE INDEX students_country ON students(country_code);
CREATE INDEX students_status ON students(status);
CREATE INDEX students_wcn ON students(wcn) WHERE wcn <> '';
CREATE INDEX students_ito ON students(ito_number) WHERE ito_number <> '';
CREATE INDEX students_passport ON students(passport_number) WHERE passport_number <> '';
-- the roster's default order; partial, so the roster's "not archived" filter needs no table lookups
CREATE INDEX students_family_name ON students(legal_family_name COLLATE NOCASE, legal_given_names COLLATE NOCASE)
    WHERE archived_at IS NULL;
CREATE INDEX students_arrival ON students(arrival_date);
CREATE INDEX students_batch ON students(import_batch_id) WHERE import_batch_id IS NOT NULL;
-- few students are archived: counting the rest is "all minus these", not a scan of the table
CREATE INDEX students_archived ON students(archived_at) WHERE archived_at IS NOT NULL;

CREATE TABLE student_photos (
    student_id INTEGER PRIMARY KEY REFERENCES students(id) ON DELETE CASCADE,
    image BLOB NOT NULL,                 -- scaled JPEG or PNG
    thumbnail BLOB NOT NULL,
    mime_type TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE student_status_history (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX student_status_history_student ON student_status_history(student_id);

CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    masl_id TEXT NOT NULL DEFAULT '',
    min_ecl INTEGER CHECK (min_ecl IS NULL OR min_ecl BETWEEN 0 AND 100),
    length_weeks INTEGER,
    in_residence INTEGER NOT NULL DEFAULT 1,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE course_prerequisites (
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    prerequisite_id INTEGER NOT NULL REFERENCES courses(id),
    PRIMARY KEY (course_id, prerequisite_id),
    CHECK (course_id <> prerequisite_id)
);

CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses(id),
    designator TEXT NOT NULL UNIQUE,
    start_date TEXT,
    end_date TEXT,
    capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    location TEXT NOT NULL DEFAULT ''
);
CREATE INDEX classes_course ON classes(course_id);

CREATE TABLE class_seminars (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (class_id, name)
);

CREATE TABLE enrollments (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    seminar_id INTEGER REFERENCES class_seminars(id),
    status TEXT NOT NULL DEFAULT 'Enrolled'
        CHECK (status IN ('Enrolled', 'Waitlisted', 'Completed', 'Withdrawn', 'Eliminated')),
    waitlist_position INTEGER,
    enrolled_date TEXT,
    outcome_date TEXT,
    distinction TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    override_by TEXT NOT NULL DEFAULT '',
    override_at TEXT,
    UNIQUE (student_id, class_id)
);
CREATE INDEX enrollments_class ON enrollments(class_id, status);

CREATE TABLE fsp_events (
    id INTEGER PRIMARY KEY,
    event_date TEXT NOT NULL,
    title TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    topics TEXT NOT NULL DEFAULT '[]'    -- JSON list of the 11 FSP topics covered
);

CREATE TABLE fsp_attendance (
    event_id INTEGER NOT NULL REFERENCES fsp_events(id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    attended INTEGER NOT NULL DEFAULT 1,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, student_id)
);

CREATE TABLE positions (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    appointment_date TEXT,
    end_date TEXT,
    source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX positions_student ON positions(student_id);

CREATE TABLE ceremonies (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    ceremony_date TEXT,
    ceremony_time TEXT NOT NULL DEFAULT '',
    venue TEXT NOT NULL DEFAULT '',
    presiding_official TEXT NOT NULL DEFAULT '',
    host TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'Planned' CHECK (status IN ('Planned', 'Held', 'Cancelled')),
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE nominations (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    position_id INTEGER REFERENCES positions(id),
    nominated_by TEXT NOT NULL,
    nominated_by_kind TEXT NOT NULL DEFAULT '',  -- SCO, combatant command, school
    nomination_date TEXT,
    evidence TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'Nominated'
        CHECK (status IN ('Nominated', 'Verified', 'Approved', 'Declined', 'Inducted')),
    ceremony_id INTEGER REFERENCES ceremonies(id)
);
CREATE INDEX nominations_student ON nominations(student_id);

CREATE TABLE nomination_status_history (
    id INTEGER PRIMARY KEY,
    nomination_id INTEGER NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE nomination_clearances (
    id INTEGER PRIMARY KEY,
    nomination_id INTEGER NOT NULL REFERENCES nominations(id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    cleared_date TEXT,
    cleared_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (nomination_id, step)
);

CREATE TABLE inductions (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL UNIQUE REFERENCES students(id),
    ceremony_id INTEGER REFERENCES ceremonies(id),
    induction_date TEXT NOT NULL,
    position_id INTEGER REFERENCES positions(id),
    position_title TEXT NOT NULL DEFAULT '',   -- as engraved, kept even if positions change
    schools_attended TEXT NOT NULL DEFAULT '',
    citation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inductions_date ON inductions(induction_date);

CREATE TABLE ceremony_inductees (
    id INTEGER PRIMARY KEY,
    ceremony_id INTEGER NOT NULL REFERENCES ceremonies(id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES students(id),
    nomination_id INTEGER REFERENCES nominations(id),
    position_title TEXT NOT NULL DEFAULT '',
    attending INTEGER NOT NULL DEFAULT 1,
    representative_name TEXT NOT NULL DEFAULT '',
    representative_title TEXT NOT NULL DEFAULT '',
    citation TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    UNIQUE (ceremony_id, student_id)
);

CREATE TABLE ceremony_events (
    id INTEGER PRIMARY KEY,
    ceremony_id INTEGER NOT NULL REFERENCES ceremonies(id) ON DELETE CASCADE,
    sort_order INTEGER NOT NULL,
    start_time TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    who TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    inductee_id INTEGER REFERENCES ceremony_inductees(id) ON DELETE CASCADE
);
CREATE INDEX ceremony_events_ceremony ON ceremony_events(ceremony_id, sort_order);

CREATE TABLE ceremony_tables (
    id INTEGER PRIMARY KEY,
    ceremony_id INTEGER NOT NULL REFERENCES ceremonies(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    capacity INTEGER NOT NULL DEFAULT 8 CHECK (capacity > 0),
    sort_order INTEGER NOT NULL DEFAULT 0,
    UNIQUE (ceremony_id, name)
);

CREATE TABLE ceremony_guests (
    id INTEGER PRIMARY KEY,
    ceremony_id INTEGER NOT NULL REFERENCES ceremonies(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    country_code TEXT REFERENCES countries(code),
    category TEXT NOT NULL DEFAULT '',
    rsvp TEXT NOT NULL DEFAULT 'Invited' CHECK (rsvp IN ('Invited', 'Accepted', 'Declined', 'No answer')),
    invited_date TEXT,
    rsvp_date TEXT,
    dietary TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    precedence INTEGER,
    guest_of_inductee_id INTEGER REFERENCES ceremony_inductees(id) ON DELETE SET NULL,
    table_id INTEGER REFERENCES ceremony_tables(id) ON DELETE SET NULL,
    seat_number INTEGER
);
CREATE INDEX ceremony_guests_ceremony ON ceremony_guests(ceremony_id);

CREATE TABLE ceremony_tasks (
    id INTEGER PRIMARY KEY,
    ceremony_id INTEGER NOT NULL REFERENCES ceremonies(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    due_offset_days INTEGER NOT NULL DEFAULT 0,  -- relative to the ceremony date
    done_date TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL                  -- JSON
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL DEFAULT '',
    table_name TEXT NOT NULL,
    row_id INTEGER,
    action TEXT NOT NULL,                -- insert, update, delete, archive, import, ...
    details TEXT NOT NULL DEFAULT '{}'   -- JSON: changed fields, old and new values
);
CREATE INDEX audit_log_row ON audit_log(table_name, row_id);
"""


@migrations(name="0001_initial_schema")
def m0001_initial_schema(db: Database) -> None:
    """The whole schema as the foundation knows it, with the country table filled."""
    _execute_script(db, _SCHEMA_0001)
    db.table("countries").insert_all(
        {"code": c.code, "alpha3": c.alpha3, "name": c.name, "official_name": c.official_name,
         "region": c.region, "combatant_command": c.combatant_command}
        for c in all_countries()
    )
    db.table("students").enable_fts(NAME_FTS_COLUMNS, tokenize=FTS_TOKENIZER, create_triggers=True)
    db.table("ceremony_guests").enable_fts(["name", "organisation"], tokenize=FTS_TOKENIZER,
                                     create_triggers=True)


def _execute_script(db: Database, script: str) -> None:
    """Run each statement in the migration's transaction (executescript would commit first)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement[:80]}")


def migration_names() -> list[str]:
    """The names of every migration this version of the program knows, in order."""
    return [m.name for m in migrations._migrations]


# Each roster column the clerk can sort by, as (index name, leading key). Every index is partial
# (only students not archived, the roster's default view) and carries the legal name after its
# key, so "sort by Country" lists each country's students alphabetically straight from the index:
# on 600,000 students a sort is an index scan (~60 ms) instead of a temporary B-tree (~1-2 s).
ROSTER_SORT_INDEXES: tuple[tuple[str, str], ...] = (
    ("roster_display_name", "display_name COLLATE NOCASE"),
    ("roster_native_name", "native_name"),
    ("roster_country", "country_code"),
    ("roster_country_rank", "country_rank COLLATE NOCASE"),
    ("roster_service", "service COLLATE NOCASE"),
    ("roster_funding", "funding_program"),
    ("roster_status", "status"),
    ("roster_arrival", "arrival_date"),
    ("roster_ecl", "ecl_score"),
    ("roster_wcn", "wcn"),
    ("roster_ito", "ito_number"),
)


@migrations(name="0002_roster_indexes")
def m0002_roster_indexes(db: Database) -> None:
    """Indexes that keep sorting the roster by any column fast at 600,000 students."""
    for name, key in ROSTER_SORT_INDEXES:
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON students({key}, legal_family_name COLLATE NOCASE, "
                   "legal_given_names COLLATE NOCASE) WHERE archived_at IS NULL")


_SCHEMA_0003_COURSES = """
-- A waitlisted student offered a seat that freed up; the seat is held until the clerk records the answer.
ALTER TABLE enrollments ADD COLUMN seat_offered_at TEXT;
CREATE INDEX enrollments_outcome_date ON enrollments(outcome_date) WHERE outcome_date IS NOT NULL;
CREATE INDEX student_status_history_date ON student_status_history(effective_date);
CREATE INDEX fsp_attendance_student ON fsp_attendance(student_id);

-- The reporting clock: which arrival, status change or completion has been reported, when and by whom.
CREATE TABLE report_filings (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('arrival', 'status change', 'completion')),
    -- arrival: the student's id; status change: the history row's; completion: the enrollment's
    ref_id INTEGER NOT NULL,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    event_date TEXT NOT NULL,
    filed_on TEXT NOT NULL,
    filed_by TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, ref_id)
);
"""


@migrations(name="0003_courses")
def m0003_courses(db: Database) -> None:
    """Seat offers for the waitlist, the reporting clock's filings, and indexes for its queries."""
    _execute_script(db, _SCHEMA_0003_COURSES)


_SCHEMA_0004 = """
-- the courses a graduate attended at the school that no enrollment records: graduates from
-- before the database, or schools taken in another record's time
CREATE TABLE graduate_schools (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    course_code TEXT NOT NULL CHECK (trim(course_code) <> ''),
    class_year INTEGER CHECK (class_year IS NULL OR class_year BETWEEN 1900 AND 2200),
    in_residence INTEGER NOT NULL DEFAULT 1,
    completed INTEGER NOT NULL DEFAULT 1,
    source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX graduate_schools_student ON graduate_schools(student_id);
-- attending inductees have a seat like guests
ALTER TABLE ceremony_inductees ADD COLUMN table_id INTEGER REFERENCES ceremony_tables(id) ON DELETE SET NULL;
ALTER TABLE ceremony_inductees ADD COLUMN seat_number INTEGER;
CREATE INDEX ceremony_inductees_ceremony ON ceremony_inductees(ceremony_id, sort_order);
CREATE INDEX nominations_ceremony ON nominations(ceremony_id) WHERE ceremony_id IS NOT NULL;
CREATE INDEX positions_category ON positions(category) WHERE category <> '';
"""


@migrations(name="0004_honor_roll")
def m0004_honor_roll(db: Database) -> None:
    """Schools of earlier graduates (filled from the Honor Roll's 'SOS 1972; ACSC 1981'), inductees' seats."""
    from imet_desktop.domain.eligibility import parse_schools

    _execute_script(db, _SCHEMA_0004)
    rows = []
    for student_id, text in db.execute("SELECT student_id, schools_attended FROM inductions "
                                       "WHERE schools_attended <> ''").fetchall():
        for school in parse_schools(str(text)):
            rows.append((student_id, school.course_code, school.year, "Honor Roll record"))
    db.conn.executemany("INSERT INTO graduate_schools (student_id, course_code, class_year, source) "
                        "VALUES (?, ?, ?, ?)", rows)


_SCHEMA_0005_OVERVIEW = """
-- a class may need a minimum number of internationals to run (the Overview shows one below it in red)
ALTER TABLE classes ADD COLUMN minimum_seats INTEGER CHECK (minimum_seats IS NULL OR minimum_seats >= 0);
-- the Overview: who is in residence or leaves (departure date), departures by month, and alumni by country
-- (a covering index, archived_at included: grouping 580,000 graduates by country reads no table rows)
CREATE INDEX IF NOT EXISTS students_departure ON students(departure_date) WHERE archived_at IS NULL;
CREATE INDEX IF NOT EXISTS students_status_country ON students(status, country_code, archived_at);
"""


@migrations(name="0005_overview")
def m0005_overview(db: Database) -> None:
    """A class's minimum, and the indexes the Overview's counts read."""
    _execute_script(db, _SCHEMA_0005_OVERVIEW)


_SCHEMA_0006_COUNTRIES = """
-- 1: a country the office entered by hand in Settings > Countries (not one the program ships)
ALTER TABLE countries ADD COLUMN added_by_office INTEGER NOT NULL DEFAULT 0;
-- 0: a country added by hand whose names the office has not confirmed yet (the pre-print check warns)
ALTER TABLE countries ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1;
-- when the office last changed the country's names, bureau or command; NULL: still the program's default
ALTER TABLE countries ADD COLUMN edited_at TEXT;
"""

# The only bureau or command the earlier versions seeded that the US data gives differently.
_EARLIER_REGIONS = {"US": "WHA"}


def _iso_defaults() -> dict[str, tuple[str, str]]:
    """The names earlier versions seeded: ISO's (pycountry's common or short name, official name)."""
    import pycountry

    return {c.alpha_2: (getattr(c, "common_name", None) or c.name, getattr(c, "official_name", None) or c.name)
            for c in pycountry.countries}


@migrations(name="0006_us_country_names")
def m0006_us_country_names(db: Database) -> None:
    """US government names replace the ISO names earlier versions seeded, where the office has not changed them."""
    from imet_desktop.domain.countries import us_country_names

    _execute_script(db, _SCHEMA_0006_COUNTRIES)
    iso = _iso_defaults()
    changed: dict[str, dict[str, list[str]]] = {}
    for code, name, official, region in db.execute(
            "SELECT code, name, official_name, region FROM countries").fetchall():
        us = us_country_names().get(code)
        if us is None or code not in iso:
            continue
        iso_name, iso_official = iso[code]
        new = {}
        if name == iso_name and name != us.name:
            new["name"] = us.name
        if official == iso_official and official != us.official_name:
            new["official_name"] = us.official_name
        if _EARLIER_REGIONS.get(code) == region and region != us.region:
            new["region"] = us.region
        if not new:
            continue
        db.execute(f"UPDATE countries SET {', '.join(f'{k} = ?' for k in new)} WHERE code = ?",
                   [*new.values(), code])
        old = {"name": name, "official_name": official, "region": region}
        changed[code] = {k: [old[k], v] for k, v in new.items()}
    if changed:
        db.execute("INSERT INTO audit_log (at, user_name, table_name, row_id, action, details) "
                   "VALUES (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'), '', 'countries', NULL, "
                   "'US names', ?)", [json.dumps(changed, ensure_ascii=False)])


@migrations(name="0007_name_keys")
def m0007_name_keys(db: Database) -> None:
    """Names found however they are spelled: each student's duplicate key (domain.names.name_key,
    indexed with the date of birth, so the duplicate check is an index lookup) and the search
    text with ICAO, joined and romanised spellings, rebuilt for every existing student."""
    from imet_desktop.domain.names import name_key, search_text

    db.execute("ALTER TABLE students ADD COLUMN name_key TEXT NOT NULL DEFAULT ''")
    # The full-text triggers would rewrite the index once per row; fill the columns without them,
    # then rebuild the index in one statement and put the triggers back.
    triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'students' "
                          "AND sql LIKE '%students_fts%'").fetchall()
    for name, _sql in triggers:
        db.execute(f"DROP TRIGGER [{name}]")
    rows = db.execute("SELECT id, legal_family_name, legal_given_names, display_name, native_name FROM students")
    while True:
        chunk = rows.fetchmany(10_000)
        if not chunk:
            break
        db.conn.executemany("UPDATE students SET name_key = ?, search_text = ? WHERE id = ?",
                            [(name_key(family, given), search_text(family, given, display, native), student_id)
                             for student_id, family, given, display, native in chunk])
    db.execute("INSERT INTO students_fts (students_fts) VALUES ('rebuild')")
    for _name, sql in triggers:
        db.execute(sql)
    db.execute("CREATE INDEX students_name_key ON students(name_key, date_of_birth)")


@migrations(name="0008_history_and_versions")
def m0008_history_and_versions(db: Database) -> None:
    """Every change recorded row by row in groups (History, the database log, undo), and a version on each
    record an editor saves, raised on every change (a save based on an older one is refused)."""
    from imet_desktop.store.changes import SCHEMA, VERSIONED

    _execute_script(db, SCHEMA)
    for table in VERSIONED:
        if db[table].exists():
            db.execute(f"ALTER TABLE [{table}] ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


# Every index on students is paid on every insert: an import of 10,000 rows into 600,000 students
# spent three quarters of its time keeping 23 indexes up to date. These ten served no screen, or one
# another index serves: status alone (students_status_country starts with it), arrival dates of every
# student (the roster reads roster_arrival, archived ones through students_archived), and the roster's
# sorts by the columns clerks rarely sort (display and native-script name, rank, service, funding,
# ECL, WCN, ITO number), which SQLite now sorts itself (the first screen first, the rest on the
# reader thread). tests/store/test_indexes.py names the query of every index that stays.
DROPPED_STUDENT_INDEXES = ("students_status", "students_arrival", "roster_display_name", "roster_native_name",
                           "roster_country_rank", "roster_service", "roster_funding", "roster_ecl", "roster_wcn",
                           "roster_ito")


@migrations(name="0009_fewer_student_indexes")
def m0009_fewer_student_indexes(db: Database) -> None:
    """Indexes on students that no screen needs go: each slowed every insert (an import most of all)."""
    for name in DROPPED_STUDENT_INDEXES:
        db.execute(f"DROP INDEX IF EXISTS [{name}]")


@migrations(name="0010_ceremony_rules")
def m0010_ceremony_rules(db: Database) -> None:
    """Why a held ceremony was reopened; an inductee the Honor Roll's rules refused, added by override (who, when)."""
    for column in ("ceremonies ADD COLUMN reopen_reason TEXT NOT NULL DEFAULT ''",
                   "ceremony_inductees ADD COLUMN override_reason TEXT NOT NULL DEFAULT ''",
                   "ceremony_inductees ADD COLUMN override_by TEXT NOT NULL DEFAULT ''",
                   "ceremony_inductees ADD COLUMN override_at TEXT"):
        db.execute(f"ALTER TABLE {column}")
