"""A workbook's rows kept as they were first read, so they are parsed once, not once per reading.

openpyxl parses a sheet at ~5,000 rows/s (10,000 rows: 2 s), and an import goes through a file's rows
more than once (the first reading checks and counts them; the plan converts them; the import wizard
plans again when the clerk changes the mapping). A CSV's rows are read again from its checked text,
cheaply; a workbook's are kept here instead: pickled in chunks to a private temporary file (on disk, so
a file of any length stays in bounded memory; deleted when closed), the way the import keeps the rows it
will write (store.duplicates.FileKeys). Like those, the rows are on disk while the table lives: a file
without a name on Linux and macOS, one deleted when closed in Windows' temporary folder.

Text a workbook shares between its cells (one long text in every row, written once) is pickled once a
chunk: a spool may be larger than its workbook unpacked. Past a limit (``limit_bytes``: twice the
workbook's unpacked size and some), a spool gives up and the workbook is parsed again for each reading,
slower, never a disk filled by a small file.
"""

from __future__ import annotations

import contextlib
import pickle
import tempfile
import threading
import weakref
from collections.abc import Iterator
from typing import IO

from imet_desktop.exchange.table import Cell, TableRow

CHUNK_ROWS = 1_000
_LET_GO = "the rows kept as read were let go with their table"


class RowSpool:
    """Rows added in order while a file is first read, given back in that order as often as asked.

    Readings may come from another thread than the one that added the rows, and two may interleave
    (each seeks, then reads, under a lock); rows are only added before the first reading.
    """

    def __init__(self, limit_bytes: int | None = None) -> None:
        self.limit_bytes = limit_bytes
        self.given_up = False  # past the limit: no rows kept (kept is False)
        self._finished = False
        self._closed = False
        self._chunks: list[tuple[int, int]] = []  # (offset, length) of each pickled chunk
        self._pending: list[tuple[int, tuple[Cell, ...]]] = []
        self._lock = threading.Lock()
        self._open: list[IO[bytes]] = []  # the file, once made: closed when the spool goes (its table and readings)
        weakref.finalize(self, _close, self._open)

    @property
    def kept(self) -> bool:
        """Whether every row was added and kept (not past the limit)."""
        return self._finished and not self.given_up

    def add(self, row: TableRow) -> None:
        """Keep one row (written to the file a chunk at a time); OSError if the file cannot be written."""
        if self.given_up:
            return
        self._pending.append((row.number, row.cells))
        if len(self._pending) >= CHUNK_ROWS:
            self._write_pending()

    def finish(self) -> None:
        """Every row has been added; OSError if the file cannot be written."""
        self._write_pending()
        self._finished = True

    def rows(self) -> Iterator[TableRow]:
        """The rows, as added (ValueError once closed: its rows are gone, never given as none)."""
        if self._closed:
            raise ValueError(_LET_GO)
        if not self.kept:
            raise ValueError("the rows were not all kept (ask kept first)")
        for offset, length in list(self._chunks):
            with self._lock:
                if self._closed:  # closed while this reading went on
                    raise ValueError(_LET_GO)
                file = self._open[0]
                file.seek(offset)
                data = file.read(length)
            for number, cells in pickle.loads(data):  # noqa: S301 - our own rows, in our own private file
                yield TableRow(number, cells)

    def close(self) -> None:
        """Forget the rows (the temporary file is deleted)."""
        with self._lock:
            self._closed = True
            self._let_go()

    def _let_go(self) -> None:
        """Under the lock: the file closed (deleted) and its chunks forgotten."""
        _close(self._open)
        self._chunks = []
        self._pending = []

    def _write_pending(self) -> None:
        if not self._pending or self.given_up:
            return
        data = pickle.dumps(self._pending, pickle.HIGHEST_PROTOCOL)
        self._pending = []
        with self._lock:
            end = sum(self._chunks[-1]) if self._chunks else 0  # the last chunk's offset and length
            if self.limit_bytes is not None and end + len(data) > self.limit_bytes:
                self.given_up = True
                self._let_go()
                return
            if not self._open:
                self._open.append(tempfile.TemporaryFile())  # noqa: SIM115 - closed by close(), or when the spool goes
            file = self._open[0]
            file.seek(end)
            file.write(data)
            file.flush()  # a full disk is found now, while the file is first read, not by a later reading
            self._chunks.append((end, len(data)))


def _close(files: list[IO[bytes]]) -> None:
    for file in files:
        with contextlib.suppress(OSError):  # its rows are let go: nothing is lost by a failed last write
            file.close()
    files.clear()
