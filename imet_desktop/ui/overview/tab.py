"""The Overview tab: the office at a glance for today or a chosen date, each figure a link to its list.

The figures come from one Qt-free function (ops.overview.overview_figures), read on the window's
database reader thread, so the tab never runs SQL and the window never waits: on the
600,000-student demo they are counted in ~0.1 s (benchmarks/overview.py). They are read again
each time the tab is shown, so an import or an edit elsewhere shows here without a restart. An
empty database shows "No students yet" with the Import and Demo actions instead of empty charts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imet_desktop import palette
from imet_desktop.domain.dates import format_date
from imet_desktop.domain.overview import (
    ARRIVING_DAYS,
    CLASS_DAYS,
    DEPARTING_DAYS,
    MONTHS,
    REPORTS_DUE_DAYS,
    TASKS_DUE_DAYS,
    Dimension,
    Overview,
    Population,
    StudentSelection,
    share,
)
from imet_desktop.ui.common.dates import DateEdit
from imet_desktop.ui.common.tab import Tab
from imet_desktop.ui.overview.charts import BarChart, HBarChart, Series
from imet_desktop.ui.overview.counting import count, outlines
from imet_desktop.ui.overview.painted import AfterPaint
from imet_desktop.ui.overview.panels import ChartPanel, FigureButton, LinkLine, Panel
from imet_desktop.ui.overview.worldmap import WorldMap, outlines_built

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

    from imet_desktop.ui.common.reader import DatabaseReader
    from imet_desktop.ui.overview.links import Link

MAP_CHOICES = (("In residence", "students in residence"), ("Alumni", "alumni"),
               ("Honor Roll", "Honor Roll members"))
BREAKDOWNS = ((Dimension.REGION, "By region"), (Dimension.COMMAND, "By combatant command"),
              (Dimension.PROGRAM, "By program"), (Dimension.SERVICE, "By service"), (Dimension.STATUS, "By status"))


def _links() -> ModuleType:
    """The links a figure opens (ui.overview.links), imported when one is first opened: their dataclasses (~4 ms)
    are not made before the first figures are painted."""
    from imet_desktop.ui.overview import links

    return links


class OverviewTab(Tab):
    """Headline figures, deadlines, the newest ceremony, charts and the map, for one date."""

    title = "Overview"
    link_activated = Signal(object)
    """A figure was opened: the Link to follow (imet_desktop.ui.overview.links)."""
    filled = Signal()
    """The figures of the current date are on screen."""
    alumni_counted = Signal()
    """The alumni by country (counted after the rest: the map's slowest figure) are on screen too."""
    painted = Signal()
    """The figures of the current date have been painted (at once when the tab is not on screen): the work that
    waits for them (the map's alumni, the window's counts and checks) starts now, not during their painting."""

    def __init__(self, parent: QWidget | None = None, *, reader: DatabaseReader | None = None,
                 today: Callable[[], dt.date] = dt.date.today, counting: dt.date | None = None,
                 kept: Overview | None = None, kept_of: Path | None = None) -> None:
        """counting: the figures of this date (for its year) were already asked of the reader, keyed "overview"
        (the window starts counting them while this tab is built); the tab takes that count over if it is the
        one it needs. kept: the figures kept from the last start on the unchanged file (ops.kept.kept_figures),
        shown at once if they are the ones needed, then counted again once painted (and replaced if they differ).
        kept_of: their file, when the tab is built before it is opened (at start): they are shown as soon as the tab
        is, and counted again once that file is set (set_database) and they are painted."""
        super().__init__(parent)
        self.setObjectName("overviewTab")
        self._reader = reader
        self._counting = None if counting is None else (counting, counting.year)
        self._kept = kept
        self._kept_of = kept_of
        self._recount: Overview | None = None  # kept figures on screen, to count again once painted
        self._early: Overview | None = None  # kept figures painted before their file was set: counted once it is
        self.today = today
        self.figures: Overview | None = None
        self._pending = False
        self._as_of = today()

        self.date_edit = DateEdit(today(), optional=False)
        self.date_edit.setObjectName("overviewDate")
        self.date_edit.setAccessibleName("Figures as of")
        self.today_button = QPushButton("Today")
        self.today_button.setObjectName("overviewToday")
        self.today_button.setToolTip("Count the figures as of today")
        self.year_box = QSpinBox()
        self.year_box.setObjectName("overviewYear")
        self.year_box.setRange(1950, 2200)
        self.year_box.setValue(today().year)
        self.year_box.setAccessibleName("Arrivals and departures of the year")
        self.print_button = QPushButton("Print…")
        self.print_button.setObjectName("overviewPrint")
        self.print_button.setToolTip("Print the overview (through the preview): 3 or 4 pages of figures and charts")
        self.status_label = QLabel()
        self.status_label.setObjectName("overviewStatus")
        self.status_label.setStyleSheet(f"color: {palette.MUTED}")
        # It gives way when the window is narrow (its text is also in the figures below).
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        as_of = QLabel("As of")
        as_of.setBuddy(self.date_edit)
        year = QLabel("Arrivals and departures of")
        year.setBuddy(self.year_box)
        for widget in (as_of, self.date_edit, self.today_button, year, self.year_box):
            top.addWidget(widget)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.print_button)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_figures())
        self.pages.addWidget(self._build_empty())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

        self.date_edit.value_changed.connect(self._date_changed)
        self.year_box.valueChanged.connect(lambda _y: self.refresh())
        self.today_button.clicked.connect(lambda: self.date_edit.set_value(self.today()))
        self.print_button.clicked.connect(self.print_view)
        self.print_button.setEnabled(False)

    @property
    def is_counting(self) -> bool:
        """True while the figures asked for are being counted (on the reader's worker), or while the figures kept from
        the last start wait for their first paint (the work that waits for the figures waits for that paint too)."""
        return self._pending or self._recount is not None

    # --- building --------------------------------------------------------------------------------------------
    def _build_figures(self) -> QWidget:
        self.tiles = {p: FigureButton(f"tile{p.name.title().replace('_', '')}") for p in (
            Population.IN_RESIDENCE, Population.ARRIVING, Population.DEPARTING, Population.NOT_YET_REPORTED)}
        for population, tile in self.tiles.items():
            tile.clicked.connect(lambda _c=False, p=population: self._open_population(p))
        self.deadlines = Panel("Deadlines")
        self.reports_overdue = LinkLine("reportsOverdue")
        self.reports_due = LinkLine("reportsDue")
        self.tasks_overdue = LinkLine("tasksOverdue")
        self.tasks_due = LinkLine("tasksDue")
        self.nominations = LinkLine("nominationsAwaiting")
        for line in (self.reports_overdue, self.reports_due, self.tasks_overdue, self.tasks_due, self.nominations):
            self.deadlines.body.addWidget(line)
        self.deadlines.body.addStretch(1)
        self.reports_overdue.clicked.connect(lambda: self.link_activated.emit(_links().ReportsLink(overdue=True)))
        self.reports_due.clicked.connect(lambda: self.link_activated.emit(_links().ReportsLink(overdue=False)))
        self.tasks_overdue.clicked.connect(self._open_tasks)
        self.tasks_due.clicked.connect(self._open_tasks)
        self.nominations.clicked.connect(lambda: self.link_activated.emit(_links().NominationsLink()))

        self.ceremony = Panel("The newest ceremony")
        self.ceremony_text = QLabel()
        self.ceremony_text.setObjectName("ceremonyState")
        self.ceremony_text.setWordWrap(True)
        self.ceremony_text.setTextFormat(Qt.TextFormat.RichText)
        self.ceremony_button = LinkLine("openCeremony")
        self.ceremony_button.setToolTip("Open the newest ceremony in the Ceremonies tab")
        self.ceremony_button.clicked.connect(self._open_ceremony)
        self.ceremony.body.addWidget(self.ceremony_text)
        self.ceremony.body.addWidget(self.ceremony_button)
        self.ceremony.body.addStretch(1)

        self.arrivals = ChartPanel("Arrivals by month", BarChart("Arrivals by month"), ["Month"], "arrivalsPanel")
        self.departures = ChartPanel("Departures by month", BarChart("Departures by month"), ["Month"],
                                     "departuresPanel")
        self.arrivals.opened.connect(lambda row, series: self._open_month(Population.ARRIVING, row, series))
        self.departures.opened.connect(lambda row, series: self._open_month(Population.DEPARTING, row, series))
        self.classes = ChartPanel(f"Classes starting in the next {CLASS_DAYS} days", HBarChart("Class fill", "seats"),
                                  ["Class", "Starts", "Seats taken", "Waiting", "Capacity", "Minimum"],
                                  "classesPanel")
        self.classes.opened.connect(self._open_class)
        key = QLabel("Blue: seats taken; light blue: waiting. Black line: capacity; dashed: the minimum to run. "
                     "Red and hatched: over capacity or below the minimum.")
        key.setObjectName("classesKey")
        key.setWordWrap(True)
        key.setStyleSheet(f"color: {palette.MUTED}")
        self.classes.body.addWidget(key)
        self.countries = ChartPanel("In residence by country", HBarChart("In residence by country"),
                                    ["Country", "In residence"], "countriesPanel")
        self.countries.opened.connect(lambda row, _s: self._open_breakdown(Dimension.COUNTRY, row))
        self.map = WorldMap()
        if self._reader is not None:
            self.map.ask_for_outlines = self._build_outlines
        self.map_panel = ChartPanel("The world", self.map, ["Country", "In residence", "Alumni", "Honor Roll"],
                                    "mapPanel")
        self.map_choice = QComboBox()
        self.map_choice.setObjectName("mapChoice")
        self.map_choice.setAccessibleName("Shade the map by")
        for label, _what in MAP_CHOICES:
            self.map_choice.addItem(label)
        self.map_panel.head.insertWidget(1, QLabel("Shade by"))
        self.map_panel.head.insertWidget(2, self.map_choice)
        self.map_choice.currentIndexChanged.connect(lambda _i: self._shade_map())
        self.map.country_clicked.connect(self._open_country)
        self.map_panel.opened.connect(lambda row, _s: self._open_country(self._country_row(row)))
        self.breakdowns: dict[Dimension, ChartPanel] = {}
        for dimension, title in BREAKDOWNS:
            panel = ChartPanel(title, HBarChart(title), [dimension.value.capitalize(), "In residence"],
                               f"{dimension.name.lower()}Panel")
            panel.opened.connect(lambda row, _s, d=dimension: self._open_breakdown(d, row))
            self.breakdowns[dimension] = panel
        self.honor_roll = ChartPanel("The Honor Roll by year and region", BarChart("Honor Roll", "inductees",
                                                                                   stacked=True),
                                     ["Year"], "honorRollPanel")
        self.honor_roll.opened.connect(self._open_honor_roll_year)

        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 6, 6)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        grid.addLayout(tiles, 0, 0, 1, 2)
        grid.addWidget(self.deadlines, 1, 0)
        grid.addWidget(self.ceremony, 1, 1)
        grid.addWidget(self.arrivals, 2, 0)
        grid.addWidget(self.departures, 2, 1)
        top = Qt.AlignmentFlag.AlignTop  # a short chart keeps its own height beside a tall one
        grid.addWidget(self.classes, 3, 0, top)
        grid.addWidget(self.countries, 3, 1, top)
        grid.addWidget(self.map_panel, 4, 0, 1, 2)
        panels = list(self.breakdowns.values()) + [self.honor_roll]
        for k, panel in enumerate(panels):
            grid.addWidget(panel, 5 + k // 2, k % 2, top if panel is not self.honor_roll else Qt.AlignmentFlag(0))
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 2)
        self.map.setMinimumHeight(self.fontMetrics().height() * 18)
        self.honor_roll.chart.setMinimumHeight(self.fontMetrics().height() * 14)
        scroll = QScrollArea()
        scroll.setObjectName("overviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    def _build_empty(self) -> QWidget:
        from imet_desktop.ui.overview.empty import build_empty

        return build_empty(self)

    # --- Tab ---------------------------------------------------------------------------------------------------
    def tables(self) -> list[QTableView]:
        return [p.table for p in self.chart_panels()]

    def chart_panels(self) -> list[ChartPanel]:
        """Every chart of the tab, in the order shown."""
        return [self.arrivals, self.departures, self.classes, self.countries, self.map_panel,
                *self.breakdowns.values(), self.honor_roll]

    def activate(self) -> None:
        # Read again every time the tab is shown: another tab may have imported or changed records.
        self._active = True
        if self.db is not None:
            self.refresh()
        elif self._kept is not None and self._kept_of is not None:  # at start, before their file is opened
            kept, self._kept = self._kept, None
            if (kept.on, kept.year) == (self.as_of(), self.year_box.value()):
                self.show_figures(kept)
                self._recount = kept

    def as_of(self) -> dt.date:
        """The date the figures are counted on (the last good date typed or picked; today at first)."""
        return self._as_of

    def _date_changed(self, day: dt.date | None) -> None:
        if day is None or day == self._as_of:
            return  # emptied (or still being typed): the figures of the last date stay
        self._as_of = day
        blocked = self.year_box.blockSignals(True)
        self.year_box.setValue(self.as_of().year)
        self.year_box.blockSignals(blocked)
        self.refresh()

    def _load(self) -> None:
        from imet_desktop.ops.overview import overview_figures

        assert self.db is not None
        on, year = self.as_of(), self.year_box.value()
        path = self.db_path
        early, self._early = self._early, None
        if early is not None and early is self.figures and (early.on, early.year) == (on, year) \
                and path is not None and self._kept_of is not None and path.resolve() == self._kept_of.resolve():
            self._behind_painted(early)  # the kept figures painted before their file was opened: counted again now
            return
        self._recount = None  # counted below: kept figures on screen (another file or date) need no recount
        self.status_label.setText(f"Counting the figures of {format_date(on)}…")
        if self._reader is not None and path is not None:
            self._pending = True
            self._reader.cancel("overview-alumni")
            ahead, self._counting = self._counting, None
            kept, self._kept = self._kept, None
            if kept is not None and (kept.on, kept.year) == (on, year):
                self._reader.cancel("overview")
                self.show_figures(kept)
                self._recount = kept
                return
            if ahead != (on, year) or not self._reader.adopt("overview", self.show_figures, self._failed):
                self._reader.submit("overview", path, lambda db: count(db, on, year, path), self.show_figures,
                                    self._failed)
        else:
            self.show_figures(overview_figures(self.db, on, year))

    def _failed(self, error: Exception) -> None:
        # Said on the tab, not in a dialog: the Overview counts on its own when it is shown (at start, after each
        # change), and a damaged file is already reported by the window's check with the offer to restore.
        from imet_desktop.ui.common.errors import failure_text

        self._pending = False
        _kind, text = failure_text(error, "counting the overview")
        self.status_label.setText(f"The figures could not be counted. {text}")
        self.status_label.setToolTip(text)

    # --- showing the figures ---------------------------------------------------------------------------------
    def show_figures(self, figures: Overview) -> None:
        """Put these figures on screen (and keep them for printing); ask for the alumni if they are still to count."""
        self._pending = False
        self.figures = figures
        if self._reader is not None:
            self._reader.cancel("overview-alumni")  # of the figures these replace: asked again for these once painted
        self.print_button.setEnabled(True)
        self.pages.setCurrentIndex(1 if figures.empty else 0)
        self.status_label.setText(f"Figures as of {format_date(figures.on)}")
        if not figures.empty:
            self._show_headline(figures)
            self._show_flows(figures)
            self._show_classes(figures)
            self._show_breakdowns(figures)
            self._shade_map()
            self._show_honor_roll(figures)
        self.filled.emit()
        page = self.pages.currentWidget()
        AfterPaint(page.widget() if isinstance(page, QScrollArea) else page, lambda: self._painted(figures))

    def _painted(self, figures: Overview) -> None:
        """The figures are on screen: the map's outlines are built now (ui.overview.counting.outlines), the alumni
        asked for (the slowest count would slow their painting), and kept figures counted again."""
        if not shiboken6.isValid(self):
            return  # the window closed meanwhile
        if self.db_path is None:  # kept figures painted before their file was opened (at start): the rest once it is
            self._early = figures
        else:
            self._behind_painted(figures)
        self.painted.emit()

    def _behind_painted(self, figures: Overview) -> None:
        """What follows the figures painted: the outlines, kept figures counted again, the alumni asked for."""
        path = self.db_path
        self._build_outlines()
        kept, self._recount = self._recount, None
        if kept is not None and kept is figures and self._reader is not None and path is not None:
            on, year = kept.on, kept.year
            self._reader.submit("overview", path, lambda db: count(db, on, year, path), self._recounted, self._failed)
        if figures is self.figures and not figures.alumni_counted and self._reader is not None and path is not None:
            from imet_desktop.ops.overview import with_alumni

            self._reader.submit("overview-alumni", path, lambda db: with_alumni(db, figures), self._alumni_counted,
                                self._failed)

    def _build_outlines(self) -> None:
        """The map's outlines built on the reader's worker (ui.overview.counting.outlines), then the map painted again;
        asked once the first figures are painted, or by the map if it is painted before (then it shows its legend)."""
        path = self.db_path
        if outlines_built() or self._reader is None or path is None or self._reader.pending("overview-outlines"):
            return

        def failed(_error: Exception) -> None:  # the map builds them itself when next painted (and says why not)
            self.map.ask_for_outlines = None
            self.map.update()

        self._reader.submit("overview-outlines", path, outlines, lambda _none: self.map.update(), failed)

    def _recounted(self, figures: Overview) -> None:
        """The figures counted again behind kept ones: shown if they differ (the file changed unseen)."""
        shown = self.figures
        if shown is None or (figures.on, figures.year) != (shown.on, shown.year):
            return  # another date was chosen meanwhile: its own count is on its way
        if figures != shown._replace(countries=figures.countries, alumni_counted=figures.alumni_counted) \
                or [(c.code, c.in_residence, c.honor_roll) for c in figures.countries] \
                != [(c.code, c.in_residence, c.honor_roll) for c in shown.countries]:
            self.show_figures(figures)

    def _alumni_counted(self, figures: Overview) -> None:
        if self.figures is None or (figures.on, figures.year) != (self.figures.on, self.figures.year):
            return  # another date was chosen meanwhile: its own count is on its way
        self.figures = figures
        self._shade_map()
        self.alumni_counted.emit()

    def _show_headline(self, o: Overview) -> None:
        for population, (words, note) in {
                Population.IN_RESIDENCE: ("in residence", f"on {format_date(o.on)}"),
                Population.ARRIVING: ("arriving", f"in the next {ARRIVING_DAYS} days"),
                Population.DEPARTING: ("departing", f"in the next {DEPARTING_DAYS} days"),
                Population.NOT_YET_REPORTED: ("not yet reported", "report date passed"),
        }.items():
            value = {Population.IN_RESIDENCE: o.in_residence, Population.ARRIVING: o.arriving,
                     Population.DEPARTING: o.departing, Population.NOT_YET_REPORTED: o.not_yet_reported}[population]
            self.tiles[population].set_figure(value, words, note)
        d = o.deadlines
        self.reports_overdue.set_figure(d.reports_overdue, "reports overdue", urgent=True)
        self.reports_due.set_figure(d.reports_due_soon, f"reports due in the next {REPORTS_DUE_DAYS} days")
        self.tasks_overdue.set_figure(d.tasks_overdue, "ceremony tasks overdue", urgent=True)
        self.tasks_due.set_figure(d.tasks_due_soon, f"ceremony tasks due in the next {TASKS_DUE_DAYS} days")
        self.nominations.set_figure(d.nominations_awaiting_clearance, "nominations awaiting clearance")
        for line in (self.tasks_overdue, self.tasks_due):
            line.setEnabled(d.task_ceremony_id is not None)
        cer = o.ceremony
        if cer is None:
            self.ceremony_text.setText("No ceremony yet.")
            self.ceremony_button.setVisible(False)
            return
        from html import escape

        self.ceremony_text.setText(
            f"<b>{escape(cer.title)}</b><br>{escape(cer.when)} · {escape(cer.status)}<br>"
            f"{cer.inductees:,} inductees ({cer.attending:,} attending in person)<br>"
            f"{cer.guests:,} guests invited, {cer.guests_accepted:,} accepted<br>"
            f"{cer.tasks_done:,} of {cer.tasks:,} tasks done"
            + (f", <b style='color:#B3261E'>{cer.tasks_overdue:,} overdue</b>" if cer.tasks_overdue else ""))
        self.ceremony_button.setVisible(True)
        self.ceremony_button.setText("Open the ceremony")
        self.ceremony_button.setAccessibleName(f"Open the ceremony {cer.title}")

    def _show_flows(self, o: Overview) -> None:
        now, before = o.flows
        for panel, kind, this_values, last_values in (
                (self.arrivals, "Arrivals", now.arrivals, before.arrivals),
                (self.departures, "Departures", now.departures, before.departures)):
            panel.set_title(f"{kind} by month: {now.year} ({sum(this_values):,}) and {before.year} "
                            f"({sum(last_values):,})")
            panel.chart.set_data(MONTHS, [Series(str(now.year), this_values, palette.THIS_YEAR),
                                          Series(str(before.year), last_values, palette.LAST_YEAR)])
            panel.model.set_headers(["Month", str(now.year), str(before.year)])
            panel.set_rows([(m, a, b) for m, a, b in zip(MONTHS, this_values, last_values, strict=True)])

    def _show_classes(self, o: Overview) -> None:
        classes = o.classes
        self.classes.chart.set_data(
            [c.designator for c in classes], [c.taken for c in classes], waiting=[c.waitlisted for c in classes],
            capacity=[c.capacity for c in classes], minimum=[c.minimum for c in classes],
            alerts=["over capacity" if c.over_capacity else "below minimum" if c.under_minimum else ""
                    for c in classes])
        self.classes.set_title(f"Classes starting in the next {CLASS_DAYS} days ({len(classes)})")
        self.classes.set_rows([(c.designator, format_date(c.start_date), c.taken, c.waitlisted,
                                "no limit" if c.capacity is None else c.capacity, c.minimum) for c in classes])

    def _show_breakdowns(self, o: Overview) -> None:
        countries = o.breakdown(Dimension.COUNTRY)
        self.countries.set_title(f"In residence by country ({o.in_residence:,})")
        self.countries.chart.set_data([c.label for c in countries.counts], [c.value for c in countries.counts],
                                      muted=[c.others for c in countries.counts])
        self.countries.set_rows([(c.label, c.value) for c in countries.counts])
        for dimension, panel in self.breakdowns.items():
            counts = o.breakdown(dimension).counts
            panel.chart.set_data([c.label for c in counts], [c.value for c in counts],
                                 muted=[c.others for c in counts])
            panel.set_rows([(c.label, c.value) for c in counts])

    def _shade_map(self) -> None:
        o = self.figures
        if o is None:
            return
        index = self.map_choice.currentIndex()
        counting = index == 1 and not o.alumni_counted
        values = {} if counting else {c.code: (c.in_residence, c.alumni, c.honor_roll)[index] for c in o.countries}
        what = MAP_CHOICES[index][1] + (" (counting…)" if counting else "")
        self.map.set_data(values, {c.code: c.name for c in o.countries}, what)
        self.map_panel.set_title(f"The world: {what}")
        self.map_panel.set_rows([(c.name, c.in_residence, c.alumni if o.alumni_counted else "…", c.honor_roll)
                                 for c in o.countries])

    def _show_honor_roll(self, o: Overview) -> None:
        h = o.honor_roll
        series = [Series(name, tuple(row[j] for row in h.counts), palette.series(j))
                  for j, name in enumerate(h.region_names)]
        self.honor_roll.chart.set_data([str(y) for y in h.years], series)
        self.honor_roll.set_title(f"The Honor Roll: {h.total:,} inductees by year and region")
        self.honor_roll.model.set_headers(["Year", *h.region_names, "All"])
        self.honor_roll.set_rows([(str(y), *row, sum(row)) for y, row in zip(h.years, h.counts, strict=True)])
        totals = h.by_region()
        self.honor_roll.set_table_tip("; ".join(f"{name}: {n:,} ({share(n, h.total)})"
                                                for name, n in zip(h.region_names, totals, strict=True)))

    # --- following a figure to its list -----------------------------------------------------------------------
    def _open(self, link: Link) -> None:
        self.link_activated.emit(link)

    def _open_population(self, population: Population) -> None:
        if self.figures is not None:
            self._open(_links().StudentsLink(self.figures.selection(population)))

    def _open_month(self, population: Population, month: int, series: int) -> None:
        if self.figures is not None:
            self._open(_links().StudentsLink(self.figures.flows[series].selection(population, month)))

    def _open_breakdown(self, dimension: Dimension, row: int) -> None:
        if self.figures is None:
            return
        breakdown = self.figures.breakdown(dimension)
        if 0 <= row < len(breakdown.counts):
            self._open(_links().StudentsLink(breakdown.selection(breakdown.counts[row])))

    def _open_class(self, row: int, _series: int = 0) -> None:
        if self.figures is not None and 0 <= row < len(self.figures.classes):
            self._open(_links().ClassLink(self.figures.classes[row].class_id))

    def _open_tasks(self) -> None:
        if self.figures is not None and self.figures.deadlines.task_ceremony_id is not None:
            self._open(_links().CeremonyLink(self.figures.deadlines.task_ceremony_id, tasks=True))

    def _open_ceremony(self) -> None:
        if self.figures is not None and self.figures.ceremony is not None:
            self._open(_links().CeremonyLink(self.figures.ceremony.ceremony_id))

    def _country_row(self, row: int) -> str:
        countries = self.figures.countries if self.figures is not None else ()
        return countries[row].code if 0 <= row < len(countries) else ""

    def _open_country(self, code: str) -> None:
        if self.figures is None or not code:
            return
        index = self.map_choice.currentIndex()
        if index == 2:
            self._open(_links().HonorRollLink(country_code=code))
            return
        population = Population.ALUMNI if index == 1 else Population.IN_RESIDENCE
        base = self.figures.selection(Population.IN_RESIDENCE)
        name = next((c.name for c in self.figures.countries if c.code == code), code)
        self._open(_links().StudentsLink(StudentSelection(population, base.start, base.end, Dimension.COUNTRY, (code,),
                                                 label=name)))

    def _open_honor_roll_year(self, row: int, _series: int = 0) -> None:
        if self.figures is not None and 0 <= row < len(self.figures.honor_roll.years):
            self._open(_links().HonorRollLink(year=self.figures.honor_roll.years[row]))

    # --- paper ------------------------------------------------------------------------------------------------
    def print_text(self) -> str:
        return "Print the overview…"

    def print_view(self) -> None:
        """File ▸ Print the overview (Ctrl+P here, and File ▸ Print overview anywhere): through the preview.

        While the figures are still being counted, the preview follows as soon as they are on screen.
        """
        if self.figures is None or self._pending:
            self.filled.connect(self.print_overview, Qt.ConnectionType.SingleShotConnection)
            if not self._pending:
                self.ensure_loaded()
            return
        self.print_overview()

    def print_overview(self) -> None:
        """Print the figures on screen through the print preview (3 or 4 pages: ui.overview.printing)."""
        from imet_desktop.ui.overview.printing import print_figures

        if self.figures is not None and self.db is not None and self.db_path is not None:
            print_figures(self, self.figures, self.db, self.db_path)
