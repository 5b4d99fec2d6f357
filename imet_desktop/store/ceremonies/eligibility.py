"""Is the graduate eligible for the Honor Roll when they are put on a ceremony? The rules are those the
Honor Roll tab computes (store.honor_roll.assess_graduate: a qualifying course completed in residence,
a position in a qualifying category). An ineligible graduate goes on a ceremony only with an override
and its reason, written on the inductee with who gave it and when (their History shows it)."""

from __future__ import annotations

from sqlite_utils import Database

from imet_desktop.domain.problems import Problem
from imet_desktop.store.db import current_user, now_text
from imet_desktop.store.errors import ValidationError
from imet_desktop.store.honor_roll import assess_graduate


class NotEligible(ValidationError):
    """The graduate does not meet the Honor Roll's rules and no override reason was given."""

    def __init__(self, name: str, reason: str) -> None:
        self.reason = reason
        super().__init__([Problem("Inductee", name, f"{reason} Add them with an override and its reason "
                                                    "(on the command line, --override \"reason\")")])


def override_columns(db: Database, student_id: int, name: str, override_reason: str) -> dict[str, object]:
    """The override to write with the inductee ({} for an eligible graduate); NotEligible when the graduate
    is not eligible and override_reason is blank."""
    verdict = assess_graduate(db, student_id)
    if verdict.eligible:
        return {}
    if not override_reason.strip():
        raise NotEligible(name, verdict.reason)
    return {"override_reason": f"{override_reason.strip()} (waived: {verdict.reason})", "override_by": current_user(),
            "override_at": now_text()}
