"""Progress of long work, in one shape everywhere: (done, total, text).

Work in the Qt-free layers takes a ``progress`` callable and calls it now and then. Cancelling is
delivered through it: the caller's callable raises ``Cancelled`` (from ``domain.errors``) when the
clerk has asked to stop, so work that writes inside one transaction simply rolls back.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Reports how far a job has come; may raise ``Cancelled`` to stop it."""

    def __call__(self, done: int, total: int | None = None, text: str = "") -> None: ...


def no_progress(done: int, total: int | None = None, text: str = "") -> None:
    """The progress callable for callers that do not show progress."""
