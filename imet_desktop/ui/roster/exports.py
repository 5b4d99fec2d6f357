"""The roster's work that runs on a worker thread: export to Excel or CSV, print a PDF roster, import photos.

A mixin of ``RosterTab`` (tab.py), which provides ``db``, ``db_path``, ``model``, ``filter_bar``,
``selected_ids()``, ``visible_columns()``, ``say()``, ``reload()`` and ``_update_actions()``. Every
job goes through the one job runner (``ui.common.jobs``); its progress shows under the table, its
failure through the one error path (``ui.common.errors``).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from imet_desktop.ui.common import dialogs as common_dialogs
from imet_desktop.ui.common.errors import show_failure
from imet_desktop.ui.common.formatting import count_text
from imet_desktop.ui.roster.model import RosterModel

if TYPE_CHECKING:
    from imet_desktop.ui.common.jobs import Job, JobProgress, Work
    from imet_desktop.ui.roster.dialogs import ExportChoice

EXPORT_FILTERS = {"xlsx": ("Excel workbook (*.xlsx)", "xlsx"), "csv": ("CSV, UTF-8 (*.csv)", "csv"),
                  "pdf": ("PDF (*.pdf)", "pdf")}


class RosterExports:
    """Export, print and photo import for the roster tab (a mixin: ``self`` is the RosterTab)."""

    _jobs: list[Job]

    # --- background work --------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while an export, print or photo import runs."""
        return any(job.running for job in self._jobs)

    def run_job(self, doing: str, work: Work, done: Callable[[Any], None], failure_title: str,
                exclusive: threading.Lock | None = None) -> Job:
        """Run work on a worker thread (see ui.common.jobs), its progress under the table; done(result) follows here."""
        from imet_desktop.ui.common.jobs import Job

        job = Job(self, doing, work, title=failure_title, exclusive=exclusive)
        job.on_progress(lambda _done, _total, text: self.say(text) if text else None)
        job.success(done).failure(lambda error: self._job_failed(failure_title, error, doing))
        job.finished.connect(lambda _outcome: (self._jobs.remove(job) if job in self._jobs else None,
                                               self._update_actions()))
        self._jobs.append(job)
        job.run_in_background()
        self._update_actions()
        return job

    def _job_failed(self, title: str, error: BaseException, doing: str) -> None:
        _kind, text = show_failure(self, title, error, doing=doing)
        self.say(f"{title}: {text}", problem=True)

    def wait_for_jobs(self) -> None:
        """Stop every worker and let it end (before the window or database goes away)."""
        from imet_desktop.ui.common.jobs import wait_for_jobs

        wait_for_jobs(list(self._jobs))

    # --- photos ------------------------------------------------------------------------------------------------
    def import_photos_from_folder(self) -> None:
        """Bulk photo import from a folder: files named with the student's WCN or passport number."""
        folder = common_dialogs.choose_folder(self, "Choose the folder of photos")
        if folder is not None:
            self.import_photos(folder)

    def import_photos_from_zip(self) -> None:
        """Bulk photo import from a ZIP archive."""
        path = common_dialogs.choose_open_file(self, "Choose the ZIP archive of photos", "",
                                               "ZIP archives (*.zip);;All files (*)")
        if path is not None:
            self.import_photos(path)

    def import_photos(self, source: Path) -> Job | None:
        """Match, scale and store every photo of a folder or ZIP on a worker; then the report."""
        from imet_desktop.ui.roster.dialogs import PhotoReportDialog
        from imet_desktop.ui.roster.photos import import_photos

        if self.db is None or self.db_path is None:
            return None
        db_path = self.db_path

        def work(progress: JobProgress) -> object:
            return import_photos(db_path, source, progress)

        def done(report: Any) -> None:
            self.say(report.summary)
            self.reload()
            PhotoReportDialog.ask(self, report)

        return self.run_job("importing photos", work, done, "The photos were not imported")

    # --- export and print -----------------------------------------------------------------------------------
    def export(self, file_format: str = "xlsx") -> Job | None:
        """Export the students shown or selected to Excel or CSV, or print them as a PDF roster."""
        from imet_desktop.ui.roster.dialogs import ExportDialog

        if self.db is None:
            return None
        if self.model.loading:
            self.say("The roster is still being read; export it in a moment.")
            return None
        selected = self.selected_ids()
        choice = ExportDialog.ask(self, shown=self.model.rowCount(), selected=len(selected), file_format=file_format)
        if choice is None:
            return None
        filters, suffix = EXPORT_FILTERS[choice.file_format]
        stem = "archived students" if self.model.archived else "students"
        ids = list(selected) if choice.selection_only else self.model.ids().tolist()
        if choice.file_format == "pdf":  # printed through the preview, like every document of the program
            self.preview_roster(ids, choice.include_personal, f"{stem} {dt.date.today():%Y-%m-%d}.pdf")
            return None
        target = common_dialogs.choose_save_file(self, "Export students", f"{stem} {dt.date.today():%Y-%m-%d}.{suffix}",
                                                 filters, suffix)
        if target is None:
            return None
        if target.suffix.casefold() != f".{suffix}":
            target = target.with_name(f"{target.name}.{suffix}")
        return self.export_to(target, ids, choice)

    def preview_roster(self, ids: list[int], include_personal: bool, suggested_name: str) -> None:
        """The printable roster of these students in the preview (print or save it from there)."""
        from imet_desktop.ui.documents.preview import open_document_preview

        if self.db_path is None:
            return
        db_path = self.db_path
        columns = [RosterModel.SORT_KEYS[c] for c in self.visible_columns() if c != RosterModel.PHOTO]
        subtitle = self.view_description()

        def build(out: BinaryIO, progress: Callable[[int, int], object]) -> int:
            from imet_desktop.ops.roster import write_roster

            return write_roster(db_path, ids, columns, out, subtitle=subtitle, include_personal=include_personal,
                                progress=lambda done, total, _text="": progress(done, total or done))

        title = f"Roster of {count_text(len(ids), 'student')}" + (" (CUI)" if include_personal else "")
        open_document_preview(self, title, build, suggested_name=suggested_name)

    def export_to(self, target: Path, ids: list[int], choice: ExportChoice) -> Job | None:
        """Write the export to Excel or CSV on a worker thread (its own connection); a PDF goes to the preview."""
        if self.db is None or self.db_path is None:
            return None
        db_path = self.db_path

        def export_work(progress: JobProgress) -> object:
            return _export(db_path, ids, target, choice.include_personal, progress)

        def exported(result: Any) -> None:
            marking = " It is marked CUI//PRIVACY." if result.personal else ""
            self.say(f"Exported {count_text(result.rows_written, 'student')} to {target}.{marking}")

        return self.run_job("exporting students", export_work, exported, "The students were not exported")

    def view_description(self) -> str:
        """The search and filters of the view, in words (for the printed roster's subtitle)."""
        parts = []
        if self.model.archived:
            parts.append("archived students")
        if self.model.search_text.strip():
            parts.append(f"search “{self.model.search_text.strip()}”")
        bar = self.filter_bar
        if bar.selection is not None:
            parts.append(bar.selection.describe())
        for box in (bar.country, bar.region, bar.status, bar.funding, bar.course, bar.training_class,
                    bar.arrival_year):
            if box.currentData() is not None:
                parts.append(box.currentText())
        return ", ".join(parts)


def _export(db_path: Path, ids: list[int], target: Path, personal: bool, progress: JobProgress) -> object:
    from imet_desktop.ops.roster import export_students_to

    return export_students_to(db_path, ids, target, include_personal=personal, progress=progress)
