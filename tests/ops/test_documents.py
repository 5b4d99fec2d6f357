"""The one list of printable documents: what the window's menus and `imet-desktop print` both offer."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Ceremony
from imet_desktop.ops.documents import NothingToPrint, PrintOptions, Scope, kinds, prepare, write_pdf
from imet_desktop.store.ceremonies import new_ceremony
from tests.ops.conftest import PLANNED


def a_class_with_students(db: Database) -> int:
    row = db.execute("SELECT class_id FROM enrollments WHERE status IN ('Enrolled', 'Completed') "
                     "GROUP BY class_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    return int(row[0])


@pytest.mark.parametrize("key", [k.key for k in kinds(Scope.CEREMONY)])
def test_every_ceremony_document_is_drawn_from_the_registry(demo: Database, tmp_path: Path, key: str) -> None:
    prepared = prepare(demo, key, PLANNED)
    assert prepared.count >= 1 and not prepared.personal
    assert write_pdf(prepared, tmp_path / f"{key}.pdf") >= 1
    assert (tmp_path / f"{key}.pdf").read_bytes().startswith(b"%PDF")


def test_an_empty_document_is_refused_with_what_is_missing(demo: Database) -> None:
    empty = new_ceremony(demo, Ceremony("Spring induction", venue="Maxwell AFB"))
    with pytest.raises(NothingToPrint, match=f"nothing to print: ceremony {empty} has no inductees"):
        prepare(demo, "certificates", empty)
    assert prepare(demo, "program", empty).count == 1  # a program prints even before anyone is on it


def test_a_roster_with_personal_data_is_written_for_its_owner_only(demo: Database, tmp_path: Path) -> None:
    class_id = a_class_with_students(demo)
    personal = prepare(demo, "class-roster", class_id, PrintOptions(include_personal=True))
    plain = prepare(demo, "class-roster", class_id)
    assert personal.personal and not plain.personal
    write_pdf(personal, tmp_path / "cui.pdf")
    write_pdf(plain, tmp_path / "plain.pdf")
    assert stat.S_IMODE((tmp_path / "cui.pdf").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "plain.pdf").stat().st_mode) & 0o044  # others may read a plain roster
