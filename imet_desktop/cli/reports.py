"""`imet-desktop report overview`: the office at a glance, printed (PDF) or as figures (CSV, XLSX).

Gathered by imet_desktop.cli.main; nothing heavy at module level (ReportLab and openpyxl are
loaded when the command runs). The figures are those of the window's Overview tab (ops.overview).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from imet_desktop.cli.common import EXIT_OK, Command, iso_date, path_argument

REPORTS = ("overview",)


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not 1900 <= value <= 2200:
        raise argparse.ArgumentTypeError(f"not a year between 1900 and 2200: {value}")
    return value


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("report", choices=REPORTS, help="which report (overview: the office at a glance)")
    parser.add_argument("--out", type=path_argument, required=True, metavar="FILE",
                        help="the file to write (replaced whole, or left as it was)")
    parser.add_argument("--format", choices=("pdf", "csv", "xlsx"), default=None,
                        help="pdf: the printed report (2 to 4 pages, charts and tables); csv or xlsx: the figures "
                             "alone, one row each (default: from FILE's ending, else pdf)")
    parser.add_argument("--date", type=iso_date, default=None, metavar="YYYY-MM-DD",
                        help="the day the figures are counted on (default: today)")
    parser.add_argument("--year", type=_year, default=None, metavar="YYYY",
                        help="the year of the arrivals and departures by month, shown with the year before "
                             "(default: the date's year)")


def _run_report(args: argparse.Namespace) -> int:
    from imet_desktop.ops.overview import format_of, write_figures, write_report
    from imet_desktop.store.db import current_user, open_for_reading

    out: Path = args.out
    file_format = format_of(out, args.format)
    db = open_for_reading(args.db)
    try:
        if file_format == "pdf":
            pages = write_report(db, out, args.date, args.year, prepared_by=current_user())
            print(f"Wrote the overview ({pages} pages) to {out}")
        else:
            rows = write_figures(db, out, file_format, args.date, args.year)
            print(f"Wrote {rows:,} figures of the overview to {out}")
    finally:
        db.close()
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "report": Command(
        summary="print the overview of the office (PDF), or write its figures (CSV, XLSX)",
        description="Write the Overview (the window's first tab) for a date: who is in residence, arriving and "
                    "departing, by country, region, command, program, service and status; arrivals and "
                    "departures by month; classes of the coming 90 days; deadlines; the Honor Roll by year and "
                    "region; the newest ceremony; every country. As a 2-4 page PDF with charts (--format pdf), "
                    "or the figures alone, one row each (--format csv or xlsx).",
        add_arguments=_report_arguments,
        run=_run_report,
        uses_database=True,
        target="out",
    ),
}
