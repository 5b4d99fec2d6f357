"""The right of the assignment view: the chosen class, its seats, its roster, a seat offered, what acts on it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imet_desktop.ui.common.tables import make_table
from imet_desktop.ui.courses.common import ClassCombo, DropTarget, enable_drag, reselect
from imet_desktop.ui.courses.models import STUDENT_IDS_MIME, ClassRosterModel

if TYPE_CHECKING:
    from imet_desktop.domain.records import Course
    from imet_desktop.store.class_lists import RosterEntry
    from imet_desktop.store.courses import ClassRow
    from imet_desktop.store.seats import ClassSeats

FULL = QColor("#B3261E")
NEARLY_FULL = QColor("#C77700")
ROOM = QColor("#2E7D32")


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 22nd…"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class ClassPanel(QWidget):
    """The class chooser, the class's facts and seat gauge, the banner of a seat offered, the roster and its buttons.

    It only shows; the assignment view connects its buttons and menu actions and does the work.
    Students dropped on the roster go to ``on_drop``.
    """

    def __init__(self, on_drop: Callable[[QMimeData], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.class_combo = ClassCombo()
        self.class_combo.setObjectName("classCombo")
        self.class_info = QLabel()
        self.class_info.setObjectName("classInfo")
        self.class_info.setWordWrap(True)
        self.gauge = QProgressBar()
        self.gauge.setObjectName("capacityGauge")
        self.gauge.setTextVisible(True)
        self.gauge.setMaximumHeight(18)
        self.seats_label = QLabel()
        self.seats_label.setObjectName("seatsLabel")
        self.model = ClassRosterModel(self)
        self.table = make_table(self.model, ClassRosterModel.COLUMNS, name="classRosterTable")
        enable_drag(self.table)
        self.drop = DropTarget(self.table, STUDENT_IDS_MIME, on_drop)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._build_offer_banner()
        self._build_buttons()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        class_row = QHBoxLayout()
        class_row.addWidget(QLabel("<b>Class</b>"))
        class_row.addWidget(self.class_combo, 1)
        layout.addLayout(class_row)
        layout.addWidget(self.class_info)
        gauge_row = QHBoxLayout()
        gauge_row.addWidget(self.gauge, 1)
        gauge_row.addWidget(self.seats_label)
        layout.addLayout(gauge_row)
        layout.addWidget(self.offer_banner)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for w in (self.unassign_button, self.move_button, self.seminar_button, self.outcome_button,
                  self.graduate_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        layout.addLayout(buttons)

    def _build_offer_banner(self) -> None:
        self.offer_banner = QFrame()
        self.offer_banner.setObjectName("offerBanner")
        self.offer_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.offer_banner.setStyleSheet("#offerBanner { background: #FFF4D6; border: 1px solid #E0B84C; }")
        self.offer_label = QLabel()
        self.offer_label.setObjectName("offerLabel")
        self.offer_label.setWordWrap(True)
        self.accept_button = QPushButton("Accept seat")
        self.accept_button.setObjectName("acceptSeat")
        self.decline_button = QPushButton("Decline")
        self.decline_button.setObjectName("declineSeat")
        banner = QHBoxLayout(self.offer_banner)
        banner.setContentsMargins(8, 4, 8, 4)
        banner.addWidget(self.offer_label, 1)
        banner.addWidget(self.accept_button)
        banner.addWidget(self.decline_button)
        self.offer_banner.hide()

    def _build_buttons(self) -> None:
        self.unassign_button = QPushButton("Unassign")
        self.unassign_button.setObjectName("unassignButton")
        self.unassign_button.setToolTip("Take the selected students out of the class or its waitlist "
                                        "(or drag them back to the left)")
        self.move_button = QPushButton("Move to…")
        self.move_button.setObjectName("moveButton")
        self.outcome_button = QPushButton("Outcome…")
        self.outcome_button.setObjectName("outcomeButton")
        self.outcome_button.setToolTip("Completed, withdrawn or eliminated, with the date and a note")
        self.graduate_button = QPushButton("Graduate class…")
        self.graduate_button.setObjectName("graduateButton")
        self.seminar_button = QToolButton()
        self.seminar_button.setObjectName("seminarButton")
        self.seminar_button.setText("Seminar")
        self.seminar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        seminar_menu = QMenu(self.seminar_button)
        self.seminar_action = seminar_menu.addAction("Put the selected in a seminar…")
        self.spread_action = seminar_menu.addAction("Spread students without a seminar over the seminars")
        self.seminar_button.setMenu(seminar_menu)
        self.print_button = QToolButton()
        self.print_button.setObjectName("printButton")
        self.print_button.setText("Print")
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        print_menu = QMenu(self.print_button)
        self.print_roster_action = print_menu.addAction("Class roster…")
        self.print_roster_personal_action = print_menu.addAction(
            "Class roster with dates of birth and passports (CUI)…")
        print_menu.addSeparator()
        self.print_certificates_action = print_menu.addAction("Completion certificates of the graduates…")
        print_menu.addSeparator()
        self.print_report_action = print_menu.addAction("Academic report of the selected students…")
        self.print_class_reports_action = print_menu.addAction("Academic reports of the whole class…")
        self.print_button.setMenu(print_menu)

    # --- showing --------------------------------------------------------------------------------------------
    def show_no_class(self) -> None:
        """Nothing to show: the catalogue has no class yet."""
        self.model.set_rows([])
        self.class_info.setText("No classes yet: add one in the catalogue.")
        self.gauge.hide()
        self.seats_label.setText("")
        self.offer_banner.hide()

    def show_class(self, course: Course, klass: ClassRow, entries: list[RosterEntry], seats: ClassSeats) -> None:
        """Show a class: its course's facts, its seats, its roster (the selection kept) and any seat offered."""
        selected = set(self.selected_enrollment_ids())
        self.model.set_rows(entries)
        reselect(self.table, [e.enrollment_id for e in entries], selected)
        parts = [f"<b>{escape(course.code)}</b> {escape(course.title)}"]
        parts.append(f"minimum ECL {course.min_ecl}" if course.min_ecl is not None else "no ECL minimum")
        if course.prerequisite_codes:
            parts.append("requires " + ", ".join(escape(c) for c in course.prerequisite_codes))
        if klass.location:
            parts.append(escape(klass.location))
        self.class_info.setText("  ·  ".join(parts))
        self._show_seats(seats)
        self._show_offer(entries)

    def _show_seats(self, seats: ClassSeats) -> None:
        parts = [f"{seats.enrolled} enrolled"]
        if seats.completed:
            parts.append(f"{seats.completed} completed")
        if seats.waitlisted:
            parts.append(f"{seats.waitlisted} waitlisted")
        if seats.offered:
            parts.append(f"{seats.offered} seat{'s' if seats.offered > 1 else ''} offered")
        if seats.capacity is None:
            self.gauge.hide()
            parts.append("no seat limit")
        else:
            self.gauge.show()
            self.gauge.setRange(0, max(1, seats.capacity))
            self.gauge.setValue(min(seats.taken, seats.capacity))
            self.gauge.setFormat(f"{seats.taken} of {seats.capacity} seats taken")
            share = seats.taken / seats.capacity if seats.capacity else 1.0
            colour = FULL if share >= 1 else NEARLY_FULL if share >= 0.9 else ROOM
            palette = self.gauge.palette()
            palette.setColor(QPalette.ColorRole.Highlight, colour)
            self.gauge.setPalette(palette)
            parts.append("full" if seats.free == 0 else f"{seats.free} free")
        self.seats_label.setText(" · ".join(parts))

    def _show_offer(self, entries: list[RosterEntry]) -> None:
        offers = [e for e in entries if e.seat_offered]
        if not offers:
            self.offer_banner.hide()
            return
        first = offers[0]
        more = f" ({len(offers) - 1} more offer{'s' if len(offers) > 2 else ''} below)" if len(offers) > 1 else ""
        self.offer_label.setText(
            f"A seat is free. It is offered to <b>{escape(first.legal_name)}</b>, "
            f"{ordinal(first.waitlist_position or 1)} on the waitlist{more}. Record the answer:")
        self.offer_banner.show()

    # --- the selection --------------------------------------------------------------------------------------
    def selected_entries(self) -> list[RosterEntry]:
        """The roster lines selected."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows if r < self.model.rowCount()]

    def selected_enrollment_ids(self) -> list[int]:
        """The enrollments selected."""
        return [e.enrollment_id for e in self.selected_entries()]

    def select(self, enrollment_ids: list[int]) -> None:
        """Select these enrollments."""
        self.table.clearSelection()
        reselect(self.table, [e.enrollment_id for e in self.model.rows()], set(enrollment_ids))
