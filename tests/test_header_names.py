"""Issue 14, crashes: no header name an input file can carry collides with a name used inside
the package.

``att-row-column`` (tests/fixtures/cases): attendance.csv with an extra first column
``Row`` crashed loading; the extra column is ignored like any other and the course grades
as the base shape (g1 82.00 B-, g2 83.00 B). The property test then throws generated
header names at every table of the base course of tests/builder.py (internal column names,
key-column names used as criteria, blanks, duplicates, non-ASCII, formulas) and asserts that
:func:`gradelib.check_course` never raises: it returns problems.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from builder import ROSTER, base_rubrics, base_tables, examples, write_course, write_csv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gradelib
from gradelib.load.course import check_course
from gradelib.sheets.tables import CELL_ROW, ROW

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"

#: Names used inside the package for columns of its frames, and the input's own key names.
INTERNAL = [
    ROW, CELL_ROW, "Row", " ROW ", "points", "score", "sheet", "pending", "submitted_day_only",
    "excused", "raw_score", "graders", "grader_scores", "shown", "late", "flagged", "deadline",
    "_slot", "_scorers", "_who", "_student", "_component", "index", "level_0", "name",
    "section", " criterion 0", "criterion 0", "on_time", "held", "absences",
]  # fmt: skip
KEYS = [
    "group", "uniqname", "date", "kind", "topic", "presenter", "summarizer", "reviewer",
    "status", "timestamp", "email", "Email Address", "contributions", "component", "value",
    "reason", "grader", "submitted", "max", "total", "Total", "sum", "overall",
]  # fmt: skip
ODD = ["", " ", "\t", "nan", "None", "NaN", "1", "1.0", "=SUM(A1:A2)", "Zoë", "学生",
       "Ünïcödé ✓", "é\u0301", "\u200b", "a\nb", "'quoted'", '"dq"', "@", "100%"]  # fmt: skip

names = st.one_of(
    st.sampled_from(INTERNAL + KEYS + ODD),
    st.text(min_size=0, max_size=12),
)
cells = st.one_of(
    st.none(),
    st.integers(-5, 50),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["", "x", "alice", "g1", "2024-09-03", "9/3/2024 9:00:00", "60%", "max"]),
)
TABLES = ["groups", "schedule", "attendance", "questions", "piazza", "overrides", "roster"]
TARGETS = TABLES + [f"rubric:{sheet}" for sheet in base_rubrics()]


def _headed(rows: list[list[object]], headers: list[str], mode: str, values) -> None:
    """Change the header row of ``rows`` in place: add, replace or put first."""
    width = len(headers)
    if mode == "replace":
        for position, name in enumerate(headers[: len(rows[0])]):
            rows[0][position] = name
        return
    for index, row in enumerate(rows):
        extra = headers if index == 0 else [values(index, k) for k in range(width)]
        row[:] = [*extra, *row] if mode == "prepend" else [*row, *extra]


def _course(folder: Path, target: str, headers: list[str], mode: str, xlsx: bool, values) -> Path:
    tables, rubrics = base_tables(), base_rubrics()
    tables["overrides"] = [["uniqname", "component", "value", "reason"],
                           ["alice", "final", "90", "regrade"]]  # fmt: skip
    roster = copy.deepcopy(ROSTER)
    if target.startswith("rubric:"):
        sheet = rubrics[target.split(":", 1)[1]]
        _headed(sheet, headers, mode, values)
        sheet[:] = [[_cell_for_xlsx(cell) for cell in row] for row in sheet]
    else:
        _headed(roster if target == "roster" else tables[target], headers, mode, values)
    write_course(folder, tables, rubrics, roster=roster)
    if xlsx and not target.startswith("rubric:") and target != "roster":
        book = openpyxl.Workbook()
        for row in tables[target]:
            book.active.append([_cell_for_xlsx(cell) for cell in row])
        (folder / f"{target}.csv").unlink()
        book.save(folder / f"{target}.xlsx")
    return folder


def _cell_for_xlsx(cell: object) -> object:
    """openpyxl refuses control characters in cells; a person could not type them either."""
    if isinstance(cell, str):
        return "".join(ch for ch in cell if ch >= " " or ch in "\t\n")
    return cell


@pytest.mark.slow
@settings(
    # Each example writes a course, checks and grades it (~0.4 s); not derandomized, so
    # every run tries 50 new ones (was 80 a run).
    max_examples=examples(50),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    target=st.sampled_from(TARGETS),
    headers=st.lists(names, min_size=1, max_size=4),
    mode=st.sampled_from(["append", "prepend", "replace"]),
    xlsx=st.booleans(),
    data=st.data(),
)
def test_check_never_raises_whatever_the_header_names(
    target: str, headers: list[str], mode: str, xlsx: bool, data
) -> None:
    grid: dict[tuple[int, int], object] = {}

    def values(row: int, column: int) -> object:
        if (row, column) not in grid:
            grid[row, column] = data.draw(cells)
        return grid[row, column]

    with tempfile.TemporaryDirectory() as scratch:
        folder = _course(Path(scratch) / "course", target, headers, mode, xlsx, values)
        course, problems = check_course(folder)  # must not raise
        assert course is not None or any(p.severity == "error" for p in problems)
        if course is not None:
            gradelib.compute_grades(course)  # nor grading


@pytest.mark.slow
def test_an_extra_row_column_in_attendance_grades_as_the_base_course() -> None:
    course, problems = check_course(CASES / "att-row-column")
    assert course is not None, [str(p) for p in problems]
    assert not problems
    assert course.attendance["row"].tolist()[:3] == [2, 3, 4]  # spreadsheet rows, not 'Row'
    grades = gradelib.compute_grades(course).set_index("uniqname")
    assert grades[["final", "letter"]].values.tolist() == [
        [82.0, "B-"], [82.0, "B-"], [83.0, "B"], [83.0, "B"],
    ]  # fmt: skip


@pytest.mark.slow
def test_a_criterion_named_row_or_score_is_a_criterion(tmp_path: Path) -> None:
    """A criterion may carry a name the package uses for its own columns."""
    rubrics = base_rubrics()
    rubrics["poster"] = [
        ["group", "grader", "row", "score", "points"],
        ["max", None, 10, 5, 5],
        ["g1", "insujang", 10, 5, 5], ["g2", "insujang", 9, 5, 4], ["g3", "insujang", 7, 3, 4],
    ]  # fmt: skip
    folder = write_course(tmp_path / "course", rubrics=rubrics)
    course, problems = check_course(folder)
    assert course is not None, [str(p) for p in problems]
    poster = course.rubrics["poster"]
    assert list(poster.maxima) == ["row", "score", "points"]
    # 20/20 = 100, 18/20 = 90, 14/20 = 70: the base course's poster scores.
    assert poster.scores["score"].tolist() == [100.0, 90.0, 70.0]
    assert poster.scores["row"].tolist() == [3, 4, 5]
    grades = gradelib.compute_grades(course)
    assert grades["final"].astype(float).tolist() == [92.35, 92.35, 92.35, 88.15, 88.15, 68.75]


@pytest.mark.slow
def test_a_policy_may_name_a_criterion_row(tmp_path: Path) -> None:
    rubrics = base_rubrics()
    rubrics["poster"][0][2] = "Row"
    folder = write_course(
        tmp_path / "course", rubrics=rubrics, policy="[rubrics.poster]\nrow = 20\n"
    )
    course, problems = check_course(folder)
    assert course is not None, [str(p) for p in problems]
    assert dict(course.rubrics["poster"].maxima) == {"row": 20.0}


@pytest.mark.slow
def test_a_roster_with_a_row_column_still_loads(tmp_path: Path) -> None:
    roster = [[*row, "Row" if index == 0 else str(index)] for index, row in enumerate(ROSTER)]
    folder = write_course(tmp_path / "course", roster=roster)
    write_csv(folder / "roster.csv", roster, bom=True, crlf=True)
    course, problems = check_course(folder)
    assert course is not None, [str(p) for p in problems]
    shutil.rmtree(folder)
