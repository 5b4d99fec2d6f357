"""The roster's filter bar: country, region, status, funding, course and class, arrival year; combinable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLayout, QLayoutItem, QToolButton, QWidget

if TYPE_CHECKING:
    from imet_desktop.domain.overview import StudentSelection
    from imet_desktop.store.roster import RosterFilter
    from imet_desktop.store.roster_choices import RosterFilterChoices

ANY = "Any"


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line when the width runs out (so a narrow window still fits)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = sum(i.sizeHint().width() + self._spacing for i in self._items)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line_height:
                x, y = rect.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class FilterBar(QWidget):
    """One drop-down per filter; ``changed`` carries the combined filter whenever one of them changes."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self)
        self.country = self._box("filterCountry", "Country", 150)
        self.region = self._box("filterRegion", "Region", 120)
        self.status = self._box("filterStatus", "Status", 100)
        self.funding = self._box("filterFunding", "Funding", 80)
        self.course = self._box("filterCourse", "Course", 90)
        self.training_class = self._box("filterClass", "Class", 110)
        self.arrival_year = self._box("filterArrival", "Arrived", 70)
        for label, box in (("Country", self.country), ("Region", self.region), ("Status", self.status),
                           ("Funding", self.funding), ("Course", self.course), ("Class", self.training_class),
                           ("Arrived", self.arrival_year)):
            pair = QWidget()  # a caption stays with its drop-down when the bar wraps
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 4, 0)
            caption = QLabel(label)
            caption.setBuddy(box)
            row.addWidget(caption)
            row.addWidget(box)
            layout.addWidget(pair)
        # The students behind an Overview figure: shown as words, cleared with the other filters.
        self.selection: StudentSelection | None = None
        self.selection_label = QLabel()
        self.selection_label.setObjectName("filterSelection")
        self.selection_label.setStyleSheet("background: #E8F0F8; border-radius: 3px; padding: 2px 6px;")
        self.selection_label.setVisible(False)
        layout.addWidget(self.selection_label)
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setText("Clear filters")
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._classes: list[tuple[int, int, str]] = []
        self._updating = False

    def _box(self, name: str, what: str, width: int) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setToolTip(f"Show only the students of one {what.lower()}")
        box.setMinimumContentsLength(6)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumWidth(width)
        box.addItem(ANY, None)
        box.currentIndexChanged.connect(self._changed)
        return box

    def set_choices(self, choices: RosterFilterChoices) -> None:
        """Fill the drop-downs from the database, keeping what is chosen where it still exists."""
        current = self.value()
        self._updating = True
        try:
            _fill(self.country, [(f"{name} ({code})", code) for code, name in choices.countries])
            _fill(self.region, [(name, code) for code, name in choices.regions])
            _fill(self.status, [(s, s) for s in choices.statuses])
            _fill(self.funding, [(f, f) for f in choices.funding_programs])
            _fill(self.course, [(code, course_id) for course_id, code, _title in choices.courses])
            for i, (_course_id, _code, title) in enumerate(choices.courses, start=1):
                self.course.setItemData(i, title, Qt.ItemDataRole.ToolTipRole)
            self._classes = [(c.id, c.course_id, c.designator) for c in choices.classes]
            self._fill_classes()
            _fill(self.arrival_year, [(str(y), y) for y in choices.arrival_years])
            self.set_value(current)
        finally:
            self._updating = False

    def _fill_classes(self) -> None:
        course_id = self.course.currentData()
        _fill(self.training_class, [(designator, class_id) for class_id, course, designator in self._classes
                                    if course_id is None or course == course_id])

    def value(self) -> RosterFilter:
        """The filters as chosen."""
        from imet_desktop.store.roster import RosterFilter

        return RosterFilter(country_code=self.country.currentData() or "", region=self.region.currentData() or "",
                            status=self.status.currentData() or "", funding_program=self.funding.currentData() or "",
                            course_id=self.course.currentData(), class_id=self.training_class.currentData(),
                            arrival_year=self.arrival_year.currentData(), selection=self.selection)

    def set_value(self, value: RosterFilter) -> None:
        """Choose these filters (values the drop-downs do not offer become Any)."""
        blocked = self._updating
        self._updating = True
        try:
            for box, data in ((self.country, value.country_code or None), (self.region, value.region or None),
                              (self.status, value.status or None), (self.funding, value.funding_program or None),
                              (self.course, value.course_id)):
                box.setCurrentIndex(max(box.findData(data), 0))
            self._fill_classes()
            self.training_class.setCurrentIndex(max(self.training_class.findData(value.class_id), 0))
            self.arrival_year.setCurrentIndex(max(self.arrival_year.findData(value.arrival_year), 0))
            self.selection = value.selection
            self.selection_label.setText(value.selection.describe() if value.selection else "")
            self.selection_label.setVisible(value.selection is not None)
        finally:
            self._updating = blocked
        self.clear_button.setEnabled(self.value().active)

    def clear(self) -> None:
        """Every filter back to Any."""
        from imet_desktop.store.roster import NO_FILTER

        self.set_value(NO_FILTER)
        self.changed.emit(self.value())

    def _changed(self, _index: int) -> None:
        if self._updating:
            return
        if self.sender() is self.course:
            self._updating = True
            try:
                self._fill_classes()
            finally:
                self._updating = False
        value = self.value()
        self.clear_button.setEnabled(value.active)
        self.changed.emit(value)


def _fill(box: QComboBox, items: list[tuple[str, object]]) -> None:
    current = box.currentData()
    blocked = box.blockSignals(True)
    box.clear()
    box.addItem(ANY, None)
    for text, data in items:
        box.addItem(text, data)
    box.setCurrentIndex(max(box.findData(current), 0))
    box.blockSignals(blocked)
