"""Errors the user can fix (a wrong file, a locked database) as opposed to our bugs."""

from __future__ import annotations

from imet_desktop.domain.errors import UserError


class StoreError(UserError):
    """Something about the database file that the user can act on; str() is the message."""


class NotADatabaseError(StoreError):
    """The file is not an SQLite database, or not one of ours."""


class CorruptDatabaseError(StoreError):
    """The file is an SQLite database but damaged or truncated."""


class NewerSchemaError(StoreError):
    """The file was written by a newer version of the program."""


class DatabaseLockedError(StoreError):
    """Another program holds the database."""


class RecordNotFoundError(StoreError):
    """A record id that does not exist (any more)."""


class ValidationError(StoreError):
    """A record failed the domain's rules; carries every problem."""

    def __init__(self, problems: list[object]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))
