import datetime as dt

from imet_desktop.domain.records import Ceremony, Course, Student, TrainingClass
from imet_desktop.domain.validation import (
    validate_ceremony,
    validate_class,
    validate_course,
    validate_student,
)

TODAY = dt.date(2026, 11, 28)


def fields(problems: list) -> list[str]:
    return [p.field for p in problems]


def test_a_one_word_name_is_a_valid_student() -> None:
    assert validate_student(Student("SUKARNO"), TODAY) == []


def test_names_in_any_script_are_valid_as_typed() -> None:
    student = Student("NGUYỄN", "Văn Đức", native_name="Nguyễn Văn Đức", country_code="VN")
    assert validate_student(student, TODAY) == []
    assert student.legal_family_name == "NGUYỄN"


def test_every_problem_is_reported_at_once_with_field_and_value() -> None:
    student = Student(
        "  ", ecl_score=120, email="not-an-address", country_code="ZZ",
        date_of_birth=dt.date(1980, 5, 1), arrival_date=dt.date(1979, 1, 1), sex="X",
        status="Lost", funding_program="Lottery",
    )
    problems = validate_student(student, TODAY)
    assert fields(problems) == [
        "Legal family name", "Sex", "Country", "ECL score", "E-mail", "Status", "Funding program",
        "Arrival date",
    ]
    ecl = problems[3]
    assert ecl.value == 120 and "0 and 100" in ecl.message
    assert "ECL score 120" in str(ecl)


def test_a_birth_date_in_the_future_is_refused() -> None:
    problems = validate_student(Student("ALI", date_of_birth=dt.date(2030, 1, 1)), TODAY)
    assert fields(problems) == ["Date of birth"]


def test_departure_before_arrival_is_refused() -> None:
    student = Student("ALI", arrival_date=dt.date(2026, 6, 1), departure_date=dt.date(2026, 5, 1))
    assert fields(validate_student(student, TODAY)) == ["Departure date"]


def test_a_one_megabyte_name_is_refused_not_truncated() -> None:
    student = Student("A" * 1_000_000)
    problems = validate_student(student, TODAY)
    assert fields(problems) == ["Legal family name"]
    assert "1,000,000 characters" in problems[0].message
    assert len(student.legal_family_name) == 1_000_000


def test_ecl_boundaries() -> None:
    assert validate_student(Student("ALI", ecl_score=0), TODAY) == []
    assert validate_student(Student("ALI", ecl_score=100), TODAY) == []
    assert fields(validate_student(Student("ALI", ecl_score=-1), TODAY)) == ["ECL score"]


def test_course_class_and_ceremony_rules() -> None:
    assert fields(validate_course(Course("", "", min_ecl=101, prerequisite_codes=()))) == [
        "Code", "Title", "Minimum ECL"]
    assert fields(validate_course(Course("ACSC", "Air Command and Staff College", prerequisite_codes=("ACSC",)))) \
        == ["Prerequisites"]
    bad_class = TrainingClass(1, "ACSC AY2027", dt.date(2027, 6, 1), dt.date(2026, 8, 1), capacity=-1)
    assert fields(validate_class(bad_class)) == ["End date", "Capacity"]
    assert fields(validate_ceremony(Ceremony("Induction", ceremony_time="25:00"))) == ["Time"]
    assert validate_ceremony(Ceremony("Induction", ceremony_time="14:30")) == []


def test_names_print_in_both_orders() -> None:
    student = Student("AL-SABAH", "Fahad")
    assert student.legal_name == "AL-SABAH, Fahad"
    assert student.printed_name == "Fahad AL-SABAH"
    assert Student("SUKARNO").legal_name == "SUKARNO"


def test_a_record_with_much_text_in_all_fields_but_none_too_long_passes() -> None:
    # Checked at once when all the fields together are short; otherwise each field on its own.
    student = Student(legal_family_name="A" * 1_500, legal_given_names="B" * 1_500, place_of_birth="C" * 2_000)
    assert validate_student(student) == []
    too_long = Student(legal_family_name="A" * 1_500, legal_given_names="B" * 2_001)
    assert [(p.field, p.message) for p in validate_student(too_long)] == [
        ("Legal given names", "is 2,001 characters long; the limit is 2,000")]
    nul = Student(legal_family_name="Smith", notes="x\x00y")
    assert [p.message for p in validate_student(nul)] == ["contains a NUL character"]
