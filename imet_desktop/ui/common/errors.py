"""The one way the window tells the clerk that something failed: their mistake, a cancel, or our bug.

``domain.errors.classify`` decides which (the one place that does); this module only shows it:

- a clerk's mistake (a ``UserError``: a wrong file, a refused rule, a locked database) is shown as
  its own message, which names the file, row, field or value;
- a cancel is not an error: nothing is shown (whatever the job wrote was rolled back or removed);
- anything else is our bug: its traceback goes to the log file in the user's data folder
  (``bugs.record_bug``) and the clerk reads a short apology naming that file (``bugs.apology``).

Nothing here closes the form the clerk was typing in: a dialog that calls ``attempt`` stays open
when the change fails. The dialogs themselves open through ``ui.common.dialogs.show_error``, which
tests replace.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from imet_desktop.domain.errors import ErrorKind, classify
from imet_desktop.ui.common import dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

CANCELLED_TEXT = "Cancelled; nothing was changed."

type ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def failure_text(error: BaseException, doing: str) -> tuple[ErrorKind, str]:
    """What kind of failure this is and what the clerk reads about it; a bug is logged here first.

    ``doing`` says what the clerk was doing, in a few words ("saving the student"): it heads the
    log entry and the apology.
    """
    kind = classify(error)
    if kind is ErrorKind.USER:
        return kind, str(error)
    if kind is ErrorKind.CANCELLED:
        return kind, CANCELLED_TEXT
    from imet_desktop import bugs  # only needed once something has gone wrong

    logged = bugs.record_bug(error, doing)
    return kind, bugs.apology(error, logged, doing)


def show_failure(parent: QWidget | None, title: str, error: BaseException, *, doing: str,
                 note: str = "") -> tuple[ErrorKind, str]:
    """Tell the clerk that ``doing`` failed, in a dialog titled ``title``; returns the kind and the text shown.

    A cancel shows nothing. A bug is logged with its traceback and the dialog names the log file.
    ``note`` follows the message after a blank line (what still stands: "Nothing you typed was lost.").
    """
    kind, text = failure_text(error, doing)
    if note:
        text = f"{text}\n\n{note}"
    if kind is not ErrorKind.CANCELLED:
        dialogs.show_error(parent, title, text)
    return kind, text


def attempt(parent: QWidget | None, title: str, action: Callable[[], object], *, doing: str) -> bool:
    """Run a change; if it fails, say why (``show_failure``) and return False. True when it worked."""
    try:
        action()
    except Exception as error:  # noqa: BLE001 - every failure goes through the one path
        show_failure(parent, title, error, doing=doing)
        return False
    return True


def install_bug_hook() -> ExceptHook:
    """Route exceptions that escape a slot (our bugs) through the one path; returns the previous hook.

    Without it PySide6 prints the traceback on a console the clerk never sees, and the action
    silently does nothing.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, traceback: TracebackType | None) -> None:
        if not isinstance(error, Exception):  # KeyboardInterrupt, SystemExit: not ours to explain
            previous(kind, error, traceback)
            return
        from PySide6.QtWidgets import QApplication

        show_failure(QApplication.activeWindow(), "Sorry, something went wrong", error, doing="")

    sys.excepthook = hook
    return previous
