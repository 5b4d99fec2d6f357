"""The issue's story, start to finish, driven through the window as a clerk would.

From the eligible list, a graduate is nominated, verified, cleared and approved, and put on the
demo's planned ceremony; the order of events, guests and seating are done; the program, the
certificates and the place cards are printed through the tab's Print menu; then the ceremony is
marked as held and the inductees are on the Honor Roll with its date.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from imet_desktop.store.ceremonies import list_events, list_inductees, list_seating
from imet_desktop.store.honor_roll import get_nomination, list_honorees
from imet_desktop.ui.ceremonies.dialogs import ChooseNominationDialog, GuestDialog
from imet_desktop.ui.ceremonies.models import OrderOfEventsModel
from imet_desktop.ui.honor_roll.nomination_dialogs import AssignCeremonyDialog
from imet_desktop.ui.main_window import MainWindow

from ..documents.pdfcheck import page_texts
from .test_honor_roll import (
    answer_with,
    answer_yes,
    clear_everything,
    errors_shown,
    move,
    nominate_from_eligible,
    select_row,
)

PLANNED = "International Honor Roll Induction 2027"


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Path]:
    """What the Print menu previews, drawn at once into PDF files (title -> file) instead of a window."""
    import imet_desktop.ui.documents.entries as entries

    files: dict[str, Path] = {}

    def preview(_parent: object, title: str, build: Any, *, suggested_name: str) -> None:
        out = io.BytesIO()
        assert build(out, lambda _done, _total: True) > 0
        path = tmp_path / suggested_name
        path.write_bytes(out.getvalue())
        files[title.split(" — ")[0]] = path

    monkeypatch.setattr(entries, "open_document_preview", preview)
    return files


def print_from_menu(window: MainWindow, key: str) -> None:
    menu = window.ceremonies_tab.print_button.menu()
    action = next(a for a in menu.actions() if a.objectName() == f"print_{key}")
    action.trigger()


def test_a_clerk_plans_the_demo_ceremony_from_the_eligible_list_to_the_honor_roll(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow, printed: dict[str, Path]) -> None:
    db = window.db
    errors = errors_shown(monkeypatch)

    # 1. The Honor Roll tab: the eligible list says why the Romanian air chief qualifies; nominate him.
    window.view_actions[3].trigger()
    honor_roll = window.honor_roll_tab
    honor_roll.pages.setCurrentIndex(honor_roll.ELIGIBLE)
    romanian = select_row(honor_roll.eligible_page.table, honor_roll.eligible_page.model,
                          lambda r: r.country_name == "Romania")
    assert "ACSC 2008 in residence; Chief of Staff of the Air Force" in honor_roll.eligible_page.reason_label.text()
    nomination_id = nominate_from_eligible(monkeypatch, honor_roll, "Romania",
                                           "Office of Defense Cooperation, Bucharest")
    family, given = romanian.legal_name.split(", ")
    name = f"{given} {family}"

    # 2. Verification, the clearance checklist, approval.
    move(monkeypatch, honor_roll, "Verified", "ACSC 2008 in residence: registrar transcript")
    clear_everything(monkeypatch)
    honor_roll.nominations_page.open_button.click()
    move(monkeypatch, honor_roll, "Approved")
    assert get_nomination(db, nomination_id).status == "Approved"

    # 3. He goes on the planned ceremony, attending.
    def to_2027(d: AssignCeremonyDialog) -> None:
        d.ceremony_box.setCurrentIndex(d.ceremony_box.findText(PLANNED, Qt.MatchFlag.MatchStartsWith))

    answer_with(monkeypatch, AssignCeremonyDialog, to_2027)
    honor_roll.nominations_page.assign_button.click()

    # 4. The Ceremonies tab: the other approved nominee (Morocco) is added from the approved list.
    window.view_actions[4].trigger()
    tab = window.ceremonies_tab
    select_row(tab.ceremonies_table, tab.ceremonies_model, lambda c: c.title == PLANNED)
    ceremony_id = tab.selected_ceremony_id()
    assert ceremony_id is not None
    assert name in [r.name for r in tab.inductees_model.rows()]
    answer_with(monkeypatch, ChooseNominationDialog, lambda d: d.table.selectAll(), result=lambda d: d.chosen())
    tab.inductees_page.add_nominees_button.click()
    inductees = list_inductees(db, ceremony_id)
    assert len(inductees) == 10
    assert [r.country_name for r in inductees][-2:] == ["Romania", "Morocco"]

    # 5. The order of events: their steps are in; the MC's times are typed; the reception is dragged last.
    program = tab.program_page.model
    assert [e.who for e in program.rows()].count(name) == 3
    program.setData(program.index(0, OrderOfEventsModel.TIME), "13:55")
    program.setData(program.index(1, OrderOfEventsModel.TIME), "14:00")
    remarks = next(n for n, e in enumerate(program.rows()) if e.title == "Inductee remarks")
    program.dropMimeData(program.mimeData([program.index(remarks, 0)]), Qt.DropAction.MoveAction,
                         program.rowCount(), 0, QModelIndex())
    events = list_events(db, ceremony_id)
    assert (events[0].start_time, events[1].start_time, events[-1].title) == ("13:55", "14:00", "Inductee remarks")

    # 6. Guests: his air attaché, accepted, in his party.
    nistor = next(r for r in inductees if r.country_name == "Romania")

    def attache(d: GuestDialog) -> None:
        d.name_edit.setText("Colonel Andrei Popescu")
        d.title_edit.setText("Air Attaché, Embassy of Romania")
        d.organisation_edit.setText("Embassy of Romania")
        d.country_box.setCurrentIndex(d.country_box.findData("RO"))
        d.category_box.setEditText("Attaché")
        d.guest_of_box.setCurrentIndex(d.guest_of_box.findData(nistor.id))
        d.precedence_spin.setValue(20)
        d.rsvp_box.setCurrentIndex(d.rsvp_box.findData("Accepted"))

    answer_with(monkeypatch, GuestDialog, attache)
    tab.guests_page.add_button.click()

    # 7. Seating: everyone afresh by precedence; the inductee sits with his attaché.
    answer_yes(monkeypatch)
    tab.seating_page.auto_button.click()
    seats = {p.name: p.table_name for p in list_seating(db, ceremony_id)}
    assert seats[name] and seats[name] == seats["Colonel Andrei Popescu"]
    assert tab.seating_page.unseated_model.rowCount() == 0

    # 8. Printing from the Print menu: program, certificates, place cards.
    for key in ("program", "certificates", "place_cards"):
        print_from_menu(window, key)
    assert errors == []
    assert set(printed) == {"Program", "Induction certificates", "Place cards"}
    program_text = "\n".join(page_texts(printed["Program"]))
    assert family in program_text and "Inductee remarks" in program_text
    certificates = page_texts(printed["Induction certificates"])
    assert len(certificates) == 10 and any(family in page for page in certificates)
    assert any("Andrei Popescu" in page for page in page_texts(printed["Place cards"]))
    tab.tasks_page.today = lambda: dt.date(2027, 4, 12)
    for task in ("Certificates printed", "Programs printed"):
        assert tab.tasks_page.set_done(task)

    # 9. After the ceremony: Mark as held; the inductees are on the Honor Roll with its date.
    monkeypatch.setattr("imet_desktop.domain.dates.today", lambda: dt.date(2027, 4, 22))
    tab.held_button.click()
    assert errors == []
    window.view_actions[3].trigger()
    honor_roll.year_box.setCurrentIndex(honor_roll.year_box.findText("2027"))
    register = {r.legal_name: r for r in honor_roll.model.rows()}
    assert len(register) == 10
    assert register[romanian.legal_name].induction_date == "2027-04-22"
    assert register[romanian.legal_name].ceremony_title == PLANNED
    assert register[romanian.legal_name].schools_attended == "ACSC 2008"
    assert get_nomination(db, nomination_id).status == "Inducted"
    assert {r.induction_date for r in list_honorees(db, year=2027)} == {"2027-04-22"}
