"""Which student field each column of an import file feeds: recognised by the header's words,
overridable, and kept as JSON so the office's usual spreadsheet maps itself next time.

A column is in one of three states: it feeds a field, the clerk chose not to import it
(IGNORE), or nobody has decided yet (None). An undecided column that holds any value stops the
import: nothing the clerk brought in is dropped without the clerk saying so.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from imet_desktop.domain.validation import STUDENT_FIELD_LABELS
from imet_desktop.exchange.errors import MappingError

# Field that several columns may feed together (first, then middle names), joined by a space.
GIVEN_NAMES = "legal_given_names"
# A column the clerk chose not to import.
IGNORE = "ignore"
# Words an override may use to say "do not import this column".
IGNORE_WORDS = frozenset({"", "-", "ignore", "ignored", "skip", "none", "do not import", "not imported"})
# Our own export's first column: the record id of the database it came from, never imported as data.
RECORD_ID_HEADERS = frozenset({"record id"})

# Words that carry no meaning in a header: "Country of Citizenship" is {country, citizenship}.
_STOP_WORDS = frozenset({"of", "the", "in", "a", "an", "and", "for", "to", "at", "on", "by", "or", "s", "de",
                         "du", "la", "le", "des", "del", "da", "en", "if", "any", "is", "as"})
# Words that say whose value it is, not which value: "Student Last Name", "IMS Rank".
_NOISE_WORDS = frozenset({"student", "ims", "trainee", "participant", "candidate", "imet", "official", "current"})
# Number words, folded to one: "No.", "Nr", "#", "Num", "Nbr", "N°" all mean "number".
_NUMBER_WORDS = frozenset({"no", "nr", "num", "nbr", "number", "numero", "nro", "n", "#"})
_BRACKETED = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")

# Spellings of each field's header seen in real spreadsheets; compared as word sets after
# header_words(), so case, accents, punctuation, word order, plurals, 'of'/'the' and
# '#'/'No.'/'Nr' do not matter. The field's key and its label are always recognised too.
FIELD_SPELLINGS: dict[str, tuple[str, ...]] = {
    "legal_family_name": (
        "surname", "last name", "last", "family name", "family", "legal surname", "legal last name",
        "legal family name", "passport surname", "surname passport", "surname as in passport", "lname", "l name",
        "apellido", "apellidos", "nom", "nom de famille", "nachname", "familienname", "cognome", "sobrenome",
        "primer apellido", "name last", "family surname", "last name surname", "surname family name",
        "last family name", "surname last name", "ln", "patronymic surname"),
    "legal_given_names": (
        "first", "first name", "given", "given name", "forename", "legal first name", "legal given name",
        "name first", "christian name", "middle", "middle name", "middle initial", "second name",
        "first middle name", "first and middle name", "given middle name", "passport given name",
        "given name passport", "fname", "f name", "mi", "middle initial mi", "other name", "other given name",
        "prenom", "prenoms", "nombre", "nombres", "vorname", "vornamen", "nome", "primeiro nome", "given first name",
        "first given name", "forename middle name", "first name middle name"),
    "display_name": (
        "display name", "preferred name", "known as", "nickname", "nick name", "goes by", "name to use",
        "call sign", "callsign", "preferred first name", "aka", "short name", "informal name"),
    "native_name": (
        "native name", "native script", "native script name", "name native script", "local name", "name native",
        "native", "name own script", "own script name", "name in own script", "name own language",
        "native language name", "name native language", "name original script", "original script", "local script",
        "name local script", "vernacular name", "name non latin", "non latin name", "native spelling",
        "name native characters", "native characters"),
    "pronunciation": ("pronunciation", "phonetic", "phonetic name", "pronounced", "name pronunciation",
                      "phonetic spelling", "how to pronounce", "pronunciation guide"),
    "sex": ("sex", "gender", "m f", "mf", "sex m f", "gender m f", "m/f"),
    "date_of_birth": ("dob", "d o b", "date birth", "birth date", "birthdate", "born", "birthday", "birth",
                      "date born", "fecha nacimiento", "date naissance", "geburtsdatum"),
    "place_of_birth": ("pob", "p o b", "place birth", "birth place", "birthplace", "city birth", "birth city",
                       "city country birth", "place born", "lieu naissance", "town birth"),
    "country_code": ("country", "nation", "country code", "country name", "nationality", "ctry", "cc",
                     "iso country", "home country", "country citizenship", "citizenship", "citizen",
                     "country origin", "sending country", "partner nation", "partner country", "cntry",
                     "host nation", "country iso", "iso code", "iso 3166", "pais", "pays", "nationalite",
                     "country nationality", "country code iso"),
    "service": ("service", "branch", "service branch", "military service", "armed service", "branch service",
                "military branch", "service component", "component", "service arm", "arm service",
                "armed force", "service country", "home service", "force"),
    "country_rank": ("rank", "country rank", "host nation rank", "home rank", "rank country", "grade rank",
                     "rank grade", "military rank", "rank title", "national rank", "partner nation rank",
                     "rank host nation", "native rank", "rank native", "home country rank", "local rank"),
    "us_rank": ("us rank", "us equivalent rank", "equivalent rank", "us equiv rank", "usrank", "rank us equivalent",
                "us equivalent", "us equiv", "equivalent us rank", "rank us", "us comparable rank",
                "comparable rank", "equiv rank", "rank equivalent"),
    "pay_grade": ("pay grade", "paygrade", "grade", "us pay grade", "us grade", "pay grade us", "us paygrade",
                  "equivalent grade", "equivalent pay grade", "us equivalent grade", "us equivalent pay grade"),
    "service_number": ("service number", "service no", "military id", "military number", "service id",
                       "military service number", "msn", "id number military", "soldier number", "matricule"),
    "passport_number": ("passport", "passport number", "passport id", "pp number", "ppt number", "pass number",
                        "passport document number", "travel document number", "numero passeport", "pasaporte"),
    "passport_expiry": ("passport expiry", "passport expiration", "passport expires", "passport exp",
                        "passport expiry date", "passport expiration date", "passport valid until", "pp expiry",
                        "pp expiration", "ppt expiry", "passport exp date", "date passport expiry",
                        "expiry passport", "expiration date passport", "passport validity"),
    "visa_type": ("visa type", "visa class", "visa category", "type visa", "visa classification", "visa kind"),
    "visa_number": ("visa number", "visa", "visa id", "visa foil number", "visa control number"),
    "email": ("email", "e mail", "email address", "e mail address", "mail", "email id", "electronic mail",
              "e mail id", "courriel", "correo", "correo electronico", "personal email", "contact email"),
    "phone": ("phone", "telephone", "phone number", "tel", "mobile", "cell", "cell phone", "mobile phone",
              "mobile number", "cell number", "telephone number", "contact number", "contact phone",
              "phone cell", "phone mobile", "us phone", "local phone", "handy", "telefono", "dsn"),
    "funding_program": ("funding", "funding program", "funding programme", "funding source", "program",
                        "programme", "source funds", "fund", "fund source", "fund code", "program type",
                        "funding type", "funding code", "funded by", "program source", "fund program"),
    "fms_case_id": ("fms case", "fms case id", "case", "case id", "fms case number", "case designator",
                    "fms case designator", "loa", "loa case", "case identifier"),
    "ito_number": ("ito", "ito number", "ito id", "invitational travel order", "invitational travel order number",
                   "travel order number", "ito nr", "ito no", "travel order", "dd 2285 number", "dd2285 number"),
    "wcn": ("wcn", "work control number", "work control", "wcn number", "control number", "training line wcn",
            "wcn training line"),
    "ecl_score": ("ecl", "ecl score", "ecl level", "english comprehension level", "ecl test", "ecl test score",
                  "english comprehension level ecl", "english score", "english test score", "english level",
                  "ecl result", "latest ecl", "ecl latest", "alcpt", "alcpt score", "ecl alcpt",
                  "english comprehension level score", "english proficiency", "english comprehension"),
    "arrival_date": ("arrival", "arrival date", "report date", "reporting date", "date arrival", "arrived",
                     "date arrived", "report", "reporting", "report no later than", "rnlt", "report nlt",
                     "date reported", "reported", "arrival conus", "conus arrival", "in date", "arrive date",
                     "date arrive", "report date rnlt", "projected arrival", "arrival projected",
                     "estimated arrival", "eta", "start date", "class start"),
    "arrival_airport": ("arrival airport", "airport", "port entry", "arriving airport", "poe", "airport arrival",
                        "destination airport", "arrival port"),
    "departure_date": ("departure", "departure date", "date departure", "departed", "depart date", "date departed",
                       "return date", "date return", "departure conus", "conus departure", "out date",
                       "projected departure", "end date", "graduation date"),
    "status": ("status", "student status", "ims status", "record status", "training status", "state"),
    "sponsor": ("sponsor", "sponsor name", "us sponsor", "sponsor us", "military sponsor", "community sponsor",
                "sponsor assigned", "assigned sponsor"),
    "dependents": ("dependents", "dependants", "family members", "dependents authorized", "accompanied by",
                   "dependent", "accompanying dependents", "family accompanying", "number dependents",
                   "dependents accompanying", "depn"),
    "notes": ("notes", "note", "remarks", "comments", "comment", "remark", "observations", "additional info",
              "additional information", "misc", "miscellaneous", "memo", "other info", "bemerkungen"),
}
# Header words that mean middle names: such a column's names follow the first names when joined.
_MIDDLE_WORDS = frozenset({"middle", "mi", "second", "other"})
_FIRST_WORDS = frozenset({"first", "given", "forename", "fname", "prenom", "nombre", "vorname", "christian"})


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _stem(word: str) -> str:
    """One word without its plural 's' (names -> name, dependents -> dependent)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def header_words(header: str) -> frozenset[str]:
    """A header's meaningful words: case, accents, punctuation, plurals, 'of'/'the' and number words folded."""
    # "PassportNo", "ITONumber": words written together in camel case count apart.
    header = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", header)
    text = _fold(header).replace("#", " # ").replace("n°", " # ").replace("nº", " # ")
    text = text.replace("e-mail", "email").replace("e mail", "email")
    words: set[str] = set()
    for token in re.findall(r"#|[^\W_]+", text):
        # "ITO_No" and "PassportNo" are written together: a trailing number word counts apart.
        if token in _NUMBER_WORDS:
            words.add("number")
            continue
        word = _stem(token)
        if word not in _STOP_WORDS:
            words.add(word)
    return frozenset(words)


def _alternatives(header: str) -> list[frozenset[str]]:
    """The word sets to try for a header: all of it, then without brackets, then the bracketed part,
    each also without noise words ("Student Surname") and without a trailing number word."""
    texts = [header, _BRACKETED.sub(" ", header), " ".join(_BRACKETED.findall(header))]
    found: list[frozenset[str]] = []
    for text in texts:
        words = header_words(text)
        if not words:
            continue
        for variant in (words, words - _NOISE_WORDS, words - {"number"}, words - _NOISE_WORDS - {"number"}):
            if variant and variant not in found:
                found.append(variant)
    return found


def _spelling_index() -> dict[frozenset[str], str]:
    index: dict[frozenset[str], str] = {}
    for name, label in STUDENT_FIELD_LABELS.items():
        for text in (name, label):
            index.setdefault(header_words(text), name)
    for name, spellings in FIELD_SPELLINGS.items():
        for spelling in spellings:
            words = header_words(spelling)
            if words in index and index[words] != name:
                raise AssertionError(f"{spelling!r} is a spelling of both {index[words]} and {name}")
            index.setdefault(words, name)
    return index


_INDEX = _spelling_index()


def normalise_header(text: str) -> str:
    """A header reduced for comparing two headers: case, accents, spaces and punctuation removed."""
    return "".join(ch for ch in _fold(text) if ch.isalnum() or ch == "#")


def is_record_id(header: str) -> bool:
    """Whether a column is our own export's record id (never imported as data)."""
    return " ".join(header.casefold().split()) in RECORD_ID_HEADERS


@functools.lru_cache(maxsize=4096)
def guess_field(header: str) -> str | None:
    """The student field a header means, recognised by its words, or None when it is not recognised."""
    if is_record_id(header):
        return None
    for words in _alternatives(header):
        if words in _INDEX:
            return _INDEX[words]
    return None


def is_middle_names(header: str) -> bool:
    """Whether a given-names column holds middle names only (they follow the first names when joined)."""
    words = header_words(header)
    return bool(words & _MIDDLE_WORDS) and not words & _FIRST_WORDS


def resolve_field(text: str) -> str:
    """A field named by its key, its label or a common spelling; IGNORE for 'ignore'; KeyError if unknown."""
    if " ".join(text.strip().casefold().split()) in IGNORE_WORDS:
        return IGNORE
    if text.strip() in STUDENT_FIELD_LABELS:
        return text.strip()
    found = guess_field(text)
    if found is None:
        raise KeyError(text)
    return found


@dataclass(frozen=True)
class ColumnMapping:
    """File header -> student field key, IGNORE (the clerk chose not to import it) or None (not yet
    decided), in the file's order."""

    columns: dict[str, str | None] = field(default_factory=dict)

    def field_for(self, header: str) -> str | None:
        """The field a column feeds, or None (ignored or undecided)."""
        name = self.columns.get(header)
        return None if name == IGNORE else name

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
        """Columns the clerk chose not to import."""
        return [h for h, f in self.columns.items() if f == IGNORE]

    @property
    def undecided_headers(self) -> list[str]:
        """Columns that feed no field and that nobody chose to ignore."""
        return [h for h, f in self.columns.items() if f is None]

    def problems(self) -> list[str]:
        """Why this mapping cannot be used for an import; empty when it can."""
        problems: list[str] = []
        for header, name in self.columns.items():
            if name is not None and name != IGNORE and name not in STUDENT_FIELD_LABELS:
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
        """A copy in which one column feeds another field (IGNORE: not imported; None: undecided)."""
        if header not in self.columns:
            raise MappingError([f"the file has no column {header!r}"])
        return ColumnMapping({**self.columns, header: name})

    def to_json(self) -> str:
        """The mapping as a JSON object (header -> field, "ignore" or null), to be remembered."""
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
    undecided (several first/middle-name columns all feed the given names). Our own export's
    record id column is ignored. A remembered null (an older program's "not imported", which
    the clerk may never have chosen) counts as undecided.
    """
    known = remembered.columns if isinstance(remembered, ColumnMapping) else dict(remembered or {})
    columns: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        choice = known.get(header) or guess_field(header)
        if is_record_id(header) and header not in known:
            choice = IGNORE
        if choice is not None and choice != IGNORE and (
                choice not in STUDENT_FIELD_LABELS or (choice in taken and choice != GIVEN_NAMES)):
            choice = None
        columns[header] = choice
        if choice is not None:
            taken.add(choice)
    return ColumnMapping(columns)


def parse_override(text: str) -> tuple[str, str]:
    """'Header=field' as (header, field key or IGNORE); the field may be a key, a label or a spelling."""
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
        if name not in (IGNORE, GIVEN_NAMES):
            # The override wins: another column that fed this field by guess is undecided again.
            for other, other_name in columns.items():
                if other_name == name and other != header:
                    columns[other] = None
        columns[header] = name
    if problems:
        raise MappingError(problems)
    return ColumnMapping(columns)
