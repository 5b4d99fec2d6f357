"""Fictional sample data for every document: names in many scripts, for previews, tests and benchmarks."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

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
)

CEREMONY_DATE = dt.date(2026, 5, 14)
PLACE = "Maxwell Air Force Base, Alabama"

SCHOOL = SchoolInfo(
    signatories=(
        SignatureBlock("Jonathan R. Whitfield", "Colonel, USAF", "Commandant, International Officer School"),
        SignatureBlock("Margaret L. Okafor", "Lieutenant General, USAF", "Commander and President, Air University"),
        SignatureBlock("Daniel P. Reyes", "Chief Master Sergeant, USAF", "Senior Enlisted Leader"),
    )
)

# (legal name, native name, pronunciation, rank, position, country, school)
INDUCTEES: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("NGUYỄN Văn Đức", "Nguyễn Văn Đức", "NWEN vahn DUUK", "Lieutenant General",
     "Commander of the Air Defence – Air Force", "Socialist Republic of Viet Nam",
     "Air Command and Staff College, Class of 1998"),
    ("AL-SAUD, Mohammed bin Salman", "محمد بن سلمان آل سعود", "moh-HAM-med bin sal-MAAN aal sa-OOD", "General",
     "Chief of Staff of the Royal Saudi Air Force", "Kingdom of Saudi Arabia", "Air War College, Class of 2004"),
    ("BEN-DAVID, Amir", "אמיר בן־דוד", "ah-MEER ben dah-VEED", "Major General",
     "Commander of the Israeli Air Force", "State of Israel", "Air Command and Staff College, Class of 2001"),
    ("PINTHONG, Somchai", "สมชาย ปิ่นทอง", "SOM-chai PIN-tong", "Air Chief Marshal",
     "Commander-in-Chief of the Royal Thai Air Force", "Kingdom of Thailand", "Squadron Officer School, Class of 1992"),
    ("WANG Jianguo", "王建国", "WAHNG jyen-GWAW", "Major General", "Chief of Air Force", "Republic of Singapore",
     "Air War College, Class of 2006"),
    ("KIM Jung-ho", "김정호", "KIM jung-HO", "General", "Chief of Staff of the Republic of Korea Air Force",
     "Republic of Korea", "Air War College, Class of 2003"),
    ("SINGH, Rajesh Kumar", "राजेश कुमार सिंह", "rah-JESH koo-MAAR SING", "Air Chief Marshal",
     "Chief of the Air Staff, Indian Air Force", "Republic of India", "Air War College, Class of 2005"),
    ("IVANENKO, Oleksandr", "Олександр Іваненко", "o-lek-SANDR ee-vah-NEN-ko", "Lieutenant General",
     "Commander of the Air Force of the Armed Forces of Ukraine", "Ukraine",
     "Air Command and Staff College, Class of 2007"),
    ("PAPADOPOULOS, Georgios", "Γεώργιος Παπαδόπουλος", "yeh-OR-yee-os pah-pah-DOH-poo-los", "Lieutenant General",
     "Chief of the Hellenic Air Force General Staff", "Hellenic Republic", "Air War College, Class of 2008"),
    ("HASAN, Sheikh Mahmud", "শেখ মাহমুদ হাসান", "shaykh mah-MOOD HAH-shahn", "Air Chief Marshal",
     "Chief of Air Staff, Bangladesh Air Force", "People's Republic of Bangladesh", "Air War College, Class of 2009"),
    ("TANAKA Hiroshi", "田中 ひろし", "tah-NAH-kah hee-ROH-shee", "General",
     "Chief of Staff, Japan Air Self-Defense Force", "Japan", "Air War College, Class of 2002"),
    ("YILMAZ, Çağlar", "", "chah-LAHR yil-MAHZ", "General", "Commander of the Turkish Air Force",
     "Republic of Türkiye", "Air Command and Staff College, Class of 1999"),
    ("KOVÁCS, Győző Ödön", "", "JUR-zur UR-dern KO-vahch", "Major General", "Commander of the Hungarian Air Force",
     "Hungary", "Air War College, Class of 2010"),
    ("REZAEI, Kian", "کیان رضایی", "kee-AHN reh-zah-EE", "Brigadier General", "Commander of the Air Force",
     "Islamic Republic of Afghanistan (historic)", "Squadron Officer School, Class of 1994"),
    ("O'BRIEN, Seán", "", "shawn oh-BRY-en", "Brigadier General", "General Officer Commanding the Air Corps",
     "Ireland", "Air War College, Class of 2011"),
)

BIOGRAPHY = (
    "{rank} {name} entered the air force as a cadet and earned pilot wings four years later, flying "
    "fighter and transport aircraft in a career spanning more than three decades. He commanded a flying "
    "squadron, a wing and an air base, and served as defence attaché in two capitals.\n\n"
    "He is a graduate of the {school}, where he studied alongside officers from more than forty nations, "
    "and of his country's national defence college. He holds a master's degree in strategic studies.\n\n"
    "He was appointed {position} and, in that post, led the modernisation of his service's training, "
    "deepened cooperation with partner air forces and hosted several multinational exercises. "
    "He is married and has three children."
)


def certificates(count: int | None = None) -> list[CertificateData]:
    """Induction certificates for the sample inductees (repeated to `count` if given)."""
    items = [
        CertificateData(f"Inductee {n}", name, country, CEREMONY_DATE, PLACE, name_native=native, rank=rank,
                        position=position, schools=school)
        for n, (name, native, _say, rank, position, country, school) in enumerate(INDUCTEES, 1)
    ]
    if count is None:
        return items
    return [items[i % len(items)] for i in range(count)]


def course_certificates() -> list[CourseCertificateData]:
    """Course completion certificates for a sample class."""
    return [
        CourseCertificateData("Student 1", "DIALLO, Aminata", "Republic of Senegal", "Air Command and Staff College",
                              "ACSC AY2026, Seminar 14", dt.date(2025, 7, 28), dt.date(2026, 6, 5), rank="Major",
                              distinction="Distinguished Graduate"),
        CourseCertificateData("Student 2", "PETROVIĆ, Milan", "Republic of Serbia", "Air Command and Staff College",
                              "ACSC AY2026, Seminar 9", dt.date(2025, 7, 28), dt.date(2026, 6, 5),
                              name_native="Милан Петровић", rank="Major"),
    ]


def portrait_png(width: int = 120, height: int = 150, tint: tuple[int, int, int] = (70, 90, 140)) -> bytes:
    """A plain portrait placeholder (head and shoulders silhouette) as PNG bytes, made without Pillow."""
    rows = bytearray()
    cx, head_y, head_r = width / 2, height * 0.38, width * 0.2
    for y in range(height):
        rows.append(0)
        for x in range(width):
            shade = 225 - int(30 * y / height)
            colour = (shade, shade, shade + 8)
            in_head = (x - cx) ** 2 + (y - head_y) ** 2 <= head_r ** 2
            in_body = y > height * 0.62 and abs(x - cx) <= width * 0.42 * min(1.0, (y - height * 0.6) / (height * 0.16))
            if in_head or in_body:
                colour = tint
            rows.extend(colour)

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows))) + chunk(
        b"IEND", b"")


COUNTRIES = ("Argentina", "Australia", "Bangladesh", "Brazil", "Canada", "Chile", "Colombia", "Egypt", "France",
             "Germany", "Ghana", "Greece", "India", "Indonesia", "Italy", "Japan", "Jordan", "Kenya", "Korea",
             "Malaysia", "Mexico", "Morocco", "Netherlands", "Nigeria", "Norway", "Pakistan", "Peru", "Philippines",
             "Poland", "Portugal", "Saudi Arabia", "Senegal", "Singapore", "Spain", "Sweden", "Thailand", "Türkiye",
             "Ukraine", "United Kingdom", "Viet Nam")


def honor_roll(count: int) -> tuple[HonorRollEntry, ...]:
    """A long fictional Honor Roll (years from 1985), names drawn from the sample inductees."""
    entries = []
    for i in range(count):
        name, _native, _say, rank, position, _country, _school = INDUCTEES[i % len(INDUCTEES)]
        entries.append(HonorRollEntry(1985 + (i * 41) // max(count, 1), COUNTRIES[(i * 7) % len(COUNTRIES)],
                                      name, position, rank))
    return tuple(entries)


def program(honorees: int = 60, biographies: int | None = None) -> ProgramData:
    """A ceremony program with the sample inductees' biographies and a long Honor Roll."""
    chosen = INDUCTEES if biographies is None else tuple(INDUCTEES[i % len(INDUCTEES)] for i in range(biographies))
    bios = tuple(
        InducteeBio(name, country, rank, position, native, school,
                    BIOGRAPHY.format(rank=rank, name=name, school=school, position=position),
                    photo=portrait_png() if n % 3 != 2 else None,
                    represented_by="" if n % 4 != 3 else "Colonel Dimitrios Alexiou, Defence Attaché")
        for n, (name, native, _say, rank, position, country, school) in enumerate(chosen)
    )
    events = (
        ProgramEvent("Arrival of the Official Party", "1400"),
        ProgramEvent("Posting of the Colors", "1402", "Air University Honor Guard"),
        ProgramEvent("National Anthems", "1405", "Air Force Band of the South"),
        ProgramEvent("Invocation", "1410", "Chaplain (Major) Ruth A. Mensah"),
        ProgramEvent("Welcome Remarks", "1415", "Lieutenant General Margaret L. Okafor"),
        *(ProgramEvent(f"Induction of {rank} {name}", "", "Citation, certificate, unveiling of the plaque")
          for name, _n, _s, rank, _p, _c, _sc in chosen[:6]),
        ProgramEvent("Inductee Remarks", "1530", "On behalf of the inductees"),
        ProgramEvent("Closing Remarks and Benediction", "1545", "Colonel Jonathan R. Whitfield"),
        ProgramEvent("Retiring of the Colors", "1555", "Air University Honor Guard"),
        ProgramEvent("Reception", "1600", "Officers' Club ballroom"),
    )
    return ProgramData(
        "Ceremony 1", "Induction Ceremony, Class of 2026", CEREMONY_DATE, "Polifka Auditorium, Air University",
        "1400", "Lieutenant General Margaret L. Okafor", events, bios, honor_roll(honorees),
        "The International Officer School thanks the families, attachés and sponsors who joined us today.\n\n"
        "A reception follows in the Officers' Club ballroom.")


def place_cards() -> list[PlaceCardData]:
    """Name tents for the sample inductees."""
    return [PlaceCardData(f"Inductee {n}", f"{rank} {name}", position, country)
            for n, (name, _native, _s, rank, position, country, _sc) in enumerate(INDUCTEES, 1)]


def invitations() -> list[InvitationData]:
    """Invitation letters to a few sample guests."""
    guests = (("Colonel Lê Thị Hương", "Defence Attaché", "Embassy of Viet Nam, Washington, D.C.",
               "Dear Colonel Lê"),
              ("Brigadier General Faisal Al-Harbi", "Defence Attaché", "Royal Embassy of Saudi Arabia",
               "Dear General Al-Harbi"),
              ("Mr. Patrick O'Brien & Mrs. Siobhán O'Brien", "Sponsors", "Montgomery Committee of 100",
               "Dear Mr. and Mrs. O'Brien"))
    return [InvitationData(f"Guest {n}", name, "Induction Ceremony, Class of 2026", CEREMONY_DATE, "1400",
                           "Polifka Auditorium, Air University", title, org, salutation, dt.date(2026, 4, 1),
                           dt.date(2026, 5, 1), "the International Officer School protocol office, (334) 555-0142",
                           "Service dress or business attire")
            for n, (name, title, org, salutation) in enumerate(guests, 1)]


def mc_script() -> McScriptData:
    """The MC's script for the sample ceremony."""
    items: list[McScriptItem] = [
        McScriptItem("Arrival of the Official Party", "1400", "", "Ladies and gentlemen, please rise for the arrival "
                     "of the official party."),
        McScriptItem("Posting of the Colors", "1402", "Air University Honor Guard", "Please remain standing for the "
                     "posting of the colors and the national anthems."),
        McScriptItem("Welcome Remarks", "1415", "Lieutenant General Margaret L. Okafor",
                     "Please be seated. Ladies and gentlemen, the Commander and President of Air University."),
    ]
    for name, native, say, rank, position, country, _school in INDUCTEES[:8]:
        items.append(McScriptItem(f"Induction of {rank} {name}", "", "", "", McInductee(
            name, say, rank, country, position,
            f"For exceptional leadership as {position}, and for a lifetime of service to the "
            f"air force and people of {country}.",
            "" if native != "王建国" else "Colonel Tan Wei Ming, Defence Attaché")))
    items.append(McScriptItem("Closing Remarks and Benediction", "1545", "Colonel Jonathan R. Whitfield"))
    return McScriptData("Ceremony 1", "Induction Ceremony, Class of 2026", CEREMONY_DATE,
                        "Polifka Auditorium, Air University", tuple(items))


def engraving_order() -> EngravingOrderData:
    """The plaque engraving order for the sample inductees."""
    return EngravingOrderData(
        "Ceremony 1", "International Honor Roll, panel 7", CEREMONY_DATE,
        tuple(EngravingEntry(name, country, rank, position, school)
              for name, _n, _s, rank, position, country, school in INDUCTEES),
        "Jonathan R. Whitfield, Colonel, USAF", dt.date(2026, 5, 1),
        "Engrave names exactly as shown, with every accent. Capitals as shown.")


def seating_chart() -> SeatingChartData:
    """A seating chart: head table and two guest tables."""
    seats = [Seat(n, f"{rank} {name}", position, country)
             for n, (name, _nat, _s, rank, position, country, _sc) in enumerate(INDUCTEES[:8], 1)]
    return SeatingChartData("Ceremony 1", "Reception seating", CEREMONY_DATE, "Officers' Club ballroom", (
        SeatingTable("Head table", (Seat(1, "Lieutenant General Margaret L. Okafor", "Commander and President"),
                                    Seat(2, "Colonel Jonathan R. Whitfield", "Commandant"),
                                    *(Seat(n, s.name, s.title, s.country) for n, s in enumerate(seats[:4], 3)))),
        SeatingTable("Table 2", tuple(Seat(n, s.name, s.title, s.country) for n, s in enumerate(seats[4:], 1))),
        SeatingTable("Table 3", (Seat(1, "Colonel Lê Thị Hương", "Defence Attaché", "Viet Nam"),
                                 Seat(2, "Mr. Patrick O'Brien & Mrs. Siobhán O'Brien", "Sponsors"))),
    ))


def class_roster(include_personal: bool = True, students: int = 30) -> ClassRosterData:
    """A class roster with students from many countries (personal data optional)."""
    people = []
    for i in range(students):
        name, native, _s, rank, _p, country, _sc = INDUCTEES[i % len(INDUCTEES)]
        people.append(RosterStudent(name, country, "Major" if i % 2 else "Lieutenant Colonel", "Air Force",
                                    f"{1 + i % 16:02d}", 80 + i % 20, dt.date(2025, 7, 1 + i % 20),
                                    f"student{i + 1}@example.edu", dt.date(1985 + i % 7, 1 + i % 12, 1 + i % 28),
                                    f"P{1000000 + i * 7919}", dt.date(2030, 1 + i % 12, 15)))
    return ClassRosterData("Class roster", "Air Command and Staff College", "ACSC AY2026",
                           dt.date(2025, 7, 28), dt.date(2026, 6, 5), tuple(people), include_personal,
                           "International Officer School")
