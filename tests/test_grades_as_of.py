"""The grades as of a day from records built once (gradelib.score.grades_as_of).

The work still to do and the closed gaps as of a day read the same records
(``term_progress(..., basis=...)``), and the term's rubric, summary and attendance gaps
listed once (:func:`gradelib.score.gaps.term_gaps`), kept up to the day.

The progress panel shows the grades table as of a picked day without scoring the cut
course again: :func:`grades_as_of` counts the term's records up to the day. Its numbers
must be those of ``score_course(course_as_of(course, day))`` exactly, on every day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from builder import write_course
from test_progress import as_it_stood_on_09_05, midterm_course

import gradelib
from gradelib.score.as_of import calendar_day, course_as_of
from gradelib.score.gaps import term_gaps
from gradelib.score.grades import grade_columns
from gradelib.score.grades_as_of import grades_as_of, scoring_basis
from gradelib.score.progress import term_progress

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def every_day(course: gradelib.Course) -> list[dt.date]:
    """Each schedule day, the day before the first and after the last, and a day between
    two class days."""
    days = sorted({stamp.date() for stamp in course.schedule["date"]})
    one = dt.timedelta(days=1)
    return [days[0] - one, *days, days[len(days) // 2] + one, days[-1] + 30 * one]


def assert_same_as_a_full_score(course: gradelib.Course) -> None:
    """The grades, the term's gaps, and the work still to do and closed, as of every
    day: the same from the basis (and the term's gaps) as from the course cut back to
    the day."""
    basis, gaps = scoring_basis(course), term_gaps(course)
    for day in every_day(course):
        then = course_as_of(course, day)
        want = gradelib.score_course(then).grades.drop(columns="notes")
        pd.testing.assert_frame_equal(grades_as_of(basis, day), want, check_exact=True)
        kept = gaps.as_of(calendar_day(day), include_project=True)
        listed = term_gaps(then)
        for have, cut in zip(kept, [listed.dated, listed.project], strict=True):
            pd.testing.assert_frame_equal(have, cut, check_exact=True)
        for project in (False, True):
            cut = term_progress(course, day, include_project=project)
            shared = term_progress(course, day, include_project=project, basis=basis)
            pd.testing.assert_frame_equal(shared.to_do, cut.to_do, check_exact=True)
            pd.testing.assert_frame_equal(shared.closed, cut.closed, check_exact=True)


def test_sample_every_day_as_a_full_score() -> None:
    assert_same_as_a_full_score(gradelib.load_course(SAMPLE))


def test_mid_term_course_every_day_as_a_full_score(tmp_path: Path) -> None:
    """Attendance not taken on later days, a blank rubric row, an excused day, a lecture
    with no question from a student."""
    assert_same_as_a_full_score(midterm_course(tmp_path / "course"))


def test_whole_course_every_day_as_a_full_score(tmp_path: Path) -> None:
    assert_same_as_a_full_score(gradelib.load_course(write_course(tmp_path)))


def test_columns_are_the_grades_columns_but_notes() -> None:
    course = gradelib.load_course(SAMPLE)
    grades = grades_as_of(scoring_basis(course), dt.date(2024, 10, 15))
    want = {key: dtype for key, dtype in grade_columns().items() if key != "notes"}
    assert {key: str(dtype) for key, dtype in grades.dtypes.items()} == want


def test_as_of_09_05_by_hand(tmp_path: Path) -> None:
    """The numbers worked out by hand in test_progress.test_current_as_of_mid_term_by_hand:
    erin 93.44 now (44.75 final), dave 90.31, alice 85.38 with no summary yet; before any
    class day only participation (100) and the proposal count."""
    course = as_it_stood_on_09_05(tmp_path)
    basis = scoring_basis(course)
    grades = grades_as_of(basis, dt.date(2024, 9, 5)).set_index("uniqname")
    assert grades.loc["erin", "participation"] == pytest.approx(100.0)
    assert (grades.loc["erin", "current"], grades.loc["erin", "final"]) == (93.44, 44.75)
    assert grades.loc["dave", "current"] == 90.31
    assert grades.loc["alice", "summary_status"] == "ungraded"
    assert grades.loc["alice", "current"] == 85.38
    before = grades_as_of(basis, dt.date(2024, 9, 1)).set_index("uniqname")
    assert before.loc[["alice", "erin", "frank"], "current"].tolist() == [84.0, 100.0, 68.0]
    assert before.loc[["alice", "erin", "frank"], "final"].tolist() == [18.0, 20.0, 16.0]


def test_the_basis_is_the_whole_term() -> None:
    """The basis is built once: later days' rows are in it, cut only when counted."""
    course = gradelib.load_course(SAMPLE)
    basis = scoring_basis(course)
    early = grades_as_of(basis, dt.date(2024, 9, 5))
    whole = grades_as_of(basis, dt.date(2025, 1, 1))
    full = gradelib.compute_grades(course).drop(columns="notes")
    pd.testing.assert_frame_equal(whole, full, check_exact=True)
    assert not early["current"].equals(whole["current"])
