"""Mapping between rows and the domain's dataclasses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
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


_PLAIN, _DATE, _BOOL = 0, 1, 2


@functools.cache
def _plan(cls: Any) -> tuple[tuple[str, int], ...]:
    """Each field of a dataclass and how its column is read (type hints resolved once per class, not per row:
    resolving them was a third of the time of reading a record)."""
    hints = typing.get_type_hints(cls)
    plan: list[tuple[str, int]] = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        plan.append((f.name, _DATE if _is_date(hint) else _BOOL if hint is bool else _PLAIN))
    return tuple(plan)


def from_row[T](cls: type[T], row: dict[str, Any]) -> T:
    """A dataclass from a row, taking the columns it knows and parsing ISO dates."""
    kwargs: dict[str, Any] = {}
    for name, kind in _plan(typing.cast(Any, cls)):
        if name not in row:
            continue
        value = row[name]
        if kind == _DATE:
            if value is not None and isinstance(value, str):
                value = dt.date.fromisoformat(value) if value else None
        elif kind == _BOOL:
            value = bool(value)
        kwargs[name] = value
    return cls(**kwargs)
