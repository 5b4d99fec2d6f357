"""Modules a library imports when it is imported but the program never uses: loaded when first used instead.

sqlite-utils imports dateutil's date parser (sqlite_utils.recipes, for its own command line's ``convert`` recipes,
which this program never calls) when it is imported, as every command and the window do at start: ~30 ms and
~3 MiB resident in every process (the parser, dateutil's time zones, the modules they import), for nothing.
Deferred, the parser is a module whose code runs when one of its names is first read (importlib.util.LazyLoader,
the standard library's way): if anything ever uses it, it works as before, loaded then.

Only modules the program itself never uses are deferred: a deferred module loaded by two threads at once for its
first time could see a half-run module on Python before 3.12.3 (LazyLoader's lock came then).
"""

from __future__ import annotations

import importlib.util
import sys

NEVER_USED = ("dateutil.parser",)


def defer(name: str) -> bool:
    """Let `name` be imported without running its code, which runs when one of its names is first read; False
    (nothing done) if it is imported already or not installed."""
    if name in sys.modules:
        return False
    try:
        spec = importlib.util.find_spec(name)  # imports the packages above it (dateutil's: two short lines)
    except ImportError:
        return False
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return False
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)  # as an import sets it: "from dateutil import parser" finds it
    return True


def defer_never_used() -> None:
    """Defer each module of NEVER_USED (before the library that imports it is first imported)."""
    for name in NEVER_USED:
        defer(name)
