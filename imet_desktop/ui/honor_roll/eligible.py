"""The "Eligible, not yet nominated" page: graduates who qualify, the reason each qualifies, and Nominate…."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from imet_desktop.ui.common.formatting import count_text, display_date
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.honor_roll.model import EligibleModel

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.store.honor_roll import EligibleRow


class EligiblePage(QWidget):
    """Graduates with a qualifying course in residence and a qualifying position, not nominated."""

    nominate_requested = Signal(object)
    """An EligibleRow the clerk wants to nominate."""
    graduate_requested = Signal(int)
    """A student id whose positions and schools the clerk wants to see."""
    rules_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.rules_label = QLabel()
        self.rules_label.setObjectName("eligibilityRules")
        self.rules_label.setWordWrap(True)
        self.near_misses_check = QCheckBox("Also show graduates in a qualifying position whose schools do not qualify")
        self.near_misses_check.setObjectName("nearMisses")
        self.near_misses_check.setToolTip("Often an earlier graduate whose course is not recorded yet: "
                                          "add it under Positions and schools…")
        self.count_label = QLabel()
        self.model = EligibleModel(self)
        self.table = make_table(self.model, EligibleModel.COLUMNS, name="eligibleTable")
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda _i: self.nominate())
        self.reason_label = QLabel()
        self.reason_label.setObjectName("eligibleReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.RichText)
        self.nominate_button = QPushButton("Nominate…")
        self.nominate_button.setObjectName("nominateButton")
        self.graduate_button = QPushButton("Positions and schools…")
        self.rules_button = QPushButton("Qualifying courses and categories…")
        self.rules_button.setObjectName("eligibilityRulesButton")
        top = QHBoxLayout()
        top.addWidget(self.near_misses_check)
        top.addStretch(1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.nominate_button)
        buttons.addWidget(self.graduate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.rules_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.rules_label)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason_label)
        layout.addLayout(buttons)
        self.near_misses_check.toggled.connect(lambda _on: self.reload())
        self.nominate_button.clicked.connect(self.nominate)
        self.graduate_button.clicked.connect(self._graduate)
        self.rules_button.clicked.connect(self.rules_requested)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self._enable()

    def set_database(self, db: Database | None) -> None:
        """Read from this database from now on."""
        self.db = db

    def reload(self) -> None:
        """Read the list again (the rules may have changed)."""
        from imet_desktop.store.honor_roll import list_eligible
        from imet_desktop.store.settings import load_settings

        if self.db is None:
            return
        settings = load_settings(self.db)
        rows = list_eligible(self.db, settings, include_not_eligible=self.near_misses_check.isChecked())
        self.model.set_rows(rows)
        eligible = sum(1 for r in rows if r.eligible)
        text = count_text(eligible, "eligible graduate")
        if len(rows) > eligible:
            text += f", {len(rows) - eligible} near {'miss' if len(rows) - eligible == 1 else 'misses'}"
        self.count_label.setText(text)
        self.rules_label.setText(
            "Graduates who completed <b>" + escape(", ".join(settings.qualifying_course_codes))
            + "</b> in residence and hold a position in a qualifying category (<b>"
            + escape(", ".join(settings.qualifying_position_categories))
            + "</b>), not on the Honor Roll and not nominated.")
        self._enable()

    def selected(self) -> EligibleRow | None:
        """The graduate selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_student(self, student_id: int) -> bool:
        """Select a graduate's line; False when they are not listed."""
        for n, row in enumerate(self.model.rows()):
            if row.student_id == student_id:
                self.table.selectRow(n)
                return True
        return False

    def nominate(self) -> None:
        """Ask to nominate the selected graduate."""
        row = self.selected()
        if row is not None:
            self.nominate_requested.emit(row)

    def _graduate(self) -> None:
        row = self.selected()
        if row is not None:
            self.graduate_requested.emit(row.student_id)

    def _enable(self) -> None:
        row = self.selected()
        self.nominate_button.setEnabled(row is not None)
        self.graduate_button.setEnabled(row is not None)
        if row is None:
            self.reason_label.setText("<i>Select a graduate to see why they qualify.</i>")
            return
        verb = "qualifies" if row.eligible else "does not qualify yet"
        declined = (f" An earlier nomination was declined on {display_date(row.declined_before)}."
                    if row.declined_before else "")
        self.reason_label.setText(f"<b>{escape(row.legal_name)}</b> {verb}: {escape(row.reason)}{escape(declined)}")
