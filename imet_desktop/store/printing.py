"""What the printed documents need, read from the database into the documents' dataclasses.

One function per document; each returns plain dataclasses (imet_desktop.documents.data), so the
GUI and the command line print the same thing. A missing ceremony, class or inductee raises
RecordNotFoundError. Names print in Latin letters as on the passport, the family name in capitals
(family name first where that is the custom: Korea, Viet Nam, Hungary...); ranks print as the US
equivalent when one is recorded, so an English document reads one way throughout.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from imet_desktop.documents.data import (
    CertificateData,
    ClassRosterData,
    CourseCertificateData,
    EngravingEntry,
    EngravingOrderData,
    HonorRollEntry,
    InducteeBio,
    InvitationData,
    McInductee,
    McScriptData,
    McScriptItem,
    PlaceCardData,
    ProgramData,
    ProgramEvent,
    RosterStudent,
    SchoolInfo,
    Seat,
    SeatingChartData,
    SeatingTable,
    SignatureBlock,
    format_date,
)
from imet_desktop.domain import eligibility
from imet_desktop.domain.names import printed_name
from imet_desktop.domain.records import CeremonyStatus, EnrollmentStatus, Rsvp
from imet_desktop.store.ceremonies import FOR_EACH_INDUCTEE, INDUCTEE_EVENTS, list_seating
from imet_desktop.store.errors import RecordNotFoundError
from imet_desktop.store.honor_roll import list_schools
from imet_desktop.store.settings import load_settings

# Checklist offsets used when a ceremony has no such task (days relative to the ceremony).
RSVP_DAYS_BEFORE = 21
ENGRAVING_DAYS_BEFORE = 30

# Enrollments that receive a course certificate or appear on the roster.
CERTIFICATE_STATUSES = (EnrollmentStatus.COMPLETED, EnrollmentStatus.ENROLLED)
ROSTER_STATUSES = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)


# --- small helpers ---------------------------------------------------------------------------------

def _date(value: object) -> dt.date | None:
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def printed_rank(country_rank: str, us_rank: str) -> str:
    """The rank an English document prints: the US equivalent when recorded, else the country's own."""
    return us_rank.strip() or country_rank.strip()


def formal_country(official_name: str, name: str) -> str:
    """A country's formal name as it reads in a sentence ('Korea, Republic of' -> 'Republic of Korea')."""
    text = official_name.strip() or name.strip()
    head, sep, tail = text.partition(", ")
    if sep and tail.split(" ")[-1] in {"of", "the"}:
        return f"{tail} {head}"
    return text


def _is_latin(text: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def _signature(text: str) -> SignatureBlock | None:
    """'Lieutenant General Dana R. Whitcombe, Commander, Air University' as a signature block."""
    name, _, title = text.strip().partition(", ")
    return SignatureBlock(name, "", title) if name else None


def school_info(db: Database) -> SchoolInfo:
    """The school as the office's settings describe it."""
    return SchoolInfo.from_settings(load_settings(db))


def _course_titles(db: Database) -> dict[str, str]:
    return {str(code).upper(): str(title) for code, title in db.execute("SELECT code, title FROM courses")}


def schools_text(raw: str, course_titles: dict[str, str]) -> str:
    """'SOS 1998; ACSC 2005' as 'Squadron Officer School, Class of 1998, and the Air Command and Staff College, ...'.

    Parts that are not 'CODE YEAR' of a known course are kept as written.
    """
    parts: list[str] = []
    for piece in (p.strip() for p in raw.replace(",", ";").split(";")):
        if not piece:
            continue
        code, _, year = piece.rpartition(" ")
        if code and year.isdigit() and code.upper() in course_titles:
            parts.append(f"{course_titles[code.upper()]}, Class of {year}")
        else:
            parts.append(piece)
    if len(parts) <= 1:
        return "".join(parts)
    return ", and the ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 2 else " and the ".join(parts)


# --- ceremonies --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Ceremony:
    id: int
    title: str
    date: dt.date | None
    time: str
    venue: str
    presiding_official: str
    host: str
    status: str

    @property
    def record(self) -> str:
        return f"Ceremony {self.id}"


@dataclass(frozen=True, slots=True)
class _Inductee:
    id: int
    student_id: int
    name: str  # printed_name
    native_name: str
    pronunciation: str
    rank: str
    country: str  # short name
    country_formal: str
    position: str
    schools: str  # expanded course titles
    school_codes: str  # 'ACSC 2001, AWC 2010', as a plaque line reads
    citation: str
    attending: bool
    representative: str  # "Colonel Oleh Savchenko, Air Attaché" or ""

    @property
    def record(self) -> str:
        return f"Student {self.student_id}"


def _ceremony(db: Database, ceremony_id: int) -> _Ceremony:
    row = db.execute("SELECT id, title, ceremony_date, ceremony_time, venue, presiding_official, host, status "
                     "FROM ceremonies WHERE id = ?", [ceremony_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no ceremony with id {ceremony_id}")
    return _Ceremony(int(row[0]), _text(row[1]), _date(row[2]), _text(row[3]), _text(row[4]), _text(row[5]),
                     _text(row[6]), _text(row[7]))


_INDUCTEES_SQL = """
SELECT i.id, i.student_id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''),
       s.native_name, s.pronunciation, s.country_rank, s.us_rank, coalesce(c.name, ''),
       coalesce(c.official_name, ''), i.position_title, i.citation, i.attending, i.representative_name,
       i.representative_title, coalesce(ind.schools_attended, ''), coalesce(ind.citation, '')
FROM ceremony_inductees i
JOIN students s ON s.id = i.student_id
LEFT JOIN countries c ON c.code = s.country_code
LEFT JOIN inductions ind ON ind.student_id = i.student_id
WHERE i.ceremony_id = ?
ORDER BY i.sort_order, i.id
"""


def _schools_attended(db: Database, student_id: int) -> str:
    """'SOS 1998; ACSC 2005': the courses completed in residence, from class records and recorded schools."""
    return eligibility.schools_text(s for s in list_schools(db, student_id) if s.in_residence)


def _inductees(db: Database, ceremony_id: int, student_ids: Sequence[int] | None = None) -> list[_Inductee]:
    rows = list(db.execute(_INDUCTEES_SQL, [ceremony_id]))
    if student_ids is not None:
        on_ceremony = {int(r[1]) for r in rows}
        missing = [sid for sid in student_ids if sid not in on_ceremony]
        if missing:
            raise RecordNotFoundError(
                f"student {', '.join(map(str, missing))} {'is' if len(missing) == 1 else 'are'} not "
                f"an inductee of ceremony {ceremony_id}")
        wanted = set(student_ids)
        rows = [r for r in rows if int(r[1]) in wanted]
    titles = _course_titles(db)
    result: list[_Inductee] = []
    for r in rows:
        sid = int(r[1])
        country_code = str(r[4])
        # a held ceremony's inductees print the Honor Roll's record, the others what the school knows now
        codes = str(r[16]) or _schools_attended(db, sid)
        representative = ", ".join(p for p in (_text(r[14]), _text(r[15])) if p)
        result.append(_Inductee(
            id=int(r[0]), student_id=sid, name=printed_name(str(r[2]), str(r[3]), country_code),
            native_name=_text(r[5]), pronunciation=_text(r[6]), rank=printed_rank(str(r[7]), str(r[8])),
            country=_text(r[9]), country_formal=formal_country(str(r[10]), str(r[9])), position=_text(r[11]),
            schools=schools_text(codes, titles), school_codes=codes.replace(";", ","),
            citation=_text(r[12]) or _text(r[17]), attending=bool(r[13]),
            representative=representative if _text(r[14]) else ""))
    return result


def native_line(native: str, name: str) -> str:
    """The native-script name to print under the legal one; '' when it only repeats the legal name."""
    native = native.strip()
    if native and _is_latin(native) and sorted(native.casefold().split()) == sorted(name.casefold().split()):
        return ""
    return native


def _native(inductee: _Inductee) -> str:
    return native_line(inductee.native_name, inductee.name)


def _ceremony_signatories(school: SchoolInfo, ceremony: _Ceremony) -> tuple[SignatureBlock, ...]:
    """The school's signatories; without any in settings, the ceremony's presiding official and host."""
    if school.signatories:
        return ()
    blocks = [b for b in (_signature(ceremony.presiding_official), _signature(ceremony.host)) if b]
    return tuple(blocks)


def ceremony_certificates(db: Database, ceremony_id: int,
                          student_ids: Sequence[int] | None = None) -> list[CertificateData]:
    """Induction certificates for a ceremony's inductees (all, or the given students), in program order."""
    ceremony = _ceremony(db, ceremony_id)
    school = school_info(db)
    signatories = _ceremony_signatories(school, ceremony)
    return [
        CertificateData(i.record, i.name, i.country_formal, ceremony.date, ceremony.venue,
                        name_native=_native(i), rank=i.rank, position=i.position, schools=i.schools,
                        signatories=signatories)
        for i in _inductees(db, ceremony_id, student_ids)
    ]


def honoree_certificates(db: Database, student_ids: Sequence[int]) -> list[CertificateData]:
    """Induction certificates reprinted from the Honor Roll for the given honorees, in the order given.

    The date and place are those of the honoree's ceremony when there is one, else the induction date.
    """
    if not student_ids:
        return []
    marks = ",".join("?" * len(student_ids))
    rows = {int(r[0]): r for r in db.execute(
        f"SELECT i.student_id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''), "
        f"s.native_name, s.country_rank, s.us_rank, coalesce(c.name, ''), coalesce(c.official_name, ''), "
        f"i.position_title, i.schools_attended, coalesce(ce.ceremony_date, i.induction_date), "
        f"coalesce(ce.venue, '') "
        f"FROM inductions i JOIN students s ON s.id = i.student_id "
        f"LEFT JOIN countries c ON c.code = s.country_code LEFT JOIN ceremonies ce ON ce.id = i.ceremony_id "
        f"WHERE i.student_id IN ({marks})", list(student_ids))}
    missing = [sid for sid in student_ids if sid not in rows]
    if missing:
        raise RecordNotFoundError(f"student {', '.join(map(str, missing))} is not on the Honor Roll")
    titles = _course_titles(db)
    certificates = []
    for sid in student_ids:
        r = rows[sid]
        name = printed_name(str(r[1]), str(r[2]), str(r[3]))
        certificates.append(CertificateData(
            f"Student {sid}", name, formal_country(str(r[8]), str(r[7])), _date(r[11]), _text(r[12]),
            name_native=native_line(_text(r[4]), name), rank=printed_rank(str(r[5]), str(r[6])),
            position=_text(r[9]), schools=schools_text(_text(r[10]) or _schools_attended(db, sid), titles)))
    return certificates


def _expanded_events(db: Database, ceremony: _Ceremony,
                     inductees: Sequence[_Inductee]) -> list[tuple[str, str, str, str, _Inductee | None]]:
    """(time, title, who, notes, inductee) for every step, the per-inductee steps expanded."""
    by_id = {i.id: i for i in inductees}
    steps: list[tuple[str, str, str, str, _Inductee | None]] = []
    for time, title, who, notes, inductee_id in db.execute(
            "SELECT start_time, title, who, notes, inductee_id FROM ceremony_events WHERE ceremony_id = ? "
            "ORDER BY sort_order, id", [ceremony.id]):
        if inductee_id is None and str(title).strip() == FOR_EACH_INDUCTEE:
            for each in inductees:
                steps.extend(("", step, each.name, "", each) for step in INDUCTEE_EVENTS)
            continue
        inductee = by_id.get(int(inductee_id)) if inductee_id is not None else None
        steps.append((_text(time), _text(title), inductee.name if inductee else _text(who), _text(notes), inductee))
    if steps and not any(s[0] for s in steps) and ceremony.time:
        first = steps[0]
        steps[0] = (ceremony.time, *first[1:])
    return steps


def _biography(db: Database, inductee: _Inductee) -> str:
    paragraphs: list[str] = []
    if inductee.citation:
        paragraphs.append(inductee.citation)
    positions = []
    for title, organisation, start, end in db.execute(
            "SELECT title, organisation, appointment_date, end_date FROM positions WHERE student_id = ? "
            "ORDER BY appointment_date IS NULL, appointment_date DESC, id DESC", [inductee.student_id]):
        where = _text(organisation)
        title_text = _text(title)
        label = title_text if not where or where in title_text else f"{title_text}, {where}"
        started, ended = _date(start), _date(end)
        if started and ended:
            label += f" ({started.year}–{ended.year})"
        elif started:
            label += f" (since {started:%B %Y})"
        positions.append(label)
    if positions:
        paragraphs.append("Positions held: " + "; ".join(positions) + ".")
    return "\n\n".join(paragraphs)


def _photos(db: Database, student_ids: Iterable[int]) -> dict[int, bytes]:
    ids = list(student_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {int(sid): bytes(image) for sid, image in db.execute(
        f"SELECT student_id, image FROM student_photos WHERE student_id IN ({marks})", ids)}


def honor_roll_entries(db: Database, extra_year: int | None = None,
                       extra: Sequence[_Inductee] = ()) -> tuple[HonorRollEntry, ...]:
    """Every honoree by year of induction; ``extra`` (a ceremony's inductees not yet inducted) under ``extra_year``."""
    entries: list[HonorRollEntry] = []
    inducted: set[int] = set()
    for sid, date, family, given, code, rank, us_rank, country, position in db.execute(
            "SELECT i.student_id, i.induction_date, s.legal_family_name, s.legal_given_names, "
            "coalesce(s.country_code, ''), s.country_rank, s.us_rank, coalesce(c.name, ''), i.position_title "
            "FROM inductions i JOIN students s ON s.id = i.student_id "
            "LEFT JOIN countries c ON c.code = s.country_code"):
        inducted.add(int(sid))
        day = _date(date)
        entries.append(HonorRollEntry(day.year if day else 0, _text(country), printed_name(family, given, code),
                                      _text(position), printed_rank(str(rank), str(us_rank))))
    if extra_year is not None:
        entries.extend(HonorRollEntry(extra_year, i.country, i.name, i.position, i.rank)
                       for i in extra if i.student_id not in inducted)
    return tuple(entries)


def ceremony_program(db: Database, ceremony_id: int) -> ProgramData:
    """The program: details, order of events (one entry per inductee), biographies with photos, the Honor Roll.

    The steps repeated for every inductee (citation, certificate, plaque) are named once, in an
    "Induction of the honorees" line; each inductee then has one line: rank and name, country,
    and who accepts for an inductee who is not attending.
    """
    ceremony = _ceremony(db, ceremony_id)
    inductees = _inductees(db, ceremony_id)
    events: list[ProgramEvent] = []
    steps = _expanded_events(db, ceremony, inductees)
    n = 0
    introduced = False
    while n < len(steps):
        time, title, who, _notes, inductee = steps[n]
        if inductee is None:
            events.append(ProgramEvent(title, time, who))
            n += 1
            continue
        group = [title]
        while n + 1 < len(steps) and steps[n + 1][4] is inductee:
            n += 1
            group.append(steps[n][1])
        n += 1
        if not introduced:
            introduced = True
            events.append(ProgramEvent("Induction of the honorees", time, _steps_sentence(group)))
            time = ""
        detail = inductee.country
        if not inductee.attending and inductee.representative:
            detail = f"{detail}; accepted by {inductee.representative}" if detail else \
                f"accepted by {inductee.representative}"
        events.append(ProgramEvent(" ".join(p for p in (inductee.rank, inductee.name) if p), time, detail))
    photos = _photos(db, (i.student_id for i in inductees))
    bios = tuple(
        InducteeBio(i.name, i.country, rank=i.rank, position=i.position, name_native=_native(i),
                    schools=i.schools, biography=_biography(db, i), photo=photos.get(i.student_id),
                    represented_by=i.representative if not i.attending else "")
        for i in inductees)
    year = ceremony.date.year if ceremony.date else None
    return ProgramData(
        ceremony.record, ceremony.title, ceremony.date, venue=ceremony.venue, ceremony_time=ceremony.time,
        presiding_official=ceremony.presiding_official, events=tuple(events), inductees=bios,
        honor_roll=honor_roll_entries(db, year, inductees if ceremony.status != CeremonyStatus.HELD else ()),
        back_cover_note=_back_cover_note(db, ceremony))


def _steps_sentence(steps: Sequence[str]) -> str:
    """['Citation read', 'Certificate presented'] -> 'Citation read and certificate presented, for each honoree'."""
    words = [steps[0]] + [s[:1].lower() + s[1:] for s in steps[1:]]
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"{text}, for each honoree in turn"


def _back_cover_note(db: Database, ceremony: _Ceremony) -> str:
    reception = db.execute("SELECT notes FROM ceremony_events WHERE ceremony_id = ? AND title LIKE 'Reception%' "
                           "ORDER BY sort_order DESC LIMIT 1", [ceremony.id]).fetchone()
    if reception is None:
        return ""
    return _text(reception[0]) or "Guests are invited to a reception following the ceremony."


_GUESTS_SQL = """
SELECT g.id, g.name, g.title, g.organisation, coalesce(c.name, ''), g.rsvp, g.invited_date
FROM ceremony_guests g
LEFT JOIN countries c ON c.code = g.country_code
WHERE g.ceremony_id = ?
ORDER BY g.precedence IS NULL, g.precedence, g.name COLLATE NOCASE, g.id
"""


def _guests(db: Database, ceremony_id: int) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in db.execute(_GUESTS_SQL, [ceremony_id])]


def place_cards(db: Database, ceremony_id: int) -> list[PlaceCardData]:
    """Name tents: the attending inductees, then every guest who accepted, by precedence."""
    _ceremony(db, ceremony_id)
    cards = [PlaceCardData(i.record, " ".join(p for p in (i.rank, i.name) if p), i.position, i.country)
             for i in _inductees(db, ceremony_id) if i.attending]
    for gid, name, title, _org, country, rsvp, _invited in _guests(db, ceremony_id):
        if rsvp == Rsvp.ACCEPTED:
            cards.append(PlaceCardData(f"Guest {gid}", _text(name), _text(title), _text(country)))
    return cards


def _task_offset(db: Database, ceremony_id: int, title: str, default: int) -> int:
    row = db.execute("SELECT due_offset_days FROM ceremony_tasks WHERE ceremony_id = ? AND title = ?",
                     [ceremony_id, title]).fetchone()
    return default if row is None else int(row[0])


def _same_person(guest_name: str, signer_name: str) -> bool:
    """Whether a guest is the signer: 'Colonel Miriam T. Okafor' is the signature block's 'Miriam T. Okafor'."""
    guest, signer = guest_name.casefold().split(), signer_name.casefold().split()
    return bool(signer) and guest[-len(signer):] == signer


def invitations(db: Database, ceremony_id: int, guest_ids: Sequence[int] | None = None,
                today: dt.date | None = None) -> list[InvitationData]:
    """Invitation letters for a ceremony's guests (all but the letters' signer, or the given ones), by precedence."""
    ceremony = _ceremony(db, ceremony_id)
    school = school_info(db)
    rsvp_by = None
    if ceremony.date:
        rsvp_by = ceremony.date + dt.timedelta(days=_task_offset(db, ceremony_id, "RSVPs closed", -RSVP_DAYS_BEFORE))
    signer = None if school.signatories else _signature(ceremony.host)
    contact = f"the {school.school_name}"
    guests = _guests(db, ceremony_id)
    if guest_ids is not None:
        missing = sorted(set(guest_ids) - {int(r[0]) for r in guests})
        if missing:
            raise RecordNotFoundError(f"guest {', '.join(map(str, missing))} is not invited to ceremony {ceremony_id}")
        guests = [r for r in guests if int(r[0]) in set(guest_ids)]
    else:
        # whoever signs the letters is not sent one
        signer_name = (signer or (school.signatories[0] if school.signatories else SignatureBlock(""))).name
        guests = [r for r in guests if not _same_person(_text(r[1]), signer_name)]
    letters = []
    for gid, name, title, organisation, _country, _rsvp, invited in guests:
        letters.append(InvitationData(
            f"Guest {gid}", _text(name), ceremony.title, ceremony.date, ceremony.time, ceremony.venue,
            guest_title=_text(title), guest_organisation=_text(organisation),
            letter_date=_date(invited) or today or dt.date.today(), rsvp_by=rsvp_by, rsvp_contact=contact,
            signer=signer))
    return letters


def mc_script(db: Database, ceremony_id: int) -> McScriptData:
    """The MC's script: every step in order; each inductee's name, pronunciation and citation at their first step."""
    ceremony = _ceremony(db, ceremony_id)
    inductees = _inductees(db, ceremony_id)
    introduced: set[int] = set()
    items: list[McScriptItem] = []
    for time, title, who, notes, inductee in _expanded_events(db, ceremony, inductees):
        block = None
        if inductee is not None and inductee.id not in introduced:
            introduced.add(inductee.id)
            block = McInductee(inductee.name, inductee.pronunciation, inductee.rank, inductee.country,
                               inductee.position, inductee.citation,
                               inductee.representative if not inductee.attending else "")
        items.append(McScriptItem(title, time, who, notes, block))
    return McScriptData(ceremony.record, ceremony.title, ceremony.date, ceremony.venue, tuple(items))


def engraving_order(db: Database, ceremony_id: int) -> EngravingOrderData:
    """The plaque engraving order: each inductee's name, rank, country, position and schools ('ACSC 2001, AWC 2010')."""
    ceremony = _ceremony(db, ceremony_id)
    school = school_info(db)
    needed_by = None
    if ceremony.date:
        needed_by = ceremony.date + dt.timedelta(
            days=_task_offset(db, ceremony_id, "Plaques engraved", -ENGRAVING_DAYS_BEFORE))
    year = f", {ceremony.date.year}" if ceremony.date else ""
    entries = tuple(EngravingEntry(i.name, i.country, i.rank, i.position, i.school_codes)
                    for i in _inductees(db, ceremony_id))
    return EngravingOrderData(
        ceremony.record, f"{school.honor_roll_title}{year}", ceremony.date, entries,
        ordered_by=f"{school.school_name}, {school.parent_organisation}", needed_by=needed_by,
        notes=f"For the {ceremony.title} on {format_date(ceremony.date)}." if ceremony.date else "")


def seating_chart(db: Database, ceremony_id: int) -> SeatingChartData:
    """The seating chart: each table in order, with the inductees and guests seated there by seat number.

    Everyone store.ceremonies.list_seating seats (attending inductees, guests who accepted); someone
    at a table without a seat number takes the first free seat there, after the numbered ones.
    """
    ceremony = _ceremony(db, ceremony_id)
    tables: dict[int, tuple[str, list[Seat]]] = {}
    capacity: dict[int, int] = {}
    for table_id, name, places in db.execute("SELECT id, name, capacity FROM ceremony_tables WHERE ceremony_id = ? "
                                             "ORDER BY sort_order, id", [ceremony_id]):
        tables[int(table_id)] = (str(name), [])
        capacity[int(table_id)] = int(places or 0)
    inductees = {i.id: i for i in _inductees(db, ceremony_id)}
    countries = {str(code): _text(name) for code, name in db.execute("SELECT code, name FROM countries")}
    for person in list_seating(db, ceremony_id):
        if person.table_id is None or person.table_id not in tables:
            continue
        number = person.seat_number or 0
        inductee = inductees.get(person.id) if person.kind == "inductee" else None
        if inductee is not None:
            # the name alone fits a column; "General, inductee, Thailand" below it (the position is on the
            # place card and in the program)
            seat = Seat(number, inductee.name, ", ".join(p for p in (inductee.rank, "inductee") if p),
                        inductee.country)
        else:
            seat = Seat(number, _text(person.name), _text(person.title),
                        countries.get(person.country_code, person.country_code))
        tables[person.table_id][1].append(seat)
    result = []
    for table_id, (name, seats) in tables.items():
        numbered = sorted((s for s in seats if s.number), key=lambda s: s.number)
        taken = {s.number for s in numbered}
        free = (n for n in range(1, len(seats) + len(taken) + 2) if n not in taken)
        unnumbered = [Seat(next(free), s.name, s.title, s.country) for s in seats if not s.number]
        result.append(SeatingTable(name, tuple(sorted(numbered + unnumbered, key=lambda s: s.number)),
                                   capacity[table_id]))
    return SeatingChartData(ceremony.record, ceremony.title, ceremony.date, ceremony.venue, tuple(result))


# --- classes ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Class:
    id: int
    designator: str
    course_title: str
    start: dt.date | None
    end: dt.date | None


def _class(db: Database, class_id: int) -> _Class:
    row = db.execute("SELECT cl.id, cl.designator, co.title, cl.start_date, cl.end_date FROM classes cl "
                     "JOIN courses co ON co.id = cl.course_id WHERE cl.id = ?", [class_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no class with id {class_id}")
    return _Class(int(row[0]), _text(row[1]), _text(row[2]), _date(row[3]), _date(row[4]))


_CLASS_STUDENTS_SQL = """
SELECT s.id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, ''), coalesce(c.name, ''),
       coalesce(c.official_name, ''), s.native_name, s.country_rank, s.us_rank, s.service,
       coalesce(sem.name, ''), s.ecl_score, s.arrival_date, s.email, s.date_of_birth, s.passport_number,
       s.passport_expiry, e.distinction, e.status
FROM enrollments e
JOIN students s ON s.id = e.student_id
LEFT JOIN countries c ON c.code = s.country_code
LEFT JOIN class_seminars sem ON sem.id = e.seminar_id
WHERE e.class_id = ? AND e.status IN ({statuses})
ORDER BY s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE, s.id
"""


def _class_students(db: Database, class_id: int, statuses: Sequence[str]) -> list[tuple[Any, ...]]:
    sql = _CLASS_STUDENTS_SQL.format(statuses=",".join("?" * len(statuses)))
    return [tuple(r) for r in db.execute(sql, [class_id, *statuses])]


def class_roster(db: Database, class_id: int, include_personal: bool = False,
                 prepared_by: str = "") -> ClassRosterData:
    """The class roster (enrolled and completed students by name); personal data only when asked for."""
    klass = _class(db, class_id)
    students = []
    for r in _class_students(db, class_id, ROSTER_STATUSES):
        students.append(RosterStudent(
            name=printed_name(str(r[1]), str(r[2]), str(r[3])), country=_text(r[4]),
            rank=printed_rank(str(r[7]), str(r[8])), service=_text(r[9]), seminar=_text(r[10]),
            ecl=None if r[11] is None else int(r[11]), arrival_date=_date(r[12]), email=_text(r[13]),
            date_of_birth=_date(r[14]) if include_personal else None,
            passport_number=_text(r[15]) if include_personal else "",
            passport_expiry=_date(r[16]) if include_personal else None))
    return ClassRosterData(f"Class {klass.id} ({klass.designator})", klass.course_title, klass.designator,
                           klass.start, klass.end, tuple(students), include_personal, prepared_by)


def course_certificates(db: Database, class_id: int,
                        student_ids: Sequence[int] | None = None) -> list[CourseCertificateData]:
    """Course completion certificates for a class's students who completed it or are finishing it."""
    klass = _class(db, class_id)
    rows = _class_students(db, class_id, CERTIFICATE_STATUSES)
    if student_ids is not None:
        wanted = set(student_ids)
        missing = sorted(wanted - {int(r[0]) for r in rows})
        if missing:
            raise RecordNotFoundError(f"student {', '.join(map(str, missing))} is not a graduate of class {class_id}")
        rows = [r for r in rows if int(r[0]) in wanted]
    certificates = []
    for r in rows:
        name = printed_name(str(r[1]), str(r[2]), str(r[3]))
        native = native_line(_text(r[6]), name)
        certificates.append(CourseCertificateData(
            f"Student {int(r[0])}", name, formal_country(str(r[5]), str(r[4])), klass.course_title,
            klass.designator, klass.start, klass.end, name_native=native, rank=printed_rank(str(r[7]), str(r[8])),
            distinction=_text(r[17])))
    return certificates
