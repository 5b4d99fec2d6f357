"""What sqlite-utils imports for its own command line is not run until something uses it (imet_desktop.deferred)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any

import pytest

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


# In a process of its own, as the program starts: every hash the program and its libraries use, from Python's own.
HASHES = textwrap.dedent("""
    import imet_desktop.store.db  # first, as at the program's start; it imports sqlite-utils, which imports hashlib
    import hashlib, hmac, io, secrets, sys
    from reportlab.pdfgen.canvas import Canvas

    print(sys.modules["_hashlib"], "libcrypto" in open("/proc/self/maps").read())
    print(hashlib.sha256(b"abc").hexdigest(), hashlib.md5(b"abc", usedforsecurity=False).hexdigest())
    print(hmac.new(b"key", b"The quick brown fox jumps over the lazy dog", "sha256").hexdigest())
    print(len(secrets.token_hex(8)))
    out = io.BytesIO()
    canvas = Canvas(out)  # ReportLab signs each document's information with MD5
    canvas.drawString(72, 72, "Honor Roll")
    canvas.save()
    print(out.getvalue()[:5])
""")


def test_hashes_come_from_python_itself_not_openssl() -> None:
    done = subprocess.run([sys.executable, "-c", HASHES], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "None False",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad 900150983cd24fb0d6963f7d28e17f72",
        "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
        "16",
        "b'%PDF-'",
    ]


def test_a_declined_module_is_made_unimportable_unless_imported_already(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    name = "imet_desktop_declined_for_test"
    monkeypatch.setattr(deferred, "DECLINED", ("json", name))
    try:
        deferred.decline()
        assert sys.modules["json"] is json  # imported already: whatever imported it keeps it
        assert sys.modules[name] is None
        with pytest.raises(ImportError):
            __import__(name)
    finally:
        sys.modules.pop(name, None)


# In a process of its own, as the program starts (Qt first, as the tests do: its import hook reads every module's
# source, which must not run the stand-in's module either).
CLICK = textwrap.dedent("""
    import sys
    if sys.argv[1] == "qt-first":
        import PySide6.QtCore
    import imet_desktop.store.db  # sqlite-utils with it, which imports click twice and names click.Group
    import sqlite_utils.hookspecs, sqlite_utils.plugins, sqlite_utils.utils

    print(type(sys.modules["click"]).__name__, sorted(m for m in sys.modules if m.startswith("click.")))
    print(sqlite_utils.hookspecs.register_commands.__annotations__)
    print(sorted(name for name in dir(sqlite_utils.plugins.pm.hook) if not name.startswith("_")))
    import click  # the stand-in, until a name is read from it
    print(click.Group.__module__, type(sys.modules["click"]).__name__, "click.core" in sys.modules)
    print(sqlite_utils.utils.click.progressbar is sys.modules["click"].progressbar)
    with sqlite_utils.utils.progressbar(range(3), silent=False, file=sys.stderr) as bar:  # its own use: click's bar
        print(sum(bar))
""")


@pytest.mark.parametrize("order", ["qt-first", "program-first"])
def test_click_is_stood_in_for_with_sqlite_utils_and_imported_only_when_used(order: str) -> None:
    done = subprocess.run([sys.executable, "-c", CLICK, order], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "_StandIn []",
        "{'cli': 'click.Group', 'return': 'None'}",
        "['prepare_connection', 'register_commands']",
        "click.core module True",
        "True",
        "3",
    ]


def test_a_module_imported_already_not_installed_or_not_top_level_is_not_stood_in_for() -> None:
    assert deferred.stand_in("json") is False
    assert deferred.stand_in("imet_desktop_no_such_module") is False
    assert deferred.stand_in("email.parser") is False
    assert "imet_desktop_no_such_module" not in sys.modules


def test_only_the_modules_named_are_compiled_with_annotations_postponed() -> None:
    finder = deferred._PostponeAnnotations()
    assert finder.find_spec("json", None) is None
    spec = finder.find_spec("sqlite_utils.hookspecs", list(__import__("sqlite_utils").__path__))
    assert spec is not None and isinstance(spec.loader, deferred._PostponedAnnotationsLoader)
    namespace: dict[str, Any] = {"__name__": "hookspecs_for_test"}
    exec(spec.loader.get_code("sqlite_utils.hookspecs"), namespace)  # noqa: S102 - the library's own module
    assert namespace["register_commands"].__annotations__ == {"cli": "click.Group", "return": "None"}
