"""A ceremony's documents' data: certificates, program, place cards, invitations, MC script, engraving, seating.

Reads the store's records (store.printouts, store.ceremonies) and words them into the documents'
plain dataclasses (documents.data), so the window and the command line print the same thing.
Names print as domain.names.printed_name says (family name in capitals, in the country's
order); ranks as the US equivalent when one is recorded, so an English document reads one way.
A missing ceremony or inductee raises RecordNotFoundError.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from imet_desktop.documents.data import (
    CertificateData,
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
    SchoolInfo,
    Seat,
    SeatingChartData,
    SeatingTable,
    SignatureBlock,
    format_date,
)
from imet_desktop.domain import eligibility
from imet_desktop.domain.names import printed_name
from imet_desktop.domain.records import CeremonyStatus, Rsvp
from imet_desktop.ops.wording import formal_country, native_line, printed_rank, school_info, schools_text, signature
from imet_desktop.store import printouts
from imet_desktop.store.errors import RecordNotFoundError
from imet_desktop.store.printouts import CeremonyFacts

# store.ceremonies (the ceremony tab's whole store, ~0.1 s to import) is imported by the program's and the
# seating chart's readers only: printing certificates does not need it.

# Checklist offsets used when a ceremony has no such task (days relative to the ceremony).
RSVP_DAYS_BEFORE = 21
ENGRAVING_DAYS_BEFORE = 30


def _record(ceremony: CeremonyFacts) -> str:
    return f"Ceremony {ceremony.id}"


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

    @property
    def native(self) -> str:
        """The native-script line under the printed name ('' when it repeats it)."""
        return native_line(self.native_name, self.name)


def _schools_attended(db: Database, student_ids: Sequence[int]) -> dict[int, str]:
    """student id -> 'SOS 1998; ACSC 2005': the courses completed in residence, from class records and recorded
    schools (read for all the students at once: a ceremony of 1,000 asked 2,000 queries one student at a time)."""
    found = printouts.schools_attended(db, student_ids)
    return {sid: eligibility.schools_text(s for s in found.get(sid, ()) if s.in_residence) for sid in student_ids}


def _inductees(db: Database, ceremony_id: int, student_ids: Sequence[int] | None = None) -> list[_Inductee]:
    rows = printouts.ceremony_inductees(db, ceremony_id)
    if student_ids is not None:
        on_ceremony = {r.student_id for r in rows}
        missing = [sid for sid in student_ids if sid not in on_ceremony]
        if missing:
            raise RecordNotFoundError(
                f"student {', '.join(map(str, missing))} {'is' if len(missing) == 1 else 'are'} not "
                f"an inductee of ceremony {ceremony_id}")
        wanted = set(student_ids)
        rows = [r for r in rows if r.student_id in wanted]
    titles = printouts.course_titles(db)
    # a held ceremony's inductees print the Honor Roll's record, the others what the school knows now
    attended = _schools_attended(db, [r.student_id for r in rows if not r.induction_schools])
    result: list[_Inductee] = []
    for r in rows:
        codes = r.induction_schools or attended[r.student_id]
        representative = ", ".join(p for p in (r.representative_name, r.representative_title) if p)
        result.append(_Inductee(
            id=r.id, student_id=r.student_id, name=printed_name(r.family_name, r.given_names, r.country_code),
            native_name=r.native_name, pronunciation=r.pronunciation, rank=printed_rank(r.country_rank, r.us_rank),
            country=r.country_name, country_formal=formal_country(r.country_official_name, r.country_name),
            position=r.position_title, schools=schools_text(codes, titles), school_codes=codes.replace(";", ","),
            citation=r.citation or r.induction_citation, attending=r.attending,
            representative=representative if r.representative_name else ""))
    return result


def _ceremony_signatories(school: SchoolInfo, ceremony: CeremonyFacts) -> tuple[SignatureBlock, ...]:
    """The school's signatories; without any in settings, the ceremony's presiding official and host."""
    if school.signatories:
        return ()
    return tuple(b for b in (signature(ceremony.presiding_official), signature(ceremony.host)) if b)


def ceremony_certificates(db: Database, ceremony_id: int,
                          student_ids: Sequence[int] | None = None) -> list[CertificateData]:
    """Induction certificates for a ceremony's inductees (all, or the given students), in program order."""
    ceremony = printouts.ceremony_facts(db, ceremony_id)
    signatories = _ceremony_signatories(school_info(db), ceremony)
    return [
        CertificateData(i.record, i.name, i.country_formal, ceremony.date, ceremony.venue,
                        name_native=i.native, rank=i.rank, position=i.position, schools=i.schools,
                        signatories=signatories)
        for i in _inductees(db, ceremony_id, student_ids)
    ]


def honoree_certificates(db: Database, student_ids: Sequence[int]) -> list[CertificateData]:
    """Induction certificates reprinted from the Honor Roll for the given honorees, in the order given.

    The date and place are those of the honoree's ceremony when there is one, else the induction date.
    """
    if not student_ids:
        return []
    rows = printouts.honoree_facts(db, student_ids)
    missing = [sid for sid in student_ids if sid not in rows]
    if missing:
        raise RecordNotFoundError(f"student {', '.join(map(str, missing))} is not on the Honor Roll")
    titles = printouts.course_titles(db)
    attended = _schools_attended(db, [sid for sid in student_ids if not rows[sid].schools_attended])
    certificates = []
    for sid in student_ids:
        r = rows[sid]
        name = printed_name(r.family_name, r.given_names, r.country_code)
        certificates.append(CertificateData(
            f"Student {sid}", name, formal_country(r.country_official_name, r.country_name), r.date, r.venue,
            name_native=native_line(r.native_name, name), rank=printed_rank(r.country_rank, r.us_rank),
            position=r.position_title, schools=schools_text(r.schools_attended or attended[sid],
                                                            titles)))
    return certificates


_Step = tuple[str, str, str, str, _Inductee | None]  # (time, title, who, notes, inductee)


def _expanded_events(db: Database, ceremony: CeremonyFacts, inductees: Sequence[_Inductee]) -> list[_Step]:
    """(time, title, who, notes, inductee) for every step, the per-inductee steps expanded."""
    from imet_desktop.store.ceremonies import FOR_EACH_INDUCTEE, INDUCTEE_EVENTS

    by_id = {i.id: i for i in inductees}
    steps: list[_Step] = []
    for line in printouts.event_lines(db, ceremony.id):
        if line.inductee_id is None and line.title == FOR_EACH_INDUCTEE:
            for each in inductees:
                steps.extend(("", step, each.name, "", each) for step in INDUCTEE_EVENTS)
            continue
        inductee = by_id.get(line.inductee_id) if line.inductee_id is not None else None
        steps.append((line.time, line.title, inductee.name if inductee else line.who, line.notes, inductee))
    if steps and not any(s[0] for s in steps) and ceremony.time:
        first = steps[0]
        steps[0] = (ceremony.time, *first[1:])
    return steps


def _biography(db: Database, inductee: _Inductee) -> str:
    paragraphs: list[str] = []
    if inductee.citation:
        paragraphs.append(inductee.citation)
    positions = []
    for held in printouts.positions_held(db, inductee.student_id):
        label = held.title if not held.organisation or held.organisation in held.title \
            else f"{held.title}, {held.organisation}"
        if held.start and held.end:
            label += f" ({held.start.year}–{held.end.year})"
        elif held.start:
            label += f" (since {held.start:%B %Y})"
        positions.append(label)
    if positions:
        paragraphs.append("Positions held: " + "; ".join(positions) + ".")
    return "\n\n".join(paragraphs)


def honor_roll_entries(db: Database, extra_year: int | None = None,
                       extra: Sequence[_Inductee] = ()) -> tuple[HonorRollEntry, ...]:
    """Every honoree by year of induction; ``extra`` (a ceremony's inductees not yet inducted) under ``extra_year``."""
    entries: list[HonorRollEntry] = []
    inducted: set[int] = set()
    for line in printouts.honor_roll_lines(db):
        inducted.add(line.student_id)
        entries.append(HonorRollEntry(line.induction_date.year if line.induction_date else 0, line.country_name,
                                      printed_name(line.family_name, line.given_names, line.country_code),
                                      line.position_title, printed_rank(line.country_rank, line.us_rank)))
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
    ceremony = printouts.ceremony_facts(db, ceremony_id)
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
    photos = printouts.photos_of(db, (i.student_id for i in inductees))
    bios = tuple(
        InducteeBio(i.name, i.country, rank=i.rank, position=i.position, name_native=i.native,
                    schools=i.schools, biography=_biography(db, i), photo=photos.get(i.student_id),
                    represented_by=i.representative if not i.attending else "")
        for i in inductees)
    year = ceremony.date.year if ceremony.date else None
    note = printouts.reception_note(db, ceremony_id)
    return ProgramData(
        _record(ceremony), ceremony.title, ceremony.date, venue=ceremony.venue, ceremony_time=ceremony.time,
        presiding_official=ceremony.presiding_official, events=tuple(events), inductees=bios,
        honor_roll=honor_roll_entries(db, year, inductees if ceremony.status != CeremonyStatus.HELD else ()),
        back_cover_note="" if note is None else note or "Guests are invited to a reception following the ceremony.")


def _steps_sentence(steps: Sequence[str]) -> str:
    """['Citation read', 'Certificate presented'] -> 'Citation read and certificate presented, for each honoree'."""
    words = [steps[0]] + [s[:1].lower() + s[1:] for s in steps[1:]]
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"{text}, for each honoree in turn"


def place_cards(db: Database, ceremony_id: int) -> list[PlaceCardData]:
    """Name tents: the attending inductees, then every guest who accepted, by precedence."""
    printouts.ceremony_facts(db, ceremony_id)
    cards = [PlaceCardData(i.record, " ".join(p for p in (i.rank, i.name) if p), i.position, i.country)
             for i in _inductees(db, ceremony_id) if i.attending]
    cards += [PlaceCardData(f"Guest {g.id}", g.name, g.title, g.country_name)
              for g in printouts.guest_facts(db, ceremony_id) if g.rsvp == Rsvp.ACCEPTED]
    return cards


def _days_before(db: Database, ceremony_id: int, task: str, default: int) -> int:
    offset = printouts.task_offset(db, ceremony_id, task)
    return -default if offset is None else offset


def _same_person(guest_name: str, signer_name: str) -> bool:
    """Whether a guest is the signer: 'Colonel Miriam T. Okafor' is the signature block's 'Miriam T. Okafor'."""
    guest, signer = guest_name.casefold().split(), signer_name.casefold().split()
    return bool(signer) and guest[-len(signer):] == signer


def invitations(db: Database, ceremony_id: int, guest_ids: Sequence[int] | None = None,
                today: dt.date | None = None) -> list[InvitationData]:
    """Invitation letters for a ceremony's guests (all but the letters' signer, or the given ones), by precedence."""
    ceremony = printouts.ceremony_facts(db, ceremony_id)
    school = school_info(db)
    rsvp_by = None
    if ceremony.date:
        rsvp_by = ceremony.date + dt.timedelta(days=_days_before(db, ceremony_id, "RSVPs closed", RSVP_DAYS_BEFORE))
    signer = None if school.signatories else signature(ceremony.host)
    contact = f"the {school.school_name}"
    guests = printouts.guest_facts(db, ceremony_id)
    if guest_ids is not None:
        missing = sorted(set(guest_ids) - {g.id for g in guests})
        if missing:
            raise RecordNotFoundError(f"guest {', '.join(map(str, missing))} is not invited to ceremony {ceremony_id}")
        guests = [g for g in guests if g.id in set(guest_ids)]
    else:
        # whoever signs the letters is not sent one
        signer_name = (signer or (school.signatories[0] if school.signatories else SignatureBlock(""))).name
        guests = [g for g in guests if not _same_person(g.name, signer_name)]
    return [InvitationData(
        f"Guest {g.id}", g.name, ceremony.title, ceremony.date, ceremony.time, ceremony.venue,
        guest_title=g.title, guest_organisation=g.organisation, letter_date=g.invited_date or today or dt.date.today(),
        rsvp_by=rsvp_by, rsvp_contact=contact, signer=signer) for g in guests]


def mc_script(db: Database, ceremony_id: int) -> McScriptData:
    """The MC's script: every step in order; each inductee's name, pronunciation and citation at their first step."""
    ceremony = printouts.ceremony_facts(db, ceremony_id)
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
    return McScriptData(_record(ceremony), ceremony.title, ceremony.date, ceremony.venue, tuple(items))


def engraving_order(db: Database, ceremony_id: int) -> EngravingOrderData:
    """The plaque engraving order: each inductee's name, rank, country, position and schools ('ACSC 2001, AWC 2010')."""
    ceremony = printouts.ceremony_facts(db, ceremony_id)
    school = school_info(db)
    needed_by = None
    if ceremony.date:
        needed_by = ceremony.date + dt.timedelta(
            days=_days_before(db, ceremony_id, "Plaques engraved", ENGRAVING_DAYS_BEFORE))
    year = f", {ceremony.date.year}" if ceremony.date else ""
    entries = tuple(EngravingEntry(i.name, i.country, i.rank, i.position, i.school_codes)
                    for i in _inductees(db, ceremony_id))
    return EngravingOrderData(
        _record(ceremony), f"{school.honor_roll_title}{year}", ceremony.date, entries,
        ordered_by=f"{school.school_name}, {school.parent_organisation}", needed_by=needed_by,
        notes=f"For the {ceremony.title} on {format_date(ceremony.date)}." if ceremony.date else "")


def seating_chart(db: Database, ceremony_id: int) -> SeatingChartData:
    """The seating chart: each table in order, with the inductees and guests seated there by seat number.

    Everyone store.ceremonies.list_seating seats (attending inductees, guests who accepted); someone
    at a table without a seat number takes the first free seat there, after the numbered ones.
    """
    from imet_desktop.store.ceremonies import list_seating, list_tables

    ceremony = printouts.ceremony_facts(db, ceremony_id)
    tables: dict[int, tuple[str, list[Seat]]] = {}
    capacity: dict[int, int] = {}
    for table in list_tables(db, ceremony_id):
        tables[table.id] = (table.name, [])
        capacity[table.id] = int(table.capacity or 0)
    inductees = {i.id: i for i in _inductees(db, ceremony_id)}
    countries = printouts.country_names(db)
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
            seat = Seat(number, person.name.strip(), person.title.strip(),
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
    return SeatingChartData(_record(ceremony), ceremony.title, ceremony.date, ceremony.venue, tuple(result))
