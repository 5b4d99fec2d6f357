"""Printing a ceremony's certificates with a country the office added by hand and has not confirmed: the clerk is
asked first, the country named; No prints nothing, Yes opens the preview."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from imet_desktop.domain.records import Student
from imet_desktop.store.ceremonies import add_inductee
from imet_desktop.store.countries import add_country
from imet_desktop.store.students import add_student
from imet_desktop.ui.common import dialogs
from imet_desktop.ui.documents import preview
from imet_desktop.ui.main_window import MainWindow

from .test_documents_ceremonies import ceremonies_tab, finished, menu_action, shown


@pytest.fixture(autouse=True)
def _documents_finish() -> Iterator[None]:
    yield
    preview.wait_for_documents()


@pytest.mark.parametrize("yes", [False, True], ids=["the clerk checks first", "the clerk prints all the same"])
def test_an_unconfirmed_country_is_checked_before_printing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                           window: MainWindow, yes: bool) -> None:
    db = window.db
    add_country(db, code="XS", alpha3="XSA", name="Sealand", official_name="Principality of Sealand")
    tab = ceremonies_tab(window)
    ceremony_id = tab.selected_ceremony_id()  # type: ignore[attr-defined]
    add_inductee(db, ceremony_id, add_student(db, Student("BATES", "Michael", country_code="XS")),
                 override_reason="a test of country names")
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda _p, _t, text: asked.append(text) or yes)
    menu_action(tab, "certificates").trigger()
    assert len(asked) == 1 and "Sealand (XS)" in asked[0] and "not confirmed" in asked[0]
    if not yes:
        assert preview.running_jobs() == []
        return
    assert shown(qtbot, finished(qtbot)).page_count() >= 1
