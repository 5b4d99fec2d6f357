"""The command line: the window's database checks, the demo command, help texts and exit codes."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import importlib.abc
import importlib.machinery
import inspect
import os
import sqlite3
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from imet_desktop import cli
from imet_desktop.domain.records import Student
from imet_desktop.store.db import connect, open_database
from imet_desktop.store.errors import StoreError
from imet_desktop.store.roster import count_students
from imet_desktop.store.students import add_student


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    """Replace run_gui: records the database each window would have opened, opens none."""
    opened: list[Path | None] = []

    def run_gui(db_path: Path | None = None, argv: list[str] | None = None) -> int:
        opened.append(db_path)
        return 0

    monkeypatch.setattr("imet_desktop.app.run_gui", run_gui)
    return opened


def gui_that(monkeypatch: pytest.MonkeyPatch, action: Callable[[Path | None], int]) -> None:
    """Replace run_gui with one that does `action` (e.g. fails the way a real window could)."""
    monkeypatch.setattr("imet_desktop.app.run_gui", lambda db_path=None, argv=None: action(db_path))


def error_line(capsys: pytest.CaptureFixture[str]) -> str:
    """stderr, which must be exactly one line of the form 'imet-desktop: error: ...'."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("imet-desktop: error: ")
    return lines[0]


def a_database_with_students(path: Path, count: int = 200) -> Path:
    db = open_database(path)
    for i in range(count):
        add_student(db, Student(legal_family_name=f"OKONKWO{i}", legal_given_names="Chinedu Emeka",
                                notes="Sponsor: Maj. Smith. " * 20))
    db.close()
    return path


# --- version and usage ---------------------------------------------------------------------------

def test_version_prints_the_program_name_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == "imet-desktop 0.1.0\n"


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                             windows: list[Path | None]) -> None:
    assert cli.main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'frobnicate'" in err
    assert "Traceback" not in err
    assert windows == []


def test_an_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--colour"]) == 2
    assert "unrecognized arguments: --colour" in capsys.readouterr().err


# --- opening the window --------------------------------------------------------------------------

def test_no_database_named_opens_the_window_on_the_apps_choice(windows: list[Path | None]) -> None:
    assert cli.main([]) == 0
    assert windows == [None]


def test_a_good_database_opens_the_window_on_it(db_path: Path, windows: list[Path | None]) -> None:
    a_database_with_students(db_path, count=3)
    assert cli.main(["--db", str(db_path)]) == 0
    assert windows == [db_path]


def test_the_window_is_handed_the_figures_counted_while_qt_loads_and_the_file_is_left_to_it(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line counts the Overview's figures of today while Qt loads, with a read-only connection of its
    own; it neither opens the file for writing nor holds its lock: the window opens it once they are painted."""
    from imet_desktop import app

    a_database_with_students(db_path, count=3)
    aheads = []

    def run_gui(db_path: Path | None = None, argv: list[str] | None = None) -> int:
        assert db_path is not None
        aheads.append(app._ahead)
        open_database(db_path).close()  # what the window does: the file is not held by the command line
        return 0

    monkeypatch.setattr("imet_desktop.app.run_gui", run_gui)
    assert cli.main(["--db", str(db_path)]) == 0
    [ahead] = aheads
    assert ahead is not None and ahead.path == db_path.resolve()
    figures = ahead.figures(wait=30)
    assert figures is not None and figures.students == 3
    assert app._ahead is None  # taken back once the window is done


def test_a_file_whose_overview_figures_were_kept_unchanged_is_not_counted_again_before_qt(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Figures kept for the file as it is now (the last start counted it, or the last session closed it): the
    window shows them first and opens the file after them; nothing is counted before Qt. Changed since: counted."""
    import datetime as dt

    from imet_desktop import app
    from imet_desktop.ops.kept import file_state, keep_figures
    from imet_desktop.ops.overview import overview_figures

    a_database_with_students(db_path, count=3)
    db = connect(db_path)
    try:
        figures = overview_figures(db, dt.date.today(), alumni=False)
    finally:
        db.close()
    keep_figures(db_path.resolve(), file_state(db_path), figures)
    aheads = []

    def run_gui(db_path: Path | None = None, argv: list[str] | None = None) -> int:
        aheads.append(app._ahead)
        return 0

    monkeypatch.setattr("imet_desktop.app.run_gui", run_gui)
    assert cli.main(["--db", str(db_path)]) == 0
    assert aheads == [None]
    a_database_with_students(db_path, count=1)  # a change: the figures kept no longer match the file
    assert cli.main(["--db", str(db_path)]) == 0
    assert aheads[1] is not None and aheads[1].path == db_path.resolve()
    counted = aheads[1].figures(wait=30)
    assert counted is not None and counted.students == 4


def test_a_file_of_an_older_version_is_left_to_the_window_to_upgrade_and_not_counted_before_qt(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from imet_desktop import app
    from imet_desktop.store.reading import SCHEMA_VERSION

    a_database_with_students(db_path, count=3)
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")  # the schema's number an older version wrote
    aheads = []
    monkeypatch.setattr("imet_desktop.app.run_gui", lambda db_path=None, argv=None: aheads.append(app._ahead) or 0)
    assert cli.main(["--db", str(db_path)]) == 0
    assert aheads == [None]


def test_a_database_that_does_not_exist_is_refused_not_silently_made(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], windows: list[Path | None]) -> None:
    mistyped = tmp_path / "ofice.db"
    assert cli.main(["--db", str(mistyped)]) == 2
    line = error_line(capsys)
    assert f"{mistyped} does not exist; to start a new database there, add --create" in line
    assert not mistyped.exists()
    assert windows == []


def test_with_create_the_window_makes_a_new_database_there(tmp_path: Path, windows: list[Path | None]) -> None:
    new = tmp_path / "office.db"
    assert cli.main(["--db", str(new), "--create"]) == 0
    assert windows == [new]  # the window creates it, then offers demo data


def test_create_in_a_folder_that_does_not_exist_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], windows: list[Path | None]) -> None:
    assert cli.main(["--db", str(tmp_path / "no such folder" / "office.db"), "--create"]) == 2
    assert "is not a folder" in error_line(capsys)
    assert windows == []


def test_a_command_refuses_a_missing_database_and_makes_one_with_create(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "office.db"
    assert cli.main(["ceremony", "list", "--db", str(new)]) == 2
    assert "add --create" in error_line(capsys)
    assert not new.exists()
    assert cli.main(["ceremony", "list", "--db", str(new), "--create"]) == 0
    db = open_database(new)
    assert count_students(db) == 0
    db.close()


def test_a_home_relative_path_is_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          windows: list[Path | None]) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cli.main(["--db", "~/office.db", "--create"]) == 0
    assert windows == [tmp_path / "office.db"]


def test_the_windows_exit_status_is_the_programs(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gui_that(monkeypatch, lambda _path: 3)
    assert cli.main(["--db", str(db_path), "--create"]) == 3


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "roster.txt"
    path.write_text("FAMILY,Given\nOKONKWO,Chinedu\n", encoding="utf-8")
    return path


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "an empty folder"
    path.mkdir()
    return path


def _in_missing_folder(tmp_path: Path) -> Path:
    return tmp_path / "no such folder" / "office.db"


def _truncated(tmp_path: Path) -> Path:
    path = a_database_with_students(tmp_path / "office.db")
    assert not Path(f"{path}-wal").exists()  # closing checkpointed everything into the file
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(size // 2)
    return path


def _random_bytes(tmp_path: Path) -> Path:
    path = tmp_path / "office.db"
    path.write_bytes(os.urandom(8192))
    return path


def _from_a_newer_version(tmp_path: Path) -> Path:
    path = tmp_path / "office.db"
    db = open_database(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    return path


@pytest.mark.parametrize(("make", "words"), [
    (_text_file, "not an SQLite file"),
    (_folder, "is a folder"),
    (_in_missing_folder, "does not exist"),
    (_random_bytes, "not an SQLite file"),
    (_from_a_newer_version, "newer version"),
], ids=["text file", "folder", "missing folder", "random bytes", "newer version"])
def test_a_file_that_cannot_be_our_database_is_one_line_and_no_window(
        make: Callable[[Path], Path], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        windows: list[Path | None]) -> None:
    path = make(tmp_path)
    assert cli.main(["--db", str(path)]) == 2
    line = error_line(capsys)
    assert str(path) in line
    assert words in line
    assert windows == []


def _damage_the_middle(db_path: Path) -> None:
    # Damage pages in the middle of the file: the header, the schema and the size still look right;
    # only SQLite's check (or reading the students) finds it.
    data = bytearray(db_path.read_bytes())
    for where in (len(data) // 4, len(data) // 2, 3 * len(data) // 4):
        data[where:where + 16384] = b"\xff" * 16384
    db_path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_damage_the_middle, lambda path: _truncated(path.parent)],
                         ids=["damaged pages", "truncated"])
def test_damage_found_by_the_check_on_opening_goes_to_the_window_which_offers_a_way_out(
        damage: Callable[[Path], object], db_path: Path, windows: list[Path | None]) -> None:
    a_database_with_students(db_path, count=400)
    damage(db_path)
    assert cli.main(["--db", str(db_path)]) == 0
    assert windows == [db_path]  # the window says what is wrong and offers read-only or the newest backup


def test_corruption_found_after_opening_is_one_line_naming_the_file(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    a_database_with_students(db_path, count=400)
    _damage_the_middle(db_path)

    def read_every_table(path: Path | None) -> int:
        assert path is not None
        db = connect(path)
        try:
            for table in db.table_names():
                db.execute(f"SELECT * FROM [{table}]").fetchall()
        finally:
            db.close()
        return 0

    gui_that(monkeypatch, read_every_table)
    assert cli.main(["--db", str(db_path)]) == 2
    line = error_line(capsys)
    assert str(db_path) in line
    assert "damaged" in line


def test_a_bare_database_error_from_the_window_is_one_line(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def fail(_path: Path | None) -> int:
        raise sqlite3.DatabaseError("database disk image is malformed")

    gui_that(monkeypatch, fail)
    assert cli.main(["--db", str(db_path), "--create"]) == 2
    assert f"{db_path} is damaged (database disk image is malformed)" in error_line(capsys)


def test_a_database_locked_after_opening_is_one_line(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def fail(_path: Path | None) -> int:
        error = sqlite3.OperationalError("database is locked")
        error.sqlite_errorcode = sqlite3.SQLITE_BUSY  # as sqlite3 sets it on a real one
        raise error

    gui_that(monkeypatch, fail)
    assert cli.main(["--db", str(db_path), "--create"]) == 2
    assert "is locked by another program" in error_line(capsys)


def test_a_store_error_from_the_window_is_one_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def fail(_path: Path | None) -> int:
        raise StoreError("the database is locked by another program;\ntry again")

    gui_that(monkeypatch, fail)
    assert cli.main([]) == 2
    assert error_line(capsys) == ("imet-desktop: error: the database is locked by another program; "
                                  "try again")


def test_a_bad_query_is_our_bug_and_shows_the_traceback(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def bad_sql(path: Path | None) -> int:
        assert path is not None
        db = connect(path)
        try:
            db.execute("SELECT * FROM no_such_table")
        finally:
            db.close()
        return 0

    gui_that(monkeypatch, bad_sql)
    assert cli.main(["--db", str(db_path), "--create"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("imet-desktop: Opening the window failed: sorry, this is a bug")
    assert "Traceback" in err
    assert "no such table: no_such_table" in err


def test_a_bug_is_logged_in_the_data_folder_and_the_apology_says_where(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def crash(_path: Path | None) -> int:
        raise KeyError("legal_family_name")

    gui_that(monkeypatch, crash)
    assert cli.main([]) == 1
    err = capsys.readouterr().err
    log = data_dir / "imet-desktop.log"
    assert f"The details were written to {log}" in err
    logged = log.read_text(encoding="utf-8")
    assert "while opening the window" in logged
    assert "KeyError: 'legal_family_name'" in logged


def test_a_command_that_hits_a_bug_names_the_command_in_its_apology(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def crash(*_args: object, **_kwargs: object) -> object:
        raise ZeroDivisionError("division by zero")

    open_database(db_path).close()
    monkeypatch.setattr("imet_desktop.store.ceremonies.list_ceremonies", crash)
    assert cli.main(["ceremony", "list", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("imet-desktop: The ceremony command failed: sorry, this is a bug in IMET Desktop "
                          "(ZeroDivisionError: division by zero)")


def test_any_other_exception_is_our_bug_and_shows_the_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def crash(_path: Path | None) -> int:
        raise KeyError("legal_family_name")

    gui_that(monkeypatch, crash)
    assert cli.main([]) == 1
    err = capsys.readouterr().err
    assert "a bug" in err
    assert "KeyError: 'legal_family_name'" in err


def test_ctrl_c_is_a_short_message(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(_path: Path | None) -> int:
        raise KeyboardInterrupt

    gui_that(monkeypatch, interrupted)
    assert cli.main([]) == 130
    assert capsys.readouterr().err == "imet-desktop: interrupted\n"


class _QtWillNotLoad(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes `import imet_desktop.app` fail the way it does on a machine without Qt's libraries."""

    def find_spec(self, name: str, path: object, target: object = None) -> importlib.machinery.ModuleSpec | None:
        return importlib.machinery.ModuleSpec(name, self) if name == "imet_desktop.app" else None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        raise ImportError("libEGL.so.1: cannot open shared object file: No such file or directory",
                          name="PySide6.QtGui")


def test_a_machine_without_qt_gets_one_line_not_a_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delitem(sys.modules, "imet_desktop.app", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_QtWillNotLoad(), *sys.meta_path])
    assert cli.main([]) == 2
    line = error_line(capsys)
    assert "Qt cannot be loaded" in line
    assert "libEGL.so.1" in line


# --- demo ----------------------------------------------------------------------------------------

def test_demo_writes_a_database_of_invented_students(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.db"
    assert cli.main(["demo", str(path), "--students", "30", "--seed", "7"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1
    assert out.startswith(f"Demo database written to {path}: ")
    assert err.strip(), "progress messages go to stderr"
    db = open_database(path)
    students = count_students(db)
    db.close()
    assert students >= 30  # the Honor Roll's graduates come on top of the 30
    assert f"{students:,} students" in out


def test_demo_refuses_a_database_that_already_holds_students(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.db"
    assert cli.main(["demo", str(path), "--students", "30"]) == 0
    capsys.readouterr()
    db = open_database(path)
    before = count_students(db)
    db.close()
    assert cli.main(["demo", str(path), "--students", "30"]) == 2
    line = error_line(capsys)
    assert str(path) in line
    db = open_database(path)
    assert count_students(db) == before
    db.close()


def test_demo_refuses_a_folder_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "no such folder" / "demo.db"
    assert cli.main(["demo", str(path), "--students", "30"]) == 2
    assert f"the folder {path.parent} does not exist" in error_line(capsys)
    assert not path.parent.exists()


def test_demo_refuses_a_folder_as_its_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", str(tmp_path)]) == 2
    assert "is a folder" in error_line(capsys)


def test_demo_refuses_a_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _text_file(tmp_path)
    assert cli.main(["demo", str(path), "--students", "30"]) == 2
    assert "not an SQLite file" in error_line(capsys)
    assert path.read_text(encoding="utf-8").startswith("FAMILY,Given")


@pytest.mark.parametrize("students", ["0", "-5", "many"])
def test_demo_needs_a_positive_number_of_students(students: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", str(tmp_path / "demo.db"), "--students", students]) == 2
    assert "argument --students" in capsys.readouterr().err
    assert not (tmp_path / "demo.db").exists()


def test_demo_does_not_take_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", str(tmp_path / "a.db"), "demo", str(tmp_path / "b.db")]) == 2
    assert "the demo command does not take --db" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_demo_passes_its_options_and_reports_progress_on_stderr(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[tuple[Path, int, int]] = []

    @dataclasses.dataclass
    class Summary:
        students: int
        honor_roll_entries: int

    def generate_demo(path: Path, students: int = 400, seed: int = 2000,
                      progress: Callable[[str], None] | None = None) -> Summary:
        calls.append((path, students, seed))
        assert progress is not None
        progress("inventing students")
        return Summary(students=students, honor_roll_entries=12)

    monkeypatch.setattr("imet_desktop.ops.demo.generate_demo", generate_demo)
    assert cli.main(["demo", str(tmp_path / "demo.db")]) == 0
    assert calls == [(tmp_path / "demo.db", 400, 2000)]
    out, err = capsys.readouterr()
    assert err == "inventing students\n"
    assert out == f"Demo database written to {tmp_path / 'demo.db'}: students: 400, honor roll entries: 12\n"


def test_demos_advertised_defaults_are_the_generators() -> None:
    from imet_desktop.ops.demo import generate_demo

    parameters = inspect.signature(generate_demo).parameters
    assert parameters["students"].default == cli.DEMO_STUDENTS
    assert parameters["seed"].default == cli.DEMO_SEED


def test_a_summary_with_its_own_text_is_printed_as_it_says() -> None:
    @dataclasses.dataclass
    class Summary:
        students: int

        def __str__(self) -> str:
            return f"{self.students} students\nand more"

    assert cli.describe_summary(Summary(3)) == "3 students and more"


# --- the registry: commands that work on a database ----------------------------------------------

@pytest.fixture
def report_command() -> tuple[dict[str, cli.Command], list[Path]]:
    """A registry with one database command, as later issues will add (e.g. an export)."""
    seen: list[Path] = []

    def run(args: argparse.Namespace) -> int:
        seen.append(args.db)
        db = open_database(args.db, create=False)
        db.close()
        return 0

    commands = {"report": cli.Command(summary="print a report", description="Print a report.",
                                      add_arguments=lambda _parser: None, run=run, uses_database=True)}
    return commands, seen


def test_a_database_command_takes_db_before_or_after_its_name(
        db_path: Path, report_command: tuple[dict[str, cli.Command], list[Path]]) -> None:
    commands, seen = report_command
    open_database(db_path).close()
    assert cli.main(["report", "--db", str(db_path)], commands=commands) == 0
    assert cli.main(["--db", str(db_path), "report"], commands=commands) == 0
    assert seen == [db_path, db_path]


def test_a_database_command_defaults_to_the_users_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        report_command: tuple[dict[str, cli.Command], list[Path]]) -> None:
    commands, seen = report_command
    default = tmp_path / "data" / "imet.db"
    monkeypatch.setattr("imet_desktop.paths.default_database_path", lambda: default)
    assert cli.main(["report"], commands=commands) == 2
    assert seen == [default]
    assert f"the folder {default.parent} does not exist" in error_line(capsys)


# --- help: a command or option without a description fails here --------------------------------

def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _undocumented_options(parser: argparse.ArgumentParser) -> list[str]:
    return [action.dest for action in parser._actions
            if not isinstance(action, argparse._SubParsersAction)
            and (not action.help or action.help == argparse.SUPPRESS)]


def test_every_command_is_documented() -> None:
    parser = cli.build_parser()
    assert set(_subcommands(parser)) == set(cli.COMMANDS)
    for name, command in cli.COMMANDS.items():
        assert command.summary.strip(), f"{name} has no summary for the command list"
        assert command.description.strip(), f"{name} has no description for its --help"
    command_list = {choice.dest: choice.help for action in parser._actions
                    if isinstance(action, argparse._SubParsersAction) for choice in action._choices_actions}
    assert set(command_list) == set(cli.COMMANDS)
    assert all(text and text.strip() for text in command_list.values())


def test_every_option_is_documented() -> None:
    parser = cli.build_parser()
    assert _undocumented_options(parser) == []
    for name, sub_parser in _subcommands(parser).items():
        assert _undocumented_options(sub_parser) == [], f"{name} has options without help"


def test_the_help_lists_every_command_and_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for text in ("--version", "--db PATH", *cli.COMMANDS):
        assert text in out


@pytest.mark.parametrize("name", sorted(cli.COMMANDS))
def test_each_commands_help_lists_its_options(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert cli.COMMANDS[name].description.split()[0] in out
    for action in _subcommands(cli.build_parser())[name]._actions:
        for option in action.option_strings or [action.metavar or action.dest]:
            assert str(option) in out


def test_the_command_table_lists_each_modules_commands_with_their_summaries() -> None:
    """`imet-desktop --help` lists the commands from cli.main's table without importing their modules: the table
    must name every command of every subject module, with that module and the command's own summary."""
    import pkgutil

    main_module = importlib.import_module("imet_desktop.cli.main")
    expected: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(importlib.import_module("imet_desktop.cli").__path__):
        module = importlib.import_module(f"imet_desktop.cli.{info.name}")
        for name, command in getattr(module, "COMMANDS", {}).items():
            if module is not main_module:
                expected[name] = (info.name, command.summary)
    assert expected == main_module.COMMAND_TABLE
    assert list(cli.COMMANDS) == list(main_module.COMMAND_TABLE)


@pytest.mark.parametrize(("args", "modules"), [
    (["--version"], []),
    (["--help"], []),
    (["export-students", "--help"], ["students"]),
    (["print", "--help"], ["documents"]),
], ids=["version", "help", "export help", "print help"])
def test_a_start_imports_only_the_module_of_the_command_it_runs(args: list[str], modules: list[str]) -> None:
    code = (
        "import sys\n"
        "from imet_desktop.__main__ import main\n"
        f"status = main({args!r})\n"
        "print('CLI', sorted(n.rsplit('.', 1)[1] for n in sys.modules if n.startswith('imet_desktop.cli.')\n"
        "                    and n.rsplit('.', 1)[1] not in ('common', 'main', 'window')), file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f"CLI {modules!r}" in result.stderr.splitlines()


def test_the_window_opens_without_waiting_for_the_days_backup(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first start of the day: the check of the file before Qt loads leaves the day's backup (a minute on a
    650 MB database) to the window, which takes it in the background once it is on screen."""
    from imet_desktop.store.backups import list_backups

    a_database_with_students(db_path)
    before_the_window: list[list[object]] = []
    gui_that(monkeypatch, lambda path: before_the_window.append(list(list_backups(db_path))) or 0)
    assert cli.main(["--db", str(db_path)]) == 0
    assert before_the_window == [[]]
