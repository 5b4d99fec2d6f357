"""What each printed document needs, as plain frozen dataclasses (the store fills them; no SQL, no Qt).

Every document dataclass has a `record` label (how the clerk finds the row again, e.g.
"Inductee 12") and `texts()`: the (field, value) pairs the pre-print check looks at.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from imet_desktop.domain.records import OfficeSettings

PageSize = Literal["Letter", "A4"]
Text = tuple[str, str]  # (field label, value)


@functools.lru_cache(maxsize=1024)
def format_date(day: dt.date | None) -> str:
    """A date the way certificates print it: 14 May 2026 ('' for none); remembered (strftime costs ~0.1 ms,
    and a batch of certificates prints the ceremony's date on every page)."""
    return f"{day.day} {day:%B %Y}" if day else ""


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """One signature block: the signer's name, rank and title."""

    name: str
    rank: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class SchoolInfo:
    """The school as printed: names, Honor Roll title, signatories, seal and paper size."""

    school_name: str = "International Officer School"
    parent_organisation: str = "Air University"
    honor_roll_title: str = "International Honor Roll"
    location: str = "Maxwell Air Force Base, Alabama"
    signatories: tuple[SignatureBlock, ...] = ()
    seal_path: Path | None = None  # None: the bundled seal
    page_size: PageSize = "Letter"

    @classmethod
    def from_settings(cls, settings: OfficeSettings, location: str = "Maxwell Air Force Base, Alabama") -> SchoolInfo:
        """The school as the office's settings describe it."""
        size: PageSize = "A4" if settings.page_size.strip().upper() == "A4" else "Letter"
        return cls(
            school_name=settings.school_name,
            parent_organisation=settings.parent_organisation,
            honor_roll_title=settings.honor_roll_title,
            location=location,
            signatories=tuple(SignatureBlock(s.name, s.rank, s.title) for s in settings.signatories),
            seal_path=Path(settings.seal_image) if settings.seal_image else None,
            page_size=size,
        )

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "school name", self.school_name
        yield "parent organisation", self.parent_organisation
        yield "Honor Roll title", self.honor_roll_title
        yield "location", self.location
        for n, s in enumerate(self.signatories, 1):
            yield f"signatory {n} name", s.name
            yield f"signatory {n} rank", s.rank
            yield f"signatory {n} title", s.title


@dataclass(frozen=True, slots=True)
class CertificateData:
    """One Honor Roll induction certificate."""

    record: str
    name_latin: str  # the legal name as on the passport
    country: str
    ceremony_date: dt.date | None
    ceremony_place: str = ""
    name_native: str = ""
    rank: str = ""
    position: str = ""  # highest position reached
    schools: str = ""  # e.g. "Air Command and Staff College, Class of 1998"
    signatories: tuple[SignatureBlock, ...] = ()  # () means the school's

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "legal name", self.name_latin
        yield "native-script name", self.name_native
        yield "rank", self.rank
        yield "position", self.position
        yield "country", self.country
        yield "ceremony place", self.ceremony_place
        yield "schools", self.schools
        for n, s in enumerate(self.signatories, 1):
            yield f"signatory {n}", f"{s.name} {s.rank} {s.title}"


@dataclass(frozen=True, slots=True)
class CourseCertificateData:
    """One course completion certificate for a student of a class."""

    record: str
    name_latin: str
    country: str
    course_title: str
    class_designator: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    name_native: str = ""
    rank: str = ""
    distinction: str = ""  # e.g. "Distinguished Graduate"
    signatories: tuple[SignatureBlock, ...] = ()

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "legal name", self.name_latin
        yield "native-script name", self.name_native
        yield "rank", self.rank
        yield "country", self.country
        yield "course", self.course_title
        yield "class", self.class_designator
        yield "distinction", self.distinction
        for n, s in enumerate(self.signatories, 1):
            yield f"signatory {n}", f"{s.name} {s.rank} {s.title}"


@dataclass(frozen=True, slots=True)
class ProgramEvent:
    """One line of the order of events."""

    title: str
    time: str = ""
    who: str = ""


@dataclass(frozen=True, slots=True)
class InducteeBio:
    """An inductee's page in the program."""

    name_latin: str
    country: str
    rank: str = ""
    position: str = ""
    name_native: str = ""
    schools: str = ""
    biography: str = ""  # paragraphs separated by blank lines
    photo: bytes | None = None  # JPEG or PNG
    represented_by: str = ""  # who accepts on the inductee's behalf, if not attending


@dataclass(frozen=True, slots=True)
class HonorRollEntry:
    """One honoree on the full Honor Roll list."""

    year: int
    country: str
    name: str
    position: str = ""
    rank: str = ""


@dataclass(frozen=True, slots=True)
class ProgramData:
    """The ceremony program: cover, order of events, biographies, the Honor Roll, back cover."""

    record: str
    title: str
    ceremony_date: dt.date | None
    venue: str = ""
    ceremony_time: str = ""
    presiding_official: str = ""
    events: tuple[ProgramEvent, ...] = ()
    inductees: tuple[InducteeBio, ...] = ()
    honor_roll: tuple[HonorRollEntry, ...] = ()
    back_cover_note: str = ""  # e.g. "A reception follows in the Commons."

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "title", self.title
        yield "venue", self.venue
        yield "time", self.ceremony_time
        yield "presiding official", self.presiding_official
        yield "back cover note", self.back_cover_note
        for e in self.events:
            yield f"event {e.title!r}", f"{e.time} {e.title} {e.who}"
        for b in self.inductees:
            yield f"biography of {b.name_latin}", "\n".join(
                (b.name_latin, b.name_native, b.rank, b.position, b.country, b.schools, b.biography,
                 b.represented_by))
        for h in self.honor_roll:
            yield f"Honor Roll {h.year}", f"{h.name} {h.rank} {h.country} {h.position}"


@dataclass(frozen=True, slots=True)
class PlaceCardData:
    """A folded name tent: the name on both faces."""

    record: str
    name: str
    title: str = ""  # rank and/or position
    country: str = ""

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "name", self.name
        yield "title", self.title
        yield "country", self.country


@dataclass(frozen=True, slots=True)
class InvitationData:
    """One invitation letter to a guest, with an RSVP line."""

    record: str
    guest_name: str
    ceremony_title: str
    ceremony_date: dt.date | None
    ceremony_time: str = ""
    venue: str = ""
    guest_title: str = ""
    guest_organisation: str = ""
    salutation: str = ""  # e.g. "Dear General Nguyễn"; default "Dear <name>"
    letter_date: dt.date | None = None
    rsvp_by: dt.date | None = None
    rsvp_contact: str = ""  # e.g. "the International Officer School, (334) 555-0100, ios@example.mil"
    dress: str = ""
    signer: SignatureBlock | None = None  # None: the school's first signatory

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "guest name", self.guest_name
        yield "guest title", self.guest_title
        yield "guest organisation", self.guest_organisation
        yield "salutation", self.salutation
        yield "ceremony title", self.ceremony_title
        yield "time", self.ceremony_time
        yield "venue", self.venue
        yield "RSVP contact", self.rsvp_contact
        yield "dress", self.dress
        if self.signer:
            yield "signer", f"{self.signer.name} {self.signer.rank} {self.signer.title}"


@dataclass(frozen=True, slots=True)
class McInductee:
    """What the MC reads for one inductee."""

    name: str
    pronunciation: str = ""
    rank: str = ""
    country: str = ""
    position: str = ""
    citation: str = ""
    accepted_by: str = ""  # representative accepting for an inductee who is not attending


@dataclass(frozen=True, slots=True)
class McScriptItem:
    """One step of the ceremony as the MC reads it."""

    title: str
    time: str = ""
    who: str = ""
    script: str = ""  # words to say, if any
    inductee: McInductee | None = None


@dataclass(frozen=True, slots=True)
class McScriptData:
    """The master of ceremonies' script."""

    record: str
    title: str
    ceremony_date: dt.date | None
    venue: str = ""
    items: tuple[McScriptItem, ...] = ()

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "title", self.title
        yield "venue", self.venue
        for item in self.items:
            yield f"step {item.title!r}", f"{item.time} {item.title} {item.who}\n{item.script}"
            if item.inductee:
                i = item.inductee
                yield f"inductee {i.name!r}", "\n".join(
                    (i.name, i.pronunciation, i.rank, i.country, i.position, i.citation, i.accepted_by))


@dataclass(frozen=True, slots=True)
class EngravingEntry:
    """One line group on the Honor Roll plaque."""

    name: str
    country: str
    rank: str = ""
    position: str = ""
    schools: str = ""


@dataclass(frozen=True, slots=True)
class EngravingOrderData:
    """The plaque engraving order sent to the engraver."""

    record: str
    plaque: str  # which plaque, e.g. "International Honor Roll, panel 7"
    ceremony_date: dt.date | None
    entries: tuple[EngravingEntry, ...] = ()
    ordered_by: str = ""
    needed_by: dt.date | None = None
    notes: str = ""

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "plaque", self.plaque
        yield "ordered by", self.ordered_by
        yield "notes", self.notes
        for e in self.entries:
            yield f"entry {e.name!r}", f"{e.name} {e.rank} {e.country} {e.position} {e.schools}"


@dataclass(frozen=True, slots=True)
class Seat:
    """One seat at a table."""

    number: int
    name: str
    title: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class SeatingTable:
    """One table and who sits where."""

    name: str
    seats: tuple[Seat, ...] = ()
    capacity: int = 0  # seats around the table; 0: as many as are taken

    @property
    def places(self) -> int:
        """How many seats to draw around the table: its capacity, or more if more are numbered."""
        return max(self.capacity, len(self.seats), max((s.number for s in self.seats), default=0))


@dataclass(frozen=True, slots=True)
class SeatingChartData:
    """The seating chart for a ceremony or its reception."""

    record: str
    title: str
    ceremony_date: dt.date | None
    venue: str = ""
    tables: tuple[SeatingTable, ...] = ()

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "title", self.title
        yield "venue", self.venue
        for t in self.tables:
            yield f"table {t.name!r}", t.name
            for s in t.seats:
                yield f"table {t.name!r} seat {s.number}", f"{s.name} {s.title} {s.country}"


@dataclass(frozen=True, slots=True)
class RosterStudent:
    """One student's line on a class roster; the last three fields are personal data (CUI)."""

    name: str
    country: str
    rank: str = ""
    service: str = ""
    seminar: str = ""
    ecl: int | None = None
    arrival_date: dt.date | None = None
    email: str = ""
    date_of_birth: dt.date | None = None
    passport_number: str = ""
    passport_expiry: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ClassRosterData:
    """A class roster; with include_personal it carries personal data and is marked CUI."""

    record: str
    course_title: str
    class_designator: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    students: tuple[RosterStudent, ...] = ()
    include_personal: bool = False
    prepared_by: str = ""

    def texts(self) -> Iterator[Text]:
        """The printed values, for the pre-print check."""
        yield "course", self.course_title
        yield "class", self.class_designator
        yield "prepared by", self.prepared_by
        for s in self.students:
            yield f"student {s.name!r}", f"{s.name} {s.rank} {s.country} {s.service} {s.seminar} {s.email}"
            if self.include_personal:
                yield f"student {s.name!r} passport", s.passport_number
