"""Every number format the openpyxl writer offers, on a criterion cell and an override cell.

The course is the shared case ``rub-percent-cells`` (tests/fixtures/cases). Its proposal
sheet gives the one criterion ``c`` a maximum of 10; g1's score (cell C3, 8 in the case)
becomes **0.6** in the format under test, and ``overrides.xlsx`` sets alice's final to
**0.95** in the same format. What each cell is read as, worked out by hand:

- percent (``0%``, ``0.00%``): the criterion is 60 % of its maximum, 6 points; the override
  is 95. g1's proposal is 60, its project report .25 × 60 + .75 × 90 = 82.5 (33 points of
  40), so bob's final is 12 + 9 + 10 + 33 + 16 = **80.00**; alice's final is 95.00.
- every other number format: the stored number, 0.6 points and 0.95 %. g1's proposal is 6,
  its project report .25 × 6 + .75 × 90 = 69 (27.60 points), bob's final **74.60**; alice's
  final 0.95. A format that shows the number otherwise (``0`` shows 0.6 as ``1``, ``# ?/?``
  shows 0.95 as ``1``) adds a warning naming the cell and both numbers.
- date and time formats: the cell shows a clock time (0.6 of a day is 14:24, 0.95 is
  22:48), which is neither points nor a percentage: an error naming each cell.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles.numbers import BUILTIN_FORMATS

import gradelib
from gradelib.load.course import check_course

CASE = Path(__file__).resolve().parent / "fixtures" / "cases" / "rub-percent-cells"

PERCENT = {9, 10}
DATE_TIME = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
#: Formats that show 0.6 as 1 (no decimals).
HIDE_06 = {1, 3, 5, 6, 37, 38, 41, 42}
#: Formats that show 0.95 as 1: no decimals, or fractions up to ninths.
HIDE_095 = HIDE_06 | {12}
CRITERION = "rubrics.xlsx, sheet proposal, row 3, column c"
OVERRIDE = "overrides.xlsx, sheet Sheet, row 2, column value"


def course_with(tmp_path: Path, criterion: object, override: object, code: str | None) -> Path:
    folder = tmp_path / "course"
    shutil.copytree(CASE, folder)
    for path in folder.iterdir():
        path.chmod(0o644)
    book = openpyxl.load_workbook(folder / "rubrics.xlsx")
    book["proposal"]["C3"] = criterion
    if code is not None:
        book["proposal"]["C3"].number_format = code
    book.save(folder / "rubrics.xlsx")
    overrides = openpyxl.Workbook()
    sheet = overrides.active
    sheet.append(["uniqname", "component", "value", "reason"])
    sheet.append(["alice", "final", override, "regrade"])
    if code is not None:
        sheet["C2"].number_format = code
    overrides.save(folder / "overrides.xlsx")
    return folder


def expected(number: int) -> tuple[tuple[float, float] | None, list[str]]:
    """(bob's final, alice's final) or None for errors, and the problems, by hand."""
    code = BUILTIN_FORMATS[number]
    if number in PERCENT:
        return (80.0, 95.0), []
    if number in DATE_TIME:
        return None, [
            f"error: {CRITERION}: 14:24:00 is not a score from 0 to 10 (or a percentage of it)",
            f"error: {OVERRIDE}: 22:48:00 is not a percentage from 0 to 100, or 'excused'",
        ]
    problems = []
    if number in HIDE_06:
        problems.append(
            f"warning: {CRITERION}: the cell shows 1 (number format '{code}') but holds 0.6; "
            "read as 0.6, the value Excel computes with (show more digits, or type 1)"
        )
    if number in HIDE_095:
        problems.append(
            f"warning: {OVERRIDE}: the cell shows 1 (number format '{code}') but holds 0.95; "
            "read as 0.95, the value Excel computes with (show more digits, or type 1)"
        )
    return (74.6, 0.95), problems


def test_the_formats_are_the_ones_the_writer_offers() -> None:
    assert set(BUILTIN_FORMATS) == set(range(23)) | set(range(37, 50))
    assert set(BUILTIN_FORMATS) >= PERCENT | DATE_TIME | HIDE_095


#: The format ``make quick`` keeps: a percent (``make test`` runs them all).
QUICK = {9}


@pytest.mark.parametrize(
    "number",
    [
        pytest.param(
            n, id=f"{n}:{BUILTIN_FORMATS[n]}", marks=[] if n in QUICK else pytest.mark.slow
        )
        for n in sorted(BUILTIN_FORMATS)
    ],
)
def test_each_format_is_read_as_shown(number: int, tmp_path: Path) -> None:
    folder = course_with(tmp_path, 0.6, 0.95, BUILTIN_FORMATS[number])
    course, problems = check_course(folder)
    want, messages = expected(number)
    assert [str(p) for p in problems] == messages
    if want is None:
        assert course is None
        return
    assert course is not None
    grades = gradelib.compute_grades(course).set_index("uniqname")
    assert (grades.loc["bob", "final"], grades.loc["alice", "final"]) == want


@pytest.mark.slow
@pytest.mark.parametrize(
    ("criterion", "override", "want"),
    [
        ("0.6", "0.95", (74.6, 0.95)),  # numbers stored as text: the number shown
        ("60%", "95%", (80.0, 95.0)),  # percentages typed as text
        (" 60 % ", " 95 %", (80.0, 95.0)),
    ],
    ids=["text-number", "text-percent", "text-percent-spaces"],
)
def test_text_cells_are_read_as_they_read(
    criterion: str, override: str, want: tuple[float, float], tmp_path: Path
) -> None:
    course, problems = check_course(course_with(tmp_path, criterion, override, None))
    assert course is not None, [str(p) for p in problems]
    assert not problems
    grades = gradelib.compute_grades(course).set_index("uniqname")
    assert (grades.loc["bob", "final"], grades.loc["alice", "final"]) == want


@pytest.mark.slow
def test_a_percent_above_100_is_outside_the_maximum(tmp_path: Path) -> None:
    course, problems = check_course(course_with(tmp_path, 1.5, 1.5, "0%"))
    assert course is None
    assert [str(p) for p in problems] == [
        f"error: {CRITERION}: 150% is not a score from 0 to 10 (or a percentage of it)",
        f"error: {OVERRIDE}: 150% is not a percentage from 0 to 100, or 'excused'",
    ]


@pytest.mark.slow
def test_a_custom_format_that_hides_a_digit_of_a_percent(tmp_path: Path) -> None:
    """0.605 in ``0%`` shows 61 %: read as 60.5 % of 10 = 6.05 points, with a warning."""
    course, problems = check_course(course_with(tmp_path, 0.605, 0.95, "0%"))
    assert course is not None
    assert [str(p) for p in problems] == [
        f"warning: {CRITERION}: the cell shows 61% (number format '0%') but holds 60.5%; "
        "read as 60.5%, the value Excel computes with (show more digits, or type 61%)"
    ]
    assert course.rubrics["proposal"].criteria["c"].tolist() == [6.05, 10.0]
