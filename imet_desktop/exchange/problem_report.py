"""An import's problems as a CSV file the clerk can keep, sort and send back to whoever made the spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from imet_desktop.exchange.errors import ExportError
from imet_desktop.exchange.student_export import neutralise
from imet_desktop.exchange.student_rows import RowProblem
from imet_desktop.files import FileWriteError, open_atomically

HEADERS = ("Row", "Name", "Column", "Value", "Problem")


def write_problems_csv(problems: Iterable[RowProblem], target: Path | str) -> int:
    """Write the problems (row, name, column, value, why) as CSV in UTF-8 with a BOM; returns how many."""
    target = Path(target)
    count = 0
    try:
        # owner-only: a problem line quotes the row's values, a date of birth or a passport number among them
        with open_atomically(target, "w", private=True, encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(HEADERS)
            for p in problems:
                writer.writerow([p.row, neutralise(p.name), neutralise(p.column), neutralise(p.value),
                                 neutralise(p.message)])
                count += 1
    except FileWriteError as e:
        raise ExportError(str(e)) from None
    return count
