from __future__ import annotations

from sqlite_utils import Database

from imet_desktop.store.roster_choices import roster_filter_choices


def test_the_filters_offer_what_the_office_has(db: Database, office: dict[str, int]) -> None:
    course = int(db.table("courses").insert({"code": "ACSC", "title": "Air Command and Staff College"}).last_rowid)
    db.table("classes").insert_all([{"course_id": course, "designator": "ACSC AY2025", "start_date": "2024-08-01"},
                                    {"course_id": course, "designator": "ACSC AY2026", "start_date": "2025-08-01"}])
    choices = roster_filter_choices(db)
    assert [c.designator for c in choices.classes] == ["ACSC AY2026", "ACSC AY2025"]  # the latest first
    assert [c.course_id for c in choices.classes] == [course, course]
    assert choices.courses == ((course, "ACSC", "Air Command and Staff College"),)
    assert choices.countries == (("AL", "Albania"), ("DE", "Germany"), ("ZA", "South Africa"))
    assert choices.arrival_years == (2026, 2025, 2024)
    assert "Graduated" in choices.statuses and "Sec 333" in choices.funding_programs
    assert ("AF", "Africa") in choices.regions


def test_an_empty_office_offers_no_countries_and_no_years(db: Database) -> None:
    choices = roster_filter_choices(db)
    assert choices.countries == () and choices.courses == () and choices.classes == ()
    assert choices.arrival_years == ()
