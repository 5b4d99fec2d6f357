"""Three differently shaped upstream exports (SAN-like CSV, SC-TMS-like XLSX, an office's Excel
template) import with every column fed or deliberately left out, and every name intact."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.exchange.mapping import IGNORE, auto_map
from imet_desktop.exchange.reading import read_table
from imet_desktop.exchange.student_import import plan_import, plan_import_file, run_import
from imet_desktop.store.roster import student_ids
from imet_desktop.store.students import get_student
from tests.exchange import upstream
from tests.exchange.upstream import OFFICERS

EXPORTS: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "SAN-like CSV": (upstream.write_san_csv, upstream.SAN_IGNORED),
    "SC-TMS-like XLSX": (upstream.write_sctms_xlsx, upstream.SCTMS_IGNORED),
    "Excel template": (upstream.write_template_xlsx, upstream.TEMPLATE_IGNORED),
}
SUFFIX = {"SAN-like CSV": ".csv", "SC-TMS-like XLSX": ".xlsx", "Excel template": ".xlsx"}


@pytest.fixture(params=list(EXPORTS))
def export(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path, tuple[str, ...]]:
    write, ignored = EXPORTS[request.param]
    return request.param, write(tmp_path / f"export{SUFFIX[request.param]}"), ignored


def test_every_column_but_the_one_no_field_holds_is_recognised(export: tuple[str, Path, tuple[str, ...]]) -> None:
    _, path, ignored = export
    mapping = auto_map(read_table(path).headers)
    assert mapping.undecided_headers == list(ignored)


def test_the_column_no_field_holds_stops_the_import_until_the_clerk_leaves_it_out(
        db: Database, export: tuple[str, Path, tuple[str, ...]]) -> None:
    _, path, ignored = export
    plan = plan_import_file(db, path)
    assert [u.header for u in plan.undecided] == list(ignored)
    plan = plan_import_file(db, path, overrides=[f"{h}=ignore" for h in ignored])
    assert plan.undecided == () and plan.problems == ()
    assert [h for h, f in plan.mapping.columns.items() if f == IGNORE] == list(ignored)


def test_every_name_and_value_arrives_exactly(db: Database, export: tuple[str, Path, tuple[str, ...]]) -> None:
    kind, path, ignored = export
    plan = plan_import_file(db, path, overrides=[f"{h}=ignore" for h in ignored])
    result = run_import(db, plan, path.name, skip_invalid=False)
    assert result.rows_imported == len(OFFICERS)
    for officer in OFFICERS:
        (sid,) = student_ids(db, search=officer.wcn) if kind != "Excel template" else \
            student_ids(db, search=officer.passport)
        s = get_student(db, sid)
        assert (s.legal_family_name, s.legal_given_names) == (officer.family, officer.given)
        assert s.native_name == unicodedata.normalize("NFC", officer.native)
        assert s.country_code == officer.country
        assert s.date_of_birth == officer.dob
        assert s.passport_number == officer.passport  # leading zeros kept
        assert s.ecl_score == officer.ecl
        assert s.country_rank == officer.rank
        assert s.sex == ("" if kind == "SC-TMS-like XLSX" else officer.sex)  # SC-TMS has no sex column
        assert s.arrival_date == officer.report
        if kind != "Excel template":
            assert (s.wcn, s.ito_number, s.us_rank, s.service) == (officer.wcn, officer.ito, officer.us_rank,
                                                                    officer.service)
        if kind != "SC-TMS-like XLSX":
            assert s.notes == officer.remarks.replace("\r\n", "\n")


def test_the_template_title_above_the_header_is_not_taken_for_the_header(tmp_path: Path) -> None:
    table = read_table(upstream.write_template_xlsx(tmp_path / "template.xlsx"))
    assert table.headers == upstream.TEMPLATE_HEADERS
    assert table.header_row == 3 and table.rows[0].number == 4
    assert table.preamble == (upstream.TEMPLATE_TITLE,)


def test_the_same_officer_from_two_systems_is_a_likely_duplicate(db: Database, tmp_path: Path) -> None:
    first = plan_import_file(db, upstream.write_sctms_xlsx(tmp_path / "a.xlsx"), overrides=["Record Locator=ignore"])
    run_import(db, first, "a.xlsx", skip_invalid=False)
    # SAN spells the same people as their passports' machine-readable lines do
    path = tmp_path / "mrz.csv"
    path.write_text("SURNAME,GIVEN NAMES,DOB\nMUELLER-LUEDENSCHEIDT,JOERG,28 FEB 1981\n"
                    "OBRIEN,SEAN PADRAIG,17 AUG 1986\nOESTERGAARD,METTE,10 OCT 1985\nKIM,MINJUN,14 MAR 1984\n"
                    "KIM,MINJUN,15 MAR 1984\n",
                    encoding="utf-8")
    table = read_table(path)
    plan = plan_import(db, table, auto_map(table.headers))
    flagged = {p.row: p.message for p in plan.problems}
    assert sorted(flagged) == [2, 3, 4, 5]  # row 6 has another date of birth
    assert "likely a duplicate" in flagged[2] and "MÜLLER-LÜDENSCHEIDT, Jörg" in flagged[2]
    assert {p.name for p in plan.problems} >= {"MUELLER-LUEDENSCHEIDT, JOERG", "OBRIEN, SEAN PADRAIG"}
    assert dt.date(1984, 3, 15) == plan.rows[0].student.date_of_birth
