"""Mapping between rows and the domain's dataclasses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


def to_row(record: object, *, exclude: tuple[str, ...] = ("id",)) -> dict[str, Any]:
    """A dataclass as a row: dates as ISO text, booleans as 0/1, tuples left to the caller."""
    row: dict[str, Any] = {}
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        if f.name in exclude or f.name == "version":  # the store raises versions itself (store.changes)
            continue
        value = getattr(record, f.name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, bool):
            value = int(value)
        row[f.name] = value
    return row


def _is_date(tp: Any) -> bool:
    if tp is dt.date:
        return True
    return isinstance(tp, types.UnionType) and dt.date in typing.get_args(tp)


def from_row[T](cls: type[T], row: dict[str, Any]) -> T:
    """A dataclass from a row, taking the columns it knows and parsing ISO dates."""
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name not in row:
            continue
        value = row[f.name]
        hint = hints[f.name]
        if value is not None and _is_date(hint) and isinstance(value, str):
            value = dt.date.fromisoformat(value) if value else None
        elif hint is bool:
            value = bool(value)
        kwargs[f.name] = value
    return cls(**kwargs)
