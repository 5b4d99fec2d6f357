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


def _workbook(path: Path, rows: int) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Surname", "Given names"])
    for n in range(rows):
        sheet.append([f"NAME{n}", "Given"])
    workbook.save(path)
    return path


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
    path = _workbook(tmp_path / "roster.xlsx", 50)
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

    from imet_desktop.exchange.errors import ReadError

    path = _workbook(tmp_path / "roster.xlsx", 1)

    def full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    with pytest.raises(ReadError, match=r"^roster.xlsx: cannot be read: its rows could not be kept in the temporary "
                                        r"folder \(.+\): No space left on device$"):
        read_table(path)


def test_past_its_limit_a_spool_gives_up_and_the_workbook_is_parsed_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A small workbook sharing one long text among many cells would be kept many times over: past twice its size
    unpacked, its rows are not kept, and each reading parses it again, as before (slower, the same rows)."""
    from imet_desktop.exchange import reading

    spool = RowSpool(limit_bytes=100)
    for row in _rows(CHUNK_ROWS):
        spool.add(row)
    spool.finish()
    assert spool.given_up and not spool.kept
    with pytest.raises(ValueError, match="not all kept"):
        list(spool.rows())

    path = _workbook(tmp_path / "roster.xlsx", 1_500)
    parsed: list[Path] = []
    parse = reading.xlsx_rows
    monkeypatch.setattr(reading, "xlsx_rows", lambda path, builder: parsed.append(path) or parse(path, builder))
    monkeypatch.setattr(reading, "RowSpool", lambda limit_bytes: RowSpool(limit_bytes=10_000))
    table = read_table(path)
    assert [r.cells for r in table.rows] == [(f"NAME{n}", "Given") for n in range(1_500)]
    assert len(list(table.rows)) == 1_500 and len(parsed) == 3


class _FullDisk:
    """A temporary file on a disk that fills up: writes are buffered, the flush fails."""

    def __init__(self) -> None:
        import io

        self.buffer = io.BytesIO()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.buffer.seek(offset, whence)

    def tell(self) -> int:
        return self.buffer.tell()

    def write(self, data: bytes) -> int:
        return self.buffer.write(data)

    def flush(self) -> None:
        import errno

        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self) -> None:
        self.flush()


def test_a_disk_that_fills_up_while_the_rows_are_kept_is_told_when_the_workbook_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from imet_desktop.exchange.errors import ReadError

    path = _workbook(tmp_path / "roster.xlsx", 10)
    monkeypatch.setattr(tempfile, "TemporaryFile", _FullDisk)
    with pytest.raises(ReadError, match=r"^roster.xlsx: cannot be read: its rows could not be kept in the temporary "
                                        r"folder.*: No space left on device$"):
        read_table(path)


def test_a_workbook_gone_since_it_was_read_is_told(tmp_path: Path) -> None:
    from imet_desktop.exchange.errors import ReadError

    path = _workbook(tmp_path / "roster.xlsx", 3)
    table = read_table(path)
    path.unlink()
    with pytest.raises(ReadError, match=r"^roster.xlsx: does not exist \(moved or deleted\?\)$"):
        list(table.rows)
