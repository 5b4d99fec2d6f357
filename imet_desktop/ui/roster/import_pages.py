"""The import wizard's pages: choose the file, match its columns to the student's fields, check every row,
import. Each page asks the wizard (``WizardSteps``) to do the work, on a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from imet_desktop.domain.validation import STUDENT_FIELD_LABELS
from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.common.accessibility import describe
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.table_model import Column, RowListModel
from imet_desktop.ui.common.tables import make_table

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from imet_desktop.exchange.mapping import ColumnMapping
    from imet_desktop.exchange.reading import Table
    from imet_desktop.exchange.student_import import ImportPlan, ImportResult
    from imet_desktop.ui.common.jobs import Job, Work

FILE_FILTER = "Spreadsheets (*.csv *.txt *.tsv *.xlsx);;All files (*)"
MAPPING_KEY = "roster/importMapping"
NOT_IMPORTED = "Do not import"
UNDECIDED = "— choose a field —"
UNDECIDED_STYLE = "QComboBox { color: #b00020; font-weight: bold; }"
ENCODINGS = (("UTF-8 or UTF-16 (found by itself)", None), ("Windows-1252 (Western European)", "windows-1252"),
             ("ISO-8859-1 (Latin-1)", "iso-8859-1"), ("Windows-1251 (Cyrillic)", "windows-1251"),
             ("Windows-1256 (Arabic)", "windows-1256"))
PROBLEM_STYLE = "color: #b00020;"
DATE_ORDERS = (("only when unambiguous (ask me)", None), ("day first: 03/04/2026 is 03 APR 2026", True),
               ("month first: 03/04/2026 is 04 MAR 2026", False))


def remembered_mapping() -> dict[str, str | None]:
    """The header -> field choices the clerk made in earlier imports."""
    text = QSettings().value(MAPPING_KEY)
    try:
        data = json.loads(str(text)) if text else {}
    except ValueError:
        return {}
    return {str(k): (str(v) if v else None) for k, v in data.items()} if isinstance(data, dict) else {}


def remember_mapping(mapping: ColumnMapping) -> None:
    """Keep this file's choices for next time (added to the earlier ones)."""
    known = remembered_mapping()
    known.update(mapping.columns)
    QSettings().setValue(MAPPING_KEY, json.dumps(known, ensure_ascii=False))


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


class ProblemModel(RowListModel):
    """The preview's problems: row, column, value, why."""

    COLUMNS = (
        Column("Row", lambda p: p.row, width=5, numeric=True),
        Column("Name", lambda p: p.name, width=18, person=True),
        Column("Column", lambda p: p.column, width=16),
        Column("Value", lambda p: p.value, width=22),
        Column("Problem", lambda p: p.message, width=40, stretch=True),
    )


class WizardSteps(Protocol):
    """What the pages need of the import wizard (import_wizard.ImportWizard): its state and its steps."""

    table: Table | None
    table_path: Path | None
    encoding: str | None
    plan: ImportPlan | None
    day_first: bool | None
    import_result: ImportResult | None
    failure: str | None

    @property
    def busy(self) -> bool: ...

    def run_job(self, doing: str, work: Work, done: Callable[[Any], None], failed: Callable[[str], None],
                throttle: float | None = None) -> Job: ...

    def check(self, mapping: ColumnMapping, day_first: bool | None, after: Callable[[], None]) -> None: ...

    def start_import(self) -> None: ...

    def cancel_import(self) -> None: ...

    def next(self) -> None: ...

    def setButtonText(self, which: QWizard.WizardButton, text: str) -> None: ...  # noqa: N802 - Qt's name


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)

    @property
    def wiz(self) -> WizardSteps:
        return self.wizard()  # type: ignore[return-value]


class FilePage(_Page):
    """Choose the file."""

    def __init__(self) -> None:
        super().__init__("Choose the file to import",
                         "A CSV (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab) or an Excel .xlsx file "
                         "with one student per row and a header row.")
        self.setObjectName("importFilePage")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        describe(self.path_edit, "File to import", "The CSV or Excel file's full path; Choose… finds it")
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText("the file's full path")
        self.browse_button = QPushButton("Choose…")
        self.browse_button.setObjectName("importBrowse")
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        encoding_row = QHBoxLayout()
        encoding_row.addWidget(QLabel("A CSV file's encoding:"))
        self.encoding_box = QComboBox()
        self.encoding_box.setObjectName("importEncoding")
        for text, value in ENCODINGS:
            self.encoding_box.addItem(text, value)
        encoding_row.addWidget(self.encoding_box)
        encoding_row.addStretch(1)
        layout.addLayout(encoding_row)
        self.message = QLabel()
        self.message.setObjectName("importFileMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.browse_button.clicked.connect(self.browse)
        self.path_edit.textChanged.connect(lambda _t: (self.message.setText(""), self.completeChanged.emit()))
        self.encoding_box.currentIndexChanged.connect(lambda _i: self.message.setText(""))

    def browse(self) -> None:
        path = common_dialogs.choose_open_file(self, "Choose the file to import", "", FILE_FILTER)
        if path is not None:
            self.path_edit.setText(str(path))

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path_edit.text().strip()) and not self.wiz.busy

    def validatePage(self) -> bool:  # noqa: N802
        from imet_desktop.ops.imports import read_file

        path = self.path()
        encoding = self.encoding_box.currentData()
        if self.wiz.table is not None and self.wiz.table_path == path and self.wiz.encoding == encoding:
            return True
        self.message.setStyleSheet("")
        self.message.setText(f"Reading {path.name}…")

        def done(table: Table) -> None:
            self.wiz.table, self.wiz.table_path, self.wiz.encoding = table, path, encoding
            self.wiz.plan = None
            self.message.setText("")
            self.wiz.next()

        def failed(text: str) -> None:
            self.message.setStyleSheet(PROBLEM_STYLE)
            self.message.setText(f"Nothing can be imported from this file. {text}")

        self.wiz.run_job(f"reading {path.name}", lambda _p: read_file(path, encoding), done, failed)
        return False


class MappingPage(_Page):
    """Which student field each column feeds."""

    def __init__(self) -> None:
        super().__init__("Match the columns to the student's fields",
                         "Common headings are recognised in any case or language of spelling; change any choice. "
                         "Your choices are remembered for the next file with the same headings.")
        self.setObjectName("importMappingPage")
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("importMapping")
        self.table.setHorizontalHeaderLabels(["Column in the file", "Examples", "Imports into"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setObjectName("importMappingMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.boxes: dict[str, QComboBox] = {}
        self.has_values: dict[str, bool] = {}

    def initializePage(self) -> None:  # noqa: N802
        from imet_desktop.exchange.mapping import IGNORE, auto_map

        table = self.wiz.table
        assert table is not None
        mapping = auto_map(table.headers, remembered_mapping())
        self.table.setRowCount(len(table.headers))
        self.boxes = {}
        self.has_values = {}
        for r, header in enumerate(table.headers):
            name_item = QTableWidgetItem(header)
            name_item.setToolTip(header)
            self.table.setItem(r, 0, name_item)
            examples = [_shown(row.cells[r]) for row in table.rows[:20] if _shown(row.cells[r])][:3]
            self.has_values[header] = bool(examples) or table.first_value(r) is not None
            example_item = QTableWidgetItem("; ".join(e[:40] for e in examples) if examples else "(empty)")
            example_item.setToolTip("\n".join(examples))
            self.table.setItem(r, 1, example_item)
            box = QComboBox()
            box.setObjectName(f"mapping_{r}")
            box.addItem(UNDECIDED, None)
            box.addItem(NOT_IMPORTED, IGNORE)
            for key, label in STUDENT_FIELD_LABELS.items():
                box.addItem(label, key)
            box.setCurrentIndex(max(box.findData(mapping.columns.get(header)), 0))
            box.currentIndexChanged.connect(self._changed)
            self.table.setCellWidget(r, 2, box)
            self.boxes[header] = box
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(max(self.table.columnWidth(0), 140), 260))
        self.table.setColumnWidth(2, 220)
        self._changed()

    def mapping(self) -> ColumnMapping:
        from imet_desktop.exchange.mapping import ColumnMapping

        return ColumnMapping({header: box.currentData() for header, box in self.boxes.items()})

    def set_field(self, header: str, key: str | None) -> None:
        """Map a column to a field (IGNORE: not imported; None: undecided), as the clerk would with its list."""
        box = self.boxes[header]
        box.setCurrentIndex(max(box.findData(key), 0))

    def undecided(self) -> list[str]:
        """Columns that hold values but feed no field and are not set to 'Do not import'."""
        return [h for h, box in self.boxes.items() if box.currentData() is None and self.has_values.get(h)]

    def _changed(self, *_args: object) -> None:

        mapping = self.mapping()
        problems = mapping.problems()
        undecided = self.undecided()
        for r, (header, box) in enumerate(self.boxes.items()):
            marked = header in undecided
            box.setStyleSheet(UNDECIDED_STYLE if marked else "")
            box.setToolTip("This column holds values: choose the field it feeds, or Do not import" if marked else "")
            item = self.table.item(r, 0)
            if item is not None:
                item.setForeground(QColor("#b00020") if marked else self.palette().text().color())
                font = item.font()
                font.setBold(marked)
                item.setFont(font)
        self._say(mapping, problems, undecided)
        self.wiz.plan = None
        self.completeChanged.emit()

    def _say(self, mapping: ColumnMapping, problems: list[str], undecided: list[str]) -> None:
        """What the columns come to, under the table (and nothing left of a check that has finished)."""
        from imet_desktop.exchange.mapping import IGNORE

        mapped = sum(1 for v in mapping.columns.values() if v and v != IGNORE)
        ignored = len(mapping.ignored_headers)
        if undecided:
            self.message.setStyleSheet(PROBLEM_STYLE)
            verb = "feeds" if len(undecided) == 1 else "feed"
            self.message.setText(f"{_count(len(undecided), 'column')} with values {verb} no field (marked in red): "
                                 + ", ".join(f"“{h}”" for h in undecided)
                                 + ". Choose the field each one feeds, or “Do not import”.")
        elif problems:
            self.message.setStyleSheet(PROBLEM_STYLE)
            self.message.setText("Before going on: " + "; ".join(problems) + ".")
        else:
            self.message.setStyleSheet("")
            self.message.setText(f"{_count(mapped, 'column')} will be imported"
                                 + (f"; {ignored} you chose not to import." if ignored else "."))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        # Back from the rows' page: the check is over, so the message says what the columns come to again.
        if self.boxes and not self.wiz.busy:
            mapping = self.mapping()
            self._say(mapping, mapping.problems(), self.undecided())
        super().showEvent(event)

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.boxes) and not self.mapping().problems() and not self.undecided() and not self.wiz.busy

    def validatePage(self) -> bool:  # noqa: N802
        mapping = self.mapping()
        remember_mapping(mapping)
        if self.wiz.plan is not None and self.wiz.plan.mapping == mapping:
            return True
        self.message.setStyleSheet("")
        self.message.setText("Checking every row…")
        self.wiz.check(mapping, self.wiz.day_first, after=self.wiz.next)
        return False


def _shown(cell: object) -> str:
    """A cell as the mapping page shows it: dates as ISO, invisible characters made visible."""
    import datetime as dt

    from imet_desktop.domain.text_checks import visible

    if isinstance(cell, dt.date):
        return cell.isoformat()
    return visible(str(cell).strip())


class PreviewPage(_Page):
    """Every problem by row, column and value; the day/month order when dates are ambiguous."""

    def __init__(self) -> None:
        super().__init__("Check the rows", "Rows with a problem are not imported. Correct them in the spreadsheet "
                                           "and import it again, or import the valid rows now.")
        self.setObjectName("importPreviewPage")
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.date_label = QLabel("Numeric dates such as 03/04/2026 are read:")
        self.date_box = QComboBox()
        self.date_box.setObjectName("importDateOrder")
        for text, value in DATE_ORDERS:
            self.date_box.addItem(text, value)
        row.addWidget(self.date_label)
        row.addWidget(self.date_box)
        row.addStretch(1)
        self.save_button = QPushButton("Save the list of problems…")
        self.save_button.setObjectName("saveProblems")
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.problems = ProblemModel(self)
        self.table: QTableView = make_table(self.problems, ProblemModel.COLUMNS, self, name="importProblems")
        layout.addWidget(self.table, 1)
        self.date_box.currentIndexChanged.connect(self._date_order_changed)
        self.save_button.clicked.connect(self.save_problems)

    def initializePage(self) -> None:  # noqa: N802
        self.show_plan()

    def show_plan(self) -> None:
        plan = self.wiz.plan
        if plan is None:
            return
        blocked = self.date_box.blockSignals(True)
        self.date_box.setCurrentIndex(max(self.date_box.findData(plan.day_first), 0))
        self.date_box.blockSignals(blocked)
        show_dates = plan.has_ambiguous_dates or plan.day_first is not None
        self.date_label.setVisible(show_dates)
        self.date_box.setVisible(show_dates)
        self.problems.set_rows(plan.problems)
        self.save_button.setEnabled(bool(plan.problems))
        rows = plan.rows_total
        if not plan.problems:
            text = (f"The only row of {plan.file_name} can be imported." if rows == 1 else
                    f"All {rows:,} rows of {plan.file_name} can be imported.")
        else:
            bad = _count(plan.rows_rejected, "row")
            verb = "has" if plan.rows_rejected == 1 else "have"
            text = (f"{plan.rows_valid:,} of {_count(rows, 'row')} of {plan.file_name} can be imported. "
                    f"{bad} {verb} problems and will not be imported "
                    f"({_count(len(plan.problems), 'problem')}, listed below by row).")
        if plan.has_ambiguous_dates:
            text += " Some dates could be day/month or month/day: choose how to read them."
        for warning in plan.warnings:
            text += f" Note: {warning}."
        self.summary.setText(text)
        self.summary.setStyleSheet(PROBLEM_STYLE if plan.problems and not plan.rows_valid else "")
        self.wiz.setButtonText(QWizard.WizardButton.CommitButton,
                               f"Import {plan.rows_valid:,} student{'s' if plan.rows_valid != 1 else ''}")
        self.completeChanged.emit()

    def _date_order_changed(self, _index: int) -> None:
        plan = self.wiz.plan
        if plan is None:
            return
        self.summary.setText("Checking every row again…")
        self.wiz.check(plan.mapping, self.date_box.currentData(), after=self.show_plan)

    def save_problems(self) -> None:
        from imet_desktop.exchange.problem_report import write_problems_csv

        plan = self.wiz.plan
        if plan is None:
            return
        target = common_dialogs.choose_save_file(self, "Save the list of problems",
                                                 f"{Path(plan.file_name).stem} problems.csv", "CSV (*.csv)", "csv")
        if target is None:
            return
        try:
            write_problems_csv(plan.problems, target)
        except Exception as e:
            show_failure(self, "The list was not saved", e, doing="saving the list of problems")

    def isComplete(self) -> bool:  # noqa: N802
        plan = self.wiz.plan
        return plan is not None and plan.rows_valid > 0 and not self.wiz.busy

    def validatePage(self) -> bool:  # noqa: N802
        return self.isComplete()


class ProgressPage(_Page):
    """The import itself: progress, cancel, and what was imported."""

    def __init__(self) -> None:
        super().__init__("Importing", "One change: every valid row is imported, or nothing if you cancel. "
                                      "The window stays free meanwhile.")
        self.setObjectName("importProgressPage")
        layout = QVBoxLayout(self)
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setObjectName("importProgress")
        self.cancel_button = QPushButton("Cancel the import")
        self.cancel_button.setObjectName("cancelImport")
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.cancel_button.clicked.connect(lambda: self.wiz.cancel_import())

    def initializePage(self) -> None:  # noqa: N802
        plan = self.wiz.plan
        assert plan is not None
        self.bar.setRange(0, max(plan.rows_valid, 1))
        self.bar.setValue(0)
        self.status.setText(f"Importing {plan.rows_valid:,} students from {plan.file_name}…")
        self.cancel_button.setEnabled(True)
        self.wiz.start_import()

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.status.setText(f"Importing… {done:,} of {total:,} students written.")

    def isComplete(self) -> bool:  # noqa: N802
        return self.wiz.import_result is not None or self.wiz.failure is not None
