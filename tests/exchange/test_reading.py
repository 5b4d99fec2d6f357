"""Reading the files clerks receive, and refusing clearly the ones that cannot be read safely."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from imet_desktop.exchange import reading
from imet_desktop.exchange.errors import ReadError, column_letter
from imet_desktop.exchange.reading import MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, read_table, sniff_delimiter


def _write(tmp_path: Path, data: bytes | str, name: str = "file.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return path


def _refusal(path: Path) -> ReadError:
    with pytest.raises(ReadError) as refused:
        read_table(path)
    return refused.value


ROSTER = "Surname,Given names\nNguyễn,Văn Đức\nΠαπαδόπουλος,Γεώργιος\n"


@pytest.mark.parametrize("encoding, name", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("utf-16", "UTF-16"), ("utf-16-be", None),
    ("utf-32", "UTF-32"),
])
def test_unicode_encodings_are_recognised(tmp_path: Path, encoding: str, name: str | None) -> None:
    data = ROSTER.encode(encoding)
    if name is None:  # UTF-16 big-endian with its mark written by hand
        data, name = b"\xfe\xff" + data, "UTF-16"
    table = read_table(_write(tmp_path, data))
    assert table.encoding == name
    assert table.headers == ("Surname", "Given names")  # no BOM left in the first header
    assert [r.cells for r in table.rows] == [("Nguyễn", "Văn Đức"), ("Παπαδόπουλος", "Γεώργιος")]


@pytest.mark.parametrize("encoding, named", [
    ("utf-8", None), ("utf-8-sig", None), ("utf-16", None), ("utf-16-le", None), ("utf-32", None),
    ("utf-8-sig", "utf-8"), ("cp1252", "windows-1252"),
])
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_rows_read_again_from_the_file_in_chunks_are_the_rows_of_the_first_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, named: str | None, ending: str) -> None:
    # Small chunks: a line, a quoted line break, a character and the byte order mark fall across chunk boundaries.
    monkeypatch.setattr(reading._CsvAgain, "CHUNK_BYTES", 3)
    lines = ["sep=;", "Surname;Given names;Notes", "Müller;José;", f"D’Souza;Œdipe;\"two{ending}lines\"", ";;",
             "Ng;Lê;x"]
    if encoding != "cp1252":
        lines.append("Παπαδόπουλος;Γεώργιος;")
    path = _write(tmp_path, ending.join(lines) + ending, encoding=encoding)
    if encoding == "utf-16-le":
        path.write_bytes(path.read_bytes())  # UTF-16 recognised without a byte order mark
    table = read_table(path, named)
    first = [(r.number, r.cells) for r in table.rows]
    header_row = 2 if ending == "\r" else 1  # Excel's "sep=" line is recognised before a line feed only
    assert table.headers == ("Surname", "Given names", "Notes") and table.header_row == header_row
    assert first[:2] == [(header_row + 1, ("Müller", "José", "")),
                         (header_row + 2, ("D’Souza", "Œdipe", f"two{ending}lines"))]
    assert first[2] == (header_row + 4, ("Ng", "Lê", "x"))
    assert [(r.number, r.cells) for r in table.rows] == first
    assert len(first) == len(table.rows) == len(lines) - 3


def test_a_csv_changed_since_it_was_read_is_refused_when_its_rows_are_read_again(tmp_path: Path) -> None:
    path = _write(tmp_path, ROSTER)
    table = read_table(path)
    assert [r.cells for r in table.rows] == [("Nguyễn", "Văn Đức"), ("Παπαδόπουλος", "Γεώργιος")]
    path.write_text(ROSTER + "Kim,Min\n", encoding="utf-8")
    with pytest.raises(ReadError, match="file.csv: changed since it was read; read it again"):
        list(table.rows)
    path.unlink()
    with pytest.raises(ReadError, match="file.csv: does not exist"):
        list(table.rows)


def test_windows_1252_is_read_only_when_the_clerk_says_so(tmp_path: Path) -> None:
    path = _write(tmp_path, "Surname,Given names\nMüller,José\nD’Souza,Œdipe\n", encoding="cp1252")
    error = _refusal(path)
    assert str(error).startswith("file.csv, line 2: byte 2 (0xFC) is not UTF-8 text")
    table = read_table(path, encoding="windows-1252")
    assert table.encoding == "cp1252"
    assert [r.cells for r in table.rows] == [("Müller", "José"), ("D’Souza", "Œdipe")]


def test_invalid_utf8_is_refused_naming_line_and_byte_never_read_as_windows_1252(tmp_path: Path) -> None:
    error = _refusal(_write(tmp_path, b"Surname,Given names\nKim,Min\nSM\xc3(ITH,John\n"))
    assert error.line == 3
    assert "byte 3 (0xC3) is not UTF-8 text" in str(error)
    assert "Ã" not in str(error)


def test_bytes_the_named_encoding_does_not_have_are_refused(tmp_path: Path) -> None:
    error = _refusal_with(_write(tmp_path, b"Surname\nM\x81ller\n"), "windows-1252")
    assert str(error) == "file.csv, line 2: byte 2 (0x81) is not windows-1252 text"
    assert "not an encoding this program knows" in str(_refusal_with(_write(tmp_path, b"Surname\nX\n"), "klingon"))


def test_a_file_mixing_utf8_and_windows_1252_is_refused(tmp_path: Path) -> None:
    data = "Surname\nNguyễn\n".encode() + "Müller\n".encode("cp1252")
    error = _refusal(_write(tmp_path, data))
    assert error.line == 3 and "two encodings are mixed" in str(error)


def test_utf16_without_a_byte_order_mark_is_recognised(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        table = read_table(_write(tmp_path, ROSTER.encode(codec)))
        assert table.encoding == "UTF-16 (without a byte order mark)"
        assert table.rows[0].cells == ("Nguyễn", "Văn Đức")


def _refusal_with(path: Path, encoding: str) -> ReadError:
    with pytest.raises(ReadError) as refused:
        read_table(path, encoding=encoding)
    return refused.value


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_found(tmp_path: Path, delimiter: str) -> None:
    text = f"Surname{delimiter}Given names{delimiter}Notes\n" \
           f"\"van der Berg\"{delimiter}Jan{delimiter}\"a, b; c\"\nKim{delimiter}Min-jun{delimiter}\n"
    table = read_table(_write(tmp_path, text))
    assert table.delimiter == delimiter
    assert table.rows[0].cells == ("van der Berg", "Jan", "a, b; c")


def test_the_sniffer_falls_back_to_the_header_line(tmp_path: Path) -> None:
    assert sniff_delimiter("Surname;Given names\n") == ";"
    assert sniff_delimiter("Surname\nKim\n") == ","
    assert sniff_delimiter("Surname\tGiven, names\nKim\tMin\n") == "\t"


def test_excel_sep_hint_line_is_obeyed_and_not_counted(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, "sep=;\nSurname;Given names\nKim;Min-jun\n"))
    assert table.delimiter == ";"
    assert table.header_row == 1 and table.rows[0].number == 2


def test_row_numbers_are_those_the_spreadsheet_shows(tmp_path: Path) -> None:
    text = "Surname,Notes\r\nA,\"two\r\nlines\"\r\n\r\nB,x\r\n,\r\nC,y\r\n"
    table = read_table(_write(tmp_path, text))
    assert [(r.number, r.cells[0]) for r in table.rows] == [(2, "A"), (4, "B"), (6, "C")]
    assert table.rows[0].cells[1] == "two\r\nlines"


def test_old_macintosh_line_endings_are_read(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, "Surname,Given names\rKim,Min\rLee,Ji\r"))
    assert [r.cells for r in table.rows] == [("Kim", "Min"), ("Lee", "Ji")]


def test_trailing_empty_columns_are_ignored(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, "Surname,Given names,Notes,,\nKim,,\nLee,Ji,,,\n"))
    assert table.headers == ("Surname", "Given names", "Notes")
    assert [r.cells for r in table.rows] == [("Kim", "", ""), ("Lee", "Ji", "")]


def test_a_short_csv_row_is_refused_naming_its_line(tmp_path: Path) -> None:
    error = _refusal(_write(tmp_path, "Surname,Given names,Notes\nKim\n"))
    assert str(error).startswith("file.csv, line 2: has 1 value where the header has 3 columns")


def test_a_value_beyond_the_named_columns_is_refused(tmp_path: Path) -> None:
    error = _refusal(_write(tmp_path, "Surname,Given names\nKim,Min,surprise\n"))
    assert (error.line, error.column_number) == (2, 3)
    assert str(error).startswith("file.csv, line 2, column C: has 3 values where the header has 2 columns")


def test_a_privacy_marking_line_above_the_header_is_skipped(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, "CUI//PRIVACY\nSurname,DOB\nKim,1990-01-01\n", encoding="utf-8-sig"))
    assert table.headers == ("Surname", "DOB")
    assert (table.header_row, table.rows[0].number) == (2, 3)


@pytest.mark.parametrize("header, message", [
    ("Surname,,DOB", "file.csv, row 1, column B: the header row has a column without a name"),
    ("Surname,DOB,SURNAME ", "file.csv, row 1, column C ('SURNAME'): the header row has 'SURNAME' twice "
                             "(columns A and C); rename one"),
])
def test_a_header_row_with_empty_or_duplicate_names_is_refused(tmp_path: Path, header: str, message: str) -> None:
    assert str(_refusal(_write(tmp_path, header + "\nKim,1990-01-01,x\n"))).startswith(message)


@pytest.mark.parametrize("data, message", [
    (b"", "file.csv: is empty"),
    (b"  \r\n\r\n", "file.csv: is empty"),
    (b"\xef\xbb\xbf\r\n", "file.csv: is empty"),
    (b"Surname,DOB\r\n", "file.csv: has a header row but no rows of data below it"),
    (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", "file.csv: is a PDF document, not a CSV or XLSX file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "file.csv: is an old-format Office file (.xls or .doc)"),
    (b"Surname,DOB\nKim\x00,1990-01-01\n", "file.csv, line 2: holds a NUL character (U+0000)"),
    (bytes(range(1, 9)) * 200, "file.csv: is not a CSV or XLSX file (it contains binary data)"),
    (b"\xff\xfeS\x00\x00\x00", "is not a CSV or XLSX file"),
])
def test_files_that_are_not_tables_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    assert message in str(_refusal(_write(tmp_path, data)))


def test_a_file_over_50_mb_is_refused_saying_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 10 * 1024 * 1024)  # sparse: nothing is really written
    assert str(_refusal(path)) == ("huge.csv: is 60 MB (62,914,560 bytes); the limit is 50 MB (52,428,800 bytes). "
                                   "Split it into smaller files")


def test_a_file_of_exactly_50_mb_is_not_refused_for_its_size(tmp_path: Path) -> None:
    path = tmp_path / "full.csv"
    with path.open("wb") as f:
        f.write(b"Surname\n")
        f.truncate(MAX_FILE_BYTES)  # the rest are NUL bytes: refused, but as binary, not as too big
    assert "binary" in str(_refusal(path))


@pytest.mark.parametrize("quoted", [False, True])
def test_a_1_mb_cell_is_refused_naming_row_and_column(tmp_path: Path, quoted: bool) -> None:
    cell = "x" * 1_000_000
    cell = f"\"{cell[:500_000]}\n{cell[500_000:]}\"" if quoted else cell
    path = _write(tmp_path, f"Surname,Given names,Notes\nKim,Min,short\nLee,Ji,{cell}\nPark,So,\n")
    error = _refusal(path)
    assert (error.row, error.column, error.column_number) == (3, "Notes", 3)
    assert str(error) == (f"file.csv, row 3, column C ('Notes'): a cell is longer than {MAX_CELL_CHARS:,} "
                          "characters, the limit")


def test_a_cell_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, "Surname,Notes\nKim," + "x" * MAX_CELL_CHARS + "\n"))
    assert table.rows[0].cells[1] == "x" * MAX_CELL_CHARS


def test_5000_columns_are_refused(tmp_path: Path) -> None:
    header = ",".join(f"C{i}" for i in range(5_000))
    error = _refusal(_write(tmp_path, header + "\n" + "1," * 4_999 + "1\n"))
    assert str(error) == "file.csv, row 1: has 5,000 columns; the limit is 500"


def test_500_columns_are_read(tmp_path: Path) -> None:
    header = ",".join(f"C{i}" for i in range(MAX_COLUMNS))
    assert len(read_table(_write(tmp_path, header + "\n" + "1," * (MAX_COLUMNS - 1) + "1\n")).headers) == MAX_COLUMNS


def test_a_locked_file_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, ROSTER, name="roster from SCO.csv")

    def locked(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(reading, "open", locked, raising=False)
    assert str(_refusal(path)) == ("roster from SCO.csv: cannot be opened: it is open in another program (close it "
                                   "there) or you do not have permission to read it")


def test_an_unreadable_disk_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, ROSTER)

    def failing(*_args: object, **_kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(reading, "open", failing, raising=False)
    assert str(_refusal(path)) == "file.csv: cannot be read: Input/output error"


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path) -> None:
    assert "does not exist" in str(_refusal(tmp_path / "gone.csv"))
    assert "is a folder" in str(_refusal(tmp_path))


# --- XLSX -------------------------------------------------------------------------------------------


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_values_are_read_as_the_clerk_sees_them(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "roster.xlsx", [
        ["Surname", "DOB", "ECL", "Passport", "Note"],
        ["Nguyễn", dt.datetime(1985, 3, 2), 85, 12345678.0, None],
        [],
        ["王", dt.date(1990, 1, 15), 80.5, "P1", True],
    ])
    table = read_table(path)
    assert table.file_format == "XLSX"
    assert [(r.number, r.cells) for r in table.rows] == [
        (2, ("Nguyễn", dt.date(1985, 3, 2), "85", "12345678", "")),
        (4, ("王", dt.date(1990, 1, 15), "80.5", "P1", "TRUE")),
    ]


def test_xlsx_header_lower_down_keeps_sheet_row_numbers(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "roster.xlsx", [[], [], ["Surname"], ["Kim"]])
    table = read_table(path)
    assert (table.header_row, table.rows[0].number) == (3, 4)


def test_xlsx_with_5000_columns_is_refused(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "wide.xlsx", [[f"C{i}" for i in range(5_000)], ["x"] * 5_000])
    assert str(_refusal(path)) == "wide.xlsx, row 1: has 5,000 columns; the limit is 500"


def test_xlsx_with_a_1_mb_cell_is_refused(tmp_path: Path) -> None:
    # Excel and openpyxl never write a cell over 32,767 characters; a file made by other means can.
    made = _xlsx(tmp_path / "made.xlsx", [["Surname", "Notes"], ["Kim", "PLACEHOLDER"]])
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename).replace(b"PLACEHOLDER", b"y" * 1_000_000))
    assert str(_refusal(path)) == (f"big.xlsx, row 2, column B ('Notes'): a cell is longer than {MAX_CELL_CHARS:,} "
                                   "characters, the limit")


def test_xlsx_duplicate_headers_are_refused(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "dup.xlsx", [["Surname", "surname"], ["Kim", "Lee"]])
    assert "the header row has 'surname' twice" in str(_refusal(path))


@pytest.mark.parametrize("members, message", [
    ({"word/document.xml": "<w/>"}, "is a Word document, not an Excel workbook"),
    ({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}, "is an OpenDocument file"),
    ({"readme.txt": "hello"}, "is a ZIP archive, not an Excel workbook"),
    ({"xl/workbook.xml": "not xml at all"}, "cannot be read as an Excel workbook"),
])
def test_zip_files_that_are_not_workbooks_are_refused(tmp_path: Path, members: dict[str, str], message: str) -> None:
    path = tmp_path / "file.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    assert message in str(_refusal(path))


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    assert "is named like an Excel workbook but is not one" in str(_refusal(_write(tmp_path, ROSTER, "r.xlsx")))


def test_a_damaged_zip_is_refused(tmp_path: Path) -> None:
    assert "is a damaged ZIP/XLSX file" in str(_refusal(_write(tmp_path, b"PK\x03\x04garbage", "r.xlsx")))


def test_column_letters_follow_the_spreadsheet() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


def test_a_workbook_is_parsed_once_its_rows_kept_as_read_and_a_changed_workbook_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    parsed: list[Path] = []
    parse = reading.xlsx_rows
    monkeypatch.setattr(reading, "xlsx_rows", lambda path, builder: parsed.append(path) or parse(path, builder))

    path = tmp_path / "roster.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Surname", "Given names"])
    sheet.append(["KIM", "Min-jun"])
    sheet.append(["LEE", "Ji-ho"])
    workbook.save(path)
    table = read_table(path)
    assert len(table.rows) == 2 and table.first_value(1) == (2, "Min-jun")
    assert [r.cells for r in table.rows] == [r.cells for r in table.rows] == [("KIM", "Min-jun"), ("LEE", "Ji-ho")]
    assert table.rows[1].number == 3 and [r.number for r in table.rows[:1]] == [2]
    assert parsed == [path]  # once, by the first reading; the five readings after it read the rows kept
    sheet.append(["PARK", "Su"])
    workbook.save(path)
    with pytest.raises(ReadError, match="roster.xlsx: changed since it was read; read it again"):
        list(table.rows)
