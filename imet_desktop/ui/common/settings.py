"""What the program remembers between sessions (QSettings): last and recent databases, geometry.

The application's organisation and name (set by ``app.configure_identity``) decide where the
settings live; tests point QSettings at a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8

_LAST_DATABASE = "database/last"
_RECENT_DATABASES = "database/recent"
_LAST_BACKUP_FOLDER = "database/lastBackupFolder"


def _settings() -> QSettings:
    return QSettings()


def _as_list(value: object) -> list[str]:
    # QSettings (INI) hands back a str for a one-element list and None for an empty one.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]  # type: ignore[attr-defined]


def last_database() -> Path | None:
    """The database open when the program last closed (it may no longer exist)."""
    value = _settings().value(_LAST_DATABASE)
    return Path(str(value)) if value else None


def recent_databases() -> list[Path]:
    """Recently opened databases, newest first."""
    return [Path(p) for p in _as_list(_settings().value(_RECENT_DATABASES))]


def remember_database(path: Path) -> None:
    """Record path as the last database and put it at the top of the recent list."""
    path = Path(path).resolve()
    recent = [p for p in recent_databases() if p != path]
    recent.insert(0, path)
    s = _settings()
    s.setValue(_LAST_DATABASE, str(path))
    s.setValue(_RECENT_DATABASES, [str(p) for p in recent[:MAX_RECENT]])


def forget_database(path: Path) -> None:
    """Take path off the recent list (it is gone, or not a database)."""
    path = Path(path).resolve()
    _settings().setValue(_RECENT_DATABASES, [str(p) for p in recent_databases() if p != path])


def clear_recent_databases() -> None:
    """Empty the recent list."""
    _settings().setValue(_RECENT_DATABASES, [])


def last_backup_folder() -> Path | None:
    """Where the clerk saved the last backup."""
    value = _settings().value(_LAST_BACKUP_FOLDER)
    return Path(str(value)) if value else None


def remember_backup_folder(folder: Path) -> None:
    """Remember the folder of the latest backup, to suggest it next time."""
    _settings().setValue(_LAST_BACKUP_FOLDER, str(folder))


_WRITTEN_FOLDERS = "files/writtenFolders"
MAX_WRITTEN_FOLDERS = 10


def written_folders() -> list[Path]:
    """The folders the clerk last saved files to, newest first (a killed save leaves its partial file there)."""
    folders = [Path(p) for p in _as_list(_settings().value(_WRITTEN_FOLDERS))]
    backup = last_backup_folder()
    return folders + ([backup] if backup is not None and backup not in folders else [])


def remember_written_folder(folder: Path) -> None:
    """Remember a folder the clerk saved a file to."""
    folder = Path(folder)
    kept = [str(folder)] + [str(p) for p in written_folders() if p != folder]
    _settings().setValue(_WRITTEN_FOLDERS, kept[:MAX_WRITTEN_FOLDERS])


def window_state(name: str) -> tuple[QByteArray | None, QByteArray | None]:
    """A window's saved geometry and state (None when never saved)."""
    s = _settings()
    geometry = s.value(f"windows/{name}/geometry")
    state = s.value(f"windows/{name}/state")
    return (geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None)


def save_window_state(name: str, geometry: QByteArray, state: QByteArray) -> None:
    """Remember a window's geometry and its toolbars' and docks' state."""
    s = _settings()
    s.setValue(f"windows/{name}/geometry", geometry)
    s.setValue(f"windows/{name}/state", state)

