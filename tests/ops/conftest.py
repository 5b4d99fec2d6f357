"""The ops layer's tests: a demo database, written once per module and copied for each test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.store.db import open_database

HELD, PLANNED = 1, 2  # the demo's ceremonies: 2000 (held, eleven inductees) and 2027 (planned, eight)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from imet_desktop.ops.demo import generate_demo

    path = tmp_path_factory.mktemp("ops") / "demo.db"
    generate_demo(path, students=60)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """This test's own copy of the demo database."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_file, copy)
    db = open_database(copy)
    yield db
    db.close()


def inductee_ids(db: Database, ceremony_id: int) -> list[int]:
    """The student ids of a ceremony's inductees, in program order."""
    return [int(r[0]) for r in db.execute(
        "SELECT student_id FROM ceremony_inductees WHERE ceremony_id = ? ORDER BY sort_order, id", [ceremony_id])]
