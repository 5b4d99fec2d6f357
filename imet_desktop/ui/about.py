"""What Help › About tells: the program's and its libraries' versions, and the open database."""

from __future__ import annotations

import platform
import sqlite3
from html import escape
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import qVersion

import imet_desktop


def _distribution_version(name: str) -> str:
    # Read from the installed metadata: importing ReportLab just to ask its version costs startup time.
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def versions() -> dict[str, str]:
    """Name → version of the program and everything it runs on."""
    return {
        "IMET Desktop": imet_desktop.__version__,
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "ReportLab": _distribution_version("reportlab"),
        "sqlite-utils": _distribution_version("sqlite-utils"),
    }


def about_text(db_path: Path) -> str:
    """The About box's text (HTML)."""
    rows = "".join(f"<tr><td>{escape(k)}</td><td>&nbsp;&nbsp;{escape(v)}</td></tr>" for k, v in versions().items())
    return (
        f"<h3>IMET Desktop {escape(imet_desktop.__version__)}</h3>"
        "<p>Records, course placement and Honor Roll ceremonies for an international officers office.</p>"
        f"<table>{rows}</table>"
        f"<p>Database:<br><code>{escape(str(db_path))}</code></p>"
    )
