"""Settings ▸ Countries: the office's names for every country, its bureau and command, and countries added by hand.

A list of every country beside a form for the selected one. Saving writes through
``store.countries`` (audited); the office's names are what documents print. A country added by
hand stays "unconfirmed" until the office confirms its names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.domain.countries import COMBATANT_COMMANDS, REGIONS, us_country_names
from imet_desktop.store import countries as store
from imet_desktop.ui.common.accessibility import complete as complete_accessibility
from imet_desktop.ui.common.dialog_base import Dialog
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.table_model import ROW_ROLE, Column, RowListModel
from imet_desktop.ui.common.tables import make_table

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database

    from imet_desktop.store.countries import CountryRecord

WINDOW_TITLE = "Settings ▸ Countries"


def status_text(country: CountryRecord) -> str:
    """Where a country's names stand: the US default, changed by the office, or added by hand."""
    if country.added_by_office:
        return "Added by the office" if country.confirmed else "Added by the office · unconfirmed"
    return "US government name" if country.is_us_default else "Changed by the office"


def _status_tip(country: CountryRecord) -> str:
    us = us_country_names().get(country.code)
    if us is None:
        return "Entered by hand in this office." + ("" if country.confirmed else " Confirm its names before printing.")
    formal = us.official_name or "(no formal name)"
    return f"US government name: {us.name} — {formal}"


class CountryListModel(RowListModel):
    """Every country as the office names it."""

    COLUMNS = (
        Column("Code", lambda c: c.code, width=5, fit=True),
        Column("Name on documents", lambda c: c.name, width=22),
        Column("Formal name", lambda c: c.official_name, width=30),
        Column("Region", lambda c: c.region, width=6, fit=True),
        Column("Command", lambda c: c.combatant_command, width=16),
        Column("Status", status_text, width=30, tooltip=_status_tip),
    )


def _choice_box(name: str, values: dict[str, str]) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.addItem("(none)", "")
    for code, text in values.items():
        box.addItem(f"{code} — {text}" if text else code, code)
    return box


def _select(box: QComboBox, value: str) -> None:
    box.setCurrentIndex(max(0, box.findData(value)))


class CountryForm(QGroupBox):
    """The names, bureau and command of one country, as fields."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("countryName")
        self.formal_edit = QLineEdit()
        self.formal_edit.setObjectName("countryFormalName")
        self.formal_edit.setPlaceholderText("none: documents print the name")
        self.region_box = _choice_box("countryRegion", REGIONS)
        self.command_box = _choice_box("countryCommand", dict.fromkeys(COMBATANT_COMMANDS, ""))
        self.form = QFormLayout(self)
        self.form.addRow("Name on documents", self.name_edit)
        self.form.addRow("Formal name", self.formal_edit)
        self.form.addRow("State Department region", self.region_box)
        self.form.addRow("Combatant command", self.command_box)

    def show_country(self, country: CountryRecord | None) -> None:
        """Fill the fields from a country (or empty them)."""
        self.name_edit.setText(country.name if country else "")
        self.formal_edit.setText(country.official_name if country else "")
        _select(self.region_box, country.region if country else "")
        _select(self.command_box, country.combatant_command if country else "")

    def values(self) -> dict[str, str]:
        """What the fields hold, as store arguments."""
        return {"name": self.name_edit.text(), "official_name": self.formal_edit.text(),
                "region": str(self.region_box.currentData() or ""),
                "combatant_command": str(self.command_box.currentData() or "")}


class AddCountryDialog(Dialog):
    """A country the office adds by hand: its codes and names; opened only through ``ask``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, "Add a country")
        layout = QVBoxLayout(self)
        intro = QLabel("For a country the program does not list. It stays <b>unconfirmed</b> (the pre-print "
                       "check warns) until the office confirms its names.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        codes = QFormLayout()
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("newCountryCode")
        self.code_edit.setMaxLength(2)
        self.code_edit.setPlaceholderText("2 letters, as on the ITO")
        self.alpha3_edit = QLineEdit()
        self.alpha3_edit.setObjectName("newCountryAlpha3")
        self.alpha3_edit.setMaxLength(3)
        self.alpha3_edit.setPlaceholderText("3 letters")
        codes.addRow("Code", self.code_edit)
        codes.addRow("3-letter code", self.alpha3_edit)
        layout.addLayout(codes)
        self.form = CountryForm()
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.code_edit, self.alpha3_edit, self.form.name_edit):
            edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(len(self.code_edit.text().strip()) == 2 and len(self.alpha3_edit.text().strip()) == 3
                      and bool(self.form.name_edit.text().strip()))

    def answer(self) -> dict[str, str]:
        """The new country as store.add_country arguments."""
        return {"code": self.code_edit.text(), "alpha3": self.alpha3_edit.text(), **self.form.values()}

    @classmethod
    def ask(cls, parent: QWidget | None) -> dict[str, str] | None:
        """The country the clerk entered, or None when cancelled."""
        dialog: Self = cls(parent)
        return dialog.answer() if dialog.run() else None


class CountriesEditor(QWidget):
    """The office's countries: search, pick one, change its names, bureau or command; add one by hand.

    A window of its own beside the main window (not modal, so the clerk can look things up meanwhile).
    """

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("countriesEditor")
        self.setWindowTitle(WINDOW_TITLE)
        self.db = db
        self.resize(1100, 640)

        self.search_box = SearchBox("Search by name, formal name or code…")
        self.search_box.setObjectName("countrySearch")
        self.add_button = QPushButton("Add a country…")
        self.add_button.setObjectName("addCountry")
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.add_button)

        self.model = CountryListModel(self)
        self.table = make_table(self.model, CountryListModel.COLUMNS, name="countryTable")
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)

        self.form = CountryForm("Selected country")
        self.us_label = QLabel()
        self.us_label.setObjectName("usNames")
        self.us_label.setWordWrap(True)
        self.us_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveCountry")
        self.save_button.setDefault(True)
        self.restore_button = QPushButton("Use the US names")
        self.restore_button.setObjectName("restoreCountry")
        self.confirm_button = QPushButton("Confirm these names")
        self.confirm_button.setObjectName("confirmCountry")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.confirm_button)
        buttons.addStretch(1)
        self.form.form.addRow(buttons)
        self.message = QLabel()
        self.message.setObjectName("countryMessage")
        self.message.setWordWrap(True)
        note = QLabel("Documents print the <b>name on documents</b>; certificates and letters print the "
                      "<b>formal name</b> (or the name where there is none). The defaults are the US "
                      "government's (GENC and the State Department's lists); the office's names win.")
        note.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.form)
        side.addWidget(self.us_label)
        side.addWidget(self.message)
        side.addWidget(note)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(380)
        side_widget.setMaximumWidth(460)

        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        self.search_box.search_changed.connect(self._filter)
        self.add_button.clicked.connect(self.add_country)
        self.save_button.clicked.connect(self.save)
        self.restore_button.clicked.connect(self.restore_us_names)
        self.confirm_button.clicked.connect(self.confirm)
        self._all: list[CountryRecord] = []
        self._shown_code: str | None = None
        self.reload()
        self.table.selectionModel().selectionChanged.connect(lambda _new, _old: self._show_selected())
        self._show_selected()

    # --- the list ----------------------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the countries again, keeping (or moving to) a selection."""
        current = select or (self.selected().code if self.selected() else None)
        self._all = store.list_countries(self.db)
        self._filter(self.search_box.text(), select=current)

    def _filter(self, text: str, select: str | None = None) -> None:
        needle = text.strip().casefold()
        current = select or (self.selected().code if self.selected() else None)
        rows = [c for c in self._all if not needle
                or any(needle in v.casefold() for v in (c.code, c.alpha3, c.name, c.official_name))]
        self.model.set_rows(rows)
        if current:
            self.select_country(current)
        else:
            self._show_selected()

    def select_country(self, code: str | None) -> bool:
        """Select a country in the list by code; False when it is not shown."""
        for row, country in enumerate(self.model.rows()):
            if country.code == code:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                self._show_selected()
                return True
        self.table.clearSelection()
        self._show_selected()
        return False

    def selected(self) -> CountryRecord | None:
        """The country the form shows."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row: CountryRecord = self.model.data(rows[0], ROW_ROLE)
        return row

    def _show_selected(self) -> None:
        country = self.selected()
        code = country.code if country else None
        if code != self._shown_code:
            self.message.setText("")  # a message is about the country it was said of
        self._shown_code = code
        self.form.show_country(country)
        self.form.setTitle(f"{country.name} ({country.code})" if country else "Select a country")
        for widget in (self.form.name_edit, self.form.formal_edit, self.form.region_box, self.form.command_box,
                       self.save_button):
            widget.setEnabled(country is not None)
        us = us_country_names().get(country.code) if country else None
        self.restore_button.setEnabled(country is not None and us is not None and not country.is_us_default)
        self.confirm_button.setVisible(country is not None and not country.confirmed)
        if country is None:
            self.us_label.setText("")
        elif us is None:
            self.us_label.setText("Added by hand in this office: the program has no US names for it.")
        else:
            listed = f" (listed as “{us.list_name}”)" if us.list_name else ""
            self.us_label.setText(f"The US government's names: <b>{us.name}</b>{listed} — "
                                  f"{us.official_name or '(no formal name)'} · {us.region or 'no bureau'} · "
                                  f"{us.combatant_command or 'no command'}")

    # --- actions ---------------------------------------------------------------------------------------------
    def _run(self, what: str, change: Callable[[], CountryRecord]) -> CountryRecord | None:
        """The changed country, or None when the change failed (the clerk is told why; the form keeps its text)."""
        try:
            return change()
        except Exception as error:  # noqa: BLE001 - every failure goes through the one path
            show_failure(self, f"Cannot {what}", error, doing=what)
            return None

    def save(self) -> None:
        """Save the form to the selected country."""
        country = self.selected()
        if country is None:
            return
        saved = self._run("save the country", lambda: store.update_country(self.db, country.code,
                                                                            **self.form.values()))
        if saved is not None:
            self.reload(select=saved.code)
            self.message.setText(f"Saved {saved.name} ({saved.code}).")

    def restore_us_names(self) -> None:
        """Put back the US government's names for the selected country."""
        country = self.selected()
        if country is None:
            return
        saved = self._run("restore the US names", lambda: store.restore_us_names(self.db, country.code))
        if saved is not None:
            self.reload(select=saved.code)
            self.message.setText(f"{saved.code} has the US government's names again: {saved.name}.")

    def confirm(self) -> None:
        """The office confirms the names of a country it added by hand."""
        country = self.selected()
        if country is None:
            return
        saved = self._run("confirm the country", lambda: store.confirm_country(self.db, country.code))
        if saved is not None:
            self.reload(select=saved.code)
            self.message.setText(f"{saved.name} ({saved.code}) is confirmed.")

    def add_country(self) -> None:
        """Add a country by hand (it stays unconfirmed until confirmed)."""
        answer = AddCountryDialog.ask(self)
        if answer is None:
            return
        added = self._run("add the country", lambda: store.add_country(self.db, **answer))
        if added is not None:
            self.search_box.clear()
            self.reload(select=added.code)
            self.message.setText(f"Added {added.name} ({added.code}); confirm its names before printing.")


def open_countries_editor(parent: QWidget, db: Database) -> CountriesEditor:
    """Show Settings ▸ Countries beside the window (not modal); the editor closes with its parent."""
    editor = CountriesEditor(db, parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    attached = getattr(parent, "database_attached", None)
    if attached is not None:
        attached.connect(editor.close)  # another database opened: this one's countries no longer apply
    editor.show()
    complete_accessibility(editor)
    return editor
