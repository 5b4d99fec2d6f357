"""The Honor Roll tab's table model."""

from __future__ import annotations

from imet_desktop.ui.common.table_model import Column, RowListModel


class HonoreesModel(RowListModel):
    """Rows are ``store.honor_roll.HonoreeRow``."""

    YEAR, COUNTRY, NAME, NATIVE_NAME, RANK, POSITION, SCHOOLS = range(7)
    COLUMNS = (
        Column("Year", lambda r: r.induction_year, width=5, numeric=True),
        Column("Country", lambda r: r.country_name or r.country_code, width=16),
        Column("Name", lambda r: r.legal_name, width=28),
        Column("Native name", lambda r: r.native_name, width=22),
        Column("Rank", lambda r: r.rank, width=22),
        Column("Position", lambda r: r.position_title, width=44),
        Column("Schools", lambda r: r.schools_attended, width=22),
    )
