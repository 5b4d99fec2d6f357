"""Shared fixtures: offscreen Qt, a fresh database per test, and a guard against real modals."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Must be set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlite_utils import Database  # noqa: E402

from imet_desktop.store.db import open_database  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _private_data_folder_for_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Module- and session-wide fixtures (a demo database written once) never touch the user's data folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
        yield


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's data folder (automatic backups, preferences, the bug log) is this test's own, never the user's.

    Through XDG_DATA_HOME (platformdirs reads it on every call), so that the programs a test starts
    (the command line in a subprocess) use it too.
    """
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's database lives (not yet created)."""
    return tmp_path / "office.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh, migrated database in a temporary folder."""
    database = open_database(db_path)
    yield database
    database.close()


# Every way the program could open a modal dialog. A test that reaches one of these without
# patching it would hang forever offscreen; instead it fails, naming the dialog.
_MODAL_ENTRY_POINTS = {
    "PySide6.QtWidgets.QDialog": ["exec"],
    "PySide6.QtWidgets.QMessageBox": ["exec", "question", "information", "warning", "critical", "about"],
    "PySide6.QtWidgets.QFileDialog": ["exec", "getOpenFileName", "getSaveFileName", "getExistingDirectory",
                                      "getOpenFileNames"],
    "PySide6.QtWidgets.QInputDialog": ["exec", "getText", "getItem", "getInt", "getDouble"],
    "PySide6.QtWidgets.QProgressDialog": ["exec"],
    "PySide6.QtPrintSupport.QPrintDialog": ["exec"],
}


@pytest.fixture(autouse=True)
def _no_unpatched_modals(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    import importlib

    for dotted, names in _MODAL_ENTRY_POINTS.items():
        module_name, class_name = dotted.rsplit(".", 1)
        cls = getattr(importlib.import_module(module_name), class_name)
        for name in names:
            def refuse(*_args: object, _what: str = f"{class_name}.{name}", **_kwargs: object) -> None:
                pytest.fail(f"test opened a real modal dialog ({_what}); patch the dialog helper instead")

            monkeypatch.setattr(cls, name, refuse)
