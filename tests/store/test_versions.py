"""No lost update: a save based on what an editor loaded before someone else saved is refused, saying who and when."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Ceremony, Course, Nomination, Student, TrainingClass
from imet_desktop.store.ceremonies import add_ceremony, get_ceremony, update_ceremony
from imet_desktop.store.courses import add_class, add_course, get_class, update_class
from imet_desktop.store.db import connect, current_user, open_database
from imet_desktop.store.honor_roll import add_nomination, get_nomination, update_nomination
from imet_desktop.store.students import add_student, get_student, update_student
from imet_desktop.store.versions import StaleRecordError


def test_two_sessions_a_stale_save_of_a_student_is_refused_naming_who_and_when(db_path: Path) -> None:
    mine = open_database(db_path)
    wang = add_student(mine, Student("WANG", "Jianguo", country_code="CN", passport_number="E12345678"))
    colleague = connect(db_path)  # another session on the same file
    try:
        loaded_here = get_student(mine, wang)
        loaded_there = get_student(colleague, wang)
        update_student(colleague, dataclasses.replace(loaded_there, passport_number="E87654321"))
        with pytest.raises(StaleRecordError) as refused:
            update_student(mine, dataclasses.replace(loaded_here, notes="arrived early"))
        message = str(refused.value)
        assert message.startswith("WANG Jianguo was changed since you opened it, by " + current_user() + " on ")
        assert "(passport number)" in message and "Nothing was saved" in message
        assert get_student(mine, wang).passport_number == "E87654321"  # the colleague's edit stands
        assert get_student(mine, wang).notes == ""
        # Overwrite: the clerk saves again on the current version, knowingly
        update_student(mine, dataclasses.replace(loaded_here, notes="arrived early", version=refused.value.current))
        assert get_student(mine, wang).notes == "arrived early"
    finally:
        colleague.close()
        mine.close()


def test_reloading_gives_the_current_version_which_saves(db: Database) -> None:
    wang = add_student(db, Student("WANG", "Jianguo"))
    first = get_student(db, wang)
    update_student(db, dataclasses.replace(get_student(db, wang), passport_number="E1"))
    with pytest.raises(StaleRecordError):
        update_student(db, dataclasses.replace(first, notes="x"))
    reloaded = get_student(db, wang)
    update_student(db, dataclasses.replace(reloaded, notes="x"))
    assert get_student(db, wang).passport_number == "E1" and get_student(db, wang).notes == "x"


def test_classes_ceremonies_and_nominations_refuse_stale_saves_too(db: Database) -> None:
    course = add_course(db, Course("ACSC", "Air Command and Staff College"))
    class_id = add_class(db, TrainingClass(course, "ACSC AY2027", dt.date(2026, 8, 1), dt.date(2027, 6, 1), 40))
    loaded = get_class(db, class_id)
    update_class(db, dataclasses.replace(get_class(db, class_id), capacity=45))
    with pytest.raises(StaleRecordError, match="the class ACSC AY2027 was changed since you opened it.*capacity"):
        update_class(db, dataclasses.replace(loaded, location="Maxwell"))

    ceremony = add_ceremony(db, Ceremony("Spring 2027 Induction", dt.date(2027, 4, 22)))
    loaded_ceremony = get_ceremony(db, ceremony)
    update_ceremony(db, dataclasses.replace(get_ceremony(db, ceremony), venue="Polifka Auditorium"))
    with pytest.raises(StaleRecordError, match="the ceremony 'Spring 2027 Induction'.*venue"):
        update_ceremony(db, dataclasses.replace(loaded_ceremony, host="Commandant"))

    graduate = add_student(db, Student("ALI", "Hassan"))
    nomination = add_nomination(db, Nomination(graduate, "SCO Amman"))
    loaded_nomination = get_nomination(db, nomination)
    update_nomination(db, dataclasses.replace(get_nomination(db, nomination), evidence="letter"))
    with pytest.raises(StaleRecordError, match="the nomination was changed"):
        update_nomination(db, dataclasses.replace(loaded_nomination, nominated_by="SCO Amman, Jordan"))
