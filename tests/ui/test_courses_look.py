"""The Courses pages at 1280x800 on the demo database: drawn, filled, and no table clipped sideways.

Set IMET_SCREENSHOTS=/some/folder to keep the pictures (catalogue.png, assignment.png, fsp.png, reporting.png).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QAbstractScrollArea
from pytestqt.qtbot import QtBot

from imet_desktop.ui.main_window import MainWindow
from tests.documents.pdfcheck import ink_fraction


def _folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("IMET_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _no_sideways_scrolling(*tables: QAbstractScrollArea) -> None:
    for table in tables:
        assert not table.horizontalScrollBar().isVisible(), f"{table.objectName()} is clipped at 1280x800"


def test_the_courses_pages_look_complete_at_1280_by_800(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    window.resize(1280, 800)
    window.view_actions[2].trigger()
    tab = window.courses_tab
    qtbot.wait(50)
    pictures = {}

    pictures["catalogue"] = window.grab()
    assert tab.catalogue.courses_model.rowCount() == 5 and tab.catalogue.classes_model.rowCount() > 50

    tab.show_page(tab.assignment)
    view = tab.assignment
    acsc = next(r for r in view.class_combo.rows if r.designator == "ACSC AY2028")
    view.class_combo.choose(acsc.id)
    ids = [c.id for c in view.candidate_rows()[:10]]
    view.select_candidates(ids)
    view.assign_selected()
    qtbot.wait(50)
    pictures["assignment"] = window.grab()
    assert view.roster_model.rowCount() > 0 and view.gauge.isVisible()
    _no_sideways_scrolling(view.candidates_table, view.roster_table)

    tab.show_page(tab.field_studies)
    qtbot.wait(50)
    pictures["fsp"] = window.grab()
    assert tab.field_studies.events_model.rowCount() == 8 and tab.field_studies.progress_model.rowCount() > 0
    _no_sideways_scrolling(tab.field_studies.events_table, tab.field_studies.attendance_table)

    tab.show_page(tab.reporting)
    qtbot.wait(50)
    pictures["reporting"] = window.grab()
    _no_sideways_scrolling(tab.reporting.table)

    for name, picture in pictures.items():
        assert picture.save(str(folder / f"{name}.png"))
        assert (picture.width(), picture.height()) == (1280, 800)
        small = tmp_path / f"{name}-small.png"  # the ink count is pure Python: measure a quarter-size copy
        assert picture.scaledToWidth(320).save(str(small))
        assert 0.03 < ink_fraction(small) < 0.9, name
