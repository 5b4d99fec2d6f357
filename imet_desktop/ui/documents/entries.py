"""The Print… entries of the Ceremonies and Honor Roll tabs: read the data, then preview the document.

The documents are those of ops.documents (the list `imet-desktop print` uses too). The data is
read on the GUI thread (quick queries, on the window's connection); only the drawing runs on the
PDF worker (see preview.open_document_preview).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

from imet_desktop.ui.common import dialogs
from imet_desktop.ui.documents.preprint import checked_countries
from imet_desktop.ui.documents.preview import open_document_preview

if TYPE_CHECKING:
    from sqlite_utils import Database

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
# menu keys that are not ops.documents keys (with '-' for '_'): the selected inductees' certificates, the booklet
_MENU_TO_DOCUMENT = {"selected_certificates": "certificates", "booklet": "program"}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "document"


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
    from imet_desktop.ops.documents import DOCUMENTS, NothingToPrint, PrintOptions, prepare
    from imet_desktop.store.ceremonies import get_ceremony
    from imet_desktop.store.errors import StoreError

    key = _MENU_TO_DOCUMENT.get(kind, kind.replace("_", "-"))
    options = PrintOptions(ids=tuple(student_ids) if kind == "selected_certificates" else None,
                           booklet=kind == "booklet")
    title = DOCUMENTS[key].title
    try:
        ceremony = get_ceremony(db, ceremony_id).title
        prepared = prepare(db, key, ceremony_id, options)
    except NothingToPrint:
        dialogs.show_error(parent, "Nothing to print", f"{title}: the ceremony “{ceremony}” {DOCUMENTS[key].nothing}.")
        return
    except StoreError as error:
        dialogs.show_error(parent, "Cannot print", str(error))
        return
    if not checked_countries(parent, title, prepared.warnings):
        return
    if kind == "selected_certificates":
        title = f"{title} for {_selected(prepared.count)}"
    elif kind == "booklet":
        title = "Program booklet"
    open_document_preview(parent, f"{title} — {ceremony}", prepared.render,
                          suggested_name=f"{_slug(title)}-{_slug(ceremony)}.pdf")


def print_honoree_certificates(parent: QWidget, db: Database | None, student_ids: Sequence[int]) -> None:
    """Preview the induction certificates of the given honorees (reprints from the Honor Roll)."""
    if db is None or not student_ids:
        dialogs.show_error(parent, "Nothing to print", "Select one or more honorees first.")
        return
    from imet_desktop.ops.documents import PrintOptions, prepare
    from imet_desktop.store.errors import StoreError

    try:
        prepared = prepare(db, "honoree-certificates", None, PrintOptions(ids=tuple(student_ids)))
    except StoreError as error:
        dialogs.show_error(parent, "Cannot print", str(error))
        return
    if not checked_countries(parent, "Induction certificates", prepared.warnings):
        return
    items = prepared.data
    name = _slug(items[0].name_latin) if len(items) == 1 else f"{len(items)}-honorees"
    open_document_preview(parent, "Induction certificates", prepared.render, suggested_name=f"certificates-{name}.pdf")


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
