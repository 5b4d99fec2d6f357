"""A problem found in a record: which field, which value, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one field, in words a clerk can act on."""

    field: str
    value: object
    message: str

    def __str__(self) -> str:
        shown = "" if self.value is None else repr(self.value) if isinstance(self.value, str) else str(self.value)
        return f"{self.field} {shown}: {self.message}".replace("  ", " ")
