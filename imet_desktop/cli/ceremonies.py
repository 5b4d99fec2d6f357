"""`imet-desktop ceremony ...`: list, show and plan Honor Roll induction ceremonies from the command line.

The same store functions as the Ceremonies tab. Gathered by imet_desktop.cli.main; nothing heavy is
imported at module level. Exit status: 0 done; 2 a bad id, date or time, a ceremony or student
that does not exist, or a change the rules refuse (one line on stderr: a ceremony not yet
held, or without its time or venue, is not marked as held).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from imet_desktop.cli.common import EXIT_OK, Command, add_db_option, fail, iso_date, record_id

if TYPE_CHECKING:
    from sqlite_utils import Database


def _shown(day: dt.date | str | None) -> str:
    from imet_desktop.domain.dates import format_date

    if isinstance(day, str):
        day = dt.date.fromisoformat(day) if day else None
    return format_date(day) or "no date"


# --- the commands ------------------------------------------------------------------------------------

def _list(db: Database, _args: argparse.Namespace) -> int:
    from imet_desktop.store.ceremonies import list_ceremonies

    rows = list_ceremonies(db)
    if not rows:
        print("No ceremonies yet. Add one with `imet-desktop ceremony new`.")
        return EXIT_OK
    print(f"{'ID':>4}  {'DATE':<11}  {'INDUCTEES':>9}  {'STATUS':<9}  TITLE")
    for r in rows:
        print(f"{r.id:>4}  {_shown(r.ceremony_date):<11}  {r.inductee_count:>9}  {r.status:<9}  {r.title}")
    return EXIT_OK


def _show(db: Database, args: argparse.Namespace) -> int:
    from imet_desktop.store.ceremonies import (
        flags_and_anthems,
        get_ceremony,
        list_events,
        list_inductees,
        list_tables,
        list_task_rows,
        rsvp_counts,
    )

    c = get_ceremony(db, args.ceremony_id)
    when = _shown(c.ceremony_date) + (f" at {c.ceremony_time}" if c.ceremony_time else "")
    print(f"Ceremony {c.id}: {c.title}")
    print(f"  {when}, {c.venue or 'no venue yet'} ({c.status})")
    if c.presiding_official:
        print(f"  Presiding: {c.presiding_official}")
    if c.host:
        print(f"  Host: {c.host}")
    inductees = list_inductees(db, args.ceremony_id)
    print(f"\nInductees ({len(inductees)}):")
    for n, i in enumerate(inductees, 1):
        where = "attending" if i.attending else f"represented by {i.representative_name}" + (
            f", {i.representative_title}" if i.representative_title else "")
        print(f"  {n}. {i.legal_name} ({i.country_name or i.country_code or 'no country'}), student {i.student_id}"
              f" — {i.position_title or 'no position'}; {where}")
    events = list_events(db, args.ceremony_id)
    print(f"\nOrder of events ({len(events)}):")
    for e in events:
        who = f" — {e.who}" if e.who else ""
        print(f"  {e.start_time or '':>5}  {e.title}{who}")
    tables = list_tables(db, args.ceremony_id)
    print(f"\nGuests: {rsvp_counts(db, args.ceremony_id).summary()}")
    if tables:
        print("Tables: " + ", ".join(t.label for t in tables))
    flags = flags_and_anthems(db, args.ceremony_id)
    print("Flags and anthems: " + ", ".join(f.country_name for f in flags))
    tasks = list_task_rows(db, args.ceremony_id)
    if tasks:
        print(f"\nChecklist ({sum(1 for t in tasks if t.done_date)} of {len(tasks)} done):")
        for t in tasks:
            state = f"done {_shown(t.done_date)}" if t.done_date else ("OVERDUE" if t.overdue else "open")
            print(f"  [{'x' if t.done_date else ' '}] {t.title} — due {_shown(t.due_date)} ({t.when}); {state}")
    return EXIT_OK


def _new(db: Database, args: argparse.Namespace) -> int:
    from imet_desktop.domain.records import Ceremony
    from imet_desktop.store.ceremonies import list_events, list_tasks, new_ceremony

    ceremony = Ceremony(args.title, args.date, args.time or "", args.venue, args.presiding or "", args.host or "")
    ceremony_id = new_ceremony(db, ceremony)
    print(f"Ceremony {ceremony_id} added: {ceremony.title}, {_shown(ceremony.ceremony_date)}, {ceremony.venue} "
          f"({len(list_events(db, ceremony_id))} lines in the order of events, "
          f"{len(list_tasks(db, ceremony_id))} tasks on the checklist)")
    return EXIT_OK


def _add_inductee(db: Database, args: argparse.Namespace) -> int:
    from imet_desktop.store.ceremonies import add_inductee, get_ceremony, list_inductees

    ceremony = get_ceremony(db, args.ceremony_id)
    inductee_id = add_inductee(db, args.ceremony_id, args.student_id, position_title=args.position or "",
                               representative_name=args.representative or "",
                               representative_title=args.representative_title or "", move=args.move,
                               override_reason=args.override or "")
    row = next(r for r in list_inductees(db, args.ceremony_id) if r.id == inductee_id)
    where = "attending" if row.attending else f"accepted by {row.representative_name}"
    print(f"Added {row.legal_name} ({row.country_name or row.country_code or 'no country'}) to ceremony "
          f"{ceremony.id}, {ceremony.title}: {row.position_title or 'no position'}; {where}")
    return EXIT_OK


def _mark_held(db: Database, args: argparse.Namespace) -> int:
    from imet_desktop.store.ceremonies import held_preview, mark_ceremony_held

    preview = held_preview(db, args.ceremony_id)
    if not preview.allowed:
        return fail(f"ceremony {args.ceremony_id}, {preview.title}, is not marked as held: "
                    + "; ".join(preview.problems))
    for warning in preview.warnings:
        print(f"Please check: {warning}")
    mark_ceremony_held(db, args.ceremony_id)
    print(f"Ceremony {args.ceremony_id}, {preview.title}, marked as held: {preview.summary()} written on the "
          "Honor Roll")
    return EXIT_OK


def _reopen(db: Database, args: argparse.Namespace) -> int:
    from imet_desktop.store.ceremonies import get_ceremony, reopen_ceremony

    title = get_ceremony(db, args.ceremony_id).title
    removed = reopen_ceremony(db, args.ceremony_id, args.reason)
    print(f"Ceremony {args.ceremony_id}, {title}, reopened: {removed} induction{'' if removed == 1 else 's'} "
          "taken off the Honor Roll; the reason is kept in its History")
    return EXIT_OK


_ACTIONS = {"list": _list, "show": _show, "new": _new, "add-inductee": _add_inductee, "mark-held": _mark_held,
            "reopen": _reopen}


def _ceremony_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True, title="actions",
                                help="what to do: " + ", ".join(_ACTIONS))
    parsers = {
        "list": sub.add_parser("list", help="every ceremony: id, date, number of inductees, status, title",
                               description="List the ceremonies, newest first (those without a date on top)."),
        "show": sub.add_parser("show", help="one ceremony: details, inductees, order of events, guests, checklist",
                               description="Show one ceremony as the Ceremonies tab does."),
        "new": sub.add_parser("new", help="add a ceremony with the usual order of events and checklist",
                              description="Add a planned ceremony; the default order of events and task "
                                          "checklist are added with it."),
        "add-inductee": sub.add_parser(
            "add-inductee", help="put a graduate on a ceremony",
            description="Put a graduate on a planned ceremony, last in program order. Without --position, the "
                        "position of the graduate's nomination (else the latest one recorded) is used. A graduate "
                        "on another planned ceremony is moved from it only with --move; one the Honor Roll's rules "
                        "do not admit is added only with --override \"reason\"."),
        "mark-held": sub.add_parser(
            "mark-held", help="record that a ceremony took place: its inductees go on the Honor Roll",
            description="Mark a planned ceremony as held: one induction per inductee, dated the ceremony's day. "
                        "Only on or after that day, with the time and venue set (exit 2 with the reason)."),
        "reopen": sub.add_parser(
            "reopen", help="take back a marking as held (its inductions come off the Honor Roll)",
            description="Reopen a ceremony marked as held by mistake: the inductions the marking wrote are "
                        "removed, the ceremony is planned again, and the reason is kept in its History."),
    }
    for action in ("show", "mark-held", "reopen"):
        parsers[action].add_argument("ceremony_id", type=record_id, metavar="ID", help="the ceremony's id")
    parsers["reopen"].add_argument("--reason", required=True, metavar="TEXT",
                                   help="why the ceremony is reopened (kept in its History)")
    new = parsers["new"]
    new.add_argument("--title", required=True, metavar="T", help="the title, e.g. 'International Honor Roll "
                                                                  "Induction 2028'")
    new.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD", help="the ceremony's date")
    new.add_argument("--venue", required=True, metavar="V", help="where it is held")
    new.add_argument("--time", metavar="HH:MM", help="when it starts, 24-hour")
    new.add_argument("--presiding", metavar="NAME", help="the presiding official (name, title)")
    new.add_argument("--host", metavar="NAME", help="the host (name, title)")
    add = parsers["add-inductee"]
    add.add_argument("ceremony_id", type=record_id, metavar="CEREMONY_ID", help="the ceremony's id")
    add.add_argument("student_id", type=record_id, metavar="STUDENT_ID", help="the graduate's id (the roster's id)")
    add.add_argument("--position", metavar="TEXT", help="the position as it is to be engraved")
    add.add_argument("--representative", metavar="NAME",
                     help="who accepts for a graduate who does not attend (often the embassy's attaché)")
    add.add_argument("--representative-title", metavar="TITLE", help="the representative's title")
    add.add_argument("--override", metavar="REASON",
                     help="add a graduate the Honor Roll's rules do not admit (no qualifying course in residence or "
                          "position), for this reason, kept on the inductee (without it, exit 2 with the rule)")
    add.add_argument("--move", action="store_true",
                     help="take the graduate off the other planned ceremony they are on (without it, exit 2 naming "
                          "that ceremony)")
    for p in parsers.values():
        # the same --db as `imet-desktop ceremony --db PATH`; SUPPRESS keeps one given earlier
        add_db_option(p, "the database file to work on (default: the user's database)")


def _run_ceremony(args: argparse.Namespace) -> int:
    from imet_desktop.store.db import open_database, open_for_reading
    from imet_desktop.store.errors import RecordNotFoundError, ValidationError

    reads_only = args.action in ("list", "show")  # these work while a window holds the database
    db = open_for_reading(args.db) if reads_only else open_database(args.db, create=False)
    try:
        return _ACTIONS[args.action](db, args)
    except (RecordNotFoundError, ValidationError) as e:
        return fail(str(e))
    finally:
        db.close()


COMMANDS: dict[str, Command] = {
    "ceremony": Command(
        summary="list, show and plan Honor Roll induction ceremonies",
        description="Work on the Honor Roll induction ceremonies: `list` them, `show ID` one, add one with "
                    "`new --title T --date YYYY-MM-DD --venue V`, and put a graduate on one with "
                    "`add-inductee CEREMONY_ID STUDENT_ID [--position TEXT] [--representative NAME]`; record that one "
                    "took place with `mark-held ID`, and take that back with `reopen ID --reason TEXT`. Print "
                    "their documents with `imet-desktop print`.",
        add_arguments=_ceremony_arguments,
        run=_run_ceremony,
        uses_database=True,
    ),
}
