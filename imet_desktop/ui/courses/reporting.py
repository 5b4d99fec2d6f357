"""The reporting clock: arrivals, status changes and completions, when each report is due, and what is late."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from imet_desktop.domain.overview import REPORTS_DUE_DAYS
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.formatting import count_text, display_date
from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.courses.common import CourseView
from imet_desktop.ui.courses.follow_up_dialogs import ReportingRulesDialog
from imet_desktop.ui.courses.models import ReportLine, ReportsModel

OVERDUE_AND_THIS_WEEK = "Overdue and due this week"
ALL_PENDING = "Everything not yet reported"
FILED = "Already reported"
EVERYTHING = "Everything since the clock's start"
OVERDUE = "Overdue"
DUE_SOON = "Due in the next 7 days"  # the Overview's "reports due" (domain.overview.REPORTS_DUE_DAYS)


class ReportingView(CourseView):
    """What must be reported by when (working days, skipping weekends and federal holidays)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = dt.date.today
        self.summary = QLabel()
        self.summary.setObjectName("reportingSummary")
        self.rules_label = QLabel()
        self.rules_label.setObjectName("reportingRules")
        self.rules_label.setStyleSheet("color: #5A5A5A")
        self.rules_label.setWordWrap(True)
        self.show_filter = QComboBox()
        self.show_filter.setObjectName("reportFilter")
        self.show_filter.addItems([OVERDUE_AND_THIS_WEEK, OVERDUE, DUE_SOON, ALL_PENDING, FILED, EVERYTHING])
        self.show_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = ReportsModel(self)
        self.table = make_table(self.model, ReportsModel.COLUMNS, name="reportsTable")
        self.mark_button = QPushButton("Mark reported today")
        self.mark_button.setObjectName("markReported")
        self.mark_button.setToolTip("Record the selected reports as sent today, under your user name")
        self.unmark_button = QPushButton("Not reported after all")
        self.unmark_button.setObjectName("unmarkReported")
        self.rules_button = QPushButton("Working days…")
        self.rules_button.setObjectName("reportingRulesButton")
        self.mark_button.clicked.connect(self.mark_selected)
        self.unmark_button.clicked.connect(self.unmark_selected)
        self.rules_button.clicked.connect(self.edit_rules)

        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(QLabel("Show"))
        head.addWidget(self.show_filter)
        head.addWidget(self.rules_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.unmark_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def tables(self) -> list[QTableView]:
        return [self.table]

    def _load(self) -> None:
        from imet_desktop.store.reports import Urgency, load_reporting_rules, reports

        assert self.db is not None
        today = self.today()
        rules = load_reporting_rules(self.db)
        found = reports(self.db, today, rules)
        shown = self.show_filter.currentText()
        if shown == DUE_SOON:
            found_shown = [r for r in found if r.due_within(today, REPORTS_DUE_DAYS)]
        else:
            wanted = {
                OVERDUE_AND_THIS_WEEK: {Urgency.OVERDUE, Urgency.DUE_THIS_WEEK},
                OVERDUE: {Urgency.OVERDUE},
                ALL_PENDING: {Urgency.OVERDUE, Urgency.DUE_THIS_WEEK, Urgency.LATER},
                FILED: {Urgency.FILED},
                EVERYTHING: set(Urgency),
            }[shown]
            found_shown = [r for r in found if r.urgency(today) in wanted]
        lines = [ReportLine(r, r.when_text(today), r.urgency(today) is Urgency.OVERDUE) for r in found_shown]
        if shown == FILED:
            lines.reverse()  # the latest first
        self.model.set_rows(lines)
        overdue = sum(1 for r in found if r.urgency(today) is Urgency.OVERDUE)
        this_week = sum(1 for r in found if r.urgency(today) is Urgency.DUE_THIS_WEEK)
        colour = "#B3261E" if overdue else "#1B1B1B"
        self.summary.setText(f"<b style='color:{colour}'>{overdue} overdue</b> · <b>{this_week} due this week</b>"
                             f" · today is {display_date(today)}")
        self.rules_label.setText(
            f"Reports are due within {count_text(rules.arrival_days, 'working day')} of an arrival, "
            f"{rules.status_change_days} of a status change and {rules.completion_days} of a completion "
            f"(weekends and US federal holidays do not count). Events since "
            f"{display_date(rules.since(today))}.")
        self._update_buttons()

    def show_reports(self, overdue: bool) -> None:
        """List the overdue reports, or those due in the next days (what the Overview counts)."""
        wanted = OVERDUE if overdue else DUE_SOON
        if self.show_filter.currentText() != wanted:
            self.show_filter.setCurrentText(wanted)  # reads the reports again
        elif self.db is not None:
            self.refresh()

    def selected_lines(self) -> list[ReportLine]:
        """The reports selected in the list."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    def _update_buttons(self) -> None:
        lines = self.selected_lines()
        self.mark_button.setEnabled(any(line.report.filed_on is None for line in lines))
        self.unmark_button.setEnabled(any(line.report.filed_on is not None for line in lines))

    def mark_selected(self) -> int:
        """Record the selected reports as filed today."""
        from imet_desktop.store.reports import mark_reported

        if self.db is None:
            return 0
        try:
            n = mark_reported(self.db, [line.report for line in self.selected_lines()], self.today())
        except Exception as e:
            show_failure(self, "Not recorded", e, doing="marking the reports as sent")
            return 0
        self.status(f"{count_text(n, 'report')} marked as sent today.")
        self.changed.emit()
        self.refresh()
        return n

    def unmark_selected(self) -> None:
        """Take back reports marked as filed by mistake."""
        from imet_desktop.store.reports import unmark_reported

        if self.db is None:
            return
        unmark_reported(self.db, [line.report for line in self.selected_lines() if line.report.filed_on])
        self.changed.emit()
        self.refresh()

    def edit_rules(self) -> None:
        """Change the working days allowed per report, and the clock's start."""
        from imet_desktop.store.reports import load_reporting_rules, save_reporting_rules

        if self.db is None:
            return
        answer = ReportingRulesDialog.ask(self, load_reporting_rules(self.db), self.today())
        if answer is None:
            return
        try:
            save_reporting_rules(self.db, answer)
        except Exception as e:
            show_failure(self, "Reporting rules not saved", e, doing="saving the reporting rules")
            return
        self.refresh()
