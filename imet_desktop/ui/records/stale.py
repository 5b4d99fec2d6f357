"""A save refused because the record changed since the editor loaded it: the clerk reloads or overwrites.

Nothing is overwritten silently: the clerk reads what changed, by whom and when (the store's
StaleRecordError), and chooses. Overwrite saves the form again on the record's current version;
Reload drops the form and shows the record as it is now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from imet_desktop.ui.common import dialogs
from imet_desktop.ui.common.errors import show_failure

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

RELOAD = "Reload it (drop my changes)"
OVERWRITE = "Overwrite with my changes"
TITLE = "Changed since you opened it"


def ask_stale(parent: QWidget | None, error: Exception) -> str | None:
    """Reload, overwrite, or None (keep editing)."""
    return dialogs.ask_choice(parent, TITLE, f"{error}\n\nYour changes are still in the form.", [RELOAD, OVERWRITE])


def save_checked[T](parent: QWidget | None, save: Callable[[int], T], version: int, *, title: str,
                    doing: str) -> T | Literal["reload"] | None:
    """save(version) as the editor loaded it; on a stale save, ask; 'reload' or None (failed, or kept editing).

    Every other failure is shown through the one error path and gives None.
    """
    from imet_desktop.store.versions import StaleRecordError

    try:
        return save(version)
    except StaleRecordError as stale:
        answer = ask_stale(parent, stale)
        if answer == RELOAD:
            return "reload"
        if answer != OVERWRITE:
            return None
        try:
            return save(stale.current)
        except Exception as e:
            show_failure(parent, title, e, doing=doing, note="Nothing you typed was lost.")
            return None
    except Exception as e:
        show_failure(parent, title, e, doing=doing, note="Nothing you typed was lost.")
        return None
