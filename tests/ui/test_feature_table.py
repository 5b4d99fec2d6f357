"""PySide6's feature table is told beforehand what it would read each module's source for (ui.feature_table)."""

from __future__ import annotations

import json
import linecache
import os
import subprocess
import sys
import types

import pytest

from imet_desktop.ui import feature_table
from imet_desktop.ui.feature_table import IGNORED, USES_QT, selection_for, spare_source_reads


def test_the_program_s_modules_use_qt_others_are_ignored_pyside6_s_own_are_left_to_it() -> None:
    assert selection_for("imet_desktop") == USES_QT == 0
    assert selection_for("imet_desktop.ui.overview.tab") == USES_QT
    assert selection_for("imet_desktop.store.db") == USES_QT
    assert selection_for("imet_desktop_other") == IGNORED == -1  # a name that only starts like the program's
    assert selection_for("sqlite_utils.db") == IGNORED
    assert selection_for("json") == IGNORED
    for own in ("PySide6", "PySide6.QtCore", "shiboken6", "shibokensupport.feature", "__feature__"):
        assert selection_for(own) is None


def test_a_module_imported_after_the_window_s_package_is_entered_first_and_its_source_not_read() -> None:
    table = feature_table.feature_table()
    assert table is not None  # PySide6 6.12 has it: the test says so if a new PySide6 does not
    assert table["imet_desktop.ui"] == USES_QT
    assert all(table.get(name) == USES_QT for name in sys.modules if name.startswith("imet_desktop.ui."))
    name = "tabnanny"  # a standard library module nothing here imports
    assert name not in sys.modules
    try:
        import tabnanny  # noqa: F401 - imported for the table's entry and PySide6's hook

        assert table[name] == IGNORED
        assert sys.modules[name].__file__ not in linecache.cache  # PySide6 did not read it
    finally:
        sys.modules.pop(name, None)
        table.pop(name, None)


def test_an_entry_pyside6_made_stays_and_a_second_call_adds_no_second_finder() -> None:
    table = feature_table.feature_table()
    assert table is not None
    assert table["PySide6"] == 0  # PySide6's own entry, from PySide6
    finders = len(sys.meta_path)
    assert spare_source_reads() is True
    assert len(sys.meta_path) == finders
    assert table["PySide6"] == 0


def test_without_pyside6_s_table_nothing_is_done(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "__feature__", types.ModuleType("__feature__"))  # a PySide6 without the table
    finders = list(sys.meta_path)
    assert feature_table.feature_table() is None
    assert spare_source_reads() is False
    assert sys.meta_path == finders


_START = """
import json, linecache, sys
import imet_desktop.app  # what `imet-desktop` imports to open the window: Qt, then the window's package
from imet_desktop.ui.main_window import MainWindow  # the window's modules, imported after Qt
from imet_desktop.ui.overview.tab import OverviewTab
read = [f for f in linecache.cache if "imet_desktop" in f]
print(json.dumps({"read": read, "main_window": sys.modules["imet_desktop.ui.main_window"].__file__}))
"""


def test_in_a_fresh_process_the_window_s_modules_are_not_read_for_pyside6() -> None:
    out = subprocess.run([sys.executable, "-c", _START], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["main_window"] not in found["read"]
    assert not [f for f in found["read"] if "/ui/" in f and not f.endswith("feature_table.py")], found["read"]
