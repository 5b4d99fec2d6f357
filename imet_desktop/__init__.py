"""IMET Desktop: records, course placement and Honor Roll ceremonies for an international officers office."""

from imet_desktop.deferred import defer_never_used

__version__ = "0.1.0"

defer_never_used()  # before any module imports sqlite-utils, which imports what it defers
