"""Which chart library for the Overview: what each candidate adds to the installation and to start-up.

Usage: python benchmarks/chart_libraries.py [--runs N] [--work DIR] [--only NAME ...]

Candidates: QtCharts (PySide6-Addons), pyqtgraph, matplotlib's QtAgg canvas, and the program's own
QPainter charts (imet_desktop.ui.overview.charts). For each external one a scratch virtual
environment is made under --work with the same PySide6-Essentials as the program, then the
candidate is installed into it with pip (its dependencies included).

Install size: du of the candidate venv's site-packages minus the base venv's (PySide6-Essentials
alone). For the QPainter charts: the size of their source files, which is all they add.

Start-up, whole process: a fresh Python process spawned by this parent, timed until the child
reports the first paint of a 1280x800 window holding a grouped bar chart (two series of 12 months,
axes, labels, legend) drawn with the candidate; side by side, alternating, with the same window
and no chart in the same venv (the reference). Medians of --runs runs, with min and max. Also the
candidate's own import time by `python -X importtime` (cumulative microseconds of its top
module), median of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYSIDE = "PySide6-Essentials~=6.12.0"

_PAINT = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    # reports once the chart (or the bare window) has been painted: the paint event has been handled
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType() and (
                obj is window or window.centralWidget() is not None and (
                    obj is window.centralWidget() or window.centralWidget().isAncestorOf(obj))):
            QTimer.singleShot(0, done)
        return False

def done():
    print("painted", flush=True)
    os._exit(0)

app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
THIS = [12, 30, 8, 4, 61, 75, 12, 90, 33, 12, 5, 2]
LAST = [10, 25, 9, 7, 55, 80, 10, 85, 40, 15, 6, 1]
"""

CHARTS = {
    "none": "",
    "qtcharts": """
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
chart = QChart()
series = QBarSeries()
for name, values in (("2026", THIS), ("2025", LAST)):
    s = QBarSet(name)
    s.append(values)
    series.append(s)
chart.addSeries(series)
x = QBarCategoryAxis(); x.append(MONTHS); chart.addAxis(x, Qt.AlignmentFlag.AlignBottom); series.attachAxis(x)
y = QValueAxis(); y.setRange(0, 100); y.setTitleText("students"); chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
series.attachAxis(y)
chart.setTitle("Arrivals by month")
window.setCentralWidget(QChartView(chart))
""",
    "pyqtgraph": """
import pyqtgraph as pg
plot = pg.PlotWidget(title="Arrivals by month")
plot.addLegend()
xs = list(range(12))
plot.addItem(pg.BarGraphItem(x=[x - 0.2 for x in xs], height=THIS, width=0.4, brush="#0072B2", name="2026"))
plot.addItem(pg.BarGraphItem(x=[x + 0.2 for x in xs], height=LAST, width=0.4, brush="#E69F00", name="2025"))
plot.getAxis("bottom").setTicks([list(enumerate(MONTHS))])
plot.setLabel("left", "students")
window.setCentralWidget(plot)
""",
    "matplotlib": """
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
figure = Figure()
ax = figure.add_subplot()
xs = range(12)
ax.bar([x - 0.2 for x in xs], THIS, 0.4, label="2026", color="#0072B2")
ax.bar([x + 0.2 for x in xs], LAST, 0.4, label="2025", color="#E69F00")
ax.set_xticks(list(xs), MONTHS)
ax.set_ylabel("students")
ax.set_title("Arrivals by month")
ax.legend()
window.setCentralWidget(FigureCanvasQTAgg(figure))
""",
    "qpainter": """
from imet_desktop.ui.overview.charts import BarChart, Series
chart = BarChart("Arrivals by month", "students")
chart.set_data(MONTHS, [Series("2026", tuple(THIS)), Series("2025", tuple(LAST))])
window.setCentralWidget(chart)
""",
}
_SHOW = """
spy = FirstPaint()
app.installEventFilter(spy)
window.show()
app.exec()
"""

PACKAGES = {"qtcharts": ["PySide6-Addons~=6.12.0"], "pyqtgraph": ["pyqtgraph"], "matplotlib": ["matplotlib"]}
TOP_MODULE = {"qtcharts": "PySide6.QtCharts", "pyqtgraph": "pyqtgraph",
              "matplotlib": "matplotlib.backends.backend_qtagg", "qpainter": "imet_desktop.ui.overview.charts"}
QPAINTER_SOURCES = ["imet_desktop/ui/overview/charts.py", "imet_desktop/palette.py"]


def _venv(work: Path, name: str, packages: list[str]) -> Path:
    """A scratch venv with PySide6-Essentials and the packages; its python."""
    target = work / name
    python = target / "bin" / "python"
    marker = target / ".installed"
    if marker.exists() and marker.read_text() == " ".join(packages):
        return python
    if target.exists():
        shutil.rmtree(target)
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", PYSIDE, *packages],
                   check=True)
    marker.write_text(" ".join(packages))
    return python


def _site_packages_bytes(python: Path) -> int:
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    out = subprocess.run(["du", "-sb", site], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0])


def _time_child(python: Path, chart: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    child = subprocess.run([str(python), "-c", _PAINT + CHARTS[chart] + _SHOW], capture_output=True, text=True,
                           env=env, timeout=120)
    elapsed = time.perf_counter() - start
    if "painted" not in child.stdout:
        raise SystemExit(f"{chart}: the child did not paint:\n{child.stderr}")
    return elapsed


def _import_us(python: Path, module: str) -> int:
    """Cumulative import time of a module (microseconds), by -X importtime, after QtWidgets is loaded."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    code = f"import PySide6.QtWidgets\nimport {module}"
    err = subprocess.run([str(python), "-X", "importtime", "-c", code], capture_output=True, text=True, env=env,
                         check=True).stderr
    for line in err.splitlines():
        m = re.match(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s+(\S+)$", line)
        if m and m.group(2) == module:
            return int(m.group(1))
    raise SystemExit(f"no import time line for {module}")


def _spread(values: list[float]) -> str:
    return f"min {min(values):.0f}, max {max(values):.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/chart-libraries"))
    parser.add_argument("--only", nargs="*", choices=list(TOP_MODULE), default=list(TOP_MODULE))
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    base = _venv(args.work, "base", [])
    base_bytes = _site_packages_bytes(base)
    print(f"base venv (PySide6-Essentials only): {base_bytes / 2**20:.1f} MiB of site-packages")
    results = {}
    for name in args.only:
        if name == "qpainter":
            python = Path(sys.executable)  # the program's own venv: the charts are part of it
            added = sum((ROOT / p).stat().st_size for p in QPAINTER_SOURCES)
        else:
            python = _venv(args.work, name, PACKAGES[name])
            added = _site_packages_bytes(python) - base_bytes
        _time_child(python, "none")
        _time_child(python, name)  # warm the disk cache for both
        bare, charted, imports = [], [], []
        for _ in range(args.runs):
            bare.append(_time_child(python, "none") * 1000)
            charted.append(_time_child(python, name) * 1000)
            imports.append(_import_us(python, TOP_MODULE[name]) / 1000)
        results[name] = {"install_mib": added / 2**20, "window_ms": statistics.median(bare),
                         "window_spread": _spread(bare), "chart_ms": statistics.median(charted),
                         "chart_spread": _spread(charted), "import_ms": statistics.median(imports),
                         "import_spread": _spread(imports)}
        r = results[name]
        print(f"{name:10}: +{r['install_mib']:7.2f} MiB installed; import {r['import_ms']:6.0f} ms "
              f"({r['import_spread']}); window with chart {r['chart_ms']:5.0f} ms ({r['chart_spread']}) "
              f"against {r['window_ms']:4.0f} ms without ({r['window_spread']}): "
              f"+{r['chart_ms'] - r['window_ms']:.0f} ms", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
