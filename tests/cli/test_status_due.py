"""`imet-desktop status-due [--date]`: the day's list of statuses to move, read only."""

from __future__ import annotations

from pathlib import Path

import pytest

from imet_desktop import cli
from imet_desktop.store.db import open_database
from imet_desktop.store.enrollments import assign

from ..store.placing import PLACED_ON, a_school, a_student


def test_the_list_names_who_is_due_and_why(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(db_path)
    school = a_school(db)
    assign(db, a_student(db, "OWUSU"), school.prep, today=PLACED_ON)
    db.close()
    assert cli.main(["status-due", "--date", "2026-06-01", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip() == "No status is due to move on 2026-06-01."
    assert cli.main(["status-due", "--date", "2026-06-09", "--db", str(db_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "STATUS", "DUE", "NAME", "—", "WHY"]
    assert lines[1].split()[:4] == ["1", "Arrived", "In", "training"]
    assert lines[1].endswith("OWUSU, Kwame — IOS ACSC Prep 2026 started on 08 JUN 2026")
