"""The Honor Roll tab's table models: the register, the eligible graduates, the nominations, a graduate's records."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from imet_desktop.domain.records import NominationStatus
from imet_desktop.ui.common.formatting import display_date
from imet_desktop.ui.common.table_model import AnyIndex, Column, RowListModel

MUTED = QColor("#6B6B6B")
WARNING = QColor("#B3261E")
GOOD = QColor("#1B5E20")


class HonoreesModel(RowListModel):
    """Rows are ``store.honor_roll.HonoreeRow``."""

    YEAR, COUNTRY, NAME, NATIVE_NAME, RANK, POSITION, SCHOOLS = range(7)
    COLUMNS = (
        Column("Year", lambda r: r.induction_year, width=5, numeric=True,
               tooltip=lambda r: f"Inducted {display_date(r.induction_date)}"
                                 + (f" at the {r.ceremony_title}" if r.ceremony_title else "")),
        Column("Country", lambda r: r.country_name or r.country_code, width=16, fit=True),
        Column("Name", lambda r: r.legal_name, width=28, person=True),
        Column("Native name", lambda r: r.native_name, width=22, person=True),
        Column("Rank", lambda r: r.rank, width=22),
        Column("Position", lambda r: r.position_title, width=44),
        Column("Schools", lambda r: r.schools_attended, width=22),
    )


class EligibleModel(RowListModel):
    """Rows are ``store.honor_roll.EligibleRow``; near misses (not eligible) show grey."""

    COUNTRY, NAME, POSITION, APPOINTED, SCHOOLS, REASON = range(6)
    COLUMNS = (
        Column("Country", lambda r: r.country_name or r.country_code, width=14, fit=True),
        Column("Name", lambda r: r.legal_name, width=26, person=True),
        Column("Position", lambda r: r.position_title, width=32, tooltip=lambda r: r.category),
        Column("Appointed", lambda r: r.appointment_date, display_date, width=11),
        Column("Schools", lambda r: r.schools, width=16),
        Column("Why", lambda r: r.reason + (f" An earlier nomination was declined on "
                                            f"{display_date(r.declined_before)}." if r.declined_before else ""),
               width=60),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and not self.row_at(index.row()).eligible:
            return QBrush(MUTED)
        return super().data(index, role)


_STATUS_COLOURS = {NominationStatus.APPROVED: GOOD, NominationStatus.INDUCTED: GOOD, NominationStatus.DECLINED: MUTED}


class NominationsModel(RowListModel):
    """Rows are ``store.honor_roll.NominationRow``."""

    DATE, NAME, COUNTRY, STATUS, POSITION, NOMINATED_BY, CEREMONY = range(7)
    COLUMNS = (
        Column("Nominated", lambda r: r.nomination_date, display_date, width=11),
        Column("Nominee", lambda r: r.legal_name, width=24, person=True),
        Column("Country", lambda r: r.country_name or r.country_code, width=12, fit=True),
        Column("Status", lambda r: r.status, width=9, fit=True),
        Column("Position", lambda r: r.position_title, width=30),
        Column("Nominated by", lambda r: r.nominated_by, width=26,
               tooltip=lambda r: f"{r.nominated_by} ({r.nominated_by_kind})" if r.nominated_by_kind
               else r.nominated_by),
        Column("Ceremony", lambda r: r.ceremony_title, width=30),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and index.column() == self.STATUS):
            colour = _STATUS_COLOURS.get(self.row_at(index.row()).status)
            return QBrush(colour) if colour else None
        return super().data(index, role)


class PositionsModel(RowListModel):
    """Rows are ``domain.records.Position``."""

    TITLE, ORGANISATION, CATEGORY, APPOINTED, ENDED, SOURCE = range(6)
    COLUMNS = (
        Column("Title", lambda r: r.title, width=34),
        Column("Organisation", lambda r: r.organisation, width=24),
        Column("Category", lambda r: r.category, width=26),
        Column("Appointed", lambda r: r.appointment_date, display_date, width=11),
        Column("Until", lambda r: r.end_date, display_date, width=11),
        Column("Source", lambda r: r.source, width=18),
    )


class SchoolsModel(RowListModel):
    """Rows are ``domain.eligibility.SchoolAttended``."""

    COURSE, YEAR, RESIDENCE, COMPLETED, SOURCE = range(5)
    COLUMNS = (
        Column("Course", lambda r: r.course_code, width=8, fit=True),
        Column("Year", lambda r: r.year, width=6, numeric=True),
        Column("In residence", lambda r: "yes" if r.in_residence else "no", width=10),
        Column("Completed", lambda r: "yes" if r.completed else "not yet", width=9),
        Column("Source", lambda r: r.source + (" (class records)" if r.from_enrollment else ""), width=30),
    )
