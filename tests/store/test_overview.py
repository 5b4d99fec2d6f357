"""The Overview's figures, counted against a small office where every number is known (tests/store/office.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from imet_desktop.domain.overview import Dimension, Population, StudentSelection
from imet_desktop.store import overview as O
from imet_desktop.store.roster import RosterFilter, student_ids

from .office import ON, D, an_office


@pytest.fixture
def office(db: Database) -> O.Overview:
    an_office(db)
    return O.overview(db, ON, 2026)


def _names(db: Database, selection: StudentSelection) -> set[str]:
    sql, params = O.selection_ids_sql(selection)
    return {str(r[0]) for r in db.execute(f"SELECT legal_family_name FROM students WHERE id IN ({sql})", params)}


def test_the_four_headline_figures_count_who_is_here_who_comes_and_who_goes(db: Database, office: O.Overview) -> None:
    assert (office.students, office.in_residence, office.arriving, office.departing, office.not_yet_reported) == \
        (12, 5, 1, 3, 1)
    assert _names(db, office.selection(Population.IN_RESIDENCE)) == {"MENSAH", "OWUSU", "SCHMIDT", "NOCOUNTRY",
                                                                     "WAGNER"}
    assert _names(db, office.selection(Population.ARRIVING)) == {"SOMCHAI"}
    # SCHMIDT and WAGNER by their departure dates; OWUSU, with none, by the end of the class he is in
    assert _names(db, office.selection(Population.DEPARTING)) == {"SCHMIDT", "WAGNER", "OWUSU"}
    assert _names(db, office.selection(Population.NOT_YET_REPORTED)) == {"LATE"}


def test_an_alumnus_without_a_departure_date_is_not_in_residence_for_ever(db: Database, office: O.Overview) -> None:
    assert "OLDGRAD" not in _names(db, office.selection(Population.IN_RESIDENCE))
    earlier = O.overview(db, D(2025, 9, 1), 2025)  # SCHMIDT had arrived, WAGNER not yet; OWUSU counts by status
    assert _names(db, earlier.selection(Population.IN_RESIDENCE)) == {"SCHMIDT", "GONE"}


def _counts(office: O.Overview, dimension: Dimension) -> list[tuple[str, int]]:
    return [(c.label, c.value) for c in office.breakdown(dimension).counts]


def test_residents_by_country_region_command_program_service_and_status(office: O.Overview) -> None:
    assert _counts(office, Dimension.COUNTRY) == [("Germany", 2), ("Ghana", 2), ("No country recorded", 1)]
    assert _counts(office, Dimension.REGION) == [("Africa", 2), ("Europe and Eurasia", 2), ("Not recorded", 1)]
    assert _counts(office, Dimension.COMMAND) == [("USAFRICOM", 2), ("USEUCOM", 2), ("Not recorded", 1)]
    assert _counts(office, Dimension.PROGRAM) == [("IMET", 3), ("FMS", 2)]
    assert _counts(office, Dimension.SERVICE) == [("Ghana Air Force", 2), ("Luftwaffe", 2), ("Not recorded", 1)]
    assert _counts(office, Dimension.STATUS) == [("Arrived", 2), ("Graduated", 1), ("In training", 1),
                                                 ("Withdrawn", 1)]
    for breakdown in office.breakdowns:
        assert breakdown.total == office.in_residence


def test_each_bar_opens_exactly_the_students_it_counts(db: Database, office: O.Overview) -> None:
    for breakdown in office.breakdowns:
        for count in breakdown.counts:
            selection = breakdown.selection(count)
            assert O.count_selection(db, selection) == count.value
            assert len(student_ids(db, filters=RosterFilter(selection=selection))) == count.value
    no_country = office.breakdown(Dimension.COUNTRY).counts[-1]
    assert _names(db, office.breakdown(Dimension.COUNTRY).selection(no_country)) == {"NOCOUNTRY"}


def test_more_than_fifteen_countries_show_the_top_fifteen_and_others(db: Database) -> None:
    from imet_desktop.domain.records import Student
    from imet_desktop.store.students import add_student

    codes = ["GH", "DE", "TH", "FR", "IT", "ES", "PL", "NO", "SE", "FI", "DK", "NL", "BE", "PT", "GR", "TR", "JP"]
    for n, code in enumerate(codes):
        for k in range(len(codes) - n):  # GH 17 students, DE 16, ... JP 1
            add_student(db, Student(f"S{code}{k}", country_code=code, status="Arrived", arrival_date=D(2026, 1, 5)))
    figures = O.overview(db, ON)
    countries = figures.breakdown(Dimension.COUNTRY)
    assert len(countries.counts) == 16
    assert [c.label for c in countries.counts[:2]] == ["Ghana", "Germany"]
    assert (countries.counts[-1].label, countries.counts[-1].value, countries.counts[-1].others) == ("Others", 3, True)
    assert _names(db, countries.selection(countries.counts[-1])) == {"STR0", "STR1", "SJP0"}
    assert countries.total == figures.in_residence == sum(range(1, 18))


def test_arrivals_and_departures_by_month_this_year_and_last(office: O.Overview) -> None:
    this_year, last_year = office.flows
    assert this_year.year == 2026 and last_year.year == 2025
    # 2026: WAGNER in January, OWUSU in March, MENSAH, NOCOUNTRY, LATE and SOMCHAI in June (not ARCHIVED)
    assert this_year.arrivals == (1, 0, 1, 0, 0, 4, 0, 0, 0, 0, 0, 0)
    # GONE in May; SCHMIDT and WAGNER in June; OWUSU (prep ends) in July; MENSAH and NOCOUNTRY (SOS 26C) in September
    assert this_year.departures == (0, 0, 0, 0, 1, 2, 1, 0, 2, 0, 0, 0)
    assert last_year.arrivals == (0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0)
    assert last_year.departures == (0,) * 12


def test_a_month_opens_its_arrivals(db: Database, office: O.Overview) -> None:
    june = office.flows[0].selection(Population.ARRIVING, 5)
    assert (june.start, june.end) == (D(2026, 6, 1), D(2026, 6, 30))
    assert _names(db, june) == {"MENSAH", "NOCOUNTRY", "LATE", "SOMCHAI"}
    december = office.flows[0].month(11)
    assert december == (D(2026, 12, 1), D(2026, 12, 31))


def test_classes_of_the_coming_ninety_days_with_seats_waitlist_capacity_and_minimum(office: O.Overview) -> None:
    assert [(c.designator, c.taken, c.waitlisted, c.capacity, c.minimum) for c in office.classes] == [
        ("SOS 26C", 2, 1, 2, None),
        ("SOS 26D", 1, 0, None, 4),  # no capacity: no limit to be over; one student of the four it needs
    ]
    full, small = office.classes
    assert not full.over_capacity and not full.under_minimum
    assert small.under_minimum and not small.over_capacity
    assert small.fill_text == "1 taken (no limit), minimum 4"


def test_deadlines_reports_tasks_and_nominations(office: O.Overview, db: Database) -> None:
    d = office.deadlines
    # MENSAH's arrival report was due 04 JUN; NOCOUNTRY's is due 11 JUN and LATE's today
    assert (d.reports_overdue, d.reports_due_soon) == (1, 2)
    # "Send invitations" was due 06 JUN, "Order plaques" on 15 JUN; the undated ceremony's task has no due date
    assert (d.tasks_overdue, d.tasks_due_soon) == (1, 1)
    assert d.task_ceremony_id == db.execute("SELECT id FROM ceremonies WHERE title = 'Induction 2026'").fetchone()[0]
    assert d.nominations_awaiting_clearance == 1


def test_the_honor_roll_by_year_and_region(office: O.Overview) -> None:
    history = office.honor_roll
    assert history.years == (2010, 2011, 2012)
    assert history.regions == ("EAP", "EUR", "")
    assert history.region_names == ("East Asia and Pacific", "Europe and Eurasia", "Not recorded")
    assert history.counts == ((1, 0, 0), (0, 0, 0), (0, 1, 1))
    assert history.total == 3 and history.by_region() == (1, 1, 1)


def test_the_newest_ceremony_is_the_one_without_a_date_yet(office: O.Overview) -> None:
    state = office.ceremony
    assert state is not None
    assert (state.title, state.ceremony_date, state.status, state.when) == \
        ("Induction 2027", None, "Planned", "no date yet")
    assert (state.inductees, state.guests, state.tasks, state.tasks_done, state.tasks_overdue) == (0, 0, 1, 0, 0)


def test_the_map_has_each_countrys_residents_alumni_and_honor_roll(office: O.Overview) -> None:
    assert [(c.code, c.name, c.in_residence, c.alumni, c.honor_roll) for c in office.countries] == [
        ("DE", "Germany", 2, 3, 1), ("GH", "Ghana", 2, 1, 0), ("TH", "Thailand", 0, 1, 1)]


def test_an_empty_database_has_only_zeros(db: Database) -> None:
    figures = O.overview(db, ON)
    assert figures.empty and figures.in_residence == 0
    assert all(b.counts == () for b in figures.breakdowns)
    assert figures.flows[0].arrivals == (0,) * 12
    assert figures.classes == () and figures.ceremony is None and figures.countries == ()
    assert figures.honor_roll.years == ()


def _plan(db: Database, sql: str, params: list[object]) -> str:
    return " / ".join(str(r[3]) for r in db.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_every_query_reads_an_index_not_every_student(db: Database) -> None:
    """EXPLAIN QUERY PLAN of each population and of the map's alumni: a SEARCH through an index, never a SCAN."""
    plans = []
    for population in Population:
        sql, params = O.population_ids_sql(population, ON, ON + dt.timedelta(days=30))
        plans.append(_plan(db, sql, params))
    plans.append(_plan(db, O.ALUMNI_BY_COUNTRY_SQL, []))
    residents = StudentSelection(Population.IN_RESIDENCE, ON, ON)
    plans += [_plan(db, *O.grouped_sql(O.dimension_sql(d), residents)) for d in Dimension]
    for plan in plans:
        assert "SCAN s " not in plan + " " and "SCAN students " not in plan + " ", plan
    used = " ".join(plans)
    assert [index for index in O.OVERVIEW_INDEXES if index not in used] == []


def test_the_alumni_can_be_counted_after_the_rest(db: Database, office: O.Overview) -> None:
    quick = O.overview(db, ON, 2026, alumni=False)
    assert not quick.alumni_counted and all(c.alumni == 0 for c in quick.countries)
    assert [c.code for c in quick.countries] == ["DE", "GH", "TH"]  # residents and Honor Roll members still show
    assert O.with_alumni(db, quick) == office
