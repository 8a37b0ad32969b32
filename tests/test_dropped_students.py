"""A student who dropped: in groups, attendance or questions, not on the roster.

SPEC.md: "a warning naming them; their rows are left out". The course is the builder's
(six students: alice, bob, carol in g1; dave, erin in g2; frank alone in g3) with two
students who dropped: zed, a member of g1 with two sign-ins and an on-time question for
the 09-05 lecture, and yan, alone in a group g4 with one sign-in. With nothing else
changed every enrolled student's grade is the base course's (worked out in builder.py's
tables): g1 92.35 (A−), g2 88.15 (B+), frank 68.75 (D+).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from builder import ROSTER, base_tables, gradelib_check, write_course

import gradelib
from gradelib.load.crosscheck import enrolled_only
from gradelib.score.grades import score_course

BASE_FINALS = {
    "alice": (92.35, "A-"), "bob": (92.35, "A-"), "carol": (92.35, "A-"),
    "dave": (88.15, "B+"), "erin": (88.15, "B+"), "frank": (68.75, "D+"),
}  # fmt: skip


def with_dropped(folder: Path) -> Path:
    tables = base_tables()
    tables["groups"] += [["g1", "zed"], ["g4", "yan"]]  # rows 8 and 9
    tables["attendance"] += [  # rows 26, 27 and 28
        ["2024-09-03", "zed", ""], ["2024-09-05", "zed", ""], ["2024-09-12", "yan", ""],
    ]  # fmt: skip
    tables["questions"] += [["2024-09-05 09:00:00", "zed", "2024-09-05"]]  # row 14
    return write_course(folder, tables)


def test_dropped_students_are_warnings_naming_them(tmp_path: Path) -> None:
    status, output = gradelib_check(with_dropped(tmp_path / "course"))
    assert status == 0, output
    for line in [
        "warning: groups.csv, row 8, column uniqname: uniqname 'zed' is not on the roster (a "
        "student who dropped?); this row is left out of grading",
        "warning: groups.csv, row 9, column uniqname: uniqname 'yan' is not on the roster (a "
        "student who dropped?); this row is left out of grading",
        "warning: groups.csv: group g4 has no member on the roster (yan dropped); its scores "
        "count for nobody",
        "warning: attendance.csv, row 26, column uniqname: uniqname 'zed' is not on the roster "
        "(a student who dropped?); their 2 rows here are left out of grading (also 27)",
        "warning: attendance.csv, row 28, column uniqname: uniqname 'yan' is not on the roster "
        "(a student who dropped?); this row is left out of grading",
        "warning: questions.csv, row 14, column uniqname: uniqname 'zed' is not on the roster "
        "(a student who dropped?); this row is left out of grading",
    ]:
        assert line in output, line
    assert "0 error(s)" in output
    assert "add the student to roster.csv" not in output
    assert "6 students, ready to grade" in output


def test_the_enrolled_students_grade_as_without_them(tmp_path: Path) -> None:
    course = gradelib.load_course(with_dropped(tmp_path / "course"))
    grades = score_course(course).grades.set_index("uniqname")
    assert list(grades.index) == list(BASE_FINALS)
    for uniqname, (final, letter) in BASE_FINALS.items():
        assert grades.loc[uniqname, "final"] == pytest.approx(final), uniqname
        assert grades.loc[uniqname, "letter"] == letter, uniqname
    base = score_course(gradelib.load_course(write_course(tmp_path / "base"))).grades
    pd.testing.assert_frame_equal(grades.reset_index(), base)


def test_many_rows_of_one_student_are_one_warning(tmp_path: Path) -> None:
    tables = base_tables()
    days = ("2024-09-03", "2024-09-05", "2024-09-12", "2024-10-22")
    tables["attendance"] += [[day, "zed", status] for status in ("", "present") for day in days]
    status, output = gradelib_check(write_course(tmp_path / "course", tables))
    assert status == 0, output
    lines = [line for line in output.splitlines() if "'zed'" in line]
    assert lines == [
        "warning: attendance.csv, row 26, column uniqname: uniqname 'zed' is not on the roster "
        "(a student who dropped?); their 8 rows here are left out of grading (also 27, 28, "
        "29, 30, 31 and 2 more)"
    ]


def test_an_enrolled_student_in_no_group_is_still_an_error(tmp_path: Path) -> None:
    tables = base_tables()
    tables["groups"] = [row for row in tables["groups"] if row[1] != "frank"]
    tables["groups"].append(["g3", "zed"])
    status, output = gradelib_check(write_course(tmp_path / "course", tables))
    assert status == 1, output
    assert "error: groups.csv: frank (roster.csv row 8) is in no group; add a row for them" in (
        output
    )


def test_an_override_for_someone_not_on_the_roster_stays_an_error(tmp_path: Path) -> None:
    folder = write_course(tmp_path / "course", overrides=[["zed", "final", "90", "regrade"]])
    status, output = gradelib_check(folder)
    assert status == 1, output
    assert (
        "error: overrides.csv, row 2, column uniqname: uniqname 'zed' is not on the roster; "
        "check the spelling or add the student to roster.csv"
    ) in output


def test_enrolled_only_keeps_the_roster_rows() -> None:
    roster = pd.DataFrame({"uniqname": ["alice", "bob"]})
    frame = pd.DataFrame({"uniqname": ["zed", "alice", "yan", "bob"], "row": [2, 3, 4, 5]})
    assert enrolled_only(frame, roster).to_dict("list") == {
        "uniqname": ["alice", "bob"],
        "row": [3, 5],
    }


def test_course_and_report_hold_no_dropped_rows(tmp_path: Path) -> None:
    course = gradelib.load_course(with_dropped(tmp_path / "course"))
    report = score_course(course)
    enrolled = {row[3] for row in ROSTER[2:-1]}
    for frame in (course.groups, course.attendance, course.questions, report.questions):
        assert set(frame["uniqname"]) <= enrolled
