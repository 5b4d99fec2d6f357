"""IMET Desktop: records, course placement and Honor Roll ceremonies for an international officers office."""

from imet_desktop.deferred import prepare

__version__ = "0.1.0"

prepare()  # before any module imports sqlite-utils: what it imports and the program never uses (imet_desktop.deferred)
