"""The Overview's figures kept for the next start: used only for the file unchanged since they were counted."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import pickle
import sqlite3
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from imet_desktop.domain.overview import _OVERVIEW_FIELDS, Overview, overview_from_plain
from imet_desktop.ops.kept import (
    KEPT_FIGURES_VERSION,
    _kept_path,
    count_and_keep,
    file_state,
    keep_figures,
    kept_figures,
)
from imet_desktop.ops.overview import overview_figures
from imet_desktop.store.db import open_database
from imet_desktop.store.reading import SCHEMA_VERSION
from tests.store.office import ON, an_office_file


def _opened(office: Path) -> contextlib.closing[Database]:
    return contextlib.closing(open_database(office))


def _keep_now(office: Path, db: Database) -> Overview:
    """The office's figures counted now and kept with the file's state now; the figures."""
    figures = overview_figures(db, ON, ON.year, alumni=False)
    keep_figures(office, file_state(office), figures)
    return figures


def _wait_for_keeping() -> None:
    """Wait for the figures being kept on a thread of their own (count_and_keep)."""
    for thread in threading.enumerate():
        if thread.name == "keep-overview-figures":
            thread.join()


@pytest.fixture
def office(tmp_path: Path) -> Path:
    path = tmp_path / "office.db"
    an_office_file(path)
    return path


def test_the_figures_kept_are_given_back_for_the_unchanged_file_and_that_date_only(office: Path) -> None:
    with _opened(office) as db:
        figures = _keep_now(office, db)
        assert kept_figures(office, ON, ON.year) == figures
        assert kept_figures(office, ON + dt.timedelta(days=1), ON.year) is None
        assert kept_figures(office, ON, ON.year - 1) is None
        assert kept_figures(office.with_name("other.db"), ON, ON.year) is None


def test_a_change_to_the_file_and_its_kept_figures_are_not_used(office: Path) -> None:
    with _opened(office) as db:
        _keep_now(office, db)
        with db.conn:
            db.execute("UPDATE students SET status = 'Graduated' WHERE legal_family_name = 'MENSAH'")
        assert kept_figures(office, ON, ON.year) is None
    assert kept_figures(office, ON, ON.year) is None  # closed: the log folded into the file


def test_figures_counted_while_the_file_changed_are_never_used(office: Path) -> None:
    with _opened(office) as db:
        state = file_state(office)  # taken before the count, as the window does
        figures = overview_figures(db, ON, ON.year, alumni=False)
        with db.conn:
            db.execute("UPDATE students SET status = 'Graduated' WHERE legal_family_name = 'MENSAH'")
        keep_figures(office, state, figures)
        assert kept_figures(office, ON, ON.year) is None


def test_a_damaged_kept_file_means_counting_again(office: Path) -> None:
    with _opened(office) as db:
        _keep_now(office, db)
    _kept_path(office).write_bytes(b"not what was written")
    assert kept_figures(office, ON, ON.year) is None


@pytest.fixture
def kept(office: Path) -> tuple[Path, Overview]:
    """The office's figures kept, and the path of the file they are kept in."""
    with _opened(office) as db:
        figures = _keep_now(office, db)
    return _kept_path(office), figures


def test_the_figures_are_kept_as_json_readable_by_their_owner_only(office: Path, kept: tuple[Path, Overview]) -> None:
    path, figures = kept
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_bytes())
    assert data["version"] == KEPT_FIGURES_VERSION
    assert [overview_from_plain(day) for day in data["figures"]] == [figures]
    assert kept_figures(office, ON, ON.year) == figures
    assert not [p for p in path.parent.iterdir() if p != path]  # no partial file left beside it


class _Planted:
    """Unpickling this would run code: a pickled kept file must never be loaded."""

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(PLANTED), "w"))


PLANTED = Path("planted-by-a-pickle")


def test_a_pickled_kept_file_is_never_loaded(office: Path, kept: tuple[Path, Overview],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path, figures = kept
    monkeypatch.chdir(office.parent)
    path.write_bytes(pickle.dumps((1, file_state(office), figures)))  # as the first version kept them
    assert kept_figures(office, ON, ON.year) is None
    path.write_bytes(pickle.dumps(_Planted()))
    assert kept_figures(office, ON, ON.year) is None
    assert not (office.parent / PLANTED).exists()


def test_a_truncated_kept_file_means_counting_again(office: Path, kept: tuple[Path, Overview]) -> None:
    path, _figures = kept
    whole = path.read_bytes()
    for end in (0, 1, len(whole) // 2, len(whole) - 1):
        path.write_bytes(whole[:end])
        assert kept_figures(office, ON, ON.year) is None


F = {name: i for i, name in enumerate(_OVERVIEW_FIELDS)}  # where each figure is in the kept record


def _set(where: tuple[str | int, ...], value: object) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for step in where[:-1]:
            data = data[step]
        data[where[-1]] = value
    return change


def _remove(*where: str | int) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for step in where[:-1]:
            data = data[step]
        del data[where[-1]]
    return change


def _add(*where: str | int) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for step in where:
            data = data[step]
        data.append(0) if isinstance(data, list) else data.update(extra=0)
    return change


FIGURES, BREAKDOWNS, FLOWS, HONOR = "figures", F["breakdowns"], F["flows"], F["honor_roll"]
DAY = 0  # the one day kept at start (a close keeps several)


@pytest.mark.parametrize("change", [
    _set(("version",), KEPT_FIGURES_VERSION - 1),
    _set(("version",), KEPT_FIGURES_VERSION + 1),
    _set(("version",), str(KEPT_FIGURES_VERSION)),
    _set(("version",), float(KEPT_FIGURES_VERSION)),
    _remove("version"),
    _add(),
    _set(("state",), [1, 2, 3]),
    _set(("state",), "state"),
    _set((FIGURES,), {}),
    _set((FIGURES,), None),
    _remove(FIGURES, DAY, F["students"]),
    _set((FIGURES, DAY, F["students"]), "12"),
    _set((FIGURES, DAY, F["students"]), 12.0),
    _set((FIGURES, DAY, F["students"]), True),
    _set((FIGURES, DAY, F["students"]), -1),
    _set((FIGURES, DAY, F["alumni_counted"]), 0),
    _set((FIGURES, DAY, F["on"]), "20261204"),
    _set((FIGURES, DAY, F["on"]), "2026-02-30"),
    _set((FIGURES, DAY, F["office"]), None),
    _add(FIGURES, DAY),
    _add(FIGURES),
    _set((FIGURES,), []),
    _set((FIGURES, DAY), None),
    _set((FIGURES, DAY), []),
    lambda data: data[FIGURES].append(data[FIGURES][DAY]),  # the day twice
    _set((FIGURES, DAY, BREAKDOWNS), []),
    _remove(FIGURES, DAY, BREAKDOWNS, 0),
    _set((FIGURES, DAY, BREAKDOWNS, 0, 0), "colour"),
    _set((FIGURES, DAY, BREAKDOWNS, 0, 1, 0), "visitors"),
    _set((FIGURES, DAY, BREAKDOWNS, 0, 2, 0, 1), None),
    _add(FIGURES, DAY, BREAKDOWNS, 0, 2, 0),
    _remove(FIGURES, DAY, FLOWS, 1),
    _remove(FIGURES, DAY, FLOWS, 0, 1, 11),
    _set((FIGURES, DAY, FLOWS, 0, 0), ON.year + 1),
    _set((FIGURES, DAY, HONOR, 0), [2020]),
    _set((FIGURES, DAY, HONOR, 3), "none"),
    _set((FIGURES, DAY, F["deadlines"]), []),
    _set((FIGURES, DAY, F["ceremony"]), {}),
    _set((FIGURES, DAY, F["classes"]), {}),
    _set((FIGURES, DAY, F["countries"]), [None]),
])
def test_a_kept_file_of_another_version_shape_or_type_means_counting_again(
        office: Path, kept: tuple[Path, Overview], change: Callable[[Any], None]) -> None:
    path, _figures = kept
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data))
    assert kept_figures(office, ON, ON.year) is None


def test_the_kept_file_as_written_reads_back_after_a_rewrite(office: Path, kept: tuple[Path, Overview]) -> None:
    path, figures = kept  # the mutations above are what make it None: unchanged, it is read back
    path.write_text(json.dumps(json.loads(path.read_bytes()), indent=2))
    assert kept_figures(office, ON, ON.year) == figures


@pytest.mark.parametrize("text", [b"[]", b"null", b"1", b'"figures"', b"[" * 100_000 + b"]" * 100_000,
                                  b'{"version": 2', b"\xff\xfe\x00", b"NaN"])
def test_a_kept_file_that_is_not_the_figures_means_counting_again(
        office: Path, kept: tuple[Path, Overview], text: bytes) -> None:
    path, _figures = kept
    path.write_bytes(text)
    assert kept_figures(office, ON, ON.year) is None


def test_figures_kept_for_another_state_of_the_file_are_not_used(office: Path) -> None:
    with _opened(office) as db:
        figures = overview_figures(db, ON, ON.year, alumni=False)
    state = file_state(office)
    assert state is not None
    keep_figures(office, (*state[:3], state[3] + 1, *state[4:]), figures)  # another time of change
    assert kept_figures(office, ON, ON.year) is None
    keep_figures(office, state, figures)
    assert kept_figures(office, ON, ON.year) == figures


def test_figures_that_cannot_be_kept_are_logged_and_the_start_goes_on(
        office: Path, kept: tuple[Path, Overview], caplog: pytest.LogCaptureFixture) -> None:
    path, figures = kept
    folder = path.parent
    path.unlink()
    folder.rmdir()
    folder.write_text("a file where the folder should be")
    with caplog.at_level(logging.WARNING, logger="imet_desktop.ops.overview"):
        keep_figures(office, file_state(office), figures)
    assert "not kept" in caplog.text
    assert kept_figures(office, ON, ON.year) is None
    folder.unlink()
    folder.mkdir()
    folder.chmod(0o500)  # a folder it may not write in
    try:
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="imet_desktop.ops.overview"):
            keep_figures(office, file_state(office), figures)
        if os.geteuid() != 0:  # root writes anywhere
            assert "not kept" in caplog.text
            assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_pipe_or_a_device_in_place_of_the_kept_file_is_not_read(office: Path, kept: tuple[Path, Overview]) -> None:
    path, _figures = kept
    path.unlink()
    os.mkfifo(path)  # opening it to read would wait for a writer: the start would hang
    assert kept_figures(office, ON, ON.year) is None
    path.unlink()
    path.symlink_to("/dev/zero")
    assert kept_figures(office, ON, ON.year) is None


# --- counted ahead of the window (the command line, while Qt loads) -----------------------------------------------

def test_figures_counted_ahead_are_the_days_figures_and_kept_for_the_next_start(office: Path) -> None:
    from imet_desktop.ops.kept import CountAhead

    with _opened(office) as db:  # open, as the window may have it while the count's process reads it
        ahead = CountAhead(office, ON)
        figures = ahead.figures(wait=30)
        assert figures is not None
        assert figures == overview_figures(db, ON, ON.year, alumni=False)
        assert not figures.alumni_counted  # the window counts those after the figures are shown, as always
    for _ in range(300):  # kept by the count's process once it has answered
        if kept_figures(office, ON, ON.year) is not None:
            break
        threading.Event().wait(0.01)
    assert kept_figures(office, ON, ON.year) == figures


def test_figures_not_counted_in_time_or_not_at_all_are_none_and_a_failure_is_logged(
        office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import sys

    from imet_desktop.ops import kept as kept_ops

    ahead = kept_ops.CountAhead(office, ON)
    assert ahead.figures(wait=0) is None  # still counting (a process of its own): the window does not wait longer
    assert ahead.figures(wait=30) is not None

    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("not a database\n")
    with caplog.at_level(logging.ERROR, logger="imet_desktop.ops.kept"):
        assert kept_ops.CountAhead(not_a_database, ON).figures(wait=30) is None
    assert "not counted ahead of the window" in caplog.text and "file is not a database" in caplog.text
    assert kept_figures(not_a_database, ON, ON.year) is None

    for program in ("/bin/false", str(tmp_path / "no-such-python")):  # a count that dies, one that cannot start
        caplog.clear()
        monkeypatch.setattr(sys, "executable", program)
        with caplog.at_level(logging.ERROR, logger="imet_desktop.ops.kept"):
            assert kept_ops.CountAhead(office, ON).figures(wait=30) is None
        assert "not counted ahead of the window" in caplog.text


def test_the_count_ahead_runs_this_program_whatever_folder_it_was_started_in(
        office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The count's process is this Python running this program: a folder of the same name, or a json.py, where the
    program was started is not imported in their place."""
    from imet_desktop.ops.kept import CountAhead

    started_in = tmp_path / "started-in"
    (started_in / "imet_desktop").mkdir(parents=True)
    (started_in / "imet_desktop" / "__init__.py").write_text("raise ImportError('not this program')\n")
    (started_in / "json.py").write_text("raise ImportError('not the standard library')\n")
    monkeypatch.chdir(started_in)
    figures = CountAhead(office, ON).figures(wait=30)
    with _opened(office) as db:
        assert figures == overview_figures(db, ON, ON.year, alumni=False)


# --- kept at close (the window's last connection) -------------------------------------------------------------------

def _days(first: dt.date, n: int) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range(n)]


def test_a_close_keeps_the_figures_of_today_and_the_next_days_for_the_file_as_it_leaves_it(office: Path) -> None:
    from imet_desktop.ops.kept import DAYS_KEPT_AT_CLOSE, close_keeping
    from imet_desktop.store.db import write

    db = open_database(office)
    _keep_now(office, db)
    with write(db):  # the session's last write: the figures kept at start no longer match, even after the close
        db.execute("UPDATE students SET status = 'Graduated' WHERE legal_family_name = 'MENSAH'")
    days = _days(ON, DAYS_KEPT_AT_CLOSE + 1)
    expected = [overview_figures(db, day, day.year, alumni=False) for day in days]
    close_keeping(db, office, ON)
    assert not Path(f"{office}-wal").exists()  # its log folded into the file: what the next start finds
    assert [kept_figures(office, day, day.year) for day in days] == [*expected[:-1], None]
    assert kept_figures(office, ON - dt.timedelta(days=1), ON.year) is None
    with _opened(office):  # the lock was let go
        pass


def test_a_close_at_the_year_s_end_keeps_the_next_year_s_first_days_with_their_year(office: Path) -> None:
    from imet_desktop.ops.kept import close_keeping

    new_year = dt.date(ON.year + 1, 1, 2)
    close_keeping(open_database(office), office, dt.date(ON.year, 12, 28))
    kept = kept_figures(office, new_year, new_year.year)
    assert kept is not None and kept.year == ON.year + 1
    with _opened(office) as db:
        assert kept == overview_figures(db, new_year, new_year.year, alumni=False)


def test_a_start_s_recount_of_its_day_keeps_the_later_days_kept_at_close(office: Path) -> None:
    """The start after a close shows that day's kept figures and counts them again behind them (count_and_keep, the
    file unchanged): the days after it kept at close stay kept; the days before it are let go."""
    from imet_desktop.ops.kept import DAYS_KEPT_AT_CLOSE, close_keeping

    close_keeping(open_database(office), office, ON)
    days = _days(ON, DAYS_KEPT_AT_CLOSE)
    at_close = [kept_figures(office, day, day.year) for day in days]
    assert None not in at_close
    start = ON + dt.timedelta(days=2)  # two days later, the file unchanged
    with _opened(office) as db:  # as the window does behind the kept figures
        count_and_keep(db, start, start.year, office)
        _wait_for_keeping()
    assert [kept_figures(office, day, day.year) for day in days] == [None, None, *at_close[2:]]


def test_a_recount_that_differs_from_its_day_s_kept_figures_keeps_that_day_alone(office: Path) -> None:
    """Figures counted again that differ from the ones kept for the same day of the same file state mean the file
    changed in a way its state did not show: the other days kept with them are let go, to be counted again."""
    from imet_desktop.ops.kept import DAYS_KEPT_AT_CLOSE, close_keeping

    close_keeping(open_database(office), office, ON)
    today = kept_figures(office, ON, ON.year)
    assert today is not None
    other = today._replace(students=today.students + 1)
    keep_figures(office, file_state(office), other)
    assert kept_figures(office, ON, ON.year) == other
    assert [kept_figures(office, day, day.year) for day in _days(ON, DAYS_KEPT_AT_CLOSE)[1:]] \
        == [None] * (DAYS_KEPT_AT_CLOSE - 1)


def test_figures_kept_for_another_state_keep_none_of_the_days_kept_before(office: Path) -> None:
    from imet_desktop.ops.kept import close_keeping

    close_keeping(open_database(office), office, ON)
    with _opened(office) as db:
        with db.conn:
            db.execute("UPDATE students SET status = 'Graduated' WHERE legal_family_name = 'MENSAH'")
        figures = _keep_now(office, db)
        tomorrow = ON + dt.timedelta(days=1)
        assert kept_figures(office, ON, ON.year) == figures
        assert kept_figures(office, tomorrow, tomorrow.year) is None


def test_the_state_kept_at_close_is_read_before_the_lock_is_let_go(office: Path) -> None:
    from imet_desktop.store.db import DatabaseInUseError

    db = open_database(office)
    seen: list[str] = []

    def another_window_opens() -> None:
        try:
            open_database(office).close()
        except DatabaseInUseError:
            seen.append("refused: still held")

    db.close(before_release=another_window_opens)
    assert seen == ["refused: still held"]
    open_database(office).close()


def test_a_read_only_file_or_a_failed_count_is_closed_and_nothing_kept(
        office: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from imet_desktop.ops import overview as ops_overview
    from imet_desktop.ops.kept import close_keeping

    reader = open_database(office, read_only=True)  # another may be writing it: its state says nothing
    close_keeping(reader, office, ON)
    assert kept_figures(office, ON, ON.year) is None
    with pytest.raises(sqlite3.ProgrammingError):
        reader.execute("SELECT 1")

    def fails(*_args: object, **_kwargs: object) -> Overview:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(ops_overview, "overview_figures", fails)
    db = open_database(office)
    with caplog.at_level(logging.ERROR, logger="imet_desktop.ops.kept"):
        close_keeping(db, office, ON)
    assert "not kept at close" in caplog.text and "disk I/O error" in caplog.text
    assert kept_figures(office, ON, ON.year) is None
    with _opened(office):  # closed, and the lock let go
        pass


def test_figures_counted_ahead_load_neither_sqlite_utils_nor_the_store_s_opening(office: Path) -> None:
    """What the command line does before Qt loads on a file changed since figures were kept for it (cli.window): its
    schema read with sqlite3 alone (sqlite-utils and store.db cost ~50 ms to import), its figures counted by a
    process of its own (their modules and queries do not hold this one's interpreter while Qt loads)."""
    import subprocess
    import sys

    code = ("import sys, datetime as dt; from pathlib import Path; "
            "from imet_desktop.store.reading import schema_version; from imet_desktop.ops.kept import CountAhead; "
            "path = Path(sys.argv[1]); version = schema_version(path); "
            "figures = CountAhead(path, dt.date.fromisoformat(sys.argv[2])).figures(wait=60); "
            "print(version, figures.in_residence if figures else None, sorted(m for m in sys.modules "
            "if m.split('.')[0] == 'sqlite_utils' or m in ('imet_desktop.store.db', 'imet_desktop.store.overview')))")
    out = subprocess.run([sys.executable, "-c", code, str(office), ON.isoformat()], capture_output=True, text=True,
                         check=True).stdout.strip().split(maxsplit=2)
    with _opened(office) as db:
        counted = overview_figures(db, ON, ON.year, alumni=False)
    assert out == [str(SCHEMA_VERSION), str(counted.in_residence), "[]"]


def test_figures_are_counted_ahead_only_for_a_file_of_this_schema_whose_figures_were_not_kept_as_it_is(
        office: Path, tmp_path: Path) -> None:
    from imet_desktop.ops.kept import count_ahead
    from imet_desktop.store.errors import NotADatabaseError

    ahead = count_ahead(office)
    assert ahead is not None and ahead.path == office.resolve()
    assert ahead.figures(wait=30) is not None
    with _opened(office) as db:
        keep_figures(office, file_state(office), overview_figures(db, dt.date.today(), alumni=False))
    assert count_ahead(office) is None  # kept as it is now: the window shows those
    assert count_ahead(tmp_path / "gone.db") is None  # --create: the window makes it
    with contextlib.closing(sqlite3.connect(office)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")  # an older version's: the window upgrades it
    assert count_ahead(office) is None
    text = tmp_path / "notes.db"
    text.write_text("not a database\n")
    with pytest.raises(NotADatabaseError):
        count_ahead(text)
