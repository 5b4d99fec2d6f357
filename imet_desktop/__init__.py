"""IMET Desktop: records, course placement and Honor Roll ceremonies for an international officers office."""

from imet_desktop.deferred import decline, defer_never_used, postpone_annotations

__version__ = "0.1.0"

defer_never_used()  # before any module imports sqlite-utils, which imports what it defers
postpone_annotations()  # likewise: sqlite-utils's annotation naming click would run it
decline()  # and before hashlib is imported (sqlite-utils imports it)
