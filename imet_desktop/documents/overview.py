"""The Overview on paper: three or four pages of figures, tables and charts for the commandant.

Drawn from the same ``Overview`` record as the tab and the spreadsheet: page 1 the headline, the
deadlines, the newest ceremony and the residents by country; page 2 the residents by region,
command, program, status and service, and arrivals and departures by month; page 3 the classes of
the coming 90 days and the Honor Roll by year and region; page 4 (when any country has a figure)
the world map shaded by students in residence (documents.overview_map, from projected shapes passed
in as plain data) above every country's residents, alumni and Honor Roll members. Charts are ``reportlab.graphics`` bar
charts in the Okabe–Ito palette (imet_desktop.palette); each has its figures written on it or in a
table beside it, so the page reads in greyscale. Category names are drawn by documents.fonts,
which picks a font per script. Figures are not personal data: no page carries the CUI marking.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib.colors import Color, HexColor, white

from imet_desktop import palette
from imet_desktop.documents import fonts
from imet_desktop.documents.common import GOLD, GREY, INK, NAVY, RULE, Output, Progress, open_canvas, page_size, tick
from imet_desktop.documents.data import SchoolInfo
from imet_desktop.documents.overview_map import world_map
from imet_desktop.domain.dates import format_date
from imet_desktop.domain.overview import (
    ARRIVING_DAYS,
    CLASS_DAYS,
    DEPARTING_DAYS,
    MONTHS,
    REPORTS_DUE_DAYS,
    TASKS_DUE_DAYS,
    ClassFill,
    Dimension,
    Overview,
    axis_top,
)
from imet_desktop.domain.world import World

MARGIN = 42.0
MAX_CLASSES = 18  # more than fit on page 3 are named in a line below the table
COUNTRY_SIZE = 7.5
FOOT = 50.0  # the lowest a table on page 4 may reach (above the footer and the "more countries" line)
MAP_HEIGHT = (120.0, 200.0)  # the world map on page 4: its least and most height
STRIPE = HexColor("#F1F3F8")


def _colour(hex_colour: str) -> Color:
    return HexColor(hex_colour)


class _Page:
    """Where the next thing goes on the page being drawn."""

    def __init__(self, c: Any, width: float, height: float) -> None:
        self.c, self.width, self.height = c, width, height
        self.y = height - 96

    @property
    def inner(self) -> float:
        return self.width - 2 * MARGIN


def texts(o: Overview, school: SchoolInfo) -> Iterator[tuple[str, str, str]]:
    """Every text the report prints (for the pre-print check): (record, field, text)."""
    yield "Overview", "office", o.office
    yield "Overview", "parent organisation", school.parent_organisation
    for breakdown in o.breakdowns:
        for count in breakdown.counts:
            yield f"In residence by {breakdown.dimension.value}", "name", count.label
    for c in o.classes:
        yield "Class", "designator", c.designator
    if o.ceremony is not None:
        yield "Ceremony", "title", o.ceremony.title
    for country in o.countries:
        yield "Country", "name", country.name


# --- the frame of every page -------------------------------------------------------------------------------

def _frame(page: _Page, o: Overview, school: SchoolInfo, number: int, total: int, prepared_by: str) -> None:
    c = page.c
    c.setFillColor(NAVY)
    title = f"Overview of the {o.office}" if o.office else "Overview of the office"
    fonts.draw_text(c, MARGIN, page.height - 50, title, fonts.fit_size(title, 15, page.inner - 80, fonts.SANS_BOLD),
                    "left", fonts.SANS_BOLD)
    c.setFillColor(GREY)
    sub = "  ·  ".join(p for p in (school.parent_organisation, f"as of {format_date(o.on)}",
                                   f"arrivals and departures {o.year} and {o.year - 1}") if p)
    fonts.draw_text(c, MARGIN, page.height - 66, sub, fonts.fit_size(sub, 9, page.inner - 80), "left", fonts.SANS)
    fonts.draw_text(c, page.width - MARGIN, page.height - 50, f"Page {number} of {total}", 9, "right", fonts.SANS)
    c.setStrokeColor(GOLD)
    c.setLineWidth(0.8)
    c.line(MARGIN, page.height - 76, page.width - MARGIN, page.height - 76)
    c.line(MARGIN, 38, page.width - MARGIN, 38)
    footer = "Figures only: this report holds no personal data."
    if prepared_by:
        footer = f"Prepared by {prepared_by}. {footer}"
    fonts.draw_text(c, MARGIN, 27, footer, 7.5, "left", fonts.SANS)
    fonts.draw_text(c, page.width - MARGIN, 27, f"Colours: {palette.PALETTE_NAME} palette", 7.5, "right",
                    fonts.SANS)


def _heading(page: _Page, text: str, x: float | None = None, y: float | None = None) -> float:
    """A section heading; returns the baseline below it."""
    c = page.c
    c.setFillColor(NAVY)
    top = page.y if y is None else y
    fonts.draw_text(c, MARGIN if x is None else x, top - 12, text, 11, "left", fonts.SANS_BOLD)
    return top - 20


def _table(page: _Page, x: float, y: float, widths: Sequence[float], header: Sequence[str],
           rows: Sequence[Sequence[str]], size: float = 8.5, pad: float = 5.5) -> float:
    """A small table: a navy header row, striped rows, numbers right-aligned (all but the first column).
    Returns the y below it."""
    c = page.c
    row_h = size + pad
    total_w = sum(widths)
    c.setFillColor(NAVY)
    c.rect(x, y - row_h, total_w, row_h, stroke=0, fill=1)
    c.setFillColor(white)
    _row(c, x, y - row_h + pad - 1.5, widths, header, size, fonts.SANS_BOLD)
    y -= row_h
    for i, row in enumerate(rows):
        if i % 2:
            c.setFillColor(STRIPE)
            c.rect(x, y - row_h, total_w, row_h, stroke=0, fill=1)
        c.setFillColor(INK)
        _row(c, x, y - row_h + pad - 1.5, widths, row, size, fonts.SANS)
        y -= row_h
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    c.line(x, y, x + total_w, y)
    return y - 6


def _row(c: Any, x: float, baseline: float, widths: Sequence[float], cells: Sequence[str], size: float,
         style: str) -> None:
    for n, (width, text) in enumerate(zip(widths, cells, strict=True)):
        if not text:
            x += width
            continue
        room = width - 6
        fitted = fonts.fit_size(text, size, room, style, 5.5)
        if n == 0:
            fonts.draw_text(c, x + 3, baseline, text, fitted, "left", style)
        else:
            fonts.draw_text(c, x + width - 3, baseline, text, fitted, "right", style)
        x += width


# --- charts ---------------------------------------------------------------------------------------------

def _value_axis(axis: Any, top: float, step: float) -> None:
    axis.valueMin, axis.valueMax, axis.valueStep = 0, top, step
    axis.labels.fontName = fonts.font_name(fonts.SANS)
    axis.labels.fontSize = 7
    axis.labelTextFormat = lambda v: f"{v:,.0f}"
    axis.visibleGrid = 1
    axis.gridStrokeColor = _colour(palette.GRID)
    axis.gridStrokeWidth = 0.4
    axis.strokeColor = _colour(palette.MUTED)


def _hbars(page: _Page, x: float, y: float, width: float, labels: Sequence[str], values: Sequence[int],
           *, label_width: float = 120, waiting: Sequence[int] = (), alerts: Sequence[str] = (),
           capacity: Sequence[int | None] = (), minimum: Sequence[int | None] = (), muted: Sequence[bool] = (),
           bar: float = 11.0) -> float:
    """A horizontal bar chart, one bar per label (top to bottom), its figure at the bar's end; the bars
    keep their thickness whatever their number. Waiting seats stack after the bar; capacity (solid) and
    minimum (dashed) are marks across it; an alert bar is red, outlined, and says why. Returns the y below."""
    n = len(labels)
    if n == 0:
        return y
    plot_h = n * (bar + 4)
    height = plot_h + 18
    totals = [v + (waiting[i] if waiting else 0) for i, v in enumerate(values)]
    limits = [m for m in (*capacity, *minimum) if m is not None]
    top, step = axis_top(max([*totals, *limits, 1]))
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 14
    chart.width, chart.height = width - label_width - 80, plot_h
    chart.data = [list(values), list(waiting)] if waiting else [list(values)]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [""] * n
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.visibleTicks = 0
    chart.categoryAxis.strokeColor = _colour(palette.MUTED)
    chart.barSpacing, chart.groupSpacing = 0, 4
    _value_axis(chart.valueAxis, top, step)
    chart.bars[0].fillColor = _colour(palette.BAR)
    chart.bars[0].strokeColor = None
    if waiting:
        chart.bars[1].fillColor = _colour(palette.WAITING)
        chart.bars[1].strokeColor = None
    for i, grey in enumerate(muted):
        if grey:  # "Others": many groups in one bar, set apart from the named ones
            chart.bars[(0, i)].fillColor = _colour(palette.MUTED)
    for i, alert in enumerate(alerts):
        if alert:
            chart.bars[(0, i)].fillColor = _colour(palette.ALERT)
            chart.bars[(0, i)].strokeColor = _colour(palette.BLACK)
            chart.bars[(0, i)].strokeWidth = 1.2
    drawing = Drawing(width, height)
    drawing.add(chart)
    band = plot_h / n
    scale = chart.width / top
    for i in range(n):
        middle = chart.y + plot_h - (i + 0.5) * band
        for limit, dashed in ((capacity[i] if capacity else None, False), (minimum[i] if minimum else None, True)):
            if limit is not None:
                mark = Line(chart.x + limit * scale, middle - band / 2 + 1, chart.x + limit * scale,
                            middle + band / 2 - 1, strokeColor=_colour(palette.BLACK), strokeWidth=1.4)
                if dashed:
                    mark.strokeDashArray = [2, 1.5]
                drawing.add(mark)
        figure = f"{totals[i]:,}" if not waiting else f"{values[i]:,}" + (f" + {waiting[i]:,}" if waiting[i] else "")
        if alerts and alerts[i]:
            figure += f"  {alerts[i]}"
        drawing.add(String(chart.x + totals[i] * scale + 4, middle - 2.5, figure,
                           fontName=fonts.font_name(fonts.SANS_BOLD if alerts and alerts[i] else fonts.SANS),
                           fontSize=7.5, fillColor=_colour(palette.INK)))
    renderPDF.draw(drawing, page.c, x, y - height)
    page.c.setFillColor(INK)
    for i, label in enumerate(labels):
        middle = y - height + chart.y + plot_h - (i + 0.5) * band
        size = fonts.fit_size(label, 8, label_width - 8, fonts.SANS, 5.5)
        fonts.draw_text(page.c, x + label_width - 5, middle - 2.8, label, size, "right", fonts.SANS)
    return y - height - 4


def _legend(page: _Page, x: float, y: float, items: Sequence[tuple[str, str]]) -> float:
    """Colour swatches with their names in one line; returns the x after the last."""
    c = page.c
    for colour, name in items:
        c.setFillColor(_colour(colour))
        c.rect(x, y - 1, 8, 8, stroke=0, fill=1)
        c.setFillColor(INK)
        x += 11 + fonts.draw_text(c, x + 11, y, name, 7.5, "left", fonts.SANS) + 10
    return x


def _vbars(page: _Page, x: float, y: float, width: float, height: float, categories: Sequence[str],
           series: Sequence[Sequence[int]], colours: Sequence[str], *, stacked: bool = False,
           label_bars: bool = True) -> float:
    """A vertical bar chart (grouped, or stacked); bars keep a sensible width when there are few
    categories. Returns the y below."""
    n = len(categories)
    totals = [sum(s[i] for s in series) if stacked else max(s[i] for s in series) for i in range(n)]
    top, step = axis_top(max([*totals, 1]))
    # Bars at most 16 points wide, whatever the number of categories: one year alone is not a slab.
    widest = (16.0 * (1 if stacked else len(series)) + 8) * n
    plot_w = min(width - 40, max(widest, 60.0))
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 16
    chart.width, chart.height = plot_w, height - 24
    chart.data = [list(s) for s in series]
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = fonts.font_name(fonts.SANS)
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.strokeColor = _colour(palette.MUTED)
    chart.categoryAxis.visibleTicks = 0
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.barSpacing, chart.groupSpacing = 1, 4
    _value_axis(chart.valueAxis, top, step)
    for i, colour in enumerate(colours):
        chart.bars[i].fillColor = _colour(colour)
        chart.bars[i].strokeColor = white if stacked else None
        chart.bars[i].strokeWidth = 0.4
    if label_bars and not stacked:
        chart.barLabelFormat = lambda v: f"{v:,.0f}" if v else ""
        chart.barLabels.fontName = fonts.font_name(fonts.SANS)
        chart.barLabels.fontSize = 6
        chart.barLabels.nudge = 5
    drawing = Drawing(width, height)
    drawing.add(chart)
    if not any(totals):
        drawing.add(String(chart.x + plot_w / 2, chart.y + chart.height / 2, "none", textAnchor="middle",
                           fontName=fonts.font_name(fonts.SANS), fontSize=9, fillColor=_colour(palette.MUTED)))
    renderPDF.draw(drawing, page.c, x, y - height)
    return y - height - 4


# --- the pages ------------------------------------------------------------------------------------------

def _tile(page: _Page, x: float, width: float, figure: int, what: str, note: str) -> None:
    c = page.c
    c.setFillColor(STRIPE)
    c.setStrokeColor(RULE)
    c.roundRect(x, page.y - 58, width, 58, 4, stroke=1, fill=1)
    c.setFillColor(NAVY)
    fonts.draw_text(c, x + 10, page.y - 28, f"{figure:,}", 22, "left", fonts.SANS_BOLD)
    c.setFillColor(INK)
    fonts.draw_text(c, x + 10, page.y - 42, what, fonts.fit_size(what, 9, width - 20, fonts.SANS_BOLD), "left",
                    fonts.SANS_BOLD)
    c.setFillColor(GREY)
    fonts.draw_text(c, x + 10, page.y - 52, note, fonts.fit_size(note, 7, width - 20), "left", fonts.SANS)


def _page_glance(page: _Page, o: Overview) -> None:
    gap = 10.0
    width = (page.inner - 3 * gap) / 4
    for i, (figure, what, note) in enumerate((
            (o.in_residence, "in residence", f"on {format_date(o.on)}"),
            (o.arriving, "arriving", f"in the next {ARRIVING_DAYS} days"),
            (o.departing, "departing", f"in the next {DEPARTING_DAYS} days"),
            (o.not_yet_reported, "not yet reported", "report date passed"))):
        _tile(page, MARGIN + i * (width + gap), width, figure, what, note)
    page.y -= 76
    half = (page.inner - 20) / 2
    top = page.y
    y = _heading(page, "Deadlines")
    d = o.deadlines
    y = _table(page, MARGIN, y, [half - 60, 60], ["What", "How many"], [
        ["Reports overdue", f"{d.reports_overdue:,}"],
        [f"Reports due in the next {REPORTS_DUE_DAYS} days", f"{d.reports_due_soon:,}"],
        ["Ceremony tasks overdue", f"{d.tasks_overdue:,}"],
        [f"Ceremony tasks due in the next {TASKS_DUE_DAYS} days", f"{d.tasks_due_soon:,}"],
        ["Nominations awaiting clearance", f"{d.nominations_awaiting_clearance:,}"]])
    x = MARGIN + half + 20
    y2 = _heading(page, "The newest ceremony", x=x, y=top)
    cer = o.ceremony
    if cer is None:
        page.c.setFillColor(GREY)
        fonts.draw_text(page.c, x, y2 - 10, "No ceremony yet.", 9, "left", fonts.SANS)
        y2 -= 20
    else:
        y2 = _table(page, x, y2, [half - 60, 60], [cer.title, ""], [
            ["Date", cer.when], ["Status", cer.status],
            ["Inductees (attending in person)", f"{cer.inductees:,} ({cer.attending:,})"],
            ["Guests invited (accepted)", f"{cer.guests:,} ({cer.guests_accepted:,})"],
            ["Tasks done (overdue)", f"{cer.tasks_done:,} of {cer.tasks:,} ({cer.tasks_overdue:,})"]])
    page.y = min(y, y2) - 8
    countries = o.breakdown(Dimension.COUNTRY)
    page.y = _heading(page, f"In residence by country ({o.in_residence:,})")
    if not countries.counts:
        page.c.setFillColor(GREY)
        fonts.draw_text(page.c, MARGIN, page.y - 10, "No student is in residence on this date.", 9, "left",
                        fonts.SANS)
        return
    page.y = _hbars(page, MARGIN, page.y, page.inner, [c.label for c in countries.counts],
                    [c.value for c in countries.counts], label_width=150, bar=12,
                    muted=[c.others for c in countries.counts])
    _three_tables(page, o, (Dimension.REGION, Dimension.COMMAND, Dimension.PROGRAM))


def _breakdown_rows(o: Overview, dimension: Dimension, limit: int = 12) -> list[list[str]]:
    counts = o.breakdown(dimension).counts
    if len(counts) <= limit + 1:  # a last group gets its own row rather than a "1 more" row
        limit = len(counts)
    rows = [[c.label, f"{c.value:,}"] for c in counts[:limit]]
    if len(counts) > limit:
        rest = sum(c.value for c in counts[limit:])
        rows.append([f"{len(counts) - limit} more", f"{rest:,}"])
    return rows or [["none", "0"]]


def _three_tables(page: _Page, o: Overview, dimensions: Sequence[Dimension], limit: int = 12) -> None:
    """Breakdowns side by side, in three columns (a dimension given twice takes two)."""
    column = (page.inner - 2 * 14) / 3
    top = page.y - 6
    bottoms = []
    x = MARGIN
    for dimension in dict.fromkeys(dimensions):
        span = dimensions.count(dimension)
        width = span * column + (span - 1) * 14
        y = _heading(page, f"By {dimension.value}", x=x, y=top)
        bottoms.append(_table(page, x, y, [width - 50, 50], [dimension.value.capitalize(), "In residence"],
                              _breakdown_rows(o, dimension, limit)))
        x += width + 14
    page.y = min(bottoms) - 8


def _page_residents(page: _Page, o: Overview) -> None:
    _three_tables(page, o, (Dimension.STATUS, Dimension.SERVICE, Dimension.SERVICE), limit=10)
    this_year, last_year = o.flows
    for kind, now, before in (("Arrivals", this_year.arrivals, last_year.arrivals),
                              ("Departures", this_year.departures, last_year.departures)):
        page.y = _heading(page, f"{kind} by month: {this_year.year} ({sum(now):,}) and {last_year.year} "
                                f"({sum(before):,})")
        _legend(page, page.width - MARGIN - 120, page.y + 12, [(palette.THIS_YEAR, str(this_year.year)),
                                                               (palette.LAST_YEAR, str(last_year.year))])
        page.y = _vbars(page, MARGIN, page.y, page.inner, 118, MONTHS, [now, before],
                        [palette.THIS_YEAR, palette.LAST_YEAR])


def _alert(c: ClassFill) -> str:
    if c.over_capacity:
        return "over capacity"
    if c.under_minimum:
        return "below minimum"
    return ""


def _page_classes_and_honor_roll(page: _Page, o: Overview) -> None:
    page.y = _heading(page, f"Classes starting in the next {CLASS_DAYS} days ({len(o.classes)})")
    shown = o.classes[:MAX_CLASSES]
    if not shown:
        page.c.setFillColor(GREY)
        fonts.draw_text(page.c, MARGIN, page.y - 10, "No class starts in the next 90 days.", 9, "left", fonts.SANS)
        page.y -= 24
    else:
        _legend(page, MARGIN, page.y - 4, [(palette.BAR, "seats taken"), (palette.WAITING, "waiting"),
                                           (palette.ALERT, "over capacity or below minimum")])
        page.c.setFillColor(INK)
        fonts.draw_text(page.c, page.width - MARGIN, page.y - 4, "│ capacity   ┆ minimum", 7.5, "right",
                        fonts.SANS)
        page.y -= 12
        page.y = _hbars(page, MARGIN, page.y, page.inner, [c.designator for c in shown], [c.taken for c in shown],
                        waiting=[c.waitlisted for c in shown], alerts=[_alert(c) for c in shown],
                        capacity=[c.capacity for c in shown], minimum=[c.minimum for c in shown])
        rows = [[c.designator, format_date(c.start_date), f"{c.taken:,}", f"{c.waitlisted:,}",
                 "no limit" if c.capacity is None else f"{c.capacity:,}",
                 "" if c.minimum is None else f"{c.minimum:,}"] for c in shown]
        widths = [page.inner - 5 * 70, 70, 70, 70, 70, 70]
        page.y = _table(page, MARGIN, page.y, widths, ["Class", "Starts", "Seats taken", "Waiting", "Capacity",
                                                       "Minimum"], rows, size=8)
        if len(o.classes) > MAX_CLASSES:
            rest = ", ".join(c.designator for c in o.classes[MAX_CLASSES:])
            page.c.setFillColor(GREY)
            for line in fonts.wrap_lines(f"Also starting: {rest}.", 8, page.inner, fonts.SANS):
                fonts.draw_text(page.c, MARGIN, page.y - 8, line, 8, "left", fonts.SANS)
                page.y -= 11
    page.y -= 8
    h = o.honor_roll
    page.y = _heading(page, f"The Honor Roll: {h.total:,} inductees by year and region")
    if not h.years:
        page.c.setFillColor(GREY)
        fonts.draw_text(page.c, MARGIN, page.y - 10, "No one has been inducted yet.", 9, "left", fonts.SANS)
        return
    colours = [palette.series(i) for i in range(len(h.regions))]
    _legend(page, MARGIN, page.y - 4, list(zip(colours, h.region_names, strict=True)))
    page.y -= 10
    every = max(1, math.ceil(len(h.years) / 12))
    labels = [str(year) if i % every == 0 else "" for i, year in enumerate(h.years)]
    series = [[row[j] for row in h.counts] for j in range(len(h.regions))]
    page.y = _vbars(page, MARGIN, page.y, page.inner, 150, labels, series, colours, stacked=True)
    totals = h.by_region()
    rows = [[name, f"{n:,}", f"{100 * n / h.total:.0f} %" if h.total else "—"]
            for name, n in zip(h.region_names, totals, strict=True)]
    page.y = _table(page, MARGIN, page.y, [page.inner / 2 - 120, 60, 60], ["Region", "Inductees", "Share"], rows)


def _country_layout(o: Overview, space: float) -> tuple[float, float, int]:
    """The type size, row padding and rows per column at which every country fits three balanced
    columns in this height: smaller type down to 5.5 points, then tighter rows down to 3.5."""
    size, pad = COUNTRY_SIZE, 5.5
    while True:
        row_h = size + pad
        room = max(1, int((space - row_h) / row_h))
        if 3 * room >= len(o.countries) or pad <= 3.5:
            return size, pad, min(room, max(1, math.ceil(len(o.countries) / 3)))
        if size > 5.5:
            size -= 0.5
        else:
            pad -= 0.5


def _table_height(o: Overview, size: float) -> float:
    return (math.ceil(len(o.countries) / 3) + 1) * (size + 5.5) + 6


def _page_countries(page: _Page, o: Overview, world: World | None) -> None:
    if world is not None:
        page.y = _heading(page, f"Students in residence on {format_date(o.on)}, by country")
        # the map takes what the table leaves at its usual size, between a small and a full map
        room = page.y - FOOT - 20 - 8 - _table_height(o, COUNTRY_SIZE)
        map_h = max(MAP_HEIGHT[0], min(MAP_HEIGHT[1], room))
        values = {c.code: c.in_residence for c in o.countries}
        drawing = world_map(world, values, page.inner, map_h, "students in residence")
        renderPDF.draw(drawing, page.c, MARGIN, page.y - map_h)
        page.y -= map_h + 8
    page.y = _heading(page, f"Every country: in residence on {format_date(o.on)}, alumni and Honor Roll")
    size, pad, per_column = _country_layout(o, page.y - FOOT)
    gap = 12.0
    width = (page.inner - 2 * gap) / 3
    rows = [[c.name, f"{c.in_residence:,}", f"{c.alumni:,}", f"{c.honor_roll:,}"] for c in o.countries]
    for k in range(3):
        chunk = rows[k * per_column:(k + 1) * per_column]
        if chunk:
            _table(page, MARGIN + k * (width + gap), page.y, [width - 3 * 32, 30, 34, 32],
                   ["Country", "Resid.", "Alumni", "H. Roll"], chunk, size=size, pad=pad)
    left = rows[3 * per_column:]
    if left:  # more countries than any office has sent so far: say so rather than drop them silently
        page.c.setFillColor(GREY)
        fonts.draw_text(page.c, MARGIN, 46, f"{len(left)} more countries are in the figures' spreadsheet "
                        "(imet-desktop report overview --format xlsx).", 8, "left", fonts.SANS)


def overview_report(o: Overview, school: SchoolInfo, out: Output, progress: Progress | None = None,
                    *, prepared_by: str = "", world: World | None = None) -> int:
    """Write the Overview report; returns its page count (3, or 4 with the countries page).

    world: the map's projected shapes (ops.world.world_shapes); given, the countries page opens with
    the world map shaded by students in residence.

    Raises fonts.UndrawableTextError (before anything is written) when a name has a character no
    bundled font can draw.
    """
    fonts.require_drawable(texts(o, school))
    width, height = page_size(school.page_size)
    c = open_canvas(out, (width, height), f"Overview {format_date(o.on)}", school.school_name)
    pages: list[Callable[[_Page, Overview], None]] = [_page_glance, _page_residents, _page_classes_and_honor_roll]
    if o.countries:
        pages.append(functools.partial(_page_countries, world=world))
    for number, draw in enumerate(pages, start=1):
        page = _Page(c, width, height)
        _frame(page, o, school, number, len(pages), prepared_by)
        draw(page, o)
        c.showPage()
        tick(progress, number, len(pages))
    c.save()
    return len(pages)
