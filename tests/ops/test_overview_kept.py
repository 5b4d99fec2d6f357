"""The Overview's figures kept for the next start: used only for the file unchanged since they were counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imet_desktop.ops.overview import file_state, keep_figures, kept_figures, overview_figures
from imet_desktop.store.db import open_database
from tests.store.office import ON, an_office


@pytest.fixture
def office(tmp_path: Path) -> Path:
    path = tmp_path / "office.db"
    db = open_database(path)
    an_office(db)
    db.close()
    return path


def test_the_figures_kept_are_given_back_for_the_unchanged_file_and_that_date_only(office: Path) -> None:
    db = open_database(office)
    try:
        state = file_state(office)
        figures = overview_figures(db, ON, ON.year, alumni=False)
        keep_figures(office, state, figures)
        assert kept_figures(office, ON, ON.year) == figures
        assert kept_figures(office, ON + dt.timedelta(days=1), ON.year) is None
        assert kept_figures(office, ON, ON.year - 1) is None
        assert kept_figures(office.with_name("other.db"), ON, ON.year) is None
    finally:
        db.close()


def test_a_change_to_the_file_and_its_kept_figures_are_not_used(office: Path) -> None:
    db = open_database(office)
    try:
        keep_figures(office, file_state(office), overview_figures(db, ON, ON.year, alumni=False))
        with db.conn:
            db.execute("UPDATE students SET status = 'Graduated' WHERE legal_family_name = 'MENSAH'")
        assert kept_figures(office, ON, ON.year) is None
    finally:
        db.close()
    assert kept_figures(office, ON, ON.year) is None  # closed: the log folded into the file


def test_figures_counted_while_the_file_changed_are_never_used(office: Path) -> None:
    db = open_database(office)
    try:
        state = file_state(office)  # taken before the count, as the window does
        figures = overview_figures(db, ON, ON.year, alumni=False)
        with db.conn:
            db.execute("UPDATE students SET status = 'Graduated' WHERE legal_family_name = 'MENSAH'")
        keep_figures(office, state, figures)
        assert kept_figures(office, ON, ON.year) is None
    finally:
        db.close()


def test_a_damaged_kept_file_means_counting_again(office: Path) -> None:
    db = open_database(office)
    try:
        keep_figures(office, file_state(office), overview_figures(db, ON, ON.year, alumni=False))
    finally:
        db.close()
    from imet_desktop.ops.overview import _kept_path

    _kept_path(office).write_bytes(b"not what was written")
    assert kept_figures(office, ON, ON.year) is None
