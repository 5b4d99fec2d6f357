"""Which student field each column of an import file feeds: guessed from the header, overridable,
and kept as JSON so the office's usual spreadsheet maps itself next time."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from imet_desktop.domain.validation import STUDENT_FIELD_LABELS
from imet_desktop.exchange.errors import MappingError

# Field that several columns may feed together (first, then middle names), joined by a space.
GIVEN_NAMES = "legal_given_names"
# Words an override may use to say "do not import this column".
IGNORE_WORDS = frozenset({"", "-", "ignore", "skip", "none"})

# Common spellings of each field's header; compared after normalise_header(), so case, spaces and
# punctuation do not matter ("LAST_NAME", "Last name" and "last-name" are one spelling).
# The field's key and its label in STUDENT_FIELD_LABELS are always recognised too.
FIELD_SPELLINGS: dict[str, tuple[str, ...]] = {
    "legal_family_name": ("surname", "surnames", "last name", "last names", "last", "family name",
                          "family names", "family", "legal surname", "name last", "apellidos", "nom"),
    "legal_given_names": ("first", "first name", "first names", "given", "given name", "given names",
                          "forename", "forenames", "legal first name", "name first", "christian name",
                          "middle", "middle name", "middle names", "middle initial", "second name",
                          "prenom", "nombres"),
    "display_name": ("display name", "preferred name", "known as", "nickname", "goes by", "name to use"),
    "native_name": ("native name", "native script", "native script name", "name in native script",
                    "local name", "name native", "native"),
    "pronunciation": ("pronunciation", "phonetic", "phonetic name", "pronounced"),
    "sex": ("sex", "gender", "m f", "mf"),
    "date_of_birth": ("dob", "d o b", "date of birth", "birth date", "birthdate", "born", "birthday"),
    "place_of_birth": ("pob", "place of birth", "birth place", "birthplace", "city of birth"),
    "country_code": ("country", "nation", "country code", "country name", "nationality", "ctry", "cc",
                     "iso country", "home country"),
    "service": ("service", "branch", "service branch", "military service", "armed service"),
    "country_rank": ("rank", "country rank", "host nation rank", "home rank", "rank country"),
    "us_rank": ("us rank", "us equivalent rank", "equivalent rank", "us equiv rank", "usrank"),
    "pay_grade": ("pay grade", "paygrade", "grade", "us pay grade", "us grade"),
    "service_number": ("service number", "service no", "service nr", "military id", "military number"),
    "passport_number": ("passport", "passport no", "passport number", "passport nr", "passport num",
                        "passport id", "passport #"),
    "passport_expiry": ("passport expiry", "passport expiration", "passport expires", "passport exp",
                        "passport expiry date", "passport expiration date", "passport valid until"),
    "visa_type": ("visa type", "visa class", "visa category"),
    "visa_number": ("visa number", "visa no", "visa nr", "visa", "visa #"),
    "email": ("email", "e mail", "email address", "e mail address", "mail"),
    "phone": ("phone", "telephone", "phone number", "tel", "mobile", "cell", "cell phone"),
    "funding_program": ("funding", "funding program", "funding programme", "funding source", "program",
                        "programme", "source of funds", "fund"),
    "fms_case_id": ("fms case", "fms case id", "case", "case id", "fms case number"),
    "ito_number": ("ito", "ito no", "ito number", "ito nr", "ito num", "ito #", "invitational travel order",
                   "ito id"),
    "wcn": ("wcn", "work control number", "wcn no", "wcn number"),
    "ecl_score": ("ecl", "ecl score", "ecl level", "english comprehension level", "ecl test"),
    "arrival_date": ("arrival", "arrival date", "report date", "reporting date", "date of arrival",
                     "arrived", "date arrived", "report", "reporting"),
    "arrival_airport": ("arrival airport", "airport", "port of entry", "arriving airport"),
    "departure_date": ("departure", "departure date", "date of departure", "departed"),
    "status": ("status", "student status"),
    "sponsor": ("sponsor", "sponsor name"),
    "dependents": ("dependents", "dependants", "family members"),
    "notes": ("notes", "note", "remarks", "comments", "comment"),
}


def normalise_header(text: str) -> str:
    """A header reduced for matching: case, accents, spaces and punctuation removed ('#' kept)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() or ch == "#")


def _spelling_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, label in STUDENT_FIELD_LABELS.items():
        index.setdefault(normalise_header(name), name)
        index.setdefault(normalise_header(label), name)
    for name, spellings in FIELD_SPELLINGS.items():
        for spelling in spellings:
            index.setdefault(normalise_header(spelling), name)
    return index


_INDEX = _spelling_index()


def guess_field(header: str) -> str | None:
    """The student field a header most likely means, or None when it is not recognised."""
    key = normalise_header(header)
    if key in _INDEX:
        return _INDEX[key]
    # "Passport No." and "ITO #" normalise to "passportno" and "ito#"; also try without a trailing
    # number word, so "WCN number" and "ECL #" are found.
    for suffix in ("#", "number", "no", "nr", "num"):
        if key.endswith(suffix) and key[: -len(suffix)] in _INDEX:
            return _INDEX[key[: -len(suffix)]]
    return None


def is_middle_names(header: str) -> bool:
    """Whether a given-names column holds middle names (they follow the first names when joined)."""
    key = normalise_header(header)
    return "middle" in key or key in {"secondname", "secondnames"}


def resolve_field(text: str) -> str | None:
    """A field named by its key, its label or a common spelling; None for 'ignore'; KeyError if unknown."""
    if text.strip().casefold() in IGNORE_WORDS:
        return None
    if text.strip() in STUDENT_FIELD_LABELS:
        return text.strip()
    found = guess_field(text)
    if found is None:
        raise KeyError(text)
    return found


@dataclass(frozen=True)
class ColumnMapping:
    """File header -> student field key (None: the column is not imported), in the file's order."""

    columns: dict[str, str | None] = field(default_factory=dict)

    def field_for(self, header: str) -> str | None:
        """The field a column feeds, or None."""
        return self.columns.get(header)

    def headers_for(self, name: str) -> list[str]:
        """The columns feeding a field, in joining order (middle names after first names)."""
        headers = [h for h, f in self.columns.items() if f == name]
        if name == GIVEN_NAMES:
            headers.sort(key=is_middle_names)  # stable: file order within first and middle names
        return headers

    @property
    def mapped_fields(self) -> list[str]:
        """Every field some column feeds, in the order of STUDENT_FIELD_LABELS."""
        used = set(self.columns.values())
        return [name for name in STUDENT_FIELD_LABELS if name in used]

    @property
    def ignored_headers(self) -> list[str]:
        """Columns that are not imported."""
        return [h for h, f in self.columns.items() if f is None]

    def problems(self) -> list[str]:
        """Why this mapping cannot be used for an import; empty when it can."""
        problems: list[str] = []
        for header, name in self.columns.items():
            if name is not None and name not in STUDENT_FIELD_LABELS:
                problems.append(f"column {header!r} is mapped to {name!r}, which is not a student field")
        for name in self.mapped_fields:
            headers = self.headers_for(name)
            if len(headers) > 1 and name != GIVEN_NAMES:
                problems.append(f"{STUDENT_FIELD_LABELS[name]} is fed by several columns ("
                                + ", ".join(repr(h) for h in headers) + "); choose one")
        if "legal_family_name" not in self.columns.values():
            problems.append("no column is mapped to Legal family name (Surname)")
        return problems

    def with_field(self, header: str, name: str | None) -> ColumnMapping:
        """A copy in which one column feeds another field (or none)."""
        if header not in self.columns:
            raise MappingError([f"the file has no column {header!r}"])
        return ColumnMapping({**self.columns, header: name})

    def to_json(self) -> str:
        """The mapping as a JSON object (header -> field or null), to be remembered."""
        return json.dumps(self.columns, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        """A mapping read back from to_json(); MappingError if the text is not one."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise MappingError([f"the remembered mapping is not valid JSON ({e})"]) from None
        if not isinstance(data, dict) or not all(
                isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in data.items()):
            raise MappingError(["the remembered mapping is not a header -> field object"])
        return cls(dict(data))


def auto_map(headers: Sequence[str], remembered: ColumnMapping | Mapping[str, str | None] | None = None
             ) -> ColumnMapping:
    """Map each header: the remembered choice for that exact header first, else a guess.

    When several headers guess the same field, the first one gets it and the others are left
    unmapped (several first/middle-name columns all feed the given names).
    """
    known = remembered.columns if isinstance(remembered, ColumnMapping) else dict(remembered or {})
    columns: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        choice = known[header] if header in known else guess_field(header)
        if choice is not None and (choice not in STUDENT_FIELD_LABELS or (choice in taken and choice != GIVEN_NAMES)):
            choice = None
        columns[header] = choice
        if choice is not None:
            taken.add(choice)
    return ColumnMapping(columns)


def parse_override(text: str) -> tuple[str, str | None]:
    """'Header=field' as (header, field key or None); the field may be a key, a label or a spelling."""
    if "=" not in text:
        raise MappingError([f"{text!r} is not of the form Header=field"])
    header, _, name = text.rpartition("=")
    try:
        return header.strip(), resolve_field(name)
    except KeyError:
        raise MappingError([f"{name.strip()!r} in {text!r} is not a student field (use one of: "
                            + ", ".join(STUDENT_FIELD_LABELS) + ", or 'ignore')"]) from None


def apply_overrides(mapping: ColumnMapping, overrides: Iterable[str]) -> ColumnMapping:
    """The mapping with each 'Header=field' override applied; a header is matched exactly, else
    ignoring case, spaces and punctuation."""
    columns = dict(mapping.columns)
    problems: list[str] = []
    for text in overrides:
        try:
            header, name = parse_override(text)
        except MappingError as e:
            problems.extend(e.problems)
            continue
        if header not in columns:
            matches = [h for h in columns if normalise_header(h) == normalise_header(header)]
            if len(matches) != 1:
                problems.append(f"the file has no column {header!r} (it has: "
                                + ", ".join(repr(h) for h in columns) + ")")
                continue
            header = matches[0]
        if name is not None and name != GIVEN_NAMES:
            # The override wins: another column that fed this field by guess no longer does.
            for other, other_name in columns.items():
                if other_name == name and other != header:
                    columns[other] = None
        columns[header] = name
    if problems:
        raise MappingError(problems)
    return ColumnMapping(columns)
