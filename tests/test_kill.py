"""SIGKILL at random moments, at least 50 times per operation: the database stays whole, results are whole or
absent, and nothing half-written is readable by anyone else (tests/kill_harness.py does the killing).

Two harness processes share the work (the machine has two cores); IMET_KILLS sets the kills per operation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KILLS = int(os.environ.get("IMET_KILLS", "50"))
GROUPS = ["import,export,certificates", "backup,restore,migration"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks its victims (POSIX)")
def test_every_operation_survives_being_killed_at_random_moments(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    processes = []
    for n, group in enumerate(GROUPS):
        work = tmp_path / f"group-{n}"
        work.mkdir()
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "tests.kill_harness", group, str(KILLS), str(1000 + n), str(work)],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "XDG_DATA_HOME": str(work / "xdg-data")}))
    reports = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err[-3000:]
        reports += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    (tmp_path / "kill-report.json").write_text(json.dumps(reports, indent=1))
    assert sorted(r["operation"] for r in reports) == sorted(
        ["import", "export", "certificates", "backup", "restore", "migration"])
    for report in reports:
        assert report["kills"] >= KILLS, report
        assert report["problems"] == [], report
        for kind in ("partial file", "temporary file", "database", "backup", "export with personal data"):
            assert all(int(mode, 8) & 0o077 == 0 for mode in report["modes"].get(kind, [])), report
