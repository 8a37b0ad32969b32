"""The grades columns as of a day, from records built once for the whole term.

The progress panel shows the grades table as of a picked day. Scoring the course cut back
to that day (:func:`gradelib.score.as_of.course_as_of` and
:func:`~gradelib.score.grades.score_course`) gives the same numbers, but builds every
record again and words every note. Cutting a course back to a day changes only which
rows count, not the rows themselves, so :func:`scoring_basis` builds what the term has
once (rubric items, the attendance and question records, the project components,
Piazza) and :func:`grades_as_of` counts only what is dated up to the day:

- attendance: the record's columns dated up to the day (a later date's row and its
  overrides touch only later columns);
- questions: the record's paper lectures up to the day (an on-time question is stamped
  before its class starts, so before the end of any day from its lecture's on; a late
  one changes no score);
- presentation and summary: the lectures scheduled up to the day, with their items;
- the project components (undated) and Piazza: as for the whole term.

Overrides, weights and letters are then applied as :func:`score_course` applies them, by
the same functions (:func:`gradelib.score.grades.graded`).
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

import numpy as np
import pandas as pd

from gradelib.load.course import Course
from gradelib.policy.model import COMPONENTS, LECTURE_ROLES
from gradelib.score.as_of import calendar_day, end_of_day, rows_up_to
from gradelib.score.components import group_ids, lecture_slots, project_component, slot_scores
from gradelib.score.grades import component_frames, grade_columns, graded
from gradelib.score.items import item_scores
from gradelib.score.participation import counted_participation, piazza_scores
from gradelib.score.records import (
    LATE,
    NO_QUESTION,
    ON_TIME,
    Grid,
    Records,
    course_records,
    question_cells,
    question_frame,
)


@dataclass(frozen=True)
class Basis:
    """What scoring the course as of any day shares (:func:`scoring_basis`).

    Attributes
    ----------
    course : Course
        The whole term's course.
    students : pandas.Index
        The roster's uniqnames (named ``uniqname``).
    membership : pandas.Series
        Each student's group, by uniqname.
    items : pandas.DataFrame
        Every rubric item of the term (:func:`gradelib.score.items.item_scores`).
    records : Records
        The attendance and question records of the term.
    slots : dict of str to pandas.DataFrame
        Each lecture sheet's lectures of the term with their items
        (:func:`gradelib.score.components.lecture_slots`).
    fixed : dict of str to pandas.DataFrame
        The undated components' scores by group (the project components).
    piazza : pandas.DataFrame
        :func:`gradelib.score.participation.piazza_scores`.
    late : tuple
        The logged questions that came after their lecture's class start: row and column
        in the question record (numpy.ndarray), and time stamp (pandas.DatetimeIndex).
    """

    course: Course
    students: pd.Index
    membership: pd.Series
    items: pd.DataFrame
    records: Records
    slots: dict[str, pd.DataFrame]
    fixed: dict[str, pd.DataFrame]
    piazza: pd.DataFrame
    late: tuple[np.ndarray, np.ndarray, pd.DatetimeIndex]


def scoring_basis(course: Course) -> Basis:
    """Build once what :func:`grades_as_of` shares across days.

    Parameters
    ----------
    course : Course
        A course from :func:`gradelib.load_course` (the whole term).

    Returns
    -------
    Basis
    """
    students = pd.Index(course.roster["uniqname"], name="uniqname")
    items = item_scores(course)
    fixed = {
        key: project_component(course, items, key)[0]
        for key in COMPONENTS
        if key != "participation" and key not in LECTURE_ROLES
    }
    records = course_records(course)
    papers = course.schedule.loc[course.schedule["presenter"].notna(), "date"]
    row, column, stamps, on_time = question_cells(course, records.questions.who, papers)
    return Basis(
        course,
        students,
        course.group_of.reindex(students),
        items,
        records,
        {sheet: lecture_slots(course.schedule, items, sheet) for sheet in LECTURE_ROLES},
        fixed,
        piazza_scores(course, students),
        (row[~on_time], column[~on_time], stamps[~on_time]),
    )


def grades_as_of(basis: Basis, as_of: datetime.date) -> pd.DataFrame:
    """The grades table as of the end of ``as_of``, without the notes.

    The numbers are those of ``score_course(course_as_of(course, as_of)).grades``
    (pinned by a test), worked out from the records of ``basis``.

    Parameters
    ----------
    basis : Basis
        From :func:`scoring_basis`.
    as_of : datetime.date
        The last day that counts.

    Returns
    -------
    pandas.DataFrame
        One row per student, the columns and dtypes of
        :func:`gradelib.score.grades.grade_columns` but ``notes``.
    """
    course, day = basis.course, calendar_day(as_of)
    groups = group_ids(course)
    group_scores = dict(basis.fixed)
    for sheet, slots in basis.slots.items():
        group_scores[sheet] = slot_scores(rows_up_to(slots, day), groups)
    records = records_as_of(basis, day)
    participation = counted_participation(course, records, basis.students, basis.piazza)
    frames = component_frames(basis.students, basis.membership, participation, group_scores)
    grades = graded(course, basis.membership, frames, notes=False)[3]
    columns = {key: dtype for key, dtype in grade_columns().items() if key != "notes"}
    return grades.reset_index().astype(columns)


def records_as_of(basis: Basis, day: pd.Timestamp, end: pd.Timestamp | None = None) -> Records:
    """The records of ``basis`` cut back to their columns dated up to ``day`` (undated
    ones too).

    The cells stay as they are, but for late questions: with ``end`` (the end of the
    day, UTC) a question stamped at or after it is not in the log yet (an on-time one
    always came before). Scores do not tell late from none; the work still to do does.
    """
    attendance, _ = _columns_up_to(basis.records.attendance, day)
    questions, keep = _columns_up_to(basis.records.questions, day)
    if end is not None:
        codes = questions.codes.copy()
        codes[codes == LATE] = NO_QUESTION
        row, column, stamps = basis.late
        came = keep[column] & np.asarray(stamps < end)
        cells = (row[came], (np.cumsum(keep) - 1)[column[came]])
        codes[cells] = np.where(codes[cells] == ON_TIME, ON_TIME, LATE)
        questions = dataclasses.replace(questions, codes=codes)
    return Records(attendance, questions)


def questions_as_of(basis: Basis, as_of: datetime.date) -> pd.DataFrame:
    """The question record at the end of ``as_of`` (as
    :func:`gradelib.score.participation.question_record` of the course as of then)."""
    day, end = calendar_day(as_of), end_of_day(basis.course, as_of)
    return question_frame(records_as_of(basis, day, end).questions)


def _columns_up_to(grid: Grid, day: pd.Timestamp) -> tuple[Grid, np.ndarray]:
    """A grid cut back to its columns dated up to ``day`` (or undated), and which."""
    dates = pd.DatetimeIndex(grid.dates)
    keep = np.asarray((dates <= day) | dates.isna())
    reasons = grid.reasons
    if len(reasons):
        column = reasons["column"].to_numpy(dtype=int)
        kept = keep[column]
        renumbered = (np.cumsum(keep) - 1)[column[kept]]
        reasons = reasons.loc[kept].assign(column=renumbered).reset_index(drop=True)
    cut = Grid(grid.who, grid.dates[keep], grid.codes[:, keep], grid.kept[:, keep], reasons)
    return cut, keep
