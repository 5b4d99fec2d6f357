"""Table models of the Ceremonies tab: the ceremonies and one ceremony's inductees."""

from __future__ import annotations

from imet_desktop.ui.common.formatting import display_date
from imet_desktop.ui.common.table_model import Column, RowListModel


def _attendance(row: object) -> str:
    if getattr(row, "attending", False):
        return "Attending"
    name = getattr(row, "representative_name", "") or ""
    title = getattr(row, "representative_title", "") or ""
    if not name:
        return "Not attending (no representative yet)"
    return f"Represented by {name}, {title}" if title else f"Represented by {name}"


class CeremoniesModel(RowListModel):
    """Rows are ``store.ceremonies.CeremonyRow``."""

    DATE, TIME, TITLE, VENUE, STATUS, INDUCTEES, GUESTS = range(7)
    COLUMNS = (
        Column("Date", lambda r: r.ceremony_date, display_date, width=11),
        Column("Time", lambda r: r.ceremony_time, width=6),
        Column("Title", lambda r: r.title, width=40, stretch=True),
        Column("Venue", lambda r: r.venue, width=42),
        Column("Status", lambda r: r.status, width=9),
        Column("Inductees", lambda r: r.inductee_count, width=9, numeric=True),
        Column("Guests", lambda r: r.guest_count, width=7, numeric=True),
    )


class InducteesModel(RowListModel):
    """Rows are ``store.ceremonies.InducteeRow``."""

    NAME, NATIVE_NAME, COUNTRY, POSITION, ATTENDANCE = range(5)
    COLUMNS = (
        Column("Name", lambda r: r.legal_name, width=28),
        Column("Native name", lambda r: r.native_name, width=22),
        Column("Country", lambda r: r.country_name or r.country_code, width=16),
        Column("Position", lambda r: r.position_title, width=40),
        Column("Attending / representative", _attendance, width=40),
    )
