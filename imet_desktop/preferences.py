"""The workstation's own preferences, kept as JSON in the user's data folder (Qt-free: the command line reads them too).

Only what belongs to the workstation rather than to the office's database lives here: where the
automatic backups go. The office's settings (signatories, names) live in the database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from imet_desktop import paths
from imet_desktop.files import write_atomically

PREFERENCES_NAME = "preferences.json"
BACKUPS_FOLDER_NAME = "backups"


def preferences_path() -> Path:
    """The preferences file: preferences.json in the user's data folder."""
    return paths.user_data_dir() / PREFERENCES_NAME


def _load() -> dict[str, Any]:
    try:
        data = json.loads(preferences_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: the defaults (never a reason not to start)
    return data if isinstance(data, dict) else {}


def _save(data: dict[str, Any]) -> None:
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2), private=True)


def default_backups_folder() -> Path:
    """Where automatic backups go unless the clerk chose another folder: 'backups' in the data folder."""
    return paths.user_data_dir() / BACKUPS_FOLDER_NAME


def backups_folder() -> Path:
    """The folder of automatic backups (the clerk's choice, else the default)."""
    chosen = _load().get("backups_folder")
    return Path(chosen) if isinstance(chosen, str) and chosen else default_backups_folder()


def set_backups_folder(folder: Path | None) -> None:
    """Keep automatic backups in folder from now on (None: the default folder)."""
    data = _load()
    if folder is None:
        data.pop("backups_folder", None)
    else:
        data["backups_folder"] = str(Path(folder).expanduser().resolve())
    _save(data)
