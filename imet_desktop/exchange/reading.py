"""Reading a CSV or XLSX file into a table of header and rows, refusing what cannot be read safely.

Every refusal is a ReadError naming the file (and the row and column where there is one); nothing
is ever guessed silently: no character is replaced, no encoding is assumed without a check.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from imet_desktop.exchange.errors import ReadError, column_letter

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CELL_CHARS = 100_000
MAX_COLUMNS = 500
# An XLSX is a ZIP archive: refuse one that would unpack to more than this (a "zip bomb").
MAX_XLSX_UNPACKED_BYTES = 1024 * 1024 * 1024
DELIMITERS = ",;\t"
SNIFF_SAMPLE_CHARS = 32 * 1024
SNIFF_SAMPLE_LINES = 50

Cell = str | dt.date

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
_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
# A well-formed UTF-8 multi-byte sequence: in a file that is otherwise not UTF-8, it means two
# encodings were mixed, and decoding it all as Windows-1252 would turn "é" into "Ã©" silently.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_MARKING = re.compile(r"^CUI(//|\s|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TableRow:
    """One data row: its number as the spreadsheet program shows it, and one cell per header."""

    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A file's header row and data rows; cells are text as written (dates from XLSX as dates)."""

    file: Path
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    header_row: int = 1
    file_format: str = "CSV"  # or "XLSX"
    encoding: str = ""  # CSV only: "UTF-8", "UTF-8 with BOM", "UTF-16", "Windows-1252"
    delimiter: str = ""  # CSV only

    @property
    def file_name(self) -> str:
        """The file's name without its folder, as messages show it."""
        return self.file.name


def read_table(path: Path | str) -> Table:
    """Read a CSV or XLSX file (told apart by content, not extension) into a Table, or raise ReadError."""
    path = Path(path)
    raw = _read_bytes(path)
    if raw.startswith(_ZIP):
        return _read_xlsx(path, raw)
    if raw.startswith(_EMPTY_ZIP):
        raise ReadError(path, "is an empty ZIP archive, not a spreadsheet")
    if path.suffix.casefold() in {".xlsx", ".xlsm"}:
        raise ReadError(path, "is named like an Excel workbook but is not one (damaged or renamed?)")
    text, encoding = _decode(path, raw)
    del raw
    return _read_csv(path, text, encoding)


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:  # noqa: PTH123 - tests replace this module's open() to simulate a lock
            size = os.fstat(f.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise ReadError(path, f"is {_size(size)}; the limit is {_size(MAX_FILE_BYTES)}. "
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
        raise ReadError(path, f"is more than {_size(MAX_FILE_BYTES)}, the limit. Split it into smaller files")
    if not raw.strip():
        raise ReadError(path, "is empty")
    return raw


def _size(size: int) -> str:
    """'50 MB (52,428,800 bytes)': the bytes too, so a file just over the limit does not read as equal."""
    megabytes = size / (1024 * 1024)
    shown = f"{megabytes:,.0f}" if megabytes.is_integer() else f"{megabytes:,.1f}"
    return f"{shown} MB ({size:,} bytes)"


def _binary_error(path: Path, raw: bytes) -> ReadError:
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            return ReadError(path, f"is {what}, not a CSV or XLSX file")
    return ReadError(path, "is not a CSV or XLSX file (it contains binary data)")


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    """The file's text and the name of its encoding; refuses rather than replacing any character."""
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
            return _check_text(path, raw, text), name
    if b"\x00" in raw or any(raw.startswith(s) for s, _ in _SIGNATURES):
        raise _binary_error(path, raw)
    try:
        return _check_text(path, raw, raw.decode("utf-8")), "UTF-8"
    except UnicodeDecodeError as e:
        bad = e.start
    line = raw.count(b"\n", 0, bad) + 1
    if _UTF8_SEQUENCE.search(raw):
        raise ReadError(path, f"mixes UTF-8 with another encoding (line {line} is not UTF-8); save it "
                              "again as \"CSV UTF-8\"")
    try:
        return _check_text(path, raw, raw.decode("cp1252")), "Windows-1252"
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ReadError(path, f"is neither UTF-8 nor Windows-1252 text (byte 0x{raw[e.start]:02X} on line "
                              f"{line}); save it again as \"CSV UTF-8\"") from None


def _check_text(path: Path, raw: bytes, text: str) -> str:
    """Refuse text that is really binary: control characters a table never holds."""
    sample = text[:SNIFF_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\f")
    if controls >= 8 and controls * 100 > len(sample):
        raise _binary_error(path, raw)
    if not text.strip():
        raise ReadError(path, "is empty")
    return text


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings; old Macintosh files end lines with CR alone."""
    end_of_line = "\n" if "\n" in text or "\r" not in text else "\r"
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
    header = next((line for line in sample.splitlines() if line.strip() and not _MARKING.match(line.strip())), "")
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


def _read_csv(path: Path, text: str, encoding: str) -> Table:
    delimiter = ""
    first_line_end = text.find("\n")
    first_line = text[:first_line_end if first_line_end >= 0 else len(text)].strip()
    if len(first_line) == 5 and first_line.casefold().startswith("sep=") and first_line[4] in DELIMITERS:
        # Excel's own hint line; Excel hides it, so row numbers count from the line after.
        delimiter = first_line[4]
        text = text[first_line_end + 1:] if first_line_end >= 0 else ""
    delimiter = delimiter or sniff_delimiter(text)
    pending: list[str] = []

    def tapped() -> Iterator[str]:
        for line in _lines(text):
            pending.append(line)
            yield line

    reader = csv.reader(tapped(), delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    builder = _TableBuilder(path)
    number = 0
    while True:
        pending.clear()
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            number += 1
            if "field larger than field limit" in str(e):
                column = _long_field_column("".join(pending), delimiter)
                raise builder.cell_too_long(number, column) from None
            raise ReadError(path, f"cannot be read as CSV: {e}", row=number) from None
        number += 1
        builder.add(number, list[Cell](fields))
    return builder.table("CSV", encoding, delimiter)


def _xlsx_cell(value: object) -> Cell:
    """An XLSX value as a cell: text as typed, whole numbers without '.0', dates as dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


def _read_xlsx(path: Path, raw: bytes) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ReadError(path, "is a damaged ZIP/XLSX file") from None
    if "xl/workbook.xml" not in names:
        what = "a Word document" if "word/document.xml" in names else \
            "an OpenDocument file; save it as .xlsx or CSV" if "mimetype" in names else "a ZIP archive"
        raise ReadError(path, f"is {what}, not an Excel workbook")
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ReadError(path, f"would unpack to {_size(unpacked)}; the limit is {_size(MAX_XLSX_UNPACKED_BYTES)}")
    from openpyxl import load_workbook

    builder = _TableBuilder(path)
    # openpyxl warns about styles and extensions it does not know; they do not change the values.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as e:  # noqa: BLE001 - any failure here is a damaged file, told to the clerk
            raise ReadError(path, f"cannot be read as an Excel workbook ({type(e).__name__}: {e})") from None
        try:
            sheet = workbook.worksheets[0]
            if not hasattr(sheet, "iter_rows"):
                raise ReadError(path, "its first sheet is a chart, not a table")
            # The stored dimensions may be wrong (or claim 16,384 columns); read what is there.
            sheet.reset_dimensions()
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                builder.add(number, [_xlsx_cell(v) for v in values])
        except ReadError:
            raise
        except Exception as e:  # noqa: BLE001
            raise ReadError(path, f"cannot be read as an Excel workbook ({type(e).__name__}: {e})") from None
        finally:
            workbook.close()
    return builder.table("XLSX", "", "")


class _TableBuilder:
    """Checks each row as it arrives, so a bad file is refused at the first bad row."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.headers: tuple[str, ...] | None = None
        self.header_row = 0
        self.rows: list[TableRow] = []

    def cell_too_long(self, number: int, column: int) -> ReadError:
        name = self.headers[column] if self.headers is not None and column < len(self.headers) else None
        return ReadError(self.path, f"a cell is longer than {MAX_CELL_CHARS:,} characters, the limit",
                         row=number, column=name, column_number=column + 1)

    def add(self, number: int, cells: list[Cell]) -> None:
        while cells and _blank(cells[-1]):
            cells.pop()
        if len(cells) > MAX_COLUMNS:
            raise ReadError(self.path, f"has {len(cells):,} columns; the limit is {MAX_COLUMNS:,}", row=number)
        for i, cell in enumerate(cells):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise self.cell_too_long(number, i)
        if not cells:
            return
        if self.headers is None:
            if len([c for c in cells if not _blank(c)]) == 1 and isinstance(cells[0], str) \
                    and _MARKING.match(cells[0].strip()):
                return  # a "CUI//PRIVACY" banner above the header, as our own exports write
            self._set_headers(number, cells)
            return
        width = len(self.headers)
        if len(cells) > width:
            raise ReadError(self.path, "has a value in a column that has no header", row=number,
                            column_number=width + 1)
        cells.extend([""] * (width - len(cells)))
        self.rows.append(TableRow(number, tuple(cells)))

    def _set_headers(self, number: int, cells: list[Cell]) -> None:
        headers = [c.isoformat() if isinstance(c, dt.date) else c.strip() for c in cells]
        seen: dict[str, int] = {}
        for i, name in enumerate(headers, start=1):
            if not name:
                raise ReadError(self.path, "the header row has a column without a name; name it or delete the "
                                           "column", row=number, column_number=i)
            key = name.casefold()
            if key in seen:
                raise ReadError(self.path, f"the header row has {name!r} twice (columns "
                                           f"{column_letter(seen[key])} and {column_letter(i)}); rename one",
                                row=number, column=name, column_number=i)
            seen[key] = i
        self.headers = tuple(headers)
        self.header_row = number

    def table(self, file_format: str, encoding: str, delimiter: str) -> Table:
        if self.headers is None:
            raise ReadError(self.path, "is empty (no header row)")
        if not self.rows:
            raise ReadError(self.path, "has a header row but no rows of data below it")
        return Table(self.path, self.headers, tuple(self.rows), self.header_row, file_format, encoding, delimiter)


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())

