"""The store's shared records: a few students with names in many scripts, and a small office's roster."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlite_utils import Database

from imet_desktop.domain.records import Student
from imet_desktop.store import students as st

NAMES = [
    Student("NGUYỄN", "Văn Đức", native_name="Nguyễn Văn Đức", country_code="VN", wcn="VN1234567"),
    Student("GYŐZŐ", "Ödön", country_code="HU", passport_number="HU7654321"),
    Student("O'BRIEN", "Seán", country_code="IE", ito_number="ITO-IE-0042"),
    Student("AL-SABAH", "Fahad", native_name="فهد الصباح", country_code="KW"),
    Student("PETROV", "Ivan", native_name="Иван Петров", country_code="UA"),
    Student("KIM", "Min-jun", native_name="김민준", country_code="KR"),
    Student("SUKARNO", country_code="ID"),
    Student("YILDIZ", "Çağlar", native_name="Çağlar Yıldız", country_code="TR"),
    Student("PAPADOPOULOS", "Nikos", native_name="Νίκος Παπαδόπουλος", country_code="GR"),
]


@pytest.fixture
def roster(db: Database) -> dict[str, int]:
    """NAMES added; family name -> id."""
    return {s.legal_family_name: st.add_student(db, s) for s in NAMES}


JPEG = b"\xff\xd8\xff\xe0" + b"0" * 64
ROSTER = [
    Student("ZULU", "Ann", display_name="Ann Zulu", country_code="ZA", status="Arrived", funding_program="IMET",
            ecl_score=70, arrival_date=dt.date(2025, 6, 1), wcn="ZA0001", ito_number="I-9", service="Army",
            country_rank="Major", native_name="b"),
    Student("ADAMS", "Bob", display_name="bob", country_code="ZA", status="Projected", funding_program="FMS",
            ecl_score=90, arrival_date=dt.date(2026, 1, 5), wcn="ZA0002", ito_number="I-1", service="air force",
            country_rank="colonel", native_name="a"),
    Student("MÜLLER", "Carl", display_name="Carl", country_code="DE", status="Arrived", funding_program="IMET",
            arrival_date=dt.date(2025, 7, 1), wcn="DE0001", ito_number="I-5", service="Navy", country_rank="Major"),
    Student("ADAMS", "Alice", display_name="alice", country_code="AL", status="Graduated", funding_program="IMET",
            ecl_score=80, arrival_date=dt.date(2024, 3, 3), wcn="AL0001", ito_number="I-3", service="Army",
            country_rank="Captain"),
    Student("NOCOUNTRY", "Dan", status="Graduated", ecl_score=85),
]


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """ROSTER added; "FAMILY Given" -> id."""
    return {f"{s.legal_family_name} {s.legal_given_names}": st.add_student(db, s) for s in ROSTER}
