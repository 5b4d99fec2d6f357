"""PySide6 reads the source of every module imported after it; the window tells it beforehand what it would find.

For its ``from __feature__ import snake_case`` (Python names for Qt's methods, per module), PySide6 replaces Python's
import: after every import statement it looks the module up in a table of its own, and a module not there yet has its
source file read whole (``inspect.getsource``, kept in ``linecache`` for the rest of the process) to see whether the
text "PySide6" is in it: 0 in the table if so (the module uses Qt, with no feature), -1 if not (ignored). At the
window's start that was ~80 modules read, the standard library's and sqlite-utils' as much as the program's: ~25 ms
of the 600,375-student demo's first tab and ~1.9 MiB of source text kept (benchmarks/run_all.py; the closing note of
issue 16).

No module of the program or of a library it uses asks for a feature, so the table's answer changes nothing but
whether the source is read: spare_source_reads() enters every module loaded so far, and each module imported later
before PySide6 sees it (a finder first on ``sys.meta_path`` that finds nothing itself): the program's modules as
using Qt (0, what PySide6 gives a module whose text names it; feature selection none), every other as ignored (-1,
what it gives a module that does not: a library the program uses through its own modules). PySide6's own modules are
left to PySide6. A module that does import ``__feature__`` is entered by that import, as before.

The table is PySide6's (``__feature__.pyside_feature_dict``, 6.12): where it is not there, nothing is done and
PySide6 reads the sources as it always did.
"""

from __future__ import annotations

import sys
from collections.abc import MutableMapping, Sequence
from types import ModuleType

PROGRAM = "imet_desktop"
USES_QT, IGNORED = 0, -1
_PYSIDE_OWN = ("PySide6", "shiboken6", "shibokensupport", "__feature__", "signature_bootstrap")


def feature_table() -> MutableMapping[str, int] | None:
    """PySide6's table of each module's feature selection (Qt loaded if need be); None if this PySide6 has none."""
    import PySide6.QtCore  # noqa: F401 - loads PySide6's feature support, which puts __feature__ in sys.modules

    table = getattr(sys.modules.get("__feature__"), "pyside_feature_dict", None)
    return table if isinstance(table, dict) else None


def selection_for(name: str) -> int | None:
    """What the table gets for a module: the program's use Qt, others are ignored; None for PySide6's own."""
    if name.startswith(_PYSIDE_OWN):
        return None
    return USES_QT if name == PROGRAM or name.startswith(PROGRAM + ".") else IGNORED


def enter(table: MutableMapping[str, int], names: Sequence[str]) -> None:
    """Enter modules not yet in the table (an entry PySide6 made stays as it is)."""
    for name in names:
        if name not in table:
            selection = selection_for(name)
            if selection is not None:
                table[name] = selection


class _EnterFirst:
    """Enters each module about to be imported; finds nothing itself (the other finders do, as before). A finder by
    its method alone, as the import system asks of one (``importlib.abc`` would cost the start ~6 ms to import)."""

    def __init__(self, table: MutableMapping[str, int]) -> None:
        self.table = table

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> None:
        enter(self.table, [fullname])


def spare_source_reads() -> bool:
    """Enter the modules loaded so far and, from now on, each module before it is imported; False (nothing done) if
    this PySide6 has no such table. Once per process: a second call does nothing more."""
    table = feature_table()
    if table is None:
        return False
    enter(table, list(sys.modules))
    if not any(isinstance(finder, _EnterFirst) for finder in sys.meta_path):
        sys.meta_path.insert(0, _EnterFirst(table))
    return True
