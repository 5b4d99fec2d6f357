"""`imet-desktop print ...`: every document to a PDF file; the pre-print check; one-line errors."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from sqlite_utils import Database

from imet_desktop import cli
from imet_desktop.ops import ceremony_documents, class_documents
from imet_desktop.store.db import open_database

PLANNED = 2  # the demo's 2027 ceremony: eight inductees, names in eight scripts


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from imet_desktop.ops.demo import generate_demo

    path = tmp_path_factory.mktemp("cli-documents") / "demo.db"
    generate_demo(path, students=60)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    """This test's own copy of the demo database file."""
    return Path(shutil.copy(demo_file, tmp_path / "office.db"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("imet-desktop: error: ")
    return lines[0]


def with_db(path: Path) -> Database:
    return open_database(path)


# --- certificates ---------------------------------------------------------------------------------------

def test_certificates_of_a_ceremony_print_one_page_per_inductee_with_every_name(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "certificates.pdf"
    code, stdout, err = run(capsys, "print", "certificates", "--ceremony", str(PLANNED), "--out", str(out),
                            "--db", str(demo))
    assert (code, err) == (0, "")
    assert stdout == f"Wrote 8 pages to {out}\n"
    pages = texts(out)
    assert len(pages) == 8
    db = with_db(demo)
    expected = ceremony_documents.ceremony_certificates(db, PLANNED)
    db.close()
    for page, certificate in zip(pages, expected, strict=True):
        assert certificate.name_latin in page
        # every character of the native-script name is drawn (Arabic as its shaped presentation forms)
        drawn = set(unicodedata.normalize("NFKC", page).replace(" ", ""))
        assert set(certificate.name_native.replace(" ", "")) <= drawn, certificate.name_native
    assert "ΕυάγγελοςΧριστοδούλου" in pages[2].replace(" ", "")
    assert "Богдан Поліщук" in pages[3]
    assert "森川健二" in pages[7]
    scripts = {unicodedata.name(ch).split()[0] for page in pages for ch in unicodedata.normalize("NFKC", page)
               if ch.isalpha()}
    assert {"LATIN", "THAI", "HANGUL", "GREEK", "CYRILLIC", "ARABIC", "DEVANAGARI", "CJK"} <= scripts
    for page, certificate in zip(pages, expected, strict=True):
        words = " ".join(page.split())
        # the schools attended, and the school's two signature blocks from the settings
        assert f"a graduate of the {certificate.schools}, is hereby inducted" in words
        assert "Miriam T. Okafor Dana R. Whitcombe" in words
        assert "Commandant, International Officer School Commander and President, Air University" in words
    assert "Air Command and Staff College, Class of 2001 and the Air War College, Class of 2010" in " ".join(
        pages[0].split())


def test_certificates_for_chosen_inductees(demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = with_db(demo)
    ids = [int(r[0]) for r in db.execute("SELECT student_id FROM ceremony_inductees WHERE ceremony_id = ? "
                                        "ORDER BY sort_order", [PLANNED])]
    db.close()
    out = tmp_path / "two.pdf"
    code, stdout, _err = run(capsys, "--db", str(demo), "print", "certificates", "--ceremony", str(PLANNED),
                             "--inductee", str(ids[1]), "--inductee", str(ids[0]), "--out", str(out))
    assert code == 0 and stdout.startswith("Wrote 2 pages")
    pages = texts(out)
    assert "Apichart PRASERTWONG" in pages[0] and "HWANG Sung-min" in pages[1]


# --- the other documents ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("document", "expected"), [
    (["program"], "Order of Events"),
    (["program", "--booklet"], "Order of Events"),
    (["place-cards"], "General Apichart PRASERTWONG"),
    (["invitations"], "RSVP: International Honor Roll Induction 2027"),
    (["mc-script"], "Say: HWAHNG sung-MIN"),
    (["engraving-order"], "Plaque engraving order"),
    (["seating-chart"], "Head table"),
])
def test_every_ceremony_document_prints(document: list[str], expected: str, demo: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "document.pdf"
    code, stdout, err = run(capsys, "print", *document, "--ceremony", str(PLANNED), "--out", str(out),
                            "--db", str(demo))
    assert (code, err) == (0, "")
    pages = texts(out)
    assert stdout == f"Wrote {len(pages)} page{'s' if len(pages) != 1 else ''} to {out}\n"
    assert any(expected in page for page in pages)


def test_the_booklet_imposes_the_programs_pages_two_up(demo: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    plain, booklet = tmp_path / "plain.pdf", tmp_path / "booklet.pdf"
    assert run(capsys, "print", "program", "--ceremony", str(PLANNED), "--out", str(plain), "--db", str(demo))[0] == 0
    assert run(capsys, "print", "program", "--booklet", "--ceremony", str(PLANNED), "--out", str(booklet),
               "--db", str(demo))[0] == 0
    with pdfplumber.open(plain) as p, pdfplumber.open(booklet) as b:
        half_pages, sheet_sides = len(p.pages), len(b.pages)
        assert b.pages[0].width > b.pages[0].height  # landscape letter sheets
    assert sheet_sides * 2 == half_pages + (-half_pages % 4)


def test_a_class_roster_and_its_course_certificates_print(demo: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = with_db(demo)
    class_id = int(db.execute("SELECT class_id FROM enrollments WHERE status IN ('Enrolled', 'Completed') "
                              "GROUP BY class_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0])
    roster = class_documents.class_roster(db, class_id)
    db.close()
    out = tmp_path / "roster.pdf"
    code, _stdout, _err = run(capsys, "print", "class-roster", "--class", str(class_id), "--out", str(out),
                              "--db", str(demo))
    assert code == 0
    text = "\n".join(texts(out))
    assert all(s.name in text for s in roster.students)
    assert "CUI" not in text
    code, stdout, _err = run(capsys, "print", "course-certificates", "--class", str(class_id), "--out", str(out),
                             "--db", str(demo))
    assert code == 0 and stdout.startswith(f"Wrote {len(roster.students)} page")
    assert "Certificate of Completion" in texts(out)[0]


def test_the_seating_chart_shows_every_seated_inductee_at_their_table(demo: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from imet_desktop.store.ceremonies import list_seating

    db = with_db(demo)
    seated = [p for p in list_seating(db, PLANNED) if p.kind == "inductee" and p.table_id is not None]
    student = dict(db.execute("SELECT id, student_id FROM ceremony_inductees WHERE ceremony_id = ?", [PLANNED]))
    names = {c.record: c.name_latin for c in ceremony_documents.ceremony_certificates(db, PLANNED)}
    db.close()
    assert len(seated) == 7  # the eight but Ukraine's, who is represented by his attaché
    out = tmp_path / "seating.pdf"
    code, _stdout, _err = run(capsys, "print", "seating-chart", "--ceremony", str(PLANNED), "--out", str(out),
                              "--db", str(demo))
    assert code == 0
    text = "\n".join(texts(out))
    for person in seated:
        name = names[f"Student {student[person.id]}"]
        assert f"{person.seat_number} {name}" in text, name
    assert "General, inductee, Thailand" in text
    assert "Colonel Oleh Savchenko" in text and "POLISHCHUK" not in text


def test_the_engraving_order_gives_each_inductees_schools(demo: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "engraving.pdf"
    code, _stdout, _err = run(capsys, "print", "engraving-order", "--ceremony", str(PLANNED), "--out", str(out),
                              "--db", str(demo))
    assert code == 0
    text = "\n".join(texts(out))
    for schools in ("ACSC 2001, AWC 2010", "ACSC 2003", "SOS 1998, ACSC 2005", "ACSC 2002, AWC 2011"):
        assert f"Schools {schools}" in text


def test_a_long_table_on_the_seating_chart_continues_over_pages(demo: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = with_db(demo)
    table_id = db.table("ceremony_tables").insert({"ceremony_id": PLANNED, "name": "Banquet", "capacity": 60,
                                                    "sort_order": 0}).last_rowid
    db.table("ceremony_guests").insert_all(
        {"ceremony_id": PLANNED, "name": f"Guest {n:02d} Nowak-Kowalska", "rsvp": "Accepted", "table_id": table_id,
         "seat_number": n} for n in range(1, 61))
    db.close()
    out = tmp_path / "seating.pdf"
    code, _stdout, _err = run(capsys, "print", "seating-chart", "--ceremony", str(PLANNED), "--out", str(out),
                              "--db", str(demo))
    assert code == 0
    pages = texts(out)
    assert len(pages) >= 3
    text = "\n".join(pages)
    assert all(f"Guest {n:02d} Nowak-Kowalska" in text for n in range(1, 61))
    assert "Banquet (continued)" in text


# --- refusals ---------------------------------------------------------------------------------------------

def test_a_name_no_font_can_draw_exits_1_with_the_list_and_writes_nothing(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = with_db(demo)
    sid = int(db.execute("SELECT student_id FROM ceremony_inductees WHERE ceremony_id = ? ORDER BY sort_order "
                         "LIMIT 1 OFFSET 2", [PLANNED]).fetchone()[0])
    db.execute("UPDATE students SET legal_family_name = 'Christodoulou\U00013000' WHERE id = ?", [sid])
    db.conn.commit()
    db.close()
    out = tmp_path / "certificates.pdf"
    out.write_bytes(b"the old file")
    code, stdout, err = run(capsys, "print", "certificates", "--ceremony", str(PLANNED), "--out", str(out),
                            "--db", str(demo))
    assert code == 1 and stdout == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert "nothing was written" in lines[0]
    assert lines[1] == "record\tfield\tname\tcharacter\tcode point"
    assert lines[2].split("\t") == [f"Student {sid}", "legal name", "Evangelos CHRISTODOULOU\U00013000", "\U00013000",
                                    "U+13000 EGYPTIAN HIEROGLYPH A001"]
    assert out.read_bytes() == b"the old file"
    assert not list(tmp_path.glob(".*.part"))


def test_a_missing_ceremony_or_class_is_one_line_and_exit_2(demo: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    code, _stdout, err = run(capsys, "print", "program", "--ceremony", "99", "--out", str(out), "--db", str(demo))
    assert code == 2
    assert "there is no ceremony with id 99" in one_error_line(err)
    code, _stdout, err = run(capsys, "print", "class-roster", "--class", "99999", "--out", str(out), "--db", str(demo))
    assert code == 2
    assert "there is no class with id 99999" in one_error_line(err)
    assert not out.exists()


def test_an_unknown_inductee_is_one_line_and_exit_2(demo: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, _stdout, err = run(capsys, "print", "certificates", "--ceremony", str(PLANNED), "--inductee", "999999",
                             "--out", str(tmp_path / "x.pdf"), "--db", str(demo))
    assert code == 2
    assert f"student 999999 is not an inductee of ceremony {PLANNED}" in one_error_line(err)


@pytest.mark.parametrize("where", ["missing folder", "folder"])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(where: str, demo: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nowhere" / "x.pdf" if where == "missing folder" else tmp_path
    code, stdout, err = run(capsys, "print", "certificates", "--ceremony", str(PLANNED), "--out", str(out),
                            "--db", str(demo))
    assert code == 2 and stdout == ""
    line = one_error_line(err)
    assert str(out) in line
    assert ("does not exist" if where == "missing folder" else "is a folder") in line


def test_a_ceremony_without_inductees_has_nothing_to_print(demo: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = with_db(demo)
    empty = db.table("ceremonies").insert({"title": "Next year", "status": "Planned"}).last_rowid
    db.close()
    out = tmp_path / "x.pdf"
    code, _stdout, err = run(capsys, "print", "certificates", "--ceremony", str(empty), "--out", str(out),
                             "--db", str(demo))
    assert code == 2
    assert f"nothing to print: ceremony {empty} has no inductees" in one_error_line(err)
    assert not out.exists()


def test_the_print_help_names_every_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["print", "--help"]) == 0
    out = capsys.readouterr().out
    for name in ("certificates", "program", "place-cards", "invitations", "mc-script", "engraving-order",
                 "seating-chart", "class-roster", "course-certificates"):
        assert name in out
    assert cli.main(["print", "program", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--booklet" in out and "--ceremony ID" in out and "--out FILE.pdf" in out and "--db PATH" in out
