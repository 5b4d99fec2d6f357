"""The office's settings travel with the database."""

from __future__ import annotations

from sqlite_utils import Database

from imet_desktop.domain.records import OfficeSettings, Signatory
from imet_desktop.store.settings import load_settings, save_settings


def test_a_new_database_has_the_default_settings(db: Database) -> None:
    assert load_settings(db) == OfficeSettings()


def test_saved_settings_read_back_the_same(db: Database) -> None:
    settings = OfficeSettings(school_name="Escuela de Oficiales", page_size="A4",
                              signatories=[Signatory("Jane Q. Example", "Colonel, USAF", "Commandant")],
                              qualifying_course_codes=("ACSC", "AWC"))
    save_settings(db, settings)
    assert load_settings(db) == settings


def test_saving_unchanged_settings_writes_no_audit_entry(db: Database) -> None:
    save_settings(db, OfficeSettings())
    before = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    save_settings(db, OfficeSettings())
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_a_changed_setting_is_audited_with_old_and_new_values(db: Database) -> None:
    save_settings(db, OfficeSettings())
    save_settings(db, OfficeSettings(honor_roll_title="Hall of Fame"))
    details = db.execute("SELECT details FROM audit_log WHERE table_name = 'settings' ORDER BY id DESC").fetchone()[0]
    assert "Hall of Fame" in details
    assert "International Honor Roll" in details


def test_an_unreadable_or_unknown_setting_falls_back_to_the_default(db: Database) -> None:
    db.execute("INSERT INTO settings (key, value) VALUES ('page_size', 'not json'), ('school_name', '42'), "
               "('from_a_newer_version', '1')")
    assert load_settings(db) == OfficeSettings()
