"""What sqlite-utils imports for its own command line is not run until something uses it (imet_desktop.deferred)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from imet_desktop import deferred

# In a process of its own: this one has imported who knows what already.
AT_START = textwrap.dedent("""
    import sys
    import imet_desktop.store.db  # what every command and the window import at start (sqlite-utils with it)
    import sqlite_utils.recipes

    parser = sys.modules["dateutil.parser"]
    print(type(parser).__name__, "dateutil.parser._parser" in sys.modules)
    print(sqlite_utils.recipes.parsedate("5 March 2024"))  # sqlite-utils's own use of it: loaded now, as before
    from dateutil import parser as imported
    print(type(parser).__name__, imported is parser, imported.parse("2024-03-05 10:30").isoformat())
""")


def test_dateutils_parser_is_imported_with_sqlite_utils_but_run_only_when_used() -> None:
    done = subprocess.run([sys.executable, "-c", AT_START], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["_LazyModule False", "2024-03-05", "module True 2024-03-05T10:30:00"]


def test_a_module_imported_already_or_not_installed_is_left_alone() -> None:
    assert deferred.defer("json") is False  # imported already: left as it is
    assert deferred.defer("imet_desktop_no_such_module") is False
    assert deferred.defer("no_such_package.module") is False
    assert "imet_desktop_no_such_module" not in sys.modules
