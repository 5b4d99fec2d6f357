"""The import's problem list as a CSV file the clerk keeps: every problem, neutralised against formulas."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

from imet_desktop.exchange.problem_report import write_problems_csv
from imet_desktop.exchange.student_rows import RowProblem


def test_the_problem_list_is_saved_as_csv_neutralised_against_formulas(tmp_path: Path) -> None:
    target = tmp_path / "problems.csv"
    count = write_problems_csv([RowProblem(7, "DOB", "31/02/2026", "is not a real date", "KIM, Min-jun"),
                                RowProblem(9, "Surname", "=HYPERLINK(\"x\")", "is odd", "=HYPERLINK(\"x\")")], target)
    assert count == 2
    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [["Row", "Name", "Column", "Value", "Problem"],
                    ["7", "KIM, Min-jun", "DOB", "31/02/2026", "is not a real date"],
                    ["9", "'=HYPERLINK(\"x\")", "Surname", "'=HYPERLINK(\"x\")", "is odd"]]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # the values quoted may be personal data
