"""Our bugs: logged with their traceback to a file in the user's data folder, shown as a short apology.

The window and the command line both call ``record_bug`` for anything ``domain.errors.classify``
calls a bug, and show ``apology(...)`` to the clerk; what the clerk typed is never thrown away.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from pathlib import Path

from imet_desktop import paths

LOG_NAME = "imet-desktop.log"
_MAX_LOG_BYTES = 2_000_000

log = logging.getLogger("imet_desktop")


def log_path() -> Path:
    """Where bugs are written: imet-desktop.log in the user's data folder."""
    return paths.user_data_dir() / LOG_NAME


def record_bug(error: BaseException, doing: str = "") -> Path | None:
    """Append the error's traceback to the log file; the file, or None when even that could not be written."""
    target = log_path()
    stamp = dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
    text = "".join(traceback.format_exception(error))
    entry = f"--- {stamp}{' while ' + doing if doing else ''}\n{text}\n"
    log.error("bug%s: %r", f" while {doing}" if doing else "", error)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.stat().st_size > _MAX_LOG_BYTES:
            target.replace(target.with_name(LOG_NAME + ".1"))  # keep one older log, never grow without end
        with target.open("a", encoding="utf-8") as f:
            f.write(entry)
        target.chmod(0o600)  # a traceback may quote a record's values
    except OSError:
        log.exception("could not write the bug log %s", target)
        return None
    return target


def apology(error: BaseException, logged_to: Path | None, doing: str = "") -> str:
    """The clerk's message for a bug: what failed, that it is ours, and where the details are."""
    what = f"{doing[:1].upper()}{doing[1:]} failed" if doing else "That did not work"
    where = (f"The details were written to {logged_to}; please send that file to whoever looks after "
             "IMET Desktop." if logged_to else "The details could not be written to the log file.")
    return f"{what}: sorry, this is a bug in IMET Desktop ({type(error).__name__}: {error}).\n{where}"
