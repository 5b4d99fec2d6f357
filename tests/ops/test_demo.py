"""The demo database: invented people from many countries, courses, Honor Roll history, ceremonies."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.ops.demo import DEMO_TODAY, DemoSummary, demo_countries, fill_demo, generate_demo, iter_native_names
from imet_desktop.store.ceremonies import list_ceremonies, list_events, list_guests, list_inductees, list_tasks
from imet_desktop.store.courses import list_classes, list_courses
from imet_desktop.store.db import open_database
from imet_desktop.store.errors import StoreError
from imet_desktop.store.honor_roll import list_honorees, list_nominations
from imet_desktop.store.roster import student_ids
from imet_desktop.store.stats import record_counts
from imet_desktop.store.students import add_student

JUNE_2000_COUNTRIES = {"Bolivia", "Djibouti", "El Salvador", "Honduras", "Hungary", "Italy", "Jordan", "Kuwait",
                       "Qatar", "United Arab Emirates", "Venezuela"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    """The default demo (400 students, seed 2000), written once for this module's tests to read."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    summary = generate_demo(path)
    db = open_database(path)
    yield db, summary
    db.close()


@pytest.fixture
def demo_db(demo: tuple[Database, DemoSummary]) -> Database:
    """The demo database (read only: tests must not change it)."""
    return demo[0]


def _scripts(texts: list[str]) -> set[str]:
    return {unicodedata.name(ch, "?").split()[0] for text in texts for ch in text if ch.isalpha()}


def test_the_demo_has_students_from_more_than_sixty_countries(demo_db: Database) -> None:
    countries = demo_db.execute("SELECT count(DISTINCT country_code) FROM students").fetchone()[0]
    assert countries >= 60
    assert len(demo_countries()) >= 60


def test_the_summary_counts_what_was_written(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    counts = record_counts(db)
    assert (counts.students, counts.courses, counts.classes, counts.honorees, counts.ceremonies) == (
        summary.students, summary.courses, summary.classes, summary.honorees, summary.ceremonies)
    assert summary.students >= 400
    assert "students from" in str(summary)


def test_native_names_are_written_in_their_own_scripts(demo_db: Database) -> None:
    natives = [r[0] for r in demo_db.execute("SELECT native_name FROM students WHERE native_name <> ''")]
    assert {"ARABIC", "CYRILLIC", "GREEK", "THAI", "HANGUL", "CJK", "DEVANAGARI", "HEBREW", "LATIN"} \
        <= _scripts(natives)
    assert any(ch in "".join(natives) for ch in "őűĐđễÇçğı")  # accented Latin: Hungarian, Vietnamese, Turkish


def test_the_name_pools_cover_the_scripts_the_clerks_meet() -> None:
    assert {"ARABIC", "CYRILLIC", "GREEK", "THAI", "HANGUL", "CJK", "DEVANAGARI", "HEBREW", "GEORGIAN",
            "ARMENIAN", "BENGALI", "LATIN"} <= _scripts(list(iter_native_names()))


def test_every_native_name_can_be_drawn_by_a_bundled_font() -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    from imet_desktop.paths import resource

    covered: set[int] = set()
    for file_name in ("DejaVuSans.ttf", "NotoSansThai-Regular.ttf", "NotoSansDevanagari-Regular.ttf",
                      "NotoSansBengali-Regular.ttf", "NotoSansHebrew-Regular.ttf"):
        covered |= set(TTFont(file_name, str(resource("fonts", file_name))).face.charToGlyph)
    covered |= set(TTFont("wqy", str(resource("fonts", "wqy-microhei.ttc")), subfontIndex=0).face.charToGlyph)
    missing = {(ch, text) for text in iter_native_names() for ch in text if ord(ch) not in covered}
    assert missing == set()


def test_legal_names_carry_the_family_name_in_capitals(demo_db: Database) -> None:
    rows = demo_db.execute("SELECT legal_family_name FROM students").fetchall()
    assert all(family == family.upper() for (family,) in rows)
    families = {family for (family,) in rows}
    assert any("'" in f for f in families)  # DELL'ORTO
    assert any("-" in f for f in families)  # AL-MANSOURI
    given = {g for (g,) in demo_db.execute("SELECT legal_given_names FROM students")}
    assert any(" bin " in g for g in given)
    assert "" in given  # one-word names


def test_current_students_have_orders_passports_and_visas(demo_db: Database) -> None:
    rows = list(demo_db.query(
        "SELECT * FROM students WHERE status IN ('Projected', 'Arrived', 'In training')"))
    assert rows
    for s in rows:
        assert s["visa_type"] == "A-2"
        assert s["wcn"].startswith(s["country_code"])
        assert s["ito_number"] and s["passport_number"] and s["sponsor"]
        assert s["pay_grade"] in {"O-3", "O-4", "O-5", "O-6"}
        assert 70 <= s["ecl_score"] <= 100
        assert s["funding_program"] != "FMS" or s["fms_case_id"].startswith(s["country_code"])
    funding = dict(demo_db.execute("SELECT funding_program, count(*) FROM students GROUP BY 1").fetchall())
    assert funding["IMET"] > funding["FMS"] > 0
    assert {"CTFP", "Sec 333"} <= set(funding)


def test_the_catalogue_has_air_university_courses_with_prerequisites(demo_db: Database) -> None:
    courses = {c.code: c for c in list_courses(demo_db)}
    assert set(courses) == {"IOS-PREP", "SOS", "ACSC", "AWC", "SAASS"}
    assert courses["IOS-PREP"].min_ecl == 80
    for code in ("ACSC", "AWC", "SOS"):
        assert courses[code].prerequisite_codes == ("IOS-PREP",)
    assert all(len(c.masl_id) == 7 for c in courses.values())
    designators = {c.designator for c in list_classes(demo_db)}
    assert {"ACSC AY2024", "ACSC AY2025", "ACSC AY2026", "ACSC AY2027", "SOS 26A", "SOS 26B", "SOS 26C",
            "AWC AY2026", "IOS ACSC Prep 2026", "SAASS AY2026"} <= designators
    assert {c.location for c in list_classes(demo_db)} == {"Maxwell AFB, Alabama"}


def test_students_take_the_preparatory_class_before_their_class(demo_db: Database) -> None:
    rows = demo_db.execute("""
        SELECT e.student_id, co.code, cl.start_date FROM enrollments e
        JOIN classes cl ON cl.id = e.class_id JOIN courses co ON co.id = cl.course_id
        WHERE e.status <> 'Waitlisted' ORDER BY e.student_id, cl.start_date""").fetchall()
    first: dict[int, str] = {}
    for student_id, code, _start in rows:
        first.setdefault(student_id, code)
    assert first and set(first.values()) == {"IOS-PREP"}


def test_finished_classes_have_graduates_and_a_few_distinctions(demo_db: Database) -> None:
    finished = [c for c in list_classes(demo_db) if c.end_date < DEMO_TODAY.isoformat()]
    assert sum(c.completed for c in finished) > 100
    assert all(c.enrolled == 0 for c in finished)
    distinctions = demo_db.execute(
        "SELECT count(*) FROM enrollments WHERE distinction = 'Distinguished Graduate'").fetchone()[0]
    assert distinctions > 0
    assert sum(c.waitlisted for c in list_classes(demo_db)) > 0


def test_the_honor_roll_runs_from_1985_to_2025(demo_db: Database) -> None:
    honorees = list_honorees(demo_db)
    assert 300 <= len(honorees) <= 400
    years = [h.induction_year for h in honorees]
    assert (min(years), max(years)) == (1985, 2025)
    assert years == sorted(years, reverse=True)
    assert all(h.schools_attended and h.position_title and h.country_name for h in honorees)
    categories = {r[0] for r in demo_db.execute("SELECT DISTINCT category FROM positions")}
    assert {"Chief of Staff of the Air Force", "Commander of the Air Force", "Chief of Defence"} <= categories


def test_the_june_2000_ceremony_inducted_eleven_air_chiefs_from_eleven_countries(demo_db: Database) -> None:
    held = [c for c in list_ceremonies(demo_db) if c.ceremony_date == "2000-06-15"]
    assert len(held) == 1
    ceremony = held[0]
    assert (ceremony.title, ceremony.status, ceremony.inductee_count) == (
        "International Honor Roll Induction 2000", "Held", 11)
    inductees = list_inductees(demo_db, ceremony.id)
    assert {i.country_name for i in inductees} == JUNE_2000_COUNTRIES
    year_2000 = [h for h in list_honorees(demo_db) if h.induction_year == 2000]
    assert len(year_2000) == 11
    assert {h.ceremony_id for h in year_2000} == {ceremony.id}
    assert all(t.done_date is not None for t in list_tasks(demo_db, ceremony.id))


def test_a_ceremony_is_being_planned_with_guests_tables_and_a_checklist(demo_db: Database) -> None:
    planned = [c for c in list_ceremonies(demo_db) if c.status == "Planned"]
    assert len(planned) == 1
    ceremony = planned[0]
    assert ceremony.ceremony_date > DEMO_TODAY.isoformat()
    inductees = list_inductees(demo_db, ceremony.id)
    assert len(inductees) == 8
    # issue 4's "done when": the certificates carry names in at least eight scripts
    scripts = _scripts([i.native_name or i.legal_name for i in inductees])
    assert scripts >= {"THAI", "HANGUL", "GREEK", "CYRILLIC", "ARABIC", "DEVANAGARI", "CJK", "LATIN"}
    represented = [i for i in inductees if not i.attending]
    assert len(represented) == 1 and "Attaché" in represented[0].representative_title
    events = list_events(demo_db, ceremony.id)
    assert events[0].title == "Official party arrives" and events[-1].title == "Reception"
    assert sum(1 for e in events if e.title == "Citation read") == 8
    guests = list_guests(demo_db, ceremony.id)
    assert 25 <= len(guests) <= 40
    assert {g.rsvp for g in guests} >= {"Accepted", "Declined", "Invited"}
    assert guests[0].precedence == 1 and guests[0].table_name == "Head table"
    assert len({g.table_name for g in guests if g.table_name}) >= 2  # seated by precedence, tables filled in order
    tasks = {t.title: t for t in list_tasks(demo_db, ceremony.id)}
    assert tasks["Invitations sent"].done_date is not None
    assert tasks["Programs printed"].done_date is None
    statuses = {n.status for n in list_nominations(demo_db)}
    assert {"Nominated", "Verified", "Approved", "Declined", "Inducted"} <= statuses


def test_certificates_are_signed_by_the_commandant_and_the_air_university_commander(demo_db: Database) -> None:
    from imet_desktop.store.settings import load_settings

    signatories = load_settings(demo_db).signatories
    assert [(s.name, s.rank, s.title) for s in signatories] == [
        ("Miriam T. Okafor", "Colonel, USAF", "Commandant, International Officer School"),
        ("Dana R. Whitcombe", "Lieutenant General, USAF", "Commander and President, Air University")]


def test_filling_a_database_keeps_the_signatories_the_office_saved(db: Database) -> None:
    from imet_desktop.domain.records import OfficeSettings, Signatory
    from imet_desktop.store.settings import load_settings, save_settings

    save_settings(db, OfficeSettings(signatories=[Signatory("Jane Q. Example", "Colonel, USAF", "Commandant")]))
    fill_demo(db, students=20)
    assert [s.name for s in load_settings(db).signatories] == ["Jane Q. Example"]


def test_the_eligible_list_has_air_chiefs_not_yet_nominated_and_two_near_misses(demo_db: Database) -> None:
    from imet_desktop.store.honor_roll import list_eligible

    eligible = list_eligible(demo_db)
    assert [r.country_name for r in eligible] == ["Ghana", "Peru", "Philippines", "Romania"]
    assert all(" in residence; " in r.reason for r in eligible)
    misses = [r for r in list_eligible(demo_db, include_not_eligible=True) if not r.eligible]
    assert {r.country_name for r in misses} == {"Bulgaria", "Estonia"}


def test_earlier_graduates_have_their_schools_recorded(demo_db: Database) -> None:
    from imet_desktop.domain.eligibility import schools_text
    from imet_desktop.store.honor_roll import list_schools

    for honoree in list_honorees(demo_db)[:40]:
        assert schools_text(list_schools(demo_db, honoree.student_id)) == honoree.schools_attended


def test_the_planned_ceremonys_nominees_cleared_the_offices_checklist(demo_db: Database) -> None:
    from imet_desktop.store.clearances import clearance_steps, list_clearances
    from imet_desktop.store.honor_roll import assess_graduate

    planned = next(c for c in list_ceremonies(demo_db) if c.status == "Planned")
    for inductee in list_inductees(demo_db, planned.id):
        assert inductee.nomination_status == "Approved"
        assert inductee.nomination_id is not None
        clearances = list_clearances(demo_db, inductee.nomination_id)
        assert [c.step for c in clearances] == list(clearance_steps(demo_db))
        assert all(c.cleared_date for c in clearances)
        assert assess_graduate(demo_db, inductee.student_id).eligible


def test_the_planned_ceremony_seats_attending_inductees_with_their_parties(demo_db: Database) -> None:
    from imet_desktop.store.ceremonies import list_seating, list_tables

    planned = next(c for c in list_ceremonies(demo_db) if c.status == "Planned")
    people = list_seating(demo_db, planned.id)
    assert people and all(p.table_id is not None for p in people)
    tables = {p.id: p.table_id for p in people if p.kind == "inductee"}
    assert len(tables) == 7
    assert all(p.table_id == tables[p.party] for p in people if p.kind == "guest" and p.party in tables)
    assert all(t.seated <= t.capacity for t in list_tables(demo_db, planned.id))


def test_searching_nguyen_without_accents_finds_vietnamese_students(demo_db: Database) -> None:
    hits = demo_db.execute("SELECT s.legal_family_name FROM students s WHERE s.id IN "
                           "(SELECT rowid FROM students_fts WHERE students_fts MATCH 'nguyen')").fetchall()
    assert hits and {h[0] for h in hits} == {"NGUYỄN"}
    assert len(student_ids(demo_db, search="nguyen")) == len(hits)


def test_the_database_keeps_its_foreign_keys_and_indexes(demo_db: Database, tmp_path: Path) -> None:
    assert demo_db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert demo_db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    demo_db.execute("INSERT INTO students_fts (students_fts, rank) VALUES ('integrity-check', 1)")
    fresh = open_database(tmp_path / "fresh.db")
    query = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name"
    assert demo_db.execute(query).fetchall() == fresh.execute(query).fetchall()
    fresh.close()


def test_the_demo_leaves_one_summary_entry_in_the_audit_log(demo_db: Database) -> None:
    rows = demo_db.execute("SELECT table_name, action, details FROM audit_log").fetchall()
    assert len(rows) == 1
    assert rows[0][:2] == ("students", "demo")
    assert '"seed": 2000' in rows[0][2]


def test_the_same_seed_writes_the_same_records(tmp_path: Path) -> None:
    columns = "legal_family_name, legal_given_names, native_name, date_of_birth, passport_number, wcn, status"
    rows = []
    for n, seed in enumerate((7, 7, 8)):
        path = tmp_path / f"demo{n}.db"
        generate_demo(path, students=40, seed=seed)
        db = open_database(path)
        rows.append(db.execute(f"SELECT {columns} FROM students ORDER BY id").fetchall()
                    + db.execute("SELECT name, rsvp FROM ceremony_guests ORDER BY id").fetchall())
        db.close()
    assert rows[0] == rows[1]
    assert rows[0] != rows[2]


def test_generating_into_a_file_that_has_students_is_refused(db_path: Path) -> None:
    db = open_database(db_path)
    add_student(db, Student("ROSSI", "Marco"))
    db.close()
    with pytest.raises(StoreError, match="already holds 1 students"):
        generate_demo(db_path, students=10)
    db = open_database(db_path)
    assert db.execute("SELECT count(*) FROM students").fetchone()[0] == 1
    db.close()


def test_generating_twice_into_the_same_file_is_refused(db_path: Path) -> None:
    generate_demo(db_path, students=10)
    with pytest.raises(StoreError, match="empty"):
        generate_demo(db_path, students=10)


def test_the_window_fills_an_empty_open_database_and_reports_progress(db: Database) -> None:
    messages: list[str] = []
    summary = fill_demo(db, students=30, progress=messages.append)
    assert summary.students == db.execute("SELECT count(*) FROM students").fetchone()[0]
    assert messages[0] == "courses and classes"
    assert messages[-1] == "done"
    with pytest.raises(StoreError):
        fill_demo(db, students=30)


def test_the_demo_module_loads_no_qt() -> None:
    code = "import sys, imet_desktop.ops.demo; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_nobody_came_before_their_country_sent_officers(demo_db: Database) -> None:
    early = demo_db.execute("SELECT count(*) FROM students WHERE country_code IN ('HU', 'PL', 'UA', 'VN') "
                            "AND arrival_date < '1990-01-01'").fetchone()[0]
    assert early == 0
    for h in list_honorees(demo_db):
        if h.country_code in {"HU", "PL", "UA", "GE", "VN"}:
            years = [int(s.split()[-1]) for s in h.schools_attended.split("; ")]
            assert min(years) >= 1991, h
