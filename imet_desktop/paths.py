"""Where the program's files are: bundled resources and the user's data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "IMET Desktop"
APP_AUTHOR = "IMET Desktop"
DEFAULT_DATABASE_NAME = "imet.db"


def resources_dir() -> Path:
    """The resources folder, in a checkout (./resources) or an installed wheel."""
    here = Path(__file__).resolve().parent
    installed = here / "resources"
    if installed.is_dir():
        return installed
    return here.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of one bundled resource; raises FileNotFoundError naming it if it is missing."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {path}")
    return path


def user_data_dir() -> Path:
    """The user's data folder for this program (created on demand by the caller)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    """The database used when none is named: imet.db in the user's data folder."""
    return user_data_dir() / DEFAULT_DATABASE_NAME
