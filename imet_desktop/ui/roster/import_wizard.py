"""The import wizard: choose a file; map its columns (automatic, overridable, remembered); preview
every problem by row, column and value; import all valid rows on a worker, with progress and cancel.

Reading the file, checking it and importing all run on worker threads with their own database
connection; the window stays responsive. The import is one transaction, recorded and undoable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget, QWizard

from imet_desktop.ui.common.dialog_base import WizardDialog
from imet_desktop.ui.common.errors import failure_text
from imet_desktop.ui.roster.import_pages import (
    PROBLEM_STYLE,
    FilePage,
    MappingPage,
    PreviewPage,
    ProgressPage,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from imet_desktop.exchange.mapping import ColumnMapping
    from imet_desktop.exchange.reading import Table
    from imet_desktop.exchange.student_import import ImportPlan, ImportResult
    from imet_desktop.ui.common.jobs import Job, JobProgress, Work


class ImportWizard(WizardDialog):
    """Import students from a CSV or XLSX file."""

    FILE, MAPPING, PREVIEW, PROGRESS = range(4)

    import_progress = Signal(int, int)
    """Rows written so far and rows to write, while the import runs (on the GUI thread)."""

    def __init__(self, db: Database, db_path: Path, parent: QWidget | None = None, *, path: Path | None = None) -> None:
        super().__init__(parent, "Import students")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.db = db
        self.db_path = db_path  # the workers open their own connections to it
        self.table: Table | None = None
        self.table_path: Path | None = None
        self.encoding: str | None = None
        self.plan: ImportPlan | None = None
        self.day_first: bool | None = None
        self.import_result: ImportResult | None = None
        self.failure: str | None = None
        self._jobs: list[Job] = []
        self.file_page, self.mapping_page = FilePage(), MappingPage()
        self.preview_page, self.progress_page = PreviewPage(), ProgressPage()
        for page_id, page in enumerate((self.file_page, self.mapping_page, self.preview_page, self.progress_page)):
            self.setPage(page_id, page)
        self.import_progress.connect(self.progress_page.show_progress)
        if path is not None:
            self.file_page.path_edit.setText(str(path))
        self.resize(860, 600)

    # --- background work ------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a worker reads, checks or imports."""
        return any(job.running for job in self._jobs)

    def run_job(self, doing: str, work: Work, done: Callable[[Any], None], failed: Callable[[str], None],
                throttle: float | None = None) -> Job:
        """Run work on a worker thread (see ui.common.jobs); done(result), or failed(what the clerk reads), follows.

        The failure's text comes from the one error path (``failure_text``): a bug is logged there.
        """
        from imet_desktop.ui.common.jobs import Job

        job = Job(self, doing, work, throttle=throttle)
        job.success(done).failure(lambda error: failed(failure_text(error, doing)[1]))
        job.finished.connect(lambda _outcome: self._finished(job))
        self._jobs.append(job)
        job.run_in_background()
        self._busy_changed()
        return job

    def _finished(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        self._busy_changed()

    def _busy_changed(self) -> None:
        for page_id in self.pageIds():
            self.page(page_id).completeChanged.emit()
        self.button(QWizard.WizardButton.BackButton).setEnabled(not self.busy and self.currentId() not in (
            self.FILE, self.PROGRESS))

    def check(self, mapping: ColumnMapping, day_first: bool | None, after: Callable[[], None]) -> None:
        """Plan the import (every row checked) on a worker; then after()."""
        from imet_desktop.ops.imports import plan_at

        table = self.table
        assert table is not None
        path = self.db_path

        def work(_progress: JobProgress) -> ImportPlan:
            return plan_at(path, table, mapping, day_first)

        def done(plan: ImportPlan) -> None:
            self.plan, self.day_first = plan, day_first
            after()

        def failed(message: str) -> None:
            page = self.currentPage()
            target = getattr(page, "message", None) or getattr(page, "summary", None)
            if isinstance(target, QLabel):
                target.setStyleSheet(PROBLEM_STYLE)
                target.setText(message)

        self.run_job("checking the rows", work, done, failed)

    def start_import(self) -> None:
        """Import the plan's valid rows on a worker (one transaction); cancel_import() rolls it back."""
        from imet_desktop.ops.imports import import_valid_rows_at

        plan = self.plan
        assert plan is not None
        path = self.db_path

        def work(progress: JobProgress) -> ImportResult:
            # Once the clerk has pressed Cancel, progress raises Cancelled: the import rolls back and says so.
            return import_valid_rows_at(path, plan, plan.file_name, progress=progress)

        def done(result: ImportResult) -> None:
            self.import_result = result
            self.progress_page.setTitle("Import cancelled" if result.cancelled else "Imported")
            self.progress_page.status.setText(result.message + ("" if result.cancelled else
                                                                " Undo it from Import history if it was a mistake."))
            if not result.cancelled:
                self.progress_page.bar.setValue(self.progress_page.bar.maximum())
            self.progress_page.cancel_button.setEnabled(False)
            self.progress_page.completeChanged.emit()

        def failed(message: str) -> None:
            self.failure = message
            self.progress_page.status.setStyleSheet(PROBLEM_STYLE)
            self.progress_page.status.setText(self.failure)
            self.progress_page.cancel_button.setEnabled(False)
            self.progress_page.completeChanged.emit()

        # Every chunk's count is shown: one per thousand rows is no flood.
        job = self.run_job("importing students", work, done, failed, throttle=0.0)
        job.on_progress(lambda written, total, _text: self.import_progress.emit(written, total or written))

    def cancel_import(self) -> None:
        """Ask the worker to stop; everything it wrote is rolled back."""
        if self.busy:
            for job in self._jobs:
                job.cancel()
            self.progress_page.status.setText("Cancelling… nothing will be imported.")
            self.progress_page.cancel_button.setEnabled(False)

    def wait_for_jobs(self) -> None:
        """Stop every worker and let it end (a thread destroyed while running ends the program)."""
        from imet_desktop.ui.common.jobs import wait_for_jobs

        wait_for_jobs(list(self._jobs))

    def reject(self) -> None:
        if self.currentId() == self.PROGRESS and self.busy:
            self.cancel_import()
            return
        self.wait_for_jobs()
        super().reject()

    def done(self, result: int) -> None:
        self.wait_for_jobs()
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, db_path: Path, path: Path | None = None
            ) -> ImportResult | None:
        """Run the wizard on the database at db_path; the import's result (None when nothing was imported or tried)."""
        wizard = cls(db, db_path, parent, path=path)
        wizard.run()
        return wizard.import_result

