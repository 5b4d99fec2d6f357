"""`imet-desktop report overview`: the printed overview and its figures from the command line."""

from __future__ import annotations

import csv
from pathlib import Path

import pdfplumber
import pytest

from imet_desktop import cli
from tests.store.office import an_office_file


@pytest.fixture
def office(tmp_path: Path) -> Path:
    path = tmp_path / "office.db"
    an_office_file(path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_overview_is_printed_to_a_pdf_for_a_chosen_date(office: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "overview.pdf"
    code, printed, err = run(capsys, "report", "overview", "--db", str(office), "--out", str(out),
                             "--date", "2026-06-10", "--year", "2026")
    assert (code, err) == (0, "")
    assert printed == f"Wrote the overview (4 pages) to {out}\n"
    with pdfplumber.open(out) as pdf:
        first = pdf.pages[0].extract_text() or ""
        last = pdf.pages[3].extract_text() or ""
        shapes = len(pdf.pages[3].curves)
    assert "as of 10 JUN 2026" in first and "5 1 3 1" in first
    assert "Students in residence on 10 JUN 2026, by country" in last and shapes > 1000  # the world map


@pytest.mark.parametrize("ending", ["csv", "xlsx"])
def test_the_figures_alone_go_to_a_spreadsheet_named_by_its_ending(office: Path, tmp_path: Path, ending: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"figures.{ending}"
    code, printed, _err = run(capsys, "report", "overview", "--db", str(office), "--out", str(out),
                              "--date", "2026-06-10")
    assert code == 0 and printed.startswith("Wrote ") and out.stat().st_size > 0
    if ending == "csv":
        with out.open(encoding="utf-8-sig", newline="") as f:
            assert ["Headline", "In residence", "10 JUN 2026", "5"] in list(csv.reader(f))


def test_format_wins_over_the_file_ending(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "figures.txt"
    code, _printed, _err = run(capsys, "report", "overview", "--db", str(office), "--out", str(out),
                               "--format", "csv", "--date", "2026-06-10")
    assert code == 0 and out.read_text(encoding="utf-8-sig").startswith("Section,Figure,Detail,Value")


def test_a_missing_folder_is_one_line_and_exit_status_2(office: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, _printed, err = run(capsys, "report", "overview", "--db", str(office), "--out",
                              str(tmp_path / "nowhere" / "overview.pdf"))
    assert code == 2
    assert err.startswith("imet-desktop: error: ") and "does not exist" in err and len(err.splitlines()) == 1


def test_a_bad_date_is_refused_by_the_arguments(office: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, _printed, err = run(capsys, "report", "overview", "--db", str(office), "--out", str(tmp_path / "o.pdf"),
                              "--date", "10/06/26")
    assert code == 2 and "not a date in the form YYYY-MM-DD" in err
    assert not (tmp_path / "o.pdf").exists()
