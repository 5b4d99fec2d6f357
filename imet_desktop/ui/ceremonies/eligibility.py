"""Before graduates go on a ceremony: does each meet the Honor Roll's rules? For those who do not, the
clerk is shown the rule and asked for the reason of an override (kept on the inductee), or leaves them off."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from imet_desktop.ui.ceremonies.held import ReasonDialog

if TYPE_CHECKING:
    from sqlite_utils import Database


def ask_override(parent: QWidget | None, db: Database, students: Sequence[tuple[int, str]]) -> tuple[str, set[int]]:
    """(override reason, students to leave off): the reason the clerk gives for those of these (student id,
    name) the Honor Roll's rules do not admit ('' when all are eligible); when the clerk gives none, they
    are left off."""
    from imet_desktop.store.honor_roll import assess_graduate

    refused = [(student_id, name, verdict.reason) for student_id, name in students
               if not (verdict := assess_graduate(db, student_id)).eligible]
    if not refused:
        return "", set()
    lines = "".join(f"<li><b>{escape(name)}</b>: {escape(reason)}</li>" for _id, name, reason in refused)
    text = (f"The Honor Roll's rules do not admit {'this graduate' if len(refused) == 1 else 'these graduates'}:"
            f"<ul>{lines}</ul>Put {'them' if len(refused) > 1 else 'this graduate'} on the ceremony all the same, "
            "with an override? Give the reason and on whose authority.")
    reason = ReasonDialog.ask(parent, "Override the Honor Roll's rules", text, "Override and add",
                              "e.g. \"ACSC 1998 attended in residence, records lost: Commandant's memo of 2 March\"")
    if not reason:
        return "", {student_id for student_id, _name, _reason in refused}
    return reason, set()
