"""The command line's tests: bugs are logged to a data folder of the test's own, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from imet_desktop import paths


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder, in this test's temporary folder (bugs.record_bug writes its log there)."""
    folder = tmp_path / "user data"
    monkeypatch.setattr(paths, "user_data_dir", lambda: folder)
    return folder
