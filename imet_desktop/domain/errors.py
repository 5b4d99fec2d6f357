"""The one root of every error the clerk can fix, and the outcome of a job the clerk cancelled.

Whatever derives from ``UserError`` is shown to the clerk as its message (``str(error)``), which
says what is wrong and where (file, row, column, value). Anything else that escapes is a bug: it
is logged with its traceback and the clerk gets a short apology (see ``classify``).
"""

from __future__ import annotations

from enum import StrEnum


class UserError(Exception):
    """Something the clerk can act on: a wrong file, a refused rule, a locked database; str() is the message."""


class Cancelled(Exception):  # noqa: N818 - an outcome, not an error
    """The clerk cancelled a job; whatever it was writing has been rolled back or removed."""


class ErrorKind(StrEnum):
    """How the program treats an exception that reached the clerk's action."""

    USER = "user"
    CANCELLED = "cancelled"
    BUG = "bug"


def classify(error: BaseException) -> ErrorKind:
    """Tell the clerk's mistakes (and cancels) apart from our bugs: the one place this is decided."""
    if isinstance(error, Cancelled):
        return ErrorKind.CANCELLED
    if isinstance(error, UserError):
        return ErrorKind.USER
    return ErrorKind.BUG
