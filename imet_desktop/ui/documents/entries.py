"""The Print… entries of the Ceremonies and Honor Roll tabs: read the data, then preview the document.

The data is read from the store on the GUI thread (quick queries, on the window's connection);
only the drawing runs on the PDF worker (see preview.open_document_preview).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, BinaryIO

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

from imet_desktop.ui.common import dialogs
from imet_desktop.ui.documents.preview import Build, open_document_preview

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.documents.data import SchoolInfo

Progress = Callable[[int, int], bool]

# (key, menu text) of every ceremony document, in menu order
CEREMONY_DOCUMENTS: tuple[tuple[str, str], ...] = (
    ("certificates", "Certificates…"),
    ("selected_certificates", "Certificates for selected inductees…"),
    ("program", "Program…"),
    ("booklet", "Program booklet…"),
    ("place_cards", "Place cards…"),
    ("invitations", "Invitations…"),
    ("mc_script", "MC script…"),
    ("engraving_order", "Engraving order…"),
    ("seating_chart", "Seating chart…"),
)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "document"


def _ceremony_document(db: Database, school: SchoolInfo, ceremony_id: int, kind: str,
                       student_ids: Sequence[int] = ()) -> tuple[str, Build, int]:
    """(title, build, how many records) of one ceremony document (student_ids: the selected inductees)."""
    from imet_desktop.documents import ceremony as docs
    from imet_desktop.documents.certificate import induction_certificates
    from imet_desktop.documents.program import ceremony_program
    from imet_desktop.store import printing

    if kind == "certificates":
        items = printing.ceremony_certificates(db, ceremony_id)
        return "Induction certificates", lambda out, p: induction_certificates(items, school, out, p), len(items)
    if kind == "selected_certificates":
        chosen = printing.ceremony_certificates(db, ceremony_id, list(student_ids))
        return (f"Induction certificates for {_selected(len(chosen))}",
                lambda out, p: induction_certificates(chosen, school, out, p), len(chosen))
    if kind in ("program", "booklet"):
        program = printing.ceremony_program(db, ceremony_id)
        booklet = kind == "booklet"
        return ("Program booklet" if booklet else "Program",
                lambda out, p: ceremony_program(program, school, out, booklet=booklet, progress=p), 1)
    if kind == "place_cards":
        cards = printing.place_cards(db, ceremony_id)
        return "Place cards", lambda out, p: docs.place_cards(cards, school, out, p), len(cards)
    if kind == "invitations":
        letters = printing.invitations(db, ceremony_id)
        return "Invitations", lambda out, p: docs.invitations(letters, school, out, p), len(letters)
    if kind == "mc_script":
        script = printing.mc_script(db, ceremony_id)
        return "MC script", lambda out, p: docs.mc_script(script, school, out), 1
    if kind == "engraving_order":
        order = printing.engraving_order(db, ceremony_id)
        return "Engraving order", lambda out, p: docs.engraving_order(order, school, out), len(order.entries)
    if kind == "seating_chart":
        chart = printing.seating_chart(db, ceremony_id)
        return "Seating chart", lambda out, p: docs.seating_chart(chart, school, out, p), len(chart.tables)
    raise ValueError(f"unknown ceremony document {kind!r}")


_NOTHING = {
    "certificates": "has no inductees",
    "place_cards": "has no inductees attending and no guest who accepted",
    "invitations": "has no guests",
    "engraving_order": "has no inductees",
    "seating_chart": "has no tables",
}


def _selected(count: int) -> str:
    return "1 selected inductee" if count == 1 else f"{count} selected inductees"


def print_ceremony_document(parent: QWidget, db: Database | None, ceremony_id: int | None, kind: str,
                            student_ids: Sequence[int] = ()) -> None:
    """Preview one document of a ceremony (kind: a key of CEREMONY_DOCUMENTS), ready to print or save.

    student_ids are the inductees selected in the Ceremonies tab: "selected_certificates" prints theirs.
    """
    if db is None or ceremony_id is None:
        dialogs.show_error(parent, "Nothing to print", "Select a ceremony first.")
        return
    if kind == "selected_certificates" and not student_ids:
        dialogs.show_error(parent, "Nothing to print",
                           "Select one or more inductees in the Inductees view first (Ctrl+click to add one), "
                           "or choose Certificates… for every inductee.")
        return
    from imet_desktop.store import printing
    from imet_desktop.store.errors import StoreError

    try:
        school = printing.school_info(db)
        title, build, count = _ceremony_document(db, school, ceremony_id, kind, student_ids)
        ceremony = str(db.execute("SELECT title FROM ceremonies WHERE id = ?", [ceremony_id]).fetchone()[0])
    except StoreError as error:
        dialogs.show_error(parent, "Cannot print", str(error))
        return
    if count == 0:
        dialogs.show_error(parent, "Nothing to print",
                           f"{title}: the ceremony “{ceremony}” {_NOTHING.get(kind, 'has nothing to print')}.")
        return
    open_document_preview(parent, f"{title} — {ceremony}", build,
                          suggested_name=f"{_slug(title)}-{_slug(ceremony)}.pdf")


def print_honoree_certificates(parent: QWidget, db: Database | None, student_ids: Sequence[int]) -> None:
    """Preview the induction certificates of the given honorees (reprints from the Honor Roll)."""
    if db is None or not student_ids:
        dialogs.show_error(parent, "Nothing to print", "Select one or more honorees first.")
        return
    from imet_desktop.documents.certificate import induction_certificates
    from imet_desktop.store import printing
    from imet_desktop.store.errors import StoreError

    try:
        school = printing.school_info(db)
        items = printing.honoree_certificates(db, list(student_ids))
    except StoreError as error:
        dialogs.show_error(parent, "Cannot print", str(error))
        return

    def build(out: BinaryIO, progress: Progress) -> int:
        return induction_certificates(items, school, out, progress)

    name = _slug(items[0].name_latin) if len(items) == 1 else f"{len(items)}-honorees"
    open_document_preview(parent, "Induction certificates", build, suggested_name=f"certificates-{name}.pdf")


def ceremony_print_button(parent: QWidget, on_choice: Callable[[str], None],
                          selected_count: Callable[[], int] | None = None) -> QToolButton:
    """A "Print" button whose menu lists every ceremony document; on_choice gets the document's key.

    With selected_count (how many inductees are selected), the entry for the selected inductees'
    certificates is enabled only when some are, and names how many as its tooltip.
    """
    button = QToolButton(parent)
    button.setObjectName("ceremonyPrintButton")
    button.setText("Print")
    button.setToolTip("Preview and print the selected ceremony's certificates, program and other documents")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for key, text in CEREMONY_DOCUMENTS:
        action = menu.addAction(text)
        action.setObjectName(f"print_{key}")
        action.setData(key)
        action.triggered.connect(lambda _checked=False, key=key: on_choice(key))
    if selected_count is not None:
        def update() -> None:
            count = selected_count()
            for action in menu.actions():
                if action.data() == "selected_certificates":
                    action.setEnabled(count > 0)
                    action.setToolTip(f"Certificates for the {_selected(count)}" if count else
                                      "Select inductees in the Inductees view first")

        menu.aboutToShow.connect(update)
    button.setMenu(menu)
    return button


def honoree_print_button(parent: QWidget, on_click: Callable[[], None]) -> QPushButton:
    """The Honor Roll's "Print certificates…" button (for the selected honorees)."""
    button = QPushButton("Print certificates…", parent)
    button.setObjectName("honoreePrintButton")
    button.setToolTip("Preview and print the induction certificates of the selected honorees")
    button.clicked.connect(lambda _checked=False: on_click())
    return button


def with_button(label: QLabel, button: QWidget) -> QHBoxLayout:
    """A row: the label, stretch, then the button at the right."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addStretch(1)
    row.addWidget(button)
    return row
