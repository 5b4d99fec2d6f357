"""IMET Desktop: records, course placement and Honor Roll ceremonies for an international officers office."""

__version__ = "0.1.0"
