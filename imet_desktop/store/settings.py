"""The office's settings: one JSON value per key in the settings table, one key per OfficeSettings field."""

from __future__ import annotations

import dataclasses
import json
import logging
from typing import TYPE_CHECKING, Any

from imet_desktop.domain.records import OfficeSettings, Signatory
from imet_desktop.store.reading import Reads

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

_FIELDS = {f.name: f for f in dataclasses.fields(OfficeSettings)}


def _to_json(name: str, value: object) -> object:
    if isinstance(value, list):
        return [dataclasses.asdict(s) if isinstance(s, Signatory) else s for s in value]
    if isinstance(value, tuple):
        return list(value)
    return value


def _from_json(name: str, value: Any, default: object) -> object:
    """The saved value as the field's type; raises TypeError/ValueError when it does not fit."""
    if name == "signatories":
        if not isinstance(value, list):
            raise TypeError("signatories must be a list")
        return [Signatory(name=str(s["name"]), rank=str(s.get("rank", "")), title=str(s.get("title", "")))
                for s in value]
    if isinstance(default, tuple):
        if not isinstance(value, list):
            raise TypeError(f"{name} must be a list")
        return tuple(str(v) for v in value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be text")
        return value
    return value


def load_settings(db: Reads) -> OfficeSettings:
    """The office's settings; defaults for anything never saved (or saved in a form we cannot read)."""
    settings = OfficeSettings()
    for key, text in db.execute("SELECT key, value FROM settings"):
        if key not in _FIELDS:
            continue  # written by a newer version, or retired: keep it, ignore it
        try:
            value = _from_json(key, json.loads(text), getattr(settings, key))
        except (ValueError, TypeError, KeyError) as e:
            log.warning("setting %s has an unreadable value %r (%s); using the default", key, text, e)
            continue
        setattr(settings, key, value)
    return settings


def _readable(text: str | None) -> object:
    """A saved value for the audit log, or the raw text when it is not JSON."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def save_settings(db: Database, settings: OfficeSettings) -> None:
    """Save every setting; the audit log names the keys that changed, with old and new values."""
    from imet_desktop.store.db import audit, write  # here: the Overview's count reads this without sqlite-utils

    saved = {str(k): str(v) for k, v in db.execute("SELECT key, value FROM settings")}
    changes: dict[str, list[object]] = {}
    for name in _FIELDS:
        text = json.dumps(_to_json(name, getattr(settings, name)), ensure_ascii=False)
        if saved.get(name) != text:
            changes[name] = [_readable(saved.get(name)), json.loads(text)]
    if not changes:
        return
    with write(db):
        for name, (_old, new) in changes.items():
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       [name, json.dumps(new, ensure_ascii=False)])
        audit(db, "settings", None, "update", changes)
