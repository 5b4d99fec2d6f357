"""The Honor Roll tab: the register of honorees, the eligible graduates not yet nominated, the nominations.

The register filters by country and year and searches names in any script (accents optional),
countries and positions; each honoree opens on the graduate's record (positions and schools).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.ui.common.errors import attempt
from imet_desktop.ui.common.formatting import count_text
from imet_desktop.ui.common.search import SearchBox
from imet_desktop.ui.common.tab import Tab
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.honor_roll.eligible import EligiblePage
from imet_desktop.ui.honor_roll.graduate_dialogs import AddGraduateDialog, GraduateRecordDialog
from imet_desktop.ui.honor_roll.model import HonoreesModel
from imet_desktop.ui.honor_roll.nomination_dialogs import EligibilityRules, EligibilitySettingsDialog
from imet_desktop.ui.honor_roll.nominations import NominationsPage


class HonorRollTab(Tab):
    """The International Honor Roll: the register, who is eligible, and the nominations."""

    title = "Honor Roll"
    REGISTER, ELIGIBLE, NOMINATIONS = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HonoreesModel(self)
        self.search_box = SearchBox("Search honorees by name, country or position…")
        self.search_box.setObjectName("honorRollSearch")
        self.country_box = QComboBox()
        self.country_box.setObjectName("honorRollCountry")
        self.country_box.setMinimumContentsLength(18)
        self.year_box = QComboBox()
        self.year_box.setObjectName("honorRollYear")
        self.count_label = QLabel()
        self.table = make_table(self.model, HonoreesModel.COLUMNS, self, name="honoreesTable")
        self.table.doubleClicked.connect(lambda _i: self.open_graduate())
        self.graduate_button = QPushButton("Positions and schools…")
        self.graduate_button.setObjectName("honoreeGraduateButton")
        self.add_graduate_button = QPushButton("Add earlier graduate…")
        self.add_graduate_button.setObjectName("addGraduateButton")
        self.add_graduate_button.setToolTip("A graduate from before the database: a record of their own")
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.country_box)
        top.addWidget(self.year_box)
        top.addWidget(self.count_label)
        top.addWidget(self._print_button())
        buttons = QHBoxLayout()
        buttons.addWidget(self.graduate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_graduate_button)
        register = QWidget()
        register_layout = QVBoxLayout(register)
        register_layout.addLayout(top)
        register_layout.addWidget(self.table, 1)
        register_layout.addLayout(buttons)

        self.eligible_page = EligiblePage()
        self.nominations_page = NominationsPage()
        self.pages = QTabWidget()
        self.pages.setObjectName("honorRollPages")
        self.pages.addTab(register, "Honor Roll")
        self.pages.addTab(self.eligible_page, "Eligible, not yet nominated")
        self.pages.addTab(self.nominations_page, "Nominations")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        self.pages.currentChanged.connect(lambda _index: self.commands_changed.emit())

        self.search_box.search_changed.connect(self._search)
        self.country_box.currentIndexChanged.connect(lambda _i: self._search(""))
        self.year_box.currentIndexChanged.connect(lambda _i: self._search(""))
        self.graduate_button.clicked.connect(self.open_graduate)
        self.add_graduate_button.clicked.connect(self.add_graduate)
        self.eligible_page.nominate_requested.connect(self.nominate)
        self.eligible_page.graduate_requested.connect(self.show_graduate)
        self.eligible_page.rules_requested.connect(self.edit_rules)
        self.nominations_page.changed.connect(self._nominations_changed)
        self.nominations_page.graduate_requested.connect(self.show_graduate)

    def tables(self) -> list[QTableView]:
        return [self.table, self.eligible_page.table, self.nominations_page.table]

    def _print_button(self) -> QWidget:
        """The Print certificates… button, for the selected honorees (reprints, previewed first)."""
        from imet_desktop.ui.documents.entries import honoree_print_button, print_honoree_certificates

        def selected() -> list[int]:
            rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
            return [int(self.model.row_at(row).student_id) for row in rows]

        self.print_button = honoree_print_button(self, lambda: print_honoree_certificates(self, self.db, selected()))
        return self.print_button

    def new_record_text(self) -> str:
        return {self.REGISTER: "Add an earlier graduate…", self.ELIGIBLE: "Nominate the selected graduate…",
                self.NOMINATIONS: "New nomination…"}.get(self.pages.currentIndex(), "")

    def new_record(self) -> object:
        page = self.pages.currentIndex()
        if page == self.REGISTER:
            return self.add_graduate()
        button = self.eligible_page.nominate_button if page == self.ELIGIBLE else self.nominations_page.new_button
        if button.isEnabled():
            button.click()
        return None

    def print_text(self) -> str:
        return "Print the selected honorees' certificates…" if self.pages.currentIndex() == self.REGISTER else ""

    def print_view(self) -> object:
        if self.print_button.isEnabled():
            self.print_button.click()
        return None

    def focus_search(self) -> bool:
        page = self.pages.currentIndex()
        box = self.nominations_page.search_box if page == self.NOMINATIONS else self.search_box
        if page == self.ELIGIBLE:
            self.pages.setCurrentIndex(self.REGISTER)
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()
        return True

    # --- reading -------------------------------------------------------------------------------------------
    def _load(self) -> None:
        self._fill_filters()
        self._load_register()
        self.eligible_page.set_database(self.db)
        self.eligible_page.reload()
        self.nominations_page.set_database(self.db)
        self.nominations_page.reload()

    def _fill_filters(self) -> None:
        from imet_desktop.store.honor_roll import honor_roll_countries, honor_roll_years

        assert self.db is not None
        for box, first, items in (
                (self.country_box, "All countries", [(name, code) for code, name in honor_roll_countries(self.db)]),
                (self.year_box, "All years", [(str(y), y) for y in honor_roll_years(self.db)])):
            current = box.currentData()
            blocked = box.blockSignals(True)
            box.clear()
            box.addItem(first, None)
            for text, value in items:
                box.addItem(text, value)
            index = box.findData(current)
            box.setCurrentIndex(max(0, index))
            box.blockSignals(blocked)

    def _load_register(self) -> None:
        from imet_desktop.store.honor_roll import list_honorees

        assert self.db is not None
        rows = list_honorees(self.db, search=self.search_box.text(), country_code=self.country_box.currentData() or "",
                             year=self.year_box.currentData())
        self.model.set_rows(rows)
        self.count_label.setText(count_text(len(rows), "honoree"))

    def show_register(self, country_code: str = "", year: int | None = None) -> None:
        """The register of one country or one year of induction (the Overview's map and chart lead here)."""
        self.pages.setCurrentIndex(self.REGISTER)
        self.search_box.clear()
        for box, value in ((self.country_box, country_code or None), (self.year_box, year)):
            blocked = box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value)))
            box.blockSignals(blocked)
        if self.is_loaded:
            self._load_register()

    def show_nominations_awaiting_clearance(self) -> None:
        """The nominations still waiting for a clearance step."""
        self.pages.setCurrentIndex(self.NOMINATIONS)
        self.nominations_page.show_awaiting_clearance()

    def _search(self, _text: str) -> None:
        if self.is_loaded:
            self._load_register()

    def _nominations_changed(self) -> None:
        self.eligible_page.reload()
        self.records_changed.emit()

    # --- graduates -------------------------------------------------------------------------------------------
    def selected_honoree_student_ids(self) -> list[int]:
        """The student ids of the honorees selected in the register, in the order shown."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [int(self.model.row_at(row).student_id) for row in rows]

    def open_graduate(self) -> None:
        """The selected honoree's record: positions held and schools attended."""
        ids = self.selected_honoree_student_ids()
        if ids:
            self.show_graduate(ids[0])

    def show_graduate(self, student_id: int) -> None:
        """A graduate's positions and schools, editable; the lists are read again after changes."""
        if self.db is not None and GraduateRecordDialog.ask(self, self.db, student_id):
            self.refresh()

    def add_graduate(self) -> int | None:
        """Open the record of a graduate from before the database; returns the new id."""
        from imet_desktop.store.honor_roll import add_graduate, position_categories

        if self.db is None:
            return None
        entered = AddGraduateDialog.ask(self, position_categories(self.db))
        if entered is None:
            return None
        db = self.db
        added: list[int] = []
        if attempt(self, "Graduate not added",
                   lambda: added.append(add_graduate(db, entered.student, [entered.school], entered.position)),
                   doing="adding the earlier graduate"):
            self.refresh()
            self.records_changed.emit()
            if self.eligible_page.select_student(added[0]):
                self.pages.setCurrentIndex(self.ELIGIBLE)
            return added[0]
        return None

    # --- the process ------------------------------------------------------------------------------------------
    def nominate(self, row: object) -> int | None:
        """Nominate a graduate from the eligible list (the nomination editor opens prefilled)."""
        student_id = getattr(row, "student_id", None)
        if student_id is None:
            return None
        nomination_id = self.nominations_page.nominate(int(student_id), getattr(row, "position_id", None))
        if nomination_id is not None:
            self.pages.setCurrentIndex(self.NOMINATIONS)
        return nomination_id

    def edit_rules(self) -> bool:
        """Change the qualifying courses and categories and the clearance checklist."""
        from imet_desktop.store.clearances import clearance_steps, save_clearance_steps
        from imet_desktop.store.db import write
        from imet_desktop.store.settings import load_settings, save_settings

        if self.db is None:
            return False
        db = self.db
        settings = load_settings(db)
        rules = EligibilitySettingsDialog.ask(self, EligibilityRules(
            settings.qualifying_course_codes, settings.qualifying_position_categories, clearance_steps(db)))
        if rules is None:
            return False

        def save() -> None:
            with write(db):
                settings.qualifying_course_codes = rules.courses
                settings.qualifying_position_categories = rules.categories
                save_settings(db, settings)
                save_clearance_steps(db, rules.clearance_steps)

        if attempt(self, "Rules not saved", save, doing="saving the Honor Roll rules"):
            self.refresh()
            return True
        return False
