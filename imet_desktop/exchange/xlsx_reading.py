"""Reading an Excel workbook's first sheet, streamed, refusing an archive that is not a workbook or would
inflate too far (a "zip bomb") before anything is inflated."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from imet_desktop.exchange.errors import ReadError
from imet_desktop.exchange.table import Cell, FormulaWithoutValue, TableBuilder, TableRow, size_text

# An XLSX is a ZIP archive: refuse one that would unpack to more than this (a "zip bomb"), or one
# part of which inflates more than MAX_XLSX_RATIO times (real sheets compress 5-20 times; a bomb
# thousands). Both are read from the archive's directory, before anything is inflated; Python's
# zipfile never inflates a member past its declared size, so a lying directory cannot get round it.
MAX_XLSX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_XLSX_RATIO = 200
XLSX_RATIO_FLOOR_BYTES = 1024 * 1024  # small parts may compress as well as they like


def _xlsx_cell(value: object) -> Cell:
    """An XLSX value as a cell: text as typed, whole numbers without '.0', dates as dates."""
    if value is None:
        return ""
    if isinstance(value, FormulaWithoutValue):
        return value
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


_FORMULA_PARSER_INSTALLED = False


def _install_formula_parser() -> None:
    """Make openpyxl's streaming reader tell a formula without a stored value from an empty cell, and find a
    sheet's stated dimensions without parsing its rows.

    In data_only mode openpyxl returns None for both a formula without a stored value and an empty cell; the
    subclass returns the formula as a FormulaWithoutValue instead. Only that case changes, so other readers
    in the process see the same values as before.

    openpyxl looks for the sheet's <dimension> (which comes before the rows) when it opens a sheet, and
    stops at the end of the rows' element: in a sheet without one (openpyxl's own write-only files,
    this program's exports among them, and other generated files), it parses every row to find that it is
    not there (10,000 rows: 0.4 s of a 2 s read, before the rows are read). The subclass stops at the start
    of the rows: the same dimensions, or the same None, at once.
    """
    global _FORMULA_PARSER_INSTALLED
    if _FORMULA_PARSER_INSTALLED:
        return
    from openpyxl.worksheet import _read_only
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG, FORMULA_TAG, VALUE_TAG, WorkSheetParser
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.functions import iterparse

    class FormulaAwareParser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            if self.data_only and not self.rich_text and element.get("t") == "inlineStr":
                found = _plain_inline_string(element)
                if found is not None:
                    # Its value without openpyxl's rich text objects, which cost most of a sheet's parse.
                    inline, text = found
                    element.remove(inline)
                    plain: dict[str, Any] = super().parse_cell(element)
                    plain["value"], plain["data_type"] = text, "s"
                    return plain
            cell: dict[str, Any] = super().parse_cell(element)
            if self.data_only and cell["value"] is None and element.find(VALUE_TAG) is None:
                formula = element.find(FORMULA_TAG)
                if formula is not None:
                    cell["value"] = FormulaWithoutValue("=" + (formula.text or ""))
            return cell

        def parse_dimensions(self) -> tuple[int, int, int, int] | None:
            for _event, element in iterparse(self.source, events=("start",)):
                if element.tag == DIMENSION_TAG:
                    boundaries: tuple[int, int, int, int] = SheetDimension.from_tree(element).boundaries
                    return boundaries
                if element.tag == DATA_TAG:
                    break  # the rows begin: no dimensions stated
            return None

    _read_only.WorkSheetParser = FormulaAwareParser
    _FORMULA_PARSER_INSTALLED = True


_SHEET_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
INLINE_STRING_TAG = _SHEET_MAIN + "is"  # a cell's inline string (openpyxl.worksheet._reader.INLINE_STRING)
TEXT_TAG = _SHEET_MAIN + "t"  # a run of text in it


def _plain_inline_string(cell: Any) -> tuple[Any, str] | None:
    """A cell's inline string (its <is> element) and its text, when it is one plain run (<is><t>text</t></is>, what
    generated files write), the text as openpyxl's Text(...).content gives it; None for anything else (rich text,
    phonetic runs), which openpyxl reads."""
    strings = [child for child in cell if child.tag == INLINE_STRING_TAG]
    if len(strings) != 1 or len(strings[0]) != 1 or strings[0].attrib:
        return None
    run = strings[0][0]
    if run.tag != TEXT_TAG or len(run):
        return None
    return strings[0], run.text or ""


def check_xlsx_archive(path: Path, raw: bytes) -> int:
    """Refuse a ZIP that is not a workbook, or that would inflate too far, from its directory alone; the size it
    unpacks to."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise ReadError(path, "is a damaged ZIP/XLSX file") from None
    names = {m.filename for m in members}
    unpacked = sum(m.file_size for m in members)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > XLSX_RATIO_FLOOR_BYTES and ratio > MAX_XLSX_RATIO:
            raise ReadError(path, f"its part {member.filename} would inflate {ratio:,.0f} times, to "
                                  f"{size_text(member.file_size)}: that is a \"zip bomb\", not a spreadsheet; it "
                                  "was not opened")
    if "xl/workbook.xml" not in names:
        what = "a Word document" if "word/document.xml" in names else \
            "an OpenDocument file; save it as .xlsx or CSV" if "mimetype" in names else "a ZIP archive"
        raise ReadError(path, f"is {what}, not an Excel workbook")
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ReadError(path, f"would unpack to {size_text(unpacked)}; the limit is "
                              f"{size_text(MAX_XLSX_UNPACKED_BYTES)}")
    return unpacked


def xlsx_rows(path: Path, builder: TableBuilder) -> Iterator[TableRow]:
    """The data rows of the first sheet, streamed by openpyxl's read-only reader."""
    from openpyxl import load_workbook

    _install_formula_parser()
    # openpyxl warns about styles and extensions it does not know; they do not change the values.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - any failure here is a damaged file, told to the clerk
            raise ReadError(path, "cannot be read as an Excel workbook: it is damaged, or was written by a "
                                  "program that does not follow the format; open it in Excel and save it again"
                            ) from None
    values: Iterator[tuple[object, ...]] | None = None
    try:
        sheet = workbook.worksheets[0]
        if not hasattr(sheet, "iter_rows"):
            raise ReadError(path, "its first sheet is a chart, not a table")
        # The stored dimensions may be wrong (or claim 16,384 columns); read what is there.
        sheet.reset_dimensions()
        values = sheet.iter_rows(values_only=True)
        number = 0
        while True:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    row = next(values)
                except StopIteration:
                    break
                except ReadError:
                    raise
                except Exception:  # noqa: BLE001
                    raise ReadError(path, f"cannot be read past row {builder.last_row:,} as an Excel workbook: it "
                                          "is damaged; open it in Excel and save it again") from None
            number += 1
            builder.add(number, [_xlsx_cell(v) for v in row])
            yield from builder.drain()
        builder.finish()
        yield from builder.drain()
    finally:
        # The sheet's reader holds the archive open: close it first, or the file stays open.
        if values is not None and hasattr(values, "close"):
            values.close()
        workbook.close()


