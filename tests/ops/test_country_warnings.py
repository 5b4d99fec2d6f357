"""The pre-print check warns when a document would print the names of a country the office added by hand
and has not confirmed; confirmed, or a country the program ships, prints without a word."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from imet_desktop.domain.records import Ceremony, Student
from imet_desktop.ops.documents import PrintOptions, prepare
from imet_desktop.store.ceremonies import add_inductee, new_ceremony
from imet_desktop.store.countries import add_country, confirm_country, unconfirmed_countries
from imet_desktop.store.students import add_student

from .conftest import PLANNED, inductee_ids


def _hand_added(demo: Database) -> int:
    """A graduate of a country the office added by hand, on a ceremony of their own."""
    add_country(demo, code="XS", alpha3="XSA", name="Sealand", official_name="Principality of Sealand")
    cid = new_ceremony(demo, Ceremony("Induction 2029", dt.date(2029, 4, 20), "14:00", "Maxwell Club"))
    add_inductee(demo, cid, add_student(demo, Student("BATES", "Michael", country_code="XS")),
                 override_reason="a test of country names")
    return cid


def test_a_ceremony_of_shipped_countries_prints_without_warnings(demo: Database) -> None:
    for key in ("certificates", "program", "place-cards"):
        assert prepare(demo, key, PLANNED).warnings == ()


def test_a_country_added_by_hand_and_not_confirmed_is_warned_of_until_confirmed(demo: Database) -> None:
    cid = _hand_added(demo)
    assert [c.code for c in unconfirmed_countries(demo, ["XS", "TW", ""])] == ["XS"]
    warnings = prepare(demo, "certificates", cid).warnings
    assert warnings == ("Sealand (XS): induction certificates would print “Principality of Sealand” or “Sealand”, "
                        "names added by hand that the office has not confirmed (Settings ▸ Countries ▸ Confirm "
                        "these names)",)
    # the 2027 ceremony's certificates print none of it; its program prints the Honor Roll only
    assert prepare(demo, "certificates", PLANNED).warnings == ()
    assert prepare(demo, "certificates", PLANNED, PrintOptions(ids=tuple(inductee_ids(demo, PLANNED)[:1]))
                   ).warnings == ()
    confirm_country(demo, "XS")
    assert prepare(demo, "certificates", cid).warnings == ()
