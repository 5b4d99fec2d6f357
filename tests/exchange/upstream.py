"""Three differently shaped upstream exports, written the way their systems write them (names
fictional, many scripts): a SAN-like CSV, an SC-TMS-like workbook and an office's Excel template.

Each export knows what every column should become, so a test can check that every value arrived
exactly and that every column was either fed into a field or deliberately left out.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook


@dataclass(frozen=True)
class Officer:
    """One fictional officer as the upstream systems hold them."""

    family: str
    first: str
    middle: str
    native: str
    country: str  # ISO code, as the database stores it
    country_name: str  # as SC-TMS and the template write it
    rank: str
    us_rank: str
    pay_grade: str
    service: str
    dob: dt.date
    sex: str
    passport: str  # leading zeros matter
    wcn: str
    ito: str
    ecl: int
    report: dt.date
    remarks: str = ""

    @property
    def given(self) -> str:
        """First then middle names, as the import joins them."""
        return " ".join(p for p in (self.first, self.middle) if p)


OFFICERS: tuple[Officer, ...] = (
    Officer("KIM", "Min-jun", "", "김민준", "KR", "Korea, South", "Lieutenant Colonel", "Lt Col", "O-5",
            "Republic of Korea Air Force", dt.date(1984, 3, 14), "M", "M05123456", "KR7000101", "B7KR000101", 86,
            dt.date(2027, 6, 7), "Prefers \"Min\"; allergic to nuts"),
    Officer("WANG", "Xiao", "Ming", "王小明", "TW", "Taiwan", "Major", "Maj", "O-4", "ROC Air Force",
            dt.date(1987, 11, 2), "M", "0312345678", "TW7000102", "B7TW000102", 82, dt.date(2027, 6, 7)),
    Officer("NGUYỄN", "Văn", "Đức", "Nguyễn Văn Đức", "VN", "Vietnam", "Thiếu tá", "Maj", "O-4",
            "Vietnam People's Air Force", dt.date(1986, 1, 23), "M", "C0012345", "VN7000103", "B7VN000103", 80,
            dt.date(2027, 6, 14)),
    Officer("AL-HARBI", "Faisal", "bin Saad", "فيصل بن سعد الحربي", "SA", "Saudi Arabia", "Ra'id", "Maj", "O-4",
            "Royal Saudi Air Force", dt.date(1985, 7, 30), "M", "A0987654", "SA7000104", "B7SA000104", 90,
            dt.date(2027, 6, 14), "Family: spouse,\nthree children"),
    Officer("SRISUK", "Somchai", "", "สมชาย ศรีสุข", "TH", "Thailand", "Nawa Akat Tho", "Lt Col", "O-5",
            "Royal Thai Air Force", dt.date(1982, 9, 9), "M", "AA0012345", "TH7000105", "B7TH000105", 81,
            dt.date(2027, 6, 21)),
    Officer("KOVALENKO", "Oksana", "", "Оксана Коваленко", "UA", "Ukraine", "Maior", "Maj", "O-4",
            "Ukrainian Air Force", dt.date(1988, 4, 4), "F", "FA000123", "UA7000106", "B7UA000106", 88,
            dt.date(2027, 6, 21)),
    Officer("PAPADOPOULOS", "Georgios", "", "Γεώργιος Παπαδόπουλος", "GR", "Greece", "Episminagos", "Maj", "O-4",
            "Hellenic Air Force", dt.date(1985, 12, 31), "M", "AE0123456", "GR7000107", "B7GR000107", 93,
            dt.date(2027, 6, 28)),
    Officer("MÜLLER-LÜDENSCHEIDT", "Jörg", "", "", "DE", "Germany", "Oberstleutnant", "Lt Col", "O-5",
            "Luftwaffe", dt.date(1981, 2, 28), "M", "C01X00T47", "DE7000108", "B7DE000108", 95, dt.date(2027, 6, 28)),
    Officer("O'BRIEN", "Seán", "Pádraig", "", "IE", "Ireland", "Commandant", "Maj", "O-4", "Irish Air Corps",
            dt.date(1986, 8, 17), "M", "PA0012345", "IE7000109", "B7IE000109", 99, dt.date(2027, 7, 5)),
    Officer("YILDIZ", "Çağlar", "", "", "TR", "Türkiye", "Binbaşı", "Maj", "O-4", "Turkish Air Force",
            dt.date(1987, 5, 19), "M", "U00123456", "TR7000110", "B7TR000110", 84, dt.date(2027, 7, 5)),
    Officer("ØSTERGÅRD", "Mette", "", "", "DK", "Denmark", "Major", "Maj", "O-4", "Royal Danish Air Force",
            dt.date(1985, 10, 10), "F", "206123456", "DK7000111", "B7DK000111", 97, dt.date(2027, 7, 12)),
    Officer("SHARMA", "Arjun", "", "अर्जुन शर्मा", "IN", "India", "Wing Commander", "Lt Col", "O-5",
            "Indian Air Force", dt.date(1983, 1, 26), "M", "Z0123456", "IN7000112", "B7IN000112", 89,
            dt.date(2027, 7, 12)),
    Officer("BATBAYAR", "Ganbold", "", "Батбаярын Ганболд", "MN", "Mongolia", "Khoshuuch", "Maj", "O-4",
            "Mongolian Air Force", dt.date(1988, 7, 11), "M", "E0123456", "MN7000113", "B7MN000113", 80,
            dt.date(2027, 7, 19)),
    Officer("BERIDZE", "Giorgi", "", "გიორგი ბერიძე", "GE", "Georgia", "Mayori", "Maj", "O-4", "Georgian Air Force",
            dt.date(1987, 3, 3), "M", "09AB12345", "GE7000114", "B7GE000114", 83, dt.date(2027, 7, 19)),
    Officer("TESFAYE", "Abebe", "", "አበበ ተስፋዬ", "ET", "Ethiopia", "Shaleqa", "Maj", "O-4", "Ethiopian Air Force",
            dt.date(1984, 9, 11), "M", "EP0012345", "ET7000115", "B7ET000115", 80, dt.date(2027, 7, 26)),
    Officer("SUKARNO", "", "", "", "ID", "Indonesia", "Mayor", "Maj", "O-4", "Indonesian Air Force",
            dt.date(1986, 6, 6), "M", "B0123456", "ID7000116", "B7ID000116", 81, dt.date(2027, 7, 26),
            "One-word name"),
    Officer("van der BERG", "Jan", "Willem", "", "NL", "Netherlands", "Majoor", "Maj", "O-4",
            "Royal Netherlands Air and Space Force", dt.date(1985, 4, 27), "M", "NW0K12345", "NL7000117",
            "B7NL000117", 98, dt.date(2027, 8, 2)),
    Officer("HORVÁTH", "Győző", "Ödön", "", "HU", "Hungary", "Őrnagy", "Maj", "O-4", "Hungarian Air Force",
            dt.date(1987, 10, 23), "M", "BE0012345", "HU7000118", "B7HU000118", 87, dt.date(2027, 8, 2)),
)


def _dmy(day: dt.date) -> str:
    """05 JUN 1985, as SAN prints dates."""
    return day.strftime("%d %b %Y").upper()


# --- SAN-like: CSV, UTF-8 with BOM, CRLF, capital headers, names in one first/middle column -------------

SAN_HEADERS = ("LAST NAME", "FIRST/MIDDLE NAMES", "NAME (NATIVE SCRIPT)", "COUNTRY", "RANK", "US EQUIV RANK",
               "SERVICE", "DOB", "SEX", "ITO NO.", "WCN", "ECL", "PASSPORT NO.", "VISA TYPE", "FUNDING",
               "REPORT DATE", "REMARKS", "LAST UPDATED")
# The column no student field holds: the clerk leaves it out with --map "LAST UPDATED=ignore".
SAN_IGNORED = ("LAST UPDATED",)


def write_san_csv(path: Path) -> Path:
    """The SAN-like export."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(SAN_HEADERS)
        for o in OFFICERS:
            writer.writerow([o.family, o.given, o.native, o.country, o.rank, o.us_rank, o.service, _dmy(o.dob),
                             o.sex, o.ito, o.wcn, o.ecl, o.passport, "A-2", "IMET", _dmy(o.report), o.remarks,
                             "2026-11-30T08:15:00Z"])
    return path


# --- SC-TMS-like: XLSX with real date and number cells, first and middle names apart -----------------

SCTMS_HEADERS = ("Student Last Name", "Student First Name", "Student Middle Name", "Name in Own Script",
                 "Country of Citizenship", "Grade/Rank", "US Equivalent Rank", "Pay Grade", "Branch of Service",
                 "Date of Birth", "Work Control No.", "English Comprehension Level (ECL)", "ITO Number",
                 "FMS Case Designator", "Funding Source", "Report NLT", "Passport Number", "Student Status",
                 "Record Locator")
SCTMS_IGNORED = ("Record Locator",)


def write_sctms_xlsx(path: Path) -> Path:
    """The SC-TMS-like export."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Students"
    sheet.append(SCTMS_HEADERS)
    for n, o in enumerate(OFFICERS, start=1):
        sheet.append([o.family, o.first, o.middle, o.native, o.country_name, o.rank, o.us_rank, o.pay_grade,
                      o.service, o.dob, o.wcn, o.ecl, o.ito, f"{o.country}-D-QAA", "FMS", o.report, o.passport,
                      "Projected", f"RL-{n:06d}"])
    for row in sheet.iter_rows(min_row=2):
        for cell in (row[9], row[15]):
            cell.number_format = "dd-mmm-yyyy"
        row[16].number_format = "@"  # text: leading zeros stay
    workbook.save(path)
    return path


# --- an office's Excel template: a title above the header, the names apart, text dates ----------------

TEMPLATE_TITLE = "IOS projected international students, FY2027 (fictional names)"
TEMPLATE_HEADERS = ("Surname", "Given Name(s)", "Middle Name(s)", "Native Name", "Preferred Name", "Gender",
                    "Date of birth (DD MMM YYYY)", "Nationality", "Rank (home country)", "Passport #",
                    "Passport Expiry", "E-mail", "Mobile Number", "ECL Score", "Arrival Date", "Notes",
                    "Age on arrival")
TEMPLATE_IGNORED = ("Age on arrival",)


def write_template_xlsx(path: Path) -> Path:
    """The office's own template, filled in by hand."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Projected"
    sheet.append([TEMPLATE_TITLE])
    sheet.append([])
    sheet.append(TEMPLATE_HEADERS)
    for o in OFFICERS:
        local = o.first.casefold().replace("ç", "c").replace("ő", "o").replace("é", "e") or "user"
        sheet.append([o.family, o.first, o.middle, o.native, o.first.split("-")[0] if o.first else "",
                      "Female" if o.sex == "F" else "Male", _dmy(o.dob).title(), o.country_name, o.rank, o.passport,
                      dt.date(2031, 1, 31), f"{local.encode('ascii', 'ignore').decode() or 'user'}@mail.example",
                      f"+1 334-555-{o.ecl:04d}", o.ecl, o.report.isoformat(), o.remarks,
                      (o.report - o.dob).days // 365])
    for row in sheet.iter_rows(min_row=4):
        row[9].number_format = "@"
        row[10].number_format = "yyyy-mm-dd"
    workbook.save(path)
    return path
