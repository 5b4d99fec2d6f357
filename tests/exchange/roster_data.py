"""A spreadsheet export of 40 students, names in a dozen scripts, five bad rows; written in every
form a clerk may receive it (encodings, delimiters, XLSX)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

HEADERS = ["Surname", "Given names", "Native name", "DOB", "Country", "Passport No", "WCN", "ECL", "Rank",
           "Service", "E-mail", "Arrival", "Sex", "Funding"]


@dataclass(frozen=True)
class Person:
    """One row of the export as typed, and the problem the plan must name for it (None: valid)."""

    family: str
    given: str
    native: str
    country: str
    dob: str = ""
    ecl: str = "85"
    arrival: str = "2026-06-05"
    passport: str = ""
    wcn: str = ""
    problem: tuple[str, str] | None = None  # (column header, value as shown)

    def cells(self) -> list[str]:
        """The row's cells in HEADERS order."""
        return [self.family, self.given, self.native, self.dob, self.country, self.passport, self.wcn, self.ecl,
                "Major", "Air Force", "", self.arrival, "", "IMET"]


_PEOPLE = [
    Person("Al-Harbi", "Faisal bin Abdullah", "فيصل بن عبدالله الحربي", "Saudi Arabia"),
    Person("العتيبي", "محمد", "محمد العتيبي", "Jordan"),
    Person("Нұрланов", "Асхат", "Нұрланов Асхат", "Kazakhstan"),
    Person("Petrović", "Marko", "Марко Петровић", "RS"),
    Person("Papadopoulos", "Georgios", "Γεώργιος Παπαδόπουλος", "Greece"),
    Person("Οικονόμου", "Δημήτρης", "", "Cyprus"),
    Person("Srisuk", "Somchai", "สมชาย ศรีสุข", "Thailand"),
    Person("ศรีสวัสดิ์", "ประยุทธ", "", "TH"),
    Person("Kim", "Min-jun", "김민준", "South Korea"),
    Person("박", "서연", "박서연", "KOR"),
    Person("Chen", "Wei-Ting", "陳偉廷", "Taiwan"),
    Person("王", "小明", "王小明", "Singapore"),
    Person("Sharma", "Rajesh Kumar", "राजेश कुमार शर्मा", "India"),
    Person("थापा", "बिक्रम", "", "Nepal"),
    Person("Cohen", "Avraham", "אברהם כהן", "Israel"),
    Person("לוי", "יעל", "", "IL"),
    Person("Nguyễn", "Văn Đức", "", "Vietnam"),
    Person("Trần", "Thị Hương", "", "Viet Nam"),
    # The same family name typed with combining accents (NFD): kept exactly so, never normalised.
    Person("Nguye\u0302\u0303n", "Thi\u0323 Lan", "", "VN"),
    Person("Kovács", "Győző Ödön", "", "Hungary"),
    Person("Çağlar", "Şükrü", "", "Türkiye"),
    Person("Wiśniewski", "Łukasz", "", "Poland"),
    Person("O'Brien", "Seán", "", "Ireland", arrival="31 FEB 2026", problem=("Arrival", "31 FEB 2026")),
    Person("D’Souza", "Anil", "", "India"),
    Person("Al-Sabah", "Nasser", "ناصر الصباح", "Kuwait"),
    Person("Smith-Jones", "Mary-Kate", "", "Atlantis", problem=("Country", "Atlantis")),
    Person("van der Berg", "Jan", "", "Netherlands"),
    Person("de la Cruz", "Juan Carlos", "", "Philippines", ecl="120", problem=("ECL", "120")),
    Person("dos Santos", "João Pedro", "", "Brazil"),
    Person("Sukarno", "", "", "Indonesia"),
    Person("Núñez", "José María", "", "Colombia"),
    Person("Ólafsdóttir", "Guðrún", "", "Iceland"),
    Person("Østergård", "Bjørn", "", "Norway"),
    Person("", "Ahmed", "", "Egypt", problem=("Surname", "")),
    Person("ბერიძე", "გიორგი", "", "Georgia"),
    Person("Պետրոսյան", "Արամ", "", "Armenia"),
    Person("Lefèvre", "Hélène", "", "France"),
    # Same passport as "van der Berg" above (row 28).
    Person("Müller", "Jürgen", "", "Germany", passport="P0000027", problem=("Passport No", "P0000027")),
    Person("Šimić", "Žarko", "", "Croatia"),
    Person("Tadesse", "Abebe", "አበበ ታደሰ", "Ethiopia"),
]

# Dates of birth in the forms exports carry them: ISO, '05 JUN 1985', '5-Jun-1985', and numeric
# day/month forms only where unambiguous (day above 12).
_DOB_FORMS = ["{iso}", "{dmy}", "{d}-{mon}-{y}", "{dd}/{mm}/{y}"]


def _dob(index: int) -> str:
    day = 13 + index % 15  # 13..27: the numeric form is never ambiguous
    date = dt.date(1975 + index % 20, 1 + index % 12, day)
    form = _DOB_FORMS[index % len(_DOB_FORMS)]
    return form.format(iso=date.isoformat(), dmy=date.strftime("%d %b %Y").upper(), d=date.day,
                       mon=date.strftime("%b"), y=date.year, dd=f"{date.day:02d}", mm=f"{date.month:02d}")


def dob_date(text: str) -> dt.date:
    """The date a DOB cell of this data means."""
    for fmt in ("%Y-%m-%d", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def people() -> list[Person]:
    """The 40 rows, each with its unique date of birth, passport and WCN (bar the deliberate duplicate)."""
    result = []
    for i, p in enumerate(_PEOPLE):
        passport = p.passport or f"P{i + 1:07d}"
        result.append(Person(p.family, p.given, p.native, p.country, _dob(i), p.ecl, p.arrival, passport,
                             f"WCN{i + 1:04d}", p.problem))
    return result


def cp1252_people() -> list[Person]:
    """Only the rows Windows-1252 can hold (accented Latin), bad rows included."""
    kept = []
    for p in people():
        try:
            "".join(p.cells()).encode("cp1252")
        except UnicodeEncodeError:
            continue
        kept.append(p)
    return kept


def expected_problems(rows: list[Person]) -> set[tuple[int, str, str]]:
    """(row number, column, value) of each problem, the header being row 1."""
    return {(i + 2, p.problem[0], p.problem[1]) for i, p in enumerate(rows) if p.problem}


def valid_people(rows: list[Person]) -> list[Person]:
    """The rows an import with skip_invalid brings in."""
    return [p for p in rows if p.problem is None]


def csv_text(rows: list[Person], delimiter: str = ",") -> str:
    """The rows as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for p in rows:
        writer.writerow(p.cells())
    return out.getvalue()


def write_csv(path: Path, rows: list[Person], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    """Write the rows as a CSV file in an encoding ('utf-8-sig', 'utf-16', 'cp1252'...)."""
    path.write_bytes(csv_text(rows, delimiter).encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[Person]) -> Path:
    """Write the rows as an Excel workbook; ISO dates of birth become real date cells."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for p in rows:
        cells: list[object] = list(p.cells())
        if len(p.dob) == 10 and p.dob[4] == "-":
            cells[3] = dt.datetime.fromisoformat(p.dob)
        cells[7] = int(p.ecl)
        sheet.append(cells)
    workbook.save(path)
    return path
