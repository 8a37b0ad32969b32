"""Issue 14, an identity matched loosely: only the course's domain or a uniqname column.

``piazza-foreign-domain`` (tests/fixtures/cases): a different person's
``rsantos@gmail.com`` row with 25 contributions must not be credited to roster
``rsantos``. Every other place that turns text into a uniqname is checked the same way on
the base course of tests/builder.py (six students, everyone at 5 Piazza contributions;
finals alice, bob, carol 92.35, dave, erin 88.15, frank 68.75).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builder import base_tables, write_course

import gradelib
from gradelib.load.course import check_course

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
BASE_FINALS = {"alice": 92.35, "bob": 92.35, "carol": 92.35,
               "dave": 88.15, "erin": 88.15, "frank": 68.75}  # fmt: skip


def shown(problems) -> list[str]:
    return [str(problem) for problem in problems]


def finals(course) -> dict[str, float]:
    grades = gradelib.compute_grades(course)
    return dict(zip(grades["uniqname"], grades["final"].astype(float), strict=True))


@pytest.mark.slow
def test_an_address_at_another_domain_is_nobody() -> None:
    course, problems = check_course(CASES / "piazza-foreign-domain")
    assert course is not None, shown(problems)
    assert shown(problems) == [
        "warning: piazza.csv, row 3, column email: 'rsantos@gmail.com' is not a umich.edu "
        "address, so it identifies nobody (never the student before the '@'); the row is "
        "left out. If it is a student, name them in a 'uniqname' column"
    ]
    assert "rsantos" not in set(course.piazza["uniqname"])
    grades = gradelib.compute_grades(course).set_index("uniqname")
    # rsantos keeps 0 contributions: Piazza 0, participation 68.75, final 80.53, B-.
    assert grades.loc["rsantos", "participation"] == 68.75
    assert (grades.loc["rsantos", "final"], grades.loc["rsantos", "letter"]) == (80.53, "B-")


@pytest.mark.slow
def test_a_uniqname_column_names_the_student_whatever_the_address(tmp_path: Path) -> None:
    tables = base_tables()
    tables["piazza"] = [
        ["name", "email", "uniqname", "contributions"],
        *[[n.title(), f"{n}@umich.edu", "", 5] for n in ("alice", "bob", "carol", "dave")],
        ["Erin", "erin.evans@gmail.com", "erin", 5],  # named by the explicit column
        ["Frank", "frank@gmail.com", "", 2],  # nobody: a warning, Frank keeps 0
    ]
    course, problems = check_course(write_course(tmp_path / "course", tables))
    assert course is not None, shown(problems)
    assert [p.row for p in problems if p.file == "piazza.csv"] == [7]
    assert course.piazza.set_index("uniqname")["contributions"].to_dict() == {
        "alice": 5, "bob": 5, "carol": 5, "dave": 5, "erin": 5,
    }  # fmt: skip
    # frank: Piazza 0 instead of 100 -> participation 75, final 68.75 - 10 × 0.25 = 66.25.
    assert finals(course) == {**BASE_FINALS, "frank": 66.25}


def test_the_email_domain_is_a_policy_key(tmp_path: Path) -> None:
    tables = base_tables()
    tables["piazza"] = [["name", "email", "contributions"]] + [
        [n.title(), f"{n}@cs.example.edu", 5] for n in ("alice", "bob", "carol", "dave", "erin")
    ] + [["Frank", "frank@umich.edu", 5]]  # fmt: skip
    folder = write_course(
        tmp_path / "course", tables, policy='[course]\nemail_domain = "cs.example.edu"\n'
    )
    course, problems = check_course(folder)
    assert course is not None, shown(problems)
    assert [(p.row, p.column) for p in problems if p.file == "piazza.csv"] == [(7, "email")]
    assert "frank" not in set(course.piazza["uniqname"])


@pytest.mark.slow
@pytest.mark.parametrize("value", ["", "umich", "@", "umich edu", 5])
def test_a_bad_email_domain_is_an_error_with_its_line(value: object, tmp_path: Path) -> None:
    written = f'"{value}"' if isinstance(value, str) else str(value)
    folder = write_course(tmp_path / "course", policy=f"[course]\nemail_domain = {written}\n")
    course, problems = check_course(folder)
    assert course is None
    assert any(
        text.startswith("error: policy.toml, line 2, column email_domain: [course] email_domain")
        for text in shown(problems)
    ), shown(problems)


@pytest.mark.slow
def test_google_forms_email_columns_identify_students_at_the_course_domain(
    tmp_path: Path,
) -> None:
    tables = base_tables()
    _, *rows = tables["questions"]
    tables["questions"] = [["Timestamp", "Email Address", "date"]] + [
        [stamp, f"{name.upper()}@umich.edu", day] for stamp, name, day in rows
    ] + [["2024-09-03 09:00:00", "dave@gmail.com", "2024-09-12"]]  # fmt: skip
    course, problems = check_course(write_course(tmp_path / "course", tables))
    assert course is not None, shown(problems)
    assert [(p.severity, p.row, p.column) for p in problems if p.file == "questions.csv"] == [
        ("warning", 14, "Email Address")
    ]
    assert len(course.questions) == 12
    assert finals(course) == BASE_FINALS


@pytest.mark.slow
def test_a_uniqname_column_takes_a_course_address_and_refuses_another(tmp_path: Path) -> None:
    tables = base_tables()
    tables["attendance"][1][1] = "Alice@UMich.edu"  # the course's domain: alice
    tables["attendance"][2][1] = "bob@gmail.com"  # an explicit column: an error, not a guess
    course, problems = check_course(write_course(tmp_path / "course", tables))
    assert course is None
    assert shown(p for p in problems if p.severity == "error") == [
        "error: attendance.csv, row 3, column uniqname: 'bob@gmail.com' is not a uniqname "
        "(letters and digits) or uniqname@umich.edu"
    ]


@pytest.mark.slow
@pytest.mark.parametrize("table", ["groups", "overrides"])
def test_groups_and_overrides_take_uniqnames_only(table: str, tmp_path: Path) -> None:
    tables = base_tables()
    overrides = None
    if table == "groups":
        tables["groups"][1][1] = "alice@umich.edu"
    else:
        overrides = [["alice@umich.edu", "final", "90", "regrade"]]
    course, problems = check_course(write_course(tmp_path / "c", tables, overrides=overrides))
    assert course is None
    assert any(
        text.startswith(f"error: {table}.csv, row 2, column uniqname: 'alice@umich.edu' is not")
        for text in shown(problems)
    ), shown(problems)
