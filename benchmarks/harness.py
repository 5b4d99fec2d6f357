"""Running whole processes and summarising what they measured: wall time from spawn, the times of the lines a
child reports, and the child's peak resident memory (GNU time's %M, its parent's ru_maxrss, so nothing in the child
measures itself for that)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
CHILDREN = HERE / "children.py"


@dataclass
class Process:
    """One finished child: its wall time (s), peak memory (MiB), the JSON lines it printed, and when each came (s)."""

    wall: float
    peak: float
    lines: list[dict[str, Any]] = field(default_factory=list)
    at: dict[str, float] = field(default_factory=dict)
    output: str = ""

    def line(self, event: str) -> dict[str, Any]:
        """The JSON line with this event."""
        for line in self.lines:
            if line.get("event") == event:
                return line
        raise KeyError(f"the child reported no {event!r}:\n{self.output}")


class ChildFailed(RuntimeError):
    """A child exited with an error."""


def scratch_folders(work: Path) -> None:
    """This process and its children keep their data and settings (backups, logs, recent files) under work, never
    in the user's data folder: the benchmark databases are 600 MiB, and every pre-migration or daily backup of
    one would land there otherwise."""
    os.environ.update(XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"))


def environment(work: Path) -> dict[str, str]:
    """The children's environment: offscreen Qt, and data and settings folders of their own (never the user's)."""
    scratch_folders(work)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(CHECKOUT))
    return env


def run(command: Sequence[str], env: dict[str, str], *, timeout: float = 3600, ok: Sequence[int] = (0,)) -> Process:
    """Spawn a command and wait for it; its wall time, the lines it printed (JSON ones parsed, timed) and peak RSS."""
    # The peak comes from GNU time, the child's parent: a child forked from this (large) process would carry this
    # process's resident size into its own ru_maxrss (Linux keeps the high-water mark across fork and exec), so
    # every peak read the same.
    peak_file = Path(tempfile.mkstemp(prefix="imet-bench-peak-")[1])
    command = ["/usr/bin/time", "-f", "%M", "-o", str(peak_file), *command]
    start = time.perf_counter()
    child = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True,
                             cwd=CHECKOUT)
    assert child.stdout is not None
    lines: list[dict[str, Any]] = []
    at: dict[str, float] = {}
    output: list[str] = []
    for text in child.stdout:
        now = time.perf_counter() - start
        output.append(text)
        if text.startswith("{"):
            try:
                line = json.loads(text)
            except json.JSONDecodeError:
                continue
            lines.append(line)
            if "event" in line:
                at.setdefault(str(line["event"]), now)
        if now > timeout:
            child.kill()
    _pid, status, _usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    text = "".join(output)
    report = peak_file.read_text().split()
    peak_file.unlink()
    if child.returncode not in ok:
        raise ChildFailed(f"{' '.join(command)} exited {child.returncode}:\n{text[-4000:]}")
    return Process(wall, int(report[-1]) / 1024, lines, at, text)


def python(*args: str) -> list[str]:
    """A command running this Python."""
    return [sys.executable, *args]


def program(*args: str) -> list[str]:
    """The program's command line, as installed (`imet-desktop ...`)."""
    return python("-m", "imet_desktop", *args)


def child(kind: str, *args: str) -> list[str]:
    """One of children.py's processes."""
    return python(str(CHILDREN), kind, *args)


# --- summaries --------------------------------------------------------------------------------------

def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank, so it is a value that was measured)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def spread(values: Sequence[float], digits: int = 0, unit: str = "") -> str:
    """'median (min–max)' of measured values."""
    if not values:
        return "n/a"
    fmt = f"{{:,.{digits}f}}"
    return f"{fmt.format(median(values))}{unit} ({fmt.format(min(values))}–{fmt.format(max(values))})"


@dataclass
class Row:
    """One line of the table: what was measured, the result, its reference, the target and whether it is met."""

    what: str
    measured: str
    reference: str
    target: str
    met: bool | None
    values: dict[str, Any] = field(default_factory=dict)


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    lines = ["| what | measured | reference (same run) | target | target met |", "| --- | --- | --- | --- | --- |"]
    for r in rows:
        met = "n/a" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(f"| {r.what} | {r.measured} | {r.reference} | {r.target} | {met} |")
    return "\n".join(lines)
