"""A workbook's rows kept as first read (exchange.spool)."""

from __future__ import annotations

import datetime as dt
import gc
import os
from pathlib import Path

import pytest

from imet_desktop.exchange.reading import read_table
from imet_desktop.exchange.spool import CHUNK_ROWS, RowSpool
from imet_desktop.exchange.table import FormulaWithoutValue, TableRow


def _rows(count: int) -> list[TableRow]:
    return [TableRow(n + 2, (f"NAME {n}", dt.date(1980, 1, 1) + dt.timedelta(days=n), FormulaWithoutValue("=A1"), ""))
            for n in range(count)]


def test_rows_come_back_as_added_in_order_with_their_kinds_as_often_as_asked() -> None:
    rows = _rows(2 * CHUNK_ROWS + 7)  # two whole chunks and part of a third
    spool = RowSpool()
    for row in rows:
        spool.add(row)
    spool.finish()
    assert list(spool.rows()) == rows and list(spool.rows()) == rows
    (first, *_rest) = spool.rows()
    assert [type(c) for c in first.cells] == [str, dt.date, FormulaWithoutValue, str]
    spool.close()


def test_two_readings_may_interleave() -> None:
    rows = _rows(3 * CHUNK_ROWS)
    spool = RowSpool()
    for row in rows:
        spool.add(row)
    spool.finish()
    one, two = spool.rows(), spool.rows()
    together = [(a, b) for a, b in zip(one, two, strict=True)]
    assert [a for a, _ in together] == [b for _, b in together] == rows
    spool.close()


def test_no_rows_and_rows_after_closing() -> None:
    spool = RowSpool()
    spool.finish()
    assert list(spool.rows()) == []
    spool.add(TableRow(2, ("KIM",)))
    spool.finish()
    spool.close()
    with pytest.raises(ValueError, match="let go with their table"):
        list(spool.rows())  # never an empty table in place of the rows


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files through /proc")
def test_the_kept_rows_file_goes_with_its_table(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "roster.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Surname", "Given names"])
    for n in range(50):
        sheet.append([f"NAME{n}", "Given"])
    workbook.save(path)
    gc.collect()
    before = _open_files()
    table = read_table(path)
    assert len(list(table.rows)) == 50
    assert _open_files() == before + 1  # the private temporary file (already deleted from its folder)
    del table
    gc.collect()
    assert _open_files() == before


def test_a_temporary_folder_that_cannot_be_written_is_told_naming_the_workbook(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import tempfile

    from openpyxl import Workbook

    from imet_desktop.exchange.errors import ReadError

    path = tmp_path / "roster.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Surname", "Given names"])
    sheet.append(["KIM", "Min-jun"])
    workbook.save(path)

    def full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    with pytest.raises(ReadError, match=r"^roster.xlsx: cannot be read: its rows could not be kept in the temporary "
                                        r"folder \(.+\): No space left on device$"):
        read_table(path)
