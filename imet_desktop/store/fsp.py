"""The Field Studies Program: events, the topics each covers, attendance, and the topics a student still lacks."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from imet_desktop.domain.problems import Problem
from imet_desktop.store.db import audit, insert_record, update_record, write
from imet_desktop.store.errors import RecordNotFoundError, ValidationError

# The eleven FSP topics, in the order the program lists them.
FSP_TOPICS: tuple[str, ...] = (
    "Human rights",
    "Law of war",
    "International peace and security",
    "U.S. government institutions",
    "Political processes",
    "Judicial system",
    "Free market",
    "Media",
    "Education",
    "Health and human services",
    "Diversity and American life",
)


def _fold(text: str) -> str:
    """Letters and digits only, without case: 'U.S. Government institutions' == 'US government institutions'."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


_BY_FOLDED = {_fold(t): t for t in FSP_TOPICS}


def canonical_topic(text: str) -> str | None:
    """The program's spelling of a topic ('US government institutions' -> 'U.S. government institutions')."""
    return _BY_FOLDED.get(_fold(text))


@dataclass(frozen=True, slots=True)
class FspEvent:
    """A Field Studies Program trip or event."""

    event_date: dt.date
    title: str
    place: str = ""
    topics: tuple[str, ...] = ()
    id: int | None = None
    version: int = field(default=0, compare=False)  # as loaded (store.versions)


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event as the list shows it, with how many attended."""

    id: int
    event_date: str
    title: str
    place: str
    topics: tuple[str, ...]
    attended: int
    absent: int


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """One student at one event: recorded or not, attended or absent, and the note."""

    student_id: int
    legal_name: str
    country_code: str
    recorded: bool
    attended: bool
    note: str


@dataclass(frozen=True, slots=True)
class TopicProgress:
    """Which FSP topics a student has covered, and which are still lacking."""

    student_id: int
    legal_name: str
    country_code: str
    covered: tuple[str, ...]
    lacking: tuple[str, ...]
    events_attended: int


def _topics(text: str) -> tuple[str, ...]:
    try:
        raw = json.loads(text or "[]")
    except ValueError:
        return ()
    found = {canonical_topic(str(t)) for t in raw if isinstance(t, str)}
    return tuple(t for t in FSP_TOPICS if t in found)


def validate_event(event: FspEvent) -> list[Problem]:
    """Every problem with an FSP event."""
    problems: list[Problem] = []
    if not event.title.strip():
        problems.append(Problem("Title", event.title, "is required"))
    unknown = [t for t in event.topics if canonical_topic(t) is None]
    for t in unknown:
        problems.append(Problem("Topic", t, "is not one of the 11 FSP topics"))
    return problems


def _columns(event: FspEvent) -> dict[str, object]:
    topics = {canonical_topic(t) for t in event.topics}
    return {"event_date": event.event_date.isoformat(), "title": event.title.strip(), "place": event.place.strip(),
            "topics": json.dumps([t for t in FSP_TOPICS if t in topics])}


def add_event(db: Database, event: FspEvent) -> int:
    """Add an FSP event; returns its id."""
    problems = validate_event(event)
    if problems:
        raise ValidationError(list(problems))
    return insert_record(db, "fsp_events", _columns(event), {"title": event.title})


def update_event(db: Database, event: FspEvent) -> None:
    """Save changes to an FSP event."""
    if event.id is None:
        raise ValueError("update_event needs an event with an id")
    problems = validate_event(event)
    if problems:
        raise ValidationError(list(problems))
    update_record(db, "fsp_events", event.id, _columns(get_event(db, event.id)), _columns(event),
                  version=event.version, what=f"the FSP event {event.title!r}")


def delete_event(db: Database, event_id: int) -> None:
    """Remove an event and its attendance."""
    event = get_event(db, event_id)
    with write(db):
        db.execute("DELETE FROM fsp_events WHERE id = ?", [event_id])
        audit(db, "fsp_events", event_id, "delete", {"title": event.title, "date": event.event_date.isoformat()})


def get_event(db: Database, event_id: int) -> FspEvent:
    """One FSP event."""
    row = db.execute("SELECT event_date, title, place, topics, id, version FROM fsp_events WHERE id = ?",
                     [event_id]).fetchone()
    if row is None:
        raise RecordNotFoundError(f"there is no FSP event with id {event_id}")
    return FspEvent(dt.date.fromisoformat(row[0]), row[1], row[2], _topics(row[3]), int(row[4]), int(row[5]))


def list_events(db: Database) -> list[EventRow]:
    """Every FSP event, newest first, with attendance counts."""
    return [EventRow(int(r[0]), str(r[1]), str(r[2]), str(r[3]), _topics(r[4]), int(r[5]), int(r[6]))
            for r in db.execute(
                "SELECT ev.id, ev.event_date, ev.title, ev.place, ev.topics, "
                "coalesce(sum(a.attended = 1), 0), coalesce(sum(a.attended = 0), 0) "
                "FROM fsp_events ev LEFT JOIN fsp_attendance a ON a.event_id = ev.id "
                "GROUP BY ev.id ORDER BY ev.event_date DESC, ev.id DESC")]


def _class_students(db: Database, class_id: int) -> list[tuple[int, str, str]]:
    return [(int(r[0]), f"{r[1]}, {r[2]}" if r[2] else str(r[1]), str(r[3])) for r in db.execute(
        "SELECT s.id, s.legal_family_name, s.legal_given_names, coalesce(s.country_code, '') FROM enrollments e "
        "JOIN students s ON s.id = e.student_id WHERE e.class_id = ? AND e.status IN ('Enrolled', 'Completed') "
        "ORDER BY s.legal_family_name COLLATE NOCASE, s.legal_given_names COLLATE NOCASE, s.id", [class_id])]


def attendance(db: Database, event_id: int, class_id: int) -> list[AttendanceRow]:
    """The class's students at one event: who attended, who was absent, who is not recorded yet."""
    get_event(db, event_id)
    recorded = {int(r[0]): (bool(r[1]), str(r[2])) for r in db.execute(
        "SELECT student_id, attended, note FROM fsp_attendance WHERE event_id = ?", [event_id])}
    rows = []
    for sid, name, country in _class_students(db, class_id):
        attended, note = recorded.get(sid, (False, ""))
        rows.append(AttendanceRow(sid, name, country, sid in recorded, attended, note))
    return rows


def set_attendance(db: Database, event_id: int, student_ids: Iterable[int], attended: bool, note: str = "") -> None:
    """Record the students as present at (or absent from) the event, with an optional note (e.g. the excuse)."""
    get_event(db, event_id)
    ids = list(dict.fromkeys(student_ids))
    if not ids:
        return
    with write(db):
        for sid in ids:
            db.execute("INSERT INTO fsp_attendance (event_id, student_id, attended, note) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT(event_id, student_id) DO UPDATE SET attended = excluded.attended, "
                       "note = excluded.note", [event_id, sid, int(attended), note.strip()])
        audit(db, "fsp_attendance", event_id, "attendance",
              {"students": ids, "attended": attended, "note": note.strip()})


def clear_attendance(db: Database, event_id: int, student_ids: Iterable[int]) -> None:
    """Forget what was recorded for these students at the event."""
    ids = list(student_ids)
    with write(db):
        for sid in ids:
            db.execute("DELETE FROM fsp_attendance WHERE event_id = ? AND student_id = ?", [event_id, sid])
        audit(db, "fsp_attendance", event_id, "clear", {"students": ids})


def topic_progress(db: Database, class_id: int) -> list[TopicProgress]:
    """For each student of the class, the FSP topics covered by events attended and those still lacking."""
    students = _class_students(db, class_id)
    covered: dict[int, set[str]] = {sid: set() for sid, _n, _c in students}
    events: dict[int, int] = dict.fromkeys(covered, 0)
    for sid, topics in db.execute(
            "SELECT a.student_id, ev.topics FROM fsp_attendance a JOIN fsp_events ev ON ev.id = a.event_id "
            "JOIN enrollments e ON e.student_id = a.student_id AND e.class_id = ? "
            "AND e.status IN ('Enrolled', 'Completed') WHERE a.attended = 1", [class_id]):
        covered[int(sid)].update(_topics(topics))
        events[int(sid)] += 1
    return [TopicProgress(sid, name, country, tuple(t for t in FSP_TOPICS if t in covered[sid]),
                          tuple(t for t in FSP_TOPICS if t not in covered[sid]), events[sid])
            for sid, name, country in students]


def student_topics(db: Database, student_id: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(covered, lacking) FSP topics of one student, over every event attended."""
    found: set[str] = set()
    for (topics,) in db.execute("SELECT ev.topics FROM fsp_attendance a JOIN fsp_events ev ON ev.id = a.event_id "
                                "WHERE a.student_id = ? AND a.attended = 1", [student_id]):
        found.update(_topics(topics))
    return tuple(t for t in FSP_TOPICS if t in found), tuple(t for t in FSP_TOPICS if t not in found)
