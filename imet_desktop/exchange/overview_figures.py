"""The Overview's figures as rows, for a spreadsheet: CSV (UTF-8 with BOM) or XLSX, written whole or not at all.

One row per figure: (section, figure, detail, value). The value is a whole number, or text for
the few that are not counts (the date, the office, a ceremony's status), or empty where there is
nothing to count (a class with no capacity or no minimum). The rows carry no personal data: only
counts, country and class names.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from imet_desktop.domain.dates import format_date
from imet_desktop.domain.overview import (
    ARRIVING_DAYS,
    CLASS_DAYS,
    DEPARTING_DAYS,
    MONTHS,
    REPORTS_DUE_DAYS,
    TASKS_DUE_DAYS,
    Overview,
)
from imet_desktop.exchange.student_export import neutralise
from imet_desktop.files import open_atomically, write_atomically

HEADERS = ("Section", "Figure", "Detail", "Value")
FORMATS = ("csv", "xlsx")

type Value = int | str
type Row = tuple[str, str, str, Value]


def figure_rows(o: Overview) -> list[Row]:
    """Every figure of the Overview, in the order the tab and the printed report show them."""
    rows: list[Row] = [
        ("Overview", "Office", "", o.office),
        ("Overview", "As of", "", o.on.isoformat()),
        ("Overview", "Students (not archived)", "", o.students),
        ("Headline", "In residence", format_date(o.on), o.in_residence),
        ("Headline", "Arriving", f"next {ARRIVING_DAYS} days", o.arriving),
        ("Headline", "Departing", f"next {DEPARTING_DAYS} days", o.departing),
        ("Headline", "Not yet reported", "report date passed, arrival not recorded", o.not_yet_reported),
    ]
    d = o.deadlines
    rows += [
        ("Deadlines", "Reports overdue", "", d.reports_overdue),
        ("Deadlines", "Reports due", f"next {REPORTS_DUE_DAYS} days", d.reports_due_soon),
        ("Deadlines", "Ceremony tasks overdue", "", d.tasks_overdue),
        ("Deadlines", "Ceremony tasks due", f"next {TASKS_DUE_DAYS} days", d.tasks_due_soon),
        ("Deadlines", "Nominations awaiting clearance", "", d.nominations_awaiting_clearance),
    ]
    for breakdown in o.breakdowns:
        section = f"In residence by {breakdown.dimension.value}"
        rows += [(section, c.label, c.key, c.value) for c in breakdown.counts]
    for flow in o.flows:
        rows += [("Arrivals by month", str(flow.year), month, n) for month, n in zip(MONTHS, flow.arrivals,
                                                                                     strict=True)]
        rows += [("Departures by month", str(flow.year), month, n) for month, n in zip(MONTHS, flow.departures,
                                                                                       strict=True)]
    for c in o.classes:
        section = f"Classes starting in the next {CLASS_DAYS} days"
        rows += [(section, c.designator, "starts", c.start_date.isoformat()),
                 (section, c.designator, "seats taken", c.taken),
                 (section, c.designator, "waiting", c.waitlisted),
                 (section, c.designator, "capacity", "" if c.capacity is None else c.capacity),
                 (section, c.designator, "minimum", "" if c.minimum is None else c.minimum)]
    h = o.honor_roll
    for year, counts in zip(h.years, h.counts, strict=True):
        rows += [("Honor Roll inductees", str(year), name, n)
                 for name, n in zip(h.region_names, counts, strict=True) if n]
    if o.ceremony is not None:
        cer = o.ceremony
        rows += [("Newest ceremony", cer.title, "date", cer.ceremony_date.isoformat() if cer.ceremony_date else ""),
                 ("Newest ceremony", cer.title, "status", cer.status),
                 ("Newest ceremony", cer.title, "inductees", cer.inductees),
                 ("Newest ceremony", cer.title, "attending in person", cer.attending),
                 ("Newest ceremony", cer.title, "guests invited", cer.guests),
                 ("Newest ceremony", cer.title, "guests accepted", cer.guests_accepted),
                 ("Newest ceremony", cer.title, "tasks", cer.tasks),
                 ("Newest ceremony", cer.title, "tasks done", cer.tasks_done),
                 ("Newest ceremony", cer.title, "tasks overdue", cer.tasks_overdue)]
    for country in o.countries:
        rows += [("Countries", country.name, "in residence", country.in_residence),
                 ("Countries", country.name, "alumni", country.alumni),
                 ("Countries", country.name, "Honor Roll", country.honor_roll)]
    return rows


def _safe(value: Value) -> Value:
    return neutralise(value) if isinstance(value, str) else value


def figures_csv(o: Overview) -> str:
    """The figures as CSV text (a header row, then figure_rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for row in figure_rows(o):
        writer.writerow([_safe(v) for v in row])
    return buffer.getvalue()


def write_figures(o: Overview, target: Path, file_format: str) -> int:
    """Write the figures to a CSV or XLSX file (replaced whole, or left as it was); the number of rows."""
    rows = figure_rows(o)
    if file_format == "csv":
        # A BOM, so that spreadsheet programs read the country names' accents as UTF-8.
        write_atomically(target, "\ufeff" + figures_csv(o), private=False)
    elif file_format == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(f"Overview {o.on.isoformat()}")
        sheet.append(list(HEADERS))
        for row in rows:
            sheet.append([_safe(v) for v in row])
        with open_atomically(target, "wb", private=False) as f:
            book.save(f)
    else:
        raise ValueError(f"unknown format {file_format!r}: {', '.join(FORMATS)}")
    return len(rows)
