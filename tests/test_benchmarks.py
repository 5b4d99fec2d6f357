"""The benchmarks still run (benchmarks/run_all.py --quick: small sizes, one run each). Nothing is timed here:
the table's figures come from a full run on an idle machine, never from the test suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_row_of_the_speed_table_is_measured(tmp_path: Path) -> None:
    out = tmp_path / "table.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run_all.py"), "--quick", "--work",
                           str(tmp_path / "work"), "--json", str(out)], capture_output=True, text=True, env=env,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    table = json.loads(out.read_text(encoding="utf-8"))
    rows = [r["what"] for r in table["rows"]]
    for words in ("import 300 rows (CSV)", "import 1,500 rows (CSV)", "import into the", "(XLSX)",
                  "(XLSX as Excel saves it", "first tab shown",
                  'common prefix "mar"', "most frequent 1–3 letter prefixes", "memory over a bare window",
                  "certificates of a ceremony", "add an inductee", "export"):
        assert any(words in r for r in rows), (words, rows)
    assert all(r["measured"] and r["target"] for r in table["rows"])
    # Beside the bare window, the first tab's row measures the same window and tab in PySide6 alone (furnished.py).
    first_tab = next(r for r in table["rows"] if "first tab shown" in r["what"])
    assert "in PySide6 alone" in first_tab["reference"]
    assert len(first_tab["values"]["furnished s"]) == len(first_tab["values"]["bare s"]) >= 1
    assert all(0 < s < 60 for s in first_tab["values"]["furnished s"])
    assert "| target met |" in done.stdout
