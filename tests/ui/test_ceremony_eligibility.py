"""The clerk adds a graduate the Honor Roll's rules do not admit: the window shows the rule and asks for a reason."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from imet_desktop.domain.records import Student
from imet_desktop.store.ceremonies import list_inductees
from imet_desktop.store.students import add_student
from imet_desktop.ui.ceremonies.held import ReasonDialog
from imet_desktop.ui.honor_roll.graduate_dialogs import ChooseGraduateDialog
from imet_desktop.ui.main_window import MainWindow

from .test_ceremonies import ceremonies
from .test_honor_roll import answer_with


def choose_novak(qtbot: QtBot):  # type: ignore[no-untyped-def]
    def choose(d: ChooseGraduateDialog) -> None:
        d.search_box.setText("novakova")
        d.search_box.returnPressed.emit()
        qtbot.waitUntil(lambda: d.model.rowCount() == 1, timeout=3000)
        d.table.selectRow(0)
    return choose


@pytest.mark.parametrize("reason", ["", "Commandant's decision, memo of 2 March"], ids=["cancelled", "overridden"])
def test_a_projected_student_goes_on_the_ceremony_only_with_a_reason(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                                   window: MainWindow, reason: str) -> None:
    db = window.db
    sid = add_student(db, Student("NOVAKOVÁ", "Petra", country_code="CZ", status="Projected"))
    tab = ceremonies(window)
    ceremony_id = tab.selected_ceremony_id() or 0
    tab.views.setCurrentWidget(tab.inductees_page)
    before = tab.inductees_model.rowCount()
    answer_with(monkeypatch, ChooseGraduateDialog, choose_novak(qtbot), result=lambda d: d.chosen())
    rules: list[str] = []

    def type_reason(d: ReasonDialog) -> None:
        rules.extend(label.text() for label in d.findChildren(QLabel))
        assert not d.ok_button.isEnabled()
        qtbot.keyClicks(d.reason, reason)

    answer_with(monkeypatch, ReasonDialog, type_reason, result=lambda d: d.answer())
    tab.inductees_page.add_graduate_button.click()
    assert any("Not eligible: no course at the school on record; no position on record." in t for t in rules)
    on_it = [r.id for r in list_inductees(db, ceremony_id) if r.student_id == sid]
    if not reason:
        assert on_it == [] and tab.inductees_model.rowCount() == before
        return
    assert len(on_it) == 1 and tab.inductees_model.rowCount() == before + 1
    recorded = db.execute("SELECT override_reason FROM ceremony_inductees WHERE id = ?", [on_it[0]]).fetchone()[0]
    assert recorded.startswith(reason + " (waived: Not eligible")
