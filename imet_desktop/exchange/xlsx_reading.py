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
    """Make openpyxl's streaming reader tell a formula without a stored value from an empty cell.

    In data_only mode openpyxl returns None for both; the subclass returns the formula as a
    FormulaWithoutValue instead. Only that case changes, so other readers in the process see the
    same values as before.
    """
    global _FORMULA_PARSER_INSTALLED
    if _FORMULA_PARSER_INSTALLED:
        return
    from openpyxl.worksheet import _read_only
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class FormulaAwareParser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if self.data_only and cell["value"] is None and element.find(VALUE_TAG) is None:
                formula = element.find(FORMULA_TAG)
                if formula is not None:
                    cell["value"] = FormulaWithoutValue("=" + (formula.text or ""))
            return cell

    _read_only.WorkSheetParser = FormulaAwareParser
    _FORMULA_PARSER_INSTALLED = True


def check_xlsx_archive(path: Path, raw: bytes) -> None:
    """Refuse a ZIP that is not a workbook, or that would inflate too far, from its directory alone."""
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


