"""Automatic seating: by precedence, each inductee with their party, within the tables' capacities."""

from __future__ import annotations

from imet_desktop.domain.seating import INDUCTEE_PRECEDENCE, Person, Table, parties, seat_by_precedence


def guest(n: int, precedence: int | None, party: int | None = None, name: str = "") -> Person:
    return Person("guest", n, name or f"Guest {n}", precedence, party, 100 + n)


def inductee(n: int, order: int) -> Person:
    return Person("inductee", n, f"Inductee {n}", INDUCTEE_PRECEDENCE, n, order)


def where(plan: object) -> dict[tuple[str, int], tuple[int, int]]:
    return {p.person.key: (p.table_id, p.seat) for p in plan.placements}  # type: ignore[attr-defined]


def test_the_official_party_sits_at_the_head_table_in_order_of_precedence() -> None:
    plan = seat_by_precedence([guest(3, 5), guest(1, 1), guest(2, 2), guest(4, 60)],
                              [Table(10, "Head table", 3), Table(11, "Table 1", 8)])
    assert where(plan) == {("guest", 1): (10, 1), ("guest", 2): (10, 2), ("guest", 3): (10, 3),
                           ("guest", 4): (11, 1)}
    assert plan.unseated == ()


def test_an_inductee_sits_with_their_party_even_if_the_party_must_go_to_the_next_table() -> None:
    people = [guest(1, 1), guest(2, 2), inductee(7, 1), guest(3, 20, party=7), guest(4, 30, party=7)]
    plan = seat_by_precedence(people, [Table(10, "Head table", 4), Table(11, "Table 1", 8)])
    seats = where(plan)
    assert {seats[("inductee", 7)][0], seats[("guest", 3)][0], seats[("guest", 4)][0]} == {11}
    assert seats[("inductee", 7)] == (11, 1)  # the inductee first in their party


def test_a_lower_precedence_guest_does_not_fill_a_gap_at_the_head_table_while_later_tables_have_room() -> None:
    people = [guest(1, 1), inductee(7, 1), guest(2, 20, party=7), inductee(8, 2), guest(3, 20, party=8),
              guest(9, 70, name="Sponsor")]
    plan = seat_by_precedence(people, [Table(10, "Head table", 4), Table(11, "Table 1", 8)])
    seats = where(plan)
    assert seats[("guest", 9)][0] == 11
    assert sum(1 for t, _s in seats.values() if t == 10) == 3  # one seat left free at the head table


def test_when_the_later_tables_are_full_the_gaps_are_filled() -> None:
    people = [guest(1, 1), inductee(7, 1), guest(2, 20, party=7), guest(3, 60)]
    plan = seat_by_precedence(people, [Table(10, "Head table", 2), Table(11, "Table 1", 2)])
    assert plan.unseated == ()
    assert where(plan)[("guest", 3)] == (10, 2)


def test_a_party_too_large_for_any_table_is_split_and_said_so() -> None:
    people = [inductee(7, 1)] + [guest(n, 30, party=7) for n in range(1, 5)]
    plan = seat_by_precedence(people, [Table(10, "Table 1", 3), Table(11, "Table 2", 3)])
    assert len(plan.placements) == 5
    assert plan.split_parties == (7,)
    assert "split" in plan.summary()


def test_who_does_not_fit_is_listed_without_a_seat() -> None:
    plan = seat_by_precedence([guest(n, n) for n in range(1, 6)], [Table(10, "Table 1", 3)])
    assert [p.id for p in plan.unseated] == [4, 5]
    assert plan.summary() == "3 seated; 2 without a seat (add tables or seats)."


def test_guests_without_precedence_come_last_and_inductees_keep_program_order() -> None:
    people = [guest(1, None, name="Aaron"), inductee(8, 2), inductee(7, 1), guest(2, 50)]
    assert [[p.key for p in party] for party in parties(people)] == [
        [("inductee", 7)], [("inductee", 8)], [("guest", 2)], [("guest", 1)]]


def test_no_tables_seats_nobody() -> None:
    plan = seat_by_precedence([guest(1, 1)], [])
    assert plan.placements == () and len(plan.unseated) == 1
