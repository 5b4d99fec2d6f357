"""Induction ceremonies, one module per subject; this package's namespace is the ceremony's whole API.

details (the ceremony itself), inductees, events (the order of events), guests, seating (tables
and seats), tasks (the checklist), flags (flags and anthems), planning (new with defaults, marking
held). Each module imports only those below it (details <- events <- inductees <- guests/seating/
flags <- planning), never this package; callers may import from here or from the subject module.
"""

from imet_desktop.store.ceremonies.details import (
    CeremonyRow,
    add_ceremony,
    get_ceremony,
    list_ceremonies,
    require_ceremony,
    require_planned,
    update_ceremony,
)
from imet_desktop.store.ceremonies.events import (
    DEFAULT_ORDER_OF_EVENTS,
    FOR_EACH_INDUCTEE,
    INDUCTEE_EVENTS,
    add_event,
    delete_event,
    list_events,
    move_event,
    reorder_events,
    update_event,
)
from imet_desktop.store.ceremonies.flags import HOST_COUNTRY, FlagRow, flags_and_anthems
from imet_desktop.store.ceremonies.guests import (
    GuestRow,
    RsvpCounts,
    add_guest,
    delete_guest,
    get_guest,
    list_guest_rows,
    list_guests,
    rsvp_counts,
    update_guest,
)
from imet_desktop.store.ceremonies.inductees import (
    InducteeRow,
    add_inductee,
    assign_nomination,
    get_inductee,
    inductee_row,
    list_inductees,
    move_inductee,
    remove_inductee,
    reorder_inductees,
    update_inductee,
)
from imet_desktop.store.ceremonies.planning import (
    HeldPreview,
    add_default_order_of_events,
    ceremony_warnings,
    delete_ceremony,
    held_preview,
    mark_ceremony_held,
    new_ceremony,
    reopen_ceremony,
)
from imet_desktop.store.ceremonies.seating import (
    SeatedPerson,
    TableRow,
    add_table,
    auto_seat,
    delete_table,
    list_seating,
    list_tables,
    people_to_seat,
    seat_person,
    update_table,
    write_seating,
)
from imet_desktop.store.ceremonies.tasks import (
    DEFAULT_TASKS,
    TaskRow,
    add_default_tasks,
    add_task,
    delete_task,
    list_task_rows,
    list_tasks,
    set_task_done,
    update_task,
)

__all__ = [
    "DEFAULT_ORDER_OF_EVENTS", "DEFAULT_TASKS", "FOR_EACH_INDUCTEE", "HOST_COUNTRY", "INDUCTEE_EVENTS",
    "CeremonyRow", "FlagRow", "GuestRow", "HeldPreview", "InducteeRow", "RsvpCounts", "SeatedPerson", "TableRow",
    "TaskRow",
    "add_ceremony", "add_default_order_of_events", "add_default_tasks", "add_event", "add_guest", "add_inductee",
    "add_table", "add_task", "assign_nomination", "auto_seat", "ceremony_warnings", "delete_ceremony",
    "delete_event", "delete_guest", "delete_table", "delete_task", "flags_and_anthems", "get_ceremony", "get_guest",
    "get_inductee", "held_preview", "inductee_row", "move_inductee",
    "list_ceremonies", "list_events", "list_guest_rows", "list_guests", "list_inductees",
    "list_seating", "list_tables", "list_task_rows", "list_tasks", "mark_ceremony_held", "move_event", "new_ceremony",
    "people_to_seat", "remove_inductee", "reopen_ceremony", "reorder_events", "reorder_inductees", "require_ceremony",
    "require_planned", "rsvp_counts", "seat_person", "set_task_done", "update_ceremony", "update_event",
    "update_guest", "update_inductee", "update_table", "update_task", "write_seating",
]
