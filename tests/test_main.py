"""The entry point, run the way a clerk runs it: a separate process, no window, no Qt for commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import imet_desktop
from imet_desktop import __main__ as entry_point
from imet_desktop import cli


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "imet_desktop", *args], capture_output=True, text=True,
                          timeout=120)


def test_python_dash_m_prints_the_version() -> None:
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"imet-desktop {imet_desktop.__version__}\n"


def test_the_console_script_prints_the_version() -> None:
    script = shutil.which("imet-desktop", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("imet-desktop is not installed next to this Python (not an editable install?)")
    result = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "imet-desktop 0.1.0\n"


def test_the_console_script_and_python_dash_m_run_the_same_function() -> None:
    assert entry_point.main is cli.main


def test_an_unknown_command_exits_2_with_usage() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: imet-desktop")
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_a_database_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("FAMILY,Given\n", encoding="utf-8")
    result = run("--db", str(path))
    assert result.returncode == 2
    assert result.stderr == f"imet-desktop: error: {path} is not an IMET Desktop database (not an SQLite file)\n"
    assert result.stdout == ""


_QT_LOADED = "sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6')))"


@pytest.mark.parametrize("args", [
    ["--version"],
    ["--help"],
    ["demo", "--help"],
    ["--db", "{tmp}/no such folder/office.db"],
    ["--db", "{tmp}"],
], ids=["version", "help", "demo help", "missing folder", "folder"])
def test_headless_work_and_database_checks_load_no_qt(args: list[str], tmp_path: Path) -> None:
    argv = [a.format(tmp=tmp_path) for a in args]
    code = (
        "import sys\n"
        "from imet_desktop.__main__ import main\n"
        f"status = main({argv!r})\n"
        f"print('QT', {_QT_LOADED}, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "QT []" in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.stderr


def test_the_demo_command_loads_no_qt(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    code = (
        "import sys\n"
        "from imet_desktop.__main__ import main\n"
        f"status = main(['demo', {str(path)!r}, '--students', '5'])\n"
        f"print('QT', {_QT_LOADED}, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "QT []" in result.stderr.splitlines()
    assert path.exists()
