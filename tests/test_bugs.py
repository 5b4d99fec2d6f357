"""A bug is logged with its traceback in the user's data folder, and the clerk is told where."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from imet_desktop import bugs, paths
from imet_desktop.domain.errors import Cancelled, ErrorKind, UserError, classify


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "data")
    return tmp_path / "data"


def test_the_clerks_mistakes_cancels_and_bugs_are_told_apart() -> None:
    assert classify(UserError("the file is empty")) is ErrorKind.USER
    assert classify(Cancelled()) is ErrorKind.CANCELLED
    assert classify(KeyError("oops")) is ErrorKind.BUG


def test_a_bug_is_logged_with_its_traceback_and_the_apology_names_the_file(data_dir: Path) -> None:
    try:
        {}["missing"]
    except KeyError as error:
        logged = bugs.record_bug(error, "printing the certificates")
        message = bugs.apology(error, logged, "printing the certificates")
    assert logged == data_dir / bugs.LOG_NAME
    text = logged.read_text(encoding="utf-8")
    assert "Traceback" in text and "KeyError" in text and "printing the certificates" in text
    assert stat.S_IMODE(logged.stat().st_mode) == 0o600
    assert message.startswith("Printing the certificates failed: sorry, this is a bug")
    assert str(logged) in message
