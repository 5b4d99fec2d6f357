"""`imet-desktop print` prints, and warns on stderr, when a document prints names the office has not confirmed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest

from imet_desktop import cli
from imet_desktop.domain.records import Ceremony, Guest, Student
from imet_desktop.store.ceremonies import add_guest, add_inductee, new_ceremony
from imet_desktop.store.countries import add_country, confirm_country
from imet_desktop.store.db import open_database
from imet_desktop.store.students import add_student


@pytest.fixture
def office(db_path: Path) -> Path:
    """Ceremony 1: an officer of Taiwan, and a guest from a country the office added by hand."""
    db = open_database(db_path)
    cid = new_ceremony(db, Ceremony("Induction 2027", dt.date(2027, 4, 22), "14:00", "Maxwell Club"))
    add_country(db, code="XS", alpha3="XSA", name="Sealand", official_name="Principality of Sealand")
    add_inductee(db, cid, add_student(db, Student("LIN", "Wei", country_code="TW")), override_reason="test")
    add_inductee(db, cid, add_student(db, Student("BATES", "Michael", country_code="XS")), override_reason="test")
    add_guest(db, Guest(cid, "Prince Regent", country_code="XS", rsvp="Accepted"))
    db.close()
    return db_path


def test_certificates_print_the_office_names_and_warn_of_an_unconfirmed_one(
        office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "certificates.pdf"
    assert cli.main(["print", "certificates", "--ceremony", "1", "--out", str(out), "--db", str(office)]) == 0
    captured = capsys.readouterr()
    assert "Wrote 2 pages" in captured.out
    assert ("warning: Sealand (XS): induction certificates would print “Principality of Sealand” or “Sealand”, names "
            "added by hand that the office has not confirmed") in " ".join(captured.err.split())
    with pdfplumber.open(out) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Taiwan" in text and "Province of China" not in text

    db = open_database(office)
    confirm_country(db, "XS")
    db.close()
    assert cli.main(["print", "certificates", "--ceremony", "1", "--out", str(tmp_path / "again.pdf"),
                     "--db", str(office)]) == 0
    assert "warning" not in capsys.readouterr().err
