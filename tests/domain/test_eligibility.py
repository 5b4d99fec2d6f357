"""Honor Roll eligibility: a qualifying course completed in residence and a qualifying position, said in words."""

from __future__ import annotations

import datetime as dt

import pytest

from imet_desktop.domain.eligibility import (
    DEFAULT_CLEARANCE_STEPS,
    SchoolAttended,
    assess,
    next_statuses,
    parse_schools,
    qualifying_positions,
    schools_text,
    status_change_problem,
)
from imet_desktop.domain.records import OfficeSettings, Position

SETTINGS = OfficeSettings()
COURSES = SETTINGS.qualifying_course_codes
CATEGORIES = SETTINGS.qualifying_position_categories


def chief(title: str = "Commander, Royal Thai Air Force", appointed: dt.date | None = dt.date(2024, 10, 1),
          category: str = "Commander of the Air Force") -> Position:
    return Position(1, title, category=category, appointment_date=appointed, id=7)


def test_acsc_in_residence_and_an_air_chief_qualifies_with_the_reason_in_words() -> None:
    verdict = assess([SchoolAttended("ACSC", 2001), SchoolAttended("AWC", 2010)], [chief()],
                     courses=COURSES, categories=CATEGORIES)
    assert verdict.eligible
    assert verdict.reason == ("ACSC 2001; AWC 2010 in residence; Commander of the Air Force: Commander, Royal Thai "
                              "Air Force (appointed 01 OCT 2024)")
    assert verdict.position is not None and verdict.position.id == 7


def test_a_course_by_correspondence_does_not_qualify() -> None:
    verdict = assess([SchoolAttended("ACSC", 2011, in_residence=False)], [chief()], courses=COURSES,
                     categories=CATEGORIES)
    assert not verdict.eligible
    assert verdict.reason == "Not eligible: no qualifying course completed in residence (ACSC 2011 not in residence)."


def test_a_course_not_finished_does_not_qualify() -> None:
    verdict = assess([SchoolAttended("AWC", 2026, completed=False)], [chief()], courses=COURSES,
                     categories=CATEGORIES)
    assert not verdict.eligible
    assert "AWC 2026 not completed" in verdict.reason


def test_a_course_that_is_not_a_qualifying_one_is_named() -> None:
    verdict = assess([SchoolAttended("IOS PREP", 2004)], [chief()], courses=COURSES, categories=CATEGORIES)
    assert "attended IOS PREP 2004; qualifying: SOS, ACSC, AWC, SAASS" in verdict.reason


def test_a_deputy_position_does_not_qualify_and_the_latest_position_is_named() -> None:
    positions = [Position(1, "Wing Commander", appointment_date=dt.date(2010, 1, 1)),
                 Position(1, "Deputy Chief of Staff, Brazilian Air Force", appointment_date=dt.date(2024, 1, 1))]
    verdict = assess([SchoolAttended("ACSC", 2009)], positions, courses=COURSES, categories=CATEGORIES)
    assert not verdict.eligible
    assert verdict.reason == ("Not eligible: no position in a qualifying category (latest: Deputy Chief of Staff, "
                              "Brazilian Air Force).")


def test_nothing_on_record_says_so_for_both_rules() -> None:
    verdict = assess([], [], courses=COURSES, categories=CATEGORIES)
    assert verdict.reason == "Not eligible: no course at the school on record; no position on record."


def test_the_rules_come_from_the_settings_and_ignore_case() -> None:
    verdict = assess([SchoolAttended("acsc", 2001)], [chief(category="Chief of Defence")], courses=["ACSC"],
                     categories=["chief of defence"])
    assert verdict.eligible
    assert not assess([SchoolAttended("ACSC", 2001)], [chief()], courses=["AWC"], categories=CATEGORIES).eligible


def test_the_most_recent_qualifying_position_is_the_one_given() -> None:
    older = chief("Commander, Air Force", dt.date(2019, 1, 1))
    newer = chief("Chief of Defence", dt.date(2023, 1, 1), "Chief of Defence")
    undated = chief("Minister of Defence", None, "Minister of Defence")
    assert [p.title for p in qualifying_positions([older, undated, newer], CATEGORIES)] == [
        "Chief of Defence", "Commander, Air Force", "Minister of Defence"]


def test_schools_read_in_year_order_each_once() -> None:
    schools = [SchoolAttended("AWC", 2010), SchoolAttended("SOS", 1998), SchoolAttended("ACSC", 2005),
               SchoolAttended("ACSC", 2005), SchoolAttended("SAASS", 2027, completed=False)]
    assert schools_text(schools) == "SOS 1998; ACSC 2005; AWC 2010"


def test_older_records_schools_are_read_from_their_text() -> None:
    assert parse_schools("SOS 1972; ACSC 1981") == [SchoolAttended("SOS", 1972), SchoolAttended("ACSC", 1981)]
    assert parse_schools("acsc 2005, AWC") == [SchoolAttended("ACSC", 2005), SchoolAttended("AWC", None)]
    assert parse_schools("") == []
    assert parse_schools("1999; ; ACSC 2001") == [SchoolAttended("ACSC", 2001)]


def test_the_default_clearance_checklist_is_the_schools() -> None:
    assert DEFAULT_CLEARANCE_STEPS == ("School review", "Headquarters", "Host government accepts", "Nominee accepts")


@pytest.mark.parametrize(("current", "new", "problem"), [
    ("Nominated", "Verified", None),
    ("Nominated", "Approved", "a Nominated nomination can move to Verified, Declined, not to Approved"),
    ("Verified", "Approved", None),
    ("Approved", "Inducted", "a nomination becomes Inducted when its ceremony is marked as held"),
    ("Declined", "Nominated", None),
    ("Inducted", "Declined", "a Inducted nomination can move to nothing (it is final), not to Declined"),
    ("Verified", "Verified", "the nomination is already Verified"),
])
def test_a_nomination_moves_only_along_the_process(current: str, new: str, problem: str | None) -> None:
    assert status_change_problem(current, new) == problem


def test_approval_needs_every_clearance() -> None:
    assert status_change_problem("Verified", "Approved", uncleared=["Host government accepts"]) == (
        "approval needs every clearance; still open: Host government accepts")
    assert next_statuses("Approved") == ("Declined",)


def test_verification_needs_the_graduate_to_qualify() -> None:
    verdict = assess([], [chief()], courses=COURSES, categories=CATEGORIES)
    assert status_change_problem("Nominated", "Verified", assessment=verdict) == (
        "not eligible: no course at the school on record")
