"""A workbook's cells read as openpyxl reads them, however their text is stored (exchange.xlsx_reading)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imet_desktop.exchange.reading import read_table
from imet_desktop.exchange.table import Cell
from imet_desktop.exchange.xlsx_reading import INLINE_STRING_TAG, TEXT_TAG, _xlsx_cell

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _as_openpyxl_reads(path: Path) -> list[tuple[Cell, ...]]:
    """The data rows as openpyxl's ordinary (not streaming) reader gives them, which this program does not change,
    as cells: the reference the streaming reading must equal."""
    from openpyxl import load_workbook

    sheet = load_workbook(path, data_only=True).worksheets[0]
    rows = [[_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    width = len(rows[0])
    return [tuple(row[:width]) for row in rows[1:]]


def _read(path: Path) -> list[tuple[Cell, ...]]:
    return [row.cells for row in read_table(path).rows]


def _with_sheet_xml(path: Path, sheet_data: str, dimension: str = "") -> Path:
    """A workbook (saved by openpyxl) whose first sheet is this XML: the cells as another program writes them."""
    from openpyxl import Workbook

    Workbook().save(path)
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    parts["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dimension}'
        f"<sheetData>{sheet_data}</sheetData></worksheet>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _inline(ref: str, inner: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is>{inner}</is></c>'


def test_the_tags_are_openpyxls() -> None:
    from openpyxl.worksheet._reader import INLINE_STRING

    assert INLINE_STRING_TAG == INLINE_STRING and f"{{{MAIN}}}t" == TEXT_TAG


@pytest.mark.parametrize("dimension", ["", '<dimension ref="A1:B9"/>'])
def test_inline_strings_of_every_form_are_read_as_openpyxl_reads_them(tmp_path: Path, dimension: str) -> None:
    cases = [
        "<t>KIM</t>",                                                   # what generated files write
        '<t xml:space="preserve">  Min-jun </t>',                       # spaces kept
        "<t/>",                                                          # empty
        "",                                                              # no run at all
        "<r><t>AL-</t></r><r><rPr><b/></rPr><t>RASHID</t></r>",          # rich text: its runs joined
        "<t>山田</t><rPh sb=\"0\" eb=\"2\"><t>ヤマダ</t></rPh>",              # a phonetic guide: not part of the value
        "<t>&lt;b&gt;&amp;</t>",                                         # escaped characters
        "<t>line one\nline two</t>",
    ]
    rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>Case</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>Name</t></is></c></row>']
    rows += [f'<row r="{n}"><c r="A{n}"><v>{n}</v></c>{_inline(f"B{n}", inner)}</row>'
             for n, inner in enumerate(cases, start=2)]
    path = _with_sheet_xml(tmp_path / "names.xlsx", "".join(rows), dimension)
    read = _read(path)
    assert read == _as_openpyxl_reads(path)
    assert [r[1] for r in read] == ["KIM", "  Min-jun ", "", "", "AL-RASHID", "山田", "<b>&", "line one\nline two"]


def test_an_inline_string_openpyxl_refuses_is_still_refused(tmp_path: Path) -> None:
    from imet_desktop.exchange.errors import ReadError

    odd = _inline("A2", "<t>KIM</t>").replace("<is>", '<is x="1">')  # an attribute openpyxl's Text does not take
    path = _with_sheet_xml(tmp_path / "odd.xlsx", '<row r="1"><c r="A1" t="inlineStr"><is><t>Surname</t></is></c>'
                                                  '<c r="B1" t="inlineStr"><is><t>Given</t></is></c></row>'
                                                  f'<row r="2">{odd}</row>')
    with pytest.raises(ReadError, match="damaged"):
        read_table(path)


def test_a_formula_without_a_stored_value_is_still_told_from_an_empty_cell(tmp_path: Path) -> None:
    path = _with_sheet_xml(tmp_path / "formula.xlsx",
                           '<row r="1"><c r="A1" t="inlineStr"><is><t>Surname</t></is></c>'
                           '<c r="B1" t="inlineStr"><is><t>Given</t></is></c></row>'
                           '<row r="2"><c r="A2" t="inlineStr"><is><t>KIM</t></is></c><c r="B2"><f>A2</f></c></row>')
    assert _read(path) == [("KIM", "=A2")]


# Text as a spreadsheet holds it: any character XML 1.0 allows (openpyxl refuses the rest when writing); not
# starting with "=", which openpyxl writes as a formula (read as one: the test above).
SHEET_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]) | st.sampled_from("\t\n "),
                     min_size=1, max_size=20).filter(lambda t: bool(t.strip()) and not t.startswith("="))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.tuples(SHEET_TEXT, SHEET_TEXT), min_size=1, max_size=8), write_only=st.booleans())
def test_any_text_is_read_as_openpyxl_reads_it(tmp_path_factory: pytest.TempPathFactory,
                                               texts: list[tuple[str, str]], write_only: bool) -> None:
    """Written as openpyxl's write-only mode writes (inline strings, no dimensions: this program's exports) or
    as its ordinary mode does (shared strings and dimensions, as Excel)."""
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("xlsx") / "texts.xlsx"
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet() if write_only else workbook.active
    assert sheet is not None
    sheet.append(["Surname", "Given names"])
    for row in texts:
        sheet.append(list(row))
    workbook.save(path)
    assert _read(path) == _as_openpyxl_reads(path) == [tuple(row) for row in texts]
