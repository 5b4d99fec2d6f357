"""Reading a CSV or XLSX file into a table of header and rows, refusing what cannot be read safely.

Every refusal is a ReadError naming the file (and the row and column where there is one); nothing
is ever guessed silently: no character is replaced, no encoding is assumed without a check.
"""

from __future__ import annotations

import codecs
import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from imet_desktop.exchange.errors import ReadError
from imet_desktop.exchange.spool import RowSpool
from imet_desktop.exchange.table import (
    CUI_MARKING,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    Cell,
    FormulaWithoutValue,
    Table,
    TableBuilder,
    TableRow,
    TableRows,
    blank,
    size_text,
)
from imet_desktop.exchange.xlsx_reading import MAX_XLSX_RATIO, check_xlsx_archive, xlsx_rows

# What the importers and the tests read from here, wherever it is defined.
__all__ = ["MAX_CELL_CHARS", "MAX_COLUMNS", "MAX_FILE_BYTES", "MAX_XLSX_RATIO", "Cell", "FormulaWithoutValue",
           "Table", "TableRow", "read_table", "sniff_delimiter"]

MAX_FILE_BYTES = 50 * 1024 * 1024
DELIMITERS = ",;\t"
SNIFF_SAMPLE_CHARS = 32 * 1024
SNIFF_SAMPLE_LINES = 50

# Signatures of files clerks pick by mistake, to say what the file is rather than only "binary".
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-format Office file (.xls or .doc); save it as .xlsx or CSV"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
)
# A CSV's codec, and whether a leading U+FEFF is dropped after decoding (an encoding the clerk named).
_Codec = tuple[str, bool]
_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
# A well-formed UTF-8 multi-byte sequence: in a file that is otherwise not UTF-8, it means two
# encodings were mixed, and decoding it all as Windows-1252 would turn "é" into "Ã©" silently.
# What a workbook's kept rows may take on disk besides twice its unpacked size (exchange.spool).
SPOOL_SLACK_BYTES = 16 * 1024 * 1024
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def read_table(path: Path | str, encoding: str | None = None) -> Table:
    """Read a CSV or XLSX file (told apart by content, not extension) into a Table, or raise ReadError.

    A CSV is read as UTF-8, UTF-16 or UTF-32 (with a byte order mark, or UTF-16 recognised
    without one); any other encoding only when `encoding` names it (e.g. "windows-1252").
    The whole file is read once here, checking its structure; a CSV's rows are read again from the
    file each time they are gone through, a workbook's from a private temporary file its rows were
    kept in as they were read (exchange.spool: a sheet is parsed once); ReadError if the file changed
    since; never all held in memory at once.
    """
    path = Path(path)
    raw = _read_bytes(path)
    if raw.startswith(_ZIP):
        unpacked = check_xlsx_archive(path, raw)
        del raw
        stat = path.stat()
        # The sheet is parsed once: its rows are kept as read for the readings after (up to twice what the workbook
        # unpacks to: past that, parsed again each time).
        spool = RowSpool(limit_bytes=2 * unpacked + SPOOL_SLACK_BYTES)

        def later_rows(_builder: TableBuilder) -> Iterator[TableRow]:
            try:
                now = path.stat()
            except OSError as e:
                raise _unreadable_again(path, e) from None
            if _stamp(now) != _stamp(stat):
                raise _changed(path)
            return spool.rows() if spool.kept else xlsx_rows(path, TableBuilder(path))

        try:  # the spool's temporary file goes with the table and its readings
            return _first_reading(path, lambda builder: xlsx_rows(path, builder), "XLSX", "", "", again=later_rows,
                                  spool=spool)
        except OSError as e:  # the workbook's reading turns its own into ReadError: this is the kept rows' file
            spool.close()
            folder = f" ({tempfile.tempdir})" if tempfile.tempdir else ""
            raise ReadError(path, f"cannot be read: its rows could not be kept in the temporary folder{folder}: "
                                  f"{e.strerror or e}") from e
        except BaseException:
            spool.close()
            raise
    if raw.startswith(_EMPTY_ZIP):
        raise ReadError(path, "is an empty ZIP archive, not a spreadsheet")
    if path.suffix.casefold() in {".xlsx", ".xlsm"}:
        raise ReadError(path, "is named like an Excel workbook but is not one (damaged or renamed?)")
    text, encoding_name, codec = _decode_as(path, raw, encoding) if encoding else _decode(path, raw)
    del raw
    decoded_chars = len(text)
    text, delimiter, skipped = _csv_dialect(text)
    again = _CsvAgain(path, codec, decoded_chars - len(text), _end_of_line(text), delimiter)
    return _first_reading(path, lambda builder: _csv_rows(path, text, delimiter, skipped, builder), "CSV",
                          encoding_name, delimiter, again=again.rows)


def _first_reading(path: Path, produce: Callable[[TableBuilder], Iterator[TableRow]], file_format: str,
                   encoding: str, delimiter: str,
                   again: Callable[[TableBuilder], Iterator[TableRow]] | None = None,
                   spool: RowSpool | None = None) -> Table:
    """Go through every row once: the structure is checked, rows counted and each column's first value kept
    (and each row, in `spool` when given).

    Later readings use `again` (given the first reading's builder) when there is one, else the first way.
    """
    builder = TableBuilder(path)
    count = 0
    first: list[tuple[int, Cell] | None] = []
    missing = 0
    for row in produce(builder):
        if spool is not None:
            spool.add(row)
        if count == 0:
            first = [None] * len(row.cells)
            missing = len(first)
        count += 1
        if missing:
            for i, cell in enumerate(row.cells):
                if first[i] is None and not blank(cell):
                    first[i] = (row.number, cell)
                    missing -= 1
    if spool is not None:
        spool.finish()
    if builder.headers is None:
        raise ReadError(path, "is empty (no header row)")
    if not count:
        raise ReadError(path, "has a header row but no rows of data below it")
    rows = TableRows((lambda: again(builder)) if again is not None else (lambda: produce(TableBuilder(path))), count)
    return Table(path, builder.headers, rows, builder.header_row, file_format, encoding, delimiter,
                 tuple(builder.preamble), tuple(first))


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:  # noqa: PTH123 - tests replace this module's open() to simulate a lock
            size = os.fstat(f.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise ReadError(path, f"is {size_text(size)}; the limit is {size_text(MAX_FILE_BYTES)}. "
                                      "Split it into smaller files")
            raw = f.read(MAX_FILE_BYTES + 1)
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError(path, "does not exist (moved or deleted?)") from None
    except IsADirectoryError:
        raise ReadError(path, "is a folder, not a file") from None
    except PermissionError:
        raise ReadError(path, "cannot be opened: it is open in another program (close it there) or you "
                              "do not have permission to read it") from None
    except OSError as e:
        raise ReadError(path, f"cannot be read: {e.strerror or e}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ReadError(path, f"is more than {size_text(MAX_FILE_BYTES)}, the limit. Split it into smaller files")
    if not raw.strip():
        raise ReadError(path, "is empty")
    return raw



def _binary_error(path: Path, raw: bytes) -> ReadError:
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            return ReadError(path, f"is {what}, not a CSV or XLSX file")
    return ReadError(path, "is not a CSV or XLSX file (it contains binary data)")


def _line_and_byte(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and byte-in-line of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _utf16_without_bom(raw: bytes) -> str | None:
    """The codec of UTF-16 text written without a byte order mark, or None: such text is mostly
    ASCII, so every other byte is zero."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    half = len(raw) // 2
    if odd.count(0) > half * 0.4 and even.count(0) < half * 0.05:
        return "utf-16-le"
    if even.count(0) > half * 0.4 and odd.count(0) < half * 0.05:
        return "utf-16-be"
    return None


def _decode(path: Path, raw: bytes) -> tuple[str, str, _Codec]:
    """The file's text, the name of its encoding and its codec; refuses rather than replacing any character."""
    boms = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
            (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
            (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"))
    for bom, codec, name in boms:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as e:
                raise ReadError(path, f"starts with a {name} mark but is not valid {name} text "
                                      f"(at byte {e.start:,})") from None
            if "\x00" in text:
                raise _binary_error(path, raw)
            return _check_text(path, raw, text), name, (codec, False)
    if any(raw.startswith(s) for s, _ in _SIGNATURES):
        raise _binary_error(path, raw)
    utf16 = _utf16_without_bom(raw) if b"\x00" in raw else None
    if utf16 is not None:
        try:
            text = raw.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            if "\x00" not in text:
                return _check_text(path, raw, text), "UTF-16 (without a byte order mark)", (utf16, False)
    try:
        return _check_text(path, raw, raw.decode("utf-8")), "UTF-8", ("utf-8", False)
    except UnicodeDecodeError as e:
        bad = e.start
    if b"\x00" in raw[:bad]:
        raise _binary_error(path, raw)
    line, byte = _line_and_byte(raw, bad)
    mixed = " and elsewhere is UTF-8, so two encodings are mixed" if _UTF8_SEQUENCE.search(raw) else ""
    raise ReadError(path, f"byte {byte:,} (0x{raw[bad]:02X}) is not UTF-8 text{mixed}. Save the file again as "
                          "\"CSV UTF-8\", or say which encoding it is in (for example Windows-1252)", line=line)


def _decode_as(path: Path, raw: bytes, encoding: str) -> tuple[str, str, _Codec]:
    """The file's text in the encoding the clerk named; refuses a byte that is not in it."""
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise ReadError(path, f"{encoding!r} is not an encoding this program knows (try utf-8, utf-16, "
                              "windows-1252 or iso-8859-1)") from None
    try:
        text = raw.decode(codec.name)
    except UnicodeDecodeError as e:
        line, byte = _line_and_byte(raw, e.start)
        raise ReadError(path, f"byte {byte:,} (0x{raw[e.start]:02X}) is not {encoding} text", line=line) from None
    return _check_text(path, raw, text.removeprefix("\ufeff")), codec.name, (codec.name, True)


def _check_text(path: Path, raw: bytes, text: str) -> str:
    """Refuse text that is really binary: control characters a table never holds."""
    sample = text[:SNIFF_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\f")
    if controls >= 8 and controls * 100 > len(sample):
        raise _binary_error(path, raw)
    if not text.strip():
        raise ReadError(path, "is empty")
    nul = text.find("\x00")
    if nul >= 0:
        raise ReadError(path, "holds a NUL character (U+0000), which no spreadsheet writes; the file is damaged "
                              "or not text", line=text.count("\n", 0, nul) + 1)
    return text


def _end_of_line(text: str) -> str:
    """What ends the text's lines: LF (CR LF too), or CR alone in old Macintosh files."""
    return "\n" if "\n" in text or "\r" not in text else "\r"


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings; old Macintosh files end lines with CR alone."""
    end_of_line = _end_of_line(text)
    start, length = 0, len(text)
    while start < length:
        end = text.find(end_of_line, start)
        if end == -1:
            yield text[start:]
            return
        yield text[start:end + 1]
        start = end + 1


def _count_outside_quotes(line: str, delimiter: str) -> int:
    return sum(part.count(delimiter) for part in line.split('"')[::2])


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: csv.Sniffer on a sample, checked against the header line."""
    # Whole lines only, and few of them: the Sniffer's regular expressions slow down badly on
    # long samples with unbalanced quotes.
    sample = text[:SNIFF_SAMPLE_CHARS]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[:sample.rindex("\n") + 1]
    sample = "".join(sample.splitlines(keepends=True)[:SNIFF_SAMPLE_LINES])
    header = next((line for line in sample.splitlines() if line.strip() and not CUI_MARKING.match(line.strip())), "")
    counts = {d: _count_outside_quotes(header, d) for d in DELIMITERS}
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    if sniffed in counts and (counts[sniffed] > 0 or max(counts.values()) == 0):
        return sniffed
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _long_field_column(record: str, delimiter: str) -> int:
    """The 0-based column of the first over-long field in a record's raw text (the csv module
    stops at its own field limit without saying where)."""
    column, length, quoted, i = 0, 0, False, 0
    while i < len(record):
        ch = record[i]
        if quoted:
            if ch == '"':
                if record.startswith('"', i + 1):
                    i += 1
                    length += 1
                else:
                    quoted = False
            else:
                length += 1
        elif ch == '"':
            quoted = True
        elif ch == delimiter:
            column, length = column + 1, 0
        elif ch not in "\r\n":
            length += 1
        if length > MAX_CELL_CHARS:
            return column
        i += 1
    return column


_ENDINGS = {"\r\n": "CR LF (Windows)", "\n": "LF (Unix)", "\r": "CR (old Macintosh)"}


def _ending(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else "\r" if line.endswith("\r") else ""


def _csv_error_message(error: csv.Error, record: str) -> str:
    """The csv module's complaint in the clerk's words (never Python's)."""
    text = str(error)
    if "new-line character seen in unquoted field" in text:
        return ("has a line break (CR) inside a value that is not in quotes; the file mixes line endings "
                "or was damaged")
    if "unexpected end of data" in text or "EOF" in text:
        return "has a quote (\") that is never closed: the rest of the file would be read as one value"
    if "expected" in text and "after" in text:
        return "has a quote (\") in the middle of a value; a quote inside a value must be doubled (\"\")"
    return "cannot be read as CSV (the quotes or separators on this line do not balance)"


def _csv_dialect(text: str) -> tuple[str, str, int]:
    """The text without Excel's "sep=" hint line, the delimiter, and how many lines were skipped."""
    first_line_end = text.find("\n")
    first_line = text[:first_line_end if first_line_end >= 0 else len(text)].strip()
    if len(first_line) == 5 and first_line.casefold().startswith("sep=") and first_line[4] in DELIMITERS:
        # Excel's own hint line; Excel hides it, so row numbers count from the line after.
        return (text[first_line_end + 1:] if first_line_end >= 0 else ""), first_line[4], 1
    return text, sniff_delimiter(text), 0


def _csv_rows(path: Path, text: str, delimiter: str, skipped_lines: int, builder: TableBuilder
              ) -> Iterator[TableRow]:
    """The data rows of CSV text, checking its structure before any value: balanced quotes, one line
    ending, and every row as wide as the header. Structural faults name the physical line."""
    pending: list[str] = []

    def tapped() -> Iterator[str]:
        for line in _lines(text):
            pending.append(line)
            yield line

    # strict: a stray quote is an error, not a value silently swallowing the next lines
    reader = csv.reader(tapped(), delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    number = 0
    line = skipped_lines  # physical lines read so far
    record_ending = ""
    header_width = 0
    while True:
        pending.clear()
        first_line_of_record = line + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            number += 1
            record = "".join(pending)
            if "field larger than field limit" in str(e):
                column = _long_field_column(record, delimiter)
                raise builder.cell_too_long(number, column) from None
            raise ReadError(path, _csv_error_message(e, record), line=first_line_of_record) from None
        line += len(pending)
        number += 1
        if pending:
            ending = _ending(pending[-1])
            if ending and record_ending and ending != record_ending:
                raise ReadError(path, f"ends with {_ENDINGS[ending]} where the lines before end with "
                                      f"{_ENDINGS[record_ending]}: the file mixes line endings (two files "
                                      "pasted together?); save it again from one program", line=line)
            record_ending = record_ending or ending
        if builder.headers is not None and any(f.strip() for f in fields):
            width = len(builder.headers)
            if len(fields) < width:
                raise ReadError(path, f"has {len(fields)} value{'s' if len(fields) != 1 else ''} where the "
                                      f"header has {width} columns: a separator is missing, or a quote joined two "
                                      "values", line=first_line_of_record)
            if len(fields) > max(width, header_width) or (
                    len(fields) > width and any(f.strip() for f in fields[width:])):
                raise ReadError(path, f"has {len(fields)} values where the header has {width} columns: a value "
                                      "holds an unquoted separator, or a value has no header",
                                line=first_line_of_record, column_number=width + 1)
        was_header = builder.headers is None
        builder.add(number, list[Cell](fields))
        if was_header and builder.headers is not None:
            header_width = len(fields)
        yield from builder.drain()
    builder.finish()
    yield from builder.drain()


def _stamp(stat: os.stat_result) -> tuple[int, int]:
    """What tells a file changed since it was first read: its size and time of change."""
    return stat.st_size, stat.st_mtime_ns


def _changed(path: Path) -> ReadError:
    return ReadError(path, "changed since it was read; read it again")


def _unreadable_again(path: Path, error: OSError) -> ReadError:
    """A file read before that cannot be opened again (moved, deleted, locked meanwhile)."""
    if isinstance(error, FileNotFoundError):
        return ReadError(path, "does not exist (moved or deleted?)")
    return ReadError(path, f"cannot be read: {error.strerror or error}")


class _CsvAgain:
    """Reads a CSV's rows again from the file, as the first reading saw them: decoded chunk by chunk with the
    codec the first reading chose, without the characters it skipped (a "sep=" line), split into lines at the
    same ending. Nothing of the file is kept in memory between readings; a file changed since is refused."""

    CHUNK_BYTES = 1 << 20

    def __init__(self, path: Path, codec: _Codec, skip: int, end_of_line: str, delimiter: str) -> None:
        stat = path.stat()
        self.path, self.codec, self.skip, self.end_of_line, self.delimiter = path, codec, skip, end_of_line, delimiter
        self.stamp = _stamp(stat)

    def rows(self, builder: TableBuilder) -> Iterator[TableRow]:
        """The data rows, as _csv_rows gave them (the structure was checked by the first reading)."""
        assert builder.headers is not None
        return _csv_rows_again(self._lines(), self.delimiter, builder.header_row, len(builder.headers))

    def _lines(self) -> Iterator[str]:
        try:
            f = open(self.path, "rb")  # noqa: PTH123, SIM115 - tests replace this module's open(); closed below
        except OSError as e:
            raise _unreadable_again(self.path, e) from None
        with f:
            if _stamp(os.fstat(f.fileno())) != self.stamp:
                raise _changed(self.path)
            name, drop_bom = self.codec
            decoder = codecs.getincrementaldecoder(name)("strict")
            skip, eol, pending, started = self.skip, self.end_of_line, "", False
            while True:
                chunk = f.read(self.CHUNK_BYTES)
                try:
                    text = decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError:
                    raise _changed(self.path) from None
                if text and not started:
                    started = True
                    if drop_bom:
                        text = text.removeprefix("\ufeff")
                if skip:
                    skipped = text[:skip]
                    text, skip = text[skip:], skip - len(skipped)
                if not chunk:
                    break
                lines = (pending + text).split(eol)
                pending = lines.pop()
                for line in lines:
                    yield line + eol
            pending += text
            if pending:
                yield pending


def _csv_rows_again(lines: Iterable[str], delimiter: str, header_row: int, width: int) -> Iterator[TableRow]:
    """The data rows of CSV lines whose structure the first reading checked, as _csv_rows gives them: each
    record after the header that holds a value, padded to the header's width."""
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    pad = ("",) * width
    for number, fields in enumerate(reader, start=1):
        if number <= header_row:
            continue
        if len(fields) == width and fields[-1].strip():
            yield TableRow(number, tuple(fields))
            continue
        while fields and blank(fields[-1]):
            fields.pop()
        if fields:
            yield TableRow(number, (*fields, *pad[len(fields):]))
