"""The one list of printable documents, for the window's Print… entries and `imet-desktop print`.

Each ``DocumentKind`` says what it prints for (a ceremony, a class, honorees, enrollments), how its
data is read (ops.ceremony_documents / ops.class_documents, which read the store), which ReportLab
renderer draws it, what "nothing to print" means for it, and whether it holds personal data (CUI).
``prepare`` reads the data (quick queries, on the caller's connection) and returns a ``Prepared``
whose ``render(out, progress)`` only draws, so the window can draw on its PDF worker; ``write_pdf``
draws into a file through files.write_atomically (owner-only when the document holds personal data).

ReportLab is loaded only when a document is drawn: importing this module (the command line does, to
list the documents) loads neither ReportLab nor Qt.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from imet_desktop.domain.errors import UserError
from imet_desktop.domain.progress import Progress, no_progress
from imet_desktop.files import check_target, write_atomically

if TYPE_CHECKING:
    from sqlite_utils import Database  # only named: importing it costs every command ~0.2 s at start

    from imet_desktop.documents.data import SchoolInfo


class Scope(StrEnum):
    """What a document is printed for."""

    CEREMONY = "ceremony"
    CLASS = "class"
    HONOREES = "honorees"  # students on the Honor Roll, by id
    ENROLLMENTS = "enrollments"  # enrollments, by id


class NothingToPrint(UserError):
    """The document would be empty (ReportLab would write one blank page); str() says why."""


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """What narrows or changes a document: some records only, the booklet, personal data."""

    ids: tuple[int, ...] | None = None  # inductees' or students' ids, guests' ids, enrollments' ids
    booklet: bool = False
    include_personal: bool = False
    prepared_by: str = ""


@dataclass(frozen=True, slots=True)
class DocumentKind:
    """One printable document: how its data is read, how it is drawn, and when there is nothing to print."""

    key: str
    title: str
    scope: Scope
    summary: str  # one line, for menus and `imet-desktop print --help`
    read: Callable[[Database, int | None, PrintOptions], Any]
    draw: Callable[[Any, SchoolInfo, BinaryIO, Progress, PrintOptions], int]
    count: Callable[[Any], int] = len
    nothing: str = ""  # "has no inductees": the data is refused when empty; "" prints even when empty
    personal: Callable[[PrintOptions], bool] = lambda _options: False


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document whose data has been read: draw it with render(out, progress) (its page count)."""

    kind: DocumentKind
    title: str
    count: int  # records printed (certificates, cards, letters...); 1 for a single document
    personal: bool
    data: Any  # the documents' data (documents.data), as drawn
    render: Callable[[BinaryIO, Progress], int]
    warnings: tuple[str, ...] = ()  # what to check before printing (the pre-print check's warnings: none refuses)


# --- what each document reads and how it is drawn (imports inside: ReportLab loads only to draw) --------

def _ceremony_read(name: str) -> Callable[[Database, int | None, PrintOptions], Any]:
    def read(db: Database, subject: int | None, options: PrintOptions) -> Any:
        from imet_desktop.ops import ceremony_documents

        assert subject is not None
        reader = getattr(ceremony_documents, name)
        if name in ("ceremony_certificates", "invitations"):
            return reader(db, subject, None if options.ids is None else list(options.ids))
        return reader(db, subject)

    return read


def _draw_certificates(data: Any, school: SchoolInfo, out: BinaryIO, progress: Progress, _o: PrintOptions) -> int:
    from imet_desktop.documents.certificate import induction_certificates

    return induction_certificates(data, school, out, progress)


def _draw_program(data: Any, school: SchoolInfo, out: BinaryIO, progress: Progress, options: PrintOptions) -> int:
    from imet_desktop.documents.program import ceremony_program

    return ceremony_program(data, school, out, booklet=options.booklet, progress=progress)


def _ceremony_drawing(name: str, *, with_progress: bool = True
                      ) -> Callable[[Any, SchoolInfo, BinaryIO, Progress, PrintOptions], int]:
    def draw(data: Any, school: SchoolInfo, out: BinaryIO, progress: Progress, _options: PrintOptions) -> int:
        from imet_desktop.documents import ceremony

        renderer = getattr(ceremony, name)
        return int(renderer(data, school, out, progress) if with_progress else renderer(data, school, out))

    return draw


def _read_class_roster(db: Database, subject: int | None, options: PrintOptions) -> Any:
    from imet_desktop.ops.class_documents import class_roster

    assert subject is not None
    return class_roster(db, subject, include_personal=options.include_personal, prepared_by=options.prepared_by)


def _draw_class_roster(data: Any, school: SchoolInfo, out: BinaryIO, progress: Progress, _o: PrintOptions) -> int:
    from imet_desktop.documents.roster import class_roster

    return class_roster(data, school, out, progress)


def _read_course_certificates(db: Database, subject: int | None, options: PrintOptions) -> Any:
    from imet_desktop.ops.class_documents import course_certificates

    assert subject is not None
    return course_certificates(db, subject, None if options.ids is None else list(options.ids))


def _draw_course_certificates(data: Any, school: SchoolInfo, out: BinaryIO, progress: Progress,
                              _o: PrintOptions) -> int:
    from imet_desktop.documents.certificate import course_certificates

    return course_certificates(data, school, out, progress)


def _read_honorees(db: Database, _subject: int | None, options: PrintOptions) -> Any:
    from imet_desktop.ops.ceremony_documents import honoree_certificates

    return honoree_certificates(db, list(options.ids or ()))


def _read_academic_reports(db: Database, _subject: int | None, options: PrintOptions) -> Any:
    from imet_desktop.ops.class_documents import academic_report_data

    return [academic_report_data(db, i) for i in options.ids or ()]


def _draw_academic_reports(data: Any, school: SchoolInfo, out: BinaryIO, progress: Progress,
                           _o: PrintOptions) -> int:
    from imet_desktop.documents.academic_report import academic_reports

    return academic_reports(data, school, out, progress)


def _one(_data: Any) -> int:
    return 1


DOCUMENTS: dict[str, DocumentKind] = {k.key: k for k in (
    DocumentKind("certificates", "Induction certificates", Scope.CEREMONY,
                 "Honor Roll induction certificates, one page per inductee",
                 _ceremony_read("ceremony_certificates"), _draw_certificates, nothing="has no inductees"),
    DocumentKind("program", "Program", Scope.CEREMONY,
                 "the ceremony program: cover, order of events, biographies, the Honor Roll",
                 _ceremony_read("ceremony_program"), _draw_program, count=_one),
    DocumentKind("place-cards", "Place cards", Scope.CEREMONY,
                 "folded name tents for the inductees and the guests who accepted",
                 _ceremony_read("place_cards"), _ceremony_drawing("place_cards"),
                 nothing="has no inductees attending and no guest who accepted"),
    DocumentKind("invitations", "Invitations", Scope.CEREMONY, "invitation letters with an RSVP slip, one per guest",
                 _ceremony_read("invitations"), _ceremony_drawing("invitations"), nothing="has no guests"),
    DocumentKind("mc-script", "MC script", Scope.CEREMONY,
                 "the master of ceremonies' script with every inductee's pronunciation",
                 _ceremony_read("mc_script"), _ceremony_drawing("mc_script", with_progress=False), count=_one),
    DocumentKind("engraving-order", "Engraving order", Scope.CEREMONY, "the plaque engraving order for the engraver",
                 _ceremony_read("engraving_order"), _ceremony_drawing("engraving_order", with_progress=False),
                 count=lambda data: len(data.entries), nothing="has no inductees"),
    DocumentKind("seating-chart", "Seating chart", Scope.CEREMONY, "the seating chart: each table and who sits where",
                 _ceremony_read("seating_chart"), _ceremony_drawing("seating_chart"),
                 count=lambda data: len(data.tables), nothing="has no tables"),
    DocumentKind("class-roster", "Class roster", Scope.CLASS, "a class's roster of international students",
                 _read_class_roster, _draw_class_roster, count=_one,
                 personal=lambda options: options.include_personal),
    DocumentKind("course-certificates", "Completion certificates", Scope.CLASS,
                 "course completion certificates for a class", _read_course_certificates,
                 _draw_course_certificates, nothing="has no student who completed or is completing it"),
    DocumentKind("honoree-certificates", "Induction certificates", Scope.HONOREES,
                 "induction certificates reprinted from the Honor Roll", _read_honorees, _draw_certificates),
    DocumentKind("academic-reports", "Academic reports", Scope.ENROLLMENTS,
                 "academic reports (DD 2496), one page per enrollment", _read_academic_reports,
                 _draw_academic_reports),
)}


def kinds(scope: Scope) -> list[DocumentKind]:
    """The documents printed for one scope, in menu order."""
    return [k for k in DOCUMENTS.values() if k.scope is scope]


def prepare(db: Database, key: str, subject: int | None = None, options: PrintOptions = PrintOptions()) -> Prepared:
    """Read a document's data (and the school as printed); NothingToPrint when it would be empty.

    subject: the ceremony's or class's id (None for honorees and enrollments, named in options.ids).
    """
    from imet_desktop.ops.wording import school_info

    kind = DOCUMENTS[key]
    data = kind.read(db, subject, options)
    count = kind.count(data)
    if kind.nothing and count == 0:
        raise NothingToPrint(f"nothing to print: {kind.scope.value} {subject} {kind.nothing}")
    school = school_info(db)
    return Prepared(kind, kind.title, count, kind.personal(options), data,
                    lambda out, progress: kind.draw(data, school, out, progress, options),
                    country_warnings(db, kind, subject, options))


def country_warnings(db: Database, kind: DocumentKind, subject: int | None, options: PrintOptions) -> tuple[str, ...]:
    """The pre-print check's warnings on country names: a country the office added by hand and has not
    confirmed prints its names as they were typed (Settings ▸ Countries confirms them)."""
    from imet_desktop.store.countries import unconfirmed_countries
    from imet_desktop.store.printouts import printed_country_codes

    ids = options.ids or ()
    what = Scope.HONOREES.value if kind.scope is Scope.CEREMONY and ids else kind.scope.value  # some inductees
    codes = printed_country_codes(db, what, subject, ids)
    if kind.key == "program":  # the program prints the whole Honor Roll
        codes |= printed_country_codes(db, "honor roll")
    return tuple(f"{c.name} ({c.code}): {kind.title.lower()} would print “{c.formal_name}” or “{c.name}”, names "
                 "added by hand that the office has not confirmed (Settings ▸ Countries ▸ Confirm these names)"
                 for c in unconfirmed_countries(db, codes))


def render_pdf(prepared: Prepared, progress: Progress = no_progress) -> tuple[bytes, int]:
    """The document drawn in memory: (PDF bytes, page count)."""
    buffer = io.BytesIO()
    pages = prepared.render(buffer, progress)
    return buffer.getvalue(), pages


def write_pdf(prepared: Prepared, target: Path, progress: Progress = no_progress) -> int:
    """Draw the document into target, whole or not at all (owner-only when it holds personal data); its pages."""
    check_target(target)
    data, pages = render_pdf(prepared, progress)
    write_atomically(target, data, private=prepared.personal)
    return pages


def write_document(db_path: Path, key: str, subject: int | None, options: PrintOptions, target: Path,
                   progress: Progress = no_progress, *,
                   damaged: Callable[[str], None] | None = None) -> tuple[int, Prepared]:
    """Read a document from the database at db_path, draw it and write it to target; (pages, the document).

    Printing only reads: it works while a window holds the database (store.db.open_for_reading).
    The database is closed before drawing. The pre-print check's UndrawableTextError, NothingToPrint
    and files' FileWriteError go to the caller; target is then left as it was. The database's opening
    checks run beside the printing (ops.backups.ChecksMeanwhile); damage they find is told to damaged.
    """
    from imet_desktop.ops.backups import checks_meanwhile
    from imet_desktop.store.db import open_for_reading

    db = open_for_reading(db_path, defer_checks=True)
    checks = checks_meanwhile(db)
    try:
        try:
            prepared = prepare(db, key, subject, options)
        finally:
            db.close()  # before drawing: the lock is not held while the pages are made
        pages = write_pdf(prepared, target, progress)
    finally:
        if checks is not None:
            checks.finish()
    report = checks.damage_report() if checks is not None else ""
    if report and damaged is not None:
        damaged(report)
    return pages, prepared


def selected_title(title: str, ids: Sequence[int] | None, what: str) -> str:
    """'Induction certificates for 3 selected inductees' when some records were chosen, else the title."""
    if ids is None:
        return title
    return f"{title} for {len(ids)} selected {what}{'' if len(ids) == 1 else 's'}"
