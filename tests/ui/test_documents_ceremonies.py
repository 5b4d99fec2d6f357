"""Printing from the Ceremonies and Honor Roll tabs on the demo database: preview, pages, zoom, save, print."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from imet_desktop.ops import ceremony_documents
from imet_desktop.store.ceremonies import list_ceremonies
from imet_desktop.ui.documents import preprint, preview, printing, viewer
from imet_desktop.ui.documents.entries import CEREMONY_DOCUMENTS
from imet_desktop.ui.documents.preview import DocumentJob
from imet_desktop.ui.documents.viewer import PreviewWindow
from imet_desktop.ui.main_window import MainWindow

from .test_main_window import patch_dialog


@pytest.fixture(autouse=True)
def _documents_finish() -> Iterator[None]:
    yield
    preview.wait_for_documents()


def ceremonies_tab(window: MainWindow, title: str = "International Honor Roll Induction 2027") -> QWidget:
    window.view_actions[4].trigger()
    tab = window.ceremonies_tab
    row = next(n for n, c in enumerate(tab.ceremonies_model.rows()) if c.title == title)
    tab.ceremonies_table.selectRow(row)
    return tab


def menu_action(tab: QWidget, key: str) -> QAction:
    return next(a for a in tab.print_button.menu().actions() if a.data() == key)  # type: ignore[attr-defined]


def finished(qtbot: QtBot) -> DocumentJob:
    """The document job just started, once it has ended."""
    (job,) = preview.running_jobs()
    if not job.outcome:
        with qtbot.waitSignal(job.finished, timeout=30_000):
            pass
    return job


def shown(qtbot: QtBot, job: DocumentJob) -> PreviewWindow:
    assert job.outcome == "previewed", job.outcome
    assert job.preview is not None
    window = job.preview
    qtbot.waitUntil(lambda: window.page_count() > 0, timeout=10_000)
    return window


def names_in(pdf: Path) -> str:
    with pdfplumber.open(pdf) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def test_certificates_preview_page_save_and_print_from_the_ceremonies_tab(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrinter

    tab = ceremonies_tab(window)
    menu_action(tab, "certificates").trigger()
    job = finished(qtbot)
    view = shown(qtbot, job)
    inductees = ceremony_documents.ceremony_certificates(window.db, tab.selected_ceremony_id())
    assert view.page_count() == len(inductees) == 8
    assert view.windowTitle() == "Induction certificates — International Honor Roll Induction 2027 — Preview"
    assert view.page_count_label.text().strip() == "of 8"
    view.resize(900, 700)
    view.grab().save(str(tmp_path / "preview.png"))
    assert (tmp_path / "preview.png").stat().st_size > 10_000

    # pages and zoom
    view.next_action.trigger()
    view.next_action.trigger()
    assert view.current_page() == 2 and view.page_box.value() == 3
    view.page_box.setValue(8)
    assert view.current_page() == 7 and not view.next_action.isEnabled()
    fit = view.zoom_factor()
    view.zoom_in_action.trigger()
    assert view.zoom_factor() == pytest.approx(fit * viewer.ZOOM_STEP)
    view.fit_page_action.trigger()
    view.fit_width_action.trigger()
    assert view.zoom_factor() == pytest.approx(fit)

    # Save as PDF…
    saved = tmp_path / "saved.pdf"
    asked = patch_dialog(monkeypatch, "choose_save_file", saved)
    view.save_action.trigger()
    assert asked.calls and str(asked.calls[0][2]).endswith(
        "induction-certificates-international-honor-roll-induction-2027.pdf")
    text = names_in(saved)
    assert all(c.name_latin in text for c in inductees)
    with pdfplumber.open(saved) as pdf:
        assert len(pdf.pages) == 8

    # Print… to a PDF printer
    printed = tmp_path / "printed.pdf"

    def to_file(_parent: object, printer: QPrinter, page_count: int) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(96)
        printer.setFromTo(2, 4)  # the clerk asked for pages 2 to 4
        return True

    monkeypatch.setattr(printing, "ask_print_settings", to_file)
    with qtbot.waitSignal(view.printing_finished, timeout=30_000):
        view.print_action.trigger()
    with pdfplumber.open(printed) as pdf:
        assert len(pdf.pages) == 3
        assert all(page.width > page.height and page.images for page in pdf.pages)
    assert "Sent 3 pages" in view.status.text()


@pytest.mark.parametrize(("key", "text"), CEREMONY_DOCUMENTS)
def test_every_print_entry_of_the_ceremonies_tab_opens_a_preview(key: str, text: str, qtbot: QtBot,
                                                                 window: MainWindow) -> None:
    tab = ceremonies_tab(window)
    tab.inductees_table.selectRow(0)  # the selected inductees' certificates need one
    action = menu_action(tab, key)
    assert action.text() == text
    action.trigger()
    view = shown(qtbot, finished(qtbot))
    assert view.page_count() >= 1
    assert not view.isModal()


def select_inductees(tab: QWidget, rows: list[int]) -> None:
    """Select these rows of the Inductees view, as a clerk does with Ctrl+click."""
    table = tab.inductees_table  # type: ignore[attr-defined]
    table.clearSelection()
    for row in rows:
        table.selectionModel().select(table.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                      | QItemSelectionModel.SelectionFlag.Rows)


def test_certificates_for_the_selected_inductees_only(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    tab = ceremonies_tab(window)
    tab.views.setCurrentWidget(tab.inductees_page)
    select_inductees(tab, [1, 4])
    chosen = [tab.inductees_model.row_at(n) for n in (1, 4)]
    assert tab.selected_inductee_student_ids() == [r.student_id for r in chosen]
    menu = tab.print_button.menu()
    menu.aboutToShow.emit()
    action = menu_action(tab, "selected_certificates")
    assert action.isEnabled() and action.toolTip() == "Certificates for the 2 selected inductees"
    action.trigger()
    view = shown(qtbot, finished(qtbot))
    assert view.page_count() == 2
    assert view.windowTitle() == ("Induction certificates for 2 selected inductees — "
                                  "International Honor Roll Induction 2027 — Preview")
    saved = tmp_path / "selected.pdf"
    patch_dialog(monkeypatch, "choose_save_file", saved)
    view.save_as_pdf()
    names = [c.name_latin for c in ceremony_documents.ceremony_certificates(
        window.db, tab.selected_ceremony_id(), [r.student_id for r in chosen])]
    assert names == ["HWANG Sung-min", "Mansour bin Salem AL-GHAMDI"]
    with pdfplumber.open(saved) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) == 2
    assert names[0] in pages[0] and names[1] in pages[1]
    assert not any("PRASERTWONG" in page for page in pages)

    # "Certificates…" still prints every inductee, whatever is selected
    menu_action(tab, "certificates").trigger()
    assert shown(qtbot, finished(qtbot)).page_count() == 8


def test_without_selected_inductees_their_entry_is_off_and_says_what_to_do(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from imet_desktop.ui.documents.entries import print_ceremony_document

    tab = ceremonies_tab(window)
    tab.inductees_table.clearSelection()
    tab.print_button.menu().aboutToShow.emit()
    assert not menu_action(tab, "selected_certificates").isEnabled()
    errors = patch_dialog(monkeypatch, "show_error")
    print_ceremony_document(tab, window.db, tab.selected_ceremony_id(), "selected_certificates",
                            tab.selected_inductee_student_ids())
    assert "Select one or more inductees" in str(errors.calls[0][2])
    assert preview.running_jobs() == []


def test_the_program_booklet_is_imposed_on_landscape_sheets(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    tab = ceremonies_tab(window)
    menu_action(tab, "program").trigger()
    plain = shown(qtbot, finished(qtbot))
    menu_action(tab, "booklet").trigger()
    booklet = shown(qtbot, finished(qtbot))
    pages = plain.page_count()
    assert booklet.page_count() * 2 == pages + (-pages % 4)
    size = booklet.document.pagePointSize(0)
    assert size.width() > size.height()
    saved = tmp_path / "booklet.pdf"
    patch_dialog(monkeypatch, "choose_save_file", saved)
    booklet.save_as_pdf()
    text = names_in(saved)
    assert "Order of Events" in text and "The Inductees" in text and "HWANG Sung-min" in text


def test_a_name_no_font_can_draw_shows_the_preprint_check_and_nothing_prints(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = ceremonies_tab(window)
    sid = int(window.db.execute("SELECT student_id FROM ceremony_inductees WHERE ceremony_id = ? "
                                "ORDER BY sort_order LIMIT 1", [tab.selected_ceremony_id()]).fetchone()[0])
    window.db.execute("UPDATE students SET legal_given_names = 'Apichart \U00013000' WHERE id = ?", [sid])
    window.db.conn.commit()
    seen: list[tuple[object, ...]] = []
    monkeypatch.setattr(preprint, "show_preprint_check", lambda *args: seen.append(args))
    menu_action(tab, "certificates").trigger()
    job = finished(qtbot)
    assert job.outcome == "refused" and job.preview is None
    ((_parent, title, missing),) = seen
    assert title.startswith("Induction certificates")
    assert [(m.record, m.name, m.character, m.code) for m in missing] == [
        (f"Student {sid}", "Apichart \U00013000 PRASERTWONG", "\U00013000", "U+13000")]


def test_the_preprint_check_window_lists_record_name_character_and_code_point(qtbot: QtBot) -> None:
    from imet_desktop.documents.fonts import check_drawable

    missing = check_drawable([("Student 7", "legal name", "Amun \U00013000 NEFER")])
    dialog = preprint.show_preprint_check(None, "Induction certificates", missing)
    qtbot.addWidget(dialog)
    assert not dialog.isModal() and dialog.isVisible()
    table = dialog.table  # type: ignore[attr-defined]
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == list(preprint.COLUMNS)
    assert [table.item(0, c).text() for c in range(4)] == ["Student 7", "legal name", "Amun \U00013000 NEFER",
                                                           "\U00013000"]
    assert table.item(0, 4).text() == "U+13000 EGYPTIAN HIEROGLYPH A001"
    dialog.copy_list()  # type: ignore[attr-defined]
    from PySide6.QtGui import QGuiApplication

    assert "Student 7\tlegal name\tAmun \U00013000 NEFER\t\U00013000\tU+13000" in QGuiApplication.clipboard().text()


def test_printing_without_a_selected_ceremony_says_so(qtbot: QtBot, window: MainWindow,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    tab = ceremonies_tab(window)
    tab.ceremonies_table.clearSelection()
    errors = patch_dialog(monkeypatch, "show_error")
    menu_action(tab, "program").trigger()
    assert "Select a ceremony first" in str(errors.calls[0][2])
    assert preview.running_jobs() == []


def test_a_ceremony_without_inductees_has_no_certificates_to_print(qtbot: QtBot, window: MainWindow,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window.db.table("ceremonies").insert({"title": "Induction 2030", "status": "Planned"})
    window.ceremonies_tab.refresh()
    tab = ceremonies_tab(window, "Induction 2030")
    errors = patch_dialog(monkeypatch, "show_error")
    menu_action(tab, "certificates").trigger()
    assert "has no inductees" in str(errors.calls[0][2])
    assert preview.running_jobs() == []


def test_honor_roll_tab_reprints_the_selected_honorees_certificates(qtbot: QtBot, window: MainWindow,
                                                                   tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window.view_actions[3].trigger()
    tab = window.honor_roll_tab
    tab.table.selectRow(0)
    first = tab.model.row_at(0)
    tab.print_button.click()
    view = shown(qtbot, finished(qtbot))
    assert view.page_count() == 1
    saved = tmp_path / "one.pdf"
    patch_dialog(monkeypatch, "choose_save_file", saved)
    view.save_as_pdf()
    (certificate,) = ceremony_documents.honoree_certificates(window.db, [first.student_id])
    assert certificate.name_latin in names_in(saved)


def test_the_ceremonies_are_the_demos(window: MainWindow) -> None:
    assert [c.title for c in list_ceremonies(window.db)] == ["International Honor Roll Induction 2027",
                                                             "International Honor Roll Induction 2000"]


def test_the_window_and_the_command_line_offer_the_same_documents() -> None:
    from imet_desktop.cli.documents import PRINTED
    from imet_desktop.ops.documents import DOCUMENTS, Scope, kinds
    from imet_desktop.ui.documents.entries import _MENU_TO_DOCUMENT, CEREMONY_DOCUMENTS

    menu = {_MENU_TO_DOCUMENT.get(key, key.replace("_", "-")) for key, _text in CEREMONY_DOCUMENTS}
    assert menu == {k.key for k in kinds(Scope.CEREMONY)}
    assert [k.key for k in DOCUMENTS.values() if k.scope in (Scope.CEREMONY, Scope.CLASS)] == PRINTED
