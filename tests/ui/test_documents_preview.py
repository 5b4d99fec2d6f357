"""The document preview: made on a worker with progress and Cancel, paged, zoomed, saved and printed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pdfplumber
import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from imet_desktop.documents import samples
from imet_desktop.documents.certificate import induction_certificates
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.documents import preprint, preview, printing, viewer
from imet_desktop.ui.documents.preview import DocumentJob, open_document_preview
from imet_desktop.ui.documents.viewer import PreviewWindow


@pytest.fixture(autouse=True)
def _documents_finish() -> Iterator[None]:
    yield
    preview.wait_for_documents()


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def certificates_build(count: int | None = None) -> Callable[[BinaryIO, Callable[[int, int], bool]], int]:
    items = samples.certificates(count)
    return lambda out, progress: induction_certificates(items, samples.SCHOOL, out, progress)


def previews() -> list[PreviewWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PreviewWindow) and w.isVisible()]


def open_and_wait(qtbot: QtBot, parent: QWidget, build: Callable[[BinaryIO, Callable[[int, int], bool]], int],
                  title: str = "Induction certificates") -> DocumentJob:
    open_document_preview(parent, title, build, suggested_name="certificates.pdf")
    jobs = preview.running_jobs()
    assert len(jobs) == 1
    job = jobs[0]
    if job.outcome == "":
        with qtbot.waitSignal(job.finished, timeout=20_000):
            pass
    return job


def shown_preview(qtbot: QtBot, job: DocumentJob) -> PreviewWindow:
    assert job.outcome == "previewed"
    assert job.preview is not None
    window = job.preview
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.page_count() > 0, timeout=10_000)
    return window


def test_certificates_open_in_a_preview_window_with_their_page_count(qtbot: QtBot, parent: QWidget) -> None:
    job = open_and_wait(qtbot, parent, certificates_build())
    window = shown_preview(qtbot, job)
    assert window in previews()
    assert not window.isModal()
    assert window.page_count() == len(samples.INDUCTEES)
    assert window.page_count_label.text().strip() == f"of {len(samples.INDUCTEES)}"
    assert window.windowTitle() == "Induction certificates — Preview"


def test_pages_can_be_turned_and_the_page_box_follows(qtbot: QtBot, parent: QWidget) -> None:
    window = shown_preview(qtbot, open_and_wait(qtbot, parent, certificates_build()))
    assert window.current_page() == 0 and window.page_box.value() == 1
    assert not window.previous_action.isEnabled()
    window.next_action.trigger()
    assert window.current_page() == 1 and window.page_box.value() == 2
    window.page_box.setValue(10)
    assert window.current_page() == 9
    window.go_to_page(999)
    assert window.current_page() == window.page_count() - 1
    assert not window.next_action.isEnabled()
    window.previous_action.trigger()
    assert window.current_page() == window.page_count() - 2


def test_zoom_in_out_and_back_to_fit_width(qtbot: QtBot, parent: QWidget) -> None:
    from PySide6.QtPdfWidgets import QPdfView

    window = shown_preview(qtbot, open_and_wait(qtbot, parent, certificates_build()))
    assert window.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert window.view.pageMode() == QPdfView.PageMode.MultiPage
    fit = window.zoom_factor()
    window.zoom_in_action.trigger()
    assert window.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert window.zoom_factor() == pytest.approx(fit * viewer.ZOOM_STEP)
    window.zoom_out_action.trigger()
    window.zoom_out_action.trigger()
    assert window.zoom_factor() == pytest.approx(fit / viewer.ZOOM_STEP)
    window.fit_width_action.trigger()
    assert window.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert window.zoom_label.text().strip().endswith("%")


def test_save_as_pdf_writes_the_whole_document(qtbot: QtBot, parent: QWidget, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window = shown_preview(qtbot, open_and_wait(qtbot, parent, certificates_build()))
    target = tmp_path / "saved.pdf"
    asked: list[tuple[object, ...]] = []

    def choose(*args: object) -> Path:
        asked.append(args)
        return target

    monkeypatch.setattr(dialogs, "choose_save_file", choose)
    assert window.save_as_pdf() == target
    assert str(asked[0][2]).endswith("certificates.pdf")
    assert not list(tmp_path.glob(".*.part"))
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == len(samples.INDUCTEES)
        text = pdf.pages[0].extract_text()
    assert "NGUYỄN Văn Đức" in text


def test_saving_into_a_missing_folder_says_where(qtbot: QtBot, parent: QWidget, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window = shown_preview(qtbot, open_and_wait(qtbot, parent, certificates_build()))
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: tmp_path / "nowhere" / "x.pdf")
    errors: list[tuple[object, ...]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda *a: errors.append(a))
    assert window.save_as_pdf() is None
    assert "nowhere" in str(errors[0][2])


def test_print_renders_every_page_onto_the_printer(qtbot: QtBot, parent: QWidget, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrinter

    window = shown_preview(qtbot, open_and_wait(qtbot, parent, certificates_build(3)))
    printed = tmp_path / "printed.pdf"

    def to_file(_parent: object, printer: QPrinter, page_count: int) -> bool:
        assert page_count == 3
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(100)
        return True

    monkeypatch.setattr(printing, "ask_print_settings", to_file)
    with qtbot.waitSignal(window.printing_finished, timeout=30_000) as outcome:
        assert window.print_document()
        assert not window.print_action.isEnabled()  # one print run at a time
    assert outcome.args == ["printed"]
    assert window.print_action.isEnabled()
    assert window.status.text() == f"Sent 3 pages to {printed}"
    with pdfplumber.open(printed) as pdf:
        assert len(pdf.pages) == 3
        page = pdf.pages[0]
        assert page.width > page.height  # landscape certificates print landscape
        assert page.images  # each page is the rendered certificate


def test_print_cancelled_in_the_dialog_prints_nothing(qtbot: QtBot, parent: QWidget,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window = shown_preview(qtbot, open_and_wait(qtbot, parent, certificates_build(2)))
    monkeypatch.setattr(printing, "ask_print_settings", lambda *a: False)
    assert window.print_document() is False
    assert window.print_job is None


def test_printing_runs_on_a_worker_and_can_be_cancelled(qtbot: QtBot, parent: QWidget, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrinter

    window = shown_preview(qtbot, open_and_wait(qtbot, parent, certificates_build(40)))
    printed = tmp_path / "printed.pdf"

    def to_file(_parent: object, printer: QPrinter, _count: int) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(printing, "ask_print_settings", to_file)
    pages: list[int] = []
    with qtbot.waitSignal(window.printing_finished, timeout=60_000) as outcome:
        assert window.print_document()
        job = window.print_job
        assert job is not None
        job.job.on_progress(lambda done, _total, _text: pages.append(done))
        qtbot.waitUntil(lambda: len(pages) >= 2, timeout=30_000)  # the window stays responsive meanwhile
        job.progress_dialog.findChild(QPushButton).click()  # Cancel
    assert outcome.args == ["cancelled"]
    assert pages[-1] < 40
    assert window.status.text() == "Printing cancelled"


def test_cancel_stops_a_long_batch_and_shows_nothing(qtbot: QtBot, parent: QWidget) -> None:
    started: list[int] = []
    build = certificates_build(20_000)

    def slow(out: BinaryIO, progress: Callable[[int, int], bool]) -> int:
        def seen(done: int, total: int) -> bool:
            started.append(done)
            return progress(done, total)
        return build(out, seen)

    open_document_preview(parent, "Many certificates", slow, suggested_name="many.pdf")
    job = preview.running_jobs()[0]
    assert job.progress_dialog.labelText().startswith("Preparing")
    qtbot.waitUntil(lambda: len(started) > 5, timeout=10_000)
    with qtbot.waitSignal(job.finished, timeout=20_000):
        job.progress_dialog.findChild(QPushButton).click()  # Cancel
    assert job.outcome == "cancelled"
    assert job.preview is None and not previews()
    assert started[-1] < 20_000


def test_a_name_no_font_can_draw_shows_the_preprint_check_and_no_preview(qtbot: QtBot, parent: QWidget,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[object, ...]] = []
    real = preprint.show_preprint_check

    def capture(*args: object) -> QWidget:
        shown.append(args)
        widget = real(*args)  # type: ignore[arg-type]
        qtbot.addWidget(widget)
        return widget

    monkeypatch.setattr(preprint, "show_preprint_check", capture)
    items = samples.certificates()
    items[2] = dataclasses.replace(items[2], name_latin="HIEROGLYPH, \U00013000 Amun")
    job = open_and_wait(qtbot, parent, lambda out, progress: induction_certificates(items, samples.SCHOOL, out,
                                                                                   progress))
    assert job.outcome == "refused"
    assert job.preview is None and not previews()
    (_parent, title, missing), = shown
    assert title == "Induction certificates"
    assert [(m.record, m.name, m.character, m.code) for m in missing] == [
        ("Inductee 3", "HIEROGLYPH, \U00013000 Amun", "\U00013000", "U+13000")]
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, preprint.PreprintCheckDialog))
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells[0] == "Inductee 3" and cells[2] == "HIEROGLYPH, \U00013000 Amun"
    assert cells[3] == "\U00013000" and cells[4].startswith("U+13000 EGYPTIAN HIEROGLYPH A001")


def test_a_failing_build_shows_an_error_and_no_preview(qtbot: QtBot, parent: QWidget,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[tuple[object, ...]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda *a: errors.append(a))

    def broken(_out: BinaryIO, _progress: Callable[[int, int], bool]) -> int:
        raise RuntimeError("the seal image is unreadable")

    job = open_and_wait(qtbot, parent, broken, "Program")
    assert job.outcome == "failed" and not previews()
    assert "the seal image is unreadable" in str(errors[0][2])


def test_two_documents_are_made_one_after_the_other(qtbot: QtBot, parent: QWidget) -> None:
    active: list[int] = []
    overlap: list[bool] = []

    def build(out: BinaryIO, progress: Callable[[int, int], bool]) -> int:
        active.append(1)
        overlap.append(len(active) > 1)
        try:
            return certificates_build(200)(out, progress)
        finally:
            active.pop()

    open_document_preview(parent, "First", build, suggested_name="a.pdf")
    open_document_preview(parent, "Second", build, suggested_name="b.pdf")
    jobs = preview.running_jobs()
    qtbot.waitUntil(lambda: all(j.outcome for j in jobs), timeout=30_000)
    assert [j.outcome for j in jobs] == ["previewed", "previewed"]
    assert overlap == [False, False]
    for j in jobs:
        assert j.preview is not None
        qtbot.addWidget(j.preview)


def test_the_program_starts_and_shows_its_print_entries_without_loading_qtpdf_or_reportlab(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from imet_desktop.app import build_main_window\n"
        "from imet_desktop.store.db import open_database\n"
        "w = build_main_window(open_database(sys.argv[1]), Path(sys.argv[1]))\n"
        "w.show()\n"
        "for action in w.view_actions:\n"
        "    action.trigger()\n"
        "    app.processEvents()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6.QtPdf', 'reportlab'))))\n"
        "w.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "office.db")], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
