"""Before a graduate goes on a ceremony: is any of them on another planned ceremony? The clerk is asked,
with the other ceremony named, before anyone is taken off it (the store refuses a move not confirmed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from imet_desktop.ui.common import dialogs

if TYPE_CHECKING:
    from sqlite_utils import Database


def ask_moves(parent: QWidget | None, db: Database, ceremony_id: int, ceremony_title: str,
              students: Sequence[tuple[int, str]]) -> tuple[set[int], set[int]]:
    """(to move, to leave where they are): those of these (student id, name) on another planned ceremony,
    after asking the clerk once, naming each one's ceremony. Both empty when none is on another one."""
    from imet_desktop.store.ceremonies.moves import inductee_elsewhere

    found = [(student_id, name, place) for student_id, name in students
             if (place := inductee_elsewhere(db, student_id, ceremony_id)) is not None]
    if not found:
        return set(), set()
    lines = "\n".join(f"• {name} is on {place.named()}" for _id, name, place in found)
    text = (f"Already on another planned ceremony:\n{lines}\n\nMove {'them' if len(found) > 1 else 'this graduate'} "
            f"to “{ceremony_title}”, taking them off the other ceremony? (No: they stay where they are.)")
    ids = {student_id for student_id, _name, _place in found}
    if dialogs.ask_yes_no(parent, "Move to this ceremony?", text):
        return ids, set()
    return set(), ids


def graduate_name(db: Database, student_id: int) -> str:
    """The graduate's name as the question prints it."""
    from imet_desktop.store.ceremonies.moves import student_name

    return student_name(db, student_id)
